"""The sections of a printed call sheet, in industry order, as reportlab flowables.

Each function turns one part of a ``CallSheet`` into flowables at one text
size; ``call_sheet_pdf`` stacks them and chooses the size that fits a page.
Labels are ours and may use markup; everything a user typed goes through
``Ink.markup`` and prints literally.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from storyboarder.model.call_sheet_warnings import PRINTED_KINDS
from storyboarder.model.departments import CAST_STATUSES
from storyboarder.model.equipment import shot_ranges
from storyboarder.model.numbering import format_duration
from storyboarder.model.pages import format_eighths
from storyboarder.model.sun import format_clock

from .call_sheet_tables import Entry, column_table, padding, ruled_table
from .call_sheet_text import INK, MUTED, Ink, Styles, flowing, has_cjk, paragraph, rich

if TYPE_CHECKING:
    from storyboarder.model.call_sheet import CallSheet, SceneLine

_WHITE = (1.0, 1.0, 1.0)


class Section:
    """Helpers shared by every section of one day's sheet at one size."""

    def __init__(self, sheet: CallSheet, ink: Ink, styles: Styles, width: float, day: str):
        self.sheet = sheet
        self.ink = ink
        self.st = styles
        self.width = width
        self.day = day  # "Day 1", for warnings about characters no font has

    def text(self, value: str, style=None, *, bold: bool = False, where: str = "") -> Flowable:
        """User text as a paragraph."""
        return paragraph(self.ink, value, style or self.st.body, bold=bold, where=f"{self.day}: {where}" if where else self.day)

    def join(self, parts: list[tuple[str, dict]], style=None) -> Flowable:
        """Several pieces of user text in one cell, each on its own line: ``[(text, {bold, muted, where}), …]``."""
        markup = []
        cjk = False
        style = style or self.st.body
        for value, how in parts:
            if not value:
                continue
            cjk = cjk or has_cjk(value)
            where = f"{self.day}: {how.get('where', '')}"
            markup.append(self.ink.markup(value, bold=how.get("bold", False), where=where,
                                          color=MUTED if how.get("muted") else None,
                                          size=self.st.size * how["scale"] if "scale" in how else None, base=style.fontName))
        return rich(markup, style, self.ink, cjk)

    def label(self, words: str, style=None) -> Paragraph:
        """A label of ours (never user text), escaped all the same so ``&`` prints."""
        return Paragraph(escape(words), style or self.st.head)

    def title(self, words: str, extra: str = "") -> Paragraph:
        """A section's title bar: our words in capitals, then a remark of ours in regular type."""
        tail = f"<font name='{self.ink.fonts.regular}'>  {escape(extra)}</font>" if extra else ""
        return Paragraph(f"{escape(words.upper())}{tail}", self.st.head)

    def cols(self, *fractions: float) -> list[float]:
        """Column widths from fractions of the page width."""
        total = sum(fractions)
        return [self.width * f / total for f in fractions]


def _header_cells(sec: Section) -> tuple[list[Flowable], list[Flowable], list[Flowable]]:
    """The header's three columns: who and what; the general crew call; which day, and the set's status."""
    sheet, st = sec.sheet, sec.st
    left = [
        sec.text(sheet.production.upper(), st.small, where="production") if sheet.production else None,
        sec.text(sheet.title or "Untitled", st.title, bold=True, where="title"),
    ]
    left = [p for p in left if p is not None]
    if sheet.director:
        left.append(sec.join([(f"Director: {sheet.director}", {"where": "director"})]))
    if sheet.producers:
        names = ", ".join(sheet.producers)
        left.append(sec.join([(f"{'Producers' if len(sheet.producers) > 1 else 'Producer'}: {names}", {"where": "producers"})]))

    centre = [
        sec.label("GENERAL CREW CALL", st.big_label),
        sec.text(sheet.crew_call or "—", st.big, bold=True, where="crew call"),
    ]
    if sheet.shooting_call:
        centre.append(sec.text(f"Shooting call {sheet.shooting_call}", st.center, bold=True, where="shooting call"))

    right = [
        sec.label(f"CALL SHEET · DAY {sheet.day_number} OF {sheet.day_count}", _scaled(st.head, st, 1.35)),
        sec.text(sheet.date_text or "No date", _scaled(st.body, st, 1.15), bold=True, where="date"),
    ]
    if sheet.closed_set:
        right.append(Paragraph("CLOSED SET", _closed_set_style(st)))
    if sheet.revision_color:
        right.append(sec.text(f"Script revision: {sheet.revision_color}", where="revision colour"))
    return left, centre, right


