"""The quarterly report's content, built from plain values: sections I to Phần thứ hai.

It follows the commune's paper report (the demo's
``db/demo/bao-cao-cds-xa-phu-tan-quy-1-2024.txt``) section by section, but every rate is computed
from the counts (``21/22 … đạt 95,5%``, where the hand-written report says 100%).
The document is a Vietnamese administrative text (Decree 30/2020/NĐ-CP), so its wording lives
here beside the figures, in Vietnamese only; element names come from the catalogue. Word and
Excel renderers (``reporting/``) walk the same :class:`Report`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from cds_core import kinds
from cds_core.catalogue import DEVICE_COLUMNS, DEVICE_TYPES, ELEMENTS, Level
from cds_core.formatting import format_count, format_counts, format_pct
from cds_core.indicators import INDICATORS, Indicator, IndicatorValue, Outcome, compute
from cds_core.periods import ROMAN, Period
from cds_core.scorecard import Row
from cds_core.status import Status, label, word

Values = Mapping[str, float | str | None]

BLANK = "…"  # a figure nobody entered: left for the reader to see, as the paper form does
NO_DATA = "chưa có số liệu"
RESOLUTION = (
    "Nghị quyết số 08-NQ/TU ngày 06/10/2021 về chuyển đổi số tỉnh Tiền Giang đến năm 2025 "
    "và định hướng đến năm 2030"
)
RESOLUTION_PROVINCE = "Tiền Giang"  # the province whose resolution it is
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# On every page of a report whose figures are not all approved, and in its file's name.
DRAFT_MARK = "DỰ THẢO"
DRAFT_NOTE = "Số liệu trong dự thảo này chưa được duyệt hết; không dùng thay báo cáo chính thức."

# The commune's own targets, in the order section II.1 of the paper report lists them.
TARGET_INDICATORS = (
    "dvc_full_rate",
    "dvc_online_dossier_rate",
    "dvc_national_portal_rate",
    "vb_electronic_rate",
    "dvc_satisfaction",
    "dvc_financial_online_rate",
    "dvc_payment_online_rate",
)

# What each indicator counts, for "50/59 hồ sơ"; a pct indicator counts nothing.
UNITS = {
    "dvc_full_rate": "TTHC",
    "dvc_online_dossier_rate": "hồ sơ",
    "dvc_national_portal_rate": "TTHC",
    "vb_electronic_rate": "văn bản",
    "dvc_satisfaction": "",
    "dvc_financial_online_rate": "TTHC",
    "dvc_payment_online_rate": "giao dịch",
    "dvc_partial_rate": "TTHC",
    "dvc_info_rate": "TTHC",
    "dvc_tthc_with_dossiers_rate": "TTHC",
    "ht_staff_pc_rate": "cán bộ, công chức",
    "em_account_rate": "cán bộ, công chức",
    "vb_in_digitized_rate": "văn bản",
    "mc_software_rate": "hồ sơ",
    "mc_on_time_rate": "hồ sơ",
    "bc_receive_rate": "hồ sơ",
    "bc_return_rate": "hồ sơ",
    "at_av_coverage": "máy tính",
    "xh_smartphone_rate": "người",
    "xh_fiber_rate": "hộ",
    "xh_vneid_rate": "người",
    "xh_epayment_rate": "người",
    "xh_digital_signature_rate": "người",
}


# -- the blocks a section is made of ------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 part title (centred), 1 "I.", 2 "1.", 3 "2.1.", 4 "a)"


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Item:
    """A figure line, ``- label: value``; ``note`` is the officer's comment (workbook only)."""

    label: str
    value: str
    mark: str = "-"
    note: str = ""


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_cm: tuple[float, ...]
    statuses: tuple[Status | None, ...] = ()  # one per row where the last column is a status


Block = Heading | Para | Item | Table


