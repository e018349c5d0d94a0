"""croydon_kpi: children's services performance figures with provenance, analysis and offline packs."""
from .catalogue import CatalogueError, load_catalogue
from .errors import InputError
from .extract import extract_figures
from .normalise import ParseError, parse_date_range, parse_financial_year, parse_money, parse_percent
from .store import FigureStore, load_store

__version__ = "0.1.0"
__all__ = [
    "CatalogueError", "FigureStore", "extract_figures", "InputError", "ParseError", "load_catalogue", "load_store",
    "parse_date_range", "parse_financial_year", "parse_money", "parse_percent",
]
