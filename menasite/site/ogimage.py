"""The sharing image (og:image) of each language: 1200×630 PNG drawn at build time from the
site's name and data (``menasite.pages.pagemeta.sharing_image_lines``).

The font is bundled (menasite/site/fonts/, DejaVu Sans: Cyrillic and Polish letters) so that a
build depends on no system font, and the PNG is written without a date or other metadata: two
builds of the same sources give the same bytes. No coat of arms is drawn: the council has not
supplied one, and it is never invented.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from menasite.pages.pagemeta import SHARING_IMAGE_HEIGHT, SHARING_IMAGE_WIDTH, sharing_image_lines, sharing_image_path

FONTS = Path(__file__).parent / "fonts"
BACKGROUND = "#17324d"  # the site's dark blue; white text on it has a contrast of about 13:1
TEXT = "#ffffff"
ACCENT = "#ffd43b"
MARGIN = 80


def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def wrapped(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels, broken between words."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


@functools.cache  # the same lines give the same bytes: drawn once per process (the test suite builds often)
def draw_image(title: str, subtitle: str, facts: str) -> bytes:
    """One image: the title large, the council and the key figures under it."""
    image = Image.new("RGB", (SHARING_IMAGE_WIDTH, SHARING_IMAGE_HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = SHARING_IMAGE_WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, SHARING_IMAGE_WIDTH, 16), fill=ACCENT)
    y = 110
    title_font = _font(True, 64)
    for line in wrapped(title, title_font, width):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += 80
    y += 40
    for text, font, gap in ((subtitle, _font(False, 36), 50), (facts, _font(False, 30), 44)):
        for line in wrapped(text, font, width):
            draw.text((MARGIN, y), line, font=font, fill=TEXT)
            y += gap
        y += 24
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)  # no date, no metadata: the same bytes each build
    return output.getvalue()


def write_sharing_images(site: Path, state) -> list[Path]:
    """assets/social/<lang>.png for every language of the site."""
    written = []
    for lang in state.config.codes:
        target = site / sharing_image_path(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(draw_image(*sharing_image_lines(state, lang)))
        written.append(target)
    return written
