"""The Mena partnership site: data -> validation -> pages -> site.

Plain Python modules that never import MkDocs, so the logic can be tested on its own and
survives a change of engine. The MkDocs hooks in ``hooks/`` only adapt these modules.

data -> validation:
- ``problems``     error reports that name file, line, field, expected and found
- ``textfiles``    reads UTF-8 files, naming the line of a bad byte
- ``yamldoc``      reads YAML data with the line of every field
- ``schema``       checks data against ``data/schema/`` (JSON Schema), in plain words
- ``dataset``      loads every data file once, checks files against each other
- ``aggregate``    totals that never count joint or overlapping records twice
- ``glossary``     one spelling of every name, in three languages
- ``strings``      the site's own interface words per language
pages:
- ``siteconfig``   reads ``mkdocs.yml`` (site address, languages) without MkDocs
- ``translations`` which page exists in which language; fallbacks; hreflang alternates
- ``markers``      [[g:...]], [[n:...]] and [[todo:...]] markers in markdown
- ``figures``      figures in a report's text, checked against its data
- ``pagecontext``  what the templates show for one page in one language
- ``sitestate``    everything a build needs, loaded once per build
site:
- ``postbuild``    site-wide steps over the whole output (sitemap, 404s, link checks)
- ``build``        the safe build: MkDocs into a temporary folder, checks, then swap
- ``translation_status`` missing and stale translations from the git history
- ``scaffold``     a new quarterly report from templates
- ``messages``     messages to editors in Ukrainian and English (``messages_uk``)
- ``commands``     the commands of ./run and what they print
- ``serve``        the live preview for editors
"""
