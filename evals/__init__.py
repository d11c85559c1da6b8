"""chidao evals stage."""
