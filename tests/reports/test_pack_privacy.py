"""A pack built from child-level data holds no child identifier or date of birth."""


def test_synthetic_pack_builds_with_spc_and_no_child_identifier_or_birth_date(built):
    import yaml

    from croydon_kpi.childlevel.synthetic import generate

    copy, reports = built.root, built.reports
    assert built.exits[("pack", "--area", "synthetic", "--month", "2019-10")] == 0
    page = (reports / "monthly_pack_2019-10_synthetic.html").read_text(encoding="utf-8")
    assert page.count("Upper process limit") >= 6  # an SPC chart per domain
    assert "Synthetic: children" in page

    spec = yaml.safe_load((copy / "data/sources/synthetic/borough.yaml").read_text())
    lists = generate(spec["seed"], spec["children"], spec["start"], spec["end"])
    identifiers, births = set(), set()
    for table in lists.values():
        for column in ("Child Unique ID", "Adopter ID"):
            if column in table:
                identifiers |= set(table[column])
        if "Date of Birth" in table:
            births |= {f"{d:%Y-%m-%d}" for d in table["Date of Birth"]} | {
                f"{d:%d/%m/%Y}" for d in table["Date of Birth"]
            }
    from plotly.offline import get_plotlyjs

    library = get_plotlyjs()  # the inlined chart library holds example dates of its own
    outputs = [p for p in reports.rglob("*synthetic*") if p.is_file()]  # the synthetic pack, its workbook and manifest
    assert outputs
    for path in outputs:
        text = path.read_bytes().decode("utf-8", errors="ignore").replace(library, "")
        if path.suffix == ".xlsx":
            import openpyxl

            book = openpyxl.load_workbook(path)
            text = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row)
        assert "SYNTHETIC-0" not in text, path.name
        assert "Synthetic worker" not in text, path.name  # workers' names are personal data too
        assert not any(identifier in text for identifier in identifiers), path.name
        import re

        found_dates = set(re.findall(r"\d{4}-\d{2}-\d{2}|\d{2}/\d{2}/\d{4}", text))
        assert not (found_dates & births), (path.name, sorted(found_dates & births)[:3])
