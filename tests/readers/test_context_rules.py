"""The words around a figure, as data: each table matches the wording it is written for."""

from croydon_kpi.readers import context_rules


def test_a_change_before_the_figure_names_its_direction():
    fallen = context_rules.CHANGE_BEFORE.search("CP numbers have fallen by over ")
    assert fallen.group("verb") == "fallen" and "fallen" in context_rules.FALLING_WORDS
    rise = context_rules.CHANGE_BEFORE.search("there was an increase of ")
    assert rise.group("noun") == "increase" and "increase" not in context_rules.FALLING_WORDS
    assert context_rules.CHANGE_BEFORE.search("fallen by 3 and then ") is None  # only right before the figure


def test_a_change_after_the_figure_but_not_a_comparison_with_a_target():
    assert context_rules.CHANGE_AFTER.match(" reduction in plans").group("word") == "reduction"
    assert context_rules.CHANGE_AFTER.match(" higher than the national average") is None


def test_regions_months_and_clauses():
    region = context_rules.region_after().match(" in Yorkshire and the Humber")
    assert region.group("region") == "Yorkshire and the Humber"
    assert context_rules.region_after().match(" in London borough councils") is None
    assert context_rules.MONTH_YEAR.match("Sept. 2019").group("year") == "2019"
    assert [
        m.group()
        for m in context_rules.CLAUSE_BOUNDARY.finditer("visits were 96%; reviews 80% but visits, twelve children")
    ] == [
        ";",
        "but",
        ", ",
    ]


def test_qualifiers_caveats_and_rag_headings():
    names = [
        name for name, pattern in context_rules.QUALIFIERS if pattern.search("CIN visits remain slightly below target")
    ]
    assert names == ["slightly_below_target", "below_target"]
    caveat = context_rules.CAVEAT.search("44% - this should be treated with caution.")
    assert caveat.group("caveat") == "this should be treated with caution"
    assert context_rules.REPORTED_RAG_HEADINGS["things to do better"] == "do_better"


def test_comparators_written_sn_ipf_group_with_a_bracket_or_an_equals_sign():
    national, _regional, neighbours = (pattern for _, pattern in context_rules.COMPARATOR_BEFORE)
    assert neighbours.search("lower than the SN average of ")
    assert neighbours.search("71.3% compared with an IPF group average of ")
    assert neighbours.search("Statistical neighbours = ")
    assert national.search("compared to a national average (in March 2005) of ")
    assert national.search("had increased nationally by ")
    assert not neighbours.search("the sn of ")  # "SN" in capitals only


def test_a_forecast_cue_after_the_figure_and_an_adverb_before_by():
    assert context_rules.FORECAST_AFTER.match(" was forecast for the year")
    assert context_rules.CHANGE_BEFORE.search("referrals had increased nationally by ").group("verb") == "increased"


def test_from_after_a_change_verb_but_not_a_range_from_one_to_another():
    assert context_rules.FROM_AFTER_CHANGE.search("Referrals were up 34.3% from ")
    assert context_rules.FROM_AFTER_CHANGE.search("Numbers decreased from ")
    assert not context_rules.FROM_AFTER_CHANGE.search("Caseloads range from ")
