"""A synthetic borough: Annex A lists 1 to 11, as extracted at the end of each month of a window,
for a borough of a given child population. Deterministic for a seed.

Volumes are calibrated per 10,000 children to a reference authority's published figures for
the year to 31 March 2019 (the calibration in data/sources/synthetic/borough.yaml, each with its
source); the pace of work (visits, reviews, assessments on time) improves from the start of 2017
to late 2019, as the Improvement Board's report describes. Nothing here is real: identifiers read
"SYNTHETIC-000001", every list carries a "Synthetic data" column, and the area is called "Synthetic".
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from croydon_kpi.core.workdays import bank_holidays, working_days, years_spanned

# The calibration is data (data/sources/synthetic/borough.yaml, `calibration:`, each figure with
# its source): counts are for a reference authority's child population and become rates per
# 10,000 children here; shares and paces are used as written.
PER_10K = ("referrals_per_year", "cp_plans_per_year", "cp_stock", "cla_stock", "cin_plan_stock")
PLAIN = (
    "rereferral_share",
    "second_plan_share",
    "care_leaver_stock",
    "cases_per_worker",
    "months_between_worker_changes",
    "initial_health_assessment_on_time",
)


def calibration_from(spec: dict) -> dict[str, float]:
    """Rates per 10,000 children from a `calibration:` mapping (counts and `population_0_17`)."""
    base = spec["population_0_17"] / 10_000
    return {**{key: spec[key] / base for key in PER_10K}, **{key: float(spec[key]) for key in PLAIN}}


@lru_cache(maxsize=1)
def bundled_calibration() -> dict[str, float]:
    """The calibration in data/sources/synthetic/borough.yaml, as rates per 10,000 children."""
    from croydon_kpi.core import project
    from croydon_kpi.core.files import read_yaml

    return calibration_from((read_yaml(project.sources_dir() / "synthetic" / "borough.yaml") or {})["calibration"])


WORKER_CHANGES_KEPT = 16  # changes of worker simulated per episode: enough for any episode's length
# How far the pace of work improves: share of visits, reviews and assessments on time at the
# window's start and end (modelling choices shaped by the seed report's account of improvement).
ON_TIME_START, ON_TIME_END = 0.62, 0.93
LISTS = (
    "list_1_contacts",
    "list_2_early_help",
    "list_3_referrals",
    "list_4_assessments",
    "list_5_section_47",
    "list_6_children_in_need",
    "list_7_child_protection",
    "list_8_children_looked_after",
    "list_9_care_leavers",
    "list_10_adoption",
    "list_11_adopters",
)


def _month_ends(start: str, end: str) -> pd.DatetimeIndex:
    return pd.date_range(pd.Period(start, "M").start_time, pd.Period(end, "M").end_time.normalize(), freq="ME")


class _Borough:
    def __init__(self, seed: int, children: int, start: str, end: str):
        self.rng = np.random.default_rng(seed)
        self.scale = children / 10_000
        self.months = _month_ends(start, end)
        self.next_id = 0

    def ids(self, count: int) -> list[str]:
        made = [f"SYNTHETIC-{n:06d}" for n in range(self.next_id + 1, self.next_id + count + 1)]
        self.next_id += count
        return made

    def people(self, count: int, on: pd.Timestamp) -> pd.DataFrame:
        ages = self.rng.integers(0, 18 * 365, count)
        return pd.DataFrame(
            {
                "Child Unique ID": self.ids(count),
                "Gender": self.rng.choice(["Male", "Female"], count),
                "Date of Birth": on - pd.to_timedelta(ages, "D"),
            }
        )

    def on_time(self, month_index: int) -> float:
        share = month_index / max(1, len(self.months) - 1)
        return ON_TIME_START + (ON_TIME_END - ON_TIME_START) * share

    def days_in(self, month_end: pd.Timestamp, count: int) -> pd.Series:
        first = month_end.replace(day=1)
        return pd.Series(first + pd.to_timedelta(self.rng.integers(0, month_end.day, count), "D"))

    def gap(
        self, count: int, probability: float, on_time_days: tuple[int, int], late_days: tuple[int, int]
    ) -> np.ndarray:
        timely = self.rng.random(count) < probability
        early = self.rng.integers(*on_time_days, count)
        late = self.rng.integers(*late_days, count)
        return np.where(timely, early, late)

    # --- episodes that last: plans, care, leaving care -------------------------------------

    def episodes(self, stock_per_10k: float, mean_months: float) -> pd.DataFrame:
        """Open at the window's start plus new starts each month, so the stock stays about level."""
        stock = int(round(stock_per_10k * self.scale))
        first = self.months[0]
        initial = self.people(stock, first)
        initial["start"] = first - pd.to_timedelta(self.rng.integers(1, int(mean_months * 30), stock), "D")
        starts = []
        for month_end in self.months:
            count = self.rng.poisson(stock / mean_months)
            new = self.people(count, month_end)
            new["start"] = self.days_in(month_end, count).values
            starts.append(new)
        frame = pd.concat([initial, *starts], ignore_index=True)
        frame["end"] = frame["start"] + pd.to_timedelta(
            self.rng.exponential(mean_months * 30.4, len(frame)).astype(int) + 1, "D"
        )
        return frame


