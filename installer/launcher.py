"""Entry script for the frozen build (desk_assistant.spec).

desk_assistant/__main__.py uses a relative import, which fails when PyInstaller
runs it as a top-level script; this does the same with absolute imports.
"""

import multiprocessing
import sys

from desk_assistant.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the engine's spawned worker re-enters here
    sys.exit(main())
