"""Assistant stage: a question -> retrieved clauses -> an answer with citations."""
