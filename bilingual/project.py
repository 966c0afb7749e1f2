"""``bilingual check DIR``: every translation file and document pair of a project, one report.

A project is a folder (searched recursively) or a glob. Translation files (XLIFF, PO, TMX,
XLSX: by content, then extension) are checked unit by unit; the other text files (``.txt``,
``.md``) pair by name once language marks are removed (``a.en.txt``↔``a.zh.txt``,
``en/a.md``↔``zh/a.md``, the corpus command's rule) and are aligned, then checked. Files are
checked in path order; each one is also checked against the translations of the files before
it (the ``--against`` machinery with an in-memory memory), so a source translated one way in
``app.xlf`` and another in ``web.po`` is reported once, on the later file, naming the earlier.
"""

from __future__ import annotations

import glob
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilingual.errors import InputError
from bilingual.formats.memory import MemoryEntry, TranslationMemory
from bilingual.model import CheckReport, Finding
from bilingual.signature import make_signature

__all__ = ["FileCheck", "ProjectReport", "check_project", "find_project_files"]

log = logging.getLogger(__name__)

TRANSLATION_EXTENSIONS = (".xlf", ".xliff", ".po", ".tmx", ".xlsx")
DOCUMENT_EXTENSIONS = (".txt", ".md")


@dataclass(frozen=True)
class FileCheck:
    """The check of one translation file (``tgt`` None) or one document pair."""

    path: str
    tgt: str | None
    report: CheckReport
    unit_ids: tuple[str, ...] = ()  # bead k of a translation file is unit unit_ids[k]


@dataclass(frozen=True)
class ProjectReport:
    """Per-file checks in path order, the inputs nothing was found for, and how it was made."""

    root: str
    files: tuple[FileCheck, ...]
    unpaired: tuple[str, ...]
    signature: str


@dataclass(frozen=True)
class ProjectFiles:
    """What a project folder holds: translation files, document pairs, lone documents."""

    translation_files: tuple[tuple[Path, str], ...]
    pairs: tuple[tuple[Path, Path], ...]
    unpaired: tuple[Path, ...]


def _files(spec: str) -> tuple[Path, list[Path]]:
    if any(c in spec for c in "*?["):
        files = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
        return Path("."), files
    root = Path(spec)
    if not root.is_dir():
        raise InputError(f"{spec}: no such folder; give a project folder or a quoted glob.")
    hidden = lambda p: any(part.startswith(".") for part in p.relative_to(root).parts)  # noqa: E731
    return root, sorted(p for p in root.rglob("*") if p.is_file() and not hidden(p))


def find_project_files(spec: str) -> ProjectFiles:
    """Sort the files of a folder or glob into translation files and document pairs."""
    from bilingual.corpus.pairing import strip_language_marks
    from bilingual.formats import detect_format
    from bilingual.lang import detect_language

    root, files = _files(spec)
    units: list[tuple[Path, str]] = []
    documents: dict[str, list[Path]] = {}
    for f in files:
        suffix = f.suffix.lower()
        if suffix in TRANSLATION_EXTENSIONS:
            fmt = detect_format(f)
            if fmt is not None:
                units.append((f, fmt))
        elif suffix in DOCUMENT_EXTENSIONS:
            rel = f.relative_to(root).as_posix() if root != Path(".") else f.as_posix()
            documents.setdefault(strip_language_marks(rel), []).append(f)
    pairs: list[tuple[Path, Path]] = []
    unpaired: list[Path] = []
    for group in documents.values():
        if len(group) != 2:
            unpaired.extend(group)
            continue
        # the English (or other Latin-script) side is the source, Chinese the target
        a, b = group
        if detect_language(a.read_text("utf-8", errors="replace"), str(a)) == "zh":
            a, b = b, a
        pairs.append((a, b))
    if not units and not pairs:
        raise InputError(
            f"{spec}: holds no translation file ({', '.join(TRANSLATION_EXTENSIONS)}) and no "
            f"document pair ({'/'.join(DOCUMENT_EXTENSIONS)} files named alike once language "
            "marks are removed: a.en.txt and a.zh.txt)."
        )
    return ProjectFiles(tuple(units), tuple(pairs), tuple(unpaired))


