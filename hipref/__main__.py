"""``python -m hipref`` runs the same entry point as the ``hipref`` command."""

import gc

gc.disable()  # before the first import: see "start-up tricks" in hipref.app

from hipref.cli import run  # noqa: E402

run()
