"""chidao api stage."""
