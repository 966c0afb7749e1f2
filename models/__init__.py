"""Trained artefacts shipped with bilingual (see the *.md cards beside each file)."""
