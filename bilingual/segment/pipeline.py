"""spaCy pipelines that split sentences with our rules, built lazily and cached once.

English is ``spacy.blank("en")`` keeping spaCy's tokenizer exceptions (Mr., U.S., don't) with
lighter punctuation regexes. Chinese is ``spacy.blank("zh")`` with one token per character:
the tokens spaCy's own ``char`` segmenter makes, built faster; jieba is not used because it
made segmentation 6-8x slower and sentence boundaries do not need words (see
bench/bench_segment.py and BENCHMARKS.md). Other Latin-script languages use spaCy's
multi-language tokenizer. Sentence boundaries are set by our components
(``bilingual_en_sentences``, ``bilingual_zh_sentences``, ``bilingual_latin_sentences``) from
the text rules in :mod:`bilingual.segment.rules`. A user may pass an installed trained
pipeline by name or path; its own sentence boundaries (parser, senter, sentencizer) are used
when it has them, ours otherwise.

Importing this module imports spaCy; :mod:`bilingual.segment` imports it only on first use.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from bilingual.errors import DependencyError
from bilingual.lang.abbreviations import table_for
from bilingual.segment.rules import chinese_boundaries, english_boundaries, latin_boundaries

log = logging.getLogger(__name__)

RULES_VERSION = "1"
_WS_RUN = re.compile(r"\s+")


def _set_starts(doc: Doc, starts: list[int]) -> Doc:
    """Mark the tokens that begin at the character offsets ``starts`` as sentence starts.

    An offset inside a token (a tokenizer that glued "end.Next") moves to the next token
    start, so every sentence remains a run of whole tokens.
    """
    n = len(doc)
    if n == 0:
        return doc
    # Token.sent_start: 1 starts a sentence, -1 continues one; written in one Cython call.
    # (spaCy stores attributes as uint64, so -1 is written as its two's complement.)
    flags = np.full((n, 1), np.iinfo(np.uint64).max, dtype=np.uint64)
    flags[0, 0] = 1
    if starts:
        idx = doc.to_array("IDX")
        pos = np.searchsorted(idx, np.asarray(starts, dtype=np.uint64), side="left")
        flags[pos[pos < n], 0] = 1
    doc.from_array(["SENT_START"], flags)  # type: ignore[arg-type]
    return doc


# Doc.text joins every token in Python (a Token object each): on book-length input that cost
# more than tokenizing. Our tokenizers keep the text they were given on the Doc instead.
if not Doc.has_extension("bilingual_text"):
    Doc.set_extension("bilingual_text", default=None)


def _text(doc: Doc) -> str:
    text: str | None = doc._.bilingual_text
    return doc.text if text is None else text


@Language.component("bilingual_en_sentences")
def en_sentences(doc: Doc) -> Doc:
    """Set sentence starts by the English rules (abbreviations, decimals, URLs, quotes)."""
    return _set_starts(doc, english_boundaries(_text(doc)))


@Language.component("bilingual_zh_sentences")
def zh_sentences(doc: Doc) -> Doc:
    """Set sentence starts by the Chinese rules (。！？ and ASCII forms, closing quotes)."""
    return _set_starts(doc, chinese_boundaries(_text(doc)))


class LatinSentences:
    """Sentence starts by generic Latin-script rules with the abbreviations of ``lang``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.table = table_for(lang)

    def __call__(self, doc: Doc) -> Doc:
        return _set_starts(doc, latin_boundaries(_text(doc), self.table))


@Language.factory("bilingual_latin_sentences", default_config={"lang": "xx"})
def make_latin_sentences(nlp: Language, name: str, lang: str) -> LatinSentences:
    """A component for a Latin-script language other than English (the table is per language)."""
    return LatinSentences(lang)


