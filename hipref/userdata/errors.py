"""What using the user data can raise: each message is the reason, in one line."""

from __future__ import annotations


class UserDataError(Exception):
    """The user data cannot be used as asked; the message is the reason, in one line."""


class UserDataWriteError(UserDataError):
    """A change could not be stored (read-only data, a full disk, ...); nothing was changed."""


class NoteConflict(UserDataError):
    """The note changed in the database since the editor loaded it (another window saved it)."""

    def __init__(self, ref: str, theirs: str) -> None:
        super().__init__(f"the note on {ref} was changed in another window")
        self.ref = ref
        self.theirs = theirs