@dataclass(frozen=True)
class Section:
    code: str  # "2.1"
    sheet: str  # the workbook's sheet name (at most 31 characters)
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class TrendPoint:
    """One indicator in one quarter, for the trend charts."""

    period: str  # as shown: "Quý I/2024"
    indicator: str  # its name as shown
    rate: float | None  # percent; None: nothing to plot for that quarter
    target: float | None
    status: Status


@dataclass(frozen=True)
class Meta:
    """What the officer fills in before generating; blanks stay blank for a pen."""

    number: str = ""
    place: str = ""
    doc_date: date | None = None
    signer_authority: str = "KT. CHỦ TỊCH"
    signer_title: str = "PHÓ CHỦ TỊCH"
    signer_name: str = ""
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class Header:
    parent_authority: str  # "UBND HUYỆN TÂN PHÚ ĐÔNG"
    issuer_lines: tuple[str, ...]  # ("ỦY BAN NHÂN DÂN", "XÃ PHÚ TÂN")
    number_line: str  # "Số: 15/BC-UBND"
    date_line: str  # "Phú Tân, ngày 05 tháng 4 năm 2024"


@dataclass(frozen=True)
class Report:
    org_name: str
    period: Period
    header: Header
    title: str
    subject: str
    sections: tuple[Section, ...]
    closing: str
    recipients: tuple[str, ...]
    signature: tuple[str, ...]  # authority, title (upper case); the name is apart
    signer_name: str
    appendix: Section
    appendix_title: tuple[str, ...] = field(default=())
    note: str = ""  # under the subject: what a merged unit's earlier figures are made of
    draft: bool = False  # figures not all approved: marked DỰ THẢO on every page

    @property
    def blocks(self) -> list[Block]:
        return [b for s in self.sections for b in s.blocks]


# -- phrases ------------------------------------------------------------------------------


def date_line(place: str, on: date | None) -> str:
    """``Phú Tân, ngày 05 tháng 02 năm 2024``: day below 10 and months 1-2 with a leading
    zero (Decree 30/2020/NĐ-CP, Appendix I); without a date, room to write it by hand."""
    if on is None:
        return f"{place}, ngày      tháng      năm       "
    month = f"{on.month:02d}" if on.month <= 2 else str(on.month)
    return f"{place}, ngày {on.day:02d} tháng {month} năm {on.year}"


def number_line(number: str) -> str:
    # The clerk numbers a report when it is issued: an empty number leaves the gap for it.
    return f"Số: {number.strip()}/BC-UBND" if number.strip() else "Số:        /BC-UBND"


def place_name(org_name: str, kind: str = "") -> str:
    """The địa danh of a commune: its name without the word for its kind (``Mỹ Tho`` of
    Phường Mỹ Tho), except where the rest is a number (``Phường 1``, ``Phường IV``)."""
    kind = kind or kinds.of_name(org_name, Level.XA)
    bare = kinds.bare_name(org_name, kind)
    numbered = bare.isdigit() or (bare != "" and set(bare) <= set("IVXLC"))
    return kinds.full_name(org_name, kind) if numbered else bare


def parent_authority(ancestors: Sequence[tuple], on: date) -> str:
    """The authority above the commune on ``on``, in capitals: ``UBND HUYỆN TÂN PHÚ ĐÔNG``.

    ``ancestors`` are (level, name, valid_from, valid_to[, kind]) from the top down to the
    parent. A unit that had ended by ``on`` (districts, after 1 July 2025) is passed over, so
    the province takes its place; the kind names it (``UBND THÀNH PHỐ HÀ NỘI``).
    """
    found = authority_above(ancestors, on)
    return kinds.authority_short(*found) if found else ""


def authority_above(ancestors: Sequence[tuple], on: date) -> tuple[str, str] | None:
    """(name, kind) of the district or province directly above the commune on ``on``."""
    return _authority(ancestors, on, (Level.TINH, Level.HUYEN))