class TextKeepingTokenizer:
    """Wraps a spaCy tokenizer so each Doc remembers its text (see ``bilingual_text``)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.vocab = inner.vocab

    def __call__(self, text: str) -> Doc:
        doc = self.inner(text)
        doc._.bilingual_text = text
        return doc

    def pipe(self, texts: Any, batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class CharTokenizer:
    """One token per non-space character, the tokens of spaCy's Chinese ``char`` segmenter.

    A single space after a character becomes that token's trailing space; other whitespace
    runs become whitespace tokens, exactly as ``spacy.util.get_words_and_spaces`` does.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        if not _WS_RUN.search(text):
            words = list(text)
            doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
            doc._.bilingual_text = text
            return doc
        words_out: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _WS_RUN.finditer(text):
            chunk = text[pos : m.start()]
            words_out.extend(chunk)
            spaces.extend([False] * len(chunk))
            ws = m.group()
            if words_out and ws[0] == " " and pos < m.start():
                spaces[-1] = True
                ws = ws[1:]
            if ws:
                words_out.append(ws)
                spaces.append(False)
            pos = m.end()
        chunk = text[pos:]
        words_out.extend(chunk)
        spaces.extend([False] * len(chunk))
        doc = Doc(self.vocab, words=words_out, spaces=spaces)
        doc._.bilingual_text = text
        return doc

    def pipe(self, texts: Any, batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # spaCy calls these when a pipeline is saved or loaded; the tokenizer has no state.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> CharTokenizer:
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> CharTokenizer:
        return self


@spacy.registry.tokenizers("bilingual.CharTokenizer.v1")
def create_char_tokenizer() -> Callable[[Language], CharTokenizer]:
    """spaCy registry entry so the Chinese pipeline's config names its tokenizer."""

    def make(nlp: Language) -> CharTokenizer:
        return CharTokenizer(nlp.vocab)

    return make


# Lighter punctuation rules than spaCy's English defaults (whose suffix regex alone took a
# third of the time): same exceptions (Mr., U.S., don't), punctuation split off word edges,
# dashes and ellipses inside words. About 1.7x faster on the Bible (bench/bench_segment.py);
# sentence rules read the text, so they do not depend on the finer points of tokens.
_EN_PREFIX = re.compile(r"""^[("'“‘\[{«¿¡$£€#*_<-]""")
_EN_SUFFIX = re.compile(r"""(?:[)"'”’\]}»,.;:!?%…*_>-]|'s|'S|’s|’S)$""")
_EN_INFIX = re.compile(
    r"""(?<=[a-z])\.(?=[A-Z])|--+|[—–]|(?<=\w)[,:;](?=[^\W\d_])|(?<=[^\W\d_])/(?=[^\W\d_])"""
    r"""|\.\.+|…"""
)


def _english(lang: str) -> Language:
    from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]

    nlp = spacy.blank(lang)
    default: Any = nlp.tokenizer
    nlp.tokenizer = Tokenizer(
        nlp.vocab,
        rules=nlp.Defaults.tokenizer_exceptions,
        prefix_search=_EN_PREFIX.search,
        suffix_search=_EN_SUFFIX.search,
        infix_finditer=_EN_INFIX.finditer,
        url_match=default.url_match,
    )
    return nlp


def _blank(lang: str) -> Language:
    if lang == "en":
        return _english(lang)
    if lang == "zh":
        return spacy.blank(
            "zh", config={"nlp": {"tokenizer": {"@tokenizers": "bilingual.CharTokenizer.v1"}}}
        )
    # Other languages share spaCy's multi-language tokenizer: our rules read the text, and
    # some language classes are slow to build (spacy.blank("fr") took ~10 s here).
    return spacy.blank("xx")


def component_for(lang: str) -> str:
    """Name of our sentence component for ``lang``."""
    if lang == "zh":
        return "bilingual_zh_sentences"
    if lang == "en":
        return "bilingual_en_sentences"
    return "bilingual_latin_sentences"


@functools.lru_cache(maxsize=8)
def get_pipeline(lang: str, spacy_model: str | None = None) -> Language:
    """The sentence pipeline for ``lang`` (or the user's installed ``spacy_model``), cached."""
    if spacy_model is None:
        nlp = _blank(lang)
        if not isinstance(nlp.tokenizer, CharTokenizer):
            nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
        if lang in ("en", "zh"):
            nlp.add_pipe(component_for(lang))
        else:
            nlp.add_pipe(component_for(lang), config={"lang": lang})
        return nlp
    try:
        nlp = spacy.load(spacy_model)
    except (OSError, ImportError, ValueError, KeyError) as e:
        first = (str(e).splitlines() or [type(e).__name__])[0]
        raise DependencyError(
            f"spaCy pipeline {spacy_model!r} cannot be loaded ({first}); install it with pip "
            "or give the path of a pipeline folder saved with nlp.to_disk."
        ) from None
    sets_sentences = any(
        name in nlp.pipe_names for name in ("parser", "senter", "sentencizer")
    ) or any(name.startswith("bilingual_") for name in nlp.pipe_names)
    if not sets_sentences:
        if lang in ("en", "zh"):
            nlp.add_pipe(component_for(lang))
        else:
            nlp.add_pipe(component_for(lang), config={"lang": lang})
    # Only sentence boundaries are needed: skip the heavy components that do not set them.
    keep = {"parser", "senter", "sentencizer", "tok2vec", "transformer"}
    for name in list(nlp.pipe_names):
        if name not in keep and not name.startswith("bilingual_"):
            nlp.disable_pipe(name)
    return nlp


def pipeline_name(lang: str, spacy_model: str | None = None) -> str:
    """Segmenter name and version for signatures."""
    if spacy_model is not None:
        return f"spacy:{spacy_model}-{spacy.__version__}"
    tok = "chars" if lang == "zh" else "blank"
    return f"rules{RULES_VERSION}+spacy{spacy.__version__}-{tok}-{lang}"


def sentence_offsets(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc`` (made from ``text``), trimmed of whitespace.

    Sentences are read from the token arrays rather than ``doc.sents`` (no Span objects);
    a Doc without sentence annotation is one sentence; whitespace-only ones are dropped.
    """
    if len(doc) == 0:
        return []
    arr = doc.to_array(["SENT_START", "IDX"])
    starts: list[int] = arr[arr[:, 0] == 1, 1].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    starts.append(len(text))
    out: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(starts):
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            a += len(chunk) - len(chunk.lstrip())
            out.append((a, a + len(stripped)))
    return out
