"""Working days in England and Wales."""

from croydon_kpi.core.workdays import working_days


def test_working_days_skip_weekends_and_bank_holidays():
    # Friday 20 Dec 2019 to Thursday 2 Jan 2020: 25, 26 Dec and 1 Jan are bank holidays.
    assert working_days(["2019-12-20"], ["2020-01-02"]).tolist() == [6.0]
    assert working_days(["2019-12-20"], ["2020-01-02"], count_start_day=True).tolist() == [7.0]


def test_bank_holidays_are_excluded_in_any_year_not_only_to_2030():
    # Friday 24 Dec 2032 to Wednesday 29 Dec: Monday 27 and Tuesday 28 are the substitute
    # Christmas and Boxing Day holidays, so only the 29th counts.
    assert working_days(["2032-12-24"], ["2032-12-29"]).tolist() == [1.0]
    # Thursday 18 April 2041 to Tuesday 23: Good Friday (19) and Easter Monday (22) are holidays.
    assert working_days(["2041-04-18"], ["2041-04-23"]).tolist() == [1.0]


def test_a_missing_date_gives_no_count():
    assert working_days([None, "2019-10-01"], ["2019-10-02", "2019-10-02"]).tolist()[1] == 1.0
