"""The croydon-kpi command: parameters checked before any kernel, one line and exit 2 on bad input."""

import papermill
import pytest

from croydon_kpi.publish import cli


@pytest.fixture
def no_kernel(monkeypatch):
    from croydon_kpi.publish import kernels

    def refuse(*args, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(papermill, "execute_notebook", refuse)
    monkeypatch.setattr(kernels.Lanes, "__init__", refuse)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["pack", "--month", "2019-13"], "month '2019-13': 13 is not a month number 01-12"),
        (["pack", "--month", "October"], "month 'October' is not in the form YYYY-MM"),
        (["pack", "--month", "1999-12"], "is before 2000"),
        (["pack", "--month", "2099-01"], "is in the future"),
        (["pack", "--month", "2019-10", "--area", "Narnia"], "unknown area 'Narnia'"),
        (["visit", "9"], "visit 9: Croydon had monitoring visits 1 to 7"),
        (["visit", "seven"], "visit 'seven' is not a number"),
    ],
)
def test_bad_parameters_exit_2_with_one_line_before_any_kernel(no_kernel, capsys, argv, message):
    assert cli.main(argv) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("croydon-kpi: error: ") and message in error
    assert "\n" not in error


def test_every_subcommand_has_help(capsys):
    for command in ("pack", "visit", "build", "list", "check", "annex-a", "docs", "execute-notebooks"):
        with pytest.raises(SystemExit) as done:
            cli.main([command, "--help"])
        assert done.value.code == 0
        assert "usage: croydon-kpi" in capsys.readouterr().out


def test_list_names_every_report(no_kernel, capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    for name in [
        "monthly_pack_2019-10_croydon.html",
        "monitoring_visit_1.html",
        "monitoring_visit_7.html",
        "finance_croydon.html",
        "benchmarks_croydon_2019.html",
    ]:
        assert name in out


def _one_line_exit_2(argv, capsys, *expected):
    assert cli.main(argv) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith("croydon-kpi: error: ") and "\n" not in error and "Traceback" not in error, error
    for words in expected:
        assert words in error, error


def test_a_wrong_project_root_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, no_kernel):
    monkeypatch.setenv("CROYDON_KPI_ROOT", str(tmp_path / "nowhere"))
    _one_line_exit_2(["pack", "--month", "2019-10"], capsys, "CROYDON_KPI_ROOT=", "has no data/catalogue/measures.yaml")


def test_a_deleted_sources_registry_is_one_line_and_exit_2(new_project, capsys, no_kernel):
    root, _ = new_project(warm=False)
    (root / "data" / "sources" / "sources.yaml").unlink()
    _one_line_exit_2(["check"], capsys, "data/sources/sources.yaml: file not found")


def test_an_unreadable_data_folder_is_one_line_and_exit_2(new_project, monkeypatch, capsys, no_kernel):
    import pathlib

    root, _ = new_project(warm=False)
    refused = root / "data" / "sources" / "dfe"
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(path):  # what the operating system says for a folder we may not read (root ignores chmod)
        if refused in path.parents:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    _one_line_exit_2(["pack", "--month", "2019-10"], capsys, "data/sources/dfe/", "cannot be read (Permission denied)")


@pytest.mark.parametrize(
    "argv", [["pack", "--month", "2019-13"], ["pack", "--month", ""], ["pack", "--month", "2019-10", "--area", " "]]
)
def test_a_bad_month_or_empty_parameter_is_told_before_any_data_is_read(monkeypatch, capsys, argv):
    from croydon_kpi.store import figure_store

    def refuse(*args, **kwargs):
        raise AssertionError("the store was loaded before the parameters were checked")

    monkeypatch.setattr(figure_store, "load_store", refuse)
    assert cli.main(argv) == 2
    assert capsys.readouterr().err.startswith("croydon-kpi: error: ")


def test_a_pack_without_month_exits_2_naming_it(no_kernel, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["pack", "--area", "Croydon"])
    assert done.value.code == 2
    assert "the following arguments are required: --month" in capsys.readouterr().err


def test_the_month_still_running_exits_2_naming_the_last_complete_one(no_kernel, capsys):
    from datetime import date

    from croydon_kpi.core.params import last_complete_month

    today = date.today()
    running, last = f"{today:%Y-%m}", last_complete_month(today)
    _one_line_exit_2(
        ["pack", "--month", running],
        capsys,
        f"month {running} is not finished yet: the last complete month is {last}; pass --month last",
    )


