"""Generate docs/measures.md from the catalogue, so readers never read a stale copy."""

from __future__ import annotations

from croydon_kpi.catalogue.indicator_map import IndicatorMap, load_indicator_map
from croydon_kpi.catalogue.measures import Catalogue, load_catalogue
from croydon_kpi.core import project

HEADER = """# The measure catalogue

Generated from `data/catalogue/measures.yaml` (and the council's own measures in
`data/catalogue/local_measures.yaml`, marked "own") by `croydon-kpi docs` (make docs); do not edit
by hand. A target appears only where a source states one; "none stated" means no bundled source
gives it. "Accepted wordings" are what a scorecard's indicator cell may say for the measure: its
id, the catalogue's aliases (matched inside a longer wording, of a unit the wording can be) and the
council's own wordings in `data/sources/scorecards/indicators.yaml` (matched whole).

"""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def measures_markdown(catalogue: Catalogue, indicator_map: IndicatorMap | None = None) -> str:
    indicator_map = indicator_map or IndicatorMap({}, {})
    lines = [HEADER]
    for domain in sorted({m.domain for m in catalogue.measures.values()}):
        lines.append(f"## {domain.replace('_', ' ').capitalize()}\n")
        lines.append(
            "| id | title | unit | polarity | dp | target | national sources | definition | accepted wordings |"
        )
        lines.append("|---|---|---|---|---|---|---|---|---|")
        for m in sorted((m for m in catalogue.measures.values() if m.domain == domain), key=lambda m: m.id):
            target = m.target if m.target is not None else ("none stated. " + (m.target_note or "")).strip()
            sources = ", ".join(
                f"{s['source']} ({s.get('value') or s.get('short_desc')})" for s in m.national_sources
            ) or ("own (the council's, never benchmarked)" if m.is_local else "local only")
            wordings = "; ".join([*(f'"{w}"' for w in indicator_map.wordings_of(m.id)), *m.aliases])
            definition = "; ".join(f"{k}: {v}" for k, v in m.definition.items())
            lines.append(
                (
                    f"| `{m.id}` | {_cell(m.title)} | {m.unit} | {m.polarity} | {m.decimals} | "
                    f"{_cell(target)} | {_cell(sources)} | {_cell(definition)} | {_cell(wordings)} |"
                )
            )
        lines.append("")
    return "\n".join(lines)


def write_measures_doc() -> str:
    path = project.project_root() / "docs" / "measures.md"
    path.parent.mkdir(exist_ok=True)
    catalogue = load_catalogue()
    wordings = load_indicator_map(project.sources_dir() / "scorecards", catalogue)
    path.write_text(measures_markdown(catalogue, wordings), encoding="utf-8")
    return project.relative(path)
