"""The store: schema, migrations and the only place that opens connections."""
from .auth_state import auth_state_path
from .connection import (NikKeyMismatch, connect, connect_memory, get_meta, init, is_demo, nik_key,
                         private_file_warnings, readable_by_others, schema_version, seed_reference, set_meta)
from .schema import DATA_TABLES, MIGRATIONS, SCHEMA_VERSION

__all__ = ["connect", "connect_memory", "init", "schema_version", "seed_reference", "get_meta", "set_meta",
           "is_demo", "nik_key", "NikKeyMismatch", "MIGRATIONS", "SCHEMA_VERSION", "DATA_TABLES",
           "auth_state_path", "private_file_warnings", "readable_by_others"]
