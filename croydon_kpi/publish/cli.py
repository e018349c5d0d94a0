"""The `croydon-kpi` command. Exit status: 0 success, 1 a notebook failed, 2 bad parameters or input,
3 published, but a pack's month has no local figures.

Parameters are validated here, before any kernel starts, and every error is one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from croydon_kpi import __version__
from croydon_kpi.errors import EXIT_BAD_INPUT, EXIT_EMPTY_MONTH, EXIT_OK, CroydonKpiError, RejectedInput


def _jobs():
    """What can be built; imported when a command needs it, so --help and --version answer at once."""
    from croydon_kpi.publish import jobs

    return jobs


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _check_registries(store) -> None:
    """The files notebooks read besides the store, checked before any kernel starts."""
    from croydon_kpi.analysis.targets import load_targets
    from croydon_kpi.analysis.visits import load_registry
    from croydon_kpi.catalogue.changes import check_changes
    from croydon_kpi.catalogue.report_settings import check_measures

    load_targets(store.catalogue, area_of=store.area)
    load_registry()
    check_changes(store.catalogue, store.area)
    check_measures(store.catalogue)


def _store(accept_rejects: bool = False):
    from croydon_kpi.store.figure_store import load_store

    store = load_store()
    _check_registries(store)
    rejected = store.rejections
    if len(rejected) and not accept_rejects:
        first = rejected.iloc[0]
        more = f" (and {len(rejected) - 1} more rejected rows)" if len(rejected) > 1 else ""
        raise RejectedInput(
            f"{first['file']}, row {first['row']}, column {first['column']}: {first['reason']}{more}; "
            "nothing was published: fix the input, or pass --accept-rejects to publish with every rejection "
            "listed in the pack's data quality section (croydon-kpi check lists them all)"
        )
    return store


def _publish(jobs, command: str, lanes, output: Path, args) -> int:
    from croydon_kpi.publish import runner

    jobs = list(jobs)
    _say(f"building {len(jobs)} report(s) ...")
    shared_js = getattr(args, "plotly_js", "inline") == "shared"
    for path in runner.run(jobs, command=command, lanes=lanes, output=output, pdf=args.pdf, shared_js=shared_js):
        print(path)
    return EXIT_OK


def _output(args, publishes: bool = True) -> Path:
    """--output: the folder the run publishes into (default: the project's reports/), checked
    before anything loads: one the machine will not let us write is refused at once (exit 2,
    MachineRefused), before any kernel starts. It is created only when the run publishes: a
    failed run leaves no trace there. A relative path is from the working directory, as a user
    typing it expects."""
    from croydon_kpi.core import project
    from croydon_kpi.core.params import require_value, shown
    from croydon_kpi.errors import ParameterError
    from croydon_kpi.publish.atomic import check_writable

    if getattr(args, "output", None) is None:
        folder, what = project.reports_dir(), "the reports folder"
    else:
        require_value("output", args.output)
        folder, what = Path(args.output).expanduser().absolute(), "the output folder"
        if folder.exists() and not folder.is_dir():
            raise ParameterError(f"output {shown(args.output)} is a file, not a folder")
    if publishes:
        check_writable(folder, what)
        if getattr(args, "pdf", False):
            from croydon_kpi.publish.pdf import check_available

            check_available()
    return folder


def _lanes(count: int | None = None):
    """The run's kernels, started once its inputs and parameters are checked (bad input never
    starts one): they start while the command loads the rest of what it needs. `count`: how many
    notebooks run at once."""
    from croydon_kpi.publish import kernels

    return kernels.open_lanes(count)


def _snapshot():
    """The run's own copy of data/: what is checked is what the kernels read (publish/snapshot.py)."""
    from croydon_kpi.publish.snapshot import data_snapshot

    return data_snapshot()


def command_report(args) -> int:
    """Build one report: the registry entry named by the subcommand, with the parameters given."""
    from croydon_kpi.reports.registry import report

    chosen = report(args.command)
    given = {parameter.name: getattr(args, parameter.name) for parameter in chosen.parameters}
    # before the store loads: a mistyped month is told at once, and `last` is resolved once
    given = _jobs().check_given(chosen, given)
    region = getattr(args, "region", None) if chosen.regional else None  # `region` is also a report's parameter
    output = _output(args)
    with _snapshot():
        store = _store(args.accept_rejects)
        if region is None:
            jobs = [_jobs().plan(chosen, store, given)]
        else:
            jobs, left_out = _jobs().region_jobs(chosen, store, given, region)
            for why in left_out:
                _say(f"croydon-kpi: left out of {region}: {why}")
        with _lanes(1 if len(jobs) == 1 else None) as lanes:
            empty = _empty_reports(store, jobs)
            published = _publish(jobs, chosen.command, lanes, output, args)
        return _warn_empty(empty, getattr(args, "empty_month_ok", False), output) or published


