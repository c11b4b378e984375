"""``python -m hipref`` runs the same entry point as the ``hipref`` command."""

from hipref.cli import run

run()
