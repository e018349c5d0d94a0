"""The pack's charts: the area's own months first, one MDC XmR chart per measure, then the
published statistics per area of work, the area against its comparators."""

import pytest

from croydon_kpi.reports import pack
from croydon_kpi.reports.charts import AREA_LINE_WIDTH, ROLE_COLOURS
from croydon_kpi.reports.pack.context import monthly
from croydon_kpi.reports.pack.domain_charts import domain_charts, monthly_charts, published_charts
from croydon_kpi.reports.present import chart_id


@pytest.fixture(scope="module")
def synthetic(store):
    """The synthetic borough's pack for October 2019, as its sections see it."""
    return pack.prepare("2019-10", "synthetic", store).context


def local_monthly_measures(ctx) -> set[str]:
    """Found here straight from the store: measures with a figure of the area's own for a whole month."""
    figures = ctx.store.figures
    own = figures[
        (figures["area_name"] == ctx.area.name)
        & figures["status"].isin(["reported", "computed"])
        & figures["value"].notna()
        & (figures["measure"] != "unmapped")
    ]
    return set(monthly(own)["measure"])


def chart(charts, title_end: str):
    return next(figure for title, figure in charts if title.endswith(title_end))


def test_the_synthetic_borough_has_one_xmr_chart_per_local_monthly_measure(synthetic):
    charts = monthly_charts(synthetic)
    assert len(charts) == len(local_monthly_measures(synthetic)) == 19
    assert all(title.startswith("By month: ") for title, _ in charts)
    visits = chart(charts, "Child in need visits within timescale")
    months = len(monthly(synthetic.local_series("cin_visits_timely_percent")))
    assert months == 34  # January 2017 to October 2019
    assert len(visits.data[0].x) == months and visits.data[0].name == "Synthetic"
    assert {"Mean", "Upper process limit", "Lower process limit"} <= {t.name for t in visits.data}
    assert (
        visits.layout.xaxis.range[1] == months and visits.layout.xaxis.ticktext[-1] == "Oct 2019"
    )  # ends with October
    assert visits.data[0].text[-1] == "October 2019"  # hover says the month


def test_the_areas_line_is_the_most_visible_and_the_latest_comparators_stand_beside_it(synthetic):
    figure = chart(monthly_charts(synthetic), "Re-referrals within 12 months of a previous referral")
    own = figure.data[0]
    assert (own.name, own.line.color, own.line.width) == ("Synthetic", ROLE_COLOURS["area"], AREA_LINE_WIDTH)
    comparators = [t for t in figure.data if t.name.startswith(("London", "England"))]
    # the synthetic borough is in no region: England alone (London only ever for a London borough)
    assert [t.name for t in comparators] == ["England, year to 31 Mar 2018: 21.9%"]
    assert all(t.line.width < own.line.width for t in comparators)
    counts = chart(monthly_charts(synthetic), "Children subject to a child protection plan")
    assert not [t for t in counts.data if t.name.startswith("England")]  # a count has no comparator


def test_croydons_months_are_charted_first_then_published_statistics_each_with_its_own_id(october):
    charts = domain_charts(october)
    titles = [title for title, _ in charts]
    first_published = next(i for i, t in enumerate(titles) if t.startswith("Published statistics: "))
    assert all(t.startswith("By month: ") for t in titles[:first_published])
    assert len(titles[:first_published]) == 20 and len(titles[first_published:]) == 6
    assert len({chart_id(t) for t in titles}) == len(titles)  # a table can link to each
    one_month = chart(charts, "Child in need visits within timescale")
    assert "Only one month so far: too few for process limits" in one_month.layout.title.text
    published = dict(published_charts(october))
    names = [
        t.name
        for t in published[
            "Published statistics: Children looked after: Children looked after per 10,000 children"
        ].data
    ]
    assert names[0] == "Croydon" and "London" in names and "England" in names


def test_a_stated_target_is_drawn_and_a_short_series_gets_trial_limits(warm_project_copy, write_export):
    # The export's 24 months, November 2023 to October 2025; visits blank for the first 16.
    rows = [
        (
            "CP02",
            "% children subject to a CP plan for a second or subsequent time",
            "Lower is better",
            "20%",
            [22] * 24,
        ),
        (
            "CIN1",
            "% CIN visits within timescale",
            "Higher is better",
            "",
            [None] * 16 + [80, 82, 81, 84, 83, 85, 82, 86],
        ),
    ]
    write_export(warm_project_copy / "data" / "sources" / "scorecards", rows=rows)
    charts = monthly_charts(pack.prepare("2025-10", "Barnsley").context)
    plans = chart(charts, "Child protection plans that were a second or subsequent plan")
    target = next(t for t in plans.data if t.name.startswith("Target"))
    assert target.name == "Target 20%" and set(target.y) == {20}
    visits = chart(charts, "Child in need visits within timescale")
    assert len(visits.data[0].x) == 8
    assert "Upper process limit (trial limits)" in {t.name for t in visits.data}
    assert "Trial limits: 8 points" in visits.layout.title.text
