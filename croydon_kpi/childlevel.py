"""The monthly scorecard computed from Annex A lists: each indicator defined once (numerator,
denominator, the rule), with every timescale and counting convention a parameter.

Lists are the extracts at the end of each month, stacked, with an "Extract month" column
(YYYY-MM). Results are aggregates only; counts from 1 to SUPPRESS_UP_TO are suppressed
(DfE style) before anything leaves this module.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from .workdays import working_days

SUPPRESS_UP_TO = 5

# Timescales. "statutory" ones come from the regulations and guidance named; "local" ones are a
# council's own standard, set here as defaults for the synthetic borough and meant to be changed.
DEFAULT_PARAMETERS = {
    "cp_visit_working_days": 10,       # local standard (a common one; Croydon's is not stated in the papers)
    "cin_visit_working_days": 20,      # local standard
    "cin_review_months": 3,            # local standard
    "cla_visit_days": 42,              # statutory: at intervals of not more than six weeks (Care Planning Regulations 2010, reg 28)
    "cp_first_review_months": 3,       # statutory guidance: Working Together 2018, first review within three months
    "cp_review_months": 6,             # statutory guidance: then at intervals of not more than six months
    "cla_review_months": 6,            # statutory: Care Planning Regulations 2010, reg 33
    "health_assessment_months": 12,    # statutory: review health assessments every 12 months (six under five)
    "assessment_working_days": 45,     # statutory guidance: Working Together 2018
    "icpc_working_days": 15,           # statutory guidance: Working Together 2018, from the strategy discussion
    "count_start_day": False,          # whether the first day counts as day one (DfE's CIN validator: yes)
    "placement_distance_miles": 20,
}


@dataclass(frozen=True)
class Indicator:
    measure: str
    list_name: str
    numerator: str
    denominator: str
    rule: Callable[[pd.DataFrame, pd.Timestamp, dict], tuple[int, int | None]] = field(repr=False)


def _age_days(frame, column, month_end):
    return (month_end - frame[column]).dt.days


def _within_months(frame, column, month_end, months):
    return frame[column].notna() & (frame[column] >= month_end - pd.DateOffset(months=months))


def _wd_since(frame, column, month_end, params):
    return working_days(frame[column], [month_end] * len(frame), params["count_start_day"])


# --- the rules: each returns (numerator, denominator); a count has denominator None ----------

def cp_count(rows, month_end, params):
    return len(rows), None


def cin_count(rows, month_end, params):
    return int((rows["Case Status"] == "Child in need plan").sum()), None


def cp_visits(rows, month_end, params):
    return int((_wd_since(rows, "Date of the Last Statutory Visit", month_end, params) <= params["cp_visit_working_days"]).sum()), len(rows)


def _on_cin_plan(rows):
    return rows[rows["Case Status"] == "Child in need plan"]


def cin_visits(rows, month_end, params):
    plans = _on_cin_plan(rows)
    return int((_wd_since(plans, "Date Child Was Last Seen", month_end, params) <= params["cin_visit_working_days"]).sum()), len(plans)


def cin_reviews(rows, month_end, params):
    plans = _on_cin_plan(rows)
    return int(_within_months(plans, "Date of latest CIN plan review", month_end, params["cin_review_months"]).sum()), len(plans)


def cla_visits(rows, month_end, params):
    return int((_age_days(rows, "Date of Last Social Work Visit", month_end) <= params["cla_visit_days"]).sum()), len(rows)


def cp_reviews(rows, month_end, params):
    due = rows[rows["Child Protection Plan Start Date"] < month_end - pd.DateOffset(months=params["cp_first_review_months"])]
    return int(_within_months(due, "Date of latest review conference", month_end, params["cp_review_months"]).sum()), len(due)


def cla_reviews(rows, month_end, params):
    due = rows[rows["Date Started to be Looked After"] < month_end - pd.DateOffset(months=params["cla_review_months"])]
    return int(_within_months(due, "Date of Latest Statutory Review", month_end, params["cla_review_months"]).sum()), len(due)


def health_assessments(rows, month_end, params):
    due = rows[rows["Date Started to be Looked After"] < month_end - pd.DateOffset(months=12)]
    return int(_within_months(due, "Date of Last Health Assessment", month_end, params["health_assessment_months"]).sum()), len(due)


def placed_near(rows, month_end, params):
    column = "Placement distance from home (miles)"
    if column not in rows:
        return None, None
    known = pd.to_numeric(rows[column], errors="coerce").dropna()
    return int((known <= params["placement_distance_miles"]).sum()), len(known)


def in_touch(rows, month_end, params):
    counted = rows[rows["LA in Touch"] != "Died"]
    return int((counted["LA in Touch"] == "Yes").sum()), len(counted)


def suitable(rows, month_end, params):
    return int((rows["Suitability of Accommodation"] == "Suitable").sum()), len(rows)


INDICATORS = (
    Indicator("cp_children_count", "list_7_child_protection", "children on a CP plan at the month's end", "-", cp_count),
    Indicator("cin_plans_count", "list_6_children_in_need", "children on a CIN plan at the month's end", "-", cin_count),
    Indicator("cp_visits_timely_percent", "list_7_child_protection", "last statutory visit within cp_visit_working_days", "children on a CP plan", cp_visits),
    Indicator("cin_visits_timely_percent", "list_6_children_in_need", "last seen within cin_visit_working_days", "children on a CIN plan", cin_visits),
    Indicator("cin_reviews_timely_percent", "list_6_children_in_need", "CIN plan reviewed within cin_review_months", "children on a CIN plan", cin_reviews),
    Indicator("cla_visits_timely_percent", "list_8_children_looked_after", "last social work visit within cla_visit_days", "children looked after", cla_visits),
    Indicator("cp_reviews_timely_percent", "list_7_child_protection", "reviewed within cp_review_months", "plans older than cp_first_review_months", cp_reviews),
    Indicator("cla_reviews_timely_percent", "list_8_children_looked_after", "reviewed within cla_review_months", "looked after longer than cla_review_months", cla_reviews),
    Indicator("cla_review_health_assessments_timely_percent", "list_8_children_looked_after", "health assessment within health_assessment_months", "looked after 12 months or more", health_assessments),
    Indicator("cla_placed_within_20_miles_percent", "list_8_children_looked_after", "placed within placement_distance_miles", "children looked after with a known distance", placed_near),
    Indicator("care_leavers_in_touch_percent", "list_9_care_leavers", "in touch", "care leavers (less those who died)", in_touch),
    Indicator("care_leavers_suitable_accommodation_percent", "list_9_care_leavers", "in suitable accommodation", "care leavers", suitable),
)


# --- flows over a window: the year to the month's end, or the month itself ---------------------

def _flow(lists, list_name, date_column, start, month_end):
    frame = lists[list_name]
    rows = frame[(frame[date_column] >= start) & (frame[date_column] <= month_end)]
    key = [c for c in ("Child Unique ID", date_column) if c in rows]
    return rows.drop_duplicates(key)


def flow_indicators(lists, month_end, params) -> dict[str, tuple]:
    year_start = month_end - pd.DateOffset(years=1) + pd.Timedelta(days=1)
    month_start = month_end.replace(day=1)
    referrals = _flow(lists, "list_3_referrals", "Date of referral", year_start, month_end)
    plans = _flow(lists, "list_7_child_protection", "Child Protection Plan Start Date", year_start, month_end)
    assessments = _flow(lists, "list_4_assessments", "Continuous Assessment Date of Authorisation", month_start, month_end)
    conferences = _flow(lists, "list_5_section_47", "Date of Initial Child Protection Conference", month_start, month_end)
    assessment_days = working_days(assessments["Continuous Assessment Start Date"], assessments["Continuous Assessment Date of Authorisation"], params["count_start_day"])
    conference_days = working_days(conferences["Strategy discussion initiating Section 47 Enquiry Start Date"],
                                   conferences["Date of Initial Child Protection Conference"], params["count_start_day"])
    return {
        "rereferrals_within_12_months_percent": (int((referrals["Number of Referrals in Last 12 Months"] >= 2).sum()), len(referrals)),
        "cp_plans_second_or_subsequent_percent": (int((plans["Number of Previous Child Protection Plans"] >= 1).sum()), len(plans)),
        "assessments_within_45_working_days_percent": (int((assessment_days <= params["assessment_working_days"]).sum()), len(assessments)),
        "cp_conferences_within_15_days_percent": (int((conference_days <= params["icpc_working_days"]).sum()), len(conferences)),
    }


# --- the scorecard ---------------------------------------------------------------------------------

def monthly_scorecard(lists: dict[str, pd.DataFrame], parameters: dict | None = None) -> pd.DataFrame:
    """One row per indicator and month: measure, month, numerator, denominator, value (unsuppressed)."""
    params = {**DEFAULT_PARAMETERS, **(parameters or {})}
    months = sorted(set(lists["list_7_child_protection"]["Extract month"]))
    rows = []
    for month in months:
        month_end = pd.Period(month, "M").end_time.normalize()
        for indicator in INDICATORS:
            frame = lists[indicator.list_name]
            numerator, denominator = indicator.rule(frame[frame["Extract month"] == month], month_end, params)
            rows.append(_result(indicator.measure, month, numerator, denominator))
        for measure, (numerator, denominator) in flow_indicators(lists, month_end, params).items():
            rows.append(_result(measure, month, numerator, denominator))
    return pd.DataFrame(rows)


def _result(measure, month, numerator, denominator) -> dict:
    if numerator is None:
        value = None
    elif denominator is None:
        value = float(numerator)
    else:
        value = round(100 * numerator / denominator, 1) if denominator else None
    return {"measure": measure, "month": month, "numerator": numerator, "denominator": denominator, "value": value}


def suppress(scorecard: pd.DataFrame, up_to: int = SUPPRESS_UP_TO) -> pd.DataFrame:
    """DfE-style: a count from 1 to `up_to` is not published, nor a rate built on one."""
    out = scorecard.copy()
    small = lambda series: series.notna() & (series >= 1) & (series <= up_to)
    hide = small(out["numerator"].astype(float)) | small(out["denominator"].astype(float))
    out["symbol"] = ["c" if hidden else None for hidden in hide]
    out.loc[hide, ["value"]] = np.nan
    out["numerator"] = out["numerator"].astype(float).where(~small(out["numerator"].astype(float)))
    out["denominator"] = out["denominator"].astype(float).where(~small(out["denominator"].astype(float)))
    return out
