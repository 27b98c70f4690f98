"""The archive of a locked year: one ZIP holding everything the province keeps of that year.

Inside: the annual PDF and the province workbook (the same builders as their own report jobs),
every commune's score sheet (``phieu-cham/<district or reviewer group>/<code>-<name>.xlsx``), the
evidence files (``minh-chung/<group>/<code>-<name>/tieu-chi-NN/<safe original name>``), then
``manifest.json`` (path, size, SHA-256 and what each file is; the year, the province, who built
it and when) and ``DANH-MUC.txt``, the same list to read.

The ZIP is written to a temporary file on disk, one member at a time (evidence is copied in chunks),
so memory stays at one score sheet or one PDF whatever the year's size. :func:`archive_verify`
checks an archive against its manifest.
"""

import hashlib
import json
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from unidecode import unidecode

from assessment.models import Assessment, AssessmentYear, Evidence
from assessment.selectors.review import reviewer_groups
from assessment.services.excel import score_sheet_build
from communes.models import Commune, Role, User
from reports import selectors
from reports.models import ReportJob
from reports.services.files import BuiltFileOnDisk, Progress

MANIFEST = "manifest.json"
LISTING = "DANH-MUC.txt"
FORMAT = "portal-year-archive"
CHUNK = 256 * 1024
# The check refuses what it would take too long to read, as uploads of workbooks do (zip bombs).
MAX_MEMBERS = 200_000
MAX_MANIFEST_BYTES = 50 * 1024 * 1024

KIND_LABELS = {
    "annual_pdf": gettext_lazy("Báo cáo năm của tỉnh (PDF)"),
    "province_workbook": gettext_lazy("Bảng tổng hợp của tỉnh (Excel)"),
    "score_sheet": gettext_lazy("Phiếu chấm điểm của xã"),
    "evidence": gettext_lazy("Tài liệu minh chứng"),
}


def may_archive(user: User) -> bool:
    """Year archives hold every commune's files: province staff (and administrators) only."""
    return user.is_superuser or user.role == Role.PROVINCE_STAFF


def archive_refusal(*, actor: User, year: int) -> str | None:
    """Why ``actor`` cannot archive ``year`` (only province staff, only a locked year), else None."""
    if not may_archive(actor):
        return _("Chỉ cán bộ Sở Nội vụ (tài khoản cấp tỉnh) được tạo bản lưu trữ năm.")
    if not AssessmentYear.objects.filter(year=year, is_locked=True).exists():
        return _(
            "Năm %(year)s chưa khóa sổ: bản lưu trữ chỉ lập cho năm đã khóa sổ, khi kết quả không còn "
            "thay đổi. Hãy khóa sổ năm ở trang xác nhận kết quả rồi tạo lại."
        ) % {"year": year}
    return None


# --- names inside the archive ----------------------------------------------------------------------


def slug(text: str, limit: int = 60) -> str:
    """ASCII, lower case, words joined by hyphens: "Xã Mường Nhé" -> "xa-muong-nhe"."""
    folded = re.sub(r"[^a-z0-9]+", "-", unidecode(text or "").lower()).strip("-")
    return folded[:limit].strip("-") or "khong-ten"


