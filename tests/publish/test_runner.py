"""Running notebooks and publishing atomically, with a manifest."""

import json
import re

import nbformat
import openpyxl
import pytest

from croydon_kpi.publish import cli
from croydon_kpi.publish.html import external_references


@pytest.fixture
def project_copy(tmp_path, monkeypatch, new_project):
    copy, _ = new_project()
    monkeypatch.chdir(tmp_path)  # paths must not depend on the working directory
    return copy


def test_pack_builds_offline_report_workbook_and_manifest_then_a_failure_changes_nothing(project_copy, built, capsys):
    assert cli.main(["pack", "--month", "2019-10", "--area", "306"]) == 0
    reports = project_copy / "reports"
    report = reports / "monthly_pack_2019-10_croydon.html"
    page = report.read_text(encoding="utf-8")
    assert external_references(page.split("</script>", 1)[-1]) == []
    assert "<link" not in page and not re.search(r"<script[^>]+src=", page)
    assert (
        "Croydon: children&#39;s services performance pack, October 2019" in page
        or "Croydon: children's services performance pack, October 2019" in page
    )
    # Known at the end of October 2019: the year to 31 March 2019 was not yet published, so the
    # children-looked-after rate shown is 31 March 2018's: Croydon 81, London 49, England 64 (LAIT).
    assert re.search(
        r"<td>Children looked after per 10,000 children</td>\s*<td>31 Mar 2018</td>\s*"
        r"<td>81 per 10,000</td>\s*<td>49 per 10,000</td>\s*<td>64 per 10,000</td>",
        page,
    )
    assert "month=2019-10, area=Croydon" in page  # provenance footer
    assert page.count("Plotly.newPlot") >= 5 and page.count("var Plotly") <= 1 or "plotly.js" in page

    workbook = openpyxl.load_workbook(reports / "monthly_pack_2019-10_croydon.xlsx")
    assert workbook.sheetnames == ["KPIs", "Trend", "Finance", "Workforce", "Data quality", "Sources"]
    kpis = workbook["KPIs"]
    assert kpis["A3"].value == "Measure" and kpis.freeze_panes == "A4" and kpis.auto_filter.ref.startswith("A3:")
    header = [cell.value for cell in kpis[3]]
    october = header.index("Oct 2019")
    values = {row[0].value: row[october] for row in kpis.iter_rows(min_row=4)}
    visits = values["Child protection visits within timescale"]
    assert visits.value == 0.96 and visits.number_format == "0.0%"  # 96%, in a percent format
    assert values["Children subject to a child protection plan"].value == 587
    finance = workbook["Finance"]
    assert finance["B4"].value == 1_000_000 and finance["B4"].number_format.startswith("£")
    workforce = {row[1].value: row[4].value for row in workbook["Workforce"].iter_rows(min_row=4)}
    assert workforce["social_workers_agency_percent"] == 46.6  # a number, not the text "46.6%"

    manifest = json.loads((reports / "manifest_monthly_pack_2019-10_croydon.json").read_text())
    assert manifest["reports"][0]["parameters"] == {"month": "2019-10", "area": "Croydon"}
    assert manifest["package"]["croydon_kpi"] and manifest["package"]["pandas"]
    assert "data/catalogue/measures.yaml" in manifest["inputs_sha256"]
    assert set(manifest["outputs_sha256"]) == {"monthly_pack_2019-10_croydon.html", "monthly_pack_2019-10_croydon.xlsx"}

    # Same inputs, same bytes: the page and the workbook are those the session's `build` made in
    # another folder, in a lane shared with other notebooks.
    before = report.read_bytes()
    book = reports / "monthly_pack_2019-10_croydon.xlsx"
    assert before == (built.reports / report.name).read_bytes()
    assert book.read_bytes() == (built.reports / book.name).read_bytes()

    notebook = project_copy / "notebooks" / "monthly_pack.ipynb"
    broken = nbformat.read(notebook, as_version=4)
    parameters = next(n for n, cell in enumerate(broken.cells) if "parameters" in cell.metadata.get("tags", []))
    broken.cells.insert(parameters + 1, nbformat.v4.new_code_cell("raise RuntimeError('deliberate failure')"))
    nbformat.write(broken, notebook)
    capsys.readouterr()
    assert cli.main(["pack", "--month", "2019-10"]) == 1
    assert "RuntimeError: deliberate failure" in capsys.readouterr().err
    assert report.read_bytes() == before  # the good report is untouched
    assert (reports / "_failed" / "monthly_pack_2019-10_croydon.ipynb").is_file()
    assert not list(reports.glob(".*"))  # no partial file


def test_reports_built_one_at_a_time_are_the_same_bytes_as_the_parallel_build(built, new_project):
    """The session's `build` ran one notebook per core; three of its reports built again one after
    another (runner.run with one worker) are the same bytes."""
    from croydon_kpi import load_store
    from croydon_kpi.publish import jobs, runner
    from croydon_kpi.reports.registry import report

    assert built.exits[("build",)] == 0
    copy, _ = new_project()
    store = load_store()
    chosen = [
        jobs.plan(report(name), store, given)
        for name, given in (("visit", {"visit": 7}), ("finance", {}), ("benchmarks", {}))
    ]
    published = runner.run(chosen, command="build", workers=1)
    pages = [path for path in published if path.suffix == ".html" and path.name != "index.html"]  # the folder's own
    assert (copy / "reports" / "index.html").is_file()
    assert sorted(path.name for path in pages) == sorted(f"{job.report_name}.html" for job in chosen)
    for page in pages:
        assert (built.reports / page.name).read_bytes() == page.read_bytes(), page.name


def test_jobs_must_be_a_whole_number(capsys):
    assert cli.main(["build", "--jobs", "0"]) == 2
    assert "jobs '0' is not a whole number of 1 or more" in capsys.readouterr().err


def test_a_report_built_in_a_lane_after_other_notebooks_is_the_same_bytes_as_in_a_fresh_kernel(
    built, tmp_path, monkeypatch, warm_cache_copy
):
    """A lane's kernel runs notebook after notebook; the clean slate between them (kernels.CLEAN_SLATE)
    must leave nothing that changes a report: visit 7, built in the session's build after other
    notebooks in the same kernel, is built again in a kernel of its own."""
    import papermill

    from croydon_kpi.publish import jobs, runner
    from croydon_kpi.publish.html import notebook_to_html
    from croydon_kpi.reports.registry import report

    monkeypatch.setenv("CROYDON_KPI_ROOT", str(built.root))
    monkeypatch.setenv("CROYDON_KPI_CACHE_DIR", str(warm_cache_copy))
    job = jobs.plan(report("visit"), None, {"visit": 7})
    executed = tmp_path / "visit.ipynb"
    papermill.execute_notebook(
        str(built.root / "notebooks" / job.notebook),
        str(executed),
        parameters=job.parameters,
        kernel_name="python3",
        cwd=str(built.root),
        progress_bar=False,
    )
    fresh = notebook_to_html(executed, runner.provenance(job), title=job.title)
    assert fresh.encode("utf-8") == (built.reports / f"{job.report_name}.html").read_bytes()
