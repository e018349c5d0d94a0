"""When a figure is for: months and financial years in its sentence, and derived periods."""

from datetime import date

from croydon_kpi.readers.extract import extract_figures, number_tokens
from croydon_kpi.readers.figure_periods import months_before, year_before


def one(text, **where):
    figures = extract_figures(text)
    for column, value in where.items():
        figures = figures[figures[column] == value]
    assert len(figures) == 1, figures
    return figures.iloc[0]


def test_a_change_s_window_and_a_year_before():
    assert months_before(date(2019, 10, 31), "3 months") == date(2019, 8, 1)
    assert months_before(date(2019, 10, 31), "2 quarters") == date(2019, 5, 1)
    assert year_before(date(2020, 2, 29)) == date(2019, 2, 28)
    assert year_before(date(2019, 10, 31)) == date(2018, 10, 31)


def test_a_financial_year_dates_the_money_figure_beside_it():
    figure = one("The overspend was £2.4m in 2020/21.")
    assert (figure.period_label, str(figure.period_start.date()), str(figure.period_end.date())) == (
        "2020-21",
        "2020-04-01",
        "2021-03-31",
    )


def test_a_month_in_the_sentence_dates_its_figure_and_a_short_financial_year_is_no_minute():
    figure = one("In January 2021 there were 617 children looked after.")
    assert (figure.period_label, figure.measure) == ("January 2021", "cla_count")
    assert number_tokens("The 23/24 budget was agreed.")["category"].tolist() == ["financial_year", "financial_year"]
