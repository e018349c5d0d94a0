"""Working days in England and Wales: weekends and bank holidays excluded (bank holidays from the
maintained `holidays` package). Whether the start day counts is a parameter, not a hidden choice:
DfE's CIN validator counts it as day one."""

from __future__ import annotations

from functools import lru_cache

import holidays
import numpy as np
import pandas as pd


@lru_cache(maxsize=None)
def bank_holidays(first_year: int, last_year: int) -> np.ndarray:
    """England's bank holidays from the first year to the last, as numpy days."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return np.array(sorted(days), dtype="datetime64[D]")


def years_spanned(*days: np.ndarray) -> tuple[int, int]:
    """The first and last calendar year of the dates (any year: no fixed range to fall off)."""
    known = np.concatenate([d[~np.isnat(d)] for d in days])
    if not len(known):
        return 2000, 2000
    years = known.astype("datetime64[Y]").astype(int) + 1970
    return int(years.min()), int(years.max())


def working_days(start, end, count_start_day: bool = False) -> np.ndarray:
    """Working days from start to end (vectorised; NaT gives NaN). With count_start_day=False,
    a visit the next working day is 1 day; with True it is 2 (the start day is day one)."""
    start = pd.to_datetime(pd.Series(start)).to_numpy(dtype="datetime64[D]")
    end = pd.to_datetime(pd.Series(end)).to_numpy(dtype="datetime64[D]")
    missing = np.isnat(start) | np.isnat(end)
    safe_start = np.where(missing, np.datetime64("2000-01-03"), start)
    safe_end = np.where(missing, np.datetime64("2000-01-03"), end)
    offset = np.timedelta64(0 if count_start_day else 1, "D")
    holidays_in = bank_holidays(*years_spanned(start, end))
    counted = np.busday_count(safe_start + offset, safe_end + np.timedelta64(1, "D"), holidays=holidays_in)
    return np.where(missing, np.nan, counted.astype(float))
