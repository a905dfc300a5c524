"""A MkDocs hook for the benchmark's baseline: after the site's own hook has filled in a page's
generated parts, the page's markdown (its front matter put back) is written under
$MENA_BENCH_CAPTURE, so that stock MkDocs can build the same content without the hook."""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from menasite.pages.htmlblocks import with_blocks_as_written

_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@event_priority(-200)  # after hooks/i18n_pages.py and i18n
def on_page_markdown(markdown, page, config, files):
    language = config.plugins["i18n"].current_language
    if not page.file.src_uri.startswith(f"{language}/"):
        return markdown  # a fallback page: stock i18n makes it from the Ukrainian page itself
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(source)
    target = Path(os.environ["MENA_BENCH_CAPTURE"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    completed = page.meta.get("mena_completed")  # the parts' HTML blocks, set aside by the hook
    captured = with_blocks_as_written(markdown, completed.block_originals) if completed else markdown
    target.write_text((front[0] if front else "") + captured, encoding="utf-8")
    return markdown
