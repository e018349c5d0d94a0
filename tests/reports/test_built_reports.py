"""The built reports, read as a board member reads them: from their HTML text, not the library's
tables. Right area, right time, no invented precision, no change from conflicting figures,
written for readers."""

import html
import re

import pytest

from croydon_kpi.catalogue.ees_tables import read_table
from croydon_kpi.catalogue.measures import load_catalogue

LEWISHAM = ("pack", "--area", "Lewisham", "--month", "2019-10")
SYNTHETIC = ("pack", "--area", "synthetic", "--month", "2019-10")
EMPTY_MONTH = ("pack", "--area", "Croydon", "--month", "2019-09")


def visible_text(page: str) -> str:
    """What a reader sees: no scripts, styles or tags."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def read(built, name: str) -> str:
    return (built.reports / name).read_text(encoding="utf-8")


def section(page: str, heading: str) -> str:
    """The HTML from a heading to the next heading of its level."""
    start = page.index(heading)
    end = page.find("<h2", start + len(heading))
    return page[start : end if end > 0 else len(page)]


def reports(built) -> list:
    return sorted(p for p in built.reports.glob("*.html"))


def council_names() -> set[str]:
    table = read_table(load_catalogue().sources["ons_population"])
    return set(table.loc[table["la_name"] != "", "la_name"])


@pytest.mark.parametrize(
    "command, page, area",
    [
        (LEWISHAM, "monthly_pack_2019-10_lewisham.html", "Lewisham"),
        (SYNTHETIC, "monthly_pack_2019-10_synthetic.html", "Synthetic"),
    ],
)
def test_a_pack_names_no_other_authoritys_money_inspection_or_paper(built, command, page, area):
    text = visible_text(read(built, page))
    others = sorted(name for name in council_names() - {area} if re.search(rf"\b{re.escape(name)}\b", text))
    assert others == []
    for money in ("£22.2m", "£10.2m", "£4.2m", "£0.7m", "£700k", "£1m", "£8.4m"):
        assert money not in text
    for words in ("SIF inspection", "monitoring visit 7", "Cabinet", "Scrutiny", "Improvement Board"):
        assert words not in text, words


def test_lewishams_pack_shows_its_own_inspections_and_says_it_has_no_local_figures(built):
    text = visible_text(read(built, "monthly_pack_2019-10_lewisham.html"))
    assert "No local figures for October 2019" in text
    assert "8 July 2019 (start) ILACS Standard Inspection Overall: requires improvement to be good" in text


def _neighbour_average(text: str, measure: str) -> str:
    found = re.search(rf"{re.escape(measure)}.*?statistical neighbours \(median[^)]*\) (\d+(?:\.\d+)?%)", text)
    return found.group(1) if found else None


def test_the_pack_and_the_visit_7_report_show_one_neighbour_median_and_name_the_model(built):
    pack = visible_text(read(built, "monthly_pack_2019-10_croydon.html"))
    visit = section(
        read(built, "monitoring_visit_7.html"), "Against statistical neighbours, the area's region and England"
    )
    measure = "Child protection plans that were a second or subsequent plan"
    in_pack = _neighbour_average(pack, measure)
    row = re.search(rf"<td>{re.escape(measure)}</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", visit)
    # the median of the ten neighbours (DfE's dashboard shows the median), the same in both reports
    assert in_pack == "15.2%" and row.group(1) == "year to 31 Mar 2018" and row.group(3) == in_pack
    whole_visit = visible_text(read(built, "monitoring_visit_7.html"))
    for text in (pack, whole_visit):
        assert (
            "DfE April 2021 model" in text
            and "no statistical-neighbour model in use by October 2019 is bundled" in text
        )
    assert "2025 model" not in pack and "2025 model" not in whole_visit


def test_visit_7_shows_no_change_from_conflicting_figures_and_quotes_both(built):
    page = section(read(built, "monitoring_visit_7.html"), "What changed since the previous visit")
    row = re.search(r"<td>Children subject to a child protection plan</td>(.*?)</tr>", page, re.S).group(1)
    cells = [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells[-1].startswith("not worked out: sources disagree")
    assert "reduced from 600 a year ago to 100" in cells[-1] and "587" in cells[-1]
    assert not re.search(r"[-−]500\b", visible_text(page))


@pytest.mark.parametrize(
    "page",
    [
        "monitoring_visit_1.html",
        "monitoring_visit_2.html",
        "monitoring_visit_4.html",
        "monthly_pack_2019-10_croydon.html",
    ],
)
def test_no_visit_date_is_more_precise_than_its_source(built, page):
    text = read(built, page)
    for number in (1, 2, 4):
        row = re.search(rf"<tr>\s*<td>([^<]*)</td>\s*<td>Ofsted monitoring visit {number}\b", text)
        assert row, f"visit {number} is not in the journey"
        assert not re.search(r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", row.group(1)), row.group(
            1
        )


def test_facts_only_web_pages_give_are_shown_as_they_report_them_naming_who(built):
    """No Ofsted letter is bundled: a visit's dates are on its first lines, with who reports them."""
    expected = {
        2: "March 2018 (days not known), as Inside Croydon, 9 May 2018 (the local press) and Croydon Conservatives",
        3: "10 to 11 July 2018, as Willis Palmer (a company's news page) and Croydon Conservatives",
        5: "19 to 20 February 2019, as the Croydon Safeguarding Children Board's notice of March 2019",
        6: "10 to 11 July 2019, as Your Local Guardian (the local press) reports",
    }
    for number, when in expected.items():
        text = visible_text(read(built, f"monitoring_visit_{number}.html"))
        assert f"When: {when}" in text[:2000], (number, text[:600])
        assert "their words, not Ofsted's" in text and "What Ofsted said" not in text
    seventh = visible_text(read(built, "monitoring_visit_7.html"))
    assert "18 December 2019 as Your Local Guardian (the local press) reports" in seventh