def province_of(ancestors: Sequence[tuple], on: date) -> tuple[str, str] | None:
    """(name, kind) of the province among ``ancestors`` in force on ``on``."""
    return _authority(ancestors, on, (Level.TINH,))


def _authority(ancestors: Sequence[tuple], on: date, levels) -> tuple[str, str] | None:
    for level, name, valid_from, valid_to, *kind in reversed(ancestors):
        if level not in levels:
            continue
        if (valid_from is None or valid_from <= on) and (valid_to is None or on <= valid_to):
            return name, (kind[0] if kind and kind[0] else kinds.of_name(name, level))
    return None


def undertaking(province: tuple[str, str] | None) -> str:
    """What the report says it reports on: Resolution 08 of Tiền Giang where the unit's
    province in the quarter is Tiền Giang (or unknown); elsewhere — a commune of tỉnh Đồng
    Tháp after 1 July 2025 — the digital transformation of its own province, never another's."""
    if province is None or kinds.bare_name(*province) == RESOLUTION_PROVINCE:
        return RESOLUTION
    return f"nhiệm vụ chuyển đổi số trên địa bàn {kinds.in_sentence(*province)}"


def default_recipients(parent: tuple[str, str] | None) -> tuple[str, ...]:
    """``Nơi nhận`` of a commune's first report: the authority above it then, and the file."""
    above = (f"UBND {kinds.in_sentence(*parent)}",) if parent else ()
    return (*above, "Lưu: VT")


def predecessors_note(names: Sequence[str], start: date | None) -> str:
    """What a merged commune's figures for a quarter before it existed are."""
    since = f" trước ngày {start.strftime('%d/%m/%Y')}" if start else ""
    return f"Số liệu của quý là tổng số liệu của {', '.join(names)}{since}."


