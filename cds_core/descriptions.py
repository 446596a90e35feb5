"""What each data element means and where an officer finds its figure: the form's help.

One entry per element of the catalogue (a test holds them together), in both languages. The
sources name the register, software or office a commune keeps the figure in, as the province's
report outline and the seed report (xã Phú Tân, Quý I/2024) use them.
"""

from __future__ import annotations

from dataclasses import dataclass

from cds_core.catalogue import ELEMENTS, Element, Kind, Time


@dataclass(frozen=True)
class Description:
    meaning_vi: str
    meaning_en: str
    source_vi: str
    source_en: str

    def meaning(self, lang: str = "vi") -> str:
        return self.meaning_vi if lang == "vi" else self.meaning_en

    def source(self, lang: str = "vi") -> str:
        return self.source_vi if lang == "vi" else self.source_en


# Where figures come from, shared by the elements kept in the same place.
# fmt: off
_SOURCES: dict[str, tuple[str, str]] = {
    "committee": ("Văn bản, biên bản họp của Đảng ủy, UBND xã và Ban Chỉ đạo CĐS",
                  "Documents and minutes of the commune Party committee, People's Committee and steering committee"),
    "outreach": ("Kế hoạch, thông báo và danh sách điểm danh các buổi phổ biến",
                 "Plans, notices and attendance lists of the sessions"),
    "staff": ("Danh sách cán bộ, công chức của xã (bộ phận Nội vụ)",
              "The commune's staff list (home-affairs officer)"),
    "assets": ("Sổ theo dõi tài sản, thiết bị của UBND xã; cán bộ phụ trách CNTT",
               "The commune's asset register; the officer in charge of IT"),
    "network": ("Hợp đồng, biên bản bàn giao với nhà mạng; cán bộ phụ trách CNTT",
                "Contracts and hand-over records with the network operator; the IT officer"),
    "documents": ("Phần mềm quản lý văn bản và điều hành (QLVB&ĐH), sổ công văn đi, đến",
                  "The document-management software and the incoming/outgoing registers"),
    "email": ("Hệ thống thư điện tử công vụ của tỉnh", "The province's official e-mail system"),
    "one_stop": ("Phần mềm một cửa điện tử (bộ phận tiếp nhận và trả kết quả)",
                 "The one-stop-desk software"),
    "signatures": ("Danh sách chứng thư số được cấp (Ban Cơ yếu Chính phủ)",
                   "The list of digital certificates issued (Government Cipher Committee)"),
    "software": ("Bộ phận chuyên môn của UBND xã", "The commune's specialist staff"),
    "meetings": ("Sổ theo dõi hội nghị truyền hình trực tuyến",
                 "The video-conference log"),
    "website": ("Trang thông tin điện tử của xã (thống kê tin, bài)",
                "The commune website (its post statistics)"),
    "procedures": ("Quyết định công bố danh mục TTHC của UBND tỉnh; Cổng Dịch vụ công của tỉnh",
                   "The province's published list of procedures; the provincial public-service portal"),
    "national_portal": ("Cổng Dịch vụ công quốc gia", "The National Public Service Portal"),
    "dossiers": ("Hệ thống thông tin giải quyết TTHC của tỉnh (thống kê hồ sơ của xã)",
                 "The province's procedure-handling system (the commune's dossier statistics)"),
    "payments": ("Hệ thống thông tin giải quyết TTHC; sổ thu phí, lệ phí",
                 "The procedure-handling system; the fee ledger"),
    "satisfaction": ("Cổng Dịch vụ công (mục đánh giá mức độ hài lòng)",
                     "The public-service portal (its satisfaction ratings)"),
    "postal": ("Bưu điện văn hóa xã; phần mềm một cửa (kênh BCCI)",
               "The commune post office; the one-stop software (postal channel)"),
    "assignment": ("Quyết định phân công nhiệm vụ của UBND xã",
                   "The commune's decision assigning duties"),
    "budget": ("Sổ kế toán ngân sách xã (dự toán, quyết toán)",
               "The commune budget accounts"),
    "security": ("Cán bộ phụ trách CNTT; hồ sơ thiết bị mạng, phòng máy chủ",
                 "The IT officer; network and server-room equipment records"),
    "police": ("Công an xã (dữ liệu dân cư)", "The commune police (population data)"),
    "survey": ("Tổ công nghệ số cộng đồng của ấp (khảo sát hộ gia đình)",
               "The hamlet's community tech team (household survey)"),
    "operators": ("Nhà mạng; Tổ công nghệ số cộng đồng của ấp",
                  "Network operators; the hamlet's community tech team"),
    "economy": ("Bộ phận kinh tế của UBND xã; Tổ công nghệ số cộng đồng",
                "The commune's economic officer; the community tech team"),
    "team_roster": ("Danh sách thành viên Tổ (trang Ấp)", "The team's roster (the Hamlet page)"),
    "team_log": ("Nhật ký hoạt động của Tổ (trang Ấp)", "The team's activity log (the Hamlet page)"),
    "report": ("Báo cáo quý theo đề cương của tỉnh (chép từ bản Word)",
               "The quarterly report in the province's outline (copied from the Word file)"),
}

