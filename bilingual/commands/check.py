"""`bilingual check`: align two versions (or split one mixed page) and report where they drift."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilingual.commands._common import (
    EXIT_FINDINGS,
    NoClobber,
    check_outputs,
    emit,
    handles_errors,
)
from bilingual.commands._options import DEFAULT_ENCODER, Encoder, Presplit, SrcLang, TgtLang
from bilingual.commands._progress import progress_display
from bilingual.progress import report as report_step

if TYPE_CHECKING:
    from bilingual.model import CheckReport


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"
    github = "github"
    junit = "junit"


class Mode(str, Enum):
    auto = "auto"
    translation = "translation"
    comparable = "comparable"


class FailOn(str, Enum):
    warning = "warning"
    error = "error"


@handles_errors
def check(
    src: Annotated[
        Path,
        typer.Argument(
            help="Source text; alone: a translation file (XLIFF, PO, TMX, TSV, XLSX), one "
            "mixed EN/ZH page, or a project folder or quoted glob (every translation file and "
            "a.en.txt/a.zh.txt pair in it)."
        ),
    ],
    tgt: Annotated[Path | None, typer.Argument(help="Target text (its translation).")] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Report format; github: workflow annotations, junit: JUnit XML for CI.",
        ),
    ] = ReportFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Exit 1 when findings at this level exist.")
    ] = None,
    presplit: Presplit = False,
    glossary: Annotated[
        Path | None,
        typer.Option(
            "--glossary",
            help="Term base: TBX, or english<TAB>chinese[<TAB>preferred|forbidden|dnt] lines.",
        ),
    ] = None,
    against: Annotated[
        Path | None,
        typer.Option(
            "--against",
            help="Reference translations to stay consistent with: TMX, TSV, JSONL or a "
            "corpus output folder.",
        ),
    ] = None,
    src_lang: SrcLang = "auto",
    tgt_lang: TgtLang = "auto",
    encoder: Encoder = DEFAULT_ENCODER,
    mode: Annotated[
        Mode,
        typer.Option(
            "--mode",
            help="translation: check sentence by sentence; comparable: two versions written "
            "separately, compare their claims; auto: tell from the alignment.",
        ),
    ] = Mode.auto,
    show_all: Annotated[
        bool,
        typer.Option("--all", help="Text report: list every finding, not only the first screen."),
    ] = False,
    no_clobber: NoClobber = False,
) -> None:
    """Find omissions, additions, wrong numbers and names, untranslated text and other drift."""
    from bilingual.check import fails

    _refuse_bad_options(src, tgt, fmt, output, glossary, against)
    if tgt is None and _is_project(src):
        _check_project(src, fmt, output, fail_on, glossary, against, encoder, mode.value)
        return
    report, ids = _check_one(
        src, tgt, fmt, presplit, glossary, against, src_lang, tgt_lang, encoder, mode
    )
    _write_report(report, ids, src, tgt, fmt, output, show_all)
    if fail_on is not None and fails(report, fail_on.value):
        raise typer.Exit(EXIT_FINDINGS)


def _refuse_bad_options(
    src: Path,
    tgt: Path | None,
    fmt: ReportFormat,
    output: Path | None,
    glossary: Path | None,
    against: Path | None,
) -> None:
    """Options that cannot work together, and outputs that would clobber an input: before any
    work."""
    from bilingual.errors import ConfigError
    from bilingual.io import is_stdout

    if str(src) == "-" and tgt is not None and str(tgt) == "-":
        raise ConfigError(
            "stdin ('-') can be read only once; give at least one of SRC, TGT as a file."
        )
    if fmt is ReportFormat.xlsx and is_stdout(output):
        raise ConfigError("--format xlsx writes a workbook; give it a file with --output.")
    memory_file = against if against is not None and against.is_file() else None
    check_outputs([output], inputs=[src, tgt, glossary, memory_file])


def _check_one(
    src: Path,
    tgt: Path | None,
    fmt: ReportFormat,
    presplit: bool,
    glossary: Path | None,
    against: Path | None,
    src_lang: str,
    tgt_lang: str,
    encoder: str,
    mode: Mode,
) -> tuple[CheckReport, tuple[str, ...]]:
    """Check a translation file, a mixed page or a document pair; the report and the ids of
    the translation file's units (empty for documents)."""
    from bilingual.check import check_documents, check_page, check_translation_file
    from bilingual.errors import ConfigError
    from bilingual.formats import detect_format, read_translation_file
    from bilingual.formats.memory import load_memory
    from bilingual.formats.terms import load_termbase
    from bilingual.io import read_document

    unit_format = detect_format(src) if tgt is None and str(src) != "-" and src.is_file() else None
    _require_extras(fmt, unit_format, against)
    # the term base reader also reads the english<TAB>chinese glossary lines
    termbase = load_termbase(glossary) if glossary is not None else None
    terms = termbase.glossary if termbase is not None else None
    memory = load_memory(against) if against is not None else None
    extra = {"termbase": termbase, "memory": memory}
    with progress_display():
        if unit_format is not None:
            units = read_translation_file(src, unit_format)
            report = check_translation_file(units, glossary=terms, **extra)
            return report, tuple(u.id for u in units.units)
        if tgt is None:
            if presplit:
                raise ConfigError(
                    "--presplit needs two files (source and target, one segment per line); "
                    "a single mixed page is split by language instead."
                )
            page = read_document(src, lang="auto")
            report = check_page(
                page,
                glossary=terms,
                encoder=encoder,
                progress=report_step,
                mode=mode.value,
                **extra,
            )
            return report, ()
        report = check_documents(
            read_document(src, lang=src_lang),
            read_document(tgt, lang=tgt_lang),
            glossary=terms,
            presplit=presplit,
            encoder=encoder,
            progress=report_step,
            mode=mode.value,
            **extra,
        )
        return report, ()


