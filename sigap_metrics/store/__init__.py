"""The store: schema, migrations and the only place that opens connections."""
from .connection import (NikKeyMismatch, connect, connect_memory, get_meta, init, is_demo, nik_key, schema_version,
                         seed_reference, set_meta)
from .schema import DATA_TABLES, MIGRATIONS, SCHEMA_VERSION

__all__ = ["connect", "connect_memory", "init", "schema_version", "seed_reference", "get_meta", "set_meta",
           "is_demo", "nik_key", "NikKeyMismatch", "MIGRATIONS", "SCHEMA_VERSION", "DATA_TABLES"]
