"""The child-level engine on a hand-built borough whose KPIs are worked out by hand below."""

import pandas as pd
import pytest

from croydon_kpi.childlevel import engine as childlevel

OCT = "2019-10"  # extract at Thursday 31 October 2019


def frame(rows, columns):
    table = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if "Date" in column or "date" in column:
            table[column] = pd.to_datetime(table[column])
    table["Extract month"] = OCT
    return table


@pytest.fixture
def borough():
    cp = frame(
        [
            # id, plan start, last statutory visit, latest review, previous plans, worker
            (
                "CP1",
                "2019-01-10",
                "2019-10-30",
                "2019-07-01",
                0,
                "W1",
            ),  # visit 1 working day ago: on time; reviewed < 6 months
            (
                "CP2",
                "2019-03-01",
                "2019-10-17",
                "2019-04-01",
                1,
                "W1",
            ),  # visit 10 working days ago: on time; review > 6 months: late
            (
                "CP3",
                "2019-09-20",
                "2019-10-16",
                None,
                0,
                "W2",
            ),  # visit 11 working days ago: late; plan < 3 months: no review due
            ("CP4", "2018-06-01", None, "2019-06-01", 2, "W2"),  # never visited: late; reviewed within 6 months
        ],
        [
            "Child Unique ID",
            "Child Protection Plan Start Date",
            "Date of the Last Statutory Visit",
            "Date of latest review conference",
            "Number of Previous Child Protection Plans",
            "Allocated Worker",
        ],
    )
    cin = frame(
        [
            (
                "CIN1",
                "Child in need plan",
                "2019-10-03",
                "2019-09-01",
                "W3",
            ),  # 20 working days: on time; review within 3 months
            ("CIN2", "Child in need plan", "2019-10-02", "2019-06-30", "W3"),  # 21 working days: late; review late
            ("CIN3", "Open assessment", "2019-10-30", None, "W3"),  # not on a plan: not counted
            (
                "CP1",
                "Child Protection plan",
                "2019-10-30",
                None,
                "W1",
            ),  # CP1 again (list 6 holds all open cases): not a CIN plan
        ],
        [
            "Child Unique ID",
            "Case Status",
            "Date Child Was Last Seen",
            "Date of latest CIN plan review",
            "Allocated Worker",
        ],
    )
    cla = frame(
        [
            # id, started, last visit, latest review, last health assessment, miles, current worker since,
            # initial health assessment, worker
            (
                "CLA1",
                "2017-05-01",
                "2019-09-19",
                "2019-06-01",
                "2019-01-15",
                5,
                "2019-04-30",
                None,
                "W1",
            ),  # visit 42 days ago: on time; HA within 12 months
            (
                "CLA2",
                "2019-08-01",
                "2019-09-18",
                None,
                None,
                35,
                "2019-08-01",
                None,
                "W4",
            ),  # 43 days: late; under 6 months: review not due
            (
                "CLA3",
                "2018-01-01",
                "2019-10-01",
                "2019-03-01",
                "2018-09-30",
                25,
                "2019-05-01",
                None,
                "W4",
            ),  # review late; HA late; > 20 miles
            ("CLA4", "2019-09-10", "2019-10-20", None, None, None, "2019-09-10", "2019-10-08", "W4"),
            ("CLA5", "2019-09-09", "2019-10-20", None, None, None, "2019-09-09", "2019-10-08", "W4"),
            ("CLA6", "2019-10-14", "2019-10-20", None, None, None, "2019-10-14", "2019-10-15", "W4"),
            ("CLA7", "2019-09-16", "2019-10-20", None, None, None, "2019-09-16", None, "W4"),
        ],
        [
            "Child Unique ID",
            "Date Started to be Looked After",
            "Date of Last Social Work Visit",
            "Date of Latest Statutory Review",
            "Date of Last Health Assessment",
            "Placement distance from home (miles)",
            "Date Current Social Worker Allocated",
            "Date of Initial Health Assessment",
            "Allocated Worker",
        ],
    )
    leavers = frame(
        [("CL1", "Yes", "Suitable"), ("CL2", "No", "Unsuitable"), ("CL3", "Died", None)],
        ["Child Unique ID", "LA in Touch", "Suitability of Accommodation"],
    )
    # The children referred, assessed and enquired about are children of the lists above.
    referrals = frame(
        [("CIN3", "2019-10-01", 1), ("CP2", "2019-02-01", 2), ("CP4", "2018-10-31", 3)],
        ["Child Unique ID", "Date of referral", "Number of Referrals in Last 12 Months"],
    )
    assessments = frame(
        [("CIN1", "2019-08-01", "2019-10-04"), ("CIN2", "2019-08-01", "2019-10-07")],
        ["Child Unique ID", "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"],
    )
    s47 = frame(
        [("CP3", "2019-10-01", "2019-10-22"), ("CIN3", "2019-10-01", "2019-10-23")],
        [
            "Child Unique ID",
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "Date of Initial Child Protection Conference",
        ],
    )
    return {
        "list_7_child_protection": cp,
        "list_6_children_in_need": cin,
        "list_8_children_looked_after": cla,
        "list_9_care_leavers": leavers,
        "list_3_referrals": referrals,
        "list_4_assessments": assessments,
        "list_5_section_47": s47,
    }


