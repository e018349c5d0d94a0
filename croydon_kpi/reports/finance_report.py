"""What the finance report shows: the improvement money as the council described it first, then
real terms, spend per child and S251 spend against the area's region and England, all written for readers.

Recurring and one-off money are never added together; a figure is called recurring or one-off
only where a source says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from croydon_kpi.analysis import money
from croydon_kpi.analysis.finance import money_once, s251_areas
from croydon_kpi.analysis.money import is_one_financial_year
from croydon_kpi.catalogue.papers import paper_catalogue
from croydon_kpi.catalogue.report_settings import report_settings
from croydon_kpi.core.params import shown
from croydon_kpi.core.schema import NEVER_KNOWN
from croydon_kpi.errors import AnalysisError, ParameterError
from croydon_kpi.reports.formatting import MONEY_NATURE_WORDS, also_stated, format_money, source_label
from croydon_kpi.reports.registry import Plan, slug
from croydon_kpi.store.figure_store import FigureStore, load_store

S251_MEASURE = "s251_cla_gross_spend_gbp"


def plan(store: FigureStore, area: str, base_year: str) -> Plan:
    """The report's file and title; a base year outside the deflator table is refused here."""
    place = store.area(area)
    try:
        checked = money.price_year(base_year)
    except AnalysisError as error:
        raise ParameterError(f"base_year {shown(base_year)}: {error}") from None
    return Plan(
        f"finance_{slug(place.name)}",
        {"area": place.name, "base_year": checked},
        finance_title(place.name),
        place.name,
        f"every year the sources give, in {checked} prices",
    )


def finance_title(area_name: str) -> str:
    return f"{area_name}: children's services money"


@dataclass
class FinanceReport:
    store: FigureStore
    area: str
    base_year: str  # real terms are in this financial year's prices

    @property
    def title(self) -> str:
        return finance_title(self.area)

    @cached_property
    def _papers(self) -> dict:
        return paper_catalogue()

    @cached_property
    def _money(self) -> pd.DataFrame:
        """The area's money figures, each allocation once, the other sources that state it named in `also`."""
        table = money_once(self.store, self.area)
        return table.assign(also=[also_stated(others, self._label) for others in table["others"]])

    def _label(self, source_id, locator) -> str:
        return source_label(self.store.catalogue, source_id, locator, self._papers)

    @cached_property
    def _deflators(self):
        return money.load_deflators()

    def summary(self) -> str:
        table = self._money
        if table.empty:
            return (
                f"**No money figure about {self.area} is in the bundled papers or statements.** The "
                "published S251 spend "
                "below is the only money shown."
            )
        improvement = table[
            table["money"].isin(["recurring", "one_off", "not_stated"]) & (table["status"] == "reported")
        ]
        improvement = improvement.drop_duplicates(["measure", "pounds", "period_label"])
        lines = [f"{self._money_words(r)}" for r in improvement.itertuples()]
        derived = table[table["status"] == "derived"]
        lines += [
            f"{format_money(r.pounds)} for {r.period_label} is worked out, not stated: {r.note}."
            for r in derived.itertuples()
        ]
        lines.append(
            f"Recurring and one-off money are never added together here. Real terms are at {self.base_year} prices "
            f"({self._deflators.vintage})."
        )
        return "\n".join(f"- {line}" for line in lines)

    def _money_words(self, row) -> str:
        what = self._title(row.measure)
        nature = MONEY_NATURE_WORDS.get(row.money, "not stated by the source")
        said = "" if nature in what.lower() else f": {nature}"  # "(recurring): recurring" says it twice
        # A web address in the summary's markdown would be a link out; the table below gives it as text.
        also = f"; {re.sub(r' <https?://[^>]*>', '', row.also)}" if row.also else ""
        source = self._label(row.source_id, row.locator)
        return f"**{row.as_written}** {what.lower()}{said}; {row.period_label} ({source}{also})."

    def improvement_money(self) -> pd.DataFrame:
        """Every money figure about the area, as its source describes it."""
        table = self._money
        return pd.DataFrame(
            {
                "Money": [
                    r.as_written if isinstance(r.as_written, str) else format_money(r.pounds)
                    for r in table.itertuples()
                ],
                "What": [self._title(m) for m in table["measure"]],
                "Recurring or one-off": table["money"].map(MONEY_NATURE_WORDS).fillna("not stated by the source"),
                "Years": table["period_label"],
                "Stated or worked out": [
                    _stated(self._label(r.source_id, r.locator), r.status) for r in table.itertuples()
                ],
                "Known from": [
                    f"{d.day} {d:%B %Y}" if d < NEVER_KNOWN else "date first stated not recorded"
                    for d in table["available_from"]
                ],
                "Source": [
                    self._label(r.source_id, r.locator) + (f"; {r.also}" if r.also else "") for r in table.itertuples()
                ],
            }
        )

    def real_terms(self) -> pd.DataFrame:
        rows = []
        for row in self._money.itertuples():
            single_year = is_one_financial_year(row.period_label)
            if not single_year:
                words = "not worked out: the figure spans years or its year is not stated"
            else:
                try:
                    words = format_money(
                        money.real_terms(row.pounds, row.period_label, self.base_year, self._deflators).pounds,
                        approximate=True,
                    )
                except ValueError:
                    words = "not worked out: the year is outside the deflator table"
            rows.append(
                {
                    "Money": row.as_written if isinstance(row.as_written, str) else format_money(row.pounds),
                    "Year": row.period_label,
                    f"In {self.base_year} prices": words,
                }
            )
        return pd.DataFrame(rows, columns=["Money", "Year", f"In {self.base_year} prices"])

    def spend_per_child(self) -> pd.DataFrame:
        return _spend_per_child(self)

    def spend_profile(self) -> pd.DataFrame:
        return _spend_profile(self)

    def s251_comparison(self) -> pd.DataFrame:
        return _s251_comparison(self)

    def _title(self, measure_id: str) -> str:
        measures = self.store.catalogue.measures
        return measures[measure_id].title if measure_id in measures else measure_id


