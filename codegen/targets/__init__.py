"""Code generation targets: one package per language, each with its own namer."""