def test_hand_worked_kpis(borough):
    results = childlevel.monthly_scorecard(borough).set_index("measure")
    got = {m: (r.numerator, None if pd.isna(r.denominator) else r.denominator) for m, r in results.iterrows()}
    assert got["cp_children_count"] == (4, None)
    assert got["cp_visits_timely_percent"] == (2, 4)  # CP1 (1 working day), CP2 (10); CP3 (11) and CP4 (none) late
    assert got["cp_reviews_timely_percent"] == (2, 3)  # CP1, CP4 reviewed within 6 months; CP2 late; CP3 not yet due
    assert got["cin_plans_count"] == (2, None)  # CIN3 is an open assessment, CP1 on a CP plan: not CIN plans
    assert got["cin_visits_timely_percent"] == (1, 2)  # 3 Oct is 20 working days before 31 Oct; 2 Oct is 21
    assert got["cin_reviews_timely_percent"] == (1, 2)
    assert got["cla_visits_timely_percent"] == (6, 7)  # 19 Sep is 42 days before 31 Oct (on time), 18 Sep (CLA2) is 43
    assert got["cla_reviews_timely_percent"] == (1, 2)  # CLA2 and CLA4-7 looked after under 6 months: not due
    assert got["cla_review_health_assessments_timely_percent"] == (
        1,
        2,
    )  # CLA1 on time, CLA3 over 12 months; the rest not due
    assert got["cla_placed_within_20_miles_percent"] == (
        1,
        3,
    )  # CLA2 (35 miles) and CLA3 (25) are further; CLA4-7 unknown
    # In care more than 12 months (started before 31 Oct 2018): CLA1 and CLA3. Six months before
    # 31 Oct is 30 Apr: CLA1's worker since 30 Apr counts, CLA3's since 1 May does not.
    assert got["cla_same_social_worker_6_months_percent"] == (1, 2)
    # Initial health assessments due in October: the 20th working day after starting falls after
    # 30 Sep and by 31 Oct. CLA4 (from Tue 10 Sep: 14 working days to 30 Sep, 20 to 8 Oct) on time;
    # CLA5 (from Mon 9 Sep: 15 to 30 Sep, 21 to 8 Oct) late; CLA7 (from 16 Sep) none held: late.
    # CLA6 (from 14 Oct) is not due until November; CLA1-3 fell due long before October.
    assert got["cla_initial_health_assessments_timely_percent"] == (1, 3)
    # Open cases per worker: W1 holds CP1 (on two lists, counted once), CP2, CLA1; W2 CP3, CP4;
    # W3 CIN1-3; W4 CLA2-7. 14 children, 4 workers: 3.5 each.
    assert got["social_worker_average_caseload"] == (14, 4)
    assert results.loc["social_worker_average_caseload", "value"] == 3.5
    assert got["care_leavers_in_touch_percent"] == (1, 2)  # CL3 died: left out
    assert got["care_leavers_suitable_accommodation_percent"] == (1, 3)
    assert got["rereferrals_within_12_months_percent"] == (
        1,
        2,
    )  # CP4's referral is outside the 12 months to 31 Oct 2019
    assert got["cp_plans_second_or_subsequent_percent"] == (1, 3)  # started in the year: CP1, CP2 (second), CP3
    # 1 Aug to 4 Oct 2019 is 45 working days (26 Aug a bank holiday); to Monday 7 Oct, 46.
    assert got["assessments_within_45_working_days_percent"] == (1, 2)
    assert got["cp_conferences_within_15_days_percent"] == (1, 2)  # 1 to 22 Oct is 15 working days, to 23 Oct 16
    assert results.loc["cp_visits_timely_percent", "value"] == 50.0


def test_conventions_are_parameters(borough):
    stricter = childlevel.monthly_scorecard(borough, {"cp_visit_working_days": 5, "count_start_day": True}).set_index(
        "measure"
    )
    assert stricter.loc["cp_visits_timely_percent", "numerator"] == 1
    # With 21 working days allowed, CLA5's assessment on its 21st working day is on time.
    looser = childlevel.monthly_scorecard(borough, {"initial_health_assessment_working_days": 21}).set_index("measure")
    assert looser.loc["cla_initial_health_assessments_timely_percent", ["numerator", "denominator"]].tolist() == [2, 3]
    shorter = childlevel.monthly_scorecard(borough, {"same_worker_months": 5}).set_index("measure")
    assert shorter.loc["cla_same_social_worker_6_months_percent", "numerator"] == 2


