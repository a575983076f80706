"""What the shared queries need of a database connection: the part of aiosqlite's API they use.

aiosqlite's connection has it as it is; the PostgreSQL store's (storage/postgres.py) is a thin
adapter over psycopg with the same shape, so that one set of queries (entries.py,
subscribers.py, ...) serves both stores. `execute` and its kin return an object that is both
awaitable and an async context manager, as aiosqlite's do.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from typing import Any, Protocol, TypeVar

T_co = TypeVar("T_co", covariant=True)


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    async def fetchone(self) -> Any: ...

    async def fetchmany(self, size: int | None = None) -> Iterable[Any]: ...

    async def fetchall(self) -> Iterable[Any]: ...


class Pending(Protocol[T_co]):
    """A statement under way: `await` it, or `async with` it."""

    def __await__(self) -> Generator[Any, None, T_co]: ...

    async def __aenter__(self) -> T_co: ...

    async def __aexit__(self, exc_type: Any, exc: Any, tb: Any) -> Any: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Any = None) -> Pending[Cursor]: ...

    def execute_fetchall(self, sql: str, parameters: Any = None) -> Pending[Iterable[Any]]: ...

    def executemany(self, sql: str, parameters: Iterable[Any]) -> Pending[Cursor]: ...
