"""Bulk inserts at COPY speed on PostgreSQL; the ORM's bulk_create on other databases.

Django's bulk_create builds a model instance per row and binds every value as a query
parameter, which caps a feed at a few thousand rows per second. Here rows are plain dicts
{attname: value} streamed with COPY. Rows whose unique key already exists are skipped
(ignore_conflicts) by copying into a temporary table and inserting from it with ON CONFLICT DO
NOTHING, which also returns the inserted rows' `returning` columns; other databases return None
and callers look the rows up by their keys. `bulk_upsert` updates the existing ones instead, in
the same single statement.
"""

import json
from collections import defaultdict
from functools import reduce
from operator import or_

from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from psycopg.types.json import Jsonb


class SerializedJson(str):
    """A JSON value already serialised (to hash it, say): stored as is, not serialised again."""


@transaction.atomic  # the temporary table lives for the transaction
def bulk_insert(
    model: type[models.Model],
    rows: list[dict],
    ignore_conflicts: bool = False,
    returning: tuple[str, ...] = (),
) -> list[tuple] | None:
    if not rows:
        return []
    if connection.vendor != "postgresql":
        defaults = _defaults(_fields(model))
        model.objects.bulk_create(
            [
                model(
                    **{
                        **defaults,
                        **{
                            k: json.loads(v) if isinstance(v, SerializedJson) else v
                            for k, v in row.items()
                        },
                    }
                )
                for row in rows
            ],
            ignore_conflicts=ignore_conflicts,
        )
        return None
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # psycopg's own: Django's wrapper has no copy()
        if not ignore_conflicts:
            _copy(cursor, model, rows, table)
            return []
        staging, columns = _copy(cursor, model, rows)
        back = ", ".join(connection.ops.quote_name(c) for c in returning) or "NULL"
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} "
            f"ON CONFLICT DO NOTHING RETURNING {back}"
        )
        inserted = cursor.fetchall()
        cursor.execute(f"DROP TABLE {staging}")
    return inserted


@transaction.atomic
def bulk_upsert(
    model: type[models.Model], rows: list[dict], unique: str, update: tuple[str, ...]
) -> tuple[int, int]:
    """PostgreSQL only: insert `rows`, or update the `update` attnames of the row with the same
    `unique` value where one of them differs (and its auto_now fields); (inserted, updated).
    One COPY into a temporary table and one INSERT ... SELECT ... ON CONFLICT DO UPDATE."""
    if not rows:
        return 0, 0
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    touched = [f.column for f in _fields(model) if getattr(f, "auto_now", False)]
    changed = [qn(model._meta.get_field(name).column) for name in update]
    assignments = ", ".join(f"{c} = EXCLUDED.{c}" for c in changed + [qn(c) for c in touched])
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        staging, columns = _copy(cursor, model, rows)
        key = qn(model._meta.get_field(unique).column)
        # In key order: the unique index is walked once, not hit at random. A row's xmax is 0
        # when this statement inserted it, its transaction id when it updated it.
        cursor.execute(
            f"WITH written AS (INSERT INTO {table} AS old ({columns}) "
            f"SELECT {columns} FROM {staging} ORDER BY {key} "
            f"ON CONFLICT ({key}) DO UPDATE "
            f"SET {assignments} "
            f"WHERE ({', '.join(f'old.{c}' for c in changed)}) IS DISTINCT FROM "
            f"({', '.join(f'EXCLUDED.{c}' for c in changed)}) "
            "RETURNING old.xmax = 0 AS inserted) "
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) "
            "FROM written"
        )
        inserted, updated = cursor.fetchone()
        cursor.execute(f"DROP TABLE {staging}")
    return inserted, updated


def _fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]


def _defaults(fields) -> dict:
    now = timezone.now()
    return {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in fields
    }


def _copy(cursor, model, rows: list[dict], target: str = "") -> tuple[str, str]:
    """COPY `rows` (with the fields' defaults) into `target`, by default a new temporary table
    shaped like the model's (dropped at commit); returns (the table, its column list)."""
    fields = _fields(model)
    json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
    names = [f.attname for f in fields]
    defaults = _defaults(fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    if not target:
        target = connection.ops.quote_name(f"bulk_{model._meta.db_table}")
        cursor.execute(
            f"CREATE TEMP TABLE {target} ON COMMIT DROP AS "
            f"SELECT {columns} FROM {connection.ops.quote_name(model._meta.db_table)} "
            "WITH NO DATA"
        )
    with cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
        for row in rows:
            values = {**defaults, **row}
            copy.write_row([_json(values[n]) if n in json_fields else values[n] for n in names])
    return target, columns


def _json(value):
    return value if value is None or isinstance(value, SerializedJson) else Jsonb(value)


def ids_by_key(queryset, field: str, keys) -> dict[tuple, int]:
    """{(platform, value): id} of the rows whose (platform, `field`) is among `keys`."""
    match = key_filter(field, keys)
    if match is None:
        return {}
    return {(p, v): pk for pk, p, v in queryset.filter(match).values_list("id", "platform", field)}


def key_filter(field: str, keys) -> Q | None:
    """The rows whose (platform, `field`) is among `keys` (None: no keys). Filtered per
    platform so that the unique (platform, field) index serves it."""
    by_platform = defaultdict(set)
    for platform, value in keys:
        by_platform[platform].add(value)
    if not by_platform:
        return None
    return reduce(
        or_, (Q(platform=p, **{f"{field}__in": values}) for p, values in by_platform.items())
    )
