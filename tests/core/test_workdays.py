"""Working days in England and Wales."""

from croydon_kpi.core.workdays import working_days


def test_working_days_skip_weekends_and_bank_holidays():
    # Friday 20 Dec 2019 to Thursday 2 Jan 2020: 25, 26 Dec and 1 Jan are bank holidays.
    assert working_days(["2019-12-20"], ["2020-01-02"]).tolist() == [6.0]
    assert working_days(["2019-12-20"], ["2020-01-02"], count_start_day=True).tolist() == [7.0]
