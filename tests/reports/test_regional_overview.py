"""The regional overview: every authority of a region side by side for one month."""

from croydon_kpi.reports import regional_overview


def test_the_overview_opens_with_the_region_against_england_and_names_the_quarters(store):
    report = regional_overview.prepare("2019-10", "London", link_packs=True, store=store)
    assert report.title == "London: every authority side by side, October 2019"
    summary = report.summary()
    assert summary.startswith("- **33 authorities of London**, each with its latest published figure known by")
    assert "each authority links to its own pack." in summary
    assert "**Against England:** London is better on" in summary
    assert "**In the worst quarter of England's authorities on 2 or more of the 4 ranked measures:** Waltham" in summary
    assert "**No published figure by the end of October 2019:** Assessments completed within 45" in summary


def test_every_authority_has_a_row_linked_to_its_pack_with_one_precision_a_measure(store):
    report = regional_overview.prepare("2019-10", "London", link_packs=True, store=store)
    table, links = report.authorities_table()
    assert len(table) == 33 and links[table["Authority"].tolist().index("Croydon")] == (
        "monthly_pack_2019-10_croydon.html"
    )
    column = "Re-referrals within 12 months of a previous referral (year to 31 Mar 2018)"
    assert table.set_index("Authority").loc["Barking and Dagenham", column] == "15.8% (A)"
    # every figure of the column to one decimal place, as the measure is published
    assert all(cell.split("%")[0].count(".") == 1 for cell in table[column] if "%" in cell)
    unlinked, none = regional_overview.prepare("2019-10", "London", store=store).authorities_table()
    assert none == [None] * 33


def test_each_measure_has_a_chart_of_the_authorities_best_first(store):
    report = regional_overview.prepare("2019-10", "North East", store=store)
    charts = report.charts()
    assert len(charts) == len(report.measures) >= 5
    title, figure = charts[0]
    assert title.startswith("Re-referrals within 12 months of a previous referral")
    values = list(figure.data[0].x)
    assert values == sorted(values)  # lower is better: the best at the top
    assert len(values) == 12


def test_the_default_build_makes_the_notebooks_overview_and_an_areas_build_makes_none(store):
    assert [p.report_name for p in regional_overview.every(store, {"month": "2019-10", "region": "London"})] == [
        "regional_overview_2019-10_london"
    ]
    assert regional_overview.every(store, {"month": "2019-10", "region": "London"}, "Leeds", "2019-10") == []
