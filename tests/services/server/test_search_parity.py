"""Patient search gives the same patients on both stores: FTS5 on the encrypted file,
trigram-indexed expressions on the clinic server, over one corpus of names with diacritics,
prefixes, several words, phone numbers typed every common way and birth dates."""

from __future__ import annotations

from datetime import date

import pytest

from cicini_desktop.config import load_config
from cicini_desktop.core.permissions import Permission
from cicini_desktop.services.clinic import create_clinic
from cicini_desktop.services.context import Actor
from cicini_desktop.services.scheduling import patients
from cicini_desktop.store.vault import KeyVault
from tests.pg_fixtures import server_config_for

CORPUS = [
    ("Jürgen", "Müller", date(1980, 4, 12), "030 1234567"),
    ("Jurgen", "Mueller-Lang", date(1975, 1, 2), None),
    ("Hans", "Müller", None, "+49 151 12345678"),
    ("Otto", "Muller", date(1990, 12, 4), None),
    ("Müllerine", "Adams", None, None),
    ("Zoë", "Ångström", date(1990, 12, 10), "+49 40 555 0101"),
    ("François", "Çelik", date(2001, 7, 7), "0049 89 1234"),
    ("Ana María", "García López", date(1966, 3, 30), None),
    ("Siobhán", "O'Brien", date(1985, 11, 1), "+353 1 234 5678"),
    ("Renée", "Dubois-Lefèvre", None, "+33 1 23 45 67 89"),
    ("Ádám", "Kovács", date(1971, 2, 28), None),
    ("Chloé", "Martín", None, "030 7654321"),
]

QUERIES = [
    "mül", "MUL", "mue", "muell", "jürg mül", "jur", "jürgen müller", "müller hans",
    "ang", "ÅNGSTRÖM", "zoe", "zoë ång", "franc", "cel", "çelik", "garc", "lopez", "maría",
    "ana garcía", "o'brien", "brien", "sio", "renee", "lefevre", "dubois lef", "adam", "kovacs",
    "chlo", "martin", "ad", "mu", "030 123", "+49301234", "0301234567", "030-765", "0151 1234",
    "+49 151", "004989", "+353 1 234", "12.04.1980", "4.12.1990", "10.12.1990", "1980", "1990",
    "12", "04", "2001", "nobody", "zz", "mül 1980", "hans 0151",
]  # fmt: skip


SOMEONE = "00000000-0000-4000-8000-000000000001"  # a staff id; search needs no account


def _clinic(config, vault):
    new = create_clinic(config, organization_name="Parity", timezone="Europe/Berlin", vault=vault)
    context = new.context
    assert context.organization_id is not None
    actor = Actor(SOMEONE, context.organization_id, frozenset(Permission))
    for given, family, dob, phone in CORPUS:
        patients.create_patient(
            context,
            actor,
            patients.PatientInput(given, family, dob, phone=phone),
            allow_duplicate=True,
        )
    return context, actor


@pytest.fixture
def both_stores(tmp_path, memory_keyring, pg_cluster, pg_database):
    vault = KeyVault(backend=memory_keyring)
    sqlite = _clinic(load_config(data_dir_flag=str(tmp_path / "file")), vault)
    server = _clinic(server_config_for(pg_cluster, pg_database, tmp_path / "desk", vault), vault)
    yield sqlite, server
    for context, _ in (sqlite, server):
        context.database.close()


def _names(store, query: str) -> list[str]:
    context, actor = store
    return sorted(row.display_name for row in patients.search_patients(context, actor, query))


def test_the_same_patients_are_found_on_both_stores(both_stores):
    sqlite, server = both_stores
    found_any = 0
    for query in QUERIES:
        expected = _names(sqlite, query)
        assert _names(server, query) == expected, query
        found_any += bool(expected)
        print(f"{query!r}: {len(expected)}")
    assert found_any >= len(QUERIES) - 5  # the corpus is meaningful: most queries find someone
