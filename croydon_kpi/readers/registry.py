"""The readers registry: the `reader:` name a source has in data/sources/sources.yaml -> how it is
read. Adding a source kind is one module in readers/ with a `read(source, catalogue, so_far)`
function and one line here (the model: papermill's engines registry).

`read` returns (figures, rejected rows or None); `so_far` is every figure read before it, for
readers that borrow area codes from sources read earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from croydon_kpi.catalogue.measures import Catalogue
from croydon_kpi.errors import CatalogueError
from croydon_kpi.readers import ees, finance, lait, papers, scorecards, synthetic

NO_FIGURES = "none"  # a source that holds no figures (a data dictionary, a neighbour model)


@dataclass(frozen=True)
class Reader:
    read: Callable
    order: int  # read in this order: later readers borrow area codes from earlier ones
    mapping_needs: str | None = None  # the field a catalogue measure's mapping to this kind must give
    borrows_areas: bool = True  # reads `so_far`: its cached result depends on every source before it
    # Files beyond the source's own that the reader consults (the papers' catalogue): part of its
    # sources' cache keys, so editing one re-reads those sources, not every source.
    also_reads: Callable[[], list] = lambda: []


READERS = {
    # EES files go first: they carry both old and new area codes, which LAIT and scorecards borrow.
    "ees_csv": Reader(ees.read, 0, mapping_needs="value"),
    "lait_parquet": Reader(lait.read, 1, mapping_needs="short_desc"),
    "committee_paper": Reader(papers.read, 2, also_reads=lambda: [papers.paper_catalogue_path()]),
    "finance_statements": Reader(finance.read, 3),
    "scorecard_folder": Reader(scorecards.read, 4),
    "synthetic_borough": Reader(synthetic.read, 5, borrows_areas=False),
}


def check(
    catalogue: Catalogue,
    sources_file: str = "data/sources/sources.yaml",
    measures_file: str = "data/catalogue/measures.yaml",
) -> None:
    """Every source names a known reader, and every measure's mapping gives what its reader needs."""
    known = sorted([*READERS, NO_FIGURES])
    for source in catalogue.sources.values():
        if source.reader not in known:
            raise CatalogueError(f"{sources_file} source {source.id!r}: reader {source.reader!r} is not one of {known}")
    for measure in catalogue.measures.values():
        for index, mapping in enumerate(measure.national_sources):
            where = f"{measures_file} measure {measure.id!r} national_sources[{index}]"
            reader = READERS.get(catalogue.sources[mapping["source"]].reader)
            if reader is None or reader.mapping_needs is None:
                raise CatalogueError(f"{where}: source {mapping['source']!r} has no figure reader for a mapping")
            if not isinstance(mapping.get(reader.mapping_needs), str):
                raise CatalogueError(
                    f"{where}: a {catalogue.sources[mapping['source']].reader} source needs `{reader.mapping_needs}`"
                )


def in_order(catalogue: Catalogue) -> list:
    """The sources that hold figures, in the order they must be read."""
    readable = [source for source in catalogue.sources.values() if source.reader in READERS]
    return sorted(readable, key=lambda source: READERS[source.reader].order)
