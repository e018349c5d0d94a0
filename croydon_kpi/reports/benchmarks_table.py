"""The benchmarks report's table: every published measure against neighbours, London and England,
written for readers."""
from __future__ import annotations

import pandas as pd

from croydon_kpi.analysis.benchmarks import benchmark
from croydon_kpi.reports.formatting import format_value


def all_benchmarks(store, area: str, year: int = 2019) -> pd.DataFrame:
    """Every published measure for the area and year against neighbours, London and England."""
    rows = []
    for measure in sorted(store.catalogue.measures.values(), key=lambda m: (m.domain, m.title)):
        if not measure.national_sources or measure.domain == "population":
            continue
        found = benchmark(store, measure.id, year, area)
        if found.period_label is None:
            continue
        text = lambda v, measure=measure: format_value(v, measure.unit, measure.decimals)
        neighbours = {k.split(" model")[0].replace("Statistical neighbours (", "Neighbours ") + ")": v
                      for k, v in found.comparators.items() if k.startswith("Statistical")}
        rows.append({"Measure": measure.title, "Period": found.period_label, area: text(found.value),
                     **{k: text(v) for k, v in neighbours.items()},
                     **{k: text(v) for k, v in found.comparators.items() if not k.startswith("Statistical")},
                     "Rank (1 = best)": f"{found.rank} of {found.ranked}" if found.rank else "not ranked",
                     "Quartile": found.quartile or "-", "Polarity": measure.polarity.replace("_", " ")})
    return pd.DataFrame(rows)
