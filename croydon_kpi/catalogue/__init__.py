"""Catalogue: what each measure, source and definition is (data/catalogue/) and the statistical neighbour models."""
