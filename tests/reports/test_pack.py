"""What the monthly pack shows."""



def test_a_pack_for_2018_03_shows_what_was_known_then(store):
    from croydon_kpi.reports import pack

    report = pack.prepare("2018-03", "Croydon", store)
    published = report.latest_published_table().set_index("Measure")
    # 31 March 2017's figures were out by December 2017; 31 March 2018's not until December 2018.
    assert published.loc["Children looked after per 10,000 children", "Period"] == "31 Mar 2017"
    assert report.overview().empty  # no local figure existed yet
    assert report.timeline()["Event"].str.startswith("ILACS").sum() == 0
    assert report.finance_position()["As written"].tolist() == ["£1m"]  # only the 2017 Cabinet decision
