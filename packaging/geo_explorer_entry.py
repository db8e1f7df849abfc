"""Entry point of the frozen app: the same ``main`` as the ``geo-explorer`` console script.

This file is only read by PyInstaller (see geo-explorer.spec); it is not part
of any package. The folder it lives in must stay a plain folder (no
``__init__.py``): a package named ``packaging`` would shadow the library.
"""
import multiprocessing
import sys

if __name__ == "__main__":
    # A no-op unless a worker process is started with multiprocessing.
    multiprocessing.freeze_support()
    from explorer.cli import main

    sys.exit(main())
