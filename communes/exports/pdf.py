"""Writing PDFs: the page frame of a Vietnamese administrative document (Decree 30/2020/NĐ-CP).

Every PDF the portal builds extends ``templates/exports/pdf_frame.html`` and goes through
:func:`render_pdf`, so each one has the decree's page (A4; margins 20 mm top and bottom, 30 mm left,
15 mm right; 13 pt text; page numbers at the top from page 2), its title block (issuing body,
number, national title and motto, place and date, kind and title), one serif with every Vietnamese
letter embedded, and a closing block (last paragraph, "Nơi nhận", signature) that is never split
across a page break.

The serif is Tinos (Debian's ``fonts-croscore``, metrically the same as Times New Roman, which the
decree's samples use). The charts keep Be Vietnam Pro, the portal's screen font.
"""

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

SERIF = "Tinos"
SERIF_DIR = Path("/usr/share/fonts/truetype/croscore")
SERIF_PACKAGE = "fonts-croscore"
SERIF_FILES = {
    ("normal", 400): "Tinos-Regular.ttf",
    ("normal", 700): "Tinos-Bold.ttf",
    ("italic", 400): "Tinos-Italic.ttf",
    ("italic", 700): "Tinos-BoldItalic.ttf",
}
SANS = "Be Vietnam Pro"
SANS_FILES = {
    ("normal", 400): "BeVietnamPro-Regular.ttf",
    ("normal", 700): "BeVietnamPro-Bold.ttf",
    ("normal", 600): "BeVietnamPro-SemiBold.ttf",
}
BLANK_NUMBER = "\u00a0" * 12  # room to write the number in by hand
UNIT_PREFIXES = ("Thành phố ", "Thị xã ", "Huyện ", "Quận ", "Tỉnh ")
# WeasyPrint logs every layout step at INFO: keep the worker's log for what matters.
logging.getLogger("weasyprint").setLevel(logging.WARNING)


class MissingFont(ImproperlyConfigured):
    """A font file the page frame embeds is not installed."""


@dataclass(frozen=True)
class Letterhead:
    """The top of an administrative document: issuing body, number, place and date, kind and title."""

    parent: str  # the body above the issuer ("UBND TỈNH ĐIỆN BIÊN"); empty for a people's committee
    issuer: str  # may span two lines ("ỦY BAN NHÂN DÂN\nHUYỆN MƯỜNG NHÉ")
    author: str  # the issuer inside a sentence ("Sở Nội vụ tỉnh Điện Biên")
    symbol: str  # "BC-SNV": the number before it is written in by hand when the document is issued
    place: str
    day: date
    title: str  # the kind of document ("BÁO CÁO")
    subtitle: str  # what it is about
    recipient: str

    @property
    def issuer_lines(self) -> list[str]:
        return self.issuer.splitlines()

    @property
    def number_line(self) -> str:
        return _("Số:%(blank)s/%(symbol)s") % {"blank": BLANK_NUMBER, "symbol": self.symbol}

    @property
    def date_line(self) -> str:
        return vietnamese_date_line(self.place, self.day)

    @property
    def annex_reference(self) -> str:
        """ "(Kèm theo Báo cáo số      /BC-SNV ngày 01/12/2026 của Sở Nội vụ tỉnh Điện Biên)"."""
        return _("(Kèm theo %(kind)s số%(blank)s/%(symbol)s ngày %(day)s của %(author)s)") % {
            "kind": self.title[:1] + self.title[1:].lower(),
            "blank": BLANK_NUMBER,
            "symbol": self.symbol,
            "day": self.day.strftime("%d/%m/%Y"),
            "author": self.author,
        }


def vietnamese_date_line(place: str, day: date) -> str:
    """ "Điện Biên, ngày 05 tháng 02 năm 2022": a leading zero for days under 10 and for months 1
    and 2, as Decree 30/2020/NĐ-CP asks."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("%(place)s, ngày %(day)s tháng %(month)s năm %(year)s") % {
        "place": place,
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def place_name(name: str) -> str:
    """ "Huyện Mường Nhé" -> "Mường Nhé"."""
    for prefix in UNIT_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def lower_first(name: str) -> str:
    """ "Tỉnh Điện Biên" -> "tỉnh Điện Biên" (in the middle of a sentence)."""
    return name[:1].lower() + name[1:]


def _faces(family: str, folder: Path, files: dict[tuple[str, int], str], package: str) -> list[dict]:
    faces = []
    for (style, weight), name in files.items():
        path = folder / name
        if not path.is_file():
            raise MissingFont(
                _("Thiếu phông chữ %(family)s (%(path)s) để lập tệp PDF: cài gói %(package)s.")
                % {"family": family, "path": path, "package": package}
            )
        faces.append({"family": family, "style": style, "weight": weight, "url": path.as_uri()})
    return faces


def font_faces() -> list[dict]:
    """@font-face rules (file:// URLs) for the serif of the text and the sans-serif of the charts;
    :class:`MissingFont` names the package to install when a file is missing."""
    return [
        *_faces(SERIF, SERIF_DIR, SERIF_FILES, SERIF_PACKAGE),
        *_faces(SANS, Path(settings.PDF_FONT_DIR), SANS_FILES, "fontpkg-be-vietnam-pro"),
    ]


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML document whose relative URLs start at the project's folder."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def render_pdf(template: str, context: dict) -> bytes:
    """The PDF of ``template`` (which extends ``exports/pdf_frame.html``), in the site's language."""
    faces = font_faces()
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, {**context, "font_faces": faces})
    return html_to_pdf(html)
