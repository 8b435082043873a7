"""The benchmark is a program (`python tests/bench/run.py`), not a test module: pytest skips it."""

collect_ignore_glob = ["*.py"]