def header(sec: Section) -> Flowable:
    """Production, title, director and producers; the general crew call in large type; the day, date and set notes."""
    st = sec.st
    left, centre, right = _header_cells(sec)
    widths = sec.cols(0.42, 0.26, 0.32)
    table = Table([[left, centre, right]], colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle(padding(st) + [
        ("BOX", (0, 0), (-1, -1), 1.4, INK),
        ("LINEAFTER", (0, 0), (1, 0), 0.6, INK),
        ("VALIGN", (1, 0), (1, 0), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), st.size * 0.4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), st.size * 0.5),
    ]))
    return table


def header_stacked(sec: Section) -> list[Flowable]:
    """The header as plain paragraphs, for a title or name too long to sit in the header's columns."""
    return [flowable for cell in _header_cells(sec) for flowable in cell]


def _scaled(style, st: Styles, scale: float):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}-x{scale}", parent=style, fontSize=st.size * scale, leading=st.size * scale * 1.17)


def _closed_set_style(st: Styles):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("closed-set", parent=st.head, fontSize=st.size * 1.2, leading=st.size * 1.5,
                          textColor=_WHITE, backColor=INK, borderPadding=(st.size * 0.15, st.size * 0.4), alignment=0,
                          spaceBefore=st.size * 0.35, spaceAfter=st.size * 0.2)


def printed_warnings(sec: Section) -> list[Flowable]:
    """A boxed line for each thing the day refers to that is gone: a deleted scene, cast member or location."""
    shown = [w for w in sec.sheet.warnings if w.kind in PRINTED_KINDS]
    if not shown:
        return []
    rows = [[sec.join([(f"WARNING: {w.message}", {"bold": True, "where": "warning"})])] for w in shown]
    return [ruled_table(rows, [sec.width], sec.st, commands=[("BOX", (0, 0), (-1, -1), 1.4, INK)])]


def times_and_sun(sec: Section) -> Flowable:
    """The day's times, the sun times at the location, and the weather, side by side."""
    sheet, st = sec.sheet, sec.st
    times = [("Breakfast", sheet.breakfast), ("Crew call", sheet.crew_call), ("Shooting call", sheet.shooting_call),
             ("Lunch", sheet.lunch), ("Est. wrap", sheet.wrap)]
    pieces = [f"<font name='{sec.ink.fonts.bold}'>{label}</font>&nbsp;" + _inline(sec, [(value, {"where": label.lower()})])
              for label, value in times if value]
    # Two times a line, so the block is no taller than the sun times beside it.
    lines = [" &nbsp;·&nbsp; ".join(pieces[i:i + 2]) for i in range(0, len(pieces), 2)]
    if sheet.total_est_minutes:
        lines.append(f"Est. shooting time&nbsp;{_hours(sheet.total_est_minutes)}")
    times_cell = flowing("<br/>".join(lines), st.body, sec.ink) if lines else sec.join([("No times set", {"muted": True})])

    sun = sheet.sun
    if sun is None:
        sun_cell = sec.join([(f"No sun times: {sheet.sun_place}", {"muted": True})])
    else:
        lines = [
            f"Dawn {format_clock(sun.dawn)} · Sunrise {format_clock(sun.sunrise)}",
            f"Sunset {format_clock(sun.sunset)} · Dusk {format_clock(sun.dusk)}",
        ]
        golden = [f"{format_clock(w[0])}–{format_clock(w[1])}" for w in (sun.golden_morning, sun.golden_evening) if w]
        if golden:
            lines.append("Golden hour " + ", ".join(golden))
        parts = [(line, {}) for line in lines]
        if sun.note:
            parts.append((sun.note[:1].upper() + sun.note[1:], {"bold": True}))
        parts.append((f"{sun.time_zone} · at {sheet.sun_place}", {"muted": True, "scale": 0.88, "where": "location"}))
        sun_cell = sec.join(parts)

    weather_cell = sec.text(sheet.weather, where="weather") if sheet.weather else sec.join([("Not given", {"muted": True})])
    header_row = [sec.label("TIMES"), sec.label("SUN"), sec.label("WEATHER")]
    return ruled_table([[times_cell, sun_cell, weather_cell]], sec.cols(0.27, 0.33, 0.40), st, header=header_row)


