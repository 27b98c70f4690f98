"""Hostile spreadsheets for the upload tests: zip bombs of three kinds, built in memory."""

import io
import struct
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = "</sheetData></worksheet>"


def xlsx(sheet_xml: bytes) -> bytes:
    """A workbook package around ``sheet_xml`` (compressed as Excel does, with deflate)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def dense_sheet(megabytes: float) -> bytes:
    """Sheet XML of ``megabytes`` of identical rows: it compresses about 180 to 1."""
    row = "<row>" + '<c t="n"><v>1</v></c>' * 10 + "</row>"
    count = int(megabytes * 1024 * 1024 // len(row))
    return (SHEET_HEAD + row * count + SHEET_TAIL).encode()


def padded_sheet(header: Sequence[str], *, megabytes: float = 0, last_row: int | None = None) -> bytes:
    """Sheet XML: the ``header`` row, ``megabytes`` of empty rows, and one cell on ``last_row`` if given."""

    def text_cell(text: str) -> str:
        return f'<c t="inlineStr"><is><t>{escape(text)}</t></is></c>'

    rows = f'<row r="1">{"".join(text_cell(t) for t in header)}</row>'
    rows += "<row/>" * int(megabytes * 1024 * 1024 // len("<row/>"))
    if last_row is not None:
        rows += f'<row r="{last_row}">{text_cell("x")}</row>'
    return (SHEET_HEAD + rows + SHEET_TAIL).encode()


def zip_bomb(megabytes: float = 60) -> bytes:
    """A small .xlsx whose sheet honestly unpacks to ``megabytes`` of XML."""
    return xlsx(SHEET_HEAD.encode() + b" " * int(megabytes * 1024 * 1024) + SHEET_TAIL.encode())


def lying_zip_bomb(megabytes: float = 60) -> bytes:
    """A zip bomb whose directory claims each member unpacks to a few hundred bytes."""
    data = bytearray(zip_bomb(megabytes))
    claimed = 300
    offset = 0
    while (offset := data.find(b"PK\x01\x02", offset)) != -1:  # central directory entries
        struct.pack_into("<I", data, offset + 24, claimed)
        offset += 4
    offset = 0
    while (offset := data.find(b"PK\x03\x04", offset)) != -1:  # local headers
        struct.pack_into("<I", data, offset + 22, claimed)
        offset += 4
    return bytes(data)
