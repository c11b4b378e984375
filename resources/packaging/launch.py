"""The bundled program's entry point: the same as the ``hipref`` command."""

import gc

gc.disable()  # before the first import: see hipref.cli.run

from hipref.cli import run  # noqa: E402

run()
