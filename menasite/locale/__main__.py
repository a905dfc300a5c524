"""python -m menasite.locale: the Ukrainian catalogue brought up to date with the code (./run messages)."""

import sys

from menasite.locale import main

if __name__ == "__main__":
    sys.exit(main())
