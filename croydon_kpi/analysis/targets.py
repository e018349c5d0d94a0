"""Targets, RAG, and the three groups of a council's overview (going well or better / ones to
watch / things to do better).

RAG (needs a sourced target): green at or better than the target; amber short of it by no more
than the tolerance; red beyond. Polarity decides what "better" means; a neutral measure has none.

The computed check (analysis/mdc.py): where the area has enough monthly figures for SPC, by the
series' variation and its assurance against the target; otherwise by its position against a
stated target alone: from RAG where a target is known, else from what the source itself says
("remains below target" is short of target for a higher-is-better measure, and meeting it for a
lower-is-better one; "slightly below" is amber). Never from two points: a change on the month,
or a paper's "has improved", is shown as what it is (`paper_says`), not as a trend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from croydon_kpi.analysis.mdc import group_from_verdict, verdict, verdict_words
from croydon_kpi.catalogue.changes import changes_for
from croydon_kpi.catalogue.measures import Catalogue, Measure
from croydon_kpi.core import project, schema
from croydon_kpi.core.files import entry_where, read_yaml, yaml_entry_lines
from croydon_kpi.core.periods import title_for
from croydon_kpi.core.validation import UNITS
from croydon_kpi.errors import InputError, UnknownArea

GROUPS = ("going_well", "ones_to_watch", "do_better")
OUT_OF_OVERVIEW = ("finance", "population")  # money and context, not performance
GROUP_WORDS = {
    "going_well": "Going well or better",
    "ones_to_watch": "Ones to watch",
    "do_better": "Things to do better",
}


@dataclass(frozen=True)
class Target:
    measure: str
    area: str | None
    value: float
    tolerance: float
    start: str | None
    end: str | None
    source: str


def load_targets(catalogue: Catalogue, path=None, area_of=None) -> list[Target]:
    """Targets from the catalogue (sourced ones only) and data/targets.yaml. `area_of` resolves an
    entry's `area:` (the store's), so a misspelt authority is refused, not silently never matched.
    Each entry is checked as data and named by its line: "data/targets.yaml, line 7 (targets[2])"."""
    path = path or project.data_dir() / "targets.yaml"
    found = [
        Target(m.id, None, float(m.target), 0.0, None, None, m.target_source)
        for m in catalogue.measures.values()
        if m.target is not None
    ]
    if not path.exists():
        return found
    loaded = read_yaml(path) or {}
    if not isinstance(loaded, dict) or not isinstance(loaded.get("targets") or [], list):
        raise InputError(path, "line 1", "expected `targets:` followed by a list")
    lines = yaml_entry_lines(path, "targets")
    read = []
    for index, entry in enumerate(loaded.get("targets") or []):
        where = entry_where(lines, "targets", index)
        target = _entry_target(entry, catalogue, area_of, path, where)
        _refuse_overlap(target, read, path, where)
        read.append((target, where))
    return found + [target for target, _ in read]


def _entry_target(entry, catalogue: Catalogue, area_of, path, where: str) -> Target:
    """One entry of data/targets.yaml as a Target, or an InputError saying what is wrong with it."""
    if not isinstance(entry, dict) or not all(entry.get(k) not in (None, "") for k in ("measure", "target", "source")):
        raise InputError(path, where, "each target needs measure, target and source (never a target without a source)")
    if entry["measure"] not in catalogue.measures:
        raise InputError(path, where, f"measure {entry['measure']!r} is not in the catalogue")
    value = _number(entry["target"])
    if value is None:
        raise InputError(
            path, where, f"target and tolerance must be numbers; found target {str(entry['target'])[:40]!r}"
        )
    tolerance = _number(entry.get("tolerance") or 0)
    if tolerance is None:
        raise InputError(
            path, where, f"target and tolerance must be numbers; found tolerance {str(entry['tolerance'])[:40]!r}"
        )
    if tolerance < 0:
        raise InputError(
            path, where, f"tolerance {tolerance:g} must be 0 or more (how far short still counts as amber)"
        )
    _check_in_unit_range(value, catalogue.measures[entry["measure"]], path, where)
    if entry.get("area") is not None and area_of is not None:
        try:
            area_of(str(entry["area"]))
        except UnknownArea as error:
            raise InputError(path, where, str(error)) from None
    start, end = _month(entry.get("from"), "from", path, where), _month(entry.get("to"), "to", path, where)
    if start and end and start > end:
        raise InputError(path, where, f"from {start} is after to {end}; expected from at or before to")
    return Target(entry["measure"], entry.get("area"), value, tolerance, start, end, str(entry["source"]))


def _check_in_unit_range(value: float, measure: Measure, path, where: str) -> None:
    """A target the measure's unit cannot take (900 on a percentage) is a typing error, never a goal."""
    rule = UNITS.get(measure.unit)
    if rule is None or rule.low is None:  # money may be any amount
        return
    low = -float("inf") if rule.low is None else rule.low
    high = float("inf") if rule.high is None else rule.high
    if not low <= value <= high:
        allowed = f"from {rule.low:g} to {rule.high:g}" if rule.high is not None else f"{rule.low:g} or more"
        raise InputError(path, where, f"target {value:g} is outside {rule.what}'s range ({allowed}) for {measure.id}")


