"""Store: every figure from every reader in one typed table, its disk cache, figures derived from stated ones, and where sources disagree."""
