"""The monthly pack: small sections of one context (the store as known at the month's end, the month, the area)."""

from croydon_kpi.reports.pack.facade import (
    MonthlyPack,
    empty_warning,
    has_local_figures,
    pack_file_name,
    pack_title,
    plan,
    prepare,
    region_members,
    regional,
    require_known_by,
)

__all__ = [
    "MonthlyPack",
    "empty_warning",
    "has_local_figures",
    "pack_file_name",
    "pack_title",
    "plan",
    "prepare",
    "region_members",
    "regional",
    "require_known_by",
]
