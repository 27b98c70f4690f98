"""Vietnamese texts for the demo data: why a commune scored a criterion below its maximum, what
the district said, why the province criticised, and the improvement plans' tasks.

Plain data, keyed by criterion number (Decision 34/2011 set); demo.py picks among them.
"""

# Criterion number -> (a minor shortfall, a serious one): the commune's explanation of its self score.
SELF_NOTES: dict[int, tuple[str, str]] = {
    1: (
        "Một kỳ họp chuyên đề tổ chức chậm so với kế hoạch do trùng lịch bầu cử.",
        "Chưa tổ chức đủ các cuộc giám sát theo chương trình; tiếp xúc cử tri ở 3 bản vùng cao chưa thực hiện.",
    ),
    2: (
        "Hai báo cáo định kỳ gửi huyện chậm hạn.",
        "Một số nhiệm vụ huyện giao hoàn thành chậm; giao ban với trưởng bản chưa duy trì đều hằng tháng.",
    ),
    3: (
        "Thu ngân sách đạt 96% dự toán do thu tiền sử dụng đất thấp.",
        "Thu không đạt dự toán; quyết toán năm trước bị huyện yêu cầu điều chỉnh một số khoản chi.",
    ),
    4: (
        "Còn 2 trường hợp lấn chiếm đất chưa xử lý dứt điểm.",
        "Để xảy ra tình trạng phá rừng làm nương ở 2 bản; thu gom rác thải chưa đến các bản xa.",
    ),
    5: (
        "Một tuyến đường liên bản hư hỏng sau mưa lũ, chưa khắc phục xong.",
        "Còn công trình xây dựng không phép; duy tu đường giao thông nông thôn chưa kịp thời.",
    ),
    6: (
        "Tiêu chí nông thôn mới về thu nhập chưa đạt kế hoạch năm.",
        "Diện tích trồng rừng mới và chuyển đổi cây trồng đạt thấp; chỉ đạt 11/19 tiêu chí nông thôn mới.",
    ),
    7: (
        "Tỷ lệ hộ nghèo giảm 2,1%, chưa đạt chỉ tiêu 3% Nghị quyết HĐND giao.",
        "Tỷ lệ hộ nghèo còn cao; một số hồ sơ chính sách xã hội lập chậm, chi trả chưa đúng hạn.",
    ),
    8: (
        "Tỷ lệ huy động trẻ 3-5 tuổi ra lớp đạt 97%.",
        "Còn học sinh bỏ học ở các bản vùng cao; chưa duy trì chuẩn phổ cập giáo dục tiểu học mức độ 2.",
    ),
    9: (
        "Tỷ lệ tiêm chủng mở rộng đạt 94%, thấp hơn kế hoạch.",
        "Tỷ lệ sinh con thứ ba trở lên tăng; còn tình trạng tảo hôn ở một số bản.",
    ),
    10: (
        "Hai bản chưa duy trì hoạt động đội văn nghệ quần chúng.",
        "Hệ thống loa truyền thanh hư hỏng chưa sửa; tỷ lệ gia đình văn hóa giảm so với năm trước.",
    ),
    11: (
        "Một số hồ sơ hộ tịch còn sai sót nhỏ, đã chỉnh sửa.",
        "Tổ hòa giải ở 3 bản hoạt động chưa hiệu quả; công tác phổ biến pháp luật chưa đến đồng bào vùng cao.",
    ),
    12: (
        "Niêm yết công khai thủ tục hành chính chưa cập nhật kịp bộ thủ tục mới.",
        "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 86%; bộ phận Một cửa chưa bố trí đủ công chức trực thường xuyên.",
    ),
    13: (
        "Một đơn kiến nghị giải quyết quá thời hạn 5 ngày.",
        "Còn đơn khiếu nại về đất đai kéo dài, có trường hợp công dân gửi đơn vượt cấp.",
    ),
    14: (
        "Giao quân đạt chỉ tiêu; huấn luyện dân quân còn thiếu 1 nội dung.",
        "Kế hoạch huấn luyện dân quân tự vệ thực hiện chưa đủ thời gian; đăng ký nghĩa vụ quân sự còn sót.",
    ),
    15: (
        "Còn một vụ trộm cắp tài sản chưa làm rõ.",
        "Để xảy ra tình trạng vận chuyển trái phép chất ma túy và xuất cảnh trái phép trên địa bàn.",
    ),
    16: (
        "Hội nghị đối thoại với Nhân dân tổ chức chậm so với kế hoạch.",
        "Chưa công khai đầy đủ các nội dung theo Pháp lệnh thực hiện dân chủ; còn kiến nghị cử tri chưa trả lời.",
    ),
    17: (
        "Một công chức chưa đạt chuẩn trình độ chuyên môn, đang đi học.",
        "Nhiều công chức chưa đạt chuẩn theo Thông tư 13/2019/TT-BNV; một cán bộ bị kỷ luật khiển trách.",
    ),
    18: (
        "Một số cán bộ chưa đeo thẻ công chức khi làm việc.",
        "Có trường hợp công chức vi phạm giờ giấc làm việc bị nhắc nhở; chưa thực hiện xin lỗi Nhân dân đúng quy định.",
    ),
    19: (
        "Hai bản chưa sửa đổi hương ước, quy ước theo hướng dẫn.",
        "Trưởng bản ở một số bản còn hạn chế năng lực; hoạt động tự quản chưa đều.",
    ),
    20: (
        "Tỷ lệ hồ sơ tiếp nhận trực tuyến còn thấp; đường truyền Internet chưa ổn định.",
        "Chưa sử dụng chữ ký số thường xuyên; tỷ lệ văn bản điện tử thấp; dịch vụ công mức độ 3, 4 hầu như "
        "chưa phát sinh hồ sơ.",
    ),
}