def safe_name(name: str, limit: int = 100) -> str:
    """A file name safe on every system: no folders, ASCII letters, digits, dot, hyphen, underscore."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    path = PurePosixPath(unidecode(base))
    suffix = re.sub(r"[^A-Za-z0-9]", "", path.suffix)[:10].lower()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem if suffix else path.name).strip("-._")
    stem = stem[: limit - len(suffix) - 1] or "tep"
    return f"{stem}.{suffix}" if suffix else stem


def _unique(path: str, taken: set[str]) -> str:
    candidate, n = path, 1
    stem, suffix = (path.rsplit(".", 1) + [""])[:2] if "." in PurePosixPath(path).name else (path, "")
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{suffix}" if suffix else f"{stem}-{n}"
    taken.add(candidate)
    return candidate


def _group_folders(communes: list[Commune], year: AssessmentYear) -> dict[int, str]:
    """Commune id -> its folder: its district (a year with districts) or its reviewer group."""
    if year.has_district_level:
        return {
            c.pk: f"{c.district.code}-{slug(c.district.name)}" if c.district_id else "khong-huyen" for c in communes
        }
    keys = selectors.group_of(Commune.objects.filter(pk__in=[c.pk for c in communes]), selectors.REVIEWER)
    names = {g.pk: slug(g.name) for g in reviewer_groups(keys.values())}
    return {c.pk: names.get(keys.get(c.pk), "chua-phan-cong") for c in communes}


# --- writing ---------------------------------------------------------------------------------------------


@dataclass
class _Writer:
    """Adds members to the ZIP, hashing each while it is written, and keeps the manifest's rows."""

    zf: zipfile.ZipFile
    files: list[dict[str, Any]] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)

    def add(self, path: str, chunks: Iterable[bytes], kind: str, **about: Any) -> None:  # noqa: ANN401
        path = _unique(path, self.taken)
        digest, size = hashlib.sha256(), 0
        with self.zf.open(path, "w", force_zip64=True) as target:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
        self.files.append({"path": path, "size": size, "sha256": digest.hexdigest(), "kind": kind, **about})


def _chunks(handle: IO[bytes]) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK):
        yield chunk


def _scaled(progress: Progress, start: int, end: int) -> Progress:
    """A sub-builder's 0-100 progress mapped onto start..end of the archive's."""
    return lambda percent, message: progress(start + (end - start) * percent // 100, message)


def build_year_archive(job: ReportJob, progress: Progress) -> BuiltFileOnDisk:
    """The year archive ZIP of ``job.year`` for ``job.province`` (kind year_archive_zip)."""
    from reports.services import pdf, xlsx

    year = AssessmentYear.objects.select_related("criteria_set").filter(year=job.year).first()
    if year is None or not year.is_locked:
        raise ValueError(_("năm %(year)s chưa khóa sổ nên không lập được bản lưu trữ") % {"year": job.year})
    progress(2, _("Bắt đầu lập bản lưu trữ"))
    # On disk, never in memory; the archive is in the portal's own language, as the record it is.
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed by the with below, kept for the job runner
        prefix="luu-tru-", suffix=".zip", delete=False, dir=settings.FILE_UPLOAD_TEMP_DIR
    )
    path = Path(handle.name)
    try:
        with (
            handle,
            translation.override(settings.LANGUAGE_CODE),
            zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf,
        ):
            writer = _Writer(zf)
            annual = pdf.build_province_annual(job, _scaled(progress, 3, 15))
            writer.add(f"bao-cao/{annual.filename}", [annual.content], "annual_pdf")
            del annual
            workbook = xlsx.build_province_workbook(job, _scaled(progress, 15, 25))
            writer.add(f"bao-cao/{workbook.filename}", [workbook.content], "province_workbook")
            del workbook
            missing = _add_communes(writer, job, year, _scaled(progress, 25, 96))
            progress(97, _("Đang ghi danh mục tệp"))
            manifest = _manifest(job, year, writer.files, missing)
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            zf.writestr(LISTING, _listing(manifest))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    progress(99, _("Đang lưu tệp"))
    return BuiltFileOnDisk(path, f"luu-tru-danh-gia-chinh-quyen-co-so-{job.year}.zip")


