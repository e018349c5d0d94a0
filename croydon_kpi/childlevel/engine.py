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

from croydon_kpi.catalogue.timescales import parameter_names, rule_set_for, rule_sets
from croydon_kpi.childlevel.flows import FLOW_MEASURES, flows_by_area
from croydon_kpi.core.workdays import working_days
from croydon_kpi.errors import ParameterError

SUPPRESS_UP_TO = 5
VALUE_DECIMALS = 1  # rates are kept to one decimal place, as DfE publishes them

# The timescales and counting conventions are data: data/catalogue/childlevel_parameters.yaml, one
# dated rule set per change in the regulations or guidance (catalogue/timescales.py). Each month's
# lists are scored with the set in effect on the month's last day.

# Lists whose open cases make up a worker's caseload (children in need, on a plan, looked after).
CASELOAD_LISTS = ("list_6_children_in_need", "list_7_child_protection", "list_8_children_looked_after")
CASELOAD_MEASURE = "social_worker_average_caseload"


@dataclass(frozen=True)
class Indicator:
    measure: str
    list_name: str
    numerator: str
    denominator: str
    rule: Callable[[pd.DataFrame, pd.Series, dict], tuple[pd.Series, pd.Series | None]] = field(repr=False)
    needs: tuple[str, ...] = ()  # columns outside the Ofsted template (extensions) the rule reads

    def missing(self, rows: pd.DataFrame) -> list[str]:
        return [column for column in self.needs if column not in rows]

    def not_computed_note(self, missing: list[str]) -> str:
        return (
            f"not computed: {self.list_name} has no column {', '.join(missing)} (an extension to the Ofsted template)"
        )


def _age_days(rows, column, month_end):
    return (month_end - rows[column]).dt.days


def _months_before(month_end: pd.Series, months: int) -> pd.Series:
    """month_end minus whole months, worked out once per distinct month (not once per row)."""
    shifted = month_end.map({end: end - pd.DateOffset(months=months) for end in month_end.unique()})
    return pd.to_datetime(shifted)  # an empty month stays a datetime column, not object


def _within_months(rows, column, month_end, months):
    return rows[column].notna() & (rows[column] >= _months_before(month_end, months))


def _wd_since(rows, column, month_end, params):
    return _working_days_between(rows[column], month_end, params)


def _working_days_between(start: pd.Series, end, params) -> pd.Series:
    return pd.Series(working_days(start, end, params["count_start_day"]), index=start.index)


# --- the rules: each gives, row by row, (in the numerator, in the denominator); a count has no
# denominator. `month_end` is a Series: the end of each row's extract month. ------------------


def _all(rows):
    return pd.Series(True, index=rows.index)


def cp_count(rows, month_end, params):
    return _all(rows), None


def _on_cin_plan(rows):
    return rows["Case Status"] == "Child in need plan"


def cin_count(rows, month_end, params):
    return _on_cin_plan(rows), None


def cp_visits(rows, month_end, params):
    return _wd_since(rows, "Date of the Last Statutory Visit", month_end, params) <= params[
        "cp_visit_working_days"
    ], _all(rows)


def cin_visits(rows, month_end, params):
    on_plan = _on_cin_plan(rows)
    return on_plan & (
        _wd_since(rows, "Date Child Was Last Seen", month_end, params) <= params["cin_visit_working_days"]
    ), on_plan


def cin_reviews(rows, month_end, params):
    on_plan = _on_cin_plan(rows)
    return on_plan & _within_months(
        rows, "Date of latest CIN plan review", month_end, params["cin_review_months"]
    ), on_plan


def cla_visits(rows, month_end, params):
    return _age_days(rows, "Date of Last Social Work Visit", month_end) <= params["cla_visit_days"], _all(rows)


def cp_reviews(rows, month_end, params):
    due = rows["Child Protection Plan Start Date"] < _months_before(month_end, params["cp_first_review_months"])
    return due & _within_months(rows, "Date of latest review conference", month_end, params["cp_review_months"]), due


def cla_reviews(rows, month_end, params):
    due = rows["Date Started to be Looked After"] < _months_before(month_end, params["cla_review_months"])
    return due & _within_months(rows, "Date of Latest Statutory Review", month_end, params["cla_review_months"]), due


