"""The PDF reports as a Department of Home Affairs receives them (Decree 30/2020/NĐ-CP): the title
block, the serif with every Vietnamese letter embedded, the closing block never alone on a page,
and the annex that accounts for every commune of the year."""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.template import engines
from django.utils import timezone

from assessment.models import Status
from communes.exports import pdf as frame
from communes.exports.pdf import Letterhead, MissingFont, html_to_pdf, render_pdf
from communes.models import Commune, year_day
from reports.models import ReportKind
from reports.services import jobs
from reports.services.pdf import commune_annex
from tests.assessment.factories import make_year
from tests.assessment.factories_review import bulk_year
from tests.factories import CommuneFactory, province_reviewer
from tests.reports.readers import PDFTOTEXT

VIETNAMESE = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
CLOSING = "Trên đây là báo cáo"
STYLES = ("", "font-weight:700", "font-style:italic", "font-weight:700;font-style:italic")


def _pages(content: bytes) -> list[str]:
    """The text of each page (pdftotext -f N -l N), whitespace folded."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        pages = []
        for number in range(1, 1000):
            out = subprocess.run(
                [PDFTOTEXT, "-layout", "-enc", "UTF-8", "-f", str(number), "-l", str(number), handle.name, "-"],
                capture_output=True,
            )
            if out.returncode != 0:  # past the last page
                break
            pages.append(" ".join(out.stdout.decode().split()))
    assert pages, "pdftotext read no page"
    return pages


def _fonts(content: bytes) -> list[tuple[str, str]]:
    """(font name, embedded "yes"/"no") of each font pdffonts lists."""
    pdffonts = shutil.which("pdffonts") or "/usr/bin/pdffonts"
    if not Path(pdffonts).exists():
        pytest.fail("pdffonts is missing: apt-get install poppler-utils")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        out = subprocess.run([pdffonts, handle.name], capture_output=True, check=True).stdout.decode()
    rows = []
    for line in out.splitlines()[2:]:
        fields = line.split()
        # name type [type...] encoding emb sub uni object ID: emb is the 5th field from the end.
        rows.append((fields[0], fields[-5]))
    return rows


def _build(actor, kind: str, year: int = 2021, district=None) -> bytes:  # noqa: ANN001
    job = jobs.report_job_start(actor=actor, kind=kind, year=year, province=actor.province, district=district)
    assert job.status == "succeeded", job.error
    with job.file.open("rb") as handle:
        return handle.read()


def _annex(pages: list[str]) -> str:
    start = next(i for i, page in enumerate(pages) if "Phụ lục" in page and "(Kèm theo Báo cáo số" in page)
    return " ".join(pages[start:])


def _closing_is_not_alone(pages: list[str]) -> None:
    signed = [i for i, page in enumerate(pages) if "Nơi nhận:" in page]
    assert len(signed) == 1, signed
    page = pages[signed[0]]
    assert CLOSING in page, page[:300]
    assert page.index(CLOSING) < page.index("Nơi nhận:")


# --- the title block ------------------------------------------------------------------------------


def test_the_province_report_opens_with_the_decree_30_title_block(world, sample):
    content = _build(world.province_user, ReportKind.PROVINCE_ANNUAL_PDF)
    first = _pages(content)[0]
    day = timezone.localdate()
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    # Left: issuing body and number; right: national title, motto, place and date (one line each).
    assert "UBND TỈNH ĐIỆN BIÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc" in first
    assert re.search(rf"Số: /BC-SNV Điện Biên, ngày {day.day:02d} tháng {month} năm {day.year}", first), first[:400]
    assert "BÁO CÁO Kết quả đánh giá, xếp loại chính quyền cơ sở năm 2021" in first


def test_the_district_report_is_issued_by_the_districts_peoples_committee(world, sample):
    first = _pages(_build(world.reviewer, ReportKind.DISTRICT_ANNUAL_PDF, district=world.district))[0]
    assert "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "HUYỆN MƯỜNG NHÉ Độc lập - Tự do - Hạnh phúc" in first
    assert "Số: /BC-UBND Mường Nhé, ngày" in first


def test_the_annex_reference_names_the_report_it_belongs_to():
    from datetime import date

    head = Letterhead(
        parent="UBND TỈNH ĐIỆN BIÊN",
        issuer="SỞ NỘI VỤ",
        author="Sở Nội vụ tỉnh Điện Biên",
        symbol="BC-SNV",
        place="Điện Biên",
        day=date(2026, 12, 1),
        title="BÁO CÁO",
        subtitle="",
        recipient="",
    )
    text = " ".join(head.annex_reference.split())
    assert text == "(Kèm theo Báo cáo số /BC-SNV ngày 01/12/2026 của Sở Nội vụ tỉnh Điện Biên)"
    assert " ".join(head.number_line.split()) == "Số: /BC-SNV"


MM = 72 / 25.4  # points in a millimetre
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def _words(content: bytes) -> tuple[set[tuple[int, int]], list[tuple[float, float, float, float, str]]]:
    """The pages' sizes in millimetres and every word's box in points (pdftotext -bbox)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        out = subprocess.run([PDFTOTEXT, "-bbox", handle.name, "-"], capture_output=True, check=True).stdout.decode()
    sizes = {(round(float(w) / MM), round(float(h) / MM)) for w, h in PAGE.findall(out)}
    return sizes, [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WORD.findall(out)]


