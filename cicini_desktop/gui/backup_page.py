"""Backups: make an encrypted backup now, and see the backups kept in the data folder.

What IT does with `cicini backup --to FILE`, a manager can do here: the copy is a long job on
the database worker (`services.maintenance.backup_job`), behind a cancellable progress
dialog, while the front desk keeps booking (the copy reads its own snapshot). A backup is
encrypted with the clinic's key; restoring one is IT's job (`cicini restore`), with the
application closed, so this page only says how.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cicini_desktop.core.errors import CiciniError
from cicini_desktop.gui.dialogs import show_error
from cicini_desktop.gui.i18n import QT_TRANSLATE_NOOP, translate
from cicini_desktop.gui.messages import sentence
from cicini_desktop.gui.operations import JobOp, OperationHub
from cicini_desktop.services import maintenance
from cicini_desktop.services.context import Actor, ServiceContext

EXPLANATION = QT_TRANSLATE_NOOP(
    "backup_page",
    "A backup is a complete, encrypted copy of the clinic's database, made while everyone "
    "keeps working. Keep backups on another disk or a network share. A backup opens only "
    "with this clinic's key, or with the recovery key IT keeps; to restore one, close "
    "Cicini Desktop on this computer and ask IT to run 'cicini restore'.",
)


def default_backup_name(now: datetime) -> str:
    return f"cicini-backup-{now:%Y-%m-%d-%H%M}.db"


def _size_text(size: int) -> str:
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GB"
    return f"{size / 1024**2:.1f} MB"


class BackupPage(QWidget):
    """The Backups screen (permission: make and restore backups)."""

    def __init__(self, context: ServiceContext, actor: Actor, hub: OperationHub) -> None:
        super().__init__()
        self.setObjectName("backup_page")
        self.context, self.actor, self.hub = context, actor, hub
        self.folder = context.database.path.parent / "backups"
        self.running: JobOp[Path] | None = None

        explanation = QLabel(translate("backup_page", EXPLANATION))
        explanation.setWordWrap(True)
        self.backup_button = QPushButton(translate("backup_page", "&Back up now…"))
        self.backup_button.setAccessibleName(translate("backup_page", "Back up now"))
        self.backup_button.clicked.connect(self.choose_target)
        self.status = QLabel("")
        self.status.setObjectName("backup_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backup_list")
        self.table.setAccessibleName(translate("backup_page", "Backups in the data folder"))
        self.table.setHorizontalHeaderLabels(
            [
                translate("backup_page", "Backup"),
                translate("backup_page", "Made"),
                translate("backup_page", "Size"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(
            QLabel(translate("backup_page", "Backups kept in {folder}:").format(folder=self.folder))
        )
        layout.addWidget(self.table, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.list_backups()

    def list_backups(self) -> None:
        """The backups in the data folder's backups folder, newest first (files only: no
        database work, so no worker round trip)."""
        found = sorted(
            (path for path in self.folder.glob("*.db") if path.is_file()),
            key=lambda path: path.stat().st_mtime,
            reverse=True,
        )
        self.table.setRowCount(len(found))
        for row, path in enumerate(found):
            stat = path.stat()
            made = datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M")
            for column, text in enumerate((path.name, made, _size_text(stat.st_size))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def choose_target(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        suggested = self.folder / default_backup_name(datetime.now())
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("backup_page", "Back up the clinic's database"),
            str(suggested),
            translate("backup_page", "Cicini backups (*.db)"),
        )
        if name:
            self.back_up_to(Path(name))

    def back_up_to(self, target: Path) -> JobOp[Path]:
        """Start the backup; the dialog shows its progress and can cancel it."""
        context, actor = self.context, self.actor
        self.backup_button.setEnabled(False)
        self.status.setText(translate("backup_page", "Backing up…"))
        job: JobOp[Path] = (
            JobOp(
                self,
                lambda: maintenance.backup_job(context, actor, target),
                translate("backup_page", "Backing up the database"),
                writes=False,
            )
            .success(self._done)
            .on_cancelled(self._cancelled)
            .failure(self._failed)
        )
        self.running = job
        job.run(self.hub)
        return job

    def _done(self, target: Path) -> None:
        self.running = None
        self.backup_button.setEnabled(True)
        size = _size_text(target.stat().st_size) if target.exists() else ""
        self.status.setText(
            translate("backup_page", "Backup written to {target} ({size}).").format(
                target=target, size=size
            )
        )
        self.list_backups()

    def _cancelled(self) -> None:
        self.running = None
        self.backup_button.setEnabled(True)
        self.status.setText(translate("backup_page", "Backup cancelled; no file was left behind."))

    def _failed(self, error: CiciniError) -> None:
        self.running = None
        self.backup_button.setEnabled(True)
        self.status.setText(translate("backup_page", "No backup was made."))
        show_error(self, translate("backup_page", "No backup was made"), sentence(error))