def _hours(minutes: float) -> str:
    whole = round(minutes)
    hours, rest = divmod(whole, 60)
    return f"{hours}h {rest:02d}m" if hours else f"{rest}m"


def locations(sec: Section) -> Flowable:
    """Each location with its address and notes, parking, nearest hospital and on-site contact."""
    st = sec.st
    rows = []
    for index, line in enumerate(sec.sheet.locations, start=1):
        name = line.name or "(unnamed location)"
        where = f"location {name}"
        place = [(f"{index}. {name}", {"bold": True, "where": where}), (line.address, {"where": where})]
        if not line.booked:
            place.append(("Not booked for the day", {"bold": True}))
        if line.notes:
            place.append((line.notes, {"muted": True, "where": where}))
        if line.hospital:
            hospital = sec.join([(line.hospital.name, {"bold": True, "where": where}), (line.hospital.address, {"where": where}),
                                 (line.hospital.phone, {"bold": True, "where": where})])
        else:
            hospital = sec.join([("None listed", {"bold": True})])
        rows.append([sec.join(place), sec.text(line.parking, where=where), hospital, sec.text(line.contact, where=where)])
    if not rows:
        rows.append([sec.join([("No location booked for the day", {"bold": True})]), "", "", ""])
    head = [sec.label("LOCATIONS"), sec.label("Parking"), sec.label("Nearest hospital"), sec.label("On-site contact")]
    return ruled_table(rows, sec.cols(0.31, 0.25, 0.26, 0.18), st, header=head)


def _scene_cell(sec: Section, line: SceneLine) -> Paragraph:
    """The set in bold with the description run on after it, to keep a scene to as few lines as it can."""
    where = f"scene {line.number}"
    name = _inline(sec, [(line.set_name or line.heading or "(no heading)", {"bold": True, "where": where})])
    body = name + (" &nbsp;" + _inline(sec, [(line.description, {"where": where})]) if line.description else "")
    cjk = has_cjk(line.set_name + line.heading + line.description)
    return rich([body], sec.st.body, sec.ink, cjk)


