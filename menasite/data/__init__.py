"""The sources, read and checked: UTF-8 files, YAML with the line of every value, JSON Schemas,
the dataset (every data file, checked against each other), totals, names, and the history of
the repository. Imports nothing of ``pages``, ``site`` or ``cli``."""
