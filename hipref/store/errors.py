"""Errors a user can do something about, kept apart from bugs."""

from __future__ import annotations


class UnusableDatabaseError(Exception):
    """The content database cannot be used; the message says what is wrong and what to do."""

    def __init__(self, path: object, problem: str, remedy: str) -> None:
        self.path = path
        self.problem = problem
        self.remedy = remedy
        super().__init__(f"{problem}: {path}. {remedy}")