def health_assessments(rows, month_end, params):
    due = rows["Date Started to be Looked After"] < _months_before(month_end, 12)
    return due & _within_months(
        rows, "Date of Last Health Assessment", month_end, params["health_assessment_months"]
    ), due


def placed_near(rows, month_end, params):
    distance = pd.to_numeric(rows["Placement distance from home (miles)"], errors="coerce")
    return distance <= params["placement_distance_miles"], distance.notna()


def same_social_worker(rows, month_end, params):
    due = rows["Date Started to be Looked After"] < _months_before(month_end, params["same_worker_looked_after_months"])
    return due & (
        rows["Date Current Social Worker Allocated"] <= _months_before(month_end, params["same_worker_months"])
    ), due


def initial_health_assessments(rows, month_end, params):
    """Children whose initial health assessment fell due in the month (the time limit ran out
    between the previous month's end and this one's), and whether it was held in time."""
    limit = params["initial_health_assessment_working_days"]
    start = rows["Date Started to be Looked After"]
    previous_end = month_end.map({end: end.replace(day=1) - pd.Timedelta(days=1) for end in month_end.unique()})
    due = (_working_days_between(start, previous_end, params) < limit) & (
        _working_days_between(start, month_end, params) >= limit
    )
    return due & (_working_days_between(start, rows["Date of Initial Health Assessment"], params) <= limit), due


def in_touch(rows, month_end, params):
    counted = rows["LA in Touch"] != "Died"
    return counted & (rows["LA in Touch"] == "Yes"), counted


def suitable(rows, month_end, params):
    return rows["Suitability of Accommodation"] == "Suitable", _all(rows)


INDICATORS = (
    Indicator(
        "cp_children_count", "list_7_child_protection", "children on a CP plan at the month's end", "-", cp_count
    ),
    Indicator(
        "cin_plans_count", "list_6_children_in_need", "children on a CIN plan at the month's end", "-", cin_count
    ),
    Indicator(
        "cp_visits_timely_percent",
        "list_7_child_protection",
        "last statutory visit within cp_visit_working_days",
        "children on a CP plan",
        cp_visits,
    ),
    Indicator(
        "cin_visits_timely_percent",
        "list_6_children_in_need",
        "last seen within cin_visit_working_days",
        "children on a CIN plan",
        cin_visits,
    ),
    Indicator(
        "cin_reviews_timely_percent",
        "list_6_children_in_need",
        "CIN plan reviewed within cin_review_months",
        "children on a CIN plan",
        cin_reviews,
    ),
    Indicator(
        "cla_visits_timely_percent",
        "list_8_children_looked_after",
        "last social work visit within cla_visit_days",
        "children looked after",
        cla_visits,
    ),
    Indicator(
        "cp_reviews_timely_percent",
        "list_7_child_protection",
        "reviewed within cp_review_months",
        "plans older than cp_first_review_months",
        cp_reviews,
    ),
    Indicator(
        "cla_reviews_timely_percent",
        "list_8_children_looked_after",
        "reviewed within cla_review_months",
        "looked after longer than cla_review_months",
        cla_reviews,
    ),
    Indicator(
        "cla_review_health_assessments_timely_percent",
        "list_8_children_looked_after",
        "health assessment within health_assessment_months",
        "looked after 12 months or more",
        health_assessments,
    ),
    Indicator(
        "cla_placed_within_20_miles_percent",
        "list_8_children_looked_after",
        "placed within placement_distance_miles",
        "children looked after with a known distance",
        placed_near,
        needs=("Placement distance from home (miles)",),
    ),
    Indicator(
        "cla_same_social_worker_6_months_percent",
        "list_8_children_looked_after",
        "current social worker allocated same_worker_months ago or more",
        "looked after longer than same_worker_looked_after_months",
        same_social_worker,
        needs=("Date Current Social Worker Allocated",),
    ),
    Indicator(
        "cla_initial_health_assessments_timely_percent",
        "list_8_children_looked_after",
        "initial health assessment within initial_health_assessment_working_days of starting to be looked after",
        "children whose initial health assessment fell due in the month",
        initial_health_assessments,
        needs=("Date of Initial Health Assessment",),
    ),
    Indicator(
        "care_leavers_in_touch_percent",
        "list_9_care_leavers",
        "in touch",
        "care leavers (less those who died)",
        in_touch,
    ),
    Indicator(
        "care_leavers_suitable_accommodation_percent",
        "list_9_care_leavers",
        "in suitable accommodation",
        "care leavers",
        suitable,
    ),
)


