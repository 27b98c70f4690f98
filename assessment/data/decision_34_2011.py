"""The Decision 34/2011/QĐ-UBND criteria set, as plain data.

The decision's own annex is not in hand: names and guidance are written from the duties that
Plan 703/KH-UBND (2021) and the Law on Local Government give the commune government, and the
thresholds are DESIGN.md section 5's provisional defaults. The set therefore ships provisional;
province staff correct it in the admin and mark it confirmed.

Used by migration 0002 and by ``criteria_set_install_default()``: keep it importable without
Django models (plain strings and Decimals only).
"""

from decimal import Decimal

NAME = "Bộ tiêu thức đánh giá, xếp loại chính quyền cơ sở (Quyết định 34/2011/QĐ-UBND)"
LEGAL_BASIS = "Quyết định số 34/2011/QĐ-UBND ngày 07/11/2011 của UBND tỉnh Điện Biên"
YEAR_FROM = 2011
MAX_POINTS = Decimal("20")
TSVM_MIN_CLASS = "fair"
TSVM_MIN_EACH = Decimal("15")

# (classification, total at least, every criterion at least)
THRESHOLDS = [
    ("good", Decimal("340"), Decimal("15")),
    ("fair", Decimal("280"), Decimal("10")),
    ("average", Decimal("200"), Decimal("0")),
]

VP = "Văn phòng - Thống kê"
TC = "Tài chính - Kế toán"
DC = "Địa chính - Xây dựng - Đô thị và Môi trường (hoặc Nông nghiệp và Môi trường)"
VH = "Văn hóa - Xã hội"
TP = "Tư pháp - Hộ tịch"
QS = "Chỉ huy trưởng Ban Chỉ huy Quân sự"
CA = "Trưởng Công an xã"
CT_UB = "Chủ tịch UBND"
CT_HD = "Chủ tịch HĐND"

