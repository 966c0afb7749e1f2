"""``python -m bilingual`` runs the CLI (useful where the console script is not on PATH)."""

from bilingual.cli import main

main()
