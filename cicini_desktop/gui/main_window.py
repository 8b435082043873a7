"""The main window: menu, navigation between pages, status bar.

(Skeleton of the Foundation issue; the front-desk work fills the pages.)
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from cicini_desktop._version import __version__


class MainWindow(QMainWindow):
    def __init__(
        self, clinic_name: str, user_label: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Cicini Desktop — {clinic_name}")
        self.setAccessibleName("Cicini Desktop main window")
        self.resize(1280, 800)
        placeholder = QLabel(f"{clinic_name}\n\nThe schedule will appear here.")
        placeholder.setAccessibleName("Welcome")
        self.setCentralWidget(placeholder)
        self._build_menu()
        self.clinic_label = QLabel(clinic_name)
        self.user_label = QLabel(user_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.clinic_label)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Cicini Desktop", self)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Cicini Desktop",
            f"Cicini Desktop {__version__}\nMedical appointment software.",
        )
