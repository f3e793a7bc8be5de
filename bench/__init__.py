"""Benchmarks: a generator of large six-language reports (:mod:`bench.generate`) and the
``make bench`` driver (:mod:`bench.run`). Not part of the installed ``reportgen`` package."""