def recipient_lines(recipients: Sequence[str]) -> tuple[str, ...]:
    """``- Phòng VH-TT;`` … ``- Lưu: VT, VH-XH.``: dashes and end marks as Decree 30 sets them."""
    lines = [r.strip().lstrip("-–•").strip().rstrip(";.,") for r in recipients]
    lines = [line for line in lines if line]
    return tuple(f"- {line}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines))


def coverage_note(row: Row) -> str:
    """`` (2/4 đơn vị có số liệu)`` where a figure rests on fewer units than should report."""
    c = row.coverage
    if c is None or not c.partial or row.value.outcome is Outcome.NO_DATA:
        return ""
    return f" ({c.reported}/{c.expected} đơn vị có số liệu)"


def figure(value: IndicatorValue, unit: str = "") -> str:
    """``50/59 hồ sơ, đạt 84,7%``; a zero denominator is not applicable, never 0%."""
    u = f" {unit}" if unit else ""
    n = format_count(value.numerator)
    if value.outcome is Outcome.OK and value.denominator is None:
        return f"đạt {format_pct(value.rate)}"
    if value.outcome is Outcome.OK:
        counts = format_counts(value.numerator, value.denominator)
        return f"{counts}{u}, đạt {format_pct(value.rate)}"
    if value.outcome is Outcome.NOT_APPLICABLE:
        return f"{n}/0{u} (không áp dụng)"
    if value.numerator is not None:
        return f"{n}{u}, {NO_DATA} để tính tỷ lệ"
    return NO_DATA


def _ratio(values: Values, numerator: str, *denominator: tuple[str, int]) -> IndicatorValue:
    # A rate the paper form prints but the catalogue does not track: same rules as indicators.
    adhoc = Indicator("", "", "", ((numerator, 1),), tuple(denominator), "")
    return compute(adhoc, values)


# -- the sections ---------------------------------------------------------------------------


class _Builder:
    """Reads one unit's values and writes the sections in the paper report's order."""

    def __init__(
        self, values: Values, comments: Mapping[str, str], rows: Sequence[Row], period: Period
    ):
        self.values = values
        self.comments = comments
        self.rows = {r.indicator: r for r in rows}
        self.period = period

    def num(self, code: str) -> str:
        v = self.values.get(code)
        return BLANK if v is None or isinstance(v, str) else format_count(v)

    def text(self, code: str) -> str:
        v = self.values.get(code)
        return v.strip() if isinstance(v, str) and v.strip() else BLANK

    def yes_no(self, code: str) -> str:
        v = self.values.get(code)
        if v is None or isinstance(v, str):
            return BLANK
        answer = "Có" if v else "Không"
        # A yes/no answer carries its comment: it says what the "có" is (a plan's number...).
        note = self.comments.get(code, "").strip()
        return f"{answer} ({note})" if note else answer

    def item(self, code: str, value: str | None = None, label: str | None = None, mark="-"):
        return Item(
            label or ELEMENTS[code.split(".")[0]].name_vi,
            self.num(code) if value is None else value,
            mark,
            self.comments.get(code, ""),
        )

    def rate(self, indicator: str) -> str:
        row = self.rows[indicator]
        return figure(row.value, UNITS[indicator]) + coverage_note(row)

    def has(self, *codes: str) -> bool:
        return any(self.values.get(c) is not None for c in codes)

    def narrative(self, code: str) -> list[Block]:
        text = self.values.get(code)
        if not isinstance(text, str) or not text.strip():
            return [Para(BLANK)]
        return [Para(line.strip()) for line in text.splitlines() if line.strip()]

    # I.
    def leadership(self) -> Section:
        return Section("I", "I. Lãnh đạo, chỉ đạo", (
            Heading("Phần thứ nhất", 0),
            Heading("KẾT QUẢ TÌNH HÌNH THỰC HIỆN VỀ CHUYỂN ĐỔI SỐ", 0),
            Heading("I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VÀ TỔ CHỨC TRIỂN KHAI THỰC HIỆN", 1),
            *self.narrative("nar_leadership"),
            self.item("ld_plan_issued", self.yes_no("ld_plan_issued")),
            self.item("ld_steering_active", self.yes_no("ld_steering_active")),
            self.item("ld_steering_meetings"),
            self.item("ld_outreach_sessions"),
            self.item("ld_outreach_attendees"),
            self.item("ld_community_teams"),
        ))  # fmt: skip

    # II.1
    def targets(self) -> Section:
        blocks: list[Block] = [
            Heading("II. KẾT QUẢ TRIỂN KHAI", 1),
            Heading("1. Kết quả và đánh giá kết quả thực hiện các mục tiêu cụ thể", 2),
        ]
        for code in TARGET_INDICATORS:
            row = self.rows[code]
            goal = ""
            if row.target is not None:
                goal = f" (mục tiêu {row.target.label()} đến năm {row.target.deadline})"
            result = self.rate(code)
            if code == "dvc_online_dossier_rate" and self.has("dvc_dossiers_online_partial"):
                total = ("dvc_dossiers_total", 1)
                partial = figure(_ratio(self.values, "dvc_dossiers_online_partial", total), "hồ sơ")
                full = figure(_ratio(self.values, "dvc_dossiers_online_full", total), "hồ sơ")
                result += f" (mức độ 3: {partial}; mức độ 4: {full})"
            notes = [
                self.comments[c]
                for c in INDICATORS[code].elements
                if self.comments.get(c, "").strip()
            ]
            # The comment on a target's figures is the report's explanation of its result.
            explained = "".join(f" {n.strip().rstrip('.')}." for n in notes)
            blocks.append(
                Para(
                    f"- {INDICATORS[code].name_vi}{goal}: {result}; "
                    f"đánh giá: {word(row.status)}.{explained}"
                )
            )
        return Section("II.1", "II.1 Mục tiêu", tuple(blocks))

    # 2.1
    def infrastructure(self) -> Section:
        scanners = self.num("ht_device.scanner.total")
        device_rows = tuple(
            (str(i), name, "Cái", *(self._device(t, c) for c, _, _ in DEVICE_COLUMNS))
            for i, (t, name, _) in enumerate(DEVICE_TYPES, start=1)
        )
        return Section("2.1", "2.1 Hạ tầng kỹ thuật", (
            Heading("2. Kết quả thực hiện phát triển Chính quyền số", 2),
            Heading("2.1. Hạ tầng kỹ thuật", 3),
            Heading("a) Cán bộ, công chức được trang bị máy tính", 4),
            Item("Số cán bộ, công chức được trang bị máy tính", self.rate("ht_staff_pc_rate")),
            self.item("ht_pc_internet"),
            self.item("ht_device.scanner.total", scanners, "Số máy scan phục vụ số hóa văn bản"),
            Heading("b) Thiết bị phần cứng (bao gồm máy tính để bàn và máy tính xách tay)", 4),
            Table(
                ("TT", "Tên thiết bị", "Đơn vị tính",
                 *(name for _, name, _ in DEVICE_COLUMNS)),
                device_rows,
                (1.0, 4.6, 1.6, 2.0, 2.4, 2.4, 2.5),
            ),
            self.item("ht_pc_broadband"),
            self.item("ht_pc_offline_security"),
            self.item("ht_lan", self.yes_no("ht_lan")),
            self.item("ht_lan_pcs", mark="+"),
            self.item("ht_wan", self.yes_no("ht_wan")),
            self.item("ht_wan_pcs", mark="+"),
            self.item("ht_bandwidth_mbps", self._unit("ht_bandwidth_mbps", "Mbps")),
            self.item("ht_tslcd", self.yes_no("ht_tslcd")),
        ))  # fmt: skip

    def _device(self, type_code: str, column: str) -> str:
        v = self.values.get(f"ht_device.{type_code}.{column}")
        return "" if v is None else format_count(v)

    def _unit(self, code: str, unit: str) -> str:
        shown = self.num(code)
        return shown if shown == BLANK else f"{shown} {unit}"

    # 2.2
    def applications(self) -> Section:
        out_total = ("vb_out_total", 1)
        not_secret = (out_total, ("vb_out_secret", -1))
        in_total = ("vb_in_total", 1)
        signatures = BLANK
        if self.has("cks_org", "cks_personal"):
            signatures = format_count(
                sum(self.values.get(c) or 0 for c in ("cks_org", "cks_personal"))
            )
        return Section("2.2", "2.2 Ứng dụng, dịch vụ", (
            Heading("2.2. Các ứng dụng, dịch vụ", 3),
            Heading("a) Phần mềm quản lý văn bản và điều hành (QLVB&ĐH)", 4),
            self.item("vb_out_total"),
            self.item("vb_in_total"),
            self.item("vb_exchanged_on_system"),
            self.item("vb_out_on_software",
                      figure(_ratio(self.values, "vb_out_on_software", *not_secret), "văn bản"),
                      mark="+"),
            self.item("vb_out_signed_valid",
                      figure(_ratio(self.values, "vb_out_signed_valid", *not_secret), "văn bản"),
                      mark="+"),
            self.item("vb_out_electronic_only", self.rate("vb_electronic_rate"), mark="+"),
            self.item("vb_out_signed_org", mark="+"),
            self.item("vb_out_signed_personal", mark="+"),
            self.item("vb_in_digitized", self.rate("vb_in_digitized_rate"), mark="+"),
            self.item("vb_in_digitized_signed",
                      figure(_ratio(self.values, "vb_in_digitized_signed", in_total), "văn bản"),
                      mark="+"),
            self.item("vb_print_frequency", self.text("vb_print_frequency")),
            Heading("b) Thư điện tử công vụ", 4),
            self.item("em_accounts"),
            Item(INDICATORS["em_account_rate"].name_vi, self.rate("em_account_rate")),
            self.item("em_regular_use_pct", self._pct("em_regular_use_pct")),
            Heading("c) Một cửa điện tử", 4),
            self.item("mc_dossiers_received"),
            Item(INDICATORS["mc_software_rate"].name_vi, self.rate("mc_software_rate")),
            Item(INDICATORS["mc_on_time_rate"].name_vi, self.rate("mc_on_time_rate")),
            Heading("d) Chữ ký số", 4),
            Item("Tổng số chữ ký số được cấp", signatures),
            self.item("cks_org", mark="+"),
            self.item("cks_personal", mark="+"),
            Heading("đ) Phần mềm chuyên ngành", 4),
            self.item("sw_specialized", self.text("sw_specialized")),
            self.item("sw_vendors", self.text("sw_vendors")),
            Heading("e) Hội nghị truyền hình trực tuyến", 4),
            self.item("hn_points"),
            self.item("hn_meetings"),
        ))  # fmt: skip

    def _pct(self, code: str) -> str:
        v = self.values.get(code)
        return BLANK if v is None or isinstance(v, str) else format_pct(v)

    # 2.3
    def services(self) -> Section:
        eligible = ("bc_tthc_deployed", 1)
        return Section("2.3", "2.3 Phục vụ người dân, DN", (
            Heading("2.3. Ứng dụng công nghệ thông tin phục vụ người dân, doanh nghiệp", 3),
            Heading("a) Trang thông tin điện tử", 4),
            self.item("tt_website", self.yes_no("tt_website")),
            self.item("tt_posts"),
            Heading("b) Cung cấp dịch vụ công trực tuyến", 4),
            self.item("dvc_tthc_total"),
            Item(INDICATORS["dvc_info_rate"].name_vi, self.rate("dvc_info_rate")),
            Item(INDICATORS["dvc_partial_rate"].name_vi, self.rate("dvc_partial_rate")),
            Item(INDICATORS["dvc_full_rate"].name_vi, self.rate("dvc_full_rate")),
            Item(INDICATORS["dvc_tthc_with_dossiers_rate"].name_vi,
                 self.rate("dvc_tthc_with_dossiers_rate")),
            Item(f"{INDICATORS['dvc_online_dossier_rate'].name_vi} "
                 "(không tính các thủ tục lĩnh vực công chứng, chứng thực)",
                 self.rate("dvc_online_dossier_rate")),
            Item(INDICATORS["dvc_national_portal_rate"].name_vi,
                 self.rate("dvc_national_portal_rate")),
            Heading("c) Tiếp nhận, trả kết quả giải quyết TTHC qua dịch vụ bưu chính công ích "
                    "(BCCI)", 4),
            self.item("bc_tthc_with_dossiers",
                      figure(_ratio(self.values, "bc_tthc_with_dossiers", eligible), "TTHC"),
                      "TTHC đã triển khai qua BCCI có phát sinh hồ sơ"),
            Item(INDICATORS["bc_receive_rate"].name_vi, self.rate("bc_receive_rate")),
            Item(INDICATORS["bc_return_rate"].name_vi, self.rate("bc_return_rate")),
        ))  # fmt: skip

    # 2.4
    def staff(self) -> Section:
        return Section("2.4", "2.4 Nhân lực CNTT", (
            Heading("2.4. Nhân lực công nghệ thông tin", 3),
            self.item("nl_it_dedicated"),
            self.item("nl_it_parttime"),
            self.item("nl_it_qualification", self.text("nl_it_qualification")),
            self.item("nl_assignment_decision", self.text("nl_assignment_decision")),
            self.item("nl_budget_total"),
            self.item("nl_budget_hardware"),
            self.item("nl_budget_software"),
        ))  # fmt: skip

    # 2.5
    def security(self) -> Section:
        av = BLANK
        if self.has("at_av_provincial", "at_av_self"):
            av = format_count(
                sum(self.values.get(c) or 0 for c in ("at_av_provincial", "at_av_self"))
            )
        backups = (
            ("at_backup_tape", "Băng từ"),
            ("at_backup_disk_array", "Tủ đĩa"),
            ("at_backup_san", "SAN"),
            ("at_backup_nas", "NAS"),
            ("at_backup_das", "DAS"),
        )
        rows = [(str(i), name, *self._tick(code)) for i, (code, name) in enumerate(backups, 1)]
        other = self.values.get("at_backup_other")
        other_text = other.strip() if isinstance(other, str) else ""
        rows.append(
            (
                str(len(rows) + 1),
                f"Giải pháp khác: {other_text}" if other_text else "Giải pháp khác",
                "x" if other_text else "",
                "",
            )
        )
        return Section("2.5", "2.5 An toàn thông tin", (
            Heading("2.5. Đảm bảo an toàn, an ninh thông tin", 3),
            self.item("at_firewall", self.yes_no("at_firewall")),
            self.item("at_intrusion_alert", self.yes_no("at_intrusion_alert")),
            Item("Tổng số máy tính được trang bị phần mềm diệt virus có bản quyền", av),
            self.item("at_av_provincial", mark="+"),
            self.item("at_av_self", mark="+"),
            self.item("at_av_free"),
            Item(INDICATORS["at_av_coverage"].name_vi, self.rate("at_av_coverage")),
            Para("Hệ thống an toàn dữ liệu của mạng LAN:"),
            Table(("TT", "Giải pháp", "Có", "Không"), tuple(rows), (1.0, 9.5, 3.0, 3.0)),
            self.item("at_fire_alarm", self.yes_no("at_fire_alarm")),
            self.item("at_lightning", self.yes_no("at_lightning")),
        ))  # fmt: skip

    def _tick(self, code: str) -> tuple[str, str]:
        v = self.values.get(code)
        if v is None or isinstance(v, str):
            return "", ""
        return ("x", "") if v else ("", "x")

    # 3, 4: the paper report has narrative only; hamlet figures print where they were reported.
    def economy(self) -> Section:
        codes = ("kt_ecommerce_households", "kt_cashless_merchants", "kt_sme_supported")
        blocks: list[Block] = [
            Heading("3. Phát triển kinh tế số", 2),
            *self.narrative("nar_digital_economy"),
            *(self.item(c) for c in codes if self.has(c)),
        ]
        if self.has("xh_epayment_adults"):
            name = INDICATORS["xh_epayment_rate"].name_vi
            blocks.append(Item(name, self.rate("xh_epayment_rate")))
        return Section("3", "3 Kinh tế số", tuple(blocks))

    def society(self) -> Section:
        rates = (
            "xh_smartphone_rate",
            "xh_fiber_rate",
            "xh_vneid_rate",
            "xh_digital_signature_rate",
        )
        counts = ("xh_citizen_app_users", "tcn_members", "tcn_sessions", "tcn_people_guided",
                  "tcn_accounts_supported")  # fmt: skip
        return Section("4", "4 Xã hội số", (
            Heading("4. Phát triển xã hội số", 2),
            *self.narrative("nar_digital_society"),
            *(
                Item(INDICATORS[c].name_vi, self.rate(c))
                for c in rates if self.has(INDICATORS[c].numerator[0][0])
            ),
            *(self.item(c) for c in counts if self.has(c)),
        ))  # fmt: skip

    def difficulties(self) -> Section:
        return Section("III", "III. Khó khăn, hạn chế", (
            Heading("III. NHỮNG KHÓ KHĂN, HẠN CHẾ", 1),
            *self.narrative("nar_difficulties"),
        ))  # fmt: skip

    def next_quarter(self) -> Section:
        label = self.period.next().label().upper()
        return Section("P2", "Phần thứ hai. Phương hướng", (
            Heading("Phần thứ hai", 0),
            Heading(f"PHƯƠNG HƯỚNG, NHIỆM VỤ THỰC HIỆN VỀ CHUYỂN ĐỔI SỐ TRONG {label}", 0),
            *self.narrative("nar_next_quarter"),
        ))  # fmt: skip


def appendix(rows: Sequence[Row]) -> Section:
    """Every indicator with its figures, value, target and status (icon and word)."""
    table_rows = []
    for i, row in enumerate(rows, start=1):
        v = row.value
        counts = format_counts(v.numerator, v.denominator, blank=BLANK) + coverage_note(row)
        target = row.target
        table_rows.append(
            (
                str(i),
                INDICATORS[row.indicator].name_vi,
                counts,
                format_pct(v.rate),
                target.label() if target else "",
                str(target.deadline) if target else "",
                label(row.status),
            )
        )
    return Section("PL", "Phụ lục. Chỉ số", (
        Table(
            ("TT", "Chỉ số", "Số liệu", "Giá trị", "Mục tiêu", "Năm", "Đánh giá"),
            tuple(table_rows),
            (0.9, 5.3, 1.8, 1.5, 1.7, 1.2, 3.6),
            tuple(r.status for r in rows),
        ),
    ))  # fmt: skip


def build(
    *,
    org_name: str,
    parent: str,
    period: Period,
    org_kind: str = "",
    province: tuple[str, str] | None = None,
    values: Values,
    comments: Mapping[str, str],
    rows: Sequence[Row],
    meta: Meta,
    note: str = "",
    draft: bool = False,
) -> Report:
    """The whole report of one commune and quarter.

    ``values`` are the unit's element values (numbers rolled up over its hamlets, its own
    texts), ``rows`` its scorecard, ``parent`` the authority line (:func:`parent_authority`),
    ``org_kind`` what the unit is (a phường is headed ỦY BAN NHÂN DÂN PHƯỜNG …), ``province``
    its province's (name, kind) in the quarter (:func:`province_of`); ``draft`` when its
    figures are not all approved.
    """
    b = _Builder(values, comments, rows, period)
    org_kind = org_kind or kinds.of_name(org_name, Level.XA)
    place = meta.place.strip() or place_name(org_name, org_kind)
    quarter = f"quý {ROMAN[period.quarter - 1]} năm {period.year}"
    issuer = kinds.in_sentence(org_name, org_kind)
    task = undertaking(province)
    header = Header(
        parent_authority=parent,
        issuer_lines=kinds.authority(org_name, org_kind),
        number_line=number_line(meta.number),
        date_line=date_line(place, meta.doc_date),
    )
    sections = (
        b.leadership(),
        b.targets(),
        b.infrastructure(),
        b.applications(),
        b.services(),
        b.staff(),
        b.security(),
        b.economy(),
        b.society(),
        b.difficulties(),
        b.next_quarter(),
    )
    closing = (
        f"Trên đây là báo cáo kết quả, tình hình triển khai thực hiện {task} "
        f"của Ủy ban nhân dân {issuer} {quarter}./."
    )
    number = meta.number.strip() or "     "
    on = meta.doc_date.strftime("%d/%m/%Y") if meta.doc_date else "   /   /    "
    return Report(
        org_name=kinds.full_name(org_name, org_kind),
        period=period,
        header=header,
        title="BÁO CÁO",
        subject=f"Tình hình thực hiện {task} trong {period.label()}",
        sections=sections,
        closing=closing,
        recipients=recipient_lines(meta.recipients),
        signature=tuple(
            s.strip().upper() for s in (meta.signer_authority, meta.signer_title) if s.strip()
        ),
        signer_name=meta.signer_name.strip(),
        appendix=appendix(rows),
        note=note,
        appendix_title=(
            "PHỤ LỤC",
            f"KẾT QUẢ CÁC CHỈ SỐ CHUYỂN ĐỔI SỐ {period.label().upper()}",
            f"(Kèm theo Báo cáo số {number}/BC-UBND ngày {on} của Ủy ban nhân dân {issuer})",
        ),
        draft=draft,
    )
