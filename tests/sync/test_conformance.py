"""The protocol file is a valid OpenAPI document, and the reference collector conforms to it.

Tools nobody on the project wrote do the judging: `openapi-spec-validator`, and Schemathesis
with every check (server errors, status codes, content types, headers, response schemas,
negative and positive data, missing headers, unsupported methods, auth...) against a real
collector on loopback. `CICINI_SCHEMATHESIS_EXAMPLES` sets the examples per operation (and
so the run's size); `CICINI_SCHEMATHESIS_SEED` replays a run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from importlib import resources
from pathlib import Path

import pytest
import requests
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from cicini_desktop.core.counters import Counter
from tests.sync.conftest import CODE

SPEC = Path(str(resources.files("cicini_desktop.sync").joinpath("openapi.yaml")))
EXAMPLES = int(os.environ.get("CICINI_SCHEMATHESIS_EXAMPLES", "500"))
SEED = os.environ.get("CICINI_SCHEMATHESIS_SEED", "23")


def test_the_spec_is_valid_openapi() -> None:
    document, _ = read_from_filename(str(SPEC))
    validate(document)  # raises OpenAPIValidationError on any problem


def test_the_spec_states_the_rules_it_used_to_leave_out() -> None:
    document, _ = read_from_filename(str(SPEC))
    schemas = document["components"]["schemas"]
    day = schemas["Day"]["properties"]
    # The unquoted comma once made "unique within a document" a YAML key with a null value.
    assert "unique within a document" in day["date"]["description"]
    assert all(value is not None for value in day["date"].values())
    assert schemas["IsoDate"]["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert schemas["UsageDocument"]["properties"]["days"]["minItems"] == 0
    description = document["info"]["description"]
    assert "heartbeat" in description
    assert "7.0" in description
    names = day["counters"]["propertyNames"]["enum"]
    assert set(names) == {c.value for c in Counter}
    statuses = {
        path: set(operation["responses"])
        for path, item in document["paths"].items()
        for operation in item.values()
    }
    assert statuses["/v1/usage"] >= {"200", "400", "401", "403", "411", "413", "422", "429", "500"}
    assert statuses["/v1/enroll"] >= {"200", "400", "401", "411", "413", "500"}
    assert statuses["/v1/installations/{installation_id}/usage"] >= {"200", "400", "401", "500"}


@pytest.mark.slow
def test_schemathesis_finds_nothing_against_the_collector(collector, tmp_path) -> None:
    installation = str(uuid.uuid4())
    enrolled = requests.post(
        f"{collector.url}/v1/enroll",
        json={"enrollment_code": CODE, "installation_id": installation, "app_version": "1.0"},
        timeout=5,
    )
    token = enrolled.json()["token"]
    # The path parameter is this installation's id, so the inspection endpoint answers 200
    # to positive cases; everything else Schemathesis generates as it likes.
    # 422 is what the spec answers to schema-valid requests that break a rule JSON Schema
    # cannot express (a repeated date, a reused Idempotency-Key): expected, like 401/403.
    config = tmp_path / "schemathesis.toml"
    config.write_text(
        f'[parameters]\n"path.installation_id" = "{installation}"\n\n'
        "[checks.positive_data_acceptance]\n"
        'expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429"]\n'
    )
    report = tmp_path / "report.json"
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run", str(SPEC),
        "--url", collector.url,
        "--header", f"Authorization: Bearer {token}",
        "--checks", "all",
        "--max-examples", str(EXAMPLES),
        "--seed", SEED,
        "--workers", "2",
        "--generation-database", "none",
        "--request-timeout", "10",
        "--no-color",
        "--report", "json", "--report-json-path", str(report),
    ]  # fmt: skip
    started = time.monotonic()
    # Run in tmp_path: Schemathesis keeps a cache folder in its working directory.
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    summary = json.loads(report.read_text())
    cases = summary["test_cases"]
    print(f"schemathesis: {cases['generated']} cases, {elapsed:.1f} s, seed {summary['seed']}")
    assert summary["complete"]
    assert summary["failures"] == []
    assert summary["errors"] == []
    assert cases["with_failures"] == 0
    assert cases["errored"] == 0
    assert summary["operations"]["tested"] == 3
    # A run that generated (almost) nothing would pass too; it must not.
    assert cases["generated"] >= 2 * EXAMPLES
