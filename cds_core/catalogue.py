"""The data elements of the quarterly report: codes, names, kinds, time behaviour and level.

Codes are stable public identifiers (CSV files, exports and tests use them); this module is the
only place that defines them. The table follows ``docs/catalogue.md`` sections 1-7 in the
order of the paper report, so forms and reports can walk it as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    COUNT = "count"  # non-negative integer
    NUMBER = "number"  # non-negative decimal
    PCT = "pct"  # 0-100, only where no raw counts exist
    BOOL = "bool"
    TEXT = "text"


class Time(StrEnum):
    FLOW = "flow"  # happens during the quarter: a year is the sum of its quarters
    STOCK = "stock"  # state at the end of the quarter: a year takes its last quarter


class Level(StrEnum):
    TINH = "tinh"
    HUYEN = "huyen"
    XA = "xa"
    AP = "ap"


LEVEL_RANK = {Level.TINH: 0, Level.HUYEN: 1, Level.XA: 2, Level.AP: 3}


@dataclass(frozen=True)
class Section:
    code: str
    name_vi: str
    name_en: str
    seed_ref: str  # where the paper report has it


@dataclass(frozen=True)
class Element:
    code: str
    name_vi: str
    name_en: str
    kind: Kind
    time: Time
    level: Level
    section: str
    # For a disaggregated element (the device table): category option codes, in order.
    categories: tuple[tuple[str, ...], ...] = ()
    # The largest plausible value of one cell (None for text); the smallest is always 0.
    maximum: float | None = None

    @property
    def is_numeric(self) -> bool:
        return self.kind in (Kind.COUNT, Kind.NUMBER, Kind.PCT, Kind.BOOL)


@dataclass(frozen=True)
class ValueCode:
    """One enterable cell: an element, or one cell of a disaggregated element."""

    code: str  # "ht_staff_total" or "ht_device.desktop.total"
    element: Element
    options: tuple[str, ...] = ()

    @property
    def kind(self) -> Kind:
        return self.element.kind


SECTIONS: tuple[Section, ...] = (
    Section("leadership", "Lãnh đạo, chỉ đạo", "Leadership and direction", "I"),
    Section("infrastructure", "Hạ tầng kỹ thuật", "Technical infrastructure", "2.1"),
    Section("applications", "Ứng dụng, dịch vụ", "Applications and services", "2.2"),
    Section(
        "services",
        "Dịch vụ cho người dân, doanh nghiệp",
        "Services for citizens and businesses",
        "2.3, II.1",
    ),
    Section(
        "resources",
        "Nhân lực, kinh phí, an toàn thông tin",
        "Staff, budget and information security",
        "2.4, 2.5",
    ),
    Section(
        "hamlet",
        "Kinh tế số, xã hội số (theo ấp)",
        "Digital economy and society (per hamlet)",
        "3, 4",
    ),
    Section("narrative", "Nội dung báo cáo", "Narrative sections", "I, 3, 4, III, Phần thứ hai"),
)

C, N, P, B, T = Kind.COUNT, Kind.NUMBER, Kind.PCT, Kind.BOOL, Kind.TEXT
F, S = Time.FLOW, Time.STOCK
XA, AP = Level.XA, Level.AP

DEVICE_TYPES: tuple[tuple[str, str, str], ...] = (
    ("server_dedicated", "Máy chủ chuyên dụng", "Dedicated server"),
    ("server_assembled", "Máy chủ lắp ráp", "Assembled server"),
    ("router", "Router", "Router"),
    ("switch", "Switch", "Switch"),
    ("desktop", "Máy vi tính để bàn", "Desktop computer"),
    ("laptop", "Máy tính xách tay", "Laptop"),
    ("printer", "Máy in", "Printer"),
    ("camera", "Máy ảnh kỹ thuật số", "Digital camera"),
    ("projector", "Máy chiếu", "Projector"),
    ("ups", "Thiết bị lưu điện (UPS)", "Uninterruptible power supply (UPS)"),
    ("scanner", "Máy scan", "Scanner"),
    ("photocopier", "Máy photocopy", "Photocopier"),
)
DEVICE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("total", "Tổng số", "Total"),
    ("over_5y", "Trang bị trước 5 năm", "Acquired over 5 years ago"),
    ("broken", "Hư hỏng không sử dụng được", "Broken, unusable"),
    ("new", "Mới trang bị trong năm", "New this year"),
)

# (code, name_vi, name_en, kind, time, level) per section, in the order of the paper report.
# fmt: off
_ROWS: dict[str, tuple[tuple[str, str, str, Kind, Time, Level], ...]] = {
    "leadership": (
        ("ld_plan_issued", "Đã ban hành kế hoạch CĐS năm của xã",
         "Annual digital-transformation plan issued", B, S, XA),
        ("ld_steering_active", "Ban Chỉ đạo CĐS xã duy trì hoạt động",
         "Steering Committee active", B, S, XA),
        ("ld_steering_meetings", "Số cuộc họp Ban Chỉ đạo CĐS",
         "Steering Committee meetings", C, F, XA),
        ("ld_outreach_sessions", "Số cuộc phổ biến, quán triệt về CĐS",
         "Awareness sessions on digital transformation", C, F, XA),
        ("ld_outreach_attendees", "Lượt người tham dự phổ biến, quán triệt",
         "Attendances at awareness sessions", C, F, XA),
        ("ld_community_teams", "Số Tổ công nghệ số cộng đồng (xã và ấp)",
         "Community tech teams (commune and hamlets)", C, S, XA),
    ),
    "infrastructure": (
        ("ht_staff_total", "Tổng số cán bộ, công chức", "Civil servants, total", C, S, XA),
        ("ht_staff_with_pc", "CBCC được trang bị máy tính",
         "Civil servants equipped with a computer", C, S, XA),
        ("ht_pc_internet", "Máy tính kết nối internet", "Computers connected to the internet",
         C, S, XA),
        ("ht_pc_broadband", "Máy tính kết nối internet băng rộng",
         "Computers on broadband internet", C, S, XA),
        ("ht_pc_offline_security", "Máy tính không kết nối internet vì lý do an ninh",
         "Computers kept offline for security", C, S, XA),
        ("ht_lan", "Có mạng nội bộ (LAN)", "Has a local area network (LAN)", B, S, XA),
        ("ht_lan_pcs", "Số máy tính kết nối LAN", "Computers on the LAN", C, S, XA),
        ("ht_wan", "Có mạng diện rộng (WAN)", "Has a wide area network (WAN)", B, S, XA),
        ("ht_wan_pcs", "Số máy tính kết nối WAN", "Computers on the WAN", C, S, XA),
        ("ht_bandwidth_mbps", "Tốc độ đường truyền cáp quang (Mbps)",
         "Fibre line speed (Mbps)", N, S, XA),
        ("ht_tslcd", "Sử dụng mạng truyền số liệu chuyên dùng",
         "Uses the government data network", B, S, XA),
        ("ht_device", "Thiết bị phần cứng", "Hardware devices", C, S, XA),
    ),
    "applications": (
        ("vb_out_total", "Tổng số văn bản đi", "Outgoing documents, total", C, F, XA),
        ("vb_out_secret", "Văn bản đi là văn bản mật", "Outgoing documents that are secret",
         C, F, XA),
        ("vb_in_total", "Tổng số văn bản đến", "Incoming documents, total", C, F, XA),
        ("vb_exchanged_on_system", "Văn bản trao đổi trên hệ thống QLVB&ĐH",
         "Documents exchanged on the document system", C, F, XA),
        ("vb_out_on_software", "Văn bản đi phát hành trên phần mềm (trừ mật)",
         "Outgoing documents issued on the software (excl. secret)", C, F, XA),
        ("vb_out_signed_valid", "Văn bản đi ký số đúng giá trị pháp lý",
         "Outgoing documents with a legally valid digital signature", C, F, XA),
        ("vb_out_electronic_only", "Văn bản đi gửi hoàn toàn điện tử, không kèm giấy",
         "Outgoing documents sent fully electronically", C, F, XA),
        ("vb_out_signed_org", "Văn bản đi ký số của cơ quan",
         "Outgoing documents signed by the agency", C, F, XA),
        ("vb_out_signed_personal", "Văn bản đi ký số của cá nhân",
         "Outgoing documents signed personally", C, F, XA),
        ("vb_in_digitized", "Văn bản đến được số hóa, xử lý trên phần mềm",
         "Incoming documents digitised and processed on the software", C, F, XA),
        ("vb_in_digitized_signed", "Văn bản đến số hóa có ký số đúng giá trị pháp lý",
         "Digitised incoming documents with a valid digital signature", C, F, XA),
        ("vb_print_frequency", "Chế độ in sổ công văn đi, đến",
         "How often the document registers are printed", T, S, XA),
        ("em_accounts", "Số hộp thư điện tử công vụ đã cấp", "Official e-mail accounts issued",
         C, S, XA),
        ("em_regular_use_pct", "Tỷ lệ hộp thư thường xuyên sử dụng (ước tính)",
         "Share of mailboxes in regular use (estimate)", P, S, XA),
        ("mc_dossiers_received", "Hồ sơ tiếp nhận tại bộ phận một cửa",
         "Dossiers received at the one-stop desk", C, F, XA),
        ("mc_dossiers_on_software", "Hồ sơ cập nhật, xử lý trên phần mềm một cửa",
         "Dossiers processed on the one-stop software", C, F, XA),
        ("mc_dossiers_on_time", "Hồ sơ giải quyết đúng hoặc trước hẹn",
         "Dossiers settled on or before time", C, F, XA),
        ("cks_org", "Chữ ký số cấp cho cơ quan, tổ chức",
         "Digital signatures issued to the agency", C, S, XA),
        ("cks_personal", "Chữ ký số cấp cho cá nhân", "Digital signatures issued to individuals",
         C, S, XA),
        ("sw_specialized", "Phần mềm chuyên ngành đang sử dụng", "Specialised software in use",
         T, S, XA),
        ("sw_vendors", "Đơn vị triển khai", "Software vendors", T, S, XA),
        ("hn_points", "Số điểm cầu hội nghị truyền hình trực tuyến",
         "Video-conference endpoints", C, S, XA),
        ("hn_meetings", "Số cuộc họp trực tuyến được tổ chức", "Online meetings held", C, F, XA),
    ),
    "services": (
        ("tt_website", "Có trang thông tin điện tử", "Has a website", B, S, XA),
        ("tt_posts", "Số tin, bài đăng trên trang TTĐT trong quý",
         "Posts on the website this quarter", C, F, XA),
        ("dvc_tthc_total", "Tổng số TTHC thuộc thẩm quyền của xã",
         "Administrative procedures under the commune", C, S, XA),
        ("dvc_tthc_info", "TTHC chỉ cung cấp thông tin trực tuyến (mức độ 2)",
         "Procedures with online information only (level 2)", C, S, XA),
        ("dvc_tthc_partial", "DVCTT một phần (mức độ 3)",
         "Partly online public services (level 3)", C, S, XA),
        ("dvc_tthc_full", "DVCTT toàn trình (mức độ 4)",
         "Fully online public services (level 4)", C, S, XA),
        ("dvc_tthc_with_dossiers", "TTHC mức độ 3, 4 có phát sinh hồ sơ",
         "Level 3-4 procedures that received dossiers", C, F, XA),
        ("dvc_tthc_national_portal", "TTHC tích hợp trên Cổng DVC quốc gia",
         "Procedures on the National Public Service Portal", C, S, XA),
        ("dvc_dossiers_total", "Tổng số hồ sơ TTHC (trừ công chứng, chứng thực)",
         "Procedure dossiers, total (excl. notarisation)", C, F, XA),
        ("dvc_dossiers_online", "Hồ sơ giải quyết trực tuyến mức độ 3, 4",
         "Dossiers settled online (levels 3-4)", C, F, XA),
        ("dvc_dossiers_online_partial", "trong đó mức độ 3 (một phần)",
         "of which level 3 (partly online)", C, F, XA),
        ("dvc_dossiers_online_full", "trong đó mức độ 4 (toàn trình)",
         "of which level 4 (fully online)", C, F, XA),
        ("dvc_tthc_financial", "TTHC có yêu cầu nghĩa vụ tài chính",
         "Procedures with a financial obligation", C, S, XA),
        ("dvc_tthc_financial_online", "trong đó triển khai thanh toán trực tuyến",
         "of which payable online", C, S, XA),
        ("dvc_payments_total", "Giao dịch thanh toán nghĩa vụ tài chính",
         "Payments of financial obligations", C, F, XA),
        ("dvc_payments_online", "trong đó thanh toán trực tuyến", "of which paid online",
         C, F, XA),
        ("dvc_satisfaction_pct", "Tỷ lệ người dân, doanh nghiệp hài lòng (theo Cổng DVC)",
         "Citizen and business satisfaction (per the portal)", P, F, XA),
        ("bc_tthc_deployed", "TTHC đã triển khai tiếp nhận/trả kết quả qua BCCI",
         "Procedures offered through the public postal service", C, S, XA),
        ("bc_tthc_with_dossiers", "trong đó có phát sinh hồ sơ qua BCCI",
         "of which with dossiers through the postal service", C, F, XA),
        ("bc_dossiers_received", "Hồ sơ tiếp nhận qua dịch vụ BCCI",
         "Dossiers received through the postal service", C, F, XA),
        ("bc_dossiers_eligible", "Hồ sơ của các TTHC đã triển khai BCCI",
         "Dossiers of procedures offered through the postal service", C, F, XA),
        ("bc_results_returned", "Kết quả giải quyết trả qua dịch vụ BCCI",
         "Results returned through the postal service", C, F, XA),
    ),
    "resources": (
        ("nl_it_dedicated", "Cán bộ chuyên trách CNTT", "Dedicated IT staff", C, S, XA),
        ("nl_it_parttime", "Cán bộ kiêm nhiệm CNTT", "Part-time IT staff", C, S, XA),
        ("nl_it_qualification", "Trình độ CNTT của cán bộ kiêm nhiệm",
         "IT qualification of part-time staff", T, S, XA),
        ("nl_assignment_decision", "Quyết định phân công phụ trách CĐS, ATTT",
         "Decision assigning digital transformation and security duties", T, S, XA),
        ("nl_budget_total", "Tổng chi ngân sách cho ứng dụng CNTT (triệu đồng)",
         "IT budget spent (million VND)", N, F, XA),
        ("nl_budget_hardware", "Chi mua sắm phần cứng (triệu đồng)",
         "Hardware spending (million VND)", N, F, XA),
        ("nl_budget_software", "Chi mua sắm, xây dựng phần mềm (triệu đồng)",
         "Software spending (million VND)", N, F, XA),
        ("at_firewall", "Mạng LAN có tường lửa, phát hiện truy cập trái phép",
         "LAN protected by a firewall and intrusion detection", B, S, XA),
        ("at_intrusion_alert", "Có hệ thống cảnh báo truy cập trái phép",
         "Has an intrusion alert system", B, S, XA),
        ("at_av_provincial", "Máy có diệt virus bản quyền do tỉnh trang bị",
         "Computers with licensed antivirus from the province", C, S, XA),
        ("at_av_self", "Máy có diệt virus bản quyền tự trang bị",
         "Computers with self-bought licensed antivirus", C, S, XA),
        ("at_av_free", "Máy dùng phần mềm diệt virus miễn phí",
         "Computers with free antivirus", C, S, XA),
        ("at_backup_tape", "Giải pháp an toàn dữ liệu: băng từ", "Data backup: tape", B, S, XA),
        ("at_backup_disk_array", "Giải pháp an toàn dữ liệu: tủ đĩa",
         "Data backup: disk array", B, S, XA),
        ("at_backup_san", "Giải pháp an toàn dữ liệu: SAN", "Data backup: SAN", B, S, XA),
        ("at_backup_nas", "Giải pháp an toàn dữ liệu: NAS", "Data backup: NAS", B, S, XA),
        ("at_backup_das", "Giải pháp an toàn dữ liệu: DAS", "Data backup: DAS", B, S, XA),
        ("at_backup_other", "Giải pháp khác (ghi rõ)", "Other backup solution (name it)",
         T, S, XA),
        ("at_fire_alarm", "Hệ thống báo cháy, nổ tại phòng máy chủ",
         "Fire alarm in the server room", B, S, XA),
        ("at_lightning", "Hệ thống chống sét tại phòng máy chủ",
         "Lightning protection in the server room", B, S, XA),
    ),
    "hamlet": (
        ("xh_households", "Số hộ gia đình", "Households", C, S, AP),
        ("xh_adults", "Số người trưởng thành (từ 15 tuổi)", "Adults (15 and over)", C, S, AP),
        ("xh_smartphone_adults", "Người trưởng thành sử dụng điện thoại thông minh",
         "Adults using a smartphone", C, S, AP),
        ("xh_fiber_households", "Hộ gia đình có internet cáp quang",
         "Households with fibre internet", C, S, AP),
        ("xh_vneid_activated", "Tài khoản định danh điện tử mức 2 đã kích hoạt",
         "Activated level-2 electronic ID accounts", C, S, AP),
        ("xh_epayment_adults", "Người trưởng thành có tài khoản thanh toán điện tử",
         "Adults with an electronic payment account", C, S, AP),
        ("xh_digital_signature_adults", "Người trưởng thành có chữ ký số / ký số từ xa",
         "Adults with a digital or remote signature", C, S, AP),
        ("xh_citizen_app_users", "Người dùng ứng dụng công dân số (TienGiangS, congdanso)",
         "Users of the digital-citizen apps", C, S, AP),
        ("kt_ecommerce_households", "Hộ sản xuất, kinh doanh, HTX trên sàn TMĐT",
         "Producers, businesses and co-ops on e-commerce platforms", C, S, AP),
        ("kt_cashless_merchants", "Điểm kinh doanh chấp nhận thanh toán không dùng tiền mặt",
         "Shops accepting cashless payment", C, S, AP),
        ("kt_sme_supported", "Doanh nghiệp nhỏ và vừa được hỗ trợ CĐS",
         "Small and medium businesses supported", C, F, XA),
        ("tcn_members", "Thành viên Tổ công nghệ số cộng đồng", "Community tech team members",
         C, S, AP),
        ("tcn_sessions", "Buổi tuyên truyền, hướng dẫn của Tổ",
         "Outreach and coaching sessions of the team", C, F, AP),
        ("tcn_people_guided", "Lượt người dân được hướng dẫn kỹ năng số",
         "Residents coached in digital skills", C, F, AP),
        ("tcn_accounts_supported", "Tài khoản (VNeID, DVC, thanh toán) được hỗ trợ tạo",
         "Accounts (VNeID, public services, payment) set up with help", C, F, AP),
    ),
    "narrative": (
        ("nar_leadership", "Công tác lãnh đạo, chỉ đạo (mục I)",
         "Leadership and direction (section I)", T, F, XA),
        ("nar_digital_economy", "Phát triển kinh tế số (mục 3)",
         "Digital economy (section 3)", T, F, XA),
        ("nar_digital_society", "Phát triển xã hội số (mục 4)",
         "Digital society (section 4)", T, F, XA),
        ("nar_difficulties", "Những khó khăn, hạn chế (mục III)",
         "Difficulties and shortcomings (section III)", T, F, XA),
        ("nar_next_quarter", "Phương hướng, nhiệm vụ quý tới (Phần thứ hai)",
         "Tasks for next quarter (part two)", T, F, XA),
    ),
}
# fmt: on


# Plausible bounds of one cell: what one commune or hamlet can hold or do in one quarter, with
# a wide margin. A value above them is a slip or an attack (10^28 people, `inf` Mbps) that would
# make every sum and rate above it meaningless, so every entry path refuses it.
OFFICE = 10_000  # staff, machines, procedures, meetings, teams, signatures: one office's worth
PEOPLE = 1_000_000  # people, households, documents, dossiers, payments, posts: one quarter's
# fmt: off
_MAXIMA: dict[float, tuple[str, ...]] = {
    OFFICE: (
        "ld_steering_meetings", "ld_outreach_sessions", "ld_community_teams",
        "ht_staff_total", "ht_staff_with_pc", "ht_pc_internet", "ht_pc_broadband",
        "ht_pc_offline_security", "ht_lan_pcs", "ht_wan_pcs", "ht_device",
        "em_accounts", "cks_org", "cks_personal", "hn_points", "hn_meetings",
        "dvc_tthc_total", "dvc_tthc_info", "dvc_tthc_partial", "dvc_tthc_full",
        "dvc_tthc_with_dossiers", "dvc_tthc_national_portal", "dvc_tthc_financial",
        "dvc_tthc_financial_online", "bc_tthc_deployed", "bc_tthc_with_dossiers",
        "nl_it_dedicated", "nl_it_parttime", "at_av_provincial", "at_av_self", "at_av_free",
        "tcn_members", "tcn_sessions",
    ),
    PEOPLE: (
        "ld_outreach_attendees", "vb_out_total", "vb_out_secret", "vb_in_total",
        "vb_exchanged_on_system", "vb_out_on_software", "vb_out_signed_valid",
        "vb_out_electronic_only", "vb_out_signed_org", "vb_out_signed_personal",
        "vb_in_digitized", "vb_in_digitized_signed", "mc_dossiers_received",
        "mc_dossiers_on_software", "mc_dossiers_on_time", "tt_posts", "dvc_dossiers_total",
        "dvc_dossiers_online", "dvc_dossiers_online_partial", "dvc_dossiers_online_full",
        "dvc_payments_total", "dvc_payments_online", "bc_dossiers_received",
        "bc_dossiers_eligible", "bc_results_returned", "xh_households", "xh_adults",
        "xh_smartphone_adults", "xh_fiber_households", "xh_vneid_activated",
        "xh_epayment_adults", "xh_digital_signature_adults", "xh_citizen_app_users",
        "kt_ecommerce_households", "kt_cashless_merchants", "kt_sme_supported",
        "tcn_people_guided", "tcn_accounts_supported",
        # Million VND: a commune's IT spending stays far below a trillion đồng.
        "nl_budget_total", "nl_budget_hardware", "nl_budget_software",
    ),
    100_000: ("ht_bandwidth_mbps",),  # 100 Gbit/s
}
# fmt: on
_MAXIMUM = {code: limit for limit, codes in _MAXIMA.items() for code in codes}
_KIND_MAXIMUM = {Kind.PCT: 100.0, Kind.BOOL: 1.0}


def _maximum(code: str, kind: Kind) -> float | None:
    if kind is Kind.TEXT:
        return None
    limit = _KIND_MAXIMUM.get(kind) or _MAXIMUM.get(code)
    if limit is None:
        raise RuntimeError(f"catalogue: no plausible maximum for {code}")
    return float(limit)


def _build() -> dict[str, Element]:
    section_codes = {s.code for s in SECTIONS}
    elements: dict[str, Element] = {}
    for section, rows in _ROWS.items():
        if section not in section_codes:
            raise RuntimeError(f"catalogue: unknown section {section}")
        for code, name_vi, name_en, kind, time, level in rows:
            if code in elements:
                raise RuntimeError(f"catalogue: duplicate element code {code}")
            categories: tuple[tuple[str, ...], ...] = ()
            if code == "ht_device":
                categories = (
                    tuple(t for t, _, _ in DEVICE_TYPES),
                    tuple(c for c, _, _ in DEVICE_COLUMNS),
                )
            elements[code] = Element(code, name_vi, name_en, kind, time, level, section,
                                     categories, _maximum(code, kind))  # fmt: skip
    stray = set(_MAXIMUM) - set(elements)
    if stray:
        raise RuntimeError(f"catalogue: maximum for unknown elements {sorted(stray)}")
    return elements


ELEMENTS: dict[str, Element] = _build()
# No element allows more: a stored value above it predates the bounds (migration 0005 lists it).
LARGEST = max(e.maximum for e in ELEMENTS.values() if e.maximum is not None)


def _expand(element: Element) -> list[ValueCode]:
    if not element.categories:
        return [ValueCode(element.code, element)]
    types, columns = element.categories
    return [ValueCode(f"{element.code}.{t}.{c}", element, (t, c)) for t in types for c in columns]


VALUE_CODES: dict[str, ValueCode] = {
    vc.code: vc for element in ELEMENTS.values() for vc in _expand(element)
}


def value_code(code: str) -> ValueCode:
    """The enterable cell behind a code such as ``ht_staff_total`` or ``ht_device.laptop.new``."""
    from cds_core.errors import CdsError

    try:
        return VALUE_CODES[code]
    except KeyError:
        raise CdsError("err_unknown_element", code=code) from None


def device_type_name(type_code: str, lang: str = "vi") -> str:
    for code, vi, en in DEVICE_TYPES:
        if code == type_code:
            return vi if lang == "vi" else en
    raise KeyError(type_code)


def device_column_name(column_code: str, lang: str = "vi") -> str:
    for code, vi, en in DEVICE_COLUMNS:
        if code == column_code:
            return vi if lang == "vi" else en
    raise KeyError(column_code)


def element_name(element: Element, lang: str = "vi") -> str:
    return element.name_vi if lang == "vi" else element.name_en


def value_code_name(vc: ValueCode, lang: str = "vi") -> str:
    if not vc.options:
        return element_name(vc.element, lang)
    t, c = vc.options
    return f"{device_type_name(t, lang)} — {device_column_name(c, lang)}"


# -- How past reports word each element (read by cds_core.extraction) ----------------------
#
# A commune's old quarterly reports are Word files in the province's outline, worded by hand.
# These are the words that tell which element a passage gives. Each is written in lower case;
# "…" lets anything stand between two parts, which come in this order. The element's (or the
# indicator's) own name always counts too, so the reports this project writes read back. A
# province whose outline words a line differently adds a phrase here, not code.
#   plain              names the element in a "label: value" line ("Tổng số văn bản đi: 93")
#   with "#"           a figure inside a sentence: "#" is the number, "#/#" a count of a whole
#   ending in "→ có"   a sentence of the report's results that answers a yes/no element "có";
#                      "{năm}" is the report's year
# Keys are value codes or indicator codes (an indicator's "n/d" gives its two counts). The
# narrative elements' phrases name the heading their passage stands under.
# fmt: off
REPORT_WORDS: dict[str, tuple[str, ...]] = {
    "ld_plan_issued": ("đã ban hành … kế hoạch … cđs … năm {năm} → có",),
    "ld_steering_active": ("duy trì hoạt động … ban chỉ đạo → có",),
    "ld_steering_meetings": ("cuộc họp … ban chỉ đạo", "# cuộc họp ban chỉ đạo"),
    "ld_outreach_sessions": ("số cuộc … phổ biến", "phổ biến, quán triệt … # cuộc",
                             "# cuộc phổ biến"),
    "ld_outreach_attendees": ("lượt người tham dự", "phổ biến, quán triệt … # lượt",
                              "# lượt người tham dự"),
    "ld_community_teams": ("số tổ công nghệ số cộng đồng", "# tổ công nghệ số cộng đồng",
                           "tổ công nghệ số cộng đồng"),
    "ht_staff_total": ("tổng số cbcc", "số cbcc"),
    "ht_staff_with_pc": ("cbcc … trang bị máy tính",),
    "ht_pc_internet": ("máy … kết nối internet",),
    "ht_pc_broadband": ("kết nối internet băng rộng", "máy tính … băng rộng"),
    "ht_pc_offline_security": ("không kết nối internet … an ninh",),
    "ht_lan": ("mạng nội bộ", "mạng lan"),
    "ht_lan_pcs": ("máy tính kết nối lan", "lan … máy tính kết nối",
                   "mạng nội bộ … máy tính kết nối"),
    "ht_wan": ("mạng diện rộng", "mạng wan"),
    "ht_wan_pcs": ("máy tính kết nối wan", "wan … máy tính kết nối",
                   "mạng diện rộng … máy tính kết nối"),
    "ht_bandwidth_mbps": ("cáp quang … tốc độ", "tốc độ … cáp quang", "ftth … tốc độ"),
    "ht_tslcd": ("truyền số liệu chuyên dùng", "lắp đặt … truyền số liệu chuyên dùng → có"),
    "ht_device.scanner.total": ("số máy scan",),
    "vb_out_total": ("tổng số văn bản đi", "số văn bản đi"),
    "vb_out_secret": ("số văn bản mật", "văn bản đi mật"),
    "vb_in_total": ("tổng số văn bản đến", "số văn bản đến"),
    "vb_exchanged_on_system": ("văn bản … trao đổi trên hệ thống",),
    "vb_out_on_software": ("văn bản đi … phát hành trên phần mềm",),
    "vb_out_signed_valid": ("văn bản đi … ký số … giá trị pháp lý",),
    "vb_out_electronic_only": ("văn bản đi … hoàn toàn … điện tử",),
    "vb_out_signed_org": ("văn bản đi … ký số của cơ quan",),
    "vb_out_signed_personal": ("văn bản đi … ký số của cá nhân",),
    "vb_in_digitized": ("văn bản đến được số hóa", "văn bản đến … số hóa, xử lý"),
    "vb_in_digitized_signed": ("văn bản đến … số hóa … ký số",),
    "vb_print_frequency": ("chế độ in",),
    "em_accounts": ("hộp thư … được cấp", "hộp thư … đã cấp"),
    "em_regular_use_pct": ("hộp thư … thường xuyên sử dụng",),
    "mc_dossiers_received": ("hồ sơ tiếp nhận", "tổng số hồ sơ … tiếp nhận"),
    "mc_dossiers_on_software": ("hồ sơ … cập nhật … xử lý trên phần mềm",
                                "hồ sơ … xử lý trên phần mềm"),
    "mc_dossiers_on_time": ("hồ sơ … đúng hẹn", "hồ sơ … đúng hạn", "hồ sơ … trước hẹn"),
    "cks_org": ("chữ ký số … cấp cho cơ quan", "chữ ký số … của cơ quan"),
    "cks_personal": ("chữ ký số … cấp cho cá nhân",),
    "sw_specialized": ("phần mềm chuyên ngành",),
    "sw_vendors": ("đơn vị triển khai",),
    "hn_points": ("điểm kết nối", "điểm cầu"),
    "hn_meetings": ("cuộc họp trực tuyến",),
    "tt_website": ("trang ttđt",),
    "tt_posts": ("tin, bài … trang ttđt", "số tin, bài"),
    "dvc_tthc_total": ("tổng số tthc", "số tthc thuộc thẩm quyền"),
    "dvc_tthc_info": ("dvctt mức độ 2", "tthc … cung cấp thông tin trực tuyến"),
    "dvc_tthc_partial": ("dvctt mức độ 3", "dvctt một phần"),
    "dvc_tthc_full": ("dvctt mức độ 4", "dvctt toàn trình"),
    "dvc_tthc_with_dossiers": ("tthc … mức độ 3, 4 … phát sinh hồ sơ",),
    "dvc_tthc_national_portal": ("tích hợp … cổng dvctt quốc gia",),
    "dvc_dossiers_total": ("tổng số hồ sơ tthc", "hồ sơ tthc … trừ … công chứng"),
    "dvc_dossiers_online": ("hồ sơ … giải quyết trực tuyến mức độ 3, 4",
                            "hồ sơ … trực tuyến mức độ 3, 4"),
    "dvc_dossiers_online_partial": ("mức độ 3 … hồ sơ", "hồ sơ … trực tuyến mức độ 3"),
    "dvc_dossiers_online_full": ("mức độ 4 … hồ sơ", "hồ sơ … trực tuyến mức độ 4"),
    "dvc_tthc_financial": ("tthc … nghĩa vụ tài chính",),
    "dvc_tthc_financial_online": ("nghĩa vụ tài chính … triển khai thanh toán trực tuyến",),
    "dvc_payments_total": ("giao dịch thanh toán",),
    "dvc_payments_online": ("giao dịch thanh toán trực tuyến",),
    "dvc_satisfaction_pct": ("hài lòng",),
    "bc_tthc_deployed": ("tthc … triển khai … bcci",),
    "bc_tthc_with_dossiers": ("tthc đã triển khai … phát sinh hồ sơ",),
    "bc_dossiers_received": ("hồ sơ … tiếp nhận qua … bcci",),
    "bc_dossiers_eligible": ("hồ sơ của … tthc đã triển khai bcci",),
    "bc_results_returned": ("kết quả … trả qua … bcci",),
    "nl_it_dedicated": ("chuyên trách … cntt",),
    "nl_it_parttime": ("kiêm nhiệm … cntt",),
    "nl_it_qualification": ("trình độ … cntt … kiêm nhiệm", "trình độ … kiêm nhiệm"),
    "nl_assignment_decision": ("quyết định phân công",),
    "nl_budget_total": ("tổng chi … cntt", "chi ngân sách … cntt"),
    "nl_budget_hardware": ("chi … phần cứng", "mua sắm phần cứng"),
    "nl_budget_software": ("chi … phần mềm",),
    "at_firewall": ("tường lửa", "mạng lan … tường lửa"),
    "at_intrusion_alert": ("cảnh báo truy cập trái phép",),
    "at_av_provincial": ("tỉnh trang bị phần mềm diệt virus", "diệt virus … do tỉnh"),
    "at_av_self": ("tự trang bị phần mềm diệt virus", "diệt virus … tự trang bị"),
    "at_av_free": ("diệt virus miễn phí",),
    "at_backup_tape": ("băng từ",),
    "at_backup_disk_array": ("tủ đĩa",),
    "at_backup_san": ("san",),
    "at_backup_nas": ("nas",),
    "at_backup_das": ("das",),
    "at_backup_other": ("giải pháp khác",),
    "at_fire_alarm": ("báo cháy",),
    "at_lightning": ("chống sét",),
    "xh_households": ("số hộ gia đình",),
    "xh_adults": ("số người trưởng thành",),
    "xh_smartphone_adults": ("sử dụng điện thoại thông minh",),
    "xh_fiber_households": ("hộ … cáp quang",),
    "xh_vneid_activated": ("định danh điện tử",),
    "xh_epayment_adults": ("tài khoản thanh toán điện tử",),
    "xh_digital_signature_adults": ("người … chữ ký số", "ký số từ xa"),
    "xh_citizen_app_users": ("ứng dụng công dân số",),
    "kt_ecommerce_households": ("sàn tmđt",),
    "kt_cashless_merchants": ("chấp nhận thanh toán không dùng tiền mặt",),
    "kt_sme_supported": ("doanh nghiệp nhỏ và vừa được hỗ trợ",),
    "tcn_members": ("thành viên tổ công nghệ",),
    "tcn_sessions": ("buổi tuyên truyền",),
    "tcn_people_guided": ("lượt người dân … hướng dẫn",),
    "tcn_accounts_supported": ("tài khoản … hỗ trợ tạo",),
    "nar_leadership": ("lãnh đạo, chỉ đạo",),
    "nar_digital_economy": ("kinh tế số",),
    "nar_digital_society": ("xã hội số",),
    "nar_difficulties": ("khó khăn, hạn chế",),
    "nar_next_quarter": ("phương hướng, nhiệm vụ",),
}

# Rows and column headings of the device table (keys: the device type and column codes).
REPORT_DEVICE_WORDS: dict[str, tuple[str, ...]] = {
    "desktop": ("máy tính để bàn", "pc"),
    "laptop": ("máy tính xách tay", "laptop"),
    "printer": ("máy in",),
    "camera": ("máy ảnh",),
    "projector": ("máy chiếu", "projector"),
    "ups": ("lưu điện", "ups"),
    "scanner": ("máy scan", "máy quét"),
    "photocopier": ("photocopy", "máy photo"),
    "total": ("tổng số", "tổng"),
    "over_5y": ("trước 5 năm", "trên 5 năm"),
    "broken": ("hư hỏng", "hỏng"),
    "new": ("mới trang bị", "trang bị mới"),
}

# Totals a report prints that the catalogue does not keep: checked against their parts.
REPORT_TOTALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tổng … chữ ký số … cấp", ("cks_org", "cks_personal")),
    ("tổng số máy tính được trang bị … diệt virus có bản quyền",
     ("at_av_provincial", "at_av_self")),
)

# What "n/d" after an element's phrase divides by, where no indicator of the element says it.
REPORT_SHARES: dict[str, str] = {
    "bc_tthc_with_dossiers": "bc_tthc_deployed",
    "dvc_dossiers_online_partial": "dvc_dossiers_total",
    "dvc_dossiers_online_full": "dvc_dossiers_total",
}

# Words that reports spell in several ways: every later form is read as the first.
SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("tỷ", "tỉ"),
    ("ký", "kí"),
    ("kỹ", "kĩ"),
    ("lý", "lí"),
    ("hồ sơ", "hs"),
    ("dvctt", "dvc tt", "dịch vụ công trực tuyến", "dvc trực tuyến", "dvc"),
    ("tthc", "thủ tục hành chính"),
    ("cbcc", "cán bộ, công chức", "cán bộ công chức", "cb, cc", "cbcc, viên chức"),
    ("máy tính", "máy vi tính"),
    ("qlvb&đh", "qlvb&dh", "qlvb & đh", "qlvb & dh", "quản lý văn bản và điều hành"),
    ("bcci", "bưu chính công ích"),
    ("sử dụng", "sd"),
    ("băng rộng", "băng thông rộng", "bằng thông rộng"),
    ("mức độ 3, 4", "mức độ 3 và mức độ 4", "mức độ 3, mức độ 4", "mức độ 3 và 4", "mức độ 3,4"),
    ("ubnd", "ủy ban nhân dân"),
    ("cntt", "công nghệ thông tin"),
    ("cđs", "chuyển đổi số"),
    ("ttđt", "thông tin điện tử"),
    ("tmđt", "thương mại điện tử"),
    ("virus", "vi rút", "virút"),
)
# fmt: on
