"""Evaluation: the directives suite, real directives outside `corpus/` split into a development and a held-out part.

Inputs: the files of `../shared/directives/` (and any listed in this folder's `manifest.json`), the gold written by
reading them (`gold/`). Outputs: assignment-record, document-fact and question figures per part (`runner.py`).
"""