# --- the scorecard ---------------------------------------------------------------------------------


def _month_end(rows: pd.DataFrame) -> pd.Series:
    """The end of each row's extract month, worked out once per distinct month."""
    months = pd.Categorical(rows["Extract month"].astype(str))
    ends = pd.PeriodIndex(months.categories, freq="M").end_time.normalize()
    return pd.Series(ends[months.codes], index=rows.index)


@dataclass
class _Grouped:
    """A list's rows split into groups (month, or authority and month) once, for every indicator on it."""

    month_end: pd.Series
    codes: np.ndarray  # each row's group number (-1: a row with a missing key, in no group)
    keys: pd.DataFrame  # the groups' key columns, one row per group number

    @classmethod
    def of(cls, rows: pd.DataFrame, by) -> "_Grouped":
        grouper = rows.groupby(list(by), sort=True)
        return cls(_month_end(rows), grouper.ngroup().to_numpy(), grouper.size().index.to_frame(index=False))

    def count(self, mask: pd.Series) -> np.ndarray:
        kept = self.codes >= 0
        return np.bincount(self.codes[kept], weights=mask.to_numpy(dtype=bool)[kept], minlength=len(self.keys)).astype(
            int
        )


def caseloads(lists, by=("Extract month",), grouped: dict | None = None) -> pd.DataFrame | None:
    """Average caseload of allocated workers: open cases (children in need, on a plan, looked
    after) per worker, each child counted once per worker however many lists hold it. Rows with
    no allocated worker are not anyone's caseload and are left out of both counts."""
    needed = {*by, "Allocated Worker", "Child Unique ID"}
    names = [name for name in CASELOAD_LISTS if name in lists and needed <= set(lists[name])]
    if not names:
        return None
    parts = [(grouped or {}).get(name) or _Grouped.of(lists[name], by) for name in names]
    keys = pd.concat([part.keys for part in parts]).drop_duplicates().sort_values(list(by)).reset_index(drop=True)
    group = np.concatenate([_recode(part, keys, by) for part in parts])
    # Counted on integer codes: each text cell is hashed once, not at every step.
    worker = pd.factorize(pd.concat([lists[name]["Allocated Worker"] for name in names], ignore_index=True))[0]
    child = pd.factorize(pd.concat([lists[name]["Child Unique ID"] for name in names], ignore_index=True))[0]
    kept = (group >= 0) & (worker >= 0)
    numerator, denominator = _distinct_cases_and_workers(group[kept], worker[kept], child[kept], len(keys))
    return keys.assign(numerator=numerator, denominator=denominator, measure=CASELOAD_MEASURE)


def _runs(ordered: np.ndarray) -> np.ndarray:
    """The first of each run of equal values in a sorted array."""
    return ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])] if len(ordered) else ordered


