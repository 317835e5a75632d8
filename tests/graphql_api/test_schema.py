"""The committed schema (what partners read) must match the code."""

from graphql_api.management.commands.export_schema import SCHEMA_FILE
from graphql_api.schema import schema


def test_schema_file_is_current():
    assert SCHEMA_FILE.read_text() == schema.as_str() + "\n", (
        "graphql_api/schema.graphql is stale: run `python manage.py export_schema` and commit it"
    )


def test_case_type_is_named_for_notice_global_ids():
    """cases.notices.case_global_id writes base64("Case:<pk>"): the type must be `Case`."""
    assert "type Case implements Node" in SCHEMA_FILE.read_text()