def _entries(check: FileCheck) -> list[MemoryEntry]:
    a = check.report.alignment
    out = []
    for k, b in enumerate(a.beads):
        if b.src and b.tgt:
            where = f"unit {check.unit_ids[k]}" if check.unit_ids else f"bead {k}"
            out.append(MemoryEntry(a.src_text(b), a.tgt_text(b), f"{check.path} {where}"))
    return out


def check_project(
    spec: str,
    *,
    progress: Callable[[str], None] | None = None,
    **options: Any,
) -> ProjectReport:
    """Check every translation file and document pair under ``spec`` (folder or glob).

    ``options`` go to ``check_translation_file`` (glossary, termbase) and, with the align
    options (encoder ...), to ``check_documents``. ``memory`` given by the caller is used for
    every file, together with the files checked before.
    """
    from bilingual.check.run import check_documents, check_translation_file
    from bilingual.formats import read_translation_file
    from bilingual.io import read_document

    found = find_project_files(spec)
    given: TranslationMemory | None = options.pop("memory", None)
    seen: list[MemoryEntry] = list(given.entries) if given is not None else []
    unit_options = {k: options[k] for k in ("glossary", "termbase", "config") if k in options}
    jobs: list[tuple[Path, Path | None, str | None]] = [
        (p, None, fmt) for p, fmt in found.translation_files
    ]
    jobs += [(s, t, None) for s, t in found.pairs]
    jobs.sort(key=lambda j: str(j[0]))
    checks: list[FileCheck] = []
    for path, tgt, fmt in jobs:
        if progress is not None:
            progress(f"checking {path}")
        label = "an earlier file or the memory" if given is not None else "an earlier file"
        memory = TranslationMemory(tuple(seen), "files before", label) if seen else None
        if tgt is None:
            tf = read_translation_file(path, fmt)
            report = check_translation_file(tf, memory=memory, **unit_options)
            check = FileCheck(str(path), None, report, tuple(u.id for u in tf.units))
        else:
            report = check_documents(
                read_document(path, "auto"), read_document(tgt, "auto"), memory=memory, **options
            )
            check = FileCheck(str(path), str(tgt), report)
        checks.append(check)
        seen.extend(_entries(check))
    return ProjectReport(
        root=spec,
        files=tuple(checks),
        unpaired=tuple(str(p) for p in found.unpaired),
        signature=make_signature(project=len(checks)),
    )


def project_fails(report: ProjectReport, level: str) -> bool:
    """Whether any file's check holds a finding at ``level`` or above."""
    from bilingual.check.run import fails

    return any(fails(f.report, level) for f in report.files)


def combined(files: Sequence[FileCheck]) -> tuple[int, int, int]:
    """Counts of (error, warning, info) findings over all files."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in files:
        for finding in f.report.findings:
            counts[finding.severity] += 1
    return counts["error"], counts["warning"], counts["info"]


# ---- where a finding is in its file (for CI annotations) ----------------------------------


@dataclass(frozen=True)
class Location:
    """A finding's file and 1-based line, as CI systems want them."""

    file: str
    line: int


def _line_of(text: str, needle: str) -> int | None:
    at = text.find(needle) if needle else -1
    return None if at < 0 else text.count("\n", 0, at) + 1


def _probe(text: str) -> str:
    # the first line of a segment, short enough to survive the file's own line wrapping
    return text.strip().split("\n", 1)[0][:40]


def locate(check: FileCheck, finding: Finding, texts: dict[str, str]) -> Location:
    """The file and line a finding points at: its unit, else its source (or target) text."""
    from xml.sax.saxutils import escape

    def text_of(path: str) -> str:
        if path not in texts:
            from bilingual.io import read_text

            try:
                texts[path] = read_text(path)
            except Exception:  # an XLSX workbook, an unreadable file: no line to point at
                texts[path] = ""
        return texts[path]

    src = text_of(check.path)
    if check.tgt is None:
        for unit in finding.units:
            bare = unit.rsplit("::", 1)[-1]
            for needle in (f'id="{bare}"', f"id='{bare}'", f'msgctxt "{bare}"'):
                line = _line_of(src, needle)
                if line is not None:
                    return Location(check.path, line)
        probe = _probe(finding.src_text)
        for needle in (probe, escape(probe)):
            line = _line_of(src, needle)
            if line is not None:
                return Location(check.path, line)
        return Location(check.path, 1)
    line = _line_of(src, _probe(finding.src_text))
    if line is not None:
        return Location(check.path, line)
    line = _line_of(text_of(check.tgt), _probe(finding.tgt_text))
    if line is not None:
        return Location(check.tgt, line)
    return Location(check.path, 1)