@pytest.mark.parametrize("argv", [["build", "--area", "Lewisham"], ["build", "--month", "2019-10"]])
def test_a_build_takes_area_and_month_together(no_kernel, capsys, argv):
    _one_line_exit_2(argv, capsys, "build takes --area and --month together")


def test_an_output_that_is_a_file_exits_2_before_any_data_is_read(no_kernel, tmp_path, capsys):
    (tmp_path / "taken").write_text("")
    _one_line_exit_2(["pack", "--month", "2019-10", "--output", str(tmp_path / "taken")], capsys, "is a file")


def _croydon_kpi(argv, env):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "croydon_kpi", *argv], env=env, capture_output=True, text=True, timeout=600
    )


def test_a_scheduled_build_of_an_area_and_month_logs_each_report_into_its_output_folder(tmp_path, new_project):
    """As cron runs it: stderr is a log file (here a pipe), the reports go to --output, and the
    index lists what an earlier run put there too."""
    import os
    import re

    root, _ = new_project()
    env, output = os.environ.copy(), tmp_path / "shared" / "packs"
    earlier = _croydon_kpi(["pack", "--month", "2019-09", "--area", "Lewisham", "--output", str(output)], env)
    assert earlier.returncode == 3, earlier.stderr[-800:]  # no local figures, and not told it is expected
    assert "pass --empty-month-ok if this is expected" in earlier.stderr

    done = _croydon_kpi(
        ["build", "--area", "Lewisham", "--month", "2019-10", "--output", str(output), "--empty-month-ok"], env
    )
    assert done.returncode == 0, done.stderr[-800:]
    names = {"monthly_pack_2019-10_lewisham", "finance_lewisham", "benchmarks_lewisham_2019"}
    assert {p.name for p in output.iterdir()} == {
        *(f"{name}.html" for name in names),
        "monthly_pack_2019-10_lewisham.xlsx",
        "monthly_pack_2019-09_lewisham.html",
        "monthly_pack_2019-09_lewisham.xlsx",
        "manifest_monthly_pack_2019-09_lewisham.json",
        "manifest.json",
        "index.html",
    }  # no monitoring visit: they are the inspected area's
    assert not (root / "reports").exists()
    for name in names:
        for word in ("started", "finished"):
            pattern = rf"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ {word} {name}( \(\d+\.\d s\))?$"
            assert re.search(pattern, done.stderr, re.M), done.stderr
    said = earlier.stderr + done.stderr
    assert "without encryption" not in said and "IPKernelApp" not in said
    assert "--empty-month-ok" not in done.stderr and "Lewisham has no local figures" not in done.stderr

    page = (output / "index.html").read_text(encoding="utf-8")
    for title in (
        "performance pack, September 2019",
        "performance pack, October 2019",
        "children&#x27;s services money",
    ):
        assert title in page, title
    assert page.count("<tr><td>") == 4

    listed = _croydon_kpi(["list", "--output", str(output)], env)
    assert "monthly_pack_2019-09_lewisham.html" in listed.stdout and "4 report(s)" in listed.stdout


def test_a_failed_run_leaves_its_output_folder_untouched(tmp_path, capsys, new_project):
    import nbformat

    root, _ = new_project()
    notebook = root / "notebooks" / "finance.ipynb"
    broken = nbformat.read(notebook, as_version=4)
    parameters = next(n for n, cell in enumerate(broken.cells) if "parameters" in cell.metadata.get("tags", []))
    broken.cells.insert(parameters + 1, nbformat.v4.new_code_cell("raise RuntimeError('deliberate failure')"))
    nbformat.write(broken, notebook)
    output = tmp_path / "out"
    assert cli.main(["finance", "--output", str(output)]) == 1
    assert not output.exists()
    assert (root / "reports" / "_failed" / "finance_croydon.ipynb").is_file()


