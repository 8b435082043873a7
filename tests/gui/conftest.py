"""Fixtures shared by the GUI page tests: a worker that owns a test clinic's database, and a
place to hold the test's widgets until that worker has stopped."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from cicini_desktop.gui.i18n import LocaleChoice, install_language
from cicini_desktop.gui.operations import OperationHub
from cicini_desktop.services.context import ENV_CHECK_DATABASE_THREAD
from cicini_desktop.services.worker import DatabaseWorker


@pytest.fixture(autouse=True)
def _english(qapp: object) -> Iterator[None]:
    """Every GUI test reads the source language with its plural forms ("1 appointment",
    "2 appointments"), as a workstation set to English does; German tests switch over
    themselves (tests/gui/i18n) and this puts English back after them."""
    install_language(LocaleChoice("en"))
    yield
    install_language(LocaleChoice("en"))


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp: object) -> Iterator[None]:
    """As the application does (gui/heap.py): no automatic collection during a GUI test,
    which could run on a database worker and destroy a Qt object there (a rare crash of the
    whole test process); the test's cyclic garbage is collected here, on the GUI thread,
    after its widgets were closed, and the process's collector is itself again for the
    tests that follow (torn down after every test's own fixtures, being set up first)."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture
def keep() -> Iterator[list[object]]:
    """The test's widgets, held until the worker has stopped (`clinic_hub` depends on this,
    so it is torn down after it). The hub releases its own operations on the GUI thread; this
    does the same for widgets the test's closures hold. Freed here, cycles included."""
    held: list[object] = []
    yield held
    held.clear()
    gc.collect()


@pytest.fixture
def clinic_hub(
    clinic: object, keep: list[object], monkeypatch: pytest.MonkeyPatch
) -> Iterator[OperationHub]:
    """The `clinic` fixture's database now belongs to a worker (attached after the clinic's
    own set-up ran on the test's thread); the GUI reaches it through the hub."""
    monkeypatch.setenv(ENV_CHECK_DATABASE_THREAD, "1")
    context = clinic.context  # type: ignore[attr-defined]
    worker = DatabaseWorker()
    context.attach_worker(worker)
    hub = OperationHub(worker)
    yield hub
    hub.shutdown()
    worker.shutdown()
    context.detach_worker()
