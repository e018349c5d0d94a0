"""The four flow indicators (re-referrals, repeat plans, assessment and conference timeliness)
for every authority and month at once: events counted by the month they happened in, the year to
the month's end for re-referrals and repeat plans, the month itself for timeliness."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.core.workdays import working_days

FLOW_MEASURES = (
    "rereferrals_within_12_months_percent",
    "cp_plans_second_or_subsequent_percent",
    "assessments_within_45_working_days_percent",
    "cp_conferences_within_15_days_percent",
)


def _monthly_counts(
    rows: pd.DataFrame, date_column: str, numerator: pd.Series, by: str, frame: pd.MultiIndex
) -> pd.DataFrame:
    """Events per authority and month (numerator: how many met the rule), every (authority, month)
    of `frame` present, zero where there were none."""
    dates = rows[date_column].dt
    # Months as numbers (201910) while grouping: formatting millions of dates as text is slow.
    events = pd.DataFrame(
        {
            by: rows[by].values,
            "month": (dates.year * 100 + dates.month).values,
            "numerator": numerator.astype(int).values,
            "denominator": 1,
        }
    )
    events = events[events["month"].notna()]
    counts = events.groupby([by, "month"]).sum()
    named = [f"{int(m) // 100:04d}-{int(m) % 100:02d}" for m in counts.index.get_level_values("month")]
    counts.index = pd.MultiIndex.from_arrays([counts.index.get_level_values(by), named], names=[by, "month"])
    return counts.reindex(frame, fill_value=0)


def _frame(areas, months: list[str], by: str, back: int = 0) -> pd.MultiIndex:
    """Every authority against every month, starting `back` months before the first."""
    periods = pd.period_range(pd.Period(months[0], "M") - back, pd.Period(months[-1], "M"), freq="M").strftime("%Y-%m")
    return pd.MultiIndex.from_product([areas, periods], names=[by, "month"])


def _rolling_year(counts: pd.DataFrame, months: list[str], by: str) -> pd.DataFrame:
    """Sums over the 12 months to each month, per authority (months with no events count zero)."""
    rolled = counts.groupby(level=by).rolling(12, min_periods=1).sum().droplevel(0)
    return rolled[rolled.index.get_level_values("month").isin(months)]


def _events(lists, name: str, date_column: str, by: str) -> pd.DataFrame:
    """A list's events (referrals, plans, ...) with a date, each child's event on a day counted once."""
    rows = lists[name].dropna(subset=[date_column])
    return rows.drop_duplicates([by, "Child Unique ID", date_column]) if "Child Unique ID" in rows else rows


def flows_by_area(lists, params, months: list[str], by: str = "Area") -> pd.DataFrame:
    """The four flow indicators for every authority and month, without a loop over months: the
    year to the month's end for re-referrals and repeat plans, the month itself for timeliness."""
    areas = sorted({area for frame in lists.values() if by in frame for area in frame[by].dropna().unique()}, key=str)
    year, month = _frame(areas, months, by, back=11), _frame(areas, months, by)
    referrals = _events(lists, "list_3_referrals", "Date of referral", by)
    plans = _events(lists, "list_7_child_protection", "Child Protection Plan Start Date", by)
    assessments = _events(lists, "list_4_assessments", "Continuous Assessment Date of Authorisation", by)
    conferences = _events(lists, "list_5_section_47", "Date of Initial Child Protection Conference", by)
    assessment_days = working_days(
        assessments["Continuous Assessment Start Date"],
        assessments["Continuous Assessment Date of Authorisation"],
        params["count_start_day"],
    )
    conference_days = working_days(
        conferences["Strategy discussion initiating Section 47 Enquiry Start Date"],
        conferences["Date of Initial Child Protection Conference"],
        params["count_start_day"],
    )
    parts = {
        "rereferrals_within_12_months_percent": _rolling_year(
            _monthly_counts(
                referrals, "Date of referral", referrals["Number of Referrals in Last 12 Months"] >= 2, by, year
            ),
            months,
            by,
        ),
        "cp_plans_second_or_subsequent_percent": _rolling_year(
            _monthly_counts(
                plans,
                "Child Protection Plan Start Date",
                plans["Number of Previous Child Protection Plans"] >= 1,
                by,
                year,
            ),
            months,
            by,
        ),
        "assessments_within_45_working_days_percent": _monthly_counts(
            assessments,
            "Continuous Assessment Date of Authorisation",
            pd.Series(assessment_days <= params["assessment_working_days"]),
            by,
            month,
        ),
        "cp_conferences_within_15_days_percent": _monthly_counts(
            conferences,
            "Date of Initial Child Protection Conference",
            pd.Series(conference_days <= params["icpc_working_days"]),
            by,
            month,
        ),
    }
    frames = [counts.reset_index().assign(measure=measure) for measure, counts in parts.items()]
    table = pd.concat(frames, ignore_index=True)
    return table[table["month"].isin(months)]
