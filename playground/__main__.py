"""`python -m playground`: the same as `kneebot playground`."""

import sys

from bot.__main__ import main

if __name__ == "__main__":
    sys.exit(main(["playground", *sys.argv[1:]]))