# (number, name, responsible position, guidance)
CRITERIA = [
    (
        1,
        "Tổ chức và hoạt động của Hội đồng nhân dân",
        CT_HD,
        "Đánh giá: HĐND họp thường lệ đủ số kỳ, đúng luật; nghị quyết ban hành đúng thẩm quyền, trình tự; "
        "hoạt động giám sát, tiếp xúc cử tri, chất vấn; hoạt động của Thường trực, các Ban và đại biểu HĐND.\n"
        "Cách chấm: đủ 20 điểm khi thực hiện đầy đủ; trừ 2 điểm mỗi kỳ họp không tổ chức hoặc tổ chức chậm; "
        "trừ 2 điểm mỗi nghị quyết sai thẩm quyền, trình tự; trừ 1 điểm mỗi đợt tiếp xúc cử tri hoặc giám sát "
        "theo chương trình không thực hiện.\n"
        "Minh chứng: nghị quyết, biên bản kỳ họp, báo cáo giám sát, báo cáo tiếp xúc cử tri.",
    ),
    (
        2,
        "Quản lý, điều hành của Ủy ban nhân dân và trách nhiệm người đứng đầu",
        CT_UB,
        "Đánh giá: UBND làm việc theo quy chế; cụ thể hóa kịp thời nghị quyết của Đảng ủy, HĐND và nhiệm vụ "
        "cấp trên giao; giao ban hằng tháng với trưởng thôn, bản, tổ dân phố; thành viên UBND bám địa bàn; "
        "chế độ thông tin, báo cáo đúng hạn.\n"
        "Cách chấm: đủ 20 điểm khi hoàn thành toàn bộ nhiệm vụ đúng hạn; trừ 1 điểm mỗi nhiệm vụ cấp trên giao "
        "chậm hoặc bỏ sót; trừ 1 điểm mỗi báo cáo chậm hoặc không báo cáo; trừ 2 điểm nếu không ban hành "
        "quy chế làm việc hoặc chương trình công tác năm.\n"
        "Minh chứng: quy chế làm việc, chương trình công tác, biên bản giao ban, sổ theo dõi văn bản đến, đi.",
    ),
    (
        3,
        "Quản lý ngân sách, tài chính và tài sản công",
        TC,
        "Đánh giá: lập, trình, chấp hành và quyết toán ngân sách xã đúng Luật Ngân sách nhà nước; thu đạt, "
        "vượt dự toán; chi đúng định mức; công khai ngân sách; quản lý tài sản công, quỹ tài chính ngoài "
        "ngân sách.\n"
        "Cách chấm: đủ 20 điểm khi thu đạt dự toán, không có sai phạm qua thanh tra, kiểm toán; trừ 2 điểm nếu "
        "thu không đạt dự toán; trừ 3 điểm mỗi sai phạm tài chính bị kết luận; trừ 2 điểm nếu không công khai "
        "ngân sách đúng quy định.\n"
        "Minh chứng: dự toán, quyết toán được HĐND phê chuẩn, biên bản công khai, kết luận thanh tra, kiểm toán.",
    ),
    (
        4,
        "Quản lý đất đai, tài nguyên và bảo vệ môi trường",
        DC,
        "Đánh giá: quản lý, sử dụng đất theo quy hoạch, kế hoạch; cập nhật hồ sơ địa chính; phát hiện, ngăn "
        "chặn, xử lý kịp thời vi phạm đất đai, khai thác tài nguyên trái phép; vệ sinh môi trường, thu gom "
        "rác thải.\n"
        "Cách chấm: đủ 20 điểm khi không để xảy ra vi phạm kéo dài; trừ 2 điểm mỗi vụ vi phạm đất đai, môi "
        "trường phát hiện chậm hoặc không xử lý; trừ 1 điểm mỗi hồ sơ đất đai giải quyết quá hạn.\n"
        "Minh chứng: sổ địa chính, biên bản kiểm tra, quyết định xử lý vi phạm, báo cáo thống kê đất đai.",
    ),
    (
        5,
        "Quản lý xây dựng, giao thông và hạ tầng",
        DC,
        "Đánh giá: quản lý trật tự xây dựng; quản lý, duy tu đường giao thông nông thôn, công trình thủy lợi, "
        "nước sinh hoạt; quản lý các dự án, công trình do xã làm chủ đầu tư; bảo đảm hành lang an toàn giao "
        "thông.\n"
        "Cách chấm: đủ 20 điểm khi không để xảy ra xây dựng trái phép và công trình đúng tiến độ, chất lượng; "
        "trừ 2 điểm mỗi công trình xây dựng trái phép không xử lý; trừ 2 điểm mỗi công trình chậm tiến độ do "
        "lỗi của xã.\n"
        "Minh chứng: hồ sơ cấp phép, biên bản kiểm tra trật tự xây dựng, hồ sơ nghiệm thu công trình.",
    ),
    (
        6,
        "Phát triển nông, lâm nghiệp và xây dựng nông thôn mới",
        DC,
        "Đánh giá: thực hiện chỉ tiêu sản xuất nông, lâm nghiệp, chăn nuôi; phòng chống dịch bệnh cây trồng, "
        "vật nuôi; bảo vệ, phát triển rừng, phòng cháy chữa cháy rừng; thực hiện tiêu chí nông thôn mới; "
        "phòng chống thiên tai.\n"
        "Cách chấm: đủ 20 điểm khi đạt toàn bộ chỉ tiêu được giao; trừ 1 điểm mỗi chỉ tiêu không đạt; trừ 2 "
        "điểm mỗi vụ cháy rừng, phá rừng trái phép do buông lỏng quản lý; trừ 2 điểm nếu không đạt tiêu chí "
        "nông thôn mới theo kế hoạch năm.\n"
        "Minh chứng: báo cáo kết quả sản xuất, báo cáo nông thôn mới, biên bản về cháy rừng, dịch bệnh.",
    ),
    (
        7,
        "Giảm nghèo, lao động, việc làm và chính sách xã hội",
        VH,
        "Đánh giá: điều tra, rà soát hộ nghèo, cận nghèo đúng quy trình; tỷ lệ giảm nghèo đạt kế hoạch; chi "
        "trả đúng, đủ chế độ người có công, bảo trợ xã hội; giải quyết việc làm, bảo vệ trẻ em.\n"
        "Cách chấm: đủ 20 điểm khi đạt chỉ tiêu giảm nghèo và không có sai sót về chính sách; trừ 2 điểm nếu "
        "không đạt chỉ tiêu giảm nghèo; trừ 2 điểm mỗi trường hợp chi trả chế độ sai đối tượng hoặc chậm; trừ "
        "1 điểm mỗi hồ sơ chính sách giải quyết quá hạn.\n"
        "Minh chứng: quyết định công nhận hộ nghèo, danh sách chi trả, báo cáo giảm nghèo.",
    ),
    (
        8,
        "Giáo dục và đào tạo",
        VH,
        "Đánh giá: duy trì phổ cập giáo dục, xóa mù chữ; tỷ lệ huy động trẻ đến trường, chống bỏ học; xây "
        "dựng trường chuẩn quốc gia; hoạt động của Hội đồng giáo dục, Trung tâm học tập cộng đồng.\n"
        "Cách chấm: đủ 20 điểm khi giữ chuẩn phổ cập và đạt tỷ lệ huy động được giao; trừ 2 điểm nếu không "
        "giữ được chuẩn phổ cập; trừ 1 điểm mỗi chỉ tiêu huy động, duy trì sĩ số không đạt.\n"
        "Minh chứng: hồ sơ phổ cập, báo cáo của các trường, quyết định công nhận chuẩn.",
    ),
    (
        9,
        "Y tế, dân số và chăm sóc sức khỏe Nhân dân",
        VH,
        "Đánh giá: phòng chống dịch bệnh; tiêm chủng mở rộng; chăm sóc sức khỏe bà mẹ, trẻ em, giảm suy dinh "
        "dưỡng; công tác dân số; an toàn thực phẩm; duy trì tiêu chí quốc gia về y tế xã.\n"
        "Cách chấm: đủ 20 điểm khi đạt các chỉ tiêu y tế, dân số được giao và không để dịch lan rộng; trừ 1 "
        "điểm mỗi chỉ tiêu không đạt; trừ 3 điểm nếu để dịch bệnh bùng phát do chậm phát hiện, xử lý.\n"
        "Minh chứng: báo cáo của trạm y tế, báo cáo dân số, biên bản kiểm tra an toàn thực phẩm.",
    ),
    (
        10,
        "Văn hóa, thể thao, thông tin và tuyên truyền",
        VH,
        'Đánh giá: phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa"; tỷ lệ gia đình, thôn, bản văn '
        "hóa; hoạt động đài truyền thanh, tuyên truyền chủ trương, chính sách; quản lý lễ hội, di tích, dịch "
        "vụ văn hóa; phòng chống hủ tục.\n"
        "Cách chấm: đủ 20 điểm khi đạt các chỉ tiêu văn hóa được giao; trừ 1 điểm mỗi chỉ tiêu không đạt; trừ "
        "2 điểm nếu để xảy ra hoạt động văn hóa, tín ngưỡng trái pháp luật không xử lý kịp thời.\n"
        "Minh chứng: báo cáo phong trào, quyết định công nhận gia đình, thôn bản văn hóa, nhật ký truyền thanh.",
    ),
    (
        11,
        "Tư pháp, hộ tịch, phổ biến giáo dục pháp luật và hòa giải ở cơ sở",
        TP,
        "Đánh giá: đăng ký, quản lý hộ tịch; chứng thực; phổ biến, giáo dục pháp luật; hòa giải ở cơ sở; "
        "xây dựng xã đạt chuẩn tiếp cận pháp luật; kiểm tra, rà soát văn bản quy phạm pháp luật của xã.\n"
        "Cách chấm: đủ 20 điểm khi hồ sơ hộ tịch, chứng thực đúng quy định và đạt chuẩn tiếp cận pháp luật; "
        "trừ 1 điểm mỗi hồ sơ hộ tịch sai sót hoặc quá hạn; trừ 2 điểm nếu không đạt chuẩn tiếp cận pháp "
        "luật; trừ 1 điểm mỗi vụ việc hòa giải để kéo dài.\n"
        "Minh chứng: sổ hộ tịch, sổ chứng thực, báo cáo hòa giải, quyết định công nhận chuẩn tiếp cận pháp luật.",
    ),
    (
        12,
        "Cải cách hành chính và giải quyết thủ tục hành chính",
        VP,
        "Đánh giá: niêm yết công khai đầy đủ thủ tục hành chính; hoạt động của Bộ phận tiếp nhận và trả kết "
        "quả (Một cửa); tỷ lệ hồ sơ giải quyết đúng hạn; rà soát, đơn giản hóa thủ tục; mức độ hài lòng của "
        "người dân, tổ chức.\n"
        "Cách chấm: đủ 20 điểm khi 100% thủ tục được niêm yết và 100% hồ sơ giải quyết đúng hạn; trừ 2 điểm "
        "nếu niêm yết không đầy đủ, không cập nhật; trừ 1 điểm mỗi 1% hồ sơ quá hạn; trừ 2 điểm mỗi trường "
        "hợp gây phiền hà, sách nhiễu bị phản ánh đúng.\n"
        "Minh chứng: sổ theo dõi hồ sơ Một cửa, ảnh chụp bảng niêm yết, báo cáo cải cách hành chính.",
    ),
    (
        13,
        "Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị",
        TP,
        "Đánh giá: lịch tiếp công dân công khai; Chủ tịch UBND tiếp công dân định kỳ; giải quyết khiếu nại, "
        "tố cáo, kiến nghị đúng thẩm quyền, đúng hạn; không để tồn đọng, đùn đẩy lên cấp trên; tổ chức Hội "
        "nghị đối thoại với Nhân dân trong tháng 12.\n"
        "Cách chấm: đủ 20 điểm khi giải quyết 100% vụ việc thuộc thẩm quyền đúng hạn; trừ 2 điểm mỗi vụ việc "
        "quá hạn hoặc để khiếu kiện vượt cấp; trừ 3 điểm nếu không tổ chức Hội nghị đối thoại với Nhân dân.\n"
        "Minh chứng: sổ tiếp công dân, sổ theo dõi đơn thư, quyết định giải quyết, biên bản Hội nghị đối thoại.",
    ),
    (
        14,
        "Quốc phòng và công tác quân sự địa phương",
        QS,
        "Đánh giá: xây dựng, huấn luyện lực lượng dân quân tự vệ; đăng ký nghĩa vụ quân sự, hoàn thành chỉ "
        "tiêu giao quân; xây dựng thế trận quốc phòng toàn dân; thực hiện chính sách hậu phương quân đội.\n"
        "Cách chấm: đủ 20 điểm khi hoàn thành 100% chỉ tiêu giao quân và kế hoạch huấn luyện; trừ 3 điểm nếu "
        "không hoàn thành chỉ tiêu giao quân; trừ 1 điểm mỗi nội dung huấn luyện, diễn tập không đạt.\n"
        "Minh chứng: quyết định giao chỉ tiêu, danh sách giao quân, báo cáo huấn luyện, kết quả kiểm tra.",
    ),
    (
        15,
        "An ninh chính trị và trật tự, an toàn xã hội",
        CA,
        "Đánh giá: nắm tình hình, giữ ổn định an ninh chính trị, an ninh biên giới; phòng chống tội phạm, ma "
        "túy, mua bán người; di cư tự do, truyền đạo trái pháp luật; quản lý cư trú; phong trào toàn dân bảo "
        "vệ an ninh Tổ quốc.\n"
        "Cách chấm: đủ 20 điểm khi giữ vững ổn định, không để xảy ra điểm nóng; trừ 3 điểm nếu để xảy ra "
        "điểm nóng về an ninh trật tự; trừ 2 điểm nếu tội phạm, tệ nạn tăng so với năm trước; trừ 1 điểm mỗi "
        "chỉ tiêu phong trào không đạt.\n"
        "Minh chứng: báo cáo an ninh trật tự, kết quả phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc.",
    ),
    (
        16,
        "Thực hiện quy chế dân chủ ở cơ sở và công tác dân vận",
        VP,
        "Đánh giá: công khai những việc Nhân dân được biết, được bàn, được quyết định, được kiểm tra, giám "
        "sát; hoạt động của Ban Thanh tra nhân dân, Ban giám sát đầu tư cộng đồng; phối hợp với Mặt trận và "
        'các đoàn thể; phong trào "Dân vận khéo", thi đua yêu nước.\n'
        "Cách chấm: đủ 20 điểm khi thực hiện đầy đủ các nội dung công khai và quy chế phối hợp; trừ 2 điểm "
        "mỗi nội dung phải công khai mà không công khai; trừ 2 điểm nếu để xảy ra khiếu kiện đông người do "
        "không thực hiện dân chủ.\n"
        "Minh chứng: kế hoạch thực hiện quy chế dân chủ, biên bản công khai, báo cáo Ban Thanh tra nhân dân.",
    ),
    (
        17,
        "Xây dựng đội ngũ cán bộ, công chức; kỷ luật, kỷ cương hành chính",
        CT_UB,
        "Đánh giá: tỷ lệ cán bộ, công chức đạt tiêu chuẩn chức danh (Thông tư 13/2019/TT-BNV); cử đi đào "
        "tạo, bồi dưỡng; đánh giá, phân loại cán bộ, công chức đúng thực chất; chấp hành giờ giấc, kỷ luật, "
        "kỷ cương; phòng chống tham nhũng, tiêu cực.\n"
        "Cách chấm: đủ 20 điểm khi không có cán bộ, công chức vi phạm và đạt chỉ tiêu chuẩn hóa; trừ 3 điểm "
        "mỗi cán bộ, công chức bị kỷ luật; trừ 2 điểm nếu tỷ lệ đạt chuẩn không đạt kế hoạch; trừ 1 điểm mỗi "
        "trường hợp vi phạm giờ giấc bị nhắc nhở bằng văn bản.\n"
        "Minh chứng: danh sách, hồ sơ trình độ cán bộ, công chức, kết quả đánh giá, quyết định kỷ luật.",
    ),
    (
        18,
        "Văn hóa công sở, quy tắc ứng xử và thực hiện xin lỗi Nhân dân",
        VP,
        "Đánh giá: thực hiện Quyết định 129/2007/QĐ-TTg về văn hóa công sở và quy tắc ứng xử; trang phục, "
        'thẻ tên, tác phong khi tiếp dân; thực hiện "xin lỗi Nhân dân" khi cán bộ, công chức để xảy ra sai '
        "phạm; phong trào thi đua thực hiện văn hóa công sở.\n"
        "Cách chấm: đủ 20 điểm khi không có phản ánh đúng về thái độ, tác phong; trừ 2 điểm mỗi trường hợp "
        "cửa quyền, hách dịch bị phản ánh đúng; trừ 3 điểm nếu có sai phạm mà không tổ chức xin lỗi Nhân dân.\n"
        "Minh chứng: nội quy, quy chế văn hóa công sở, biên bản kiểm tra công vụ, thư xin lỗi và biên bản "
        "buổi xin lỗi (nếu có).",
    ),
    (
        19,
        "Hoạt động tự quản của thôn, bản, tổ dân phố",
        VP,
        "Đánh giá: kiện toàn Trưởng, Phó trưởng thôn, bản, tổ dân phố đúng quy định; hương ước, quy ước được "
        "phê duyệt và thực hiện; họp thôn, bản định kỳ; bố trí người hoạt động không chuyên trách và chế độ "
        "theo Quyết định 33/2019/QĐ-UBND; nhà văn hóa, loa truyền thanh.\n"
        "Cách chấm: đủ 20 điểm khi mọi thôn, bản, tổ dân phố hoạt động đều, có hương ước, quy ước; trừ 1 "
        "điểm mỗi thôn, bản khuyết Trưởng thôn quá 3 tháng; trừ 1 điểm mỗi thôn, bản không họp định kỳ.\n"
        "Minh chứng: quyết định công nhận trưởng thôn, hương ước, quy ước, biên bản họp thôn, bản.",
    ),
    (
        20,
        "Ứng dụng công nghệ thông tin và xây dựng chính quyền điện tử",
        VP,
        "Đánh giá: gửi, nhận, xử lý văn bản điện tử qua phần mềm quản lý văn bản (TD Office); sử dụng chữ ký "
        "số; cung cấp dịch vụ công trực tuyến; cập nhật cổng, trang thông tin; trang thiết bị (máy tính kết "
        "nối Internet, máy in, máy photo).\n"
        "Cách chấm: đủ 20 điểm khi 100% văn bản (trừ văn bản mật) được gửi, nhận điện tử; trừ 2 điểm nếu tỷ "
        "lệ văn bản điện tử dưới 90%; trừ 2 điểm nếu không có hồ sơ trực tuyến; trừ 1 điểm mỗi tháng không "
        "cập nhật thông tin trên trang thông tin điện tử.\n"
        "Minh chứng: thống kê từ phần mềm quản lý văn bản, báo cáo dịch vụ công trực tuyến.",
    ),
]