def test_no_snake_case_header_raw_id_or_unformatted_number_in_any_report(built):
    for page in reports(built):
        source = page.read_text(encoding="utf-8")
        headers = [html.unescape(h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", source, re.S)]
        assert [h for h in headers if re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", h)] == [], page.name
        text = re.sub(r"\S*/\S*", " ", visible_text(source))  # web addresses and file paths are written as they are
        assert not re.search(r"\b[a-z]+(?:_[a-z0-9]+){2,}\b", text), (
            page.name,
            re.search(r"\b[a-z]+(?:_[a-z0-9]+){2,}\b", text),
        )
        assert "unmapped" not in text, page.name
        # A registry's entry index ("figures[1]", "targets[2]") is for the developer's error, never a reader.
        assert not re.search(r"\b[a-z_]+\[\d+\]", text), (page.name, re.search(r"\b[a-z_]+\[\d+\]", text))
        raw_float = re.search(r"(?<![\d.,])\d{4,}\.\d+|\b\d+\.\d{3,}\b|£[\d,]+\.0\b", text)
        assert raw_float is None, (page.name, raw_float and text[max(0, raw_float.start() - 60) : raw_float.end() + 20])


def test_every_title_is_the_reports_own_title(built):
    for page in reports(built):
        source = page.read_text(encoding="utf-8")
        title = html.unescape(re.search(r"<title>(.*?)</title>", source, re.S).group(1)).strip()
        heading = (
            html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", source, re.S).group(1)))
            .strip()
            .rstrip("¶")
            .strip()
        )
        assert title == heading and title not in ("Notebook", ""), page.name


def test_a_month_with_no_local_figures_is_loud(built):
    assert built.exits[EMPTY_MONTH] == 3
    assert "Croydon has no local figures for 2019-09" in built.errors[EMPTY_MONTH]
    text = visible_text(read(built, "monthly_pack_2019-09_croydon.html"))
    first_screen = text[:600]
    assert "No local figures for September 2019" in first_screen
    assert "Local figures for September 2019 no scorecard, paper or child-level list gives them" in text  # Data quality
    assert built.exits[LEWISHAM] == 3 and built.exits[("build",)] == 0


def test_the_finance_report_opens_with_the_improvement_money_as_described(built):
    text = visible_text(read(built, "finance_croydon.html"))
    summary = text[:2500]
    for words in ("£22.2m", "recurring", "2018-19 and 2019-20 together", "£10.2m", "one-off", "£4.2m", "paragraph 5.2"):
        assert words in summary, words
    assert "also stated as £700k by" in text  # one allocation two papers state: one row, both named
    assert "(recurring): recurring" not in text
