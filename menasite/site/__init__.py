"""The whole site: the safe build (MkDocs into a work folder, site-wide steps, a one-step swap),
the output folder, signals and locks, and the translation status. Imports nothing of ``cli``."""
