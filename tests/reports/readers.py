"""Read built files back as a person (or another program) would."""

import io
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def pdf_text(content: bytes) -> str:
    """The PDF's text with whitespace folded to single spaces (pdftotext, poppler-utils)."""
    if not Path(PDFTOTEXT).exists():
        pytest.fail("pdftotext is missing: apt-get install poppler-utils")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        out = subprocess.run([PDFTOTEXT, "-layout", "-enc", "UTF-8", handle.name, "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def sheet_table(content: bytes, title: str) -> tuple[list[str], list[list]]:
    """The header and data rows of a sheet (rows below the header until the first empty STT cell)."""
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [list(r) for r in workbook[title].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r and r[0] == "STT")
    data = []
    for row in rows[start + 1 :]:
        if row[0] in (None, ""):
            break
        data.append(row)
    footer = rows[start + 1 + len(data) :]
    return rows[start], data + [["FOOTER", *r] for r in footer if any(v not in (None, "") for v in r)]


def as_decimal(value) -> Decimal:  # noqa: ANN001
    return Decimal(str(value)).quantize(Decimal("0.01"))
