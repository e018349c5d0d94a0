"""Core: the figure schema, parsing councils' text, periods, rounding, working days, areas, paths, parameters."""
