"""Fast inserts for the benchmark loader: PostgreSQL COPY with ids assigned here.

Rows are plain dicts keyed by field attname; every concrete field the dict leaves out gets the
field's default, so a column another app adds later (with a default) does not break the loader.
On SQLite (the small run outside CI) the same rows go through ``executemany``.
"""

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone

BATCH = 50_000


def _columns(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields]


def _defaults(fields: Sequence[models.Field]) -> dict[str, Any]:
    now = timezone.now()
    defaults = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        elif field.has_default():
            defaults[field.attname] = field.get_default()
        elif field.null:
            defaults[field.attname] = None
        elif isinstance(field, (models.CharField, models.TextField)):
            defaults[field.attname] = ""
    return defaults


def _text(value: Any) -> str:
    """One value as PostgreSQL's CSV input reads it (None handled by the caller)."""
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (date, Decimal, int, float)):
        return str(value)
    return '"' + str(value).replace('"', '""') + '"'


def _csv(rows: Iterable[Sequence[Any]]) -> io.StringIO:
    buffer = io.StringIO()
    write = buffer.write
    for row in rows:
        write(",".join("" if v is None else _text(v) for v in row))
        write("\n")
    buffer.seek(0)
    return buffer


def next_id(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{model._meta.db_table}"')
        return cursor.fetchone()[0]


def insert(model: type[models.Model], rows: list[dict[str, Any]], *, assign_ids: bool = True) -> list[int]:
    """Insert ``rows`` into ``model``'s table; return the ids given to them (in order)."""
    if not rows:
        return []
    fields = _columns(model)
    defaults = _defaults(fields)
    if assign_ids:
        start = next_id(model)
        for offset, row in enumerate(rows):
            row["id"] = start + offset
    names = [f.attname for f in fields if f.attname in rows[0] or f.attname in defaults]
    missing = [f.attname for f in fields if f.attname not in names and not f.primary_key]
    if missing:
        raise ValueError(f"{model.__name__}: no value and no default for {missing}")
    table = model._meta.db_table
    columns = ", ".join(f'"{model._meta.get_field(n).column}"' for n in names)
    preps = [model._meta.get_field(n) for n in names]
    for start in range(0, len(rows), BATCH):
        chunk = [[row.get(n, defaults.get(n)) for n in names] for row in rows[start : start + BATCH]]
        if connection.vendor != "postgresql":
            chunk = [[f.get_db_prep_save(v, connection) for f, v in zip(preps, r)] for r in chunk]
        _write(table, columns, len(names), chunk)
    if assign_ids and connection.vendor == "postgresql":
        _reset_sequence(table)
    return [row.get("id") for row in rows]


def insert_m2m(through: type[models.Model], rows: list[tuple[int, int]], columns: tuple[str, str]) -> None:
    """Insert (left id, right id) pairs into a many-to-many table."""
    table = through._meta.db_table
    names = ", ".join(f'"{c}"' for c in columns)
    for start in range(0, len(rows), BATCH):
        _write(table, names, 2, rows[start : start + BATCH])


def _write(table: str, columns: str, width: int, chunk: list[Sequence[Any]]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg2 cursor under Django's wrapper
            raw.copy_expert(f'COPY "{table}" ({columns}) FROM STDIN WITH (FORMAT csv)', _csv(chunk))
        else:
            marks = ", ".join(["%s"] * width)
            cursor.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', chunk)


def _reset_sequence(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
        )
