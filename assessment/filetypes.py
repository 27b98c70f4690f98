"""Which evidence files the portal accepts, judged from their content, never from the name alone.

A file must have an allowed extension AND its bytes must be that kind of file: a program or a
text file renamed ``.pdf`` is refused. Word and Excel files are zip packages (.docx/.xlsx, holding
``word/`` or ``xl/`` entries) or OLE2 compound files (.doc/.xls, holding a ``WordDocument`` or
``Workbook`` stream).
"""

import zipfile
from typing import IO

import filetype
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
HEAD_BYTES = 8192
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# extension -> (the kind its content must be, MIME type served)
ALLOWED = {
    "pdf": ("pdf", "application/pdf"),
    "jpg": ("jpg", "image/jpeg"),
    "jpeg": ("jpg", "image/jpeg"),
    "png": ("png", "image/png"),
    "doc": ("doc", "application/msword"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xls": ("xls", "application/vnd.ms-excel"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
KIND_LABELS = {
    "pdf": "PDF",
    "jpg": "ảnh JPEG",
    "png": "ảnh PNG",
    "doc": "Word",
    "docx": "Word",
    "xls": "Excel",
    "xlsx": "Excel",
}


class EvidenceFileError(ValueError):
    """The file is refused; the message says why, in the user's language."""


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_evidence_file(name: str, size: int, stream: IO[bytes]) -> str:
    """The MIME type of an acceptable evidence file, or :class:`EvidenceFileError` saying why not."""
    expected = ALLOWED.get(extension(name))
    if expected is None:
        raise EvidenceFileError(
            _("Tệp “%(name)s”: chỉ nhận PDF, ảnh (JPEG, PNG), Word (.doc, .docx) hoặc Excel (.xls, .xlsx).")
            % {"name": name}
        )
    if size == 0:
        raise EvidenceFileError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    if size > MAX_BYTES:
        raise EvidenceFileError(
            _("Tệp “%(name)s” nặng %(mb)s MB, vượt quá giới hạn 10 MB.")
            % {"name": name, "mb": f"{size / 1024 / 1024:.1f}".replace(".", ",")}
        )
    kind, mime = expected
    if kind not in content_kinds(stream):
        raise EvidenceFileError(
            _(
                "Tệp “%(name)s” có đuôi .%(ext)s nhưng nội dung không phải %(kind)s: tệp có "
                "thể đã bị đổi đuôi. Hãy tải lên đúng tệp gốc."
            )
            % {"name": name, "ext": extension(name), "kind": KIND_LABELS[kind]}
        )
    return mime


def content_kinds(stream: IO[bytes]) -> set[str]:
    """What the bytes really are, among the allowed kinds (empty for anything else)."""
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    if head.startswith(ZIP_MAGIC):
        return {k for k in [_office_open_xml_kind(stream)] if k}
    if head.startswith(OLE_MAGIC):
        return _ole_kinds(stream)
    guessed = filetype.guess(head)
    if guessed and guessed.extension in {"pdf", "jpg", "png"}:
        return {guessed.extension}
    return set()


def _office_open_xml_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        stream.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None


def _ole_kinds(stream: IO[bytes]) -> set[str]:
    # Stream names sit in the compound file's directory, stored as UTF-16LE; an installer or other
    # OLE2 file renamed .doc has neither of these streams.
    data = stream.read(MAX_BYTES + 1)
    stream.seek(0)
    kinds = set()
    if "WordDocument".encode("utf-16-le") in data:
        kinds.add("doc")
    if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
        kinds.add("xls")
    return kinds
