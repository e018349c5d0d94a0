"""Core: the figure schema, parsing what councils write, periods, rounding, working days, areas, project paths and run parameters. Imports nothing later in the pipeline."""
