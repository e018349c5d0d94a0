"""Store: every reader's figures in one checked table, its cache, derived figures, and where sources disagree."""
