"""Store: peewee models, the content database as an owned object, and its read queries (no Qt)."""
