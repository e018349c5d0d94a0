"""One name per authority: a figure is about the authority its code says, whatever its name."""

import pandas as pd
import pytest

from croydon_kpi.store.area_names import AreaNameWarning, one_name_per_code


def test_a_differently_named_row_takes_the_usual_name_with_a_warning():
    figures = pd.DataFrame(
        {
            "area_code": ["E09000008", "E09000008", "E09000008", None],
            "area_level": ["local_authority"] * 3 + ["national"],
            "area_name": ["Croydon", "Croydon", "Croydon LB", "England"],
            "source_id": ["a", "a", "b", "a"],
            "locator": ["line 2", "line 3", "data/sources/dfe/x.csv, line 9", "line 4"],
        }
    )
    with pytest.warns(AreaNameWarning, match=r"x.csv, line 9: E09000008 is named 'Croydon LB' here and 'Croydon'"):
        named = one_name_per_code(figures)
    assert named["area_name"].tolist() == ["Croydon", "Croydon", "Croydon", "England"]


def test_a_renamed_dfe_row_is_still_the_authoritys_figure(project_copy):
    from croydon_kpi import load_store

    path = project_copy / "data" / "sources" / "dfe" / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert ",306,E09000008,Croydon," in lines[1135]
    lines[1135] = lines[1135].replace(",306,E09000008,Croydon,", ",306,E09000008,Croydon LB,")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.warns(AreaNameWarning, match="line 1136: E09000008 is named 'Croydon LB'"):
        store = load_store(cache=False)
    referrals = store.series("rereferrals_within_12_months_percent", area="Croydon", status="published_statistic")
    assert 19.4 in referrals["value"].tolist()
    assert "Croydon LB" not in set(store.figures["area_name"])
