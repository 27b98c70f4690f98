"""Reference data: Vietnam's 54 ethnic groups (GSO codes), commune positions and their standards.

The standards for cadres and civil servants follow Circular 13/2019/TT-BNV as plan 703 cites it;
its exact text was not in hand, so those rows are provisional until the Department checks them.
The minimum general education of part-time and village workers is stated in plan 703 itself
(section II.3), so those rows are not provisional. Loaded by migration 0002; later edits are
made in the portal (or the admin), and installing again never overwrites them.
"""

from datetime import date

ETHNIC_GROUPS = [
    ("01", "Kinh"),
    ("02", "Tày"),
    ("03", "Thái"),
    ("04", "Hoa"),
    ("05", "Khơ Me"),
    ("06", "Mường"),
    ("07", "Nùng"),
    ("08", "Mông"),
    ("09", "Dao"),
    ("10", "Gia Rai"),
    ("11", "Ngái"),
    ("12", "Ê Đê"),
    ("13", "Ba Na"),
    ("14", "Xơ Đăng"),
    ("15", "Sán Chay"),
    ("16", "Cơ Ho"),
    ("17", "Chăm"),
    ("18", "Sán Dìu"),
    ("19", "Hrê"),
    ("20", "Mnông"),
    ("21", "Ra Glai"),
    ("22", "Xtiêng"),
    ("23", "Bru Vân Kiều"),
    ("24", "Thổ"),
    ("25", "Giáy"),
    ("26", "Cơ Tu"),
    ("27", "Giẻ Triêng"),
    ("28", "Mạ"),
    ("29", "Khơ Mú"),
    ("30", "Co"),
    ("31", "Tà Ôi"),
    ("32", "Chơ Ro"),
    ("33", "Kháng"),
    ("34", "Xinh Mun"),
    ("35", "Hà Nhì"),
    ("36", "Chu Ru"),
    ("37", "Lào"),
    ("38", "La Chí"),
    ("39", "La Ha"),
    ("40", "Phù Lá"),
    ("41", "La Hủ"),
    ("42", "Lự"),
    ("43", "Lô Lô"),
    ("44", "Chứt"),
    ("45", "Mảng"),
    ("46", "Pà Thẻn"),
    ("47", "Cơ Lao"),
    ("48", "Cống"),
    ("49", "Bố Y"),
    ("50", "Si La"),
    ("51", "Pu Péo"),
    ("52", "Brâu"),
    ("53", "Ơ Đu"),
    ("54", "Rơ Măm"),
]

# (code, name, category); order follows the list.
POSITIONS = [
    ("bi-thu-dang-uy", "Bí thư Đảng ủy", "cadre"),
    ("pho-bi-thu-dang-uy", "Phó Bí thư Đảng ủy", "cadre"),
    ("chu-tich-hdnd", "Chủ tịch HĐND", "cadre"),
    ("pho-chu-tich-hdnd", "Phó Chủ tịch HĐND", "cadre"),
    ("chu-tich-ubnd", "Chủ tịch UBND", "cadre"),
    ("pho-chu-tich-ubnd", "Phó Chủ tịch UBND", "cadre"),
    ("chu-tich-mttq", "Chủ tịch Ủy ban MTTQ Việt Nam", "cadre"),
    ("bi-thu-doan", "Bí thư Đoàn TNCS Hồ Chí Minh", "cadre"),
    ("chu-tich-hoi-phu-nu", "Chủ tịch Hội Liên hiệp Phụ nữ", "cadre"),
    ("chu-tich-hoi-nong-dan", "Chủ tịch Hội Nông dân", "cadre"),
    ("chu-tich-hoi-ccb", "Chủ tịch Hội Cựu chiến binh", "cadre"),
    ("chi-huy-truong-quan-su", "Chỉ huy trưởng Ban Chỉ huy Quân sự", "civil_servant"),
    ("van-phong-thong-ke", "Văn phòng - thống kê", "civil_servant"),
    ("dia-chinh-nong-nghiep", "Địa chính - nông nghiệp - xây dựng và môi trường", "civil_servant"),
    ("dia-chinh-do-thi", "Địa chính - xây dựng - đô thị và môi trường", "civil_servant"),
    ("tai-chinh-ke-toan", "Tài chính - kế toán", "civil_servant"),
    ("tu-phap-ho-tich", "Tư pháp - hộ tịch", "civil_servant"),
    ("van-hoa-xa-hoi", "Văn hóa - xã hội", "civil_servant"),
    ("pho-chi-huy-truong-quan-su", "Phó Chỉ huy trưởng Ban Chỉ huy Quân sự", "part_time"),
    ("van-phong-dang-uy", "Văn phòng Đảng ủy", "part_time"),
    ("pho-chu-tich-mttq", "Phó Chủ tịch Ủy ban MTTQ Việt Nam", "part_time"),
    ("pho-bi-thu-doan", "Phó Bí thư Đoàn TNCS Hồ Chí Minh", "part_time"),
    ("pho-chu-tich-hoi-phu-nu", "Phó Chủ tịch Hội Liên hiệp Phụ nữ", "part_time"),
    ("pho-chu-tich-hoi-nong-dan", "Phó Chủ tịch Hội Nông dân", "part_time"),
    ("pho-chu-tich-hoi-ccb", "Phó Chủ tịch Hội Cựu chiến binh", "part_time"),
    ("chu-tich-hoi-nguoi-cao-tuoi", "Chủ tịch Hội Người cao tuổi", "part_time"),
    ("chu-tich-hoi-chu-thap-do", "Chủ tịch Hội Chữ thập đỏ", "part_time"),
    ("van-thu-thu-quy", "Văn thư - lưu trữ - thủ quỹ", "part_time"),
    ("thu-y-khuyen-nong", "Thú y - khuyến nông", "part_time"),
    ("bi-thu-chi-bo", "Bí thư Chi bộ thôn, bản, tổ dân phố", "village"),
    ("truong-thon", "Trưởng thôn, bản, tổ dân phố", "village"),
    ("truong-ban-mat-tran", "Trưởng Ban công tác Mặt trận", "village"),
]

