"""The improvement journey: the area's inspections and monitoring visits up to the month."""

from __future__ import annotations

import pandas as pd

from croydon_kpi.analysis import visits
from croydon_kpi.reports.pack.context import PackContext


def timeline(ctx: PackContext) -> pd.DataFrame:
    journey = visits.journey(ctx.area.name, up_to=ctx.month.end)
    return pd.DataFrame({"When": journey["when"], "Event": journey["event"], "Outcome": journey["outcome"]})
