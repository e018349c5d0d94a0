"""The one validation layer: how numbers are written, units' ranges, parts that agree."""

import pandas as pd

from croydon_kpi.core import validation


def test_numbers_as_written_and_what_is_not_a_number():
    parsed = validation.parse_numbers(pd.Series(["1,234", "16.6", "80%", "16,6", "1e309", "inf", "", "-3", "12,345.5"]))
    assert parsed["value"].tolist()[:3] == [1234.0, 16.6, 80.0]
    assert parsed["percent"].tolist()[:3] == [False, False, True]
    assert parsed.loc[3, "problem"].startswith("'16,6' is not a number: a comma may only group thousands")
    assert parsed.loc[4, "problem"] == "'1e309' is not a number" and parsed.loc[5, "problem"] == "'inf' is not a number"
    assert parsed.loc[6, "problem"] == "'' is not a number"
    assert parsed.loc[7, "value"] == -3 and parsed.loc[8, "value"] == 12345.5


def test_each_unit_its_range_and_sign():
    values = pd.Series([587.0, 104.0, -3.0, 20000.0, 45.0])
    written = pd.Series(["587%", "104", "-3", "20000", "45"])
    percent = pd.Series([True, False, False, False, False])
    units = pd.Series(["count", "percent", "count", "rate_per_10k", "days"])
    problems = validation.range_problems(values, written, percent, units)
    assert problems.tolist()[:4] == [
        "587% has a % sign, but the measure is a count",
        "104 is not a percentage between 0 and 100",
        "negative value -3 for a count",
        "20000 is more than 10,000 for a rate per 10,000 children",
    ]
    assert pd.isna(problems[4])


def test_a_value_agrees_with_its_numerator_and_denominator():
    values = pd.Series([80.0, 80.0, 80.0, 96.6, 50.0])
    numerators = pd.Series([12.0, -500.0, 5.0, 28.0, None])
    denominators = pd.Series([10.0, 10.0, 10.0, 29.0, 10.0])
    problems = validation.ratio_problems(values, numerators, denominators, pd.Series(["percent"] * 5))
    assert problems.tolist()[:3] == [
        "the numerator is larger than the denominator of a percentage",
        "negative numerator",
        "the value 80 is not numerator / denominator (50.0%)",
    ]
    assert problems[3:].isna().all()


def test_names_that_differ_only_by_case_and_spacing_are_one_name():
    keys = validation.name_key(pd.Series(["Children in need (CIN)", "children  in need (cin) ", "Children in care"]))
    assert keys[0] == keys[1] != keys[2]


def test_work_is_done_once_per_distinct_text():
    seen = []

    def work(texts):
        seen.append(len(texts))
        return texts.str.upper()

    out = validation.by_unique(pd.Series(["a", "b", "a", "a"], index=[10, 11, 12, 13]), work)
    assert seen == [2] and out.tolist() == ["A", "B", "A", "A"] and out.index.tolist() == [10, 11, 12, 13]


def test_text_found_once_per_distinct_value_comes_back_typed_as_text():
    out = validation.by_unique(pd.Series(["a", "b", "a"] * 1000), lambda u: u.where(u != "b", None).str.upper())
    assert out.dtype == "str" and out.isna().sum() == 1000 and out.iloc[0] == "A"
