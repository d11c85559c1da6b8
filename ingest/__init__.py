"""Ingest stage: files -> normalised text -> structured documents (sections, assignments, references)."""
