"""One name per authority: where a file gives an authority's code, the code says which authority a
figure is about, whatever the name beside it. A figure written under another name ("Anytown LB"
for the code E09000099) is read as the authority's usual name, with a warning naming the source and row,
never lost from the authority's pack."""

from __future__ import annotations

import warnings

import pandas as pd


class AreaNameWarning(UserWarning):
    """A figure names its authority differently from every other figure with the same code."""


def one_name_per_code(figures: pd.DataFrame) -> pd.DataFrame:
    """The figures with each local authority's name made the one most figures with its GSS code
    use; a warning for each other name, at its first row."""
    coded = figures["area_code"].notna() & (figures["area_level"] == "local_authority")
    if not coded.any():
        return figures
    names = figures.loc[coded, ["area_code", "area_name"]]
    usual = names.groupby("area_code")["area_name"].agg(lambda found: found.value_counts().index[0])
    wanted = figures.loc[coded, "area_code"].map(usual)
    differs = wanted.ne(figures.loc[coded, "area_name"])
    if not differs.any():
        return figures
    _warn(figures.loc[differs[differs].index], wanted[differs])
    out = figures.copy()
    out.loc[differs[differs].index, "area_name"] = wanted[differs]
    return out


def _warn(rows: pd.DataFrame, usual: pd.Series) -> None:
    firsts = rows.assign(usual_name=usual).drop_duplicates(["source_id", "area_name"])
    for row in firsts.itertuples():
        warnings.warn(
            f"{row.locator}: {row.area_code} is named {row.area_name!r} here and {row.usual_name!r} elsewhere; "
            f"read as {row.usual_name}",
            AreaNameWarning,
            stacklevel=3,
        )