def scenes(sec: Section) -> Flowable:
    """The scenes in shooting order: number, set and description, I/E, D/N, pages, cast, shots and setups, running time."""
    sheet, st = sec.sheet, sec.st
    rows = []
    for line in sheet.scenes:
        rows.append([
            sec.text(line.number, st.strong_center, bold=True, where="scene number"),
            _scene_cell(sec, line),
            sec.text(line.int_ext, st.center, where=f"scene {line.number}"),
            sec.text(line.day_night, st.center, where=f"scene {line.number}"),
            Paragraph(format_eighths(line.pages_eighths) or "–", st.center),
            Paragraph(", ".join(str(n) for n in line.cast_numbers) or "–", st.center),
            Paragraph(f"{line.shots} / {line.setups}", st.center),
            Paragraph(format_duration(line.running_ms), st.center),
        ])
    commands = []
    if not rows:
        rows.append(["", sec.join([("No scenes scheduled", {"bold": True})]), "", "", "", "", "", ""])
    else:
        pages = "–"
        if sheet.total_pages_eighths or not sheet.pages_incomplete:
            # "+" says some scene has no page count, so the real total is more.
            pages = format_eighths(sheet.total_pages_eighths) + ("+" if sheet.pages_incomplete else "")
        count = len(sheet.scenes)
        rows.append([
            "",
            Paragraph(f"Total: {count} scene{'s' if count != 1 else ''}", st.strong),
            "", "",
            Paragraph(pages, st.strong_center),
            "",
            Paragraph(f"{sheet.total_shots} / {sheet.total_setups}", st.strong_center),
            Paragraph(format_duration(sheet.total_running_ms), st.strong_center),
        ])
        commands = [("LINEABOVE", (0, -1), (-1, -1), 0.8, INK)]
    head = [sec.label("Sc", st.head_center), sec.label("SCENES: set / description"), sec.label("I/E", st.head_center),
            sec.label("D/N", st.head_center), sec.label("Pages", st.head_center), sec.label("Cast", st.head_center),
            sec.label("Shots/setups", st.head_center), sec.label("Run time", st.head_center)]
    return ruled_table(rows, sec.cols(0.05, 0.47, 0.05, 0.06, 0.07, 0.1, 0.115, 0.085), st, header=head, commands=commands)


def cast(sec: Section) -> list[Flowable]:
    """The cast called, by cast number, with status, pickup, hair and makeup, on set and remarks; then a status key."""
    sheet, st = sec.sheet, sec.st
    rows = []
    for line in sheet.cast:
        where = f"cast #{line.number}"
        rows.append([
            Paragraph(str(line.number), st.strong_center),
            sec.text(line.character, bold=True, where=where),
            sec.text(line.actor, where=where),
            sec.text(line.status, st.center, bold=not line.status_derived, where=where),
            sec.text(line.pickup, st.center, where=where),
            sec.text(line.makeup, st.center, where=where),
            sec.text(line.on_set, st.center, bold=True, where=where),
            sec.text(line.remarks, where=where),
        ])
    if not rows:
        rows.append(["", sec.join([("No cast called", {"bold": True})]), "", "", "", "", "", ""])
    head = [sec.label("#", st.head_center), sec.label("CAST: character"), sec.label("Actor"), sec.label("Status", st.head_center),
            sec.label("Pickup", st.head_center), sec.label("H&MU", st.head_center), sec.label("On set", st.head_center),
            sec.label("Remarks")]
    table = ruled_table(rows, sec.cols(0.045, 0.17, 0.17, 0.065, 0.075, 0.075, 0.075, 0.325), st, header=head)
    notes = [f"{code} {CAST_STATUSES[code]}" for code in CAST_STATUSES if any(line.status == code for line in sheet.cast)]
    if any(line.defaulted for line in sheet.cast):
        notes.append("no cast calls set yet: the cast of the day's scenes is listed")
    return [table, Paragraph(escape(" · ".join(notes)), st.small)] if notes else [table]


def background(sec: Section) -> list[Flowable]:
    """Background performers: how many, what kind, when and where they report."""
    sheet, st = sec.sheet, sec.st
    if not sheet.background:
        return []
    rows = []
    for call in sheet.background:
        rows.append([
            Paragraph(str(call.count) if call.count is not None else "–", st.strong_center),
            sec.text(call.description, bold=True, where="background"),
            sec.text(call.report, st.center, where="background"),
            sec.text(call.report_place, where="background"),
            sec.text(call.notes, where="background"),
        ])
    total = sheet.background_count
    head = [Paragraph(str(total) if total else "", st.head_center), sec.label("BACKGROUND" + (" (in all)" if total else "")),
            sec.label("Report", st.head_center), sec.label("Report to"), sec.label("Notes")]
    return [ruled_table(rows, sec.cols(0.07, 0.3, 0.08, 0.25, 0.3), st, header=head)]


