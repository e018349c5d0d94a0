"""The `croydon-kpi` command. Exit status: 0 success, 1 a notebook failed, 2 bad parameters or input.

Parameters are validated here, before any kernel starts, and every error is one line on stderr.
"""
from __future__ import annotations

import argparse
import sys

from . import __version__
from .areas import UnknownArea
from .catalogue import CatalogueError
from .errors import InputError
from .normalise import ParseError
from .params import ParameterError, parse_month

EXIT_OK, EXIT_NOTEBOOK_FAILED, EXIT_BAD_INPUT = 0, 1, 2
PACK_NOTEBOOK = "monthly_pack.ipynb"
COMMITTED_NOTEBOOKS = (PACK_NOTEBOOK,)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _pack_job(month: str | None, area: str | None):
    from . import runner
    from .store import load_store

    defaults = runner.notebook_defaults(PACK_NOTEBOOK)
    checked_month = parse_month(month or defaults["month"])
    checked_area = load_store().area(area or defaults["area"])
    return runner.Job(
        notebook=PACK_NOTEBOOK,
        report_name=f"monthly_pack_{checked_month}_{runner.slug(checked_area.name)}",
        parameters={"month": str(checked_month), "area": checked_area.name},
    )


def command_pack(args) -> int:
    from . import runner

    job = _pack_job(args.month, args.area)
    _say(f"building {job.report_name} ...")
    print(runner.run(job))
    return EXIT_OK


def command_build(args) -> int:
    """Everything for the default month. (More reports join this list as they are written.)"""
    from . import runner

    jobs = [_pack_job(None, None)]
    for job in jobs:
        _say(f"building {job.report_name} ...")
        print(runner.run(job))
    return EXIT_OK


def command_list(args) -> int:
    from . import runner

    defaults = runner.notebook_defaults(PACK_NOTEBOOK)
    print(f"pack   monthly performance pack   (default: --month {defaults['month']} --area {defaults['area']})")
    print("build  every report for the default month")
    return EXIT_OK


def command_docs(args) -> int:
    from .docs import write_measures_doc

    print(write_measures_doc())
    return EXIT_OK


def command_execute_notebooks(args) -> int:
    from . import runner

    for notebook in COMMITTED_NOTEBOOKS:
        _say(f"executing notebooks/{notebook} ...")
        print(runner.execute_in_place(notebook))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="croydon-kpi", description="Build children's services performance reports.")
    parser.add_argument("--version", action="version", version=f"croydon_kpi {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    pack = commands.add_parser("pack", help="build the monthly pack for one month and area",
                               description="Build reports/monthly_pack_<month>_<area>.html.")
    pack.add_argument("--month", help="YYYY-MM (default: the notebook's, 2019-10)")
    pack.add_argument("--area", help="local authority name, GSS code or DfE number (default: Croydon)")
    pack.set_defaults(handler=command_pack)

    build = commands.add_parser("build", help="build every report for the default month",
                                description="Build every report for the default month into reports/.")
    build.set_defaults(handler=command_build)

    listing = commands.add_parser("list", help="what can be built", description="List what can be built.")
    listing.set_defaults(handler=command_list)

    docs = commands.add_parser("docs", help="regenerate docs/measures.md from the catalogue",
                               description="Regenerate docs/measures.md from data/catalogue/measures.yaml.")
    docs.set_defaults(handler=command_docs)

    execute = commands.add_parser("execute-notebooks", help="re-execute the committed notebooks on the bundled data",
                                  description="Re-execute notebooks/*.ipynb in place (after an intended change).")
    execute.set_defaults(handler=command_execute_notebooks)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (ParameterError, UnknownArea, InputError, CatalogueError, ParseError) as error:
        _say(f"croydon-kpi: error: {error}")
        return EXIT_BAD_INPUT
    except Exception as error:
        from .runner import NotebookFailed

        if isinstance(error, NotebookFailed):
            _say(f"croydon-kpi: error: {error}")
            return EXIT_NOTEBOOK_FAILED
        raise


if __name__ == "__main__":
    sys.exit(main())