def _add_communes(writer: _Writer, job: ReportJob, year: AssessmentYear, progress: Progress) -> dict[str, list]:
    """Each commune of the year: its score sheet and its evidence; returns what could not be added."""
    communes = list(
        selectors.communes_of_year(Commune.objects.filter(province=job.province), year.year)
        .select_related("district")
        .order_by("code")
    )
    folders = _group_folders(communes, year)
    assessments = {
        a.commune_id: a
        for a in Assessment.objects.filter(year=year, commune__in=[c.pk for c in communes]).select_related(
            "year__criteria_set", "commune__district", "commune__province"
        )
    }
    missing: dict[str, list] = {"communes_without_assessment": [], "evidence_missing": []}
    for index, commune in enumerate(communes):
        progress(
            100 * index // max(len(communes), 1),
            _("Đang đóng gói %(name)s (%(n)s/%(total)s)")
            % {"name": commune.name, "n": index + 1, "total": len(communes)},
        )
        assessment = assessments.get(commune.pk)
        if assessment is None:
            missing["communes_without_assessment"].append({"code": commune.code, "name": commune.name})
            continue
        stem = f"{commune.code}-{slug(commune.name)}"
        about = {"commune": commune.code, "commune_name": commune.name}
        writer.add(
            f"phieu-cham/{folders[commune.pk]}/{stem}.xlsx",
            [score_sheet_build(assessment=assessment)],
            "score_sheet",
            **about,
        )
        _add_evidence(writer, assessment, f"minh-chung/{folders[commune.pk]}/{stem}", about, missing)
    progress(100, _("Đã đóng gói %(total)s xã") % {"total": len(communes)})
    return missing


def _add_evidence(writer: _Writer, assessment: Assessment, folder: str, about: dict, missing: dict) -> None:
    evidence = Evidence.objects.filter(score__assessment=assessment).select_related("score__criterion")
    for item in evidence.order_by("score__criterion__number", "uploaded_at", "pk"):
        number = item.score.criterion.number
        path = f"{folder}/tieu-chi-{number:02d}/{safe_name(item.original_name)}"
        try:
            source = item.file.open("rb")
        except (FileNotFoundError, ValueError):
            missing["evidence_missing"].append({**about, "criterion": number, "original_name": item.original_name})
            continue
        with source:
            writer.add(path, _chunks(source), "evidence", **about, criterion=number, original_name=item.original_name)


def _manifest(job: ReportJob, year: AssessmentYear, files: list[dict], missing: dict) -> dict:
    who = job.created_by
    return {
        "format": FORMAT,
        "version": 1,
        "year": year.year,
        "year_locked_at": timezone.localtime(year.locked_at).isoformat() if year.locked_at else None,
        "province": {"code": job.province.code, "name": job.province.name},
        "built_by": {"username": who.username, "name": who.get_full_name()},
        "built_at": timezone.localtime().isoformat(timespec="seconds"),
        "job": job.pk,
        "files": files,
        **missing,
    }


def _listing(manifest: dict) -> str:
    """DANH-MUC.txt: the manifest for a person (Vietnamese, dd/mm/yyyy)."""
    built = datetime.fromisoformat(manifest["built_at"])
    who = manifest["built_by"]
    lines = [
        _("DANH MỤC BẢN LƯU TRỮ KẾT QUẢ ĐÁNH GIÁ CHÍNH QUYỀN CƠ SỞ NĂM %(year)s") % {"year": manifest["year"]},
        manifest["province"]["name"],
        _("Người lập: %(name)s · lúc %(when)s")
        % {"name": who["name"] or who["username"], "when": built.strftime("%H:%M %d/%m/%Y")},
        _("Số tệp: %(count)s. Mỗi dòng: đường dẫn | dung lượng (byte) | mã SHA-256 | nội dung.")
        % {"count": len(manifest["files"])},
        "",
    ]
    for row in manifest["files"]:
        what = str(KIND_LABELS.get(row["kind"], row["kind"]))
        if row.get("commune_name"):
            what = f"{what} · {row['commune_name']}"
        if row.get("criterion"):
            what = f"{what} · " + _("tiêu chí %(n)s") % {"n": row["criterion"]}
        lines.append(f"{row['path']} | {row['size']} | {row['sha256']} | {what}")
    if manifest["communes_without_assessment"]:
        lines += ["", _("Xã không có kết quả đánh giá năm này:")]
        lines += [f"- {c['code']} {c['name']}" for c in manifest["communes_without_assessment"]]
    if manifest["evidence_missing"]:
        lines += ["", _("Tài liệu minh chứng không còn trên máy chủ (không có trong bản lưu trữ):")]
        lines += [
            f"- {e['commune_name']} · {e['criterion']}: {e['original_name']}" for e in manifest["evidence_missing"]
        ]
    return "\n".join(lines) + "\n"


