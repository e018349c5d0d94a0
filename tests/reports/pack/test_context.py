"""What every section works from: the store as known at the month's end, the month, the area."""

from croydon_kpi.reports.pack.context import monthly, stored_figure_text


def test_the_context_is_the_area_and_month_with_local_figures(october):
    assert october.area.name == "Croydon" and str(october.month) == "2019-10" and october.has_local_figures
    assert october.comparators == ("London", "England")


def test_a_whole_number_is_written_without_decimals(october):
    assert october.text("social_workers_agency_percent", 46.0) == "46%"
    assert october.text("social_workers_agency_percent", 46.6) == "46.6%"
    assert october.text("social_workers_agency_percent", None) == format_none(october)


def format_none(october):
    from croydon_kpi.reports.formatting import format_value

    return format_value(None, "percent")


def test_a_monthly_series_keeps_whole_months_only(october):
    series = october.local_series("cp_plans_second_or_subsequent_percent")
    assert len(monthly(series)) <= len(series) and (monthly(series)["period_start"].dt.day == 1).all()


def test_a_missing_published_figure_is_said_so():
    assert stored_figure_text(None, None) == "no figure"
