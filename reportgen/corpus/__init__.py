"""``reportgen corpus`` (issue 26): check, align and build memories over a folder of
report folders, on Dask.

The stage has three parts: :mod:`~reportgen.corpus.tasks` (a pure function of one
report folder → its rows; what runs on a worker), :mod:`~reportgen.corpus.store` (OUT:
each report's rows as they arrive, then the Parquet tables and TMX shards) and
:mod:`~reportgen.corpus.driver` (the Dask client). ``inputs`` finds the reports and the
digest that makes a run resumable.
"""

from reportgen.corpus.driver import Progress, run_corpus
from reportgen.corpus.store import SCHEMAS, TABLES, Totals

__all__ = ["Progress", "run_corpus", "SCHEMAS", "TABLES", "Totals"]
