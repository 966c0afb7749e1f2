"""A tiny HTML builder that escapes by construction: text is escaped, only trusted code is raw.

Every ``str`` child and every attribute value goes through ``html.escape(..., quote=True)``
when the tree is serialised, so no input text can become markup. The only way to emit raw
text is ``Trusted``, meant for module constants (the page's CSS), never for input. Tag and
attribute names are checked against a strict pattern because they come from code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Void elements have no end tag in HTML.
_VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "col", "wbr"})
_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9:-]*$")
# C0/C1 controls (except tab and newline) and lone surrogates cannot be shown and some
# cannot be encoded; replace them visibly instead of dropping them silently.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class Trusted:
    """Raw text written as is: only for constants of this package (CSS), never for input."""

    text: str


@dataclass(frozen=True)
class Element:
    """One HTML (or inline SVG) element with escaped attributes and children."""

    tag: str
    attrs: tuple[tuple[str, str], ...]
    children: tuple[Element | Trusted | str, ...]


def clean(text: str) -> str:
    """Replace characters a page cannot show (controls, lone surrogates) by U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", text)


def _flatten(children: Iterable[object]) -> Iterator[Element | Trusted | str]:
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, (Element, Trusted, str)):
            yield child
        elif isinstance(child, (int, float)):
            yield str(child)
        elif isinstance(child, Iterable):
            yield from _flatten(child)
        else:
            raise TypeError(f"cannot put {type(child).__name__} into an HTML element")


def h(tag: str, attrs: dict[str, object] | None = None, *children: object) -> Element:
    """Build an element; attribute values may be str/int/float, None or False omit them.

    ``class_`` may be used for ``class``; underscores in names otherwise become hyphens
    (``data_finding_kind`` -> ``data-finding-kind``).
    """
    if not _NAME.match(tag):
        raise ValueError(f"invalid tag name {tag!r}")
    pairs: list[tuple[str, str]] = []
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        name = "class" if key == "class_" else key.replace("_", "-")
        if not _NAME.match(name):
            raise ValueError(f"invalid attribute name {name!r}")
        pairs.append((name, "" if value is True else str(value)))
    return Element(tag, tuple(pairs), tuple(_flatten(children)))


def render(node: Element | Trusted | str) -> str:
    """Serialise a tree to HTML text, escaping every string and attribute value."""
    out: list[str] = []
    _render_into(node, out)
    return "".join(out)


def _render_into(node: Element | Trusted | str, out: list[str]) -> None:
    if isinstance(node, Trusted):
        out.append(node.text)
        return
    if isinstance(node, str):
        out.append(html.escape(clean(node), quote=True))
        return
    out.append("<" + node.tag)
    for name, value in node.attrs:
        out.append(" " + name + '="' + html.escape(clean(value), quote=True) + '"')
    out.append(">")
    if node.tag in _VOID:
        if node.children:
            raise ValueError(f"<{node.tag}> cannot have children")
        return
    for child in node.children:
        _render_into(child, out)
    out.append("</" + node.tag + ">")


# Self-contained reports load nothing: inline styles and data: images only, no scripts or forms.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


def html_document(title: str, css: Trusted, body: Element) -> str:
    """A whole self-contained page: doctype, charset, the report CSP, viewport, title and style."""
    page = h(
        "html",
        {"lang": "en"},
        h(
            "head",
            None,
            h("meta", {"charset": "utf-8"}),
            h("meta", {"http-equiv": "Content-Security-Policy", "content": REPORT_CSP}),
            h("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
            h("title", None, title),
            h("style", None, css),
        ),
        body,
    )
    return "<!DOCTYPE html>\n" + render(page) + "\n"
