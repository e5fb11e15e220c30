"""The benchmark is run by `make bench`, never collected by pytest (not even for doctests)."""

collect_ignore = ["bench.py", "corpus.py"]
