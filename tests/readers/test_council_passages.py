"""The hand-labelled passages of other councils' papers (council_passages.yaml) are labelled
consistently: every figure and non-figure is in its text, in order, and every run of digits in
the text is labelled one way or the other (a passage half labelled would flatter the extractor)."""

import re
from pathlib import Path

import yaml
from furnished_corpus import furnished

CLEAN = yaml.safe_load((Path(__file__).parent / "council_passages.yaml").read_text(encoding="utf-8"))["passages"]
# The furnished corpus (issue 26) is held to the same labelling: every number its furniture adds is a non-figure.
PASSAGES = CLEAN + furnished(CLEAN)
UNITS = {"count", "percent", "gbp", "rate_per_10k", "rate_per_100k", "days", "fte", "ratio", "percentage_points"}
KINDS = {"level", "change", "target", "comparator", "range", "forecast"}
WORDS = r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|third|quarter)s?\b"


def test_every_passage_names_its_source_and_council_kind():
    assert len({p["id"] for p in PASSAGES}) == len(PASSAGES)
    for passage in PASSAGES:
        assert passage["source"].startswith("http") and passage["council_kind"] in {
            "london",
            "metropolitan",
            "county",
            "unitary",
        }


def test_every_label_is_in_the_text_in_order_and_well_formed():
    for passage in PASSAGES:
        text, position = " ".join(passage["text"].split()), 0
        for figure in passage["figures"]:
            assert figure["unit"] in UNITS and figure["kind"] in KINDS, (passage["id"], figure)
            found = text.find(figure["written"], position)
            assert found >= 0, (passage["id"], figure["written"])
            position = found + len(figure["written"])
        for other in passage["not_figures"]:
            assert other in text, (passage["id"], other)


def test_every_digit_run_is_labelled_one_way_or_the_other():
    for passage in PASSAGES:
        text = " ".join(passage["text"].split())
        labelled = [
            w for w in [f["written"] for f in passage["figures"]] + passage["not_figures"] if re.search(r"\d", w)
        ]
        runs = len(re.findall(r"\d+(?:[.,/:-]\d+)*", text))
        covered = sum(len(re.findall(r"\d+(?:[.,/:-]\d+)*", w)) for w in labelled)
        assert covered == runs, (passage["id"], covered, runs)


def test_the_furnished_corpus_is_the_same_for_the_same_seed_and_keeps_every_figure_whole():
    first, again, other = furnished(CLEAN), furnished(CLEAN), furnished(CLEAN, seed=7)
    assert [p["text"] for p in first] == [p["text"] for p in again]
    assert [p["text"] for p in first] != [p["text"] for p in other]
    for passage in first:
        lines = passage["text"].splitlines()
        assert any(re.search(r"^(?:Page |- )?\d+(?: -| of \d+)?$|Page \d+$", line) for line in lines), passage["id"]
        for figure in passage["figures"]:
            assert any(figure["written"] in line for line in lines), (passage["id"], figure["written"])