CIRCULAR_13 = "Thông tư 13/2019/TT-BNV ngày 06/11/2019 của Bộ Nội vụ"
PLAN_703 = "Kế hoạch 703/KH-UBND ngày 17/3/2021 của UBND tỉnh Điện Biên, mục II.3"
PROVISIONAL_NOTE = "Mức tối thiểu dự kiến theo Thông tư 13/2019/TT-BNV như Kế hoạch 703 dẫn; cần đối chiếu văn bản gốc."

# Levels: general education 1 primary / 2 lower / 3 upper secondary; professional 2 = intermediate;
# political theory 2 = intermediate; state management 1 = trained; IT 1 = basic certificate.
CADRE = {"min_general_education": 3, "min_professional_level": 2, "min_political_theory": 2, "min_it_level": 1}
COMMITTEE_LEADER = {**CADRE, "min_state_management": 1}
CIVIL_SERVANT = {"min_general_education": 3, "min_professional_level": 2, "min_it_level": 1}


def _standard_for(code: str, category: str) -> dict:
    if category == "cadre":
        levels = COMMITTEE_LEADER if code in {"chu-tich-ubnd", "pho-chu-tich-ubnd"} else CADRE
        return {
            "valid_from": date(2019, 12, 25),
            "legal_basis": CIRCULAR_13,
            "is_provisional": True,
            "note": PROVISIONAL_NOTE,
            **levels,
        }
    if category == "civil_servant":
        return {
            "valid_from": date(2019, 12, 25),
            "legal_basis": CIRCULAR_13,
            "is_provisional": True,
            "note": PROVISIONAL_NOTE + " Trung cấp chuyên môn áp dụng cho xã miền núi, vùng khó khăn.",
            **CIVIL_SERVANT,
        }
    education = 2 if category == "part_time" else 1
    return {
        "valid_from": date(2021, 3, 17),
        "legal_basis": PLAN_703,
        "is_provisional": False,
        "min_general_education": education,
    }


def _live_models() -> tuple[type, type, type]:
    from personnel.models import Ethnicity, Position, Standard

    return Ethnicity, Position, Standard


def install(models: tuple[type, type, type] | None = None) -> None:
    """Create the ethnic groups, positions and default standards that are missing (idempotent).

    The migration passes its historical models (Ethnicity, Position, Standard); tests call it
    bare after a database flush. Existing rows are left as the province edited them.
    """
    Ethnicity, Position, Standard = models or _live_models()
    for code, name in ETHNIC_GROUPS:
        Ethnicity.objects.get_or_create(code=code, defaults={"name": name})
    for order, (code, name, category) in enumerate(POSITIONS, start=1):
        position, created = Position.objects.get_or_create(
            code=code, defaults={"name": name, "category": category, "order": order * 10}
        )
        if created:
            fields = _standard_for(code, category)
            Standard.objects.create(position=position, **fields)