def _refuse_overlap(target: Target, read: list[tuple[Target, str]], path, where: str) -> None:
    """One target per measure, area and month: target_for would silently take the first of two."""
    for earlier, earlier_where in read:
        if earlier.measure != target.measure or earlier.area != target.area:
            continue
        if (earlier.end is None or target.start is None or target.start <= earlier.end) and (
            target.end is None or earlier.start is None or earlier.start <= target.end
        ):
            area = f", {target.area}" if target.area else " (every area)"
            raise InputError(
                path,
                where,
                f"overlaps {earlier_where} for {target.measure}{area}: {_span(target)} and {_span(earlier)}; "
                "expected one target per measure, area and month",
            )


def _span(target: Target) -> str:
    return f"{target.start or 'the start'} to {target.end or 'open'}"


def _number(value) -> float | None:
    """A finite number written as a number: `yes` (YAML's true), text and .nan are not targets."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or value != value
        or value in (float("inf"), float("-inf"))
    ):
        return None
    return float(value)


_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _month(value, key: str, path, where: str) -> str | None:
    """`from` / `to` as YYYY-MM: a month written so, or a date (its month); 2019-13 is refused."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return f"{value:%Y-%m}"
    text = str(value).strip()
    if not _MONTH.fullmatch(text):
        raise InputError(path, where, f"{key} {text[:40]!r} is not a month; expected YYYY-MM (months 01 to 12)")
    return text


def target_for(targets: list[Target], measure: str, area: str, month: str) -> Target | None:
    for target in targets:
        if (
            target.measure == measure
            and target.area in (None, area)
            and (target.start is None or target.start <= month)
            and (target.end is None or month <= target.end)
        ):
            return target
    return None


def stated_target(rows: pd.DataFrame, month: str) -> Target | None:
    """The target a scorecard states beside the month's figure (its `target` and `tolerance`
    cells), sourced to that file and cell; None where the month's figures state none."""
    for figure in rows.itertuples():
        found = dict(token.split("=", 1) for token in schema.tags_of(figure.tags) if token.startswith("target_"))
        if "target_stated" not in found:
            continue
        try:
            value, tolerance = float(found["target_stated"]), float(found.get("target_tolerance") or 0)
        except ValueError:
            continue  # the reader refuses a target that is not a number; nothing to read here
        return Target(figure.measure, figure.area_name, value, tolerance, month, month, str(figure.locator))
    return None


def rag(value: float | None, target: Target | None, polarity: str) -> str | None:
    if value is None or pd.isna(value) or target is None or polarity == "neutral":
        return None
    gap = (value - target.value) if polarity == "higher_is_better" else (target.value - value)
    if gap >= 0:
        return "green"
    return "amber" if -gap <= target.tolerance else "red"


# --- position and trend -------------------------------------------------------------------------


def position(rag_status: str | None, flags, polarity: str) -> str:
    """meeting, amber, short, mixed or unknown. `flags`: the figures' flag tokens (a set)."""
    if rag_status:
        return {"green": "meeting", "amber": "amber", "red": "short"}[rag_status]
    flags = _tokens(flags)
    below = "qualifier=below_target" in flags or "qualifier=slightly_below_target" in flags
    above = "qualifier=above_target" in flags
    if polarity == "neutral" or not (below or above):
        return "unknown"
    if below and above:
        return "mixed"
    if "qualifier=slightly_below_target" in flags and polarity == "higher_is_better":
        return "amber"
    short = below if polarity == "higher_is_better" else above
    return "short" if short else "meeting"


def _tokens(flags) -> set[str]:
    """Flags as a set of whole tokens; text is refused (a substring match is what this prevents)."""
    if isinstance(flags, str):
        raise TypeError("flags are a set of tokens, not text")
    return set(flags or ())


_BETTER_WORDS = ("qualifier=improved", "qualifier=improved_on_last_month")
_FALLING_WORDS = ("qualifier=fallen_for_months_running", "qualifier=fallen_back", "qualifier=continues_to_fall")


def trend_from_statement(changes: list[float], flags, polarity: str) -> str:
    """improving, worsening, stable or unknown, from what the source states."""
    if polarity == "neutral":
        return "unknown"
    sign = 1 if polarity == "higher_is_better" else -1
    if changes:
        total = sum(changes)
        return "stable" if total == 0 else ("improving" if total * sign > 0 else "worsening")
    flags = _tokens(flags)
    if flags & set(_BETTER_WORDS):
        return "improving"
    if flags & set(_FALLING_WORDS):
        return "worsening" if sign > 0 else "improving"
    return "unknown"


