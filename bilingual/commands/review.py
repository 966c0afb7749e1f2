"""`bilingual review SRC TGT | ALIGNMENT.jsonl | OUT_DIR`: correct an alignment in the browser."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilingual.commands._common import check_outputs, handles_errors
from bilingual.commands._options import DEFAULT_ENCODER, Encoder, SrcLang, TgtLang

if TYPE_CHECKING:
    from collections.abc import Callable

    from bilingual.model import Alignment


@handles_errors
def review(
    inputs: Annotated[
        list[str],
        typer.Argument(help="SRC TGT (aligned first), an alignment .jsonl, or a corpus folder."),
    ],
    save: Annotated[
        Path | None,
        typer.Option("--save", help="Save file (default: beside the input, never an input)."),
    ] = None,
    doc: Annotated[
        str | None, typer.Option("--doc", help="Document id in a corpus folder.")
    ] = None,
    port: Annotated[int, typer.Option("--port", help="Port (0: a free one).")] = 0,
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to listen on (not loopback: anyone reaching it may edit; warns).",
        ),
    ] = "127.0.0.1",
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Print the URL only; open no browser.")
    ] = False,
    checks: Annotated[
        bool, typer.Option("--checks/--no-checks", help="Run the drift checks per bead.")
    ] = True,
    src_lang: SrcLang = "auto",
    tgt_lang: TgtLang = "auto",
    encoder: Encoder = DEFAULT_ENCODER,
) -> None:
    """Review an alignment in the browser: queue of doubtful beads, edits, autosave, export."""
    from bilingual.review.app import is_loopback, serve
    from bilingual.review.inputs import open_state, resolve_input
    from bilingual.review.session import ReviewSession, default_aligner, default_checks
    from bilingual.review.store import log_path

    if not is_loopback(host):
        typer.echo(
            f"warning: listening on {host}: anyone who can reach it and has the token can edit.",
            err=True,
        )
    interactive = sys.stdin.isatty() and sys.stderr.isatty()
    where = resolve_input(inputs, save=save, doc=doc, choose=_choose if interactive else None)
    resuming = where.save.exists()
    # The save file and its log are the review's own working files: a resumed review rewrites
    # them; a new one must not write over any of its inputs.
    check_outputs([where.save, log_path(where.save)], inputs=[] if resuming else where.inputs)
    if resuming:
        typer.echo(f"resuming the review saved in {where.save} (delete it to start over)", err=True)
    state, store = open_state(where, _aligner(src_lang, tgt_lang, encoder))
    session = ReviewSession(
        state,
        store,
        aligner=default_aligner(encoder),
        checks=default_checks(encoder) if checks else None,
    )
    if not checks:
        session.warm_up(encoder)
    typer.echo(f"saving every edit to {store.save} (log {store.log.name})", err=True)

    def announce(url: str) -> None:
        typer.echo(url)

    try:
        serve(session, host=host, port=port, open_browser=not no_browser, announce=announce)
    finally:
        store.close()
    typer.echo(f"stopped; the review is saved in {store.save}", err=True)


def _choose(docs: list[str]) -> str:
    """Ask on the terminal which document of a corpus folder to review."""
    for n, d in enumerate(docs, start=1):
        typer.echo(f"{n:4d}  {d}", err=True)
    pick = typer.prompt("document number", type=int, err=True)
    if not 1 <= pick <= len(docs):
        raise typer.BadParameter(f"pick a number from 1 to {len(docs)}")
    return docs[pick - 1]


def _aligner(src_lang: str, tgt_lang: str, encoder: str) -> Callable[[Path, Path], Alignment]:
    """How the review aligns SRC TGT given as files (the options of the command line)."""

    def align(src: Path, tgt: Path) -> Alignment:
        from bilingual.align import align_documents
        from bilingual.io import read_document

        s, t = read_document(src, src_lang), read_document(tgt, tgt_lang)
        typer.echo(f"aligning {src} with {tgt} ...", err=True)
        return align_documents(s, t, encoder=encoder)

    return align
