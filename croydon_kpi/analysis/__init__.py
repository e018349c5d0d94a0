"""Analysis: numbers only: SPC, direction of travel, targets and RAG, benchmarks, real-terms money, the journey."""
