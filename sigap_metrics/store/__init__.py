"""The store: schema, migrations and the only place that opens connections."""
from .auth_state import auth_state_path
from .connection import (READER_CATALOG, NikKeyMismatch, connect, connect_memory, connect_reader, get_meta, init,
                         is_demo, nik_key, private_file_warnings, reader_cursor, readable_by_others, schema_version,
                         seed_reference, set_meta)
from .schema import DATA_TABLES, MIGRATIONS, SCHEMA_VERSION
from .writer import SchemaTooNew, StoreBusy, file_identity, writer_lock, writing

__all__ = ["connect", "connect_memory", "connect_reader", "reader_cursor", "READER_CATALOG", "init",
           "schema_version", "seed_reference", "get_meta", "set_meta", "is_demo", "nik_key", "NikKeyMismatch",
           "MIGRATIONS", "SCHEMA_VERSION", "DATA_TABLES", "StoreBusy", "SchemaTooNew", "file_identity",
           "writer_lock", "writing", "auth_state_path", "private_file_warnings", "readable_by_others"]
