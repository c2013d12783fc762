"""The OpenAPI schema of the whole API generates cleanly: app clients are built from it."""

from django.core.management import call_command


def test_the_whole_api_schema_generates_without_a_single_warning(tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = target.read_text(encoding="utf-8")
    for path in ("/api/v1/resident/requests/", "/api/v1/work-orders/", "/api/v1/households/search",
                 "/api/v1/answers/suggest", "/api/v1/notifications/"):
        assert path in schema