def _empty_reports(store, jobs) -> list:
    """(job, why) for each report with nothing to show (worked out while the kernels start)."""
    from croydon_kpi.reports.registry import report

    found = [(job, report(job.command).empty_warning(store, job)) for job in jobs]
    return [(job, why) for job, why in found if why]


def _warn_empty(empty, expected: bool, output: Path) -> int:
    """A pack whose month has no local figures is built and says so, but a scheduled job must be
    able to alert on it: exit 3 (EXIT_EMPTY_MONTH) unless the user said it was expected, and then
    nothing is said (a line a user has to learn to ignore hides the ones that matter)."""
    if expected:
        return EXIT_OK
    if len(empty) > EMPTY_NAMED_ONE_BY_ONE:  # a region's run: one line, not one per authority
        named = "; ".join(why for _, why in empty[:EMPTY_NAMED_ONE_BY_ONE])
        _say(
            f"croydon-kpi: warning: {len(empty)} reports in {output} have nothing of their own to show and say so "
            f"on their first screen: {named}; and {len(empty) - EMPTY_NAMED_ONE_BY_ONE} more; "
            "pass --empty-month-ok if this is expected"
        )
    else:
        for job, why in empty:
            _say(
                f"croydon-kpi: warning: {why}: {output / job.report_name}.html was published and says so; "
                "pass --empty-month-ok if this is expected"
            )
    return EXIT_EMPTY_MONTH if empty else EXIT_OK


EMPTY_NAMED_ONE_BY_ONE = 3


def _workers(text) -> int | None:
    """--jobs: how many notebooks run at once (default: one per core)."""
    from croydon_kpi.core.params import shown
    from croydon_kpi.errors import ParameterError

    if text is None:
        return None
    if not str(text).strip().isdigit() or int(text) < 1:
        raise ParameterError(f"jobs {shown(text)} is not a whole number of 1 or more (how many notebooks run at once)")
    return int(text)


def command_build(args) -> int:
    workers = _workers(args.jobs)
    area, month = _jobs().check_build_options(args.area, args.month)
    output = _output(args)
    with _snapshot():
        store = _store(args.accept_rejects)
        jobs = _jobs().build_jobs(store, area=area, month=month)
        with _lanes(workers) as lanes:
            empty = _empty_reports(store, jobs)
            published = _publish(jobs, "build", lanes, output, args)
        return _warn_empty(empty, args.empty_month_ok, output) or published


def command_check(args) -> int:
    """Read every input and list every rejected row; writes nothing. Exit 2 if anything is rejected."""
    store = _store(accept_rejects=True)
    for row in store.rejections.itertuples():
        print(f"{row.file}, row {row.row}, column {row.column}: {row.reason}")
    print(f"{len(store.figures):,} figures read; {len(store.rejections):,} rows rejected", file=sys.stderr)
    return EXIT_BAD_INPUT if len(store.rejections) else EXIT_OK


def command_list(args) -> int:
    """What the output folder holds (as its index lists it), then what `build` would make."""
    from croydon_kpi.publish.index import listing, published

    output = _output(args, publishes=False)
    found = published(output)
    print(f"In {output}: {len(found)} report(s)")
    for line in listing(found):
        print(f"  {line}")
    print("Can be built (croydon-kpi build):")
    for job in _jobs().build_jobs(_store(accept_rejects=True)):
        parameters = " ".join(f"{k}={v}" for k, v in job.parameters.items()) or "(no parameters)"
        print(f"  {job.report_name + '.html':42} {job.title} | {job.about}  [{parameters}]")
    print(f"Build one: {' | '.join(_usage(r) for r in _registry().REPORTS)}")
    print("Build every report of an area and month: croydon-kpi build --area AREA --month MONTH")
    return EXIT_OK


def _registry():
    from croydon_kpi.reports import registry

    return registry


def _usage(report) -> str:
    words = [p.name.upper() if p.positional else _option_usage(p) for p in report.parameters]
    return " ".join(["croydon-kpi", report.command, *words])


def _option_usage(parameter) -> str:
    words = f"--{parameter.name.replace('_', '-')} {parameter.name.upper()}"
    return words if parameter.required else f"[{words}]"


def command_annex_a(args) -> int:
    """Validate one Annex A list file; print how many rows it holds (never any child's data)."""
    from croydon_kpi.childlevel.annex_a import read_list

    rows = read_list(Path(args.path), args.list)
    print(f"{args.path}: {len(rows)} rows, every one valid as {args.list}")
    return EXIT_OK


def command_docs(args) -> int:
    from croydon_kpi.reports.measures_doc import write_measures_doc

    print(write_measures_doc())
    return EXIT_OK


def command_execute_notebooks(args) -> int:
    from croydon_kpi.publish import runner

    for notebook in _jobs().COMMITTED_NOTEBOOKS:
        _say(f"executing notebooks/{notebook} ...")
        print(runner.execute_in_place(notebook))
    return EXIT_OK


