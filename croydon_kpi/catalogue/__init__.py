"""Catalogue: what each measure and source is (measures.yaml, sources.yaml) and the DfE statistical neighbour models, read from data/."""
