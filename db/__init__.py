"""Persistence: tables, engine, migrations, and the queries and writes the pages call."""