class _Allocations:
    """Each episode's social workers over time: allocated at the start, changed at random
    intervals, so that at any month's end the current worker and the date they took over are known."""

    def __init__(self, borough: _Borough, episodes: pd.DataFrame, workers: int):
        count = len(episodes)
        gaps = borough.rng.exponential(
            bundled_calibration()["months_between_worker_changes"] * 30.4, (count, WORKER_CHANGES_KEPT)
        )
        starts = episodes["start"].to_numpy(dtype="datetime64[D]")
        changes = starts[:, None] + np.cumsum(gaps, axis=1).astype("timedelta64[D]")
        self.allocated = np.concatenate([starts[:, None], changes], axis=1)
        self.worker = borough.rng.integers(0, workers, (count, WORKER_CHANGES_KEPT + 1))
        self.names = np.array([f"Synthetic worker {number:04d}" for number in range(1, workers + 1)], dtype=object)

    def at(self, open_rows: pd.DataFrame, month_end) -> tuple[np.ndarray, np.ndarray]:
        """(worker names, date the current worker was allocated) of the open rows at month_end."""
        positions = open_rows.index.to_numpy()
        allocated = self.allocated[positions]
        latest = (allocated <= np.datetime64(month_end.date())).sum(axis=1) - 1
        pick = (np.arange(len(positions)), np.maximum(latest, 0))
        return self.names[self.worker[pick]], allocated[pick]


def _synthetic(frame: pd.DataFrame, month_end) -> pd.DataFrame:
    frame = frame.copy()
    frame["Extract month"] = f"{month_end:%Y-%m}"
    frame["Synthetic data"] = "yes"
    return frame


def _open_at(episodes: pd.DataFrame, month_end) -> pd.DataFrame:
    return episodes[(episodes["start"] <= month_end) & (episodes["end"] > month_end)]


def generate(
    seed: int = 2019, children: int = 91_658, start: str = "2017-01", end: str = "2019-10"
) -> dict[str, pd.DataFrame]:
    """All eleven Annex A lists (list name -> DataFrame with the template's column names), each the
    extracts at the end of every month from `start` to `end` stacked, with an "Extract month" column."""
    borough = _Borough(seed, children, start, end)
    cp = borough.episodes(
        bundled_calibration()["cp_stock"],
        bundled_calibration()["cp_stock"] * 12 / bundled_calibration()["cp_plans_per_year"],
    )
    cp["Number of Previous Child Protection Plans"] = np.where(
        borough.rng.random(len(cp)) < bundled_calibration()["second_plan_share"], borough.rng.integers(1, 3, len(cp)), 0
    )
    cin = borough.episodes(bundled_calibration()["cin_plan_stock"], 8)
    cla = borough.episodes(bundled_calibration()["cla_stock"], 30)
    cla["Number of Placements in the Last 12 months"] = borough.rng.choice([1, 1, 1, 2, 2, 3, 4], len(cla))
    cla["Date of Initial Health Assessment"] = _initial_health_assessments(borough, cla["start"])
    open_cases = (
        sum(bundled_calibration()[stock] for stock in ("cp_stock", "cin_plan_stock", "cla_stock")) * borough.scale
    )
    workers = max(1, round(open_cases / bundled_calibration()["cases_per_worker"]))
    allocations = {
        "cp": _Allocations(borough, cp, workers),
        "cin": _Allocations(borough, cin, workers),
        "cla": _Allocations(borough, cla, workers),
    }
    leavers = borough.people(int(round(bundled_calibration()["care_leaver_stock"] * borough.scale)), borough.months[0])
    leavers["Date of Birth"] = borough.months[0] - pd.to_timedelta(
        borough.rng.integers(17 * 365, 21 * 365, len(leavers)), "D"
    )
    lists: dict[str, list[pd.DataFrame]] = {name: [] for name in LISTS}
    for index, month_end in enumerate(borough.months):
        timely = borough.on_time(index)
        _month_flows(borough, lists, index, month_end, timely)
        _month_stocks(borough, lists, month_end, timely, (cp, cin, cla), allocations, leavers)
    return {name: pd.concat(frames, ignore_index=True) if frames else pd.DataFrame() for name, frames in lists.items()}


