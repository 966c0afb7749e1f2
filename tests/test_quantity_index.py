"""The indexed document-level quantity comparison gives compare_quantities' exact answer."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.numbers import Quantity, compare_quantities
from bilingual.numbers.index import compare_quantities_indexed

_UNITS = ["", "", "%", "year", "USD", "USD/month", "ordinal", "years", "days", "x"]


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    value = draw(
        st.sampled_from([0.0, 0.2, 0.25, 1.0, 2.0, 5.0, 20.0, 25.0, 100.0, 101.0, 2025.0])
        | st.floats(-50, 5000, allow_nan=False).map(lambda x: round(x, 1))
    )
    shape = draw(st.sampled_from(["point", "point", "more", "about", "range"]))
    low, high, approx = value, value, False
    if shape == "more":
        low, high, approx = value, value * 2, True
    elif shape == "about":
        low, high, approx = value * 0.85, value * 1.15, True
    elif shape == "range":
        low, high = value, value + draw(st.sampled_from([1.0, 5.0, 10.0]))
        value = (low + high) / 2
    unit = draw(st.sampled_from(_UNITS))
    return Quantity(value, min(low, high), max(low, high), unit, approx, f"{value:g}", 0, 1)


@settings(max_examples=400, deadline=None)
@given(st.lists(quantities(), max_size=14), st.lists(quantities(), max_size=14))
def test_indexed_comparison_equals_the_pairwise_one(
    src: list[Quantity], tgt: list[Quantity]
) -> None:
    assert compare_quantities_indexed(src, tgt) == compare_quantities(src, tgt)


def test_many_equal_numbers_neither_recurse_nor_go_quadratic() -> None:
    one = Quantity(1.0, 1.0, 1.0, "", False, "1", 0, 1)
    about = Quantity(1.0, 0.85, 1.15, "", True, "about 1", 0, 7)
    src = [one] * 20_000 + [about] * 2_000
    tgt = [one] * 20_001
    t0 = time.process_time()
    diff = compare_quantities_indexed(src, tgt)
    spent = time.process_time() - t0
    assert len(diff.pairs) == 20_001
    assert len(diff.src_only) == 1_999 and not diff.tgt_only
    # The pairwise comparison makes 440 M match calls here; the index stays near one pass.
    assert spent < 10.0, spent
