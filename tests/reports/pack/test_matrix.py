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


# NHSRplotthedots' reference cases (../shared/reference/methods.md §1) as a council's monthly
# percentages (+50, so each is a percentage), through the scorecard reader, the store and the pack.
CASE_G = [51, 52] * 9  # mean 51.5, limits about 48.8 to 54.2: common cause throughout
CASE_B_LAST = [51, 52, 51, 52, 60] + [51, 52] * 5 + [60]  # the last point beyond the upper limit


def test_the_reference_cases_read_the_same_through_the_packs_own_path(warm_project_copy):
    rows = ["measure,area,month,value,target"]
    cases = {
        "cin_visits_timely_percent": (CASE_G, 54.7),  # target above the upper limit: never met
        "cp_visits_timely_percent": (CASE_G, 48.5),  # below the lower limit: always met
        "cla_visits_timely_percent": (CASE_G, 52),  # inside the limits: hit and miss
        "cp_reviews_timely_percent": (CASE_B_LAST, 52),
    }
    months = [f"2018-{m:02d}" for m in range(1, 13)] + [f"2019-{m:02d}" for m in range(1, 7)]
    for measure, (values, target) in cases.items():
        rows += [f"{measure},Leeds,{month},{value},{target}" for month, value in zip(months, values)]
    last = months[len(CASE_B_LAST) - 1]
    (warm_project_copy / "data" / "sources" / "scorecards" / "leeds.csv").write_text("\n".join(rows) + "\n")

    def cell(matrix, variation, assurance):
        return matrix.set_index("Variation").loc[variation, assurance]

    matrix = summary_matrix(pack.prepare(months[-1], "Leeds").context)
    assert cell(matrix, "common cause (no significant change)", "consistently failing the target") == (
        "Child in need visits within timescale"
    )
    assert cell(matrix, "common cause (no significant change)", "consistently passing the target") == (
        "Child protection visits within timescale"
    )
    assert cell(matrix, "common cause (no significant change)", "hit and miss against the target") == (
        "Children looked after visits within timescale"
    )
    at_b = summary_matrix(pack.prepare(last, "Leeds").context)
    assert cell(at_b, "special cause improvement", "hit and miss against the target") == (
        "Child protection plans reviewed within timescale"
    )