def crew(sec: Section) -> list[Flowable]:
    """Crew by department in three columns: each department's call, then each person's role, name and call."""
    sheet, st = sec.sheet, sec.st
    entries: list[Entry] = []
    for block in sheet.crew:
        entries.append(Entry([sec.text(block.department.upper(), st.head, bold=True, where="department"),
                              sec.text(block.call, st.head_center, bold=True, where="department call")], heading=True))
        for line in block.crew:
            where = f"crew {line.name}"
            person = flowing(_inline(sec, [(line.role, {"muted": True, "where": where})]) + "&nbsp; "
                             + _inline(sec, [(line.name, {"where": where})]), _hanging(st), sec.ink)
            bold = line.source == "own" and line.call != block.call
            entries.append(Entry([person, sec.text(line.call, st.center, bold=bold, where=where)]))
    if not entries:
        return []
    group = sec.width / 3
    call = st.size * 4.3  # room for "16:30" in bold at any size
    widths = [group - call, call]
    return [column_table(entries, 3, widths, st, title=sec.title("Crew calls", "bold: a personal call"), heading_span=1)]


def notes(sec: Section) -> list[Flowable]:
    """General notes, then each department's special instructions."""
    sheet, st = sec.sheet, sec.st
    rows = []
    if sheet.notes:
        rows.append([sec.label("General", st.strong), sec.text(sheet.notes, where="notes")])
    for label, text in sheet.department_notes:
        rows.append([sec.label(label, st.strong), sec.text(text, where=f"{label} notes")])
    if not rows:
        return []
    return [ruled_table(rows, sec.cols(0.16, 0.84), st, title=sec.title("Notes & special instructions"))]


_KIND_LABELS = {
    "camera": "Cameras",
    "lens": "Lenses",
    "frame rate": "Frame rates",
    "rig": "Rigs",
    "lighting": "Lighting",
    "colour temperature": "Colour temp.",
}
BOX = "\u2610"  # ☐, a box to tick; printed through the fallback fonts like any character


