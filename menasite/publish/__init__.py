"""./run publish: a production build of the current commit, taken to the council's web space.

MkDocs-free. ``source`` refuses what must not go live and makes the clean checkout,
``manifest`` says what a release holds (sha256 per file) and what changed against the live one,
``folder`` publishes releases side by side with a one-step switch (here or over SSH, rsync),
``ftp`` uploads in an order that never leaves a page linking to a missing file (lftp), and
``archive`` writes a deterministic zip for a control panel.
"""
