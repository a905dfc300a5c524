"""The sharing image (og:image) of each language: 1200×630 PNG drawn at build time from the
site's name and data (``menasite.pages.pagemeta.sharing_image_lines``).

The font is bundled (menasite/site/fonts/, DejaVu Sans: Cyrillic and Polish letters) so that a
build depends on no system font, and the PNG is written without a date or other metadata: two
builds of the same sources give the same bytes. So an image once drawn is kept for the next
builds in the project's .cache/sharing-images/ (``menasite.kept``), under a hash of all it is
drawn from (its texts and size, the fonts, this module, the versions of Pillow and of the
libraries it uses): drawing and compressing the three took a third of a second of every build.
No coat of arms is drawn: the council has not supplied one, and it is never invented.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from menasite.kept import file_hash, keep, read_kept
from menasite.pages.pagemeta import SHARING_IMAGE_HEIGHT, SHARING_IMAGE_WIDTH, sharing_image_lines, sharing_image_path

if TYPE_CHECKING:
    from PIL import ImageFont

FONTS = Path(__file__).parent / "fonts"
BACKGROUND = "#17324d"  # the site's dark blue; white text on it has a contrast of about 13:1
TEXT = "#ffffff"
ACCENT = "#ffd43b"
MARGIN = 80


def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

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
    from PIL import Image, ImageDraw  # here: a build that draws nothing never loads Pillow

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


def write_sharing_images(site: Path, state, kept_in: Path | None = None) -> list[Path]:
    """assets/social/<lang>.png for every language of the site; ``kept_in``: the folder of
    images drawn by earlier builds."""
    written = []
    for lang in state.config.codes:
        target = site / sharing_image_path(lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(kept_image(sharing_image_lines(state, lang), kept_in))
        written.append(target)
    return written


def kept_image(lines: Sequence[str], folder: Path | None) -> bytes:
    """The image of ``lines``: as an earlier build drew it if it is kept in ``folder``, else
    drawn (and kept there: ``kept``)."""
    if folder is None:
        return draw_image(*lines)
    key = f"{_drawing_key(lines)}.png"
    image = read_kept(folder, key)
    if image is None:
        image = draw_image(*lines)
        keep(folder, key, image)
    return image


def _drawing_key(lines: Sequence[str]) -> str:
    """A hash of everything an image is drawn from: its texts and size, this module, the fonts,
    and the versions of Pillow and of the libraries it draws and compresses with."""
    from PIL import __version__ as pillow_version
    from PIL import features

    made_with = [pillow_version, str(features.version("freetype2")), str(features.version("zlib"))]
    size = [str(SHARING_IMAGE_WIDTH), str(SHARING_IMAGE_HEIGHT)]
    key = hashlib.sha256("\0".join([*lines, *size, *made_with]).encode("utf-8"))
    for path in (Path(__file__), *sorted(FONTS.glob("*.ttf"))):
        key.update(file_hash(path))
    return key.hexdigest()