def monthly_history(store, measure_id: str, area: str, up_to) -> pd.DataFrame:
    """The area's own whole-month figures for a measure up to a day: computed from child-level
    lists where there are any, else reported (a monthly series never mixes in an annual figure)."""
    history = store.series(measure_id, area=area, status="computed", frequency="month")
    if history.empty:
        history = store.series(measure_id, area=area, status="reported", frequency="month")
    return history[history["period_end"] <= up_to]


def paper_says(changes: list[float], flags, polarity: str) -> str | None:
    """What the source itself says of the direction, in words ("the paper says it has improved"),
    shown as the paper's words beside the check and never used as a trend."""
    said = trend_from_statement(changes, flags, polarity)
    if said == "unknown":
        return None
    if changes:
        return f"the paper states a change of {sum(changes):+g} ({said})"
    return f"the paper says it has {'improved' if said == 'improving' else 'worsened'}"


# --- the month's overview -------------------------------------------------------------------------


def overview(store, month: str, area: str, targets: list[Target] | None = None) -> pd.DataFrame:
    """Each local measure with a figure for the month: value, target, RAG, position, trend, the
    computed group and the group a source reported, and whether they agree."""
    from croydon_kpi.core.params import parse_month

    checked = parse_month(month)
    targets = load_targets(store.catalogue) if targets is None else targets
    place = store.area(area)
    in_month = local_figures(store, checked, place)
    rows = []
    for measure_id, rows_for in in_month.groupby("measure", sort=False):
        rows.append(
            _overview_row(store, store.catalogue.measure(measure_id), rows_for, targets, place.name, str(checked))
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table["agrees"] = [None if pd.isna(r) else r == c for r, c in zip(table["reported_group"], table["computed_group"])]
    return table.sort_values(
        ["computed_group", "measure"], key=lambda s: s.map(GROUPS.index) if s.name == "computed_group" else s
    )


def local_figures(store, month, place) -> pd.DataFrame:
    """The area's own figures (reported or computed) for the month's performance measures: the
    overview has a row for each measure among them, and is empty when they are."""
    figures = store.figures
    in_month = figures[
        (figures["area_name"] == place.name)
        & figures["status"].isin(["reported", "computed"])
        & (figures["period_end"] >= pd.Timestamp(month.start))
        & (figures["period_end"] <= pd.Timestamp(month.end))
        & (figures["measure"] != "unmapped")
    ]
    performance = {m.id for m in store.catalogue.measures.values() if m.domain not in OUT_OF_OVERVIEW}
    return in_month[in_month["measure"].isin(performance)]


def _overview_row(store, measure: Measure, rows: pd.DataFrame, targets, area: str, month: str) -> dict:
    levels = rows[(rows["kind"] == "level") & rows["value"].notna()]
    # A figure for exactly this month first (a board's October figure over minutes' "autumn").
    exact = levels["frequency"] == "month"
    level = levels.assign(_exact=~exact).sort_values("_exact", kind="stable")
    value = float(level.iloc[0]["value"]) if len(level) else None
    as_written = level.iloc[0]["as_written"] if len(level) else None
    other_values = sorted(set(levels["value"]) - {value})
    flags = {token for held in rows["tags"] for token in schema.tags_of(held)}
    target = stated_target(rows, month) or target_for(targets, measure.id, area, month)
    status = rag(value, target, measure.polarity)
    history = monthly_history(store, measure.id, area, rows["period_end"].max())
    changes = rows.loc[rows["kind"] == "change", "value"].dropna().tolist()
    where = position(status, flags, measure.polarity)
    rebase = [c.date for c in changes_for(area, measure.id, up_to=rows["period_end"].max().date())]
    found = verdict(history, measure.spc_improvement, target.value if target else None, rebase=rebase or None)
    reported = rows["reported_rag"].dropna()
    return {
        "measure": measure.id,
        "title": title_for(measure.title, *_shown_period(level)),
        "value": value,
        "as_written": as_written if isinstance(as_written, str) else None,
        "unit": measure.unit,
        "target": target.value if target else None,
        "target_source": target.source if target else None,
        "target_note": None if target else (measure.target_note or "no target stated by any source"),
        "rag": status,
        "position": where,
        "variation": found.variation,
        "assurance": found.assurance,
        "spc_points": found.points,
        "trial_limits": found.trial_limits,
        "verdict": verdict_words(found),
        "paper_says": paper_says(changes, flags, measure.polarity),
        "computed_group": group_from_verdict(found, where),
        "reported_group": reported.iloc[0] if len(reported) else None,
        "sources": ", ".join(sorted(set(rows["source_id"]))),
        "other_values": ", ".join(f"{v:g}" for v in other_values) or None,  # sources disagree: see store.conflicts()
    }


def _shown_period(level: pd.DataFrame) -> tuple[str, object]:
    """The frequency and end of the figure the overview shows (a month where none is stated)."""
    if not len(level):
        return "month", None
    return level.iloc[0]["frequency"], level.iloc[0]["period_end"]
