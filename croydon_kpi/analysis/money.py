"""Money in real terms and per child.

Real terms in base-year prices = cash x deflator(base year) / deflator(cash year), with HM
Treasury GDP deflators (not CPI, for public spending). Every vintage revises history, so every
real-terms figure carries the vintage and base year it was computed with.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from croydon_kpi.catalogue.measures import load_catalogue
from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.core.files import read_text
from croydon_kpi.core.normalise import parse_financial_year
from croydon_kpi.errors import AnalysisError, InputError, ParseError

DEFLATOR_SOURCE = "hmt_gdp_deflators_2026_03"  # its id in sources.yaml, which says which file it is
PENNY = Decimal("0.01")


@dataclass(frozen=True)
class Deflators:
    index: dict[str, Decimal]  # "2018-19" -> 78.7948
    vintage: str
    status: dict[str, str]  # "2025-26" -> "forecast (OBR March 2026)"

    @property
    def years(self) -> list[str]:
        return sorted(self.index)


@dataclass(frozen=True)
class RealTerms:
    pounds: Decimal  # in base-year prices, to the penny
    cash_pounds: Decimal
    year: str
    base: str
    vintage: str
    note: str | None = None

    def __str__(self) -> str:
        return (
            f"£{self.pounds / 1_000_000:,.2f}m in {self.base} prices ({self.year} cash £{self.cash_pounds:,}; "
            f"HM Treasury GDP deflators, {self.vintage})"
        )


def load_deflators(source_id: str = DEFLATOR_SOURCE) -> Deflators:
    """The deflator table of a source (by default the bundled HM Treasury vintage), by financial year."""
    path = load_catalogue().source(source_id).path
    rows = list(csv.DictReader(io.StringIO(read_text(path))))
    if not rows:
        raise InputError(path, None, "no deflator rows")
    index, status = {}, {}
    for line, row in enumerate(rows, start=2):
        try:
            year = parse_financial_year(row["financial_year"]).label
            index[year] = Decimal(row["gdp_deflator_index"])
        except (ParseError, KeyError, ArithmeticError) as error:
            raise InputError(
                path, f"line {line}", f"expected financial_year and gdp_deflator_index ({error})"
            ) from None
        status[year] = row.get("status", "")
    return Deflators(index=index, vintage=rows[0]["vintage"], status=status)


def _year(label: str, deflators: Deflators, what: str) -> str:
    try:
        year = parse_financial_year(label).label
    except ParseError as error:
        raise AnalysisError(f"{what}: {error}") from None
    if year not in deflators.index:
        raise AnalysisError(
            (
                f"{what} {year} is outside the deflator table ({deflators.years[0]} to {deflators.years[-1]}, "
                f"{deflators.vintage})"
            )
        )
    return year


def price_year(label: str, deflators: Deflators | None = None) -> str:
    """A base year for real terms, as the deflator table labels it ("2024/25" -> "2024-25")."""
    return _year(label, deflators or load_deflators(), "base year")


def real_terms(pounds, year="2018-19", base: str | None = None, deflators: Deflators | None = None):
    """£22.2m in 2018-19 -> £28.17m in 2024-25 prices (March 2026 vintage). `base`: the report
    settings' base price year unless given. Given a pandas Series of pounds (and a year, or a
    Series of years beside it), the Series of RealTerms, one per row, on the same index."""
    deflators = deflators or load_deflators()
    base = base or report_settings().base_price_year
    if isinstance(pounds, pd.Series):
        years = year if isinstance(year, pd.Series) else pd.Series(year, index=pounds.index)
        return pd.Series(
            [real_terms(p, y, base, deflators) for p, y in zip(pounds, years.reindex(pounds.index))],
            index=pounds.index,
            dtype=object,
        )
    cash_year, base_year = _year(year, deflators, "cash year"), _year(base, deflators, "base year")
    cash = Decimal(str(pounds))
    value = (cash * deflators.index[base_year] / deflators.index[cash_year]).quantize(PENNY, rounding=ROUND_HALF_UP)
    forecast = [y for y in (cash_year, base_year) if "forecast" in deflators.status.get(y, "")]
    note = f"{', '.join(forecast)} deflator is a forecast" if forecast else None
    return RealTerms(value, cash, cash_year, base_year, deflators.vintage, note)


def _population_year(financial_year: str) -> int:
    """The ONS mid-year estimate that matches a financial year: mid-2018 for 2018-19."""
    return parse_financial_year(financial_year).start.year


def _per_head(store, measure: str, area: str, heads: str, heads_year) -> pd.DataFrame:
    """Spend by financial year beside the `heads` figure of the matching year, and spend per head."""
    spend = store.series(measure, area=area)
    counts = store.series(heads, area=area)
    by_year = dict(zip(counts["period_end"].dt.year, counts["value"]))
    rows = []
    for figure in spend.itertuples():
        year = heads_year(figure.period_label)
        people = by_year.get(year)
        # None where there is no head to divide by: no figure, a suppressed one, or none at all (an
        # authority with no child looked after at that 31 March, as the smallest have had)
        defined = people is not None and not pd.isna(people) and people > 0 and not pd.isna(figure.value)
        rows.append(
            {
                "financial_year": figure.period_label,
                "spend": figure.value,
                "heads": people,
                "year": year,
                "per_head": round(figure.value / people, 2) if defined else None,
            }
        )
    return pd.DataFrame(rows)


def spend_per_child(store, measure: str = "s251_cla_gross_spend_gbp", *, area: str) -> pd.DataFrame:
    """Spend per child aged 0-17 (ONS mid-year estimate of the year the financial year starts in)."""
    table = _per_head(store, measure, area, "population_0_17", _population_year)
    return pd.DataFrame(
        {
            "financial_year": table["financial_year"],
            "spend": table["spend"],
            "population_0_17": table["heads"],
            "population_year": "mid-" + table["year"].astype(str),
            "per_child": table["per_head"],
        }
    )


def spend_per_child_looked_after(store, measure: str = "s251_cla_gross_spend_gbp", *, area: str) -> pd.DataFrame:
    """Spend per child looked after at the 31 March that ends the financial year."""
    table = _per_head(store, measure, area, "cla_count", lambda label: parse_financial_year(label).end.year)
    return pd.DataFrame(
        {
            "financial_year": table["financial_year"],
            "spend": table["spend"],
            "children_looked_after": table["heads"],
            "at": "31 Mar " + table["year"].astype(str),
            "per_child_looked_after": table["per_head"],
        }
    )


def spend_profile(
    store, measure: str = "s251_cla_gross_spend_gbp", *, area: str, base: str | None = None
) -> pd.DataFrame:
    """Cash and real-terms spend by financial year, with the change on the year before."""
    deflators = load_deflators()
    base = base or report_settings().base_price_year
    spend = store.series(measure, area=area)
    rows = []
    for figure in spend.itertuples():
        real = (
            real_terms(figure.value, figure.period_label, base, deflators)
            if figure.period_label in deflators.index
            else None
        )
        rows.append(
            {
                "financial_year": figure.period_label,
                "cash": figure.value,
                f"real_{base}_prices": None if real is None else float(real.pounds),
                "deflator_vintage": deflators.vintage,
            }
        )
    profile = pd.DataFrame(rows)
    profile["real_change_on_year"] = profile[f"real_{base}_prices"].diff()
    return profile


def is_one_financial_year(label) -> bool:
    """A period label of one financial year ("2018-19"), which a deflator can price; not "2018-19
    to 2019-20", "2018-19 and 2019-20 together" or "year not stated"."""
    return (
        isinstance(label, str) and len(label) == 7 and label[4] == "-" and label[:4].isdigit() and label[5:].isdigit()
    )