def _month_flows(borough: _Borough, lists, index: int, month_end, timely: float) -> None:
    rng, scale = borough.rng, borough.scale
    referrals = rng.poisson(bundled_calibration()["referrals_per_year"] * scale / 12)
    people = borough.people(referrals, month_end)
    dates = borough.days_in(month_end, referrals).values
    contacts = people.assign(
        **{"Date of Contact": dates, "Contact Source": rng.choice(["Police", "Schools", "Health services"], referrals)}
    )
    lists["list_1_contacts"].append(_synthetic(contacts, month_end))
    referral = people.assign(
        **{
            "Date of referral": dates,
            "Referral Source": contacts["Contact Source"].values,
            "Referral NFA?": np.where(rng.random(referrals) < 0.08, "Yes", "No"),
            "Number of Referrals in Last 12 Months": np.where(
                rng.random(referrals) < bundled_calibration()["rereferral_share"], 2, 1
            ),
            "Allocated Team": "Synthetic team",
            "Allocated Worker": "Synthetic worker",
        }
    )
    lists["list_3_referrals"].append(_synthetic(referral, month_end))
    assessed = people.iloc[: int(referrals * 0.85)].copy()
    begun = pd.Series(dates[: len(assessed)]) - pd.to_timedelta(rng.integers(30, 70, len(assessed)), "D")
    length = borough.gap(len(assessed), timely, (10, 44), (46, 70))
    assessed["Continuous Assessment Start Date"] = begun.values
    assessed["Continuous Assessment Date of Authorisation"] = (begun + pd.to_timedelta(length * 7 // 5, "D")).values
    assessed["Allocated Team"], assessed["Allocated Worker"] = "Synthetic team", "Synthetic worker"
    lists["list_4_assessments"].append(_synthetic(assessed, month_end))
    enquiries = people.iloc[: int(referrals * 0.15)].copy()
    strategy = pd.Series(dates[: len(enquiries)]) - pd.to_timedelta(rng.integers(25, 40, len(enquiries)), "D")
    to_conference = borough.gap(len(enquiries), timely, (5, 15), (16, 30))
    enquiries["Strategy discussion initiating Section 47 Enquiry Start Date"] = strategy.values
    enquiries["Date of Initial Child Protection Conference"] = (
        strategy + pd.to_timedelta(to_conference * 7 // 5, "D")
    ).values
    enquiries["Did the Initial Child Protection Conference Result in a Child Protection Plan"] = "Yes"
    enquiries["Allocated Team"], enquiries["Allocated Worker"] = "Synthetic team", "Synthetic worker"
    lists["list_5_section_47"].append(_synthetic(enquiries, month_end))
    early = borough.people(rng.poisson(20 * scale), month_end)
    early["Assessment start date"] = borough.days_in(month_end, len(early)).values
    early["Organisation completing assessment"] = "Synthetic early help"
    lists["list_2_early_help"].append(_synthetic(early, month_end))
    adoption = borough.people(rng.poisson(0.5 * scale), month_end)
    adoption["Date the child entered care"] = month_end - pd.Timedelta(days=400)
    lists["list_10_adoption"].append(_synthetic(adoption, month_end))
    adopters = pd.DataFrame(
        {"Adopter ID": [f"SYNTHETIC-ADOPTER-{index:03d}-{n}" for n in range(rng.poisson(0.3 * scale))]}
    )
    adopters["Date enquiry received"] = month_end - pd.Timedelta(days=10)
    lists["list_11_adopters"].append(_synthetic(adopters, month_end))


def _visited(borough: _Borough, month_end, count: int, timely: float, on_time: tuple, late: tuple) -> pd.Series:
    days = borough.gap(count, timely, on_time, late)
    return pd.Series(month_end - pd.to_timedelta(days, "D"))


def _initial_health_assessments(borough: _Borough, starts: pd.Series) -> np.ndarray:
    """On time (within 20 working days) for the calibrated share; 21 to 45 working days otherwise."""
    days = borough.gap(len(starts), bundled_calibration()["initial_health_assessment_on_time"], (5, 21), (21, 46))
    start_days = starts.to_numpy(dtype="datetime64[D]")
    first, last = years_spanned(start_days)
    # up to 45 working days on: the next year's holidays may be crossed
    return np.busday_offset(start_days, days, roll="forward", holidays=bank_holidays(first, last + 1))


def _month_stocks(borough: _Borough, lists, month_end, timely: float, episodes, allocations, leavers) -> None:
    rng = borough.rng
    cp, cin, cla = episodes
    plans = _open_at(cp, month_end).copy()
    plans["Child Protection Plan Start Date"] = plans["start"]
    plans["Date of the Last Statutory Visit"] = _visited(
        borough, month_end, len(plans), timely, (0, 13), (15, 35)
    ).values
    reviewed = _visited(borough, month_end, len(plans), min(0.99, timely + 0.05), (0, 170), (190, 260)).values
    plans["Date of latest review conference"] = np.where(
        month_end - plans["start"] > pd.Timedelta(days=92), reviewed, pd.NaT
    )
    plans["Allocated Team"], plans["Allocated Worker"] = "Synthetic team", allocations["cp"].at(plans, month_end)[0]
    lists["list_7_child_protection"].append(_synthetic(plans.drop(columns=["start", "end"]), month_end))
    needs = _open_at(cin, month_end).copy()
    needs["CIN Start Date"] = needs["start"]
    needs["Date Child Was Last Seen"] = _visited(
        borough, month_end, len(needs), timely - 0.08, (0, 26), (30, 60)
    ).values
    needs["Date of latest CIN plan review"] = _visited(
        borough, month_end, len(needs), timely - 0.1, (0, 88), (95, 150)
    ).values
    needs["Case Status"] = "Child in need plan"
    needs["Allocated Team"], needs["Allocated Worker"] = "Synthetic team", allocations["cin"].at(needs, month_end)[0]
    lists["list_6_children_in_need"].append(_synthetic(needs.drop(columns=["start", "end"]), month_end))
    care = _open_at(cla, month_end).copy()
    care["Date Started to be Looked After"] = care["start"]
    care["Date of Last Social Work Visit"] = _visited(borough, month_end, len(care), timely, (0, 40), (45, 80)).values
    care["Date of Latest Statutory Review"] = _visited(
        borough, month_end, len(care), timely, (0, 175), (190, 260)
    ).values
    care["Date of Last Health Assessment"] = _visited(
        borough, month_end, len(care), timely - 0.05, (0, 360), (370, 500)
    ).values
    care["Placement distance from home (miles)"] = np.where(
        rng.random(len(care)) < 0.83, rng.integers(0, 20, len(care)), rng.integers(21, 120, len(care))
    )
    care["Allocated Team"] = "Synthetic team"
    care["Allocated Worker"], care["Date Current Social Worker Allocated"] = allocations["cla"].at(care, month_end)
    lists["list_8_children_looked_after"].append(_synthetic(care.drop(columns=["start", "end"]), month_end))
    leaving = leavers.copy()
    leaving["Allocated Personal Advisor"] = "Synthetic adviser"
    leaving["LA in Touch"] = np.where(rng.random(len(leaving)) < timely, "Yes", "No")
    leaving["Suitability of Accommodation"] = np.where(rng.random(len(leaving)) < timely, "Suitable", "Unsuitable")
    lists["list_9_care_leavers"].append(_synthetic(leaving, month_end))


__all__ = ["generate", "bundled_calibration", "LISTS", "working_days"]
