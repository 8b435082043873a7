"""Showing errors to people: one plain sentence and what to do next, never a traceback."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, sentence: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, sentence, QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName(title)
    box.exec()
