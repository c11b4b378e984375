"""Store: the content database, defined by peewee models (the builder writes it with them) and
read by the app with plain SQL through the standard sqlite3 module, never written (no Qt)."""
