"""Child-level: Ofsted Annex A lists read and validated, the synthetic borough, and the one engine that computes monthly indicators from them (aggregates only)."""
