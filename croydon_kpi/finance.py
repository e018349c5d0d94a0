"""Money: the finance table, figures derived from stated ones (with the arithmetic kept), S251
comparisons, and a guard against adding recurring and one-off money without saying so."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from . import schema
from .normalise import parse_money


@dataclass(frozen=True)
class Derivation:
    """measure for `period_label` = total (measure, period) minus each of `less` (measure, period)."""
    measure: str
    period: tuple[str, str, str]  # start, end, label
    total: tuple[str, str]
    less: tuple[tuple[str, str], ...]
    note: str


DERIVATIONS = (
    Derivation(
        measure="transformation_spend_gbp",
        period=("2019-04-01", "2020-03-31", "2019-20"),
        total=("transformation_funding_gbp", "2018-19 to 2019-20"),
        less=(("transformation_spend_gbp", "2018-19"),),
        note=("what the £10.2m two-year estimate leaves for 2019-20 after £4.2m spent in 2018-19; "
              "derived, not a reported spend"),
    ),
)


def _pounds(figure: pd.Series) -> Decimal:
    """Exact pounds: from the text as written where it is money, else from the stored value."""
    written = figure.get("as_written")
    if isinstance(written, str) and "£" in written:
        return parse_money(written).pounds
    return Decimal(str(figure["value"]))


def _find(figures: pd.DataFrame, measure: str, period_label: str) -> pd.Series | None:
    found = figures[(figures["measure"] == measure) & (figures["period_label"] == period_label)
                    & (figures["status"] == "reported")]
    return found.iloc[0] if len(found) else None


def derived_figures(figures: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for rule in DERIVATIONS:
        total = _find(figures, *rule.total)
        parts = [_find(figures, *part) for part in rule.less]
        if total is None or any(part is None for part in parts):
            continue  # the inputs are not stated: nothing is derived, nothing is guessed
        pounds = _pounds(total) - sum((_pounds(p) for p in parts), Decimal(0))
        arithmetic = f"{total['as_written']} - " + " - ".join(p["as_written"] for p in parts) + f" = £{pounds / 1_000_000:.1f}m"
        inputs = "; ".join(f"{f['measure']} from {f['source_id']} ({f['locator']})" for f in [total, *parts])
        rows.append({**{k: total[k] for k in ("area_code", "old_la_code", "area_name", "area_level")},
                     "measure": rule.measure, "label": f"derived: {arithmetic}", "period_start": rule.period[0],
                     "period_end": rule.period[1], "period_label": rule.period[2], "kind": "level",
                     "value": float(pounds), "as_written": None, "unit": "gbp", "bound": "exact",
                     "available_from": max(f["available_from"] for f in [total, *parts]),
                     "source_id": "derived", "locator": inputs, "quote": arithmetic, "status": "derived",
                     "flags": "derived", "note": rule.note})
    return schema.conform(pd.DataFrame(rows)) if rows else schema.empty_figures()


def finance_table(store) -> pd.DataFrame:
    """Every stated and derived money figure: as written, exact pounds, recurring or one-off, year, source."""
    figures = store.figures
    money = figures[(figures["unit"] == "gbp") & figures["status"].isin(["reported", "derived"])].copy()
    catalogue = store.catalogue
    money["money"] = money["measure"].map(lambda m: catalogue.measures[m].money if m in catalogue.measures else None)
    money["pounds"] = [_pounds(row) for _, row in money.iterrows()]
    from_document = money["flags"].fillna("").str.contains("period_from_document")
    money["period_label"] = money["period_label"].where(~from_document, "year not stated (reported " + money["period_label"] + ")")
    money["period_label"] = money["period_label"].fillna("year not stated")
    columns = ["as_written", "pounds", "money", "measure", "period_label", "status", "source_id", "locator", "quote", "note"]
    return money[columns].reset_index(drop=True)


def sum_money(rows: pd.DataFrame, mixed_label: str | None = None) -> Decimal:
    """Add money figures of one nature; recurring and one-off money together only with a label saying so."""
    natures = set(rows["money"].dropna())
    if len(natures) > 1 and not mixed_label:
        raise ValueError(f"adding {sorted(natures)} money together: pass mixed_label saying what the total means")
    return sum((Decimal(p) for p in rows["pounds"]), Decimal(0))


S251_AREAS = ("Croydon", "London", "Outer London", "England")


def s251_comparison(store, measure: str = "s251_cla_gross_spend_gbp", area: str = "Croydon") -> pd.DataFrame:
    """S251 outturn by financial year for the area, London, Outer London and England."""
    columns = {}
    for name in dict.fromkeys((area, *S251_AREAS[1:])):
        series = store.series(measure, area=name)
        columns[name] = series.set_index("period_label")["value"]
    table = pd.DataFrame(columns)
    table.index.name = "financial_year"
    return table


def investment_profile(store) -> pd.DataFrame:
    """The improvement money by kind and year, as stated: recurring and one-off never added up."""
    table = finance_table(store)
    improvement = table[table["measure"].isin(["csc_base_budget_growth_gbp", "business_support_base_budget_gbp",
                                               "transformation_funding_gbp", "transformation_spend_gbp",
                                               "earmarked_reserves_improvement_gbp"])]
    improvement = improvement.drop_duplicates(["measure", "pounds", "period_label"])
    return pd.DataFrame({"Kind of money": improvement["money"], "What": improvement["measure"],
                         "Year": improvement["period_label"], "Pounds": [f"£{p:,}" for p in improvement["pounds"]],
                         "Status": improvement["status"], "Note": improvement["note"]})


def real_terms_table(store, base: str = "2024-25") -> pd.DataFrame:
    """Each stated money figure in base-year prices where its year is a single financial year."""
    from .money import real_terms

    rows = []
    for row in finance_table(store).itertuples():
        single_year = isinstance(row.period_label, str) and len(row.period_label) == 7 and row.period_label[4] == "-"
        try:
            real = real_terms(row.pounds, row.period_label, base) if single_year else None
            words = str(real) if real else "not computed: the figure spans years or its year is not stated"
        except ValueError as error:
            words = f"not computed: {error}"
        rows.append({"As written": row.as_written if isinstance(row.as_written, str) else "(derived)", "Year": row.period_label, "Kind of money": row.money,
                     f"In {base} prices": words})
    return pd.DataFrame(rows)


def s251_chart(store, measure: str = "s251_cla_gross_spend_gbp", area: str = "Croydon"):
    """S251 spend per child aged 0-17: the area against Outer London, London and England."""
    import plotly.graph_objects as go

    from .money import spend_per_child

    figure = go.Figure()
    for name, symbol, dash in ((area, "circle", "solid"), ("Outer London", "triangle-up", "dash"),
                               ("London", "square", "dashdot"), ("England", "diamond", "dot")):
        per_child = spend_per_child(store, measure, name)
        figure.add_trace(go.Scatter(x=per_child["financial_year"], y=per_child["per_child"], name=name, mode="lines+markers",
                                    marker={"symbol": symbol, "size": 8}, line={"dash": dash}))
    title = store.catalogue.measure(measure).title
    figure.update_layout(title={"text": f"{title}, per child aged 0 to 17 (cash)"}, yaxis_title="£ per child",
                         template="simple_white", height=400, legend={"orientation": "h", "y": -0.25})
    return figure
