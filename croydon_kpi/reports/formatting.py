"""How a figure is written for a reader: its unit, its published decimal places, and what a
missing value means (suppressed is not the same as not published)."""
from __future__ import annotations

import math

from croydon_kpi.core import schema
from croydon_kpi.core.rounding import round_half_up


def format_value(value: float | None, unit: str, decimals: int = 0, symbol: str | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        if symbol:
            return f"{symbol}: {schema.SUPPRESSION_SYMBOLS.get(symbol, 'not a number')}"
        return "no figure"
    number = round_half_up(value, decimals)
    text = f"{number:,.{decimals}f}"
    if unit == "percent":
        return f"{text}%"
    if unit == "gbp":
        return f"£{text}"
    if unit == "rate_per_10k":
        return f"{text} per 10,000"
    if unit == "fte":
        return f"{text} FTE"
    return text
