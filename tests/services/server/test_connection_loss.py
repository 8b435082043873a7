"""A lost clinic server is one error, StoreUnavailableError, with one sentence: a write cut off
in the middle leaves nothing behind and can be done again once the server is back; a read
says the same; the connection probe answers False meanwhile. SQLite never raises it."""

from __future__ import annotations

from datetime import datetime

import pytest
from psycopg import sql
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from cicini_desktop.core.errors import StoreUnavailableError
from cicini_desktop.services import unit_of_work
from cicini_desktop.services.connection_probe import probe, store_in_use
from cicini_desktop.services.scheduling import appointments
from cicini_desktop.store.server import COMMIT_LOST, CONNECTION_LOST, ServerUnavailableError
from tests.pg_cluster import APP, cut_off, terminate_all
from tests.services.scheduling import conftest as scheduling

_template = scheduling._template
_pg_clinic_template = scheduling._pg_clinic_template
clinic = scheduling.clinic


TABLES = ("appointment", "appointment_history", "audit_record", "usage_counter")


def _counts(context) -> dict[str, int]:
    """Rows per table a booking may write (and the sum of the usage counts)."""
    with context.database.session() as session:
        counts = {
            table: int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in TABLES
        }
        counts["counted"] = int(
            session.execute(text("SELECT coalesce(sum(count), 0) FROM usage_counter")).scalar_one()
        )
    return counts


def _request(clinic, hour: int) -> appointments.BookingRequest:
    return appointments.BookingRequest(
        clinic.patient, clinic.providers[0], clinic.consult, datetime(2026, 3, 17, hour, 0)
    )


@pytest.mark.server_only
def test_a_booking_cut_off_mid_transaction_leaves_nothing_and_can_be_done_again(
    clinic, pg_cluster, monkeypatch
):
    context = clinic.context
    database = context.database.server.database
    before = _counts(context)
    flush_counts = unit_of_work.Transaction._flush_counts
    cut = []

    def cut_before_commit(tx):
        # The appointment and its audit record are sent; now the server drops the session.
        if not cut:
            cut.append(True)
            tx.session.flush()
            terminate_all(pg_cluster, database)
        return flush_counts(tx)

    monkeypatch.setattr(unit_of_work.Transaction, "_flush_counts", cut_before_commit)
    with pytest.raises(StoreUnavailableError) as raised:
        appointments.book_appointment(context, clinic.manager, _request(clinic, 9))
    assert cut == [True]
    assert raised.value.user_message == CONNECTION_LOST
    assert not raised.value.outcome_unknown
    # Nothing of it was kept: no appointment, no history, no count (the pool reconnects here).
    assert _counts(context) == before
    # Done again once the server answers: it is booked, once.
    booked = appointments.book_appointment(context, clinic.manager, _request(clinic, 9))
    after = _counts(context)
    assert after["appointment"] == before["appointment"] + 1
    assert after["counted"] == before["counted"] + 1
    assert appointments.get_appointment(context, clinic.manager, booked.appointment_id)


@pytest.mark.server_only
def test_reads_and_the_probe_while_the_server_refuses_connections(clinic, pg_cluster):
    context = clinic.context
    assert store_in_use(context).server
    assert store_in_use(context).host == "127.0.0.1"
    assert probe(context)
    before = _counts(context)
    with cut_off(pg_cluster, context.database.server.database):
        assert not probe(context)
        with pytest.raises(StoreUnavailableError):
            _counts(context)
        with pytest.raises(StoreUnavailableError):
            appointments.book_appointment(context, clinic.manager, _request(clinic, 10))
    # Back: the pool makes new connections; nothing was written meanwhile.
    assert probe(context)
    assert _counts(context) == before


@pytest.mark.sqlite_only
def test_the_encrypted_file_never_raises_store_unavailable(clinic):
    context = clinic.context
    assert store_in_use(context).server is False
    assert probe(context)
    # A failing statement on SQLite stays what it is: never mistaken for a lost server.
    with context.database.session() as session, pytest.raises(OperationalError):
        session.execute(text("SELECT * FROM no_such_table"))


@pytest.mark.server_only
def test_a_refused_sign_in_mid_session_keeps_its_own_sentence(clinic, pg_cluster):
    """Not an outage: the server answers but refuses this desk's role (its password was
    changed). Retrying would not help, so IT's sentence is kept, not the banner's."""
    context = clinic.context
    database = context.database.server.database
    with pg_cluster.connect() as admin:
        admin.execute(f"ALTER ROLE {APP} PASSWORD 'changed by IT meanwhile'")
        try:
            terminate_all(pg_cluster, database, admin)
            with pytest.raises(ServerUnavailableError) as raised:
                _counts(context)
            assert not isinstance(raised.value, StoreUnavailableError)
            assert "refused the sign-in" in raised.value.user_message
        finally:
            admin.execute(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    sql.Identifier(APP), sql.Literal(pg_cluster.app_password)
                )
            )
    assert probe(context)


@pytest.mark.server_only
def test_a_connection_lost_at_commit_says_the_outcome_is_unknown(clinic, pg_cluster):
    """The link breaks as the COMMIT goes out: the desk cannot know whether the server kept
    the booking, so it never claims "nothing was saved"."""
    context = clinic.context
    engine = context.database.engine
    database = context.database.server.database
    cut = []

    def cut_at_commit(connection):
        if not cut:
            cut.append(True)
            terminate_all(pg_cluster, database)

    event.listen(engine, "commit", cut_at_commit)
    try:
        with pytest.raises(StoreUnavailableError) as raised:
            appointments.book_appointment(context, clinic.manager, _request(clinic, 11))
    finally:
        event.remove(engine, "commit", cut_at_commit)
    assert cut == [True]
    assert raised.value.outcome_unknown
    assert raised.value.user_message == COMMIT_LOST
    assert "nothing was saved" not in raised.value.user_message
    assert probe(context)  # and the desk goes on once the server answers
