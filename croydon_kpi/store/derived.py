"""Figures derived from stated ones, with the arithmetic kept: the derivations are data
(data/catalogue/derivations.yaml, read by catalogue/derivations.py: what is the total, what is
taken from it), and nothing is derived when an input is not stated."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from croydon_kpi.catalogue.derivations import Derivation, load_derivations
from croydon_kpi.core import schema
from croydon_kpi.core.normalise import parse_money
from croydon_kpi.core.periods import frequency_of


def pounds_of(figure: pd.Series) -> Decimal:
    """Exact pounds: from the text as written where it is money, else from the stored value."""
    written = figure.get("as_written")
    if isinstance(written, str) and "£" in written:
        return parse_money(written).pounds
    return Decimal(str(figure["value"]))


def _find(figures: pd.DataFrame, measure: str, period_label: str, area: str) -> pd.Series | None:
    found = figures[
        (figures["measure"] == measure)
        & (figures["period_label"] == period_label)
        & (figures["status"] == "reported")
        & (figures["area_name"] == area)
    ]
    return found.iloc[0] if len(found) else None


def derived_figures(figures: pd.DataFrame, rules: tuple[Derivation, ...] | None = None) -> pd.DataFrame:
    """Each derivation (by default the project's) for every area that states its inputs: one
    area's money never meets another's."""
    rows = []
    for rule in load_derivations() if rules is None else rules:
        stated = figures[(figures["measure"] == rule.total[0]) & (figures["status"] == "reported")]
        for area in sorted(stated["area_name"].dropna().unique()):
            if (row := _derive(figures, rule, area)) is not None:
                rows.append(row)
    return schema.conform(pd.DataFrame(rows)) if rows else schema.empty_figures()


def _derive(figures: pd.DataFrame, rule: Derivation, area: str) -> dict | None:
    total = _find(figures, *rule.total, area)
    parts = [_find(figures, *part, area) for part in rule.less]
    if total is None or any(part is None for part in parts):
        return None  # the inputs are not stated: nothing is derived, nothing is guessed
    pounds = pounds_of(total) - sum((pounds_of(p) for p in parts), Decimal(0))
    arithmetic = (
        f"{total['as_written']} - " + " - ".join(p["as_written"] for p in parts) + f" = £{pounds / 1_000_000:.1f}m"
    )
    inputs = "; ".join(f"{f['measure']} from {f['source_id']} ({f['locator']})" for f in [total, *parts])
    return {
        **{k: total[k] for k in ("area_code", "old_la_code", "area_name", "area_level")},
        "measure": rule.measure,
        "label": f"derived: {arithmetic}",
        "period_start": rule.period[0],
        "period_end": rule.period[1],
        "period_label": rule.period[2],
        "frequency": frequency_of(rule.period[0], rule.period[1]),
        "kind": "level",
        "value": float(pounds),
        "as_written": None,
        "unit": "gbp",
        "bound": "exact",
        "available_from": max(f["available_from"] for f in [total, *parts]),
        "source_id": "derived",
        "locator": inputs,
        "quote": arithmetic,
        "status": "derived",
        "tags": ("derived",),
        "note": rule.note.format(total=total["as_written"], less=" and ".join(p["as_written"] for p in parts)),
    }
