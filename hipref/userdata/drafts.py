"""Notes that could not be saved, kept in a small file beside the user database.

When ``user.sqlite`` refuses a note (a lock, an I/O error, a file turned read-only), the text
must outlive the window without being written into that failing file. It goes to
``drafts.json`` in the same folder, replaced atomically (a temporary file, flushed, renamed),
under a lock so that two windows merge their drafts instead of overwriting each other's.
Each draft keeps the note it was based on, so saving it later is still compare-and-set.
If even this file cannot be written (a full disk, a read-only folder), :meth:`Drafts.put`
says so and the draft lives only in the window, as before.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from hipref.userdata.folder_lock import locked

log = logging.getLogger(__name__)

DRAFTS_NAME = "drafts.json"
LOCK_NAME = ".drafts.lock"


@dataclass(frozen=True)
class Draft:
    text: str  # what the user typed
    base: str  # the stored note the editor had loaded: what a later save expects to find
    why: str  # why it was not saved, in one line
    at: str = ""


class Drafts:
    """The drafts file of one data folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / DRAFTS_NAME

    def load(self) -> dict[str, Draft]:
        """The drafts on disk (none if the file is missing or unreadable)."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("cannot read the drafts in %s: %s", self.path, exc)
            return {}
        drafts = {}
        for ref, entry in raw.items() if isinstance(raw, dict) else ():
            try:
                drafts[ref] = Draft(str(entry["text"]), str(entry["base"]), str(entry["why"]), str(entry.get("at", "")))
            except (KeyError, TypeError):
                log.warning("skipping a malformed draft for %r in %s", ref, self.path)
        return drafts

    def put(self, ref: str, draft: Draft) -> bool:
        """Keep ``draft`` for ``ref`` on disk; False if it could not be written."""
        stamped = Draft(draft.text, draft.base, draft.why, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
        return self._update(lambda drafts: drafts.__setitem__(ref, stamped))

    def drop(self, ref: str) -> bool:
        """Forget the draft for ``ref`` (it was saved, or given up); False if that failed."""
        if not self.path.exists():
            return True
        return self._update(lambda drafts: drafts.pop(ref, None))

    def _update(self, change) -> bool:
        try:
            with locked(self.folder / LOCK_NAME):
                drafts = self.load()
                change(drafts)
                self._write(drafts)
        except OSError as exc:
            log.warning("cannot write the drafts in %s: %s", self.path, exc)
            return False
        return True

    def _write(self, drafts: dict[str, Draft]) -> None:
        if not drafts:
            self.path.unlink(missing_ok=True)
            return
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}-{secrets.token_hex(4)}.part")
        try:
            with open(partial, "w", encoding="utf-8") as handle:
                # ensure_ascii: a lone surrogate (not storable as UTF-8) survives as an escape.
                json.dump({ref: asdict(draft) for ref, draft in drafts.items()}, handle, ensure_ascii=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, self.path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
