"""python -m menasite COMMAND: the project's commands (./run calls them; see menasite.cli)."""

import sys

from menasite.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