def test_an_indicator_needing_a_column_the_list_lacks_is_unknown_with_a_note(borough):
    template_only = {
        **borough,
        "list_8_children_looked_after": borough["list_8_children_looked_after"].drop(
            columns=["Date of Initial Health Assessment", "Placement distance from home (miles)"]
        ),
    }
    results = childlevel.monthly_scorecard(template_only).set_index("measure")
    for measure, column in (
        ("cla_initial_health_assessments_timely_percent", "Date of Initial Health Assessment"),
        ("cla_placed_within_20_miles_percent", "Placement distance from home (miles)"),
    ):
        assert pd.isna(results.loc[measure, "value"]) and pd.isna(results.loc[measure, "numerator"])
        assert column in results.loc[measure, "note"]
    assert results.loc["cla_same_social_worker_6_months_percent", "numerator"] == 1  # its column is still there
    by_area = childlevel.scorecard_by_area(
        {name: frame.assign(Area="A") for name, frame in template_only.items()}
    ).set_index("measure")
    assert pd.isna(by_area.loc["cla_initial_health_assessments_timely_percent", "value"])


def test_small_counts_are_suppressed():
    scorecard = pd.DataFrame(
        [
            {"measure": "cp_children_count", "month": OCT, "numerator": 4, "denominator": None, "value": 4.0},
            {"measure": "cp_visits_timely_percent", "month": OCT, "numerator": 3, "denominator": 40, "value": 7.5},
            {"measure": "cla_visits_timely_percent", "month": OCT, "numerator": 30, "denominator": 40, "value": 75.0},
            {"measure": "cin_plans_count", "month": OCT, "numerator": 0, "denominator": None, "value": 0.0},
        ]
    )
    out = childlevel.suppress(scorecard)
    assert out["symbol"].tolist()[:2] == ["c", "c"] and out["symbol"].iloc[2:].isna().all()
    assert out["value"].isna().tolist() == [True, True, False, False]
    assert out.loc[1, "denominator"] == 40 and pd.isna(out.loc[1, "numerator"])


def test_all_authorities_at_once_equals_one_at_a_time():
    from croydon_kpi.childlevel.synthetic import generate

    first = generate(seed=1, children=15_000, start="2019-01", end="2019-06")
    second = generate(seed=2, children=25_000, start="2019-01", end="2019-06")
    both = {
        name: pd.concat([first[name].assign(Area="A"), second[name].assign(Area="B")], ignore_index=True)
        for name in first
    }
    national = childlevel.scorecard_by_area(both).set_index(["Area", "measure", "month"])
    for area, lists in (("A", first), ("B", second)):
        alone = childlevel.monthly_scorecard(lists)
        for row in alone.itertuples():
            together = national.loc[(area, row.measure, row.month)]
            assert together["numerator"] == row.numerator, (area, row.measure, row.month)
            if row.denominator is not None and not pd.isna(row.denominator):
                assert together["denominator"] == row.denominator, (area, row.measure, row.month)


def test_every_rule_copes_with_a_month_with_no_rows(borough):
    empty_end = pd.Series([], dtype="datetime64[ns]")
    for indicator in childlevel.INDICATORS:
        rows = borough.get(indicator.list_name)
        if rows is None:
            continue
        numerator, denominator = indicator.rule(rows.iloc[0:0], empty_end, childlevel.parameters_for(None, None))
        assert numerator is None or int(numerator.sum()) == 0


@pytest.mark.parametrize("code_range", [50, 2**31])  # the second cannot be packed in one integer: the other path
def test_caseload_counting_matches_a_plain_count(code_range):
    import numpy as np

    rng = np.random.default_rng(3)
    group, worker, child = (
        rng.integers(0, 4, 3000),
        rng.integers(0, code_range, 3000),
        rng.integers(0, code_range, 3000),
    )
    worker[:10], child[:10] = code_range - 1, code_range - 1  # the largest codes are present
    worker[10:400], child[10:400] = worker[400:790], child[400:790]  # repeats
    group[10:400] = group[400:790]
    cases, workers = childlevel._distinct_cases_and_workers(group, worker, child, 4)
    plain = pd.DataFrame({"group": group, "worker": worker, "child": child})
    assert cases.tolist() == plain.drop_duplicates().groupby("group").size().tolist()
    assert workers.tolist() == plain.groupby("group")["worker"].nunique().tolist()


