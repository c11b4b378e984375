"""peewee models of the user's own database (bookmarks, notes, history).

Keyed by ``type/slug`` rather than content ids, so everything survives a content update. The
classes here are bound to no database: each :class:`~hipref.userdata.store.UserData` makes its
own subclasses bound to its own file (:func:`bind_models`), so two of them in one process never
write to each other's file.
"""

from __future__ import annotations

import peewee as pw


class UserModel(pw.Model):
    class Meta:
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


class BoundModels:
    """The user models bound to one database, as attributes named like the classes."""

    def __init__(self, database: pw.Database) -> None:
        for model in USER_MODELS:
            meta = type("Meta", (), {"database": database, "table_name": model._meta.table_name})
            setattr(self, model.__name__, type(model.__name__, (model,), {"Meta": meta, "__module__": __name__}))
        self.all = tuple(getattr(self, model.__name__) for model in USER_MODELS)

    Bookmark: type[Bookmark]
    Note: type[Note]
    Visit: type[Visit]
