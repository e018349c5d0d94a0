"""The output folder's index.html and `croydon-kpi list`: every report in the folder, whichever
run built it, from the manifests the runs left there (manifest.json, manifest_<report>.json).

A manifest is the record a run writes anyway (parameters, versions, input hashes); its entry for
each report also holds the report's title, area, period and the one line saying what it is, so
the index needs no catalogue of its own that could disagree with the manifests. A report whose
file is gone is left out; a report built by more than one run is described by the newest.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from croydon_kpi import __version__

MANIFESTS = "manifest*.json"


def manifest_entry(job) -> dict:
    """A job as its run's manifest records it: what the index and `list` need besides the parameters."""
    return {
        "notebook": job.notebook,
        "report": f"{job.report_name}.html",
        "parameters": job.parameters,
        "title": job.title,
        "area": job.area,
        "period": job.period,
        "about": job.about,
    }


def _manifests(folder: Path) -> list[dict]:
    found = []
    for path in sorted(folder.glob(MANIFESTS)) if folder.is_dir() else []:
        try:
            found.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue  # a manifest cut short by hand: its reports are listed by another run's manifest, or not at all
    return found


def _natural(name: str) -> list:
    """monitoring_visit_2 before monitoring_visit_10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def published(folder: Path, new_manifest: dict | None = None) -> list[dict]:
    """Every report in `folder`, with this run's (`new_manifest`, not published yet) counted in:
    the newest manifest entry of each, with when it was built; in file-name order."""
    manifests = sorted([*_manifests(folder), *([new_manifest] if new_manifest else [])], key=_built_at)
    newest = {}
    for manifest in manifests:
        for entry in manifest.get("reports", []):
            newest[entry["report"]] = {**entry, "built_at": manifest.get("built_at", "")}
    coming = {entry["report"] for entry in (new_manifest or {}).get("reports", [])}
    present = [entry for name, entry in newest.items() if name in coming or (folder / name).is_file()]
    return sorted(present, key=lambda entry: _natural(entry["report"]))


def _built_at(manifest: dict) -> str:
    return str(manifest.get("built_at", ""))


def _row(entry: dict, folders: tuple[Path, ...]) -> str:
    name = entry["report"]
    pdf = Path(name).with_suffix(".pdf").name
    printed = f'<a href="{html.escape(pdf)}">PDF</a>' if any((f / pdf).is_file() for f in folders) else ""
    cells = [
        f'<a href="{html.escape(name)}">{html.escape(entry.get("title") or name)}</a>',
        *(html.escape(entry.get(key) or "") for key in ("area", "period", "about")),
        html.escape(entry.get("built_at", "")[:10]),
        printed,
    ]
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def _shelf(entry: dict) -> str:
    """The heading a report is listed under, from the registry entry of the notebook that made it."""
    from croydon_kpi.reports.registry import REPORTS

    return next((r.shelf for r in REPORTS if r.notebook == entry.get("notebook")), "Other reports")


def _shelves(entries: list[dict], folders: tuple[Path, ...]) -> str:
    from croydon_kpi.reports.registry import REPORTS

    order = [*dict.fromkeys(r.shelf for r in REPORTS), "Other reports"]
    shelves = []
    for shelf in order:
        rows = [_row(entry, folders) for entry in entries if _shelf(entry) == shelf]
        if rows:
            printed = any('">PDF</a>' in row for row in rows)  # a Print column only where a PDF was printed
            if not printed:
                rows = [row.removesuffix("<td></td></tr>") + "</tr>" for row in rows]
            head = "".join(f"<th>{h}</th>" for h in ("Report", "Area", "Period", "What it is", "Built"))
            head += "<th>Print</th>" if printed else ""
            body = "\n".join(rows)
            shelves.append(
                f"<h2>{html.escape(shelf)}</h2>\n<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"
            )
    return "\n".join(shelves) or "<p>No report has been published in this folder yet.</p>"


STYLE = """body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;max-width:72rem;
margin:0 auto;padding:1rem 2rem;line-height:1.5;color:#212121}
h1{font-size:1.9rem;font-weight:500}h2{font-size:1.35rem;font-weight:500;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem}th,td{text-align:left;vertical-align:top;padding:.3rem .6rem;
border-bottom:1px solid #ccc}td:nth-child(5){white-space:nowrap}a{color:#005EB8;text-decoration:underline}
footer{margin-top:3rem;border-top:1px solid #999;font-size:.8rem;color:#333}"""


def index_page(entries: list[dict], content_key: str, folders: tuple[Path, ...] = ()) -> str:
    """The folder's landing page: when it was last built, then every report under its heading
    (packs, visits, money, benchmarks), each with its area, period, what it is, when it was built
    and its PDF where one was printed beside it (`folders`: where to look for the PDFs)."""
    newest = max((entry.get("built_at", "")[:10] for entry in entries), default="")
    built = f"Last built on {html.escape(newest)}. " if newest else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Children's services reports</title>
<style>{STYLE}</style></head>
<body><main>
<h1>Children's services reports</h1>
<p>{built}{len(entries)} report(s) in this folder, whichever run built them. Each opens with no network.</p>
{_shelves(entries, folders)}
<footer><p>Written by croydon_kpi {html.escape(__version__)} from the data in <code>data/</code> (content key
{html.escape(content_key)}). How each report was made is in its footer and in the folder's
<code>manifest*.json</code>.</p></footer>
</main></body></html>
"""


def listing(entries: list[dict]) -> list[str]:
    """`croydon-kpi list`'s lines for the reports in a folder."""
    return [
        f"{entry['report']:42} {entry.get('title') or '(no title recorded)'}"
        f" | {entry.get('area') or '-'} | {entry.get('period') or '-'} | {entry.get('about') or '-'}"
        for entry in entries
    ]
