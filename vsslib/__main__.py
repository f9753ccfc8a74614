"""`python -m vsslib …` does what the `vss` command does (where no `vss` script is on the PATH)."""

import sys

from vsslib.cli import main

if __name__ == "__main__":  # not when a spawned build worker imports this module as its parent's __main__
    sys.exit(main())
