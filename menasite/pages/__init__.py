"""What each page shows in each language: the site's settings, which page exists in which
language, markers, figures, formats, views of the data, the raw-HTML allow-list, and the state
a build loads once. The MkDocs hook uses this layer only. Imports nothing of ``site`` or ``cli``."""
