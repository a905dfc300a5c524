"""The Mena partnership site: data -> validation -> pages -> site.

Plain Python that never imports MkDocs, so the logic can be tested on its own and survives a
change of engine; the MkDocs hook in ``hooks/`` only adapts the ``pages`` layer. Each layer
imports only the layers above it in this list, never one below:

- foundation (this folder): ``messages`` (what editors read, Ukrainian or English),
  ``problems`` (file, line, field, expected, found), ``current`` (the file being worked on);
- ``data``: the sources read and checked (files, YAML, schemas, the dataset, totals, names,
  the repository's history);
- ``pages``: what each page shows in each language (site settings, translations, markers,
  figures, formats, views, the raw-HTML allow-list, the state a build loads once);
- ``site``: the whole site (the safe build, site-wide steps, the output folder, signals and
  locks, translation status);
- ``cli``: the commands of ``./run`` and ``mena`` (build, check, serve, new-report, ...).
"""
