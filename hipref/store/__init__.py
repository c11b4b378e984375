"""Store: peewee models, opening the databases, and named read queries (no Qt)."""