# ---- renderers -------------------------------------------------------------------------------

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(report: ProjectReport, *, min_severity: str = "info") -> str:
    """GitHub Actions workflow commands: one ``::error file=…,line=…`` line per finding."""
    from bilingual.model import SEVERITIES

    floor = SEVERITIES.index(min_severity)  # type: ignore[arg-type]
    texts: dict[str, str] = {}
    lines = []
    for check in report.files:
        for f in check.report.findings:
            if SEVERITIES.index(f.severity) < floor:
                continue
            where = locate(check, f, texts)
            props = (
                f"file={_gh_escape(where.file, prop=True)},line={where.line},"
                f"title={_gh_escape(f'bilingual {f.kind}', prop=True)}"
            )
            lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_gh_escape(f.message)}")
    return "".join(line + "\n" for line in lines)


def render_junit(report: ProjectReport) -> str:
    """JUnit XML: a test suite per file, a failed test case per error or warning finding.

    Info findings are listed in the suite's ``system-out``; a file without errors or warnings
    has one passing test case, so every checked file shows up in the CI's test view.
    """
    import xml.etree.ElementTree as ET

    texts: dict[str, str] = {}
    root = ET.Element("testsuites", name="bilingual check")
    total = failed = 0
    for check in report.files:
        name = check.path if check.tgt is None else f"{check.path} + {check.tgt}"
        suite = ET.SubElement(root, "testsuite", name=name)
        cases = fails = 0
        notes = []
        for f in check.report.findings:
            where = locate(check, f, texts)
            if f.severity == "info":
                notes.append(f"{where.file}:{where.line}: {f.kind}: {f.message}")
                continue
            case = ET.SubElement(
                suite,
                "testcase",
                classname=where.file,
                name=f"{f.kind} at line {where.line}",
                file=where.file,
                line=str(where.line),
            )
            failure = ET.SubElement(case, "failure", type=f.kind, message=f.message)
            failure.text = f"{f.severity}: {f.message}\nsource: {f.src_text}\ntarget: {f.tgt_text}"
            cases += 1
            fails += 1
        if not cases:
            ET.SubElement(suite, "testcase", classname=check.path, name="no errors or warnings")
            cases = 1
        if notes:
            ET.SubElement(suite, "system-out").text = "\n".join(notes)
        suite.set("tests", str(cases))
        suite.set("failures", str(fails))
        suite.set("errors", "0")
        total += cases
        failed += fails
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def render_project_text(report: ProjectReport, *, color: bool = False) -> str:
    """Each file's text report under a heading, then the totals and the lone documents."""
    from bilingual.report.text import render_text

    parts = []
    for check in report.files:
        title = check.path if check.tgt is None else f"{check.path} ↔ {check.tgt}"
        parts.append(f"=== {title} ===\n{render_text(check.report, color=color)}")
    errors, warnings, infos = combined(report.files)
    tail = (
        f"project {report.root}: {len(report.files)} files checked; "
        f"{errors} error, {warnings} warning, {infos} info"
    )
    if report.unpaired:
        tail += f"\nnot checked (no partner by name): {', '.join(report.unpaired)}"
    parts.append(tail + f"\nsignature: {report.signature}\n")
    return "\n".join(parts)


def render_project_json(report: ProjectReport) -> str:
    """One JSON object: each file's report (as ``check --format json``) under its path."""
    import json

    from bilingual.report.json import report_to_dict

    data = {
        "root": report.root,
        "files": [
            {"path": c.path, "tgt": c.tgt, "report": report_to_dict(c.report)} for c in report.files
        ],
        "unpaired": list(report.unpaired),
        "signature": report.signature,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
