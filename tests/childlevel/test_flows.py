"""The flow indicators, worked out by hand: the year to the month's end for re-referrals and
repeat plans, the month itself for timeliness."""

import pandas as pd

from croydon_kpi.childlevel.engine import parameters_for
from croydon_kpi.childlevel.flows import flows_by_area


def _list(rows, columns):
    table = pd.DataFrame(rows, columns=["Area", "Child Unique ID", *columns])
    for column in columns:
        if "Date" in column:
            table[column] = pd.to_datetime(table[column])
    return table.assign(**{"Extract month": "2019-10"})


def lists():
    referrals = _list(
        [
            ("A", "C1", "2018-10-15", 2),  # before November 2018: outside the year to October 2019
            ("A", "C2", "2019-02-01", 2),  # a re-referral within the year
            ("A", "C3", "2019-10-10", 1),
            ("A", "C3", "2019-10-10", 1),  # the same child's referral on the same day: counted once
            ("A", "C4", "2019-10-20", 3),
        ],
        ["Date of referral", "Number of Referrals in Last 12 Months"],
    )
    plans = _list(
        [("A", "C5", "2019-10-01", 0)],
        ["Child Protection Plan Start Date", "Number of Previous Child Protection Plans"],
    )
    assessments = _list(
        [
            ("A", "C6", "2019-08-01", "2019-10-02"),  # 43 working days (1 Aug to 2 Oct): within 45
            ("A", "C7", "2019-07-01", "2019-10-03"),  # 67 working days: late
        ],
        ["Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"],
    )
    conferences = _list(
        [("A", "C8", "2019-10-01", "2019-10-30")],  # 21 working days: later than 15
        ["Strategy discussion initiating Section 47 Enquiry Start Date", "Date of Initial Child Protection Conference"],
    )
    return {
        "list_3_referrals": referrals,
        "list_7_child_protection": plans,
        "list_4_assessments": assessments,
        "list_5_section_47": conferences,
    }


def test_flows_for_a_month_count_the_year_or_the_month_as_defined():
    table = flows_by_area(lists(), parameters_for("2019-10", None), ["2019-10"]).set_index("measure")
    assert table.loc["rereferrals_within_12_months_percent", ["numerator", "denominator"]].tolist() == [2, 3]
    assert table.loc["cp_plans_second_or_subsequent_percent", ["numerator", "denominator"]].tolist() == [0, 1]
    assert table.loc["assessments_within_45_working_days_percent", ["numerator", "denominator"]].tolist() == [1, 2]
    assert table.loc["cp_conferences_within_15_days_percent", ["numerator", "denominator"]].tolist() == [0, 1]


def test_a_month_with_no_events_counts_zero_not_missing():
    table = flows_by_area(lists(), parameters_for("2019-09", None), ["2019-09"]).set_index("measure")
    assert table.loc["cp_conferences_within_15_days_percent", ["numerator", "denominator"]].tolist() == [0, 0]