def equipment(sec: Section) -> list[Flowable]:
    """The equipment the day's shots need, as a checklist: one line per kind, a box to tick before each item.

    Lighting setups take a line each, with their fixtures, so the gaffer
    preps from the board; every item says which shots need it.
    """
    sheet, st = sec.sheet, sec.st
    if not sheet.equipment:
        return []
    rows = []
    commands = []
    department = None
    groups: dict[tuple[str, str], list] = {}
    for item in sheet.equipment:
        groups.setdefault((item.department, item.kind), []).append(item)
    for (item_department, kind), items in groups.items():
        if item_department != department and rows:
            commands.append(("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.6, INK))
        department = item_department
        name = _KIND_LABELS.get(kind, kind.title())
        if kind == "rig":
            name = "Camera rigs" if department == "Camera" else "Grip rigs"
        if kind == "lighting":
            for index, item in enumerate(items):
                parts = [(f"{BOX} {item.label}", {"bold": True, "where": "equipment"}),
                         (f"  shots {shot_ranges(item.shots, sheet.shot_order)}", {"muted": True, "where": "equipment"})]
                body = _inline(sec, parts)
                if item.detail:
                    body += "<br/>" + sec.ink.markup(item.detail, where=f"{sec.day}: equipment")
                rows.append([sec.label(name, st.strong) if not index else "", flowing(body, st.body, sec.ink)])
            continue
        pieces = []
        for item in items:
            pieces.append(_inline(sec, [(f"{BOX} {item.label}", {"bold": True, "where": "equipment"}),
                                        (f" ({shot_ranges(item.shots, sheet.shot_order)})", {"muted": True, "where": "equipment"})]))
        rows.append([sec.label(name, st.strong), flowing("&nbsp;&nbsp; ".join(pieces), st.body, sec.ink)])
    return [ruled_table(rows, sec.cols(0.12, 0.88), st, title=sec.title("Equipment checklist", "from the day's shots"),
                        commands=commands, grid=False)]


def _hanging(st: Styles):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("hanging", parent=st.body, leftIndent=st.size * 0.8, firstLineIndent=-st.size * 0.8)


def _inline(sec: Section, parts: list[tuple[str, dict]]) -> str:
    """User text pieces as markup on one line."""
    return "".join(sec.ink.markup(text, bold=how.get("bold", False), where=f"{sec.day}: {how.get('where', '')}",
                                  color=MUTED if how.get("muted") else None) for text, how in parts if text)


def advance(sec: Section) -> list[Flowable]:
    """The next shoot day's scenes, so departments can prepare."""
    sheet, st = sec.sheet, sec.st
    nxt = sheet.advance
    if nxt is None:
        return [ruled_table([[sec.join([("Last day of the schedule", {"bold": True})])]], [sec.width], st,
                            title=sec.title("Advance schedule"))]
    extra = f"Day {nxt.day_number} of {sheet.day_count} · {nxt.date}"
    if nxt.crew_call:
        extra += f" · crew call {nxt.crew_call}"
    rows = []
    for line in nxt.scenes:
        rows.append([
            sec.text(line.number, st.strong_center, bold=True, where="advance schedule"),
            _scene_cell(sec, line),
            sec.text(line.int_ext, st.center, where="advance schedule"),
            sec.text(line.day_night, st.center, where="advance schedule"),
            Paragraph(format_eighths(line.pages_eighths) or "–", st.center),
            Paragraph(", ".join(str(n) for n in line.cast_numbers) or "–", st.center),
            sec.text(line.location, where="advance schedule"),
        ])
    if not rows:
        rows.append(["", sec.join([("No scenes scheduled yet", {"bold": True})]), "", "", "", "", ""])
    head = [sec.label("Sc", st.head_center), sec.label("Set / description"), sec.label("I/E", st.head_center),
            sec.label("D/N", st.head_center), sec.label("Pages", st.head_center), sec.label("Cast", st.head_center),
            sec.label("Location")]
    title = flowing("ADVANCE SCHEDULE&nbsp;&nbsp; " + _inline(sec, [(extra, {"where": "advance schedule"})]), st.head, sec.ink)
    return [ruled_table(rows, sec.cols(0.05, 0.5, 0.05, 0.06, 0.07, 0.09, 0.18), st, title=title, header=head)]


def safety_and_contacts(sec: Section) -> Flowable:
    """Safety notes, walkie channels and key contacts, side by side."""
    sheet, st = sec.sheet, sec.st
    safety = sec.text(sheet.safety, where="safety") if sheet.safety else sec.join([("None given", {"muted": True})])
    walkies = sec.join([(line, {"where": "walkie channels"}) for line in sheet.walkie_channels] or [("None given", {"muted": True})])
    contacts = []
    for contact in sheet.key_contacts:
        where = f"key contact {contact.name}"
        role = f" ({contact.role})" if contact.role else ""
        contacts.append((f"{contact.name}{role}: {contact.phone}" if contact.phone else f"{contact.name}{role}", {"where": where}))
    contacts_cell = sec.join(contacts or [("None given", {"muted": True})])
    head = [sec.label("SAFETY"), sec.label("WALKIE CHANNELS"), sec.label("KEY CONTACTS")]
    return ruled_table([[safety, walkies, contacts_cell]], sec.cols(0.42, 0.2, 0.38), st, header=head)


def day_story(sec: Section, stacked_header: bool = False) -> list[Flowable]:
    """Every section of one day's sheet, in order, with a little space between them."""
    gap = sec.st.size * 0.4
    blocks: list[Flowable | list[Flowable]] = [
        header_stacked(sec) if stacked_header else header(sec),
        printed_warnings(sec),
        times_and_sun(sec),
        locations(sec),
        scenes(sec),
        cast(sec),
        background(sec),
        crew(sec),
        notes(sec),
        equipment(sec),
        advance(sec),
        safety_and_contacts(sec),
    ]
    story: list[Flowable] = []
    for block in blocks:
        items = block if isinstance(block, list) else [block]
        if not items:
            continue
        if story:
            story.append(Spacer(1, gap))
        story.extend(items)
    return story
