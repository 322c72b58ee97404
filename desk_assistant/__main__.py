import multiprocessing
import sys

from .cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the engine's spawned child in a frozen (PyInstaller) build
    sys.exit(main())
