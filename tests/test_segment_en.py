"""Golden table for English sentence segmentation: every case the foundation issue lists."""

from __future__ import annotations

import pytest

from bilingual.model import Document
from bilingual.segment import segment

CASES: list[tuple[str, list[str]]] = [
    # plain terminals
    ("It rained. We stayed in.", ["It rained.", "We stayed in."]),
    # a title without final punctuation keeps none of the next sentence's opening quote
    # (issue 23)
    (
        "Why Open Source Wins\n“Good enough” is a trap. It costs.",
        ["Why Open Source Wins", "“Good enough” is a trap.", "It costs."],
    ),
    (
        'Breaking News: Markets Fall\n"We are worried," said the minister.',
        ["Breaking News: Markets Fall", '"We are worried," said the minister.'],
    ),
    ("Is it late? No. Go home!", ["Is it late?", "No.", "Go home!"]),
    ("One sentence without a final stop", ["One sentence without a final stop"]),
    # titles and abbreviations
    ("Mr. Smith arrived. He sat down.", ["Mr. Smith arrived.", "He sat down."]),
    ("Mrs. Jones and Dr. Brown met Prof. Lee.", ["Mrs. Jones and Dr. Brown met Prof. Lee."]),
    (
        "They live on St. Mark's Place. It is loud.",
        ["They live on St. Mark's Place.", "It is loud."],
    ),
    ("We visited St. Louis last year.", ["We visited St. Louis last year."]),
    ("Apple Inc. announced a phone.", ["Apple Inc. announced a phone."]),
    ("He works for Acme Inc. The firm is small.", ["He works for Acme Inc.", "The firm is small."]),
    ("See No. 5 on the list.", ["See No. 5 on the list."]),
    ("The answer is on p. 12 of the book.", ["The answer is on p. 12 of the book."]),
    ("Read pp. 30-42 first. Then rest.", ["Read pp. 30-42 first.", "Then rest."]),
    ("As shown in Fig. 3, it grows.", ["As shown in Fig. 3, it grows."]),
    ("Bring fruit, e.g. apples or pears.", ["Bring fruit, e.g. apples or pears."]),
    ("Use a tool, i.e. Python. It works.", ["Use a tool, i.e. Python.", "It works."]),
    ("It was Ali vs. Frazier in 1971.", ["It was Ali vs. Frazier in 1971."]),
    (
        "We met at 9 a.m. and left at 5 p.m. on Friday.",
        ["We met at 9 a.m. and left at 5 p.m. on Friday."],
    ),
    (
        "The talk ends at 5 p.m. The bar opens later.",
        ["The talk ends at 5 p.m.", "The bar opens later."],
    ),
    ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
    ("She moved to the U.S. He stayed home.", ["She moved to the U.S.", "He stayed home."]),
    ("We bought pens, paper, etc. and went home.", ["We bought pens, paper, etc. and went home."]),
    (
        "We bought pens, paper, etc. The shop closed.",
        ["We bought pens, paper, etc.", "The shop closed."],
    ),
    ("Fruit, e.g., apples. Then tea.", ["Fruit, e.g., apples.", "Then tea."]),
    ("The last one, i.e., the end. Fine.", ["The last one, i.e., the end.", "Fine."]),
    (
        "It was fueled by a疯狂 investment. Prices fell.",
        ["It was fueled by a疯狂 investment.", "Prices fell."],
    ),
    # initials
    ("J. R. R. Tolkien wrote it. It is long.", ["J. R. R. Tolkien wrote it.", "It is long."]),
    ("George W. Bush spoke.", ["George W. Bush spoke."]),
    # decimals, money, percentages, versions
    ("Pi is about 3.14. It never ends.", ["Pi is about 3.14.", "It never ends."]),
    ("It costs $1.5 million. That is a lot.", ["It costs $1.5 million.", "That is a lot."]),
    ("Prices rose 3.5%. Shares fell 2%.", ["Prices rose 3.5%.", "Shares fell 2%."]),
    ("Codex 5.2 is out. Opus 4.5 too.", ["Codex 5.2 is out.", "Opus 4.5 too."]),
    ("Update to v2.0.1 now. It is safer.", ["Update to v2.0.1 now.", "It is safer."]),
    # URLs and e-mail
    (
        "Visit https://example.com/a.b?x=1. Then log in.",
        ["Visit https://example.com/a.b?x=1.", "Then log in."],
    ),
    ("Go to www.example.org for more.", ["Go to www.example.org for more."]),
    ("Mail john.doe@example.com. He replies.", ["Mail john.doe@example.com.", "He replies."]),
    # ellipses
    ("Wait... what happened?", ["Wait... what happened?"]),
    ("He paused... Then he left.", ["He paused...", "Then he left."]),
    ("I wonder… Maybe not.", ["I wonder…", "Maybe not."]),
    # ?! runs
    ("Really?! I had no idea.", ["Really?!", "I had no idea."]),
    ("No way!!! Yes way.", ["No way!!!", "Yes way."]),
    # closing quotes and brackets after the final punctuation
    ('He said, "Go home." Then he left.', ['He said, "Go home."', "Then he left."]),
    ("She asked, “Why?” Nobody knew.", ["She asked, “Why?”", "Nobody knew."]),
    ('"Where are you going?" asked Tom.', ['"Where are you going?" asked Tom.']),
    ("(See the notes.) The rest follows.", ["(See the notes.)", "The rest follows."]),
    ("He wrote 'done.' Then slept.", ["He wrote 'done.'", "Then slept."]),
    # list numbers, hard wraps, colons and semicolons
    ("1. Introduction to the topic", ["1. Introduction to the topic"]),
    (
        "The first line\nwraps here. The second\nsentence too.\n\nNext.",
        ["The first line\nwraps here.", "The second\nsentence too.", "Next."],
    ),
    ("Note: this is one; that is two.", ["Note: this is one; that is two."]),
    ("It ended in 2020. 15 people stayed.", ["It ended in 2020.", "15 people stayed."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_english_sentences(text: str, expected: list[str]) -> None:
    seg = segment(Document(text, "en"))
    assert seg.texts == expected
    for s in seg.segments:
        assert text[s.start : s.end] == s.text


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_sentences_know_their_paragraph() -> None:
    text = "First para. Two sentences.\n\nSecond para here. Also two."
    seg = segment(Document(text, "en"))
    assert [s.paragraph for s in seg.segments] == [0, 0, 1, 1]
    assert [s.index for s in seg.segments] == [0, 1, 2, 3]


def test_no_sentence_crosses_a_paragraph() -> None:
    # "Mr." at the end of a paragraph would glue the two if sentences could cross.
    text = "We met Mr.\n\nSmith was late."
    seg = segment(Document(text, "en"))
    assert seg.texts == ["We met Mr.", "Smith was late."]
    assert [s.paragraph for s in seg.segments] == [0, 1]


def test_signature_names_segmenter_level_and_language() -> None:
    sig = segment(Document("A b. C d.", "en")).signature
    assert "seg:rules" in sig and "level:sentence" in sig and "lang:en" in sig


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Das ist z.B. gut. Wir gehen.", ["Das ist z.B. gut.", "Wir gehen."]),
        (
            "de",
            "Am 3. Oktober feiern wir. Dann ruhen wir.",
            ["Am 3. Oktober feiern wir.", "Dann ruhen wir."],
        ),
        ("de", "Siehe Nr. 5 und S. 12. Danach Pause.", ["Siehe Nr. 5 und S. 12.", "Danach Pause."]),
        ("fr", "M. Dupont est venu. Il est parti.", ["M. Dupont est venu.", "Il est parti."]),
        ("fr", "Vraiment ? Oui !", ["Vraiment ?", "Oui !"]),
        ("fr", "« Bonjour. » Il sourit.", ["« Bonjour. »", "Il sourit."]),
    ],
)
def test_generic_latin_rules(lang: str, text: str, expected: list[str]) -> None:
    assert segment(Document(text, lang)).texts == expected
