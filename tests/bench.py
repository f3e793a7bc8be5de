"""Kept for ``python -m tests.bench``: the benchmark now lives in the top-level ``bench``
package (``make bench`` = ``python -m bench.run``; see docs/PERFORMANCE.md)."""

from __future__ import annotations

import sys

from bench.run import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
