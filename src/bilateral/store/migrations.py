"""The schema's version, and the steps that bring an older store up to it.

Every process that opens a store calls `upgrade`. Creating tables is not safe when two
processes do it at once (both see no table, both create it, one fails), so the work happens
under a database-wide lock: SQLite's write lock (BEGIN IMMEDIATE), PostgreSQL's transaction-level
advisory lock. Whoever waits finds the work done. A store already at the current version costs one
small query and takes no lock.

Versions:
1. the tables and indexes of `schema.py`. A store made before versions were kept is brought to
   it by creating whatever table or index it lacks.
A change to `schema.py` adds a step here (ALTER TABLE, CREATE INDEX, a data fix) and raises
CURRENT; a new store is created at CURRENT directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, insert, inspect, select, text, update

from bilateral.store import schema

CURRENT = 1
# version -> the step from version - 1 to it (version 1 has none: see `_adopt`)
STEPS: dict[int, Callable[[Connection], None]] = {}
_PG_LOCK = 7_245_901_312  # any fixed number: the advisory lock of bilateral's schema


class SchemaTooNew(RuntimeError):
    """The store was written by a newer bilateral."""


def version(conn: Connection) -> int | None:
    """The store's schema version; None for a store without the version table."""
    if not inspect(conn).has_table(schema.schema_version.name):
        return None
    return conn.execute(select(schema.schema_version.c.version)).scalar()


def upgrade(engine: Engine) -> int:
    """Bring the store to CURRENT; returns the version it had before (0 for a new store)."""
    with engine.connect() as conn:
        found = version(conn)
    if found == CURRENT:
        return found
    if found is not None and found > CURRENT:
        raise SchemaTooNew(f"schema version {found} is newer than this bilateral knows "
                           f"({CURRENT}); upgrade bilateral")
    with _locked(engine) as conn:
        return _upgrade(conn)


def _upgrade(conn: Connection) -> int:
    found = version(conn)  # again, under the lock: another process may have done it
    if found is None:
        if not inspect(conn).has_table(schema.documents.name):
            schema.metadata.create_all(conn)  # a new store, at the current version
            conn.execute(insert(schema.schema_version).values(version=CURRENT))
            return 0
        _adopt(conn)
        found = 1
        conn.execute(insert(schema.schema_version).values(version=found))
    if found > CURRENT:
        raise SchemaTooNew(f"schema version {found} is newer than this bilateral knows "
                           f"({CURRENT}); upgrade bilateral")
    for v in range(found + 1, CURRENT + 1):
        STEPS[v](conn)
        conn.execute(update(schema.schema_version).values(version=v))
    return found


def _adopt(conn: Connection) -> None:
    """A store from before versions were kept: add the tables and indexes it lacks."""
    schema.metadata.create_all(conn)  # only the missing tables
    have = inspect(conn)
    for table in schema.metadata.sorted_tables:
        names = {ix["name"] for ix in have.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in names:
                index.create(conn)


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the store's schema lock."""
    if engine.dialect.name == "sqlite":
        # pysqlite would begin lazily and without the write lock: take it at once
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
            conn.exec_driver_sql("COMMIT")
        return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
        yield conn
