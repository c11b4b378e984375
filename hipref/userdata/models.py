"""peewee models of the user's own database (bookmarks, notes, history).

Keyed by ``type/slug`` rather than content ids, so everything survives a content update.
"""

from __future__ import annotations

import peewee as pw

user_db = pw.DatabaseProxy()


class UserModel(pw.Model):
    class Meta:
        database = user_db
        legacy_table_names = False


class Bookmark(UserModel):
    ref = pw.CharField(unique=True)
    title = pw.CharField()
    created = pw.CharField()


class Note(UserModel):
    ref = pw.CharField(unique=True)
    text = pw.TextField()
    updated = pw.CharField()


class Visit(UserModel):
    ref = pw.CharField(index=True)
    title = pw.CharField()
    at = pw.CharField(index=True)


USER_MODELS = (Bookmark, Note, Visit)
