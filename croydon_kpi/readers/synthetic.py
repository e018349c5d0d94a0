"""The synthetic borough's computed monthly scorecard as figures (status computed, flagged synthetic)."""

from __future__ import annotations

import calendar

import pandas as pd

from croydon_kpi.catalogue.measures import Catalogue, Source
from croydon_kpi.childlevel.engine import monthly_scorecard, suppress
from croydon_kpi.childlevel.synthetic import generate
from croydon_kpi.core import schema
from croydon_kpi.core.files import read_yaml
from croydon_kpi.errors import InputError

AREA = {"area_code": "SYNTHETIC", "old_la_code": None, "area_name": "Synthetic", "area_level": "local_authority"}


def read_synthetic(source: Source, catalogue: Catalogue) -> pd.DataFrame:
    spec = read_yaml(source.path) or {}
    if (
        not isinstance(spec, dict)
        or not isinstance(spec.get("children"), int)
        or isinstance(spec.get("children"), bool)
        or spec["children"] < 1_000
    ):
        raise InputError(
            source.path,
            "children",
            "expected a whole number of children aged 0 to 17, 1,000 or more (a borough's size)",
        )
    try:
        lists = generate(int(spec["seed"]), int(spec["children"]), str(spec["start"]), str(spec["end"]))
    except (KeyError, ValueError, TypeError) as error:
        raise InputError(source.path, None, f"expected seed, children, start and end (YYYY-MM): {error}") from None
    scorecard = suppress(monthly_scorecard(lists))
    rows = []
    for result in scorecard.itertuples():
        measure = catalogue.measure(result.measure)
        start = pd.Period(result.month, "M").start_time
        end = pd.Period(result.month, "M").end_time.normalize()
        rows.append(
            {
                **AREA,
                "measure": result.measure,
                "label": measure.title,
                "period_start": start,
                "period_end": end,
                "period_label": f"{calendar.month_name[start.month]} {start.year}",
                "frequency": "month",  # the lists are counted month by month
                "kind": "level",
                "value": result.value,
                "unit": measure.unit,
                "bound": "exact",
                "numerator": result.numerator,
                "denominator": result.denominator,
                "symbol": result.symbol,
                "source_id": source.id,
                "locator": f"computed from synthetic Annex A lists, extract {result.month}",
                "quote": f"{result.numerator:g} / {result.denominator:g}"
                if pd.notna(result.denominator) and pd.notna(result.numerator)
                else None,
                "status": "computed",
                "tags": ("synthetic", *([f"suppressed={result.symbol}"] if result.symbol else [])),
                "note": "; ".join(
                    ["synthetic data: no real child"]
                    + (["suppressed: a count from 1 to 5 could be read or worked out from it"] if result.symbol else [])
                    + ([result.note] if isinstance(result.note, str) else [])
                ),
            }
        )
    return schema.conform(pd.DataFrame(rows))


def read(source: Source, catalogue: Catalogue, so_far: pd.DataFrame):
    """The registry's entry point: (figures, no rejections)."""
    return read_synthetic(source, catalogue), None
