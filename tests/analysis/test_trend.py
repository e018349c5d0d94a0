"""Direction of travel: changes in the measure's own unit and plain sentences."""

import pandas as pd

from croydon_kpi.analysis.trend import direction_of_travel


def test_cla_rate_sentences_on_the_real_series(store):
    series = store.series("cla_rate_per_10k", area="Croydon", status="published_statistic")
    upto_2022 = direction_of_travel(series[series["period_end"] <= "2022-03-31"], "rate_per_10k", "neutral", 0)
    assert upto_2022.sentences == [
        "Down 15 per 10,000 on 31 Mar 2021.",
        "It has fallen for the third year running.",
        "The lowest of the 7 figures since 31 Mar 2016.",
    ]
    latest = direction_of_travel(series, "rate_per_10k", "neutral", 0)
    assert latest.sentences[-1] == "The highest since 31 Mar 2022."
    changes = {c.against: c for c in latest.changes}
    assert changes["12 months"].change == 3 and changes["3 months"].note == "no figure for December 2024"


def test_agency_rate_in_percentage_points(store):
    series = store.series("social_workers_agency_percent", area="Croydon", status="published_statistic")
    found = direction_of_travel(series[series["period_end"] <= "2019-12-31"], "percent", "lower_is_better", 1)
    assert found.sentences[0] == "Down 8.1 percentage points on 30 Sep 2018 (better)."


def test_monthly_gaps_are_said_not_hidden():
    months = pd.to_datetime(["2019-05-31", "2019-06-30", "2019-07-31", "2019-08-31", "2019-10-31"])
    series = pd.DataFrame(
        {"period_end": months, "period_label": [f"{m:%B %Y}" for m in months], "value": [70, 75, 73, 71, 67]}
    )
    found = direction_of_travel(series, "percent", "higher_is_better", 0)
    assert found.sentences[0] == "No figure for September 2019; compared with August 2019 instead."
    assert {c.against: c.note for c in found.changes}["6 months"] == "no figure for April 2019"
    series.loc[4, "period_end"], series.loc[4, "period_label"] = pd.Timestamp("2019-09-30"), "September 2019"
    assert (
        "It has fallen for the third month running."
        in direction_of_travel(series, "percent", "higher_is_better", 0).sentences
    )


def test_a_change_too_small_to_show_is_unchanged_not_up_0():
    months = pd.to_datetime(["2019-09-30", "2019-10-31"])
    series = pd.DataFrame(
        {"period_end": months, "period_label": ["September 2019", "October 2019"], "value": [46.6, 46.64]}
    )
    assert direction_of_travel(series, "percent", "lower_is_better", 1).sentences[0] == "Unchanged on September 2019."


def test_a_change_is_rounded_half_up():
    months = pd.to_datetime(["2019-09-30", "2019-10-31"])
    series = pd.DataFrame(
        {"period_end": months, "period_label": ["September 2019", "October 2019"], "value": [10, 10.25]}
    )
    assert direction_of_travel(series, "percent", "neutral", 1).sentences[0].startswith("Up 0.3 percentage points")


def test_one_percentage_point_is_singular():
    months = pd.to_datetime(["2019-09-30", "2019-10-31"])
    series = pd.DataFrame({"period_end": months, "period_label": ["September 2019", "October 2019"], "value": [70, 71]})
    assert direction_of_travel(series, "percent", "higher_is_better", 0).sentences[0] == (
        "Up 1 percentage point on September 2019 (better)."
    )
