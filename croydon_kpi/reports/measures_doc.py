"""Generate docs/measures.md from the catalogue, so readers never read a stale copy."""

from __future__ import annotations

from croydon_kpi.catalogue.measures import Catalogue, load_catalogue
from croydon_kpi.core import project

HEADER = """# The measure catalogue

Generated from `data/catalogue/measures.yaml` by `croydon-kpi docs` (make docs); do not edit by hand.
A target appears only where a source states one; "none stated" means no bundled source gives it.

"""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def measures_markdown(catalogue: Catalogue) -> str:
    lines = [HEADER]
    for domain in sorted({m.domain for m in catalogue.measures.values()}):
        lines.append(f"## {domain.replace('_', ' ').capitalize()}\n")
        lines.append("| id | title | unit | polarity | dp | target | national sources | definition |")
        lines.append("|---|---|---|---|---|---|---|---|")
        for m in sorted((m for m in catalogue.measures.values() if m.domain == domain), key=lambda m: m.id):
            target = m.target if m.target is not None else ("none stated. " + (m.target_note or "")).strip()
            sources = (
                ", ".join(f"{s['source']} ({s.get('value') or s.get('short_desc')})" for s in m.national_sources)
                or "local only"
            )
            definition = "; ".join(f"{k}: {v}" for k, v in m.definition.items())
            lines.append(
                (
                    f"| `{m.id}` | {_cell(m.title)} | {m.unit} | {m.polarity} | {m.decimals} | "
                    f"{_cell(target)} | {_cell(sources)} | {_cell(definition)} |"
                )
            )
        lines.append("")
    return "\n".join(lines)


def write_measures_doc() -> str:
    path = project.project_root() / "docs" / "measures.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(measures_markdown(load_catalogue()), encoding="utf-8")
    return project.relative(path)
