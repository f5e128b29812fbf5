# bench_minutes.py: the 20-page minutes of build-aux/bench, and the same minutes as a
# flat ODF text document (.fodt) for LibreOffice to convert, side by side.
#
# Copyright 2026 The Tsunagu authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# make_long_minutes() grows the longest minutes of a copy of the scale-1 demo database
# with more of the demo's own discussion, decisions and action items until
# `tsunagu-cli export minutes` gives 20 pages. write_fodt() writes what that export
# prints, read from the same records and in the same order: the title, the header block
# (日時, 場所, 出席者, 欠席者, 議題), the discussion under each agenda item, 決定事項,
# the 役割分担 table (its header row repeated on each page), 次回予定 and the line of
# 作成者, 確認者 and 確認日; the same font (IPAex Gothic), sizes, line pitches, margins,
# header and footer as src/export/tsu-page-layout.c.

import datetime, gettext, os, re, shutil, sqlite3, subprocess, zoneinfo
from xml.sax.saxutils import escape

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
WEEKDAYS = "月火水木金土日"
PAGES = 20


def longest_minutes_meeting(con):
    return con.execute("SELECT mi.meeting_id FROM minutes mi JOIN discussion d ON d.minutes_id = mi.id "
                       "GROUP BY mi.id ORDER BY sum(length(d.body)) DESC LIMIT 1").fetchone()[0]


