"""Child-level: Annex A lists read and validated, the synthetic borough, and the engine of monthly indicators."""