_BACKUP_VI = "Xã có dùng giải pháp sao lưu dữ liệu bằng {what}."
_BACKUP_EN = "The commune backs up its data with {what}."

# code → (meaning in Vietnamese, meaning in English, source)
_MEANINGS: dict[str, tuple[str, str, str]] = {
    "ld_plan_issued": ("Xã đã ban hành kế hoạch chuyển đổi số của năm; ghi số, ngày của kế hoạch vào ghi chú.",
                       "The commune has issued this year's digital-transformation plan; put its number and date in the comment.", "committee"),
    "ld_steering_active": ("Ban Chỉ đạo chuyển đổi số của xã vẫn duy trì hoạt động.",
                           "The commune's digital-transformation steering committee is still at work.", "committee"),
    "ld_steering_meetings": ("Số cuộc họp của Ban Chỉ đạo trong quý.",
                             "Meetings of the steering committee this quarter.", "committee"),
    "ld_outreach_sessions": ("Số cuộc phổ biến, quán triệt về chuyển đổi số trong quý (hội nghị, sinh hoạt chuyên đề).",
                             "Sessions this quarter that explained digital transformation (conferences, briefings).", "outreach"),
    "ld_outreach_attendees": ("Tổng lượt người dự các cuộc đó: một người dự hai cuộc tính hai lượt.",
                              "Total attendances at those sessions: one person at two sessions counts twice.", "outreach"),
    "ld_community_teams": ("Số Tổ công nghệ số cộng đồng đang hoạt động, gồm tổ của xã và tổ của các ấp.",
                           "Community tech teams at work, the commune's own and the hamlets'.", "committee"),
    "ht_staff_total": ("Tổng số cán bộ, công chức của xã.", "All the commune's civil servants.", "staff"),
    "ht_staff_with_pc": ("Số cán bộ, công chức có máy tính để làm việc.",
                         "Civil servants who have a computer to work on.", "assets"),
    "ht_pc_internet": ("Số máy tính có kết nối internet.", "Computers connected to the internet.", "assets"),
    "ht_pc_broadband": ("Số máy tính kết nối internet băng rộng (cáp quang); là một phần của số máy kết nối internet.",
                        "Computers on broadband (fibre); a part of those connected to the internet.", "assets"),
    "ht_pc_offline_security": ("Số máy tính cố ý không nối internet để giữ bí mật (máy soạn văn bản mật).",
                               "Computers kept off the internet on purpose (for classified documents).", "assets"),
    "ht_lan": ("Trụ sở xã có mạng nội bộ (LAN).", "The commune office has a local network (LAN).", "network"),
    "ht_lan_pcs": ("Số máy tính nối vào mạng nội bộ.", "Computers on the local network.", "network"),
    "ht_wan": ("Xã nối vào mạng diện rộng (WAN) của tỉnh.", "The commune is on the province's wide area network.", "network"),
    "ht_wan_pcs": ("Số máy tính nối vào mạng diện rộng.", "Computers on the wide area network.", "network"),
    "ht_bandwidth_mbps": ("Tốc độ đường truyền cáp quang của trụ sở theo hợp đồng, tính bằng Mbps.",
                          "The office's contracted fibre speed, in Mbps.", "network"),
    "ht_tslcd": ("Xã dùng mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước.",
                 "The commune uses the government's dedicated data network.", "network"),
    "ht_device": ("Thiết bị theo từng loại: tổng số, số trang bị trước 5 năm, số hư hỏng không dùng được, số mới trang bị trong năm.",
                  "Devices by type: total, acquired over 5 years ago, broken beyond use, new this year.", "assets"),
    "vb_out_total": ("Tổng số văn bản đi phát hành trong quý, kể cả văn bản mật.",
                     "Outgoing documents issued this quarter, secret ones included.", "documents"),
    "vb_out_secret": ("Số văn bản đi là văn bản mật (không gửi qua mạng).",
                      "Outgoing documents that are secret (never sent over the network).", "documents"),
    "vb_in_total": ("Tổng số văn bản đến trong quý.", "Incoming documents this quarter.", "documents"),
    "vb_exchanged_on_system": ("Số văn bản đi, đến trao đổi qua hệ thống quản lý văn bản và điều hành.",
                               "Documents sent or received through the document-management system.", "documents"),
    "vb_out_on_software": ("Số văn bản đi (trừ văn bản mật) phát hành trên phần mềm.",
                           "Outgoing documents (secret ones excepted) issued on the software.", "documents"),
    "vb_out_signed_valid": ("Số văn bản đi có chữ ký số đúng giá trị pháp lý.",
                            "Outgoing documents with a legally valid digital signature.", "documents"),
    "vb_out_electronic_only": ("Số văn bản đi gửi hoàn toàn bằng điện tử, không kèm bản giấy.",
                               "Outgoing documents sent electronically only, without paper.", "documents"),
    "vb_out_signed_org": ("Số văn bản đi có chữ ký số của cơ quan.",
                          "Outgoing documents signed digitally by the agency.", "documents"),
    "vb_out_signed_personal": ("Số văn bản đi có chữ ký số của người ký.",
                               "Outgoing documents signed digitally by the signer.", "documents"),
    "vb_in_digitized": ("Số văn bản đến được số hóa và xử lý trên phần mềm.",
                        "Incoming documents digitised and handled on the software.", "documents"),
    "vb_in_digitized_signed": ("Trong số văn bản đến đã số hóa, số văn bản có ký số đúng giá trị pháp lý.",
                               "Of the digitised incoming documents, those with a valid digital signature.", "documents"),
    "vb_print_frequency": ("Bao lâu in sổ công văn đi, đến một lần, ví dụ “06 tháng/lần”.",
                           "How often the document registers are printed, e.g. “every 6 months”.", "documents"),
    "em_accounts": ("Số hộp thư điện tử công vụ đã cấp cho cán bộ, công chức xã.",
                    "Official mailboxes issued to the commune's civil servants.", "email"),
    "em_regular_use_pct": ("Ước tính phần trăm hộp thư được dùng thường xuyên, từ 0 đến 100.",
                           "Estimated share of mailboxes in regular use, 0 to 100.", "email"),
    "mc_dossiers_received": ("Số hồ sơ tiếp nhận tại bộ phận một cửa trong quý.",
                             "Dossiers received at the one-stop desk this quarter.", "one_stop"),
    "mc_dossiers_on_software": ("Số hồ sơ được cập nhật, xử lý trên phần mềm một cửa.",
                                "Dossiers recorded and handled on the one-stop software.", "one_stop"),
    "mc_dossiers_on_time": ("Số hồ sơ giải quyết đúng hoặc trước ngày hẹn trả.",
                            "Dossiers settled on or before the promised date.", "one_stop"),
    "cks_org": ("Số chứng thư chữ ký số cấp cho cơ quan, tổ chức của xã.",
                "Digital-signature certificates issued to the commune's bodies.", "signatures"),
    "cks_personal": ("Số chứng thư chữ ký số cấp cho cá nhân cán bộ, công chức.",
                     "Digital-signature certificates issued to individual officers.", "signatures"),
    "sw_specialized": ("Tên các phần mềm chuyên ngành đang dùng, cách nhau bởi dấu chấm phẩy.",
                       "Names of the specialised software in use, separated by semicolons.", "software"),
    "sw_vendors": ("Các đơn vị cung cấp, triển khai những phần mềm đó.",
                   "The companies that supply and run that software.", "software"),
    "hn_points": ("Số điểm cầu hội nghị truyền hình trực tuyến đặt tại xã.",
                  "Video-conference endpoints in the commune.", "meetings"),
    "hn_meetings": ("Số cuộc họp trực tuyến xã tổ chức hoặc tham dự trong quý.",
                    "Online meetings the commune held or joined this quarter.", "meetings"),
    "tt_website": ("Xã có trang thông tin điện tử đang hoạt động.", "The commune has a working website.", "website"),
    "tt_posts": ("Số tin, bài đăng trên trang trong quý.", "News items and articles posted this quarter.", "website"),
    "dvc_tthc_total": ("Tổng số thủ tục hành chính thuộc thẩm quyền giải quyết của xã.",
                       "All administrative procedures the commune is competent to settle.", "procedures"),
    "dvc_tthc_info": ("Số thủ tục chỉ cung cấp thông tin trực tuyến (mức độ 2).",
                      "Procedures with online information only (level 2).", "procedures"),
    "dvc_tthc_partial": ("Số thủ tục cung cấp dịch vụ công trực tuyến một phần (mức độ 3).",
                         "Procedures offered partly online (level 3).", "procedures"),
    "dvc_tthc_full": ("Số thủ tục cung cấp dịch vụ công trực tuyến toàn trình (mức độ 4).",
                      "Procedures offered fully online (level 4).", "procedures"),
    "dvc_tthc_with_dossiers": ("Số thủ tục mức độ 3, 4 có ít nhất một hồ sơ trong quý.",
                               "Level 3-4 procedures that received at least one dossier this quarter.", "dossiers"),
    "dvc_tthc_national_portal": ("Số thủ tục đã tích hợp, công khai trên Cổng Dịch vụ công quốc gia.",
                                 "Procedures integrated and published on the national portal.", "national_portal"),
    "dvc_dossiers_total": ("Tổng số hồ sơ thủ tục hành chính trong quý, không tính công chứng, chứng thực.",
                           "Procedure dossiers this quarter, notarisation and certification excepted.", "dossiers"),
    "dvc_dossiers_online": ("Số hồ sơ giải quyết trực tuyến mức độ 3 và 4: bằng tổng hai dòng ngay dưới.",
                            "Dossiers settled online at levels 3 and 4: the sum of the two lines below.", "dossiers"),
    "dvc_dossiers_online_partial": ("Phần của dòng trên ở mức độ 3 (một phần trực tuyến).",
                                    "The part of the line above at level 3 (partly online).", "dossiers"),
    "dvc_dossiers_online_full": ("Phần của dòng trên ở mức độ 4 (toàn trình).",
                                 "The part of the line above at level 4 (fully online).", "dossiers"),
    "dvc_tthc_financial": ("Số thủ tục có yêu cầu nộp phí, lệ phí hoặc nghĩa vụ tài chính khác.",
                           "Procedures that require a fee or another financial obligation.", "procedures"),
    "dvc_tthc_financial_online": ("Trong số đó, số thủ tục đã cho thanh toán trực tuyến.",
                                  "Of those, the procedures that can be paid online.", "procedures"),
    "dvc_payments_total": ("Số giao dịch nộp nghĩa vụ tài chính trong quý.",
                           "Payments of financial obligations this quarter.", "payments"),
    "dvc_payments_online": ("Trong số đó, số giao dịch thanh toán trực tuyến.",
                            "Of those, the payments made online.", "payments"),
    "dvc_satisfaction_pct": ("Tỷ lệ người dân, doanh nghiệp hài lòng theo đánh giá trên Cổng Dịch vụ công, từ 0 đến 100.",
                             "Share of citizens and businesses satisfied, per the portal's ratings, 0 to 100.", "satisfaction"),
    "bc_tthc_deployed": ("Số thủ tục đã cho nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích (BCCI).",
                         "Procedures whose dossiers and results can go through the public postal service.", "postal"),
    "bc_tthc_with_dossiers": ("Trong số đó, số thủ tục có hồ sơ gửi qua bưu chính trong quý.",
                              "Of those, the procedures with a dossier sent by post this quarter.", "postal"),
    "bc_dossiers_received": ("Số hồ sơ nhận qua bưu chính công ích trong quý.",
                             "Dossiers received by post this quarter.", "postal"),
    "bc_dossiers_eligible": ("Tổng số hồ sơ của các thủ tục đã triển khai bưu chính, qua mọi kênh.",
                             "All dossiers of the procedures offered by post, by any channel.", "postal"),
    "bc_results_returned": ("Số kết quả giải quyết trả cho người dân qua bưu chính công ích.",
                            "Results returned to citizens by post.", "postal"),
    "nl_it_dedicated": ("Số cán bộ làm chuyên trách công nghệ thông tin.",
                        "Staff working on IT full time.", "assignment"),
    "nl_it_parttime": ("Số cán bộ kiêm nhiệm công nghệ thông tin.",
                       "Staff looking after IT besides other duties.", "assignment"),
    "nl_it_qualification": ("Trình độ tin học của cán bộ kiêm nhiệm, ví dụ “Tin học B”.",
                            "The IT qualification of the part-time staff, e.g. “IT certificate B”.", "assignment"),
    "nl_assignment_decision": ("Số và ngày của quyết định phân công phụ trách chuyển đổi số, an toàn thông tin.",
                               "Number and date of the decision assigning digital transformation and security.", "assignment"),
    "nl_budget_total": ("Tổng chi ngân sách cho ứng dụng công nghệ thông tin trong quý, triệu đồng.",
                        "Budget spent on IT this quarter, in million VND.", "budget"),
    "nl_budget_hardware": ("Phần chi mua sắm phần cứng, triệu đồng.", "Of it, hardware, in million VND.", "budget"),
    "nl_budget_software": ("Phần chi mua sắm, xây dựng phần mềm, triệu đồng.",
                           "Of it, buying or building software, in million VND.", "budget"),
    "at_firewall": ("Mạng nội bộ có tường lửa và thiết bị phát hiện truy cập trái phép.",
                    "The local network has a firewall and intrusion detection.", "security"),
    "at_intrusion_alert": ("Có hệ thống cảnh báo khi có truy cập trái phép.",
                           "An alert system warns of intrusions.", "security"),
    "at_av_provincial": ("Số máy tính dùng phần mềm diệt virus có bản quyền do tỉnh cấp.",
                         "Computers with licensed antivirus supplied by the province.", "security"),
    "at_av_self": ("Số máy tính dùng phần mềm diệt virus có bản quyền xã tự mua.",
                   "Computers with licensed antivirus the commune bought.", "security"),
    "at_av_free": ("Số máy tính dùng phần mềm diệt virus miễn phí.", "Computers with free antivirus.", "security"),
    "at_backup_tape": (_BACKUP_VI.format(what="băng từ"), _BACKUP_EN.format(what="tape"), "security"),
    "at_backup_disk_array": (_BACKUP_VI.format(what="tủ đĩa"), _BACKUP_EN.format(what="a disk array"), "security"),
    "at_backup_san": (_BACKUP_VI.format(what="mạng lưu trữ SAN"), _BACKUP_EN.format(what="a SAN"), "security"),
    "at_backup_nas": (_BACKUP_VI.format(what="thiết bị NAS"), _BACKUP_EN.format(what="a NAS"), "security"),
    "at_backup_das": (_BACKUP_VI.format(what="ổ lưu trữ gắn trực tiếp (DAS)"),
                      _BACKUP_EN.format(what="direct-attached storage (DAS)"), "security"),
    "at_backup_other": ("Giải pháp sao lưu khác, ghi rõ tên.", "Another backup solution, by name.", "security"),
    "at_fire_alarm": ("Phòng máy chủ có hệ thống báo cháy, nổ.", "The server room has a fire alarm.", "security"),
    "at_lightning": ("Phòng máy chủ có hệ thống chống sét.", "The server room has lightning protection.", "security"),
    "xh_households": ("Số hộ gia đình trong ấp.", "Households in the hamlet.", "police"),
    "xh_adults": ("Số người từ 15 tuổi trở lên trong ấp.", "People aged 15 and over in the hamlet.", "police"),
    "xh_smartphone_adults": ("Số người trưởng thành dùng điện thoại thông minh.",
                             "Adults who use a smartphone.", "survey"),
    "xh_fiber_households": ("Số hộ có internet cáp quang.", "Households with fibre internet.", "operators"),
    "xh_vneid_activated": ("Số tài khoản định danh điện tử mức 2 (VNeID) đã kích hoạt.",
                           "Level-2 electronic ID (VNeID) accounts activated.", "police"),
    "xh_epayment_adults": ("Số người trưởng thành có tài khoản thanh toán điện tử (ngân hàng, ví điện tử, Mobile Money).",
                           "Adults with an electronic payment account (bank, e-wallet, mobile money).", "survey"),
    "xh_digital_signature_adults": ("Số người trưởng thành có chữ ký số hoặc ký số từ xa.",
                                    "Adults with a digital or remote signature.", "survey"),
    "xh_citizen_app_users": ("Số người dùng ứng dụng công dân số (TienGiangS, congdanso).",
                             "Users of the digital-citizen apps (TienGiangS, congdanso).", "survey"),
    "kt_ecommerce_households": ("Số hộ sản xuất, kinh doanh, hợp tác xã bán hàng trên sàn thương mại điện tử.",
                                "Producers, shops and co-ops selling on e-commerce platforms.", "economy"),
    "kt_cashless_merchants": ("Số điểm kinh doanh nhận thanh toán không dùng tiền mặt (mã QR, thẻ).",
                              "Shops that take cashless payment (QR code, card).", "economy"),
    "kt_sme_supported": ("Số doanh nghiệp nhỏ và vừa được hỗ trợ chuyển đổi số trong quý.",
                         "Small and medium businesses helped with digital transformation this quarter.", "economy"),
    "tcn_members": ("Số thành viên Tổ công nghệ số cộng đồng của ấp.",
                    "Members of the hamlet's community tech team.", "team_roster"),
    "tcn_sessions": ("Số buổi tuyên truyền, hướng dẫn Tổ tổ chức trong quý.",
                     "Outreach and coaching sessions the team held this quarter.", "team_log"),
    "tcn_people_guided": ("Lượt người dân được Tổ hướng dẫn kỹ năng số.",
                          "Residents the team coached in digital skills (each visit counts).", "team_log"),
    "tcn_accounts_supported": ("Số tài khoản (VNeID, dịch vụ công, thanh toán) Tổ giúp người dân tạo.",
                               "Accounts (VNeID, public services, payment) the team helped residents open.", "team_log"),
    "nar_leadership": ("Mục I của báo cáo: công tác lãnh đạo, chỉ đạo và tổ chức triển khai.",
                       "Section I of the report: leadership, direction and implementation.", "report"),
    "nar_digital_economy": ("Mục 3: kết quả phát triển kinh tế số (a–d).",
                            "Section 3: the digital economy (a–d).", "report"),
    "nar_digital_society": ("Mục 4: kết quả phát triển xã hội số (a–c).",
                            "Section 4: the digital society (a–c).", "report"),
    "nar_difficulties": ("Mục III: những khó khăn, hạn chế.", "Section III: difficulties and shortcomings.", "report"),
    "nar_next_quarter": ("Phần thứ hai: phương hướng, nhiệm vụ quý tới.",
                         "Part two: tasks for the next quarter.", "report"),
}
# fmt: on


def _build() -> dict[str, Description]:
    found = {}
    for code, (vi, en, source) in _MEANINGS.items():
        if code not in ELEMENTS:
            raise RuntimeError(f"descriptions: unknown element {code}")
        src_vi, src_en = _SOURCES[source]
        found[code] = Description(vi, en, src_vi, src_en)
    return found


DESCRIPTIONS: dict[str, Description] = _build()

# How an element's figure is taken in time; text elements and yes/no answers say nothing more.
_TIME_NOTE = {
    Time.FLOW: ("Tính riêng trong quý.", "Counted within the quarter."),
    Time.STOCK: ("Số tại cuối quý; quý sau bắt đầu từ số này.",
                 "As it stands at the end of the quarter; the next quarter starts from it."),
}  # fmt: skip


def time_note(element: Element, lang: str = "vi") -> str | None:
    """Whether a figure counts the quarter's events or the state at its end."""
    if element.kind in (Kind.TEXT, Kind.BOOL):
        return None
    vi, en = _TIME_NOTE[element.time]
    return vi if lang == "vi" else en