def test_a_councils_own_export_is_checked_then_published_and_a_blank_measure_is_named(
    tmp_path, new_project, write_export
):
    """A council's export as it comes: `check` names what cannot be mapped (exit 2); with its map
    and its own measure it reads clean; the pack exits 3 naming the measure blank this month."""
    import os

    root, _ = new_project()
    scorecards = root / "data" / "sources" / "scorecards"
    write_export(scorecards)
    env = os.environ.copy()
    checked = _croydon_kpi(["check"], env)
    assert checked.returncode == 2, checked.stderr[-800:]
    lines = [line for line in checked.stdout.splitlines() if "2025-10_export.xlsx" in line]
    assert len(lines) == 3 and all(", column indicator: no catalogue measure matches" in line for line in lines)
    assert "'Number of children subject to a CP plan' (nearest measures: cp_children_count" in checked.stdout

    (scorecards / "indicators.yaml").write_text(
        "indicators:\n"
        '  "Number of children subject to a CP plan": cp_children_count\n'
        '  "% CLA with 3+ placements": cla_three_or_more_placements_percent\n'
    )
    (root / "data" / "catalogue" / "local_measures.yaml").write_text(
        "measures:\n  - id: contacts_received_count\n    title: Contacts received\n    domain: front_door\n"
        "    unit: count\n    polarity: neutral\n    decimals: 0\n"
        "    definition: {numerator: Contacts received by the front door in the month}\n"
    )
    clean = _croydon_kpi(["check"], env)
    assert clean.returncode == 0, clean.stdout[-800:] + clean.stderr[-800:]

    packed = _croydon_kpi(["pack", "--area", "Barnsley", "--month", "2025-10"], env)
    assert packed.returncode == 3, packed.stderr[-800:]
    assert (
        "Barnsley reported 1 measure(s) before 2025-10 but not in it: "
        "Child in need visits within timescale (cin_visits_timely_percent)"
    ) in packed.stderr
    page = (root / "reports" / "monthly_pack_2025-10_barnsley.html").read_text(encoding="utf-8")
    assert (
        "Not reported this month:</strong> Child in need visits within timescale (last reported September 2025)" in page
    )
    assert "Contacts received" in page  # the council's own measure flows into the pack
    quiet = _croydon_kpi(["pack", "--area", "Barnsley", "--month", "2025-10", "--empty-month-ok"], env)
    assert quiet.returncode == 0 and "not in it" not in quiet.stderr


def test_a_regions_packs_are_the_bytes_of_the_same_packs_built_one_at_a_time(tmp_path, new_project, built, monkeypatch):
    """`pack --region` (its authorities cut to one here) builds each authority's pack in one run,
    byte for byte the pack `pack --area` builds, with the region's overview linking each; `region`
    builds the overview alone, and with --plotly-js shared it loads one copy of plotly.js beside it."""
    from croydon_kpi.publish.html import external_references, shared_plotly_js_name
    from croydon_kpi.reports.pack import facade

    new_project()
    monkeypatch.setattr(facade, "authorities_in", lambda store, region: [store.area("Lewisham")])
    output = tmp_path / "region"
    argv = ["pack", "--month", "2019-10", "--region", "London", "--output", str(output), "--empty-month-ok"]
    assert cli.main(argv) == 0
    for suffix in (".html", ".xlsx"):
        name = f"monthly_pack_2019-10_lewisham{suffix}"
        assert (output / name).read_bytes() == (built.reports / name).read_bytes()
    overview = (output / "regional_overview_2019-10_london.html").read_text(encoding="utf-8")
    assert '<a href="monthly_pack_2019-10_lewisham.html">Lewisham</a>' in overview
    assert (output / "manifest_regional_overview_2019-10_london.json").is_file()

    shared = tmp_path / "shared"
    argv = ["region", "--month", "2019-10", "--region", "north-east", "--output", str(shared), "--plotly-js", "shared"]
    assert cli.main(argv) == 0
    script = shared / shared_plotly_js_name()
    page = (shared / "regional_overview_2019-10_north-east.html").read_text(encoding="utf-8")
    assert script.stat().st_size > 1_000_000 and f'src="{script.name}"' in page
    assert len(page) < script.stat().st_size / 2 and "monthly_pack_" not in page  # not inlined; no pack to link
    assert external_references(page) == []


@pytest.mark.parametrize(
    "argv, message",
    [
        (["pack", "--month", "2019-10", "--region", "Narnia"], "region 'Narnia' is not a region: expected England"),
        (["pack", "--month", "2019-10", "--region", "London", "--area", "Croydon"], "pass --area or --region"),
    ],
)
def test_a_bad_region_is_one_line_and_exit_2_before_any_kernel(no_kernel, capsys, argv, message):
    assert cli.main(argv) == 2
    said = capsys.readouterr().err
    assert message in said and len(said.strip().splitlines()) == 1