def install(criteria_set_model, criterion_model, threshold_model):
    """Create the set, its criteria and thresholds where missing; never overwrite edits.

    Takes the model classes so the data migration can pass its historical models.
    """
    criteria_set, _ = criteria_set_model.objects.get_or_create(
        legal_basis=LEGAL_BASIS,
        defaults={
            "name": NAME,
            "year_from": YEAR_FROM,
            "is_provisional": True,
            "tsvm_min_class": TSVM_MIN_CLASS,
            "tsvm_min_each": TSVM_MIN_EACH,
        },
    )
    have = set(criterion_model.objects.filter(criteria_set=criteria_set).values_list("number", flat=True))
    criterion_model.objects.bulk_create(
        [
            criterion_model(
                criteria_set=criteria_set,
                number=number,
                name=name,
                guidance=guidance,
                max_points=MAX_POINTS,
                responsible_position=position,
            )
            for number, name, position, guidance in CRITERIA
            if number not in have
        ]
    )
    have = set(threshold_model.objects.filter(criteria_set=criteria_set).values_list("classification", flat=True))
    threshold_model.objects.bulk_create(
        [
            threshold_model(criteria_set=criteria_set, classification=label, min_total=total, min_each=each)
            for label, total, each in THRESHOLDS
            if label not in have
        ]
    )
    return criteria_set
