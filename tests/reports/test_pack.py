"""What the monthly pack shows."""


def test_a_pack_for_2018_03_shows_what_was_known_then(store):
    from croydon_kpi.reports import pack

    report = pack.prepare("2018-03", "Croydon", store)
    published = report.latest_published_table().set_index("Measure")
    # 31 March 2017's figures were out by December 2017; 31 March 2018's not until December 2018.
    assert published.loc["Children looked after per 10,000 children", "Period"] == "31 Mar 2017"
    assert report.overview().empty  # no local figure existed yet
    assert report.timeline()["Event"].str.startswith("ILACS").sum() == 0
    assert report.finance_position()["Money"].tolist() == ["£1m"]  # only the 2017 Cabinet decision
    assert "No local figures for March 2018" in report.summary()


def test_the_october_2019_pack_shows_no_money_stated_later(store):
    from croydon_kpi.reports import pack

    report = pack.prepare("2019-10", "Croydon", store)
    money = report.finance_position()
    # The Cabinet report's £22.2m, £0.7m, £10.2m and £4.2m were stated on 18 November 2019.
    assert money["Money"].tolist() == ["£1m"] and money["Known from"].tolist() == ["18 September 2017"]
    assert "£4.2m" not in report.summary()


def test_the_october_2019_summary_gives_the_reported_groups_and_why_the_check_differs(store):
    from croydon_kpi.reports import pack

    summary = pack.prepare("2019-10", "Croydon", store).summary()
    assert "9 going well or better, 8 ones to watch, 6 things to do better" in summary
    assert "differs from the council on 13 of 23 measures" in summary and "no source states a target" in summary
    assert "one month of local figures only" in summary
