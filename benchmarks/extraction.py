"""How well `extract_figures` reads papers it was not written for: recall and precision on the
hand-labelled passages of other councils' papers in tests/readers/council_passages.yaml
(run on demand: python benchmarks/extraction.py [--misses] [--furnished]), on clean prose and on the
same passages wrapped in a paper's furniture (tests/readers/furnished_corpus.py: page numbers,
running headers, contents lists, numbered paragraphs, phone numbers ...), side by side.
Goals (issue 26), on both: recall at least 0.95, precision 0.90, kind 0.92, and of the figures whose
paper names their measure, 0.90 mapped to it.

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
sys.path.insert(0, str(ROOT / "tests" / "readers"))
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

    totals = dict.fromkeys(
        ("labelled", "found", "right", "kind_right", "area_right", "mapped", "mapped_right", "named", "named_right"), 0
    )
    misses = []
    for passage in passages:
        # clean prose is read as one paragraph; a furnished paper as the lines it is laid out in
        text = passage["text"] if passage.get("furnished") else " ".join(passage["text"].split())
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
            label = labels[match]
            totals["right"] += 1
            totals["kind_right"] += _kind_right(row, label)
            totals["area_right"] += _area_right(row, label, passage["council"])
            if label.get("measure"):
                totals["named"] += 1
                totals["named_right"] += row["measure"] == label["measure"]
            if not _kind_right(row, label) or label.get("measure", row["measure"]) != row["measure"]:
                misses.append((passage["id"], "read wrongly", row["as_written"], row["kind"], row["measure"]))
        misses += [
            (passage["id"], "missed", labels[i]["written"], labels[i]["kind"], labels[i].get("measure", ""))
            for i in unmatched
        ]
        totals["labelled"] += len(labels)
        totals["found"] += len(found)
    return {**totals, "misses": misses}


def ratios(result: dict) -> dict[str, float]:
    """Recall, precision, kind, whose, measure (of the figures whose paper names it) and mapping."""
    right = max(result["right"], 1)
    return {
        "recall": result["right"] / max(result["labelled"], 1),
        "precision": result["right"] / max(result["found"], 1),
        "kind": result["kind_right"] / right,
        "whose": result["area_right"] / right,
        "measure": result["named_right"] / max(result["named"], 1),
        "mapping": result["mapped_right"] / result["mapped"] if result["mapped"] else float("nan"),
    }


GOALS = {"recall": 0.95, "precision": 0.90, "kind": 0.92, "measure": 0.90}
MEANING = {
    "recall": "labelled figures found",
    "precision": "figures found that are figures",
    "kind": "of those right, the kind right (level, change, target ...)",
    "whose": "of those right, whose figure right (the council, England, a region, neighbours)",
    "measure": "of those right whose paper names the measure, mapped to it",
    "mapping": "of the rows mapped to a measure, mapped right",
}


def main() -> None:
    from furnished_corpus import furnished

    passages = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["passages"]
    clean, dressed = score(passages), score(furnished(passages))
    kinds = sorted({p["council_kind"] for p in passages})
    print(
        f"{len(passages)} passages from {len({p['council'] for p in passages})} councils ({', '.join(kinds)}); "
        f"{clean['labelled']} labelled figures; furnished: the same passages in a paper's furniture, "
        f"{sum(len(p['not_figures']) for p in furnished(passages))} labelled non-figures"
    )
    on_clean, on_furnished = ratios(clean), ratios(dressed)
    print(f"{'':10}{'clean':>7}{'furnished':>11}{'goal':>7}")
    for name, meaning in MEANING.items():
        goal = f"{GOALS[name]:.2f}" if name in GOALS else ""
        print(f"{name:10}{on_clean[name]:7.2f}{on_furnished[name]:11.2f}{goal:>7}   {meaning}")
    print(
        f"counts: clean {clean['right']} right of {clean['labelled']} labelled, {clean['found']} found; "
        f"furnished {dressed['right']} right of {dressed['labelled']} labelled, {dressed['found']} found"
    )
    held = [p for p in passages if p.get("held_out")]
    on_held = ratios(score(held))
    print(
        f"held out ({len(held)} passages, clean): "
        + ", ".join(f"{name} {on_held[name]:.2f}" for name in ("recall", "precision", "kind", "measure"))
    )
    if "--misses" in sys.argv:
        for miss in (dressed if "--furnished" in sys.argv else clean)["misses"]:
            print("  ", *miss)


if __name__ == "__main__":
    main()