def test_a_remainder_of_1_to_5_is_suppressed_too():
    scorecard = pd.DataFrame(
        [
            {"measure": "cp_visits_timely_percent", "month": OCT, "numerator": 28, "denominator": 29, "value": 96.6},
            {
                "measure": "cp_visits_timely_percent",
                "month": "2019-11",
                "numerator": 23,
                "denominator": 29,
                "value": 79.3,
            },
        ]
    )
    out = childlevel.suppress(scorecard)
    assert out.loc[0, "symbol"] == "c" and pd.isna(out.loc[1, "symbol"])
    assert pd.isna(out.loc[0, "value"]) and pd.isna(out.loc[0, "numerator"]) and out.loc[0, "denominator"] == 29
    assert out.loc[1, "value"] == 79.3


def test_nothing_published_for_a_small_borough_lets_a_count_of_1_to_5_be_worked_out():
    from croydon_kpi.childlevel.synthetic import generate

    published = childlevel.suppress(
        childlevel.monthly_scorecard(generate(seed=7, children=1_000, start="2019-01", end="2019-12"))
    )
    small = lambda series: series.notna() & (series >= 1) & (series <= childlevel.SUPPRESS_UP_TO)
    shown = published[published["value"].notna()]
    proportion = shown["measure"] != childlevel.CASELOAD_MEASURE
    counts = shown[shown["denominator"].isna()]
    assert not small(counts["value"]).any()
    assert not small(shown["numerator"]).any() and not small(shown["denominator"]).any()
    remainder = shown.loc[proportion & shown["denominator"].notna(), "denominator"] - shown.loc[proportion, "numerator"]
    assert not small(remainder).any()
    # a rate with its numerator hidden still cannot give it back with the denominator beside it
    rate_only = shown[shown["numerator"].isna() & shown["denominator"].notna()]
    assert rate_only.empty
    assert (published["symbol"] == "c").sum() > 0  # a borough this small has small counts to protect


def _cp_list(month: str, visited: int, not_visited: int, visit_day: str) -> pd.DataFrame:
    rows = [(f"V{i}", "2019-01-10", visit_day, None, 0, "W1") for i in range(visited)]
    rows += [(f"N{i}", "2019-01-10", None, None, 0, "W1") for i in range(not_visited)]
    columns = [
        "Child Unique ID",
        "Child Protection Plan Start Date",
        "Date of the Last Statutory Visit",
        "Date of latest review conference",
        "Number of Previous Child Protection Plans",
        "Allocated Worker",
    ]
    table = pd.DataFrame(rows, columns=columns)
    for column in columns[1:4]:
        table[column] = pd.to_datetime(table[column])
    return table.assign(**{"Extract month": month})


def test_a_rate_is_rounded_half_up_as_dfe_publishes_it(borough):
    """233 of 400 children is 58.25%: DfE publishes 58.3 (half up), where Python's round on the
    float gives 58.2."""
    lists = {**borough, "list_7_child_protection": _cp_list(OCT, 233, 167, "2019-10-30")}
    scorecard = childlevel.monthly_scorecard(lists).set_index("measure")
    row = scorecard.loc["cp_visits_timely_percent"]
    assert (row["numerator"], row["denominator"], row["value"]) == (233, 400, 58.3)
    assert round(233 / 400 * 100, 1) == 58.2  # what the engine published before


def test_each_month_is_scored_with_the_rules_in_effect_at_its_end(borough, tmp_path, monkeypatch):
    """A council's rule set from April 2024 (visits within 15 working days) scores its October
    2024 list; its October 2019 list keeps the 10 days of its time."""
    import shutil

    from croydon_kpi.core import project

    shutil.copytree(project.data_dir(), tmp_path / "data")
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(tmp_path))
    rules = tmp_path / "data" / "catalogue" / "childlevel_parameters.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8")
        + "  - from: 2024-04-01\n    source: a council's standard\n    parameters:\n      cp_visit_working_days: 15\n",
        encoding="utf-8",
    )
    # 12 working days before each month's end: late under 10 days, on time under 15.
    lists = {
        **borough,
        "list_7_child_protection": pd.concat(
            [_cp_list("2019-10", 1, 0, "2019-10-15"), _cp_list("2024-10", 1, 0, "2024-10-15")], ignore_index=True
        ),
    }
    scorecard = childlevel.monthly_scorecard(lists)
    visits = scorecard[scorecard["measure"] == "cp_visits_timely_percent"].set_index("month")["value"]
    assert visits.to_dict() == {"2019-10": 0.0, "2024-10": 100.0}
    # a council's own value passed to the engine overrides every month's
    overridden = childlevel.monthly_scorecard(lists, {"cp_visit_working_days": 20})
    assert set(overridden.loc[overridden["measure"] == "cp_visits_timely_percent", "value"]) == {100.0}


def test_a_parameter_the_rules_do_not_know_is_refused(borough):
    from croydon_kpi.errors import ParameterError

    with pytest.raises(ParameterError, match="unknown child-level parameter"):
        childlevel.monthly_scorecard(borough, {"cp_vist": 3})