def test_the_page_is_a4_with_the_decrees_margins(world, sample):
    content = _build(world.province_user, ReportKind.PROVINCE_ANNUAL_PDF)
    sizes, words = _words(content)
    assert sizes == {(210, 297)}  # A4
    text = [w for w in words if w[1] > 20 * MM]  # below the page numbers, which sit in the top margin
    assert min(w[0] for w in text) >= 30 * MM - 0.5  # left margin 30 mm
    assert max(w[2] for w in text) <= (210 - 15) * MM + 1  # right margin 15 mm
    assert max(w[3] for w in text) <= (297 - 20) * MM  # bottom margin 20 mm
    numbers = [w for w in words if w[1] <= 20 * MM]
    assert numbers and all(w[4].isdigit() for w in numbers)  # only page numbers in the top margin


# --- the serif --------------------------------------------------------------------------------------


def test_the_report_embeds_the_serif_and_no_other_font_for_its_text(world, sample):
    fonts = _fonts(_build(world.province_user, ReportKind.PROVINCE_ANNUAL_PDF))
    names = {name.split("+")[-1]: embedded for name, embedded in fonts}
    assert names.get("Tinos") == "yes" and names.get("Tinos-Bold") == "yes"  # the regular face is "Tinos"
    assert names.get("Tinos-Italic") == "yes"
    assert all(embedded == "yes" for _name, embedded in fonts), fonts
    assert not [n for n in names if "DejaVu" in n], names  # no fallback: every letter is in the serif


def test_every_vietnamese_letter_prints_in_the_serif_in_each_style():
    letters = VIETNAMESE + VIETNAMESE.lower()
    spaced = " ".join(letters)  # one line of 134 letters would run off the page
    body = "".join(f'<p style="{style}">{spaced}</p>' for style in STYLES)
    html = f"<html><head><style>{_faces_css()}</style></head><body style='font-family:Tinos'>{body}</body></html>"
    content = html_to_pdf(html)
    assert " ".join(_pages(content)).replace(" ", "") == letters * len(STYLES)
    assert {name.split("+")[-1] for name, _e in _fonts(content)} == {
        "Tinos",
        "Tinos-Bold",
        "Tinos-Italic",
        "Tinos-Bold-Italic",
    }


def _faces_css() -> str:
    return "".join(
        f'@font-face {{ font-family: "{f["family"]}"; font-style: {f["style"]}; font-weight: {f["weight"]}; '
        f'src: url("{f["url"]}"); }}'
        for f in frame.font_faces()
    )


def test_a_missing_serif_is_named_with_the_package_to_install(world, monkeypatch, tmp_path):
    monkeypatch.setattr(frame, "SERIF_DIR", tmp_path)
    with pytest.raises(MissingFont, match="fonts-croscore"):
        render_pdf("reports/pdf_term_summary.html", {})
    make_year(2021)
    job = jobs.report_job_start(
        actor=world.province_user, kind=ReportKind.TERM_SUMMARY_PDF, year=2021, province=world.province, district=None
    )
    assert job.status == "failed" and "Thiếu phông chữ Tinos" in job.error and "fonts-croscore" in job.error


# --- the closing block ------------------------------------------------------------------------------

FILLER = (
    "Ủy ban nhân dân các xã đã tổ chức tự đánh giá, chấm điểm theo từng tiêu thức, gửi hồ sơ thẩm định "
    "đúng thời hạn; các cơ quan chuyên môn đã hướng dẫn, kiểm tra và tổng hợp kết quả đầy đủ."
)
TEST_REPORT = """{% extends "exports/pdf_frame.html" %}
{% block body %}{% for i in paragraphs %}<p>{{ forloop.counter }}. {{ filler }}</p>{% endfor %}<div style="height: {{ gap }}mm"></div>{% endblock %}
{% block closing %}<p>Trên đây là báo cáo kết quả của Sở Nội vụ./.</p>{% endblock %}
{% block recipients %}- UBND tỉnh (b/c);<br>- Lưu: VT, XDCQ.{% endblock %}
{% block signer %}GIÁM ĐỐC{% endblock %}"""


def _frame_pdf(paragraphs: int, gap: int = 0) -> bytes:
    from datetime import date

    head = Letterhead(
        "UBND TỈNH ĐIỆN BIÊN", "SỞ NỘI VỤ", "Sở Nội vụ", "BC-SNV", "Điện Biên", date(2026, 12, 1), "BÁO CÁO", "Thử", ""
    )
    template = engines["django"].from_string(TEST_REPORT)
    html = template.render(
        {"head": head, "font_faces": frame.font_faces(), "paragraphs": range(paragraphs), "filler": FILLER, "gap": gap}
    )
    return html_to_pdf(html)


