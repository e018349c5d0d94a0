"""How well `extract_figures` reads papers it was not written for: recall and precision on the
hand-labelled passages of other councils' papers in tests/readers/council_passages.yaml
(run on demand: python benchmarks/extraction.py [--misses]). Goals (issue 15): recall and
precision at least 0.95; of the rows it maps to a catalogue measure, at least 0.95 right.

A figure found is right when its text as written and its value match a labelled figure (a
change's value is compared by size and direction); a figure found that matches none is a false
figure; a labelled figure nothing matched is missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "readers" / "council_passages.yaml"


def _same(found, label) -> bool:
    written = " ".join(str(found["as_written"]).split())
    if written != label["written"]:
        return False
    value = float(found["value"]) if found["value"] == found["value"] else None
    if value is None:
        return False
    if label["kind"] == "change" and label.get("direction"):
        sign = -1 if label["direction"] == "down" else 1
        return abs(value - sign * label["value"]) < 1e-9 or (
            found["kind"] != "change" and abs(value - label["value"]) < 1e-9
        )
    return abs(value - label["value"]) < 1e-9


def _kind_right(found, label) -> bool:
    """A comparator for England or a region may be stored as that area's level (its own area)."""
    if found["kind"] == label["kind"]:
        return True
    return (
        label["kind"] == "comparator"
        and label.get("whose") in ("national", "regional")
        and found["kind"] == "level"
        and found["area_level"] in ("national", "regional")
    )


def _area_right(found, label, council: str) -> bool:
    whose = label.get("whose", "own")
    if whose == "own":
        return found["area_name"] == council
    if whose == "national":
        return found["area_name"] == "England"
    if whose == "regional":
        return found["area_level"] == "regional"
    return (
        found["kind"] == "comparator" and found["area_name"] != council
    )  # neighbours, another council: not the paper's own


def score(passages: list[dict]) -> dict:
    from croydon_kpi.readers.extract import extract_figures

    totals = {"labelled": 0, "found": 0, "right": 0, "kind_right": 0, "area_right": 0, "mapped": 0, "mapped_right": 0}
    misses = []
    for passage in passages:
        text = " ".join(passage["text"].split())
        area = {
            "area_name": passage["council"],
            "area_level": "local_authority",
        }  # the paper's own, as its catalogue gives it
        found = extract_figures(text, "benchmark", area=area).to_dict("records")
        labels = list(passage["figures"])
        unmatched = list(range(len(labels)))
        for row in found:
            match = next((i for i in unmatched if _same(row, labels[i])), None)
            if row["measure"] != "unmapped":
                totals["mapped"] += 1
                totals["mapped_right"] += match is not None and labels[match].get("measure") == row["measure"]
            if match is None:
                misses.append((passage["id"], "false figure", row["as_written"], row["kind"], row["measure"]))
                continue
            unmatched.remove(match)
            totals["right"] += 1
            totals["kind_right"] += _kind_right(row, labels[match])
            totals["area_right"] += _area_right(row, labels[match], passage["council"])
        misses += [
            (passage["id"], "missed", labels[i]["written"], labels[i]["kind"], labels[i].get("measure", ""))
            for i in unmatched
        ]
        totals["labelled"] += len(labels)
        totals["found"] += len(found)
    return {**totals, "misses": misses}


def main() -> None:
    passages = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["passages"]
    result = score(passages)
    kinds = sorted({p["council_kind"] for p in passages})
    print(
        f"{len(passages)} passages from {len({p['council'] for p in passages})} councils ({', '.join(kinds)}); "
        f"{result['labelled']} labelled figures"
    )
    recall = result["right"] / max(result["labelled"], 1)
    precision = result["right"] / max(result["found"], 1)
    mapping = result["mapped_right"] / result["mapped"] if result["mapped"] else float("nan")
    print(f"recall    {recall:.2f}  ({result['right']} of {result['labelled']} labelled figures found; goal 0.95)")
    print(f"precision {precision:.2f}  ({result['right']} of {result['found']} figures found are figures; goal 0.95)")
    print(
        f"kind      {result['kind_right'] / max(result['right'], 1):.2f}  "
        "(of the figures found, the kind right: level, change, target ...)"
    )
    print(
        f"area      {result['area_right'] / max(result['right'], 1):.2f}  "
        "(of the figures found, whose figure right: the paper's council, England, a region, neighbours)"
    )
    print(
        f"mapping   {mapping:.2f}  ({result['mapped_right']} of {result['mapped']} "
        "rows mapped to a catalogue measure are right; goal 0.95)"
    )
    if "--misses" in sys.argv:
        for miss in result["misses"]:
            print("  ", *miss)


if __name__ == "__main__":
    main()