def _write_report(
    report: CheckReport,
    ids: tuple[str, ...],
    src: Path,
    tgt: Path | None,
    fmt: ReportFormat,
    output: Path | None,
    show_all: bool,
) -> None:
    """Render the report in the format asked for and write it (xlsx: a workbook file)."""
    from bilingual.report import render_text, report_to_json
    from bilingual.report.text import FIRST_SCREEN

    if fmt is ReportFormat.xlsx:
        from bilingual.io import write_bytes_atomic
        from bilingual.report.xlsx import render_xlsx

        write_bytes_atomic(output, render_xlsx(report))  # type: ignore[arg-type]
        return
    if fmt is ReportFormat.json:
        text = report_to_json(report)
    elif fmt in (ReportFormat.github, ReportFormat.junit):
        from bilingual.project import FileCheck, ProjectReport, render_github, render_junit

        one = FileCheck(str(src), None if tgt is None else str(tgt), report, ids)
        project = ProjectReport(str(src), (one,), (), report.signature)
        text = render_github(project) if fmt is ReportFormat.github else render_junit(project)
    elif fmt is ReportFormat.html:
        from bilingual.report.html import render_html

        text = render_html(report)
    else:
        text = render_text(
            report,
            color=output is None and sys.stdout.isatty(),
            limit=None if show_all else FIRST_SCREEN,
        )
    emit(text, output)


def _require_extras(fmt: ReportFormat, unit_format: str | None, against: Path | None) -> None:
    """Say which extra is missing before any work (an alignment can take seconds)."""
    from bilingual.extras import require_extra

    if fmt is ReportFormat.xlsx:
        require_extra("formats", "--format xlsx", ("openpyxl",))
    if unit_format == "xlsx":
        require_extra("formats", "reading XLSX", ("openpyxl",))
    elif unit_format in ("xliff", "xliff2", "tmx", "po"):
        require_extra("formats", f"reading {unit_format} files", ("translate",))
    if against is not None:
        require_extra("formats", "--against", ("rapidfuzz",))


def _is_project(src: Path) -> bool:
    """A folder, or a glob that names no existing file."""
    return src.is_dir() or (not src.exists() and any(c in str(src) for c in "*?["))


def _check_project(
    src: Path,
    fmt: ReportFormat,
    output: Path | None,
    fail_on: FailOn | None,
    glossary: Path | None,
    against: Path | None,
    encoder: str,
    mode: str,
) -> None:
    """``check DIR``: every translation file and document pair, one combined report."""
    from rich.console import Console

    from bilingual.errors import ConfigError
    from bilingual.extras import require_extra
    from bilingual.formats.memory import load_memory
    from bilingual.formats.terms import load_termbase
    from bilingual.project import (
        check_project,
        project_fails,
        render_github,
        render_junit,
        render_project_json,
        render_project_text,
    )

    if fmt in (ReportFormat.html, ReportFormat.xlsx):
        raise ConfigError(
            f"--format {fmt.value} shows one file; for a project use text, json, github or junit "
            "(or check each file on its own)."
        )
    # translation files (translate-toolkit) and the cross-file consistency check (rapidfuzz);
    # openpyxl only if the project holds a workbook, which its reader says
    require_extra("formats", "checking a project", ("translate", "rapidfuzz"))
    termbase = load_termbase(glossary) if glossary is not None else None
    # the mode applies to the document pairs; translation files are unit-by-unit translations
    options: dict[str, object] = {"encoder": encoder, "mode": mode}
    if termbase is not None:
        options.update(glossary=termbase.glossary, termbase=termbase)
    if against is not None:
        options["memory"] = load_memory(against)
    with Console(stderr=True).status("checking") as status:
        report = check_project(str(src), progress=status.update, **options)
    if fmt is ReportFormat.json:
        text = render_project_json(report)
    elif fmt is ReportFormat.github:
        text = render_github(report)
    elif fmt is ReportFormat.junit:
        text = render_junit(report)
    else:
        text = render_project_text(report, color=output is None and sys.stdout.isatty())
    emit(text, output)
    if fail_on is not None and project_fails(report, fail_on.value):
        raise typer.Exit(EXIT_FINDINGS)
