"""Unit names: abbreviations, canonical names, comparison keys, and recognition in real directive sentences."""

from functools import lru_cache
from pathlib import Path

import pytest

from ingest.normalize import normalize_text
from ingest.units import canonical_unit, expand_abbreviations, find_units, split_units, unit_key

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# (document file prefix, a sentence of its stored text, every unit it names as (surface, canonical name)),
# written by reading the sentence, not by running the code.
GOLD = [
    ("3400", "Ban Thường vụ Tỉnh ủy yêu cầu các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh, các ban đảng, ban cán "
     "sự đảng, đảng đoàn, các sở, ban, ngành, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh, cấp ủy huyện "
     "và tương đương lãnh đạo, chỉ đạo triển khai, quán triệt và tổ chức thực hiện Kết luận 62-KL/TW của Bộ Chính trị.",
     [("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),
      ("Ủy viên Ban Chấp hành Đảng bộ tỉnh", "Ủy viên Ban Chấp hành Đảng bộ tỉnh"),
      ("các ban đảng, ban cán sự đảng, đảng đoàn", "Các ban đảng, ban cán sự đảng, đảng đoàn"),
      ("các sở, ban, ngành", "Các sở, ban, ngành"),
      ("Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh",
       "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh"),
      ("cấp ủy huyện và tương đương", "Cấp ủy huyện và tương đương"),
      ("Bộ Chính trị", "Bộ Chính trị")]),
    ("3400", "2. Đảng đoàn Hội đồng nhân dân tỉnh, Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo rà soát,",
     [("Đảng đoàn Hội đồng nhân dân tỉnh", "Đảng đoàn Hội đồng nhân dân tỉnh"),
      ("Ban cán sự đảng Ủy ban nhân dân tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh")]),
    ("3400", "3. Đảng đoàn Hội đồng nhân dân tỉnh, Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính "
     "trị - xã hội tỉnh tăng cường giám sát việc thực hiện",
     [("Đảng đoàn Hội đồng nhân dân tỉnh", "Đảng đoàn Hội đồng nhân dân tỉnh"),
      ("Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
      ("các tổ chức chính trị - xã hội tỉnh", "Các tổ chức chính trị - xã hội tỉnh")]),
    ("3400", "4. Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh:",
     [("Ban cán sự đảng Ủy ban nhân dân tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh"),
      ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh")]),
    ("3400", "5. Ban Tổ chức Tỉnh ủy tham mưu việc quản lý, sử dụng biên chế đã phân bổ cho các cơ quan Đảng, Mặt trận "
     "Tổ quốc, các tổ chức chính trị - xã hội, Ban Thường vụ cấp ủy cấp huyện và tương đương.",
     [("Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"), ("các cơ quan Đảng", "Các cơ quan Đảng"),
      ("Mặt trận Tổ quốc", "Mặt trận Tổ quốc"),
      ("các tổ chức chính trị - xã hội", "Các tổ chức chính trị - xã hội"),
      ("Ban Thường vụ cấp ủy cấp huyện và tương đương", "Ban Thường vụ cấp ủy cấp huyện và tương đương")]),
    ("3400", "Chủ trì phối hợp với các cơ quan có liên quan theo dõi, kiểm tra, giám sát việc thực hiện Kết luận "
     "62-KL/TW của Bộ Chính trị và Công văn này; định kỳ sơ kết, tổng kết đánh giá kết quả thực hiện, báo cáo Ban "
     "Thường vụ Tỉnh ủy.",
     [("các cơ quan có liên quan", "Các cơ quan có liên quan"), ("Bộ Chính trị", "Bộ Chính trị"),
      ("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy")]),
    ("3400", "- Phó Chánh Văn phòng TU (TH),", [("Phó Chánh Văn phòng TU", "Phó Chánh Văn phòng Tỉnh ủy")]),
    ("155", "Báo cáo của Đảng uỷ Chính phủ về tình hình triển khai thực hiện phân cấp, phân quyền gắn với việc thực "
     "hiện mô hình tổ chức chính quyền địa phương 2 cấp (Báo cáo số 21-BC/ĐU, ngày 15/5/2025), Bộ Chính trị, Ban Bí "
     "thư kết luận như sau:",
     [("Đảng uỷ Chính phủ", "Đảng ủy Chính phủ"), ("Bộ Chính trị", "Bộ Chính trị"), ("Ban Bí thư", "Ban Bí thư")]),
    ("155", "- Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ khẩn trương thực hiện phân bổ ngân sách, cấp bổ sung kinh phí, "
     "hướng dẫn các địa phương, cơ quan, đơn vị kịp thời chi trả chế độ",
     [("Các Đảng uỷ Bộ Tài chính", "Đảng ủy Bộ Tài chính"), ("Bộ Nội vụ", "Đảng ủy Bộ Nội vụ"),
      ("các địa phương, cơ quan, đơn vị", "Các địa phương, cơ quan, đơn vị")]),
    ("155", "- Đảng uỷ Bộ Nội vụ chủ trì, phối hợp với các tỉnh uỷ, thành uỷ và các cơ quan liên quan hướng dẫn, khẩn "
     "trương tổ chức thực hiện việc số hoá tài liệu, tuyệt đối bảo đảm an toàn tài liệu của các cơ quan, đơn vị, địa "
     "phương theo quy định.",
     [("Đảng uỷ Bộ Nội vụ", "Đảng ủy Bộ Nội vụ"), ("các tỉnh uỷ, thành uỷ", "Các tỉnh ủy, thành ủy"),
      ("các cơ quan liên quan", "Các cơ quan liên quan"),
      ("các cơ quan, đơn vị, địa phương", "Các cơ quan, đơn vị, địa phương")]),
    ("155", "- Trên cơ sở nguyên tắc phân cấp, phân quyền, Đảng uỷ Chính phủ, đảng uỷ các bộ, cơ quan ngang bộ, đặc "
     "biệt là người đứng đầu chịu trách nhiệm thực hiện nghiêm chỉ đạo của Bộ Chính trị, đồng chí Tổng Bí thư trong",
     [("Đảng uỷ Chính phủ", "Đảng ủy Chính phủ"),
      ("đảng uỷ các bộ, cơ quan ngang bộ", "Đảng ủy các bộ, cơ quan ngang bộ"),
      ("Bộ Chính trị", "Bộ Chính trị"), ("Tổng Bí thư", "Tổng Bí thư")]),
    ("155", "4. Giao Đảng ủy Quốc hội chủ trì, phối hợp với Đảng ủy Chính phủ và các cơ quan liên quan:",
     [("Đảng ủy Quốc hội", "Đảng ủy Quốc hội"), ("Đảng ủy Chính phủ", "Đảng ủy Chính phủ"),
      ("các cơ quan liên quan", "Các cơ quan liên quan")]),
    ("155", "- Giao các ban đảng Trung ương, Đảng uỷ Chính phủ, đảng uỷ các bộ, cơ quan ngang bộ, các tỉnh uỷ, thành "
     "uỷ khẩn trương thành lập bộ phận thường trực (đầu mối phụ trách) để tiếp nhận, hướng dẫn, giải đáp các nội "
     "dung, đề xuất, kiến nghị do các cơ quan, đơn vị, địa phương phản ánh.",
     [("các ban đảng Trung ương", "Các ban đảng Trung ương"), ("Đảng uỷ Chính phủ", "Đảng ủy Chính phủ"),
      ("đảng uỷ các bộ, cơ quan ngang bộ", "Đảng ủy các bộ, cơ quan ngang bộ"),
      ("các tỉnh uỷ, thành uỷ", "Các tỉnh ủy, thành ủy"),
      ("các cơ quan, đơn vị, địa phương", "Các cơ quan, đơn vị, địa phương")]),
    ("155", "- Giao Học viện Chính trị quốc gia Hồ Chí Minh chủ trì, phối hợp với các ban đảng Trung ương, Đảng uỷ "
     "Chính phủ, Đảng uỷ Mặt trận Tổ quốc, các đoàn thể Trung ương… xây dựng nội dung",
     [("Học viện Chính trị quốc gia Hồ Chí Minh", "Học viện Chính trị quốc gia Hồ Chí Minh"),
      ("các ban đảng Trung ương", "Các ban đảng Trung ương"), ("Đảng uỷ Chính phủ", "Đảng ủy Chính phủ"),
      ("Đảng uỷ Mặt trận Tổ quốc, các đoàn thể Trung ương", "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương")]),
    ("155", "7. Giao Ủy ban Kiểm tra Trung ương chủ trì, phối hợp với Đảng ủy Thanh tra Chính phủ hướng dẫn uỷ ban "
     "kiểm tra các cấp và cơ quan thanh tra các cấp thực hiện rà soát,",
     [("Ủy ban Kiểm tra Trung ương", "Ủy ban Kiểm tra Trung ương"),
      ("Đảng ủy Thanh tra Chính phủ", "Đảng ủy Thanh tra Chính phủ"),
      ("uỷ ban kiểm tra các cấp", "Ủy ban kiểm tra các cấp"),
      ("cơ quan thanh tra các cấp", "Cơ quan thanh tra các cấp")]),
    ("155", "Ban Tổ chức Trung ương chủ trì, phối hợp với Ủy ban Kiểm tra Trung ương theo dõi việc triển khai",
     [("Ban Tổ chức Trung ương", "Ban Tổ chức Trung ương"),
      ("Ủy ban Kiểm tra Trung ương", "Ủy ban Kiểm tra Trung ương")]),
    ("155", "2.3. Tiếp tục tăng cường thông tin, tuyên truyền tạo đồng thuận trong đội ngũ cán bộ, công chức, viên "
     "chức, đảng viên và Nhân dân;", []),
    ("141", "Đơn vị chủ trì thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã.",
     [("Các Sở, ngành, đơn vị", "Các Sở, ngành, đơn vị"), ("UBND cấp xã", "Ủy ban nhân dân cấp xã")]),
    ("141", "2. Sở Tài chính chủ trì, phối hợp với các Sở, ban, ngành, đơn vị và UBND cấp xã bố trí kinh phí chi "
     "thường xuyên trong dự toán ngân sách nhà nước hàng năm cho các cơ quan, đơn vị để triển khai",
     [("Sở Tài chính", "Sở Tài chính"), ("các Sở, ban, ngành, đơn vị", "Các Sở, ban, ngành, đơn vị"),
      ("UBND cấp xã", "Ủy ban nhân dân cấp xã"), ("các cơ quan, đơn vị", "Các cơ quan, đơn vị")]),
    ("141", "6. Giao Sở Tư pháp theo dõi, đôn đốc các cơ quan, đơn vị, địa phương triển khai thực hiện Kế hoạch này; "
     "tham mưu sơ kết, tổng kết và định kỳ báo cáo UBND tỉnh theo quy định./.",
     [("Sở Tư pháp", "Sở Tư pháp"), ("các cơ quan, đơn vị, địa phương", "Các cơ quan, đơn vị, địa phương"),
      ("UBND tỉnh", "Ủy ban nhân dân tỉnh")]),
    ("141", "Đơn vị chủ trì thực hiện: Báo và Phát thanh, Truyền hình tỉnh; Sở Tư pháp, các cơ quan, đơn vị, địa "
     "phương.",
     [("Báo và Phát thanh, Truyền hình tỉnh", "Báo và Phát thanh, Truyền hình tỉnh"), ("Sở Tư pháp", "Sở Tư pháp"),
      ("các cơ quan, đơn vị, địa phương", "Các cơ quan, đơn vị, địa phương")]),
    ("141", "Đơn vị phối hợp: Sở Khoa học và Công nghệ; Trung tâm Thông tin tỉnh; các cơ quan, đơn vị liên quan.",
     [("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"), ("Trung tâm Thông tin tỉnh", "Trung tâm Thông tin tỉnh"),
      ("các cơ quan, đơn vị liên quan", "Các cơ quan, đơn vị liên quan")]),
    ("141", "- Nghiên cứu tham mưu UBND tỉnh ban hành hoặc trình HĐND tỉnh ban hành cơ chế, chính sách",
     [("UBND tỉnh", "Ủy ban nhân dân tỉnh"), ("HĐND tỉnh", "Hội đồng nhân dân tỉnh")]),
    ("141", "- Đề nghị người đứng đầu cấp ủy; thủ trưởng cơ quan, đơn vị, địa phương trực tiếp chỉ đạo và chịu trách "
     "nhiệm thực hiện",
     [("người đứng đầu cấp ủy", "Người đứng đầu cấp ủy"),
      ("thủ trưởng cơ quan, đơn vị, địa phương", "Thủ trưởng cơ quan, đơn vị, địa phương")]),
    ("141", "1. Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch triển khai thực hiện phù hợp với chức năng, nhiệm "
     "vụ, điều kiện thực tế của từng cơ quan, đơn vị, địa phương xong trong tháng 12/2025. Định kỳ báo cáo UBND tỉnh "
     "(qua Sở Tư pháp) kết quả",
     [("Các cơ quan, đơn vị, địa phương", "Các cơ quan, đơn vị, địa phương"), ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
      ("Sở Tư pháp", "Sở Tư pháp")]),
    ("141", "5. UBND các xã, phường tăng cường công tác lãnh đạo",
     [("UBND các xã, phường", "Ủy ban nhân dân các xã, phường")]),
    ("141", "- CT, các PCT UBND tỉnh;",
     [("CT", "Chủ tịch Ủy ban nhân dân tỉnh"), ("các PCT UBND tỉnh", "Các Phó Chủ tịch Ủy ban nhân dân tỉnh")]),
    ("141", "- Công an tỉnh; Bộ Chỉ huy quân sự tỉnh;",
     [("Công an tỉnh", "Công an tỉnh"), ("Bộ Chỉ huy quân sự tỉnh", "Bộ Chỉ huy quân sự tỉnh")]),
    ("141", "Thực hiện Kế hoạch số 14-KH/TU ngày 29/7/2025 của Ban Thường vụ Tỉnh ủy và Kế hoạch số 24/KH-UBND ngày "
     "14/8/2025 của UBND tỉnh thực hiện Nghị quyết số 66-NQ/TW ngày 30 tháng 4 năm 2025 của Bộ Chính trị",
     [("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"), ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
      ("Bộ Chính trị", "Bộ Chính trị")]),
    ("141", "- Triển khai thực hiện kịp thời, đồng bộ, hiệu quả Kế hoạch số 14-KH/TU của Ban Thường vụ Tỉnh ủy, Kế "
     "hoạch số 24/KH-UBND của UBND tỉnh và Nghị quyết số 66-NQ/TW trên địa bàn tỉnh Bắc Ninh.",
     [("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"), ("UBND tỉnh", "Ủy ban nhân dân tỉnh")]),
    ("141", "2. 100% các Sở, ngành bố trí công chức, viên chức làm công tác xây dựng pháp luật;",
     [("các Sở, ngành", "Các Sở, ngành")]),
    ("141", "Tham mưu, đề xuất tổ chức Đoàn của tỉnh hoặc tham gia các Đoàn của Bộ Tư pháp nghiên cứu, học tập kinh "
     "nghiệm công tác xây dựng chính sách, pháp luật của tỉnh đi học tập kinh nghiệm tại các tỉnh, thành trong nước "
     "và quốc tế.",
     [("Bộ Tư pháp", "Bộ Tư pháp")]),
    ("1378", "Theo đề nghị của Chánh Văn phòng Bộ Nội vụ và Vụ trưởng Vụ Tổ chức - Biên chế.",
     [("Chánh Văn phòng Bộ Nội vụ", "Chánh Văn phòng Bộ Nội vụ"),
      ("Vụ trưởng Vụ Tổ chức - Biên chế", "Vụ trưởng Vụ Tổ chức - Biên chế")]),
    ("1378", "Điều 3. Chánh Văn phòng Bộ, Vụ trưởng Vụ Tổ chức - Biên chế, Thủ trưởng các đơn vị thuộc, trực thuộc "
     "Bộ Nội vụ và Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.",
     [("Chánh Văn phòng Bộ", "Chánh Văn phòng Bộ"),
      ("Vụ trưởng Vụ Tổ chức - Biên chế", "Vụ trưởng Vụ Tổ chức - Biên chế"),
      ("Thủ trưởng các đơn vị thuộc, trực thuộc Bộ Nội vụ", "Thủ trưởng các đơn vị thuộc, trực thuộc Bộ Nội vụ"),
      ("Thủ trưởng các cơ quan, đơn vị có liên quan", "Thủ trưởng các cơ quan, đơn vị có liên quan")]),
    ("1378", "- Bước 2: Công chức chuyên trách của Vụ Tổ chức - Biên chế thuộc Bộ Nội vụ kiểm tra hồ sơ;",
     [("Vụ Tổ chức - Biên chế", "Vụ Tổ chức - Biên chế"), ("Bộ Nội vụ", "Bộ Nội vụ")]),
    ("1378", "- Văn phòng Chính phủ (Cục KSTTHC);",
     [("Văn phòng Chính phủ", "Văn phòng Chính phủ"), ("Cục KSTTHC", "Cục KSTTHC")]),
    ("1378", "+ Dự thảo Văn bản hoặc Quyết định của Thủ tướng Chính phủ về việc chuyển giao đơn vị sự nghiệp công lập.",
     [("Thủ tướng Chính phủ", "Thủ tướng Chính phủ")]),
    ("1378", "BỘ TRƯỞNG BỘ NỘI VỤ", [("BỘ TRƯỞNG BỘ NỘI VỤ", "Bộ trưởng Bộ Nội vụ")]),
    ("2920", "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Nội vụ; Giám đốc các sở, Thủ trưởng các ban, "
     "ngành cấp tỉnh; Chủ tịch Ủy ban nhân dân các xã, phường và các tổ chức, cá nhân có liên quan chịu trách nhiệm "
     "thi hành Quyết định này./.",
     [("Chánh Văn phòng Ủy ban nhân dân tỉnh", "Chánh Văn phòng Ủy ban nhân dân tỉnh"),
      ("Giám đốc Sở Nội vụ", "Giám đốc Sở Nội vụ"), ("Giám đốc các sở", "Giám đốc các sở"),
      ("Thủ trưởng các ban, ngành cấp tỉnh", "Thủ trưởng các ban, ngành cấp tỉnh"),
      ("Chủ tịch Ủy ban nhân dân các xã, phường", "Chủ tịch Ủy ban nhân dân các xã, phường"),
      ("các tổ chức, cá nhân có liên quan", "Các tổ chức, cá nhân có liên quan")]),
    ("2920", "1. Sở Nội vụ là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, thực hiện chức năng tham mưu, giúp Ủy ban "
     "nhân dân tỉnh quản lý nhà nước về: tổ chức hành chính",
     [("Sở Nội vụ", "Sở Nội vụ"), ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
      ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh")]),
    ("2920", "chấp hành sự chỉ đạo, quản lý của Ủy ban nhân dân tỉnh; đồng thời chấp hành sự chỉ đạo, hướng dẫn, kiểm "
     "tra về chuyên môn nghiệp vụ của Bộ Nội vụ, Bộ Dân tộc và Tôn giáo.",
     [("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"), ("Bộ Nội vụ", "Bộ Nội vụ"),
      ("Bộ Dân tộc và Tôn giáo", "Bộ Dân tộc và Tôn giáo")]),
    ("2920", "b) Phó Giám đốc Sở Nội vụ do Chủ tịch Ủy ban nhân dân tỉnh bổ nhiệm theo đề nghị của Giám đốc Sở Nội "
     "vụ, giúp Giám đốc Sở thực hiện một hoặc một số nhiệm vụ cụ thể",
     [("Phó Giám đốc Sở Nội vụ", "Phó Giám đốc Sở Nội vụ"),
      ("Chủ tịch Ủy ban nhân dân tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh"),
      ("Giám đốc Sở Nội vụ", "Giám đốc Sở Nội vụ"), ("Giám đốc Sở", "Giám đốc Sở")]),
    ("2920", "Phòng Xây dựng chính quyền và Tổ chức biên chế; Phòng Công chức, viên chức;",
     [("Phòng Xây dựng chính quyền và Tổ chức biên chế", "Phòng Xây dựng chính quyền và Tổ chức biên chế"),
      ("Phòng Công chức, viên chức", "Phòng Công chức, viên chức")]),
    ("2920", "d) 03 đơn vị sự nghiệp công lập: Trung tâm Lưu trữ lịch sử tỉnh; Trung tâm Dịch vụ việc làm; Trung tâm "
     "Điều dưỡng người có công và Bảo trợ xã hội.",
     [("Trung tâm Lưu trữ lịch sử tỉnh", "Trung tâm Lưu trữ lịch sử tỉnh"),
      ("Trung tâm Dịch vụ việc làm", "Trung tâm Dịch vụ việc làm"),
      ("Trung tâm Điều dưỡng người có công và Bảo trợ xã hội", "Trung tâm Điều dưỡng người có công và Bảo trợ xã hội")]),
    ("2920", "Chủ trì, hướng dẫn Ủy ban nhân dân cấp xã quy định chức năng, nhiệm vụ, quyền hạn về lĩnh vực nội vụ của "
     "Phòng Văn hóa - Xã hội thuộc Ủy ban nhân dân cấp xã;",
     [("Ủy ban nhân dân cấp xã", "Ủy ban nhân dân cấp xã"), ("Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội"),
      ("Ủy ban nhân dân cấp xã", "Ủy ban nhân dân cấp xã")]),
    ("2920", "2. Trong quá trình thực hiện, trường hợp có khó khăn, vướng mắc hoặc phát sinh những vấn đề cần bổ sung, "
     "sửa đổi cho phù hợp với yêu cầu nhiệm vụ, Sở Nội vụ phối hợp với các cơ quan, đơn vị có liên quan thống nhất "
     "trình Ủy ban nhân dân tỉnh xem xét, quyết định./.",
     [("Sở Nội vụ", "Sở Nội vụ"), ("các cơ quan, đơn vị có liên quan", "Các cơ quan, đơn vị có liên quan"),
      ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh")]),
    ("2920", "trên cơ sở biểu quyết thống nhất của các Thành viên Ủy ban nhân dân tỉnh (qua Phiếu biểu quyết).",
     [("các Thành viên Ủy ban nhân dân tỉnh", "Các Thành viên Ủy ban nhân dân tỉnh")]),
    ("2920", "b) Tham mưu, giúp Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh và Hội đồng Thi đua - Khen thưởng "
     "tỉnh tổ chức các phong trào thi đua;",
     [("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
      ("Chủ tịch Ủy ban nhân dân tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh"),
      ("Hội đồng Thi đua - Khen thưởng tỉnh", "Hội đồng Thi đua - Khen thưởng tỉnh")]),
    ("2920", "tổ chức thực hiện công tác tuyên truyền tư tưởng thi đua yêu nước của Chủ tịch Hồ Chí Minh, chủ trương của "
     "Đảng, chính sách, pháp luật của Nhà nước về thi đua, khen thưởng;", []),
    ("2920", "Chủ trì, phối hợp với các sở, ban, ngành trong việc tham mưu, trình Ủy ban nhân dân tỉnh giải quyết "
     "những vấn đề phát sinh",
     [("các sở, ban, ngành", "Các sở, ban, ngành"), ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh")]),
]

# Sentences the recogniser is known to get partly wrong; they count in the measured precision and recall
# but are not asserted one by one (see the report): a generic noun without "các" as a unit, a name whose
# lower-case part follows a comma, and "các tỉnh, thành" read as a collective where it is a place.
KNOWN_MISSES = {
    "7. Giao Ủy ban Kiểm tra Trung ương",
    "Phòng Xây dựng chính quyền và Tổ chức biên chế",
    "Tham mưu, đề xuất tổ chức Đoàn của tỉnh",
}


@lru_cache(maxsize=None)
def _document(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}-*.txt")
    return normalize_text(path.read_text(encoding="utf-8"))


def _found(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str]]:
    return [(m.surface, m.name) for m in find_units(text, start, end)]


def _is_known_miss(sentence: str) -> bool:
    return any(sentence.startswith(prefix) for prefix in KNOWN_MISSES)


@pytest.mark.parametrize("prefix,sentence,expected", [g for g in GOLD if not _is_known_miss(g[1])])
def test_units_of_corpus_sentences(prefix, sentence, expected):
    assert _found(sentence) == expected


@pytest.mark.parametrize("prefix,sentence,expected", GOLD)
def test_units_found_in_place_in_the_stored_document(prefix, sentence, expected):
    text = _document(prefix)
    start = text.index(sentence)
    in_place = find_units(text, start, start + len(sentence))
    assert all(text[m.start : m.end] == m.surface for m in in_place)
    assert [(m.surface, m.name) for m in in_place] == _found(sentence)


def _precision_recall(gold: list[tuple[str, str, list[tuple[str, str]]]]) -> tuple[float, float]:
    """Micro precision and recall of (surface, name) pairs over the gold sentences."""
    hits = found = expected = 0
    for _, sentence, truth in gold:
        got = _found(sentence)
        remaining = list(truth)
        for pair in got:
            if pair in remaining:
                remaining.remove(pair)
                hits += 1
        found += len(got)
        expected += len(truth)
    return hits / found, hits / expected


def test_precision_and_recall_on_the_gold_sentences():
    precision, recall = _precision_recall(GOLD)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_precision_recall_counts_a_wrong_name_as_a_miss():
    toy = [("x", "Sở Tư pháp theo dõi", [("Sở Tư pháp", "Sở Tài chính")])]
    assert _precision_recall(toy) == (0.0, 0.0)


def test_expand_abbreviations_whole_tokens_only():
    assert expand_abbreviations("TT HĐND tỉnh; BTC TU") == "Thường trực Hội đồng nhân dân tỉnh; Ban Tổ chức Tỉnh ủy"
    assert expand_abbreviations("Kết luận 62-KL/TW của Bộ Chính trị") == "Kết luận 62-KL/TW của Bộ Chính trị"
    assert expand_abbreviations("Báo cáo số 386-BC/BTCTW") == "Báo cáo số 386-BC/BTCTW"
    assert expand_abbreviations("HDND tinh, MTTQ, ĐBQH") == "Hội đồng nhân dân tinh, Mặt trận Tổ quốc, đại biểu Quốc hội"
    # inside a word or in lower case a short abbreviation is an ordinary word: "tu" is "tu", not Tỉnh ủy
    assert expand_abbreviations("TUYÊN GIÁO, nhà tu hành, UBNDX") == "TUYÊN GIÁO, nhà tu hành, UBNDX"


def test_canonical_unit_spelling():
    assert canonical_unit("Đảng uỷ Chính phủ") == "Đảng ủy Chính phủ"
    assert canonical_unit("  Sở   Tư pháp ;") == "Sở Tư pháp"
    assert canonical_unit("UBND tỉnh") == "Ủy ban nhân dân tỉnh"
    assert canonical_unit("các sở, ban, ngành") == "Các sở, ban, ngành"
    assert canonical_unit("các Ủy ban nhân dân cấp tỉnh") == "Ủy ban nhân dân cấp tỉnh"
    assert canonical_unit("ỦY BAN NHÂN DÂN TỈNH BẮC NINH") == "Ủy ban nhân dân tỉnh Bắc Ninh"
    assert canonical_unit("VP UBND tỉnh") == "Văn phòng Ủy ban nhân dân tỉnh"


def test_distributive_plural_expands():
    assert split_units("Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ") == ["Đảng ủy Bộ Tài chính", "Đảng ủy Bộ Nội vụ"]
    assert split_units("Chủ tịch, Phó Chủ tịch UBND tỉnh") == [
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "Phó Chủ tịch Ủy ban nhân dân tỉnh",
    ]
    assert split_units("Sở Nội vụ, Sở Tư pháp") == ["Sở Nội vụ", "Sở Tư pháp"]


def test_unit_key_meets_across_spellings():
    assert unit_key("UBND tinh") == unit_key("Uỷ ban nhân dân tỉnh") == unit_key("Ủy ban nhân dân tỉnh")
    assert unit_key("BTC TU") == unit_key("Ban Tổ chức Tỉnh ủy") == unit_key("ban to chuc tinh uy")
    assert unit_key("HDND tỉnh") == unit_key("Hội đồng nhân dân tỉnh")


def test_unit_key_keeps_scope_apart():
    assert unit_key("Ban Tổ chức Tỉnh ủy") != unit_key("Ban Tổ chức Trung ương")
    assert unit_key("Ủy ban nhân dân tỉnh") != unit_key("Ủy ban nhân dân các xã, phường")
    assert unit_key("Sở Tư pháp") != unit_key("Bộ Tư pháp")


def test_units_in_text_typed_without_diacritics():
    assert _found("UBND tinh chu tri, phoi hop voi So Tu phap") == [
        ("UBND tinh", "Ủy ban nhân dân tỉnh"),
        ("So Tu phap", "Sở Tư pháp"),
    ]
    assert _found("ban to chuc tinh uy tham muu gi?") == [("ban to chuc tinh uy", "Ban Tổ chức Tỉnh ủy")]
    assert _found("sở nội vụ có nhiệm vụ gì") == [("sở nội vụ", "Sở Nội vụ")]


def test_no_units_in_codes_places_and_ordinary_words():
    assert find_units("Số: 141/KH-UBND Bắc Ninh, ngày 20 tháng 11 năm 2025") == []
    assert find_units("phổ biến trên địa bàn tỉnh Bắc Ninh cho Nhân dân") == []
    assert find_units("Ban hành văn bản; bảo vệ bí mật nội bộ liên quan đến việc sắp xếp") == []
    assert find_units("các bộ phận thường trực và các phong trào thi đua") == []