def _stated(source: str, status: str) -> str:
    """How a figure is known: stated by a paper, by a web page only (as everywhere, said so), or worked out."""
    if status != "reported":
        return "worked out from stated figures"
    return "stated on a web page only (address under Source)" if "<http" in source else "stated"


def _spend_per_child(report: FinanceReport) -> pd.DataFrame:
    per_child = money.spend_per_child(report.store, S251_MEASURE, area=report.area)
    per_looked_after = money.spend_per_child_looked_after(report.store, S251_MEASURE, area=report.area).set_index(
        "financial_year"
    )
    return pd.DataFrame(
        {
            "Financial year": per_child["financial_year"],
            "Spend on children looked after (S251)": [format_money(v) for v in per_child["spend"]],
            "Children aged 0 to 17": [
                f"{v:,.0f} ({y})" if pd.notna(v) else "not known"
                for v, y in zip(per_child["population_0_17"], per_child["population_year"])
            ],
            "Per child aged 0 to 17": [
                format_money(round(v)) if pd.notna(v) else "not known" for v in per_child["per_child"]
            ],
            "Per child looked after": [
                format_money(round(per_looked_after["per_child_looked_after"].get(y)))
                if pd.notna(per_looked_after["per_child_looked_after"].get(y))
                else "not known"
                for y in per_child["financial_year"]
            ],
        }
    )


def _spend_profile(report: FinanceReport) -> pd.DataFrame:
    profile = money.spend_profile(report.store, S251_MEASURE, area=report.area, base=report.base_year)
    real = f"real_{report.base_year}_prices"
    return pd.DataFrame(
        {
            "Financial year": profile["financial_year"],
            "Cash": [format_money(v) for v in profile["cash"]],
            f"In {report.base_year} prices": [
                format_money(v, approximate=True) if pd.notna(v) else "outside the deflator table"
                for v in profile[real]
            ],
            "Real change on the year before": [
                ("up " if v > 0 else "down ") + format_money(abs(v), approximate=True) if pd.notna(v) else "-"
                for v in profile["real_change_on_year"]
            ],
        }
    )


def _s251_comparison(report: FinanceReport) -> pd.DataFrame:
    """S251 spend per child aged 0 to 17: the area, London, its region and England."""
    columns = {}
    for name in s251_areas(report.store, report.area):
        per_child = money.spend_per_child(report.store, S251_MEASURE, area=name)
        columns[name] = dict(zip(per_child["financial_year"], per_child["per_child"]))
    years = sorted({year for values in columns.values() for year in values})
    return pd.DataFrame(
        {
            "Financial year": years,
            **{
                name: [format_money(round(values[y])) if pd.notna(values.get(y)) else "no figure" for y in years]
                for name, values in columns.items()
            },
        }
    )


def prepare(area: str, base_year: str | None = None, store: FigureStore | None = None) -> FinanceReport:
    """Check the parameters and load the store; real terms in the settings' base year unless given."""
    store = store or load_store()
    return FinanceReport(store, store.area(area).name, money.price_year(base_year or report_settings().base_price_year))