def current_minutes(con, meeting):
    return con.execute("SELECT id FROM minutes WHERE meeting_id = ? ORDER BY revision DESC LIMIT 1",
                       (meeting,)).fetchone()[0]


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def make_long_minutes(source_db, path, export):
    """Creates @path once: a copy of @source_db whose longest minutes are 20 pages long.
    @export(db, meeting, pdf) writes the minutes. Returns the meeting's id."""
    if os.path.exists(path):
        con = sqlite3.connect(path)
        meeting = longest_minutes_meeting(con)
        con.close()
        return meeting
    tmp = path + ".new"
    shutil.copyfile(source_db, tmp)
    con = sqlite3.connect(tmp)
    meeting = longest_minutes_meeting(con)
    minutes = current_minutes(con, meeting)
    case_id = con.execute("SELECT case_id FROM meeting WHERE id = ?", (meeting,)).fetchone()[0]
    items = [r[0] for r in con.execute("SELECT id FROM agenda_item WHERE meeting_id = ? ORDER BY position, id",
                                       (meeting,))] or [None]
    position = con.execute("SELECT coalesce(max(position), 0) FROM discussion WHERE minutes_id = ?",
                           (minutes,)).fetchone()[0]
    decision_position = con.execute("SELECT coalesce(max(position), 0) FROM decision WHERE minutes_id = ?",
                                    (minutes,)).fetchone()[0]
    offset = 0
    pdf = tmp + ".pdf"
    for step in range(200):
        # About a page: twelve paragraphs of the demo's discussion, four action items and a decision.
        for (body,) in con.execute("SELECT body FROM discussion WHERE minutes_id <> ? AND body <> '' "
                                   "ORDER BY id LIMIT 12 OFFSET ?", (minutes, offset * 12)).fetchall():
            position += 1
            con.execute("INSERT INTO discussion (minutes_id, agenda_item_id, position, body) VALUES (?, ?, ?, ?)",
                        (minutes, items[position % len(items)], position, body))
        for row in con.execute("SELECT what, assignee_person_id, assignee_agency_id, assignee_name, due_on, status "
                               "FROM action_item WHERE minutes_id <> ? ORDER BY id LIMIT 4 OFFSET ?",
                               (minutes, offset * 4)).fetchall():
            con.execute("INSERT INTO action_item (minutes_id, case_id, what, assignee_person_id, assignee_agency_id, "
                        "assignee_name, due_on, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (minutes, case_id) + row)
        for row in con.execute("SELECT body, good_practice FROM decision WHERE minutes_id <> ? "
                               "ORDER BY id LIMIT 1 OFFSET ?", (minutes, offset)).fetchall():
            decision_position += 1
            con.execute("INSERT INTO decision (minutes_id, position, body, good_practice) VALUES (?, ?, ?, ?)",
                        (minutes, decision_position) + row)
        offset += 1
        con.commit()
        export(tmp, meeting, pdf)
        if pdf_pages(pdf) >= PAGES:
            break
    con.close()
    os.unlink(pdf)
    os.rename(tmp, path)
    return meeting


# Dates as the documents write them with Japanese era dates (src/core/tsu-era.c).

def era_day(day, weekday):
    if day >= datetime.date(2019, 5, 1):
        era, year = "令和", day.year - 2018
    elif day >= datetime.date(1989, 1, 8):
        era, year = "平成", day.year - 1988
    else:
        era, year = "昭和", day.year - 1925
    text = f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return text + f"({WEEKDAYS[day.weekday()]})" if weekday else text


def local(instant):
    return datetime.datetime.fromtimestamp(instant, TOKYO)


def era_time(instant):
    t = local(instant)
    return f"{t.hour}時{t.minute:02d}分"


def era_date(instant, weekday):
    return era_day(local(instant).date(), weekday)


def era_iso(iso):
    if not iso:
        return ""
    try:
        return era_day(datetime.date.fromisoformat(iso[:10]), False)
    except ValueError:
        return iso


def era_when(starts, ends, all_day):
    ends = max(ends, starts)
    day = era_date(starts, True)
    if all_day:
        last = era_date(ends - 1 if ends > starts else ends, True)
        return day if last == day else f"{day}～{last}"
    if local(starts).date() == local(ends).date():
        return f"{day} {era_time(starts)}～{era_time(ends)}"
    return f"{day} {era_time(starts)}～{era_date(ends, True)} {era_time(ends)}"


# The document

def read_minutes(con, meeting, tr):
    """What the CLI's minutes document shows, as text, in its order."""
    _ = tr.gettext
    C_ = tr.pgettext
    m = con.execute("SELECT title, starts_at, ends_at, all_day, location, url, case_id, organizer_id "
                    "FROM meeting WHERE id = ?", (meeting,)).fetchone()
    minutes = con.execute("SELECT id, revision, state, confirmed_by, confirmed_at, next_meeting_at, summary "
                          "FROM minutes WHERE meeting_id = ? ORDER BY revision DESC LIMIT 1", (meeting,)).fetchone()
    person = {}

    def person_label(pid):
        if pid is None:
            return None
        if pid not in person:
            person[pid] = con.execute("SELECT p.name, a.name, p.profession FROM person p "
                                      "LEFT JOIN agency a ON a.id = p.agency_id WHERE p.id = ?", (pid,)).fetchone()
        return person[pid]

    participants = []
    for pid, name, agency, role, attendance in con.execute(
            "SELECT person_id, name, agency_name, role, attendance FROM participant WHERE meeting_id = ? ORDER BY id",
            (meeting,)):
        label = person_label(pid)
        profession = None
        if label is not None:
            name, agency, profession = label[0], label[1] or agency, label[2]
        participants.append({"name": name or "", "agency": agency, "profession": profession, "role": role,
                             "attendance": attendance, "family": role == "family"})

    def agency_and_profession(p):
        if p["family"]:
            return C_("role", "Family")
        if p["agency"] and p["profession"]:
            return f"{p['agency']}（{p['profession']}）"
        return p["agency"] or p["profession"] or ""

    roles = {"chair": C_("role", "Chair"), "recorder": C_("role", "Recorder"),
             "presenter": C_("role", "Presenter"), "family": C_("role", "Family")}

    def attendee_name(p):
        out = p["name"]
        if p["role"] != "attendee" and not p["family"] and roles.get(p["role"]):
            out += f"（{roles[p['role']]}）"
        if p["attendance"] == "absent":
            out += f"（{C_('attendance', 'Absent')}）"
        elif p["attendance"] == "online":
            out += f"（{C_('attendance', 'Online')}）"
        return out

    minutes_id = minutes[0]
    agenda = con.execute("SELECT id, title, presenter FROM agenda_item WHERE meeting_id = ? ORDER BY position, id",
                         (meeting,)).fetchall()
    discussions = con.execute("SELECT agenda_item_id, body FROM discussion WHERE minutes_id = ? ORDER BY position, id",
                              (minutes_id,)).fetchall()
    decisions = con.execute("SELECT body, good_practice FROM decision WHERE minutes_id = ? ORDER BY position, id",
                            (minutes_id,)).fetchall()
    actions = con.execute("SELECT assignee_person_id, assignee_agency_id, assignee_name, what, due_on, status "
                          "FROM action_item WHERE minutes_id = ? ORDER BY id", (minutes_id,)).fetchall()
    case_code = None
    if m[6] is not None:
        row = con.execute("SELECT code FROM child_case WHERE id = ?", (m[6],)).fetchone()
        case_code = row[0] if row else None

    recorder = next((p["name"] for p in participants if p["role"] == "recorder"), None)
    if recorder is None and person_label(m[7]) is not None:
        recorder = person_label(m[7])[0]

    blocks = []   # ("title"|"heading"|"subheading"|"body"|"small"|"right", text) or ("table", columns, header, rows)
    title = _("Minutes of %s") % m[0]
    blocks.append(("title", title))
    if minutes[1] > 1:
        # The msgid has a PRId64, which Python's gettext does not look up: the English text.
        blocks.append(("right", f"Revision {minutes[1]}"))

    place = m[4] or ""
    if m[5]:
        place += ("\n" if place else "") + _("Online: %s") % m[5]
    field = [(0.17, True), (0.83, False)]
    blocks.append(("table", field, None, [[_("Date and time"), era_when(m[1], m[2], m[3])],
                                          [_("Place"), place]]))
    blocks.append(("subheading", _("Attendees")))
    grid = [(0.29, False), (0.21, False), (0.29, False), (0.21, False)]
    header = [_("Agency (profession)"), _("Name"), _("Agency (profession)"), _("Name")]
    rows = []
    for i in range(0, len(participants), 2):
        a = participants[i]
        b = participants[i + 1] if i + 1 < len(participants) else None
        rows.append([agency_and_profession(a), attendee_name(a),
                     agency_and_profession(b) if b else "", attendee_name(b) if b else ""])
    blocks.append(("table", grid, header, rows))
    absent = "、".join(p["name"] + (f"（{p['agency']}）" if p["agency"] and not p["family"] else "")
                      for p in participants if p["attendance"] == "absent") or _("None")
    rows = [[_("Absentees"), absent]]
    if agenda:
        rows.append([_("Agenda items"), "\n".join(f"{i + 1}. {a[1]}" for i, a in enumerate(agenda))])
    blocks.append(("table", field, None, rows))

    if minutes[6]:
        blocks.append(("heading", _("Summary")))
        blocks.append(("body", minutes[6]))

    blocks.append(("heading", _("Discussion")))
    ids = {a[0] for a in agenda}
    any_text = False
    for i, (item_id, item_title, presenter) in enumerate(agenda):
        blocks.append(("subheading", f"{i + 1}. {item_title}"))
        if presenter:
            blocks.append(("small", _("Presenter: %s") % presenter))
        for d_item, body in discussions:
            if d_item == item_id and body:
                blocks.append(("indented", body))
                any_text = True
    if agenda and any(d_item not in ids for d_item, _body in discussions):
        blocks.append(("subheading", _("Other matters")))
    for d_item, body in discussions:
        if d_item not in ids and body:
            blocks.append(("indented", body))
            any_text = True
    if not any_text and not agenda:
        blocks.append(("body", _("None")))

    blocks.append(("heading", _("Decisions")))
    if not decisions:
        blocks.append(("body", _("None")))
    for i, (body, good) in enumerate(decisions):
        blocks.append(("body", f"({i + 1}) " + (f"{body} {_('[good practice]')}" if good else body)))

    blocks.append(("heading", _("Action items")))
    if not actions:
        blocks.append(("body", _("None")))
    else:
        rows = []
        for person_id, agency_id, name, what, due, status in actions:
            label = person_label(person_id)
            if label is not None:
                who = f"{label[0]}（{label[1]}）" if label[1] else label[0]
            elif agency_id is not None:
                row = con.execute("SELECT name FROM agency WHERE id = ?", (agency_id,)).fetchone()
                who = row[0] if row else (name or "")
            else:
                who = name or ""
            if status == "done":
                what = f"{what}（{C_('action', 'done')}）"
            elif status == "dropped":
                what = f"{what}（{C_('action', 'dropped')}）"
            rows.append([who, what, era_iso(due), status != "open"])
        blocks.append(("table", [(0.3, False), (0.5, False), (0.2, False)],
                       [_("Person in charge"), _("Task"), _("Due")], rows))

    blocks.append(("heading", _("Next meeting")))
    if minutes[5]:
        blocks.append(("body", f"{era_date(minutes[5], True)} {era_time(minutes[5])}"))
    else:
        blocks.append(("body", _("To be decided")))

    confirmed = minutes[2] == "confirmed"
    blocks.append(("table", [(0.1, True), (0.2333, False), (0.1, True), (0.2333, False), (0.1, True), (0.2333, False)],
                   None, [[_("Recorded by"), recorder or "", _("Confirmed by"), (minutes[3] or "") if confirmed else "",
                           _("Confirmed on"), era_date(minutes[4], False) if confirmed and minutes[4] else ""]]))
    footer = _("Printed on %s") % era_day(datetime.datetime.now(TOKYO).date(), False)
    page = _("Page %u of %u")
    return {"title": title, "subject": case_code or era_date(m[1], True), "footer": footer, "page": page,
            "blocks": blocks}


# Sizes, pitches (baseline to baseline) and spacing of src/export/tsu-page-layout.c, in points.
STYLES = {
    "title": (16.0, True, 1.45, 0.0, 8.0),
    "heading": (12.0, True, 1.5, 10.0, 5.0),
    "subheading": (10.5, True, 1.6, 6.0, 1.0),
    "body": (10.5, False, 1.6, 0.0, 2.0),
    "indented": (10.5, False, 1.6, 0.0, 2.0),
    "small": (8.0, False, 1.35, 0.0, 2.0),
    "right": (8.0, False, 1.35, 0.0, 2.0),
    "cell": (9.5, False, 1.4, 0.0, 0.0),
    "cellbold": (9.5, True, 1.4, 0.0, 0.0),
    "cellmuted": (9.5, False, 1.4, 0.0, 0.0),
    "hf": (8.0, False, 1.35, 0.0, 0.0),
}


def text(s):
    out = []
    for i, line in enumerate(s.split("\n")):
        if i:
            out.append("<text:line-break/>")
        out.append(re.sub(r"  +", lambda m: f' <text:s text:c="{len(m.group(0)) - 1}"/>', escape(line)))
    return "".join(out)


def paragraph_style(name, size, bold, pitch, before, after):
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    keep = ' fo:keep-with-next="always"' if name in ("heading", "subheading", "title") else ""
    align = {"right": ' fo:text-align="end"', "title": ' fo:text-align="center"',
             "heading": ' fo:border-bottom="0.5pt solid #999999" fo:padding-bottom="1pt"',
             "indented": ' fo:margin-left="10.5pt"', "small": ' fo:margin-left="10.5pt"'}.get(name, "")
    colour = ' fo:color="#666666"' if name in ("hf", "cellmuted", "small", "right") else ""
    tabs = ('<style:tab-stops><style:tab-stop style:position="85mm" style:type="center"/>'
            '<style:tab-stop style:position="170mm" style:type="right"/></style:tab-stops>') if name == "hf" else ""
    return (f'<style:style style:name="{name}" style:family="paragraph">'
            f'<style:paragraph-properties fo:line-height="{size * pitch:.2f}pt" fo:margin-top="{before}pt" '
            f'fo:margin-bottom="{after}pt" fo:orphans="2" fo:widows="2"{keep}{align}>{tabs}</style:paragraph-properties>'
            f'<style:text-properties fo:font-size="{size}pt" style:font-size-asian="{size}pt"{weight}{colour}/>'
            f'</style:style>')


def write_fodt(doc, path):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
           'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">',
           f'<office:meta><dc:title>{escape(doc["title"])}</dc:title></office:meta>',
           '<office:font-face-decls><style:font-face style:name="IPAexGothic" svg:font-family="IPAexGothic" '
           'style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>',
           '<office:styles><style:default-style style:family="paragraph">'
           '<style:paragraph-properties style:line-break="strict" style:writing-mode="lr-tb"/>'
           '<style:text-properties style:font-name="IPAexGothic" style:font-name-asian="IPAexGothic" '
           'style:font-name-complex="IPAexGothic" fo:font-size="10.5pt" style:font-size-asian="10.5pt" '
           'fo:language="ja" fo:country="JP" style:language-asian="ja" style:country-asian="JP"/>'
           '</style:default-style>']
    out += [paragraph_style(name, *info) for name, info in STYLES.items()]
    out.append('</office:styles><office:automatic-styles>'
               '<style:page-layout style:name="page"><style:page-layout-properties fo:page-width="210mm" '
               'fo:page-height="297mm" style:print-orientation="portrait" fo:margin-top="12mm" '
               'fo:margin-bottom="12mm" fo:margin-left="20mm" fo:margin-right="20mm"/>'
               '<style:header-style><style:header-footer-properties fo:min-height="6mm" fo:margin-bottom="4mm" '
               'fo:border-bottom="0.5pt solid #bbbbbb"/></style:header-style>'
               '<style:footer-style><style:header-footer-properties fo:min-height="4mm" fo:margin-top="4mm"/>'
               '</style:footer-style></style:page-layout>'
               '<style:style style:name="cellbox" style:family="table-cell"><style:table-cell-properties '
               'fo:padding-left="4pt" fo:padding-right="4pt" fo:padding-top="2.5pt" fo:padding-bottom="2.5pt" '
               'fo:border="0.5pt solid #999999"/></style:style>'
               '<style:style style:name="labelbox" style:family="table-cell"><style:table-cell-properties '
               'fo:background-color="#eeeeee" fo:padding-left="4pt" fo:padding-right="4pt" fo:padding-top="2.5pt" '
               'fo:padding-bottom="2.5pt" fo:border="0.5pt solid #999999"/></style:style>')
    tables = [b for b in doc["blocks"] if b[0] == "table"]
    for t, (_kind, columns, _header, _rows) in enumerate(tables):
        out.append(f'<style:style style:name="table{t}" style:family="table"><style:table-properties '
                   f'style:width="170mm" table:align="margins" fo:margin-top="2pt" fo:margin-bottom="6pt"/>'
                   f'</style:style>')
        for c, (width, _label) in enumerate(columns):
            out.append(f'<style:style style:name="table{t}.{c}" style:family="table-column">'
                       f'<style:table-column-properties style:column-width="{170 * width:.2f}mm" '
                       f'style:rel-width="{int(width * 10000)}*"/></style:style>')
    page = doc["page"].split("%u")
    out.append('</office:automatic-styles><office:master-styles>'
               '<style:master-page style:name="Standard" style:page-layout-name="page">'
               f'<style:header><text:p text:style-name="hf">{text(doc["title"])}<text:tab/><text:tab/>'
               f'{text(doc["subject"])}</text:p></style:header>'
               f'<style:footer><text:p text:style-name="hf"><text:tab/>{text(page[0])}'
               f'<text:page-number text:select-page="current"/>{text(page[1])}<text:page-count/>'
               f'{text(page[2])}<text:tab/>{text(doc["footer"])}</text:p></style:footer>'
               '</style:master-page></office:master-styles><office:body><office:text>')

    def row(cells, columns, cell_style):
        xml = ["<table:table-row>"]
        for c, (value, (_width, label)) in enumerate(zip(cells, columns)):
            style = "cellbold" if label or cell_style == "head" else cell_style
            xml.append(f'<table:table-cell table:style-name="{"labelbox" if label or cell_style == "head" else "cellbox"}"'
                       f' office:value-type="string"><text:p text:style-name="{style}">{text(value)}</text:p>'
                       f'</table:table-cell>')
        xml.append("</table:table-row>")
        return "".join(xml)

    t = 0
    for block in doc["blocks"]:
        if block[0] != "table":
            out.append(f'<text:p text:style-name="{block[0]}">{text(block[1])}</text:p>')
            continue
        _kind, columns, header, rows = block
        out.append(f'<table:table table:name="table{t}" table:style-name="table{t}">')
        out += [f'<table:table-column table:style-name="table{t}.{c}"/>' for c in range(len(columns))]
        if header:
            out.append("<table:table-header-rows>" + row(header, columns, "head") + "</table:table-header-rows>")
        for cells in rows:
            muted = len(cells) > len(columns) and cells[len(columns)]
            out.append(row(cells[:len(columns)], columns, "cellmuted" if muted else "cell"))
        out.append("</table:table>")
        t += 1
    out.append("</office:text></office:body></office:document>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(out))


def translation(localedir):
    return gettext.translation("tsunagu", localedir=localedir, languages=["ja"], fallback=True)
