"""Every bad input in cases.yaml: exit 2, one precise line, nothing written, earlier reports untouched."""

import errno
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from croydon_kpi.core import project
from croydon_kpi.publish import cli, kernels

_CORPUS = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text())
CASES = _CORPUS["cases"]
VALUES = _CORPUS["values"]  # inputs that must be read, each to an exact value in the store
GOOD_ROW = "measure,area,month,value\ncin_visits_timely_percent,Croydon,2019-11,80\n"


def _xlsx(rows, merge=None):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    if merge:
        book.active.merge_cells(merge)
    return book


def _two_lists(path) -> None:
    """A workbook of two Annex A lists, neither sheet named for list 8."""
    book = openpyxl.Workbook()
    book.active.title = "List 6"
    book.active.append(["Child Unique ID", "Gender"])
    book.create_sheet("List 7").append(["Child Unique ID", "Gender"])
    book.save(path)


BUILDERS = {
    "xlsx_two_lists": _two_lists,
    "xlsx_exact_numbers": lambda path: _xlsx(
        [
            ["measure", "area", "month", "value"],
            ["cp_children_count", "Croydon", "2019-11", 123456.75],
            ["social_worker_average_caseload", "Croydon", "2019-11", 12.3456789],
            ["cla_count", "Croydon", "2019-11", 1234567.5],
        ]
    ).save(path),
    "utf16": lambda path: path.write_bytes(GOOD_ROW.encode("utf-16")),
    "latin1": lambda path: path.write_bytes("first line\nsecond line costs \u00a3400\n".encode("latin-1")),
    "binary": lambda path: path.write_bytes(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256))),
    "enormous_cell": lambda path: path.write_text("indicator,area,2019-10\n" + "x" * 1_000_001 + ",Croydon,5\n"),
    "alias_bomb": lambda path: path.write_text(
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(20))
    ),
    "xlsx_merged_header": lambda path: _xlsx(
        [
            ["Scorecard", None, None, None],
            ["measure", "area", "month", "value"],
            ["cin_visits_timely_percent", "Croydon", "2019-11", 80],
        ],
        merge="A1:D1",
    ).save(path),
    "xlsx_title_row": lambda path: _xlsx(
        [
            ["Children's social care scorecard, October 2019", None, None, None, None],
            ["Ref", "Indicator", "Area", "Sep-19", "Oct-19"],
            ["CIN1", "% CIN visits within timescale", "Croydon", 80, 81],
        ]
    ).save(path),
    "xlsx_formula": lambda path: _xlsx(
        [["measure", "area", "month", "value"], ["cin_visits_timely_percent", "Croydon", "2019-11", "=40+40"]]
    ).save(path),
    "xlsx_array_formula": lambda path: _array_formula(path),
    "xlsx_empty": lambda path: openpyxl.Workbook().save(path),
    "many_fields": lambda path: path.write_text(
        "measure,area,month,value\ncin_visits_timely_percent,Croydon,2019-11,80," + ",".join(["x"] * 200_000) + "\n"
    ),
    # 9 aliases of 9 aliases, 11 deep: 99 aliases, under the alias limit, standing for 9**11 values
    "alias_bomb_99": lambda path: path.write_text(
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(11))
    ),
    "nested_deep_yaml": lambda path: path.write_text("measures: " + "[" * 60 + "]" * 60 + "\n"),
    "annexa_born_late": lambda path: path.write_text(
        "Child Unique ID,Gender,Date of Birth,Date of referral,Referral Source,Referral NFA?,"
        "Number of Referrals in Last 12 Months,Allocated Team,Allocated Worker\n"
        "C100001,Male,03/04/2019,01/02/2018,a) Individual,No,1,Team A,Worker B\n"
    ),
    "xlsx_second_sheet": lambda path: _second_sheet(path),
    # a NUL byte past the first 4 KB of a paper that is otherwise good text
    "nul_at_the_end": lambda path: path.write_bytes(path.read_bytes() + b"\nhidden \x00 data\n"),
}


