"""What a report builder hands back and how it reports progress: below both the builders
(``pdf``, ``xlsx``) and the job runner (``jobs``), so neither imports the other for them."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BuiltFile:
    """A finished report: its bytes and the file name the user downloads."""

    content: bytes
    filename: str


@dataclass(frozen=True)
class BuiltFileOnDisk:
    """A finished report too large to hold in memory (the year archive): a temporary file on disk
    that the job runner copies into storage in chunks and then deletes."""

    path: Path
    filename: str


# progress(percent, what is being done now): the job runner stores it for the progress bar.
Progress = Callable[[int, str], None]
