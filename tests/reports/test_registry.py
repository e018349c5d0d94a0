"""The report registry: one entry per report, each with a module that plans and prepares it."""

from importlib import import_module

from croydon_kpi.reports import registry


def test_every_report_module_plans_and_prepares():
    for entry in registry.REPORTS:
        module = import_module(entry.module)
        assert callable(module.plan) and callable(module.prepare), entry.module


def test_each_report_has_its_own_command_and_notebook():
    commands = [r.command for r in registry.REPORTS]
    notebooks = [r.notebook for r in registry.REPORTS]
    assert len(set(commands)) == len(commands) and len(set(notebooks)) == len(notebooks)


def test_the_warm_up_imports_every_report_module_and_the_shared_ones():
    assert registry.report_modules() == (
        "croydon_kpi.reports.benchmarks_table",
        "croydon_kpi.reports.charts",
        "croydon_kpi.reports.finance_report",
        "croydon_kpi.reports.pack",
        "croydon_kpi.reports.present",
        "croydon_kpi.reports.regional_overview",
        "croydon_kpi.reports.visit_report",
    )


def test_an_area_name_becomes_a_file_name():
    assert registry.slug("Kingston upon Thames") == "kingston-upon-thames"
    assert registry.slug("Bristol, City of") == "bristol-city-of"


def test_every_report_says_in_one_line_what_it_is():
    for entry in registry.REPORTS:
        assert entry.about and "\n" not in entry.about and len(entry.about) <= 110, entry.command


def test_a_plans_area_and_period_reach_its_job(store):
    job = registry.report("pack").plan(store, {"month": "2019-10", "area": "Lewisham"})
    assert (job.area, job.period, job.about) == ("Lewisham", "October 2019", registry.report("pack").about)
    visit = registry.report("visit").plan(store, {"visit": 7})
    assert (visit.area, visit.period) == ("Croydon", "16 to 17 October 2019")