# --- faults of the machine, not of any input (`machine:` in cases.yaml) ----------------------------
# Tests may run as root, which permission bits do not stop: a refusal is simulated where the
# operating system would make it (os.mkdir, os.open, Path.write_bytes), with its own errno.


def _refuse(monkeypatch, module, name, under, number, matches=lambda path: True):
    real = getattr(module, name)

    def refused(path, *args, **kwargs):
        if Path(path).absolute().is_relative_to(under) and matches(Path(path)):
            raise OSError(number, os.strerror(number), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(module, name, refused)


def _cache_under_a_file(monkeypatch, root, cache):
    (root / "a_file").write_text("a file, not a folder")
    return root / "a_file" / "cache"


def _cache_read_only(monkeypatch, root, cache):
    folder = root / "read_only_cache"
    folder.mkdir()
    folder.chmod(0o555)  # enough for a user; root ignores it, so the refusal is also simulated
    _refuse(monkeypatch, os, "mkdir", folder, errno.EACCES)
    return folder


def _cache_disk_full(monkeypatch, root, cache):
    folder = root / "full_cache"
    _refuse(monkeypatch, os, "mkdir", folder, errno.ENOSPC)
    return folder


def _reports_refused(number, folder="reports"):
    def fault(monkeypatch, root, cache):
        _refuse(monkeypatch, os, "open", root / folder, number)
        _refuse(monkeypatch, os, "mkdir", root / folder, number)

    return fault


def _snapshot_write_refused(number):
    def fault(monkeypatch, root, cache):
        import pathlib

        _refuse(
            monkeypatch,
            pathlib.Path,
            "write_bytes",
            cache / "staging",
            number,
            matches=lambda path: "sources" in path.parts,
        )

    return fault


def _snapshot_folder_refused(monkeypatch, root, cache):
    _refuse(monkeypatch, os, "mkdir", cache / "staging", errno.EDQUOT, matches=lambda path: path.name == "dfe")


FAULTS = {
    "cache_under_a_file": _cache_under_a_file,
    "cache_read_only": _cache_read_only,
    "cache_disk_full": _cache_disk_full,
    "reports_read_only": _reports_refused(errno.EACCES),
    "reports_disk_full": _reports_refused(errno.ENOSPC),
    "reports_read_only_filesystem": _reports_refused(errno.EROFS),
    "output_read_only": _reports_refused(errno.EACCES, folder="shared"),
    "snapshot_disk_full": _snapshot_write_refused(errno.ENOSPC),
    "snapshot_file_too_large": _snapshot_write_refused(errno.EFBIG),
    "snapshot_folder_over_quota": _snapshot_folder_refused,
}


def _array_formula(path):
    from openpyxl.worksheet.formula import ArrayFormula

    book = _xlsx([["measure", "area", "month", "value"], ["cin_visits_timely_percent", "Croydon", "2019-11", None]])
    book.active["D2"] = ArrayFormula("D2", "{=40+40}")
    book.save(path)


def _second_sheet(path):
    book = _xlsx([["measure", "area", "month", "value"], ["cin_visits_timely_percent", "Croydon", "2019-11", 80]])
    other = book.create_sheet("November")
    other.append(["measure", "area", "month", "value"])
    other.append(["cin_visits_timely_percent", "Croydon", "2019-12", 81])
    book.save(path)


@pytest.fixture(scope="module")
def cache(tmp_path_factory, warm_cache):
    """One cache for the module, starting warm: each case re-reads only the source it breaks (the
    store's per-source cache is keyed by content, so sharing it cannot hide a bad file)."""
    cache = tmp_path_factory.mktemp("corpus-cache")
    shutil.copytree(warm_cache / "store", cache / "store")
    return cache


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A project copy with a good report already built (the 'previous report' to protect)."""
    root = tmp_path_factory.mktemp("corpus-base")
    for folder in ("data", "notebooks"):
        shutil.copytree(project.project_root() / folder, root / folder)
    (root / "reports").mkdir()
    (root / "reports" / "monthly_pack_2019-10_croydon.html").write_text("<html>the previous, good report</html>")
    return root


def _apply(case, root: Path) -> None:
    if "folder" in case:
        (root / case["folder"]).mkdir(parents=True)
    for link, target in [case["link"]] if "link" in case else case.get("links", []):
        (root / link).symlink_to(root / target)
    if "remove" in case:
        (root / case["remove"]).unlink()
    if "file" not in case:
        return
    path = root / case["file"]
    if "copy" in case:
        path.write_bytes((root / case["copy"]).read_bytes())
    elif "content" in case:
        path.write_text(case["content"], encoding="utf-8")
    elif "build" in case:
        BUILDERS[case["build"]](path)
    elif "replace" in case:
        old, new = case["replace"]
        text = path.read_text(encoding="utf-8-sig")
        assert old in text, f"{case['id']}: the text to replace is not in {case['file']}"
        text = text.replace(old, new, 1)
        if "then" in case:  # a second edit on the edited text
            text = text.replace(*case["then"], 1)
        path.write_text(text, encoding="utf-8")
    elif "truncate" in case:
        data = path.read_bytes()
        path.write_bytes(data[: data.index(b"\n", case["truncate"]) - 5])


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input_exits_2_with_one_precise_line_and_writes_nothing(case, base, cache, tmp_path, monkeypatch, capsys):
    root = tmp_path / "project"
    shutil.copytree(base, root)
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(root))
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(cache))
    if case.get("warm"):  # the good project read first: the answer must not depend on what the cache holds
        _warm(cache)
    _apply(case, root)
    if "machine" in case:
        cache = FAULTS[case["machine"]](monkeypatch, root, cache) or cache
        monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(cache))
    monkeypatch.setattr(kernels.Lanes, "__init__", _no_kernel)  # bad input is refused before any kernel starts
    before = _files(root / "reports")
    argv = [
        a.replace("{root}", str(root)).replace("{long}", "x" * 100_000)
        for a in case.get("argv", ["pack", "--month", "2019-10"])
    ]
    code = cli.main(argv)
    said = capsys.readouterr()
    error = said.err.strip().splitlines()
    assert code == 2, error
    message = [line for line in error if line.startswith("croydon-kpi: error: ")]
    assert len(message) == 1 and len(error) <= 2, error  # one error line (a progress line may precede it)
    for expected in case["expect"]:
        assert expected in message[0], message[0]
    assert len(message[0]) < 600, message[0][:200]  # a log line stays a line
    assert _files(root / "reports") == before
    for private in case.get("absent", []):  # a child's identifier or birth date never reaches a log
        assert private not in said.err and private not in said.out, private
    if "machine" in case:  # nothing half-written left: no snapshot, no incoming set, no probe
        assert not list((cache / "staging").glob("snapshot-*")) if (cache / "staging").is_dir() else True
        assert not [p for p in root.rglob(".*") if p.name.startswith((".incoming-", ".croydon-kpi-probe-"))]
    if _is_data_case(case):
        _library_raises_only_its_own_error(case)


@pytest.mark.parametrize("case", VALUES, ids=[c["id"] for c in VALUES])
def test_an_input_that_must_be_read_is_read_to_its_exact_value(case, base, cache, tmp_path, monkeypatch, capsys):
    """The same edit, read by `check` and by the library: no error, no traceback, and the figure in
    the store is exactly the value written, under the area it is about."""
    from croydon_kpi import load_store

    root = tmp_path / "project"
    shutil.copytree(base, root)
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(root))
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(cache))
    if case.get("warm"):
        _warm(cache)
    _apply(case, root)
    if "tamper_cache" in case:  # a cache file edited in place: never published as the source's figures
        _tamper(cache, case["tamper_cache"])
    assert cli.main(["check"]) == 0, capsys.readouterr().err[-500:]
    assert "Traceback" not in capsys.readouterr().err
    figure = case["figure"]
    series = load_store().series(figure["measure"], area=figure["area"], status=figure.get("status"))
    assert case["equals"] in series["value"].tolist(), series[["period_label", "value"]].tail(3)


def _tamper(cache: Path, measure: str) -> None:
    """Double every value of a measure in every cached Parquet file, leaving their digests as they were."""
    import pandas as pd

    edited = 0
    for path in (cache / "store").rglob("*.parquet"):
        frame = pd.read_parquet(path)
        if "measure" in frame and (frame["measure"] == measure).any():
            frame.loc[frame["measure"] == measure, "value"] *= 2
            frame.to_parquet(path, index=False)
            edited += 1
    assert edited, "nothing in the cache to edit"


def _warm(cache) -> None:
    from croydon_kpi import load_store
    from croydon_kpi.store import cache as store_cache

    load_store()
    store_cache.forget()  # warm on disk, as the next scheduled run finds it


def _no_kernel(*args, **kwargs):
    raise AssertionError("a kernel was started for bad input")


def _is_data_case(case) -> bool:
    return "argv" not in case and (
        str(case.get("file", "")).startswith("data/") or any(k in case for k in ("folder", "link", "links", "remove"))
    )


def _library_raises_only_its_own_error(case) -> None:
    """load_store() and the registries a notebook reads, called as an analyst would on the same
    bad input: a CroydonKpiError naming it (or a rejected row), never another exception."""
    from croydon_kpi import load_store
    from croydon_kpi.analysis.targets import load_targets
    from croydon_kpi.analysis.visits import load_registry
    from croydon_kpi.errors import CroydonKpiError

    try:
        store = load_store()
        load_targets(store.catalogue, area_of=store.area)
        load_registry()
    except CroydonKpiError as error:
        assert any(expected in str(error) for expected in case["expect"]), str(error)
        return
    assert len(store.rejections), "the library accepted what the command refused"


def test_the_corpus_covers_every_input_kind():
    kinds = {c["id"].split("_")[0] for c in CASES}
    assert {"scorecard", "dfe", "paper", "annexa", "targets", "catalogue", "inspections", "parameter"} <= kinds
    assert {"sources", "synthetic", "lait", "build", "check", "visit", "list"} <= kinds
    assert {"machine", "finance", "warm"} <= kinds
    assert len(CASES) >= 160


def test_a_utf8_bom_is_good_input_not_a_rejection(base, tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(base, root)
    (root / "data/sources/scorecards/bom.csv").write_text("\ufeff" + GOOD_ROW, encoding="utf-8")
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(root))
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(tmp_path / "cache"))
    from croydon_kpi import load_store

    store = load_store()
    assert store.rejections.empty
    assert (store.figures["source_id"] == "scorecards").sum() == 21


def test_accept_rejects_publishes_with_the_rejections_listed(base, tmp_path, monkeypatch, capsys):
    root = tmp_path / "project"
    shutil.copytree(base, root)
    (root / "data/sources/scorecards/bad.csv").write_text(
        "measure,area,month,value\ncin_visits_timely_percent,Croydon,2019-10,eighty\n"
    )
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(root))
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(tmp_path / "cache"))
    assert cli.main(["check"]) == 2
    assert "bad.csv, row 2, column value: 'eighty' is not a number" in capsys.readouterr().out
    assert cli.main(["pack", "--month", "2019-10", "--accept-rejects"]) == 0
    page = (root / "reports" / "monthly_pack_2019-10_croydon.html").read_text(encoding="utf-8")
    assert "rejected: &#x27;eighty&#x27; is not a number" in page or "rejected: 'eighty' is not a number" in page


def test_text_bound_for_excel_cannot_start_a_formula(tmp_path):
    import pandas as pd

    from croydon_kpi.reports.present import safe_cell, write_workbook

    assert [safe_cell(v) for v in ("=1+1", "+44", "-x", "@SUM(A1)", "plain", 5)] == [
        "'=1+1",
        "'+44",
        "'-x",
        "'@SUM(A1)",
        "plain",
        5,
    ]
    path = tmp_path / "out.xlsx"
    write_workbook({"KPI table": pd.DataFrame({"Measure": ['=HYPERLINK("http://x")'], "Value": [3]})}, path)
    cell = openpyxl.load_workbook(path)["KPI table"]["A2"]
    assert cell.data_type == "s" and cell.value == '\'=HYPERLINK("http://x")'