def _output_option(command, publishes: bool) -> None:
    what = (
        "publish the reports, side files, manifest and index.html into DIR (created if missing; a failed "
        "run leaves it untouched, its notebook kept in the project's reports/_failed/)"
        if publishes
        else "list the reports in DIR"
    )
    command.add_argument("--output", metavar="DIR", help=f"{what} (default: the project's reports/)")


def _publishing_options(command, may_be_empty: bool = True) -> None:
    """What a scheduled job may tell a command that publishes reports."""
    _output_option(command, publishes=True)
    command.add_argument(
        "--pdf",
        action="store_true",
        help="also print an A4 PDF beside each report (needs Chromium or Chrome; told at once if none is found)",
    )
    command.add_argument(
        "--plotly-js",
        choices=("inline", "shared"),
        default="inline",
        help="inline (the default): each report with charts carries its own copy of plotly.js and opens alone; "
        "shared: one copy in the output folder, loaded by relative path (still offline, for a folder kept whole)",
    )
    command.add_argument(
        "--accept-rejects",
        action="store_true",
        help="publish even if some scorecard rows were rejected (they are listed in the pack's data quality section)",
    )
    if not may_be_empty:
        return
    command.add_argument(
        "--empty-month-ok",
        action="store_true",
        help=(
            "exit 0 even if a pack's month has no local figures (otherwise the pack is built, says so, "
            "and the exit status is 3)"
        ),
    )


def _report_command(commands, report) -> None:
    """One subcommand per registered report: its parameters as options (or positionals)."""
    command = commands.add_parser(report.command, help=report.summary, description=report.description)
    for parameter in report.parameters:
        if parameter.positional:
            command.add_argument(parameter.name, help=parameter.help)
        else:
            command.add_argument(
                f"--{parameter.name.replace('_', '-')}",
                dest=parameter.name,
                required=parameter.required,
                help=parameter.help,
            )
    if report.regional:
        command.add_argument(
            "--region",
            help="every authority of a region (as DfE's files name it: London, North East ...; England for all) "
            "in one run, instead of --area, with the region's overview",
        )
    _publishing_options(command, report.may_be_empty)
    command.set_defaults(handler=command_report)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="croydon-kpi", description="Build children's services performance reports.")
    parser.add_argument("--version", action="version", version=f"croydon_kpi {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for report in _registry().REPORTS:
        _report_command(commands, report)

    build = commands.add_parser(
        "build",
        help="build every report of an area and month (default: the notebooks' defaults)",
        description="Build every report the registry has for --area and --month (each report decides what "
        "that means: README, The command); without them, the default set, with the notebooks' defaults "
        "(croydon-kpi list shows it). Nothing is published unless all succeed; index.html then lists every "
        "report in the folder.",
    )
    _publishing_options(build)
    build.add_argument("--area", help="local authority name, GSS code or DfE number (with --month)")
    build.add_argument("--month", help="YYYY-MM, a finished month; or last: the last complete month (with --area)")
    build.add_argument(
        "--jobs",
        help="how many notebooks run at once (default: one per core); the reports are the same bytes either way",
    )
    build.set_defaults(handler=command_build)

    annex = commands.add_parser(
        "annex-a",
        help="validate one Ofsted Annex A list file (CSV or XLSX)",
        description="Read and validate an Annex A list; every bad cell is named by row and column.",
    )
    annex.add_argument("path", help="the list file")
    annex.add_argument(
        "--list", required=True, help="which list, e.g. list_7_child_protection (see data/catalogue/annex_a.yaml)"
    )
    annex.set_defaults(handler=command_annex_a)

    check = commands.add_parser(
        "check",
        help="read every input and list rejected rows (writes nothing)",
        description="Read every input; print each rejected row; exit 2 if any.",
    )
    check.set_defaults(handler=command_check)

    listing = commands.add_parser(
        "list",
        help="what the output folder holds, and what can be built",
        description="List the reports in the output folder (title, area, period, what each is), "
        "then what can be built.",
    )
    _output_option(listing, publishes=False)
    listing.set_defaults(handler=command_list)

    docs = commands.add_parser(
        "docs",
        help="regenerate docs/measures.md from the catalogue",
        description="Regenerate docs/measures.md from data/catalogue/measures.yaml.",
    )
    docs.set_defaults(handler=command_docs)

    execute = commands.add_parser(
        "execute-notebooks",
        help="re-execute the committed notebooks on the bundled data",
        description="Re-execute notebooks/*.ipynb in place (after an intended change).",
    )
    execute.set_defaults(handler=command_execute_notebooks)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except CroydonKpiError as error:
        _say(f"croydon-kpi: error: {error}")
        return error.exit_status


if __name__ == "__main__":
    sys.exit(main())
