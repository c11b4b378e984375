"""Read ``resources/content/<type>/<slug>.md`` files into :class:`EntryRecord` objects."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from hipref.content.records import EntryRecord, Problem
from hipref.content.schema import COMMON_FIELDS, TYPES

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REF_RE = re.compile(r"^([a-z]+)/([a-z0-9]+(?:-[a-z0-9]+)*)$")


class FrontMatterLoader(yaml.SafeLoader):
    """YAML 1.2-style booleans: only true/false. ``verified: yes`` stays the text "yes"."""


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def content_files(root: Path) -> list[Path]:
    """Every entry file under ``root``, in a stable order (README files excluded)."""
    return sorted(p for t in TYPES for p in (root / t).glob("*.md"))


def split_front_matter(text: str) -> tuple[str, str] | None:
    """Return (front matter, body) of a document that starts with a ``---`` block."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4 : end + 5] not in ("\n", ""):
        end = text.find("\n---", end + 4)
    if end == -1:
        return None
    return text[4:end], text[end + 4 :].lstrip("\n")


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [str(value).strip()]


def read_entry(path: Path, root: Path) -> tuple[EntryRecord | None, list[Problem]]:
    """Parse one entry file; problems are returned rather than raised."""
    where = path.relative_to(root).as_posix()
    type_, slug = path.parent.name, path.stem
    problems: list[Problem] = []
    if not SLUG_RE.match(slug):
        problems.append(Problem(where, f"file name {slug!r} is not a valid slug"))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(where, f"cannot read: {exc}")]
    parts = split_front_matter(text)
    if parts is None:
        return None, [Problem(where, "no front matter (the file must start with a --- block)")]
    try:
        meta = yaml.load(parts[0], Loader=FrontMatterLoader) or {}
    except yaml.YAMLError as exc:
        return None, [Problem(where, f"front matter is not valid YAML: {exc}")]
    if not isinstance(meta, dict):
        return None, [Problem(where, "front matter must be a mapping of fields")]
    extras = {str(k): v for k, v in meta.items() if k not in COMMON_FIELDS}
    record = EntryRecord(
        type=type_,
        slug=slug,
        path=where,
        title=_as_text(meta.get("title")),
        aliases=_as_list(meta.get("aliases")),
        summary=_as_text(meta.get("summary")),
        plain=_as_text(meta.get("plain")),
        body=parts[1].rstrip() + "\n" if parts[1].strip() else "",
        links=_as_list(meta.get("links")),
        fields=extras,
    )
    return record, problems


def load_content(root: Path) -> tuple[list[EntryRecord], list[Problem]]:
    """All entries under ``root`` with the problems met while reading them."""
    records: list[EntryRecord] = []
    problems: list[Problem] = []
    unknown = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name not in TYPES) if root.is_dir() else []
    for name in unknown:
        problems.append(Problem(name, "unknown entry type folder"))
    if not root.is_dir():
        problems.append(Problem(str(root), "content folder not found"))
        return records, problems
    for path in content_files(root):
        record, found = read_entry(path, root)
        problems.extend(found)
        if record is not None:
            records.append(record)
    return records, problems


def content_hash(root: Path, extra_files: Iterable[Path] = (), salt: str = "") -> str:
    """SHA-256 over every content file's relative name and bytes, plus source texts."""
    digest = hashlib.sha256(salt.encode())
    for path in [*content_files(root), *sorted(extra_files)]:
        name = path.name if not path.is_relative_to(root) else path.relative_to(root).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