@pytest.mark.parametrize("gap", [32, 36, 40, 44, 48])
def test_the_signature_never_stands_alone_on_a_page_whatever_the_length(gap):
    # Eight paragraphs and a gap of 40-44 mm end the text at the foot of page 1: unless the closing
    # block is kept whole, "Nơi nhận" and the signature are pushed alone onto page 2.
    pages = _pages(_frame_pdf(8, gap))
    assert len(pages) == 2
    _closing_is_not_alone(pages)
    assert pages[1].startswith("2 ")  # page numbers at the top, from page 2 on
    assert not pages[0].startswith("1 ")


@pytest.mark.parametrize(
    "kind",
    [
        ReportKind.PROVINCE_ANNUAL_PDF,
        ReportKind.DISTRICT_ANNUAL_PDF,
        ReportKind.DISTRICT_HALF_YEAR_PDF,
        ReportKind.TERM_SUMMARY_PDF,
    ],
)
def test_every_report_signs_on_the_page_of_its_last_paragraph(world, sample, kind):
    district = world.district if kind in (ReportKind.DISTRICT_ANNUAL_PDF, ReportKind.DISTRICT_HALF_YEAR_PDF) else None
    actor = world.reviewer if district else world.province_user
    _closing_is_not_alone(_pages(_build(actor, kind, district=district)))


# --- the annex --------------------------------------------------------------------------------------


def test_the_province_annex_lists_every_commune_of_the_year_with_its_status(world, sample):
    never_opened = CommuneFactory(district=world.other_district, name="Xã Mường Pồn")
    pages = _pages(_build(world.province_user, ReportKind.PROVINCE_ANNUAL_PDF))
    assert "trong tổng số 8 xã, kể cả các xã chưa được công nhận kết quả, tại Phụ lục kèm theo." in " ".join(pages)
    annex = _annex(pages)
    confirmed, draft, submitted, missing = (
        str(Status.FINALIZED.label),
        str(Status.DRAFT.label),
        str(Status.SUBMITTED.label),
        "Chưa mở bản đánh giá",
    )
    expected = [  # district by district in code order, communes in code order
        ("Xã Mường Nhé", "Huyện Mường Nhé", f"360 Tốt x {confirmed}"),
        ("Xã Sín Thầu", "Huyện Mường Nhé", f"300 Khá {confirmed}"),
        ("Xã Nà Hỳ", "Huyện Mường Nhé", f"220 Trung bình {confirmed}"),
        ("Xã Chà Cang", "Huyện Mường Nhé", f"– {draft}"),
        ("Xã Thanh Xương", "Huyện Điện Biên", f"180 Yếu {confirmed}"),
        ("Xã Thanh Nưa", "Huyện Điện Biên", f"300 Khá x {confirmed}"),
        ("Xã Pa Thơm", "Huyện Điện Biên", f"– {submitted}"),
        ("Xã Mường Pồn", "Huyện Điện Biên", f"– {missing}"),
    ]
    assert never_opened.name == expected[-1][0]
    for number, (name, district, result) in enumerate(expected, start=1):
        assert f"{number} {name} {district} {result}" in annex, (name, annex)
    assert "Cộng: 8 xã." in annex
    assert "Xã Ka Lăng" not in annex and "Xã Dào San" not in annex  # the other province's


def test_the_district_annex_lists_the_districts_communes_only(world, sample):
    annex = _annex(_pages(_build(world.reviewer, ReportKind.DISTRICT_ANNUAL_PDF, district=world.district)))
    for row in [
        "1 Xã Mường Nhé 360 Tốt x",
        "2 Xã Sín Thầu 300 Khá",
        "3 Xã Nà Hỳ 220 Trung bình",
        f"4 Xã Chà Cang – {Status.DRAFT.label}",
    ]:
        assert row in annex
    assert "Cộng: 4 xã." in annex and "Xã Thanh Xương" not in annex


def test_the_annex_counts_129_communes_on_the_old_map_and_45_on_the_new_in_a_fixed_number_of_queries(
    dienbien, django_assert_max_num_queries
):
    old = Commune.objects.filter(province=dienbien).valid_on(year_day(2021))
    new = Commune.objects.filter(province=dienbien).valid_on(year_day(2026))
    old_year, new_year = make_year(2021), make_year(2026, has_district_level=False)
    bulk_year(old_year, list(old)[:100])  # 29 communes never opened
    bulk_year(new_year, list(new))
    province_reviewer(dienbien, list(new.order_by("code"))[:10], first_name="Thị Hoa", last_name="Lò")
    with django_assert_max_num_queries(2):
        old_rows = commune_annex(old_year, old, "district")
    with django_assert_max_num_queries(2):
        new_rows = commune_annex(new_year, new, "reviewer")
    assert len(old_rows) == 129 and len({r.unit for r in old_rows}) == 10
    assert len([r for r in old_rows if r.status == "Chưa mở bản đánh giá"]) == 29
    assert len(new_rows) == 45
    assert [r.unit for r in new_rows[:10]] == ["Lò Thị Hoa"] * 10 and {r.unit for r in new_rows[10:]} == {
        "Chưa phân công"
    }
    assert all(r.final_class == "" for r in new_rows if r.status != Status.FINALIZED.label)
