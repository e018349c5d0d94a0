"""croydon_kpi: children's services performance figures with provenance, analysis and offline packs.

The package is laid out as its pipeline (README, "What each folder holds"):
core -> catalogue -> childlevel -> readers -> store -> analysis -> reports -> publish,
with errors.py beside them all. Imports point only down that list.

The names below are the ones an analyst reaches for first; they are imported on first use, so
`import croydon_kpi` (and the command's --help) stays fast.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "CatalogueError": "croydon_kpi.errors",
    "CroydonKpiError": "croydon_kpi.errors",
    "InputError": "croydon_kpi.errors",
    "ParseError": "croydon_kpi.errors",
    "load_catalogue": "croydon_kpi.catalogue.measures",
    "extract_figures": "croydon_kpi.readers.extract",
    "parse_date_range": "croydon_kpi.core.normalise",
    "parse_financial_year": "croydon_kpi.core.normalise",
    "parse_money": "croydon_kpi.core.normalise",
    "parse_percent": "croydon_kpi.core.normalise",
    "FigureStore": "croydon_kpi.store.figure_store",
    "load_store": "croydon_kpi.store.figure_store",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'croydon_kpi' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_EXPORTS])
