"""The Mena partnership site: data -> validation -> pages -> site.

Plain Python modules that never import MkDocs, so the logic can be tested on its own and
survives a change of engine. The MkDocs hooks in ``hooks/`` only adapt these modules.

- ``problems``     error reports that name file, line, field, expected and found
- ``siteconfig``   reads ``mkdocs.yml`` (site address, languages) without MkDocs
- ``textfiles``    reads UTF-8 files and YAML with line numbers
- ``glossary``     one spelling of every name, in three languages
- ``strings``      the site's own interface words per language
- ``markers``      [[g:...]] and [[todo:...]] markers in markdown
- ``translations`` which page exists in which language; fallbacks; hreflang alternates
- ``postbuild``    site-wide steps over the whole output (sitemap, 404s, link checks)
- ``build``        the safe build command: MkDocs into a temporary folder, then swap
"""
