"""The first screen's variation x assurance matrix and what to look at first."""

from croydon_kpi.reports import pack
from croydon_kpi.reports.pack.matrix import NO_SPC, look_first, summary_matrix


def test_the_matrix_places_every_measure_once(store):
    context = pack.prepare("2019-10", "synthetic", store).context
    matrix = summary_matrix(context)
    assert matrix["Variation"].iloc[0] == "special cause concern"  # concern first, as a board reads it
    assert list(matrix.columns)[1] == "consistently failing the target"
    named = [t for cell in matrix.iloc[:, 1:].to_numpy().ravel() if cell != "-" for t in cell.split("; ")]
    assert sorted(named) == sorted(context.overview["title"])


def test_measures_too_short_for_spc_have_a_row_of_their_own(store):
    matrix = summary_matrix(pack.prepare("2019-10", "Croydon", store).context)
    assert matrix["Variation"].tolist() == [
        "special cause concern",
        "common cause (no significant change)",
        "special cause improvement",
        NO_SPC,
    ]


def test_look_first_starts_at_the_concern_corner_and_links_each_chart(store):
    context = pack.prepare("2019-10", "synthetic", store).context
    first = look_first(context, chart_title=lambda measure: measure.title)
    assert first[0].startswith("Average caseload per social worker (15.5): special cause concern")
    assert first[0].endswith("([chart](#chart-average-caseload-per-social-worker))")