def _distinct_cases_and_workers(group, worker, child, groups: int) -> tuple[np.ndarray, np.ndarray]:
    """Per group: distinct (worker, child) pairs and distinct workers. Each (group, worker, child)
    is packed into one integer and the integers sorted once: at national scale (millions of
    rows) a sort is several times faster than hashing them."""
    workers, children = int(worker.max(initial=0)) + 1, int(child.max(initial=0)) + 1
    post = group.astype(np.int64) * workers + worker  # a worker in a group (authority and month)
    if groups * workers * children >= 2**62:  # too big to pack: number the posts first
        distinct_posts, post = np.unique(post, return_inverse=True)
        post_group = distinct_posts // workers
    else:
        post_group = None
    cases = _runs(np.sort(post * children + child))  # a child on a worker's caseload
    posts = _runs(cases // children)
    if post_group is None:
        case_group, worker_group = cases // (children * workers), posts // workers
    else:
        case_group, worker_group = post_group[cases // children], post_group[posts]
    return np.bincount(case_group, minlength=groups), np.bincount(worker_group, minlength=groups)


def _recode(part: _Grouped, keys: pd.DataFrame, by) -> np.ndarray:
    """A list's group numbers as numbers into `keys` (shared by several lists); -1 stays -1."""
    position = part.keys.merge(keys.reset_index(), on=list(by), how="left")["index"].to_numpy()
    return np.where(part.codes >= 0, position[part.codes], -1)


def snapshot_indicators(lists, params, by=("Extract month",)) -> pd.DataFrame:
    """Every snapshot indicator for every group (month, or authority and month) in one pass."""
    names = {indicator.list_name for indicator in INDICATORS} | {name for name in CASELOAD_LISTS if name in lists}
    grouped = {name: _Grouped.of(lists[name], by) for name in sorted(names)}
    results = [table for table in [caseloads(lists, by, grouped)] if table is not None]
    for indicator in INDICATORS:
        rows = lists[indicator.list_name]
        groups = grouped[indicator.list_name]
        table = groups.keys.assign(measure=indicator.measure)
        if missing := indicator.missing(rows):
            results.append(
                table.assign(numerator=np.nan, denominator=np.nan, note=indicator.not_computed_note(missing))
            )
            continue
        numerator, denominator = indicator.rule(rows, groups.month_end, params)
        results.append(
            table.assign(
                numerator=groups.count(numerator),
                denominator=None if denominator is None else groups.count(denominator),
            )
        )
    return pd.concat(results, ignore_index=True)


def extract_months(lists: dict[str, pd.DataFrame]) -> list[str]:
    """Every month any list was extracted at (unique() first: iterating millions of cells is slow)."""
    found = set()
    for frame in lists.values():
        if "Extract month" in frame:
            found.update(str(month) for month in frame["Extract month"].unique())
    return sorted(found)


# One authority's lists are scored by the same engine as many authorities' at once: they get a
# constant area column, so there is one set of rules for de-duplication, windows and rounding.
_ONE_AREA = "_authority"


def monthly_scorecard(lists: dict[str, pd.DataFrame], parameters: dict | None = None) -> pd.DataFrame:
    """One authority: one row per indicator and month: measure, month, numerator, denominator,
    value (unsuppressed) and note (why an indicator the lists cannot support is unknown: a
    missing extension column)."""
    tagged = {name: frame.assign(**{_ONE_AREA: "one"}) for name, frame in lists.items()}
    table = scorecard_by_area(tagged, parameters, by=_ONE_AREA).drop(columns=_ONE_AREA)
    if "note" not in table:
        table["note"] = None
    whole = lambda v: None if pd.isna(v) else int(v)
    rows = [
        {
            "measure": r.measure,
            "month": r.month,
            "numerator": whole(r.numerator),
            "denominator": whole(r.denominator),
            "value": None if pd.isna(r.value) else float(r.value),
            "note": r.note if isinstance(r.note, str) else None,
        }
        for r in table.itertuples()
    ]
    order = [i.measure for i in INDICATORS] + [CASELOAD_MEASURE] + list(FLOW_MEASURES)
    scorecard = pd.DataFrame(rows, columns=["measure", "month", "numerator", "denominator", "value", "note"])
    scorecard["_order"] = scorecard["measure"].map(order.index)
    return scorecard.sort_values(["month", "_order"]).drop(columns="_order").reset_index(drop=True)


def _scale(measure: str) -> int:
    """A rate is per 100 (a percentage) except the caseload, which is children per worker."""
    return 1 if measure == CASELOAD_MEASURE else 100


def suppress(scorecard: pd.DataFrame, up_to: int = SUPPRESS_UP_TO) -> pd.DataFrame:
    """DfE-style, so no count from 1 to `up_to` can be read or worked out from what is published:
    - primary: such a count is not published, nor a rate built on one;
    - secondary: nor a percentage whose remainder (denominator - numerator) is such a count:
      28 of 29 children visited, beside the 29, would tell that 1 child was not."""
    out = scorecard.copy()
    numerator, denominator = out["numerator"].astype(float), out["denominator"].astype(float)
    small = lambda series: series.notna() & (series >= 1) & (series <= up_to)
    remainder = small(denominator - numerator) & (out["measure"].map(_scale) == 100)
    hide = small(numerator) | small(denominator) | remainder
    out["symbol"] = ["c" if hidden else None for hidden in hide]
    out.loc[hide, ["value"]] = np.nan
    out["numerator"] = numerator.where(~(small(numerator) | remainder))
    out["denominator"] = denominator.where(~small(denominator))
    return out


def scorecard_by_area(lists: dict[str, pd.DataFrame], parameters: dict | None = None, by: str = "Area") -> pd.DataFrame:
    """The monthly scorecard of every authority in the lists (an `Area` column), in one pass per
    rule set: each month is scored with the timescales in effect at its end, and `parameters`
    (a council's own standards) override them."""
    months = extract_months(lists)
    tables = [_score(lists, params, group, by) for params, group in _months_by_rules(months, parameters)]
    return pd.concat(tables, ignore_index=True) if tables else _score(lists, parameters_for(None, parameters), [], by)


def parameters_for(month: str | None, parameters: dict | None) -> dict:
    """The parameters for a month: the rule set in effect at its end (the latest with no month),
    with the caller's own values on top; a name no rule set knows is refused."""
    unknown = sorted(set(parameters or {}) - set(parameter_names()))
    if unknown:
        raise ParameterError(
            f"unknown child-level parameter(s) {', '.join(unknown)}: known are {', '.join(parameter_names())}"
        )
    end = pd.Period(month, "M").end_time if month else None
    base = rule_set_for(end).parameters if month else rule_sets()[-1].parameters
    return {**base, **(parameters or {})}


def _months_by_rules(months: list[str], parameters: dict | None) -> list[tuple[dict, list[str]]]:
    """The months grouped by the parameters they are scored with, oldest first."""
    groups: dict[tuple, list[str]] = {}
    for month in months:
        groups.setdefault(tuple(sorted(parameters_for(month, parameters).items())), []).append(month)
    return [(dict(key), group) for key, group in groups.items()]


def _score(lists, params: dict, months: list[str], by: str) -> pd.DataFrame:
    """One rule set's months: snapshots from those months' extracts; flows from every extract (a
    year to the month's end reaches back into months scored with other rules)."""
    own = {name: _of_months(frame, months) for name, frame in lists.items()}
    snapshots = snapshot_indicators(own, params, by=(by, "Extract month")).rename(columns={"Extract month": "month"})
    table = pd.concat([snapshots, flows_by_area(lists, params, months, by)], ignore_index=True) if months else snapshots
    counts = [i.measure for i in INDICATORS if i.denominator == "-"]
    has_denominator = table["denominator"].notna() & ~table["measure"].isin(counts)
    scale = table["measure"].map(_scale)
    table["value"] = np.where(
        has_denominator, _rate_half_up(scale, table["numerator"], table["denominator"]), table["numerator"]
    )
    return table


def _of_months(frame: pd.DataFrame, months: list[str]) -> pd.DataFrame:
    if "Extract month" not in frame:
        return frame
    return frame[frame["Extract month"].astype(str).isin(months)]


def _rate_half_up(scale: pd.Series, numerator: pd.Series, denominator: pd.Series) -> np.ndarray:
    """scale x numerator / denominator to VALUE_DECIMALS, half up as DfE rounds (233 of 400 is
    58.3%, where binary floats and Python's round give 58.2), in whole-number arithmetic: the
    counts are whole, so no float ever stands between a half and the rounding."""
    usable = denominator.notna() & (denominator > 0) & numerator.notna()
    top = numerator.where(usable, 0).astype("int64").to_numpy()
    bottom = denominator.where(usable, 1).astype("int64").to_numpy()
    step = 10**VALUE_DECIMALS
    tenths = (2 * scale.to_numpy() * step * top + bottom) // (2 * bottom)
    return np.where(usable, tenths / step, np.nan)