# What the district writes when it lowers a score or returns a criterion ({delta} = points taken off).
DISTRICT_LOWERED = [
    "Đối chiếu hồ sơ, minh chứng chưa đầy đủ; huyện thẩm định giảm {delta} điểm.",
    "Số liệu tự chấm chưa khớp với báo cáo của phòng chuyên môn; thẩm định giảm {delta} điểm.",
    "Chưa có biên bản, báo cáo chứng minh kết quả; thẩm định giảm {delta} điểm.",
]
DISTRICT_RETURN_COMMENTS = [
    "Đề nghị xã bổ sung minh chứng (biên bản, báo cáo) cho điểm tự chấm của tiêu thức này.",
    "Giải trình chưa nêu rõ nguyên nhân trừ điểm; đề nghị làm rõ và chấm lại cho sát thực tế.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn theo phần mềm Một cửa thấp hơn số liệu xã báo cáo; đề nghị rà soát.",
    "Điểm tự chấm cao hơn kết quả kiểm tra của huyện; đề nghị xã chấm lại theo hướng dẫn.",
]
RETURN_SUMMARY = "Đề nghị xã rà soát, bổ sung theo ý kiến thẩm định ở {which} rồi nộp lại."


def return_summary(numbers: list[int]) -> str:
    """The district's overall comment when it returns criteria ``numbers``."""
    if len(numbers) == 1:
        return RETURN_SUMMARY.format(which=f"tiêu thức {numbers[0]}")
    return RETURN_SUMMARY.format(which="các tiêu thức " + " và ".join(map(str, numbers)))


CRITICISM_REASONS = [
    "Xếp loại Yếu; nhiều tiêu thức đạt dưới 10 điểm, chưa khắc phục hạn chế đã được chỉ ra.",
    "Xếp loại Yếu; để xảy ra sai phạm trong quản lý đất đai và ngân sách xã.",
]
REMINDER_REASONS = [
    "Xếp loại Trung bình; nộp báo cáo tự đánh giá chậm, hồ sơ minh chứng không đầy đủ.",
    "Để xảy ra khiếu nại đông người kéo dài, chưa giải quyết dứt điểm.",
    "Tỷ lệ giải quyết thủ tục hành chính đúng hạn thấp, nhiều hồ sơ quá hạn không xin lỗi người dân.",
]

