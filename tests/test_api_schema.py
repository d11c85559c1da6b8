"""The OpenAPI schema against the app: schemathesis generates requests for every operation from the schema
and checks that none gets a server error and that each response matches what the schema promises. Bounded:
a fixed number of examples per operation, derandomized so a failure repeats."""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.app import create_app
from api.config import WebSettings

EXAMPLES = 30  # per operation
# An upload is schema-valid for any bytes, but only a real directive is accepted: a 422 there is right.
CONTENT_CHECKED = {"POST /api/documents"}


@pytest.fixture(scope="module")
def app(corpus_data_dir, tmp_path_factory):
    copy = shutil.copytree(corpus_data_dir, tmp_path_factory.mktemp("schema-data"), dirs_exist_ok=True)
    app = create_app(WebSettings(data_dir=copy, admin_keys="admin-key", reader_keys="reader-key"))
    with TestClient(app):  # runs the lifespan: the service stays open while schemathesis calls the app
        yield app


def test_schema_is_complete(app):
    paths = TestClient(app).get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/ask/stream", "/api/documents", "/api/documents/{number}", "/api/documents/{number}/text",
            "/api/units", "/api/units/{name}", "/health", "/v1/chat/completions"} <= set(paths)
    assert set(paths["/api/documents"]) == {"get", "post"}


def test_no_operation_fails_or_breaks_its_schema(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            excluded = [positive_data_acceptance] if case.operation.label in CONTENT_CHECKED else []
            case.call_and_validate(headers={"Authorization": "Bearer admin-key"}, excluded_checks=excluded)

        try:
            check()
        except Exception as error:  # collect every operation's failure, then report them together
            failures.append(f"{operation.label}: {str(error)[:800]}")
    assert not failures, "\n\n".join(failures)
