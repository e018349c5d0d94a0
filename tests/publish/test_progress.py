"""What a run says while it builds: timestamped lines when stderr is a log, never interleaved."""

import io
import re
import threading
from datetime import datetime, timezone

from croydon_kpi.publish.progress import Progress, timestamp

LINE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z (started|finished|failed) \S+( \(\d+\.\d s\))?$")


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_timestamp_is_utc_to_the_second():
    assert timestamp(datetime(2026, 12, 4, 1, 2, 3, 456, tzinfo=timezone.utc)) == "2026-12-04T01:02:03Z"


def test_a_log_gets_one_line_as_each_report_starts_and_ends():
    log = io.StringIO()
    progress = Progress(2, stream=log)
    progress.started("monthly_pack_2019-10_croydon")
    progress.finished("monthly_pack_2019-10_croydon")
    progress.started("finance_croydon")
    progress.failed("finance_croydon")
    progress.close()
    lines = log.getvalue().splitlines()
    assert [line.split(" ", 1)[1].split(" (")[0] for line in lines] == [
        "started monthly_pack_2019-10_croydon",
        "finished monthly_pack_2019-10_croydon",
        "started finance_croydon",
        "failed finance_croydon",
    ]
    assert all(LINE.match(line) for line in lines), lines


def test_lanes_telling_at_once_never_interleave_their_lines():
    log = io.StringIO()
    progress = Progress(400, stream=log)

    def lane(number):
        for n in range(50):
            progress.started(f"report_{number}_{n}")
            progress.finished(f"report_{number}_{n}")

    threads = [threading.Thread(target=lane, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lines = log.getvalue().splitlines()
    assert len(lines) == 400 and all(LINE.match(line) for line in lines)


def test_a_terminal_gets_no_lines_but_the_bar():
    screen = Terminal()
    progress = Progress(2, stream=screen)
    progress.started("a")
    progress.finished("a")
    progress.close()
    assert "started" not in screen.getvalue() and "reports" in screen.getvalue()  # tqdm's bar
