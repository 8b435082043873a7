"""The usage document: built from rows, canonical bytes, and the strict validator."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cicini_desktop.core.counters import Counter
from cicini_desktop.core.usage_document import (
    MAX_COUNT,
    DayTotals,
    build_document,
    encode_document,
    group_rows,
    split_batch,
    validate_document,
)

IDS = {
    "installation_id": "0b1c2d3e-4f50-4617-8899-aabbccddeeff",
    "organization_id": "11111111-2222-4333-8444-555555555555",
}
NAMES = [c.value for c in Counter]


def doc(**changes: object) -> dict:
    base = build_document(
        [DayTotals(date(2026, 3, 16), {"appointment.booked": 3})],
        app_version="0.1.0",
        os_family="linux",
        region="de",
        **IDS,
    )
    base.update(changes)
    return base


def test_a_built_document_is_valid_and_canonical() -> None:
    document = doc()
    assert validate_document(document) is None
    assert document["region"] == "DE"
    raw = encode_document(document)
    assert encode_document(json.loads(raw)) == raw


rows = st.lists(
    st.tuples(
        st.dates(date(2020, 1, 1), date(2030, 1, 1)).map(date.isoformat),
        st.sampled_from([*NAMES, "patient.name", "x"]),
        st.integers(-5, MAX_COUNT + 5),
    )
)


@given(rows)
def test_any_rows_make_a_valid_document(raw_rows: list[tuple[str, str, int]]) -> None:
    days = group_rows(raw_rows)
    document = build_document(days, app_version="1.2.3", os_family="other", region=None, **IDS)
    assert validate_document(document) is None
    assert [d["date"] for d in document["days"]] == sorted({d["date"] for d in document["days"]})


def day(counters: object, when: object = "2026-03-16", **extra: object) -> dict:
    return {"date": when, "counters": counters, **extra}


BAD = {
    "unknown_counter": doc(days=[day({"patient.name": 1})]),
    "out_of_range": doc(days=[day({"appointment.booked": -1})]),
    "not_an_integer": doc(days=[day({"appointment.booked": 1.5})]),
    "not_an_integer ": doc(days=[day({"appointment.booked": True})]),
    "not_an_integer  ": doc(days=[day({"appointment.booked": "3"})]),
    "unknown_key": doc(note="hello"),
    "unknown_key ": doc(days=[day({}, note="x")]),
    "bad_date": doc(days=[day({}, when="16.03.2026")]),
    "duplicate_date": doc(days=[day({}), day({})]),
    "unknown_schema": doc(schema="cicini.usage/2"),
    "bad_id": doc(installation_id="Anna"),
    "bad_os_family": doc(os_family="amiga"),
    "bad_region": doc(region="Germany"),
    "bad_days": doc(days={}),
}


def test_each_bad_document_is_refused_with_its_reason() -> None:
    for expected, document in BAD.items():
        problem = validate_document(document)
        assert problem is not None, expected
        assert problem.code == expected.strip()


def test_missing_key() -> None:
    document = doc()
    del document["region"]
    problem = validate_document(document)
    assert problem is not None
    assert problem.code == "missing_key"


def test_split_halves_and_never_empties() -> None:
    days = [DayTotals(date(2026, 3, d), {}) for d in range(1, 6)]
    first, second = split_batch(days)
    assert len(first) == 2
    assert first + second == days
