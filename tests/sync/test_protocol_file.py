"""The OpenAPI file ships in the package and names exactly the counter vocabulary."""

from __future__ import annotations

import re
from importlib import resources

from cicini_desktop.core.counters import Counter
from cicini_desktop.core.usage_document import DOCUMENT_KEYS, SCHEMA


def test_openapi_lists_the_vocabulary_and_endpoints() -> None:
    text = resources.files("cicini_desktop.sync").joinpath("openapi.yaml").read_text("utf-8")
    assert text.startswith("openapi: 3.1.0")
    listed = set(re.findall(r"^ {14}- ([a-z_]+\.[a-z_]+)$", text, flags=re.MULTILINE))
    assert listed == {c.value for c in Counter}
    for path in ("/v1/enroll:", "/v1/usage:", "/v1/installations/{installation_id}/usage:"):
        assert f"\n  {path}\n" in text
    assert f"const: {SCHEMA}" in text
    for key in DOCUMENT_KEYS:
        assert f"        {key}:" in text