# --- checking ---------------------------------------------------------------------------------------------


@dataclass
class ArchiveCheck:
    """The problems found (none: the archive matches its manifest) and the manifest when readable."""

    problems: list[str]
    manifest: dict | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def archive_check(file: str | Path | IO[bytes], *, max_uncompressed: int | None = None) -> ArchiveCheck:
    """Read the archive's manifest and compare every member with it: missing, extra or altered files.

    ``max_uncompressed`` refuses an archive whose members would unpack to more (a zip bomb); the
    members are read in chunks, never whole."""
    try:
        zf = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, EOFError):
        return ArchiveCheck([_("Tệp không phải tệp nén ZIP hoặc đã bị hỏng.")])
    with zf:
        infos = [info for info in zf.infolist() if not info.is_dir()]
        if len(infos) > MAX_MEMBERS:
            return ArchiveCheck([_("Tệp nén chứa quá nhiều tệp: đây không phải bản lưu trữ của cổng.")])
        if max_uncompressed is not None and sum(i.file_size for i in infos) > max_uncompressed:
            return ArchiveCheck(
                [
                    _(
                        "Tệp nén quá lớn khi giải nén: đây không phải bản lưu trữ của cổng, hoặc hãy kiểm tra bằng lệnh verify_archive."
                    )
                ]
            )
        manifest, problem = _read_manifest(zf)
        if problem:
            return ArchiveCheck([problem])
        return ArchiveCheck(_compare(zf, infos, manifest["files"]), manifest)


def archive_verify(file: str | Path | IO[bytes], *, max_uncompressed: int | None = None) -> list[str]:
    """The problems of the archive against its manifest (an empty list: everything matches)."""
    return archive_check(file, max_uncompressed=max_uncompressed).problems


def _read_manifest(zf: zipfile.ZipFile) -> tuple[dict, str | None]:
    unreadable = _("Không đọc được danh mục (manifest.json) của tệp lưu trữ.")
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        return {}, _("Tệp nén không có danh mục (manifest.json): đây không phải bản lưu trữ của cổng.")
    if info.file_size > MAX_MANIFEST_BYTES:
        return {}, unreadable
    try:
        manifest = json.loads(zf.read(info).decode("utf-8"))
    except (ValueError, zipfile.BadZipFile, OSError, EOFError):
        return {}, unreadable
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return {}, unreadable
    rows = manifest.get("files")
    valid = isinstance(rows, list) and all(
        isinstance(r, dict)
        and isinstance(r.get("path"), str)
        and isinstance(r.get("size"), int)
        and isinstance(r.get("sha256"), str)
        for r in rows
    )
    return (manifest, None) if valid else ({}, unreadable)


def _compare(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], rows: list[dict]) -> list[str]:
    problems: list[str] = []
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if info.filename in members:
            problems.append(_("%(path)s: có hai tệp cùng tên trong tệp nén.") % {"path": info.filename})
        members[info.filename] = info
    listed = set()
    for row in rows:
        path = row["path"]
        listed.add(path)
        info = members.get(path)
        if info is None:
            problems.append(_("%(path)s: thiếu tệp (có trong danh mục nhưng không có trong tệp nén).") % {"path": path})
            continue
        size, digest = _digest(zf, info)
        if digest is None:
            problems.append(_("%(path)s: tệp bị hỏng, không đọc được.") % {"path": path})
        elif size != row["size"] or digest != row["sha256"]:
            problems.append(_("%(path)s: nội dung đã thay đổi (mã SHA-256 không khớp với danh mục).") % {"path": path})
    for path in members.keys() - listed - {MANIFEST, LISTING}:
        problems.append(_("%(path)s: tệp thừa (không có trong danh mục).") % {"path": path})
    return problems


def _digest(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, str | None]:
    digest, size = hashlib.sha256(), 0
    try:
        with zf.open(info) as source:
            for chunk in _chunks(source):
                digest.update(chunk)
                size += len(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
        return size, None
    return size, digest.hexdigest()
