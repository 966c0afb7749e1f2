"""Run the bilingual CLI from a checkout: ``python cli.py align A B`` (same as ``bilingual``)."""

from bilingual.cli import main

if __name__ == "__main__":
    main()