# Improvement plan: criterion number -> a concrete task for the next year.
PLAN_TASKS: dict[int, str] = {
    1: "Xây dựng chương trình giám sát năm; tổ chức tiếp xúc cử tri đủ các bản.",
    2: "Ban hành quy chế làm việc, chương trình công tác năm; giao ban trưởng bản hằng tháng.",
    3: "Rà soát nguồn thu, phấn đấu thu đạt và vượt dự toán; công khai ngân sách theo quý.",
    4: "Kiểm tra, xử lý dứt điểm các trường hợp lấn chiếm đất; tổ chức thu gom rác ở các bản.",
    5: "Lập kế hoạch duy tu đường liên bản; kiểm tra trật tự xây dựng hằng quý.",
    6: "Hoàn thành thêm 2 tiêu chí nông thôn mới; mở rộng diện tích chuyển đổi cây trồng.",
    7: "Rà soát hộ nghèo, hỗ trợ sinh kế; chi trả chế độ chính sách đúng hạn.",
    8: "Vận động học sinh ra lớp, không để học sinh bỏ học; duy trì chuẩn phổ cập.",
    9: "Tăng tỷ lệ tiêm chủng; tuyên truyền phòng chống tảo hôn, hôn nhân cận huyết thống.",
    10: "Sửa chữa hệ thống loa truyền thanh; duy trì đội văn nghệ ở tất cả các bản.",
    11: "Kiện toàn tổ hòa giải; tuyên truyền pháp luật bằng tiếng dân tộc.",
    12: "Cập nhật niêm yết thủ tục hành chính; bố trí công chức trực Một cửa các ngày làm việc.",
    13: "Giải quyết đơn thư đúng hạn; tiếp công dân định kỳ theo lịch công khai.",
    14: "Huấn luyện dân quân đủ nội dung, thời gian; đăng ký nghĩa vụ quân sự đầy đủ.",
    15: "Tăng cường tuần tra; phối hợp đồn biên phòng phòng chống ma túy, xuất cảnh trái phép.",
    16: "Tổ chức hội nghị đối thoại với Nhân dân đúng thời gian; trả lời đầy đủ kiến nghị cử tri.",
    17: "Cử công chức chưa đạt chuẩn đi đào tạo; kiểm tra kỷ luật, kỷ cương hằng quý.",
    18: "Thực hiện nghiêm quy tắc ứng xử, đeo thẻ công chức; xin lỗi Nhân dân khi để xảy ra sai sót.",
    19: "Hướng dẫn các bản sửa đổi hương ước; bồi dưỡng trưởng bản.",
    20: "Sử dụng chữ ký số cho 100% văn bản; hướng dẫn người dân nộp hồ sơ trực tuyến.",
}
PLAN_SOLUTIONS = [
    "Phân công lãnh đạo UBND phụ trách, kiểm tra tiến độ hằng tháng tại giao ban.",
    "Đề nghị phòng chuyên môn của huyện hướng dẫn theo hình thức “cầm tay chỉ việc”.",
    "Đưa chỉ tiêu vào đánh giá, xếp loại cán bộ, công chức cuối năm.",
    "Huy động các đoàn thể và trưởng bản cùng tuyên truyền, vận động Nhân dân.",
]
PLAN_KEEP = "Duy trì kết quả đã đạt."

# Officials named as responsible in the improvement plans (until the personnel app links them).
OFFICIAL_NAMES = [
    "Lò Văn Tâm",
    "Quàng Thị Hương",
    "Giàng A Lử",
    "Nguyễn Văn Hùng",
    "Lường Thị Mai",
    "Sùng A Chứ",
    "Tòng Văn Xuân",
    "Cà Thị Liên",
    "Vừ A Dế",
    "Trần Thị Thu",
    "Lầu A Sình",
    "Điêu Chính Hải",
]

# From 2025 there is no district level: the same texts, with the province doing what the district did.
WITHOUT_DISTRICT = [
    ("phòng chuyên môn của huyện", "sở, ngành chuyên môn của tỉnh"),
    ("huyện thẩm định giảm", "Sở Nội vụ thẩm định giảm"),
    ("kết quả kiểm tra của huyện", "kết quả kiểm tra của đoàn thẩm định"),
    ("gửi huyện", "gửi tỉnh"),
    ("nhiệm vụ huyện giao", "nhiệm vụ tỉnh giao"),
    ("bị huyện yêu cầu", "bị Sở Tài chính yêu cầu"),
]


def without_district(text: str) -> str:
    """``text`` as written in a year without a district level."""
    for old, new in WITHOUT_DISTRICT:
        text = text.replace(old, new)
    return text
