"""Analysis: numbers only: SPC, direction of travel, targets and RAG, benchmarks, money in real terms, finance, the inspection journey."""
