#!/usr/bin/python3
# Every control a screen reader can land on has an accessible name, and the keyboard
# reaches the controls of the main pages.
#
#   check-accessibility.py TSUNAGU TSUNAGU_CLI
#
# Starts the real application on a small demo database with the accessibility bridge on,
# walks the AT-SPI tree of the main window (Calendar in its three views, Cases, Directory
# with agencies and persons), of the search window and of the preferences window, and fails
# naming the path of every button, toggle, entry, check box, menu item or list item that is
# on screen without a name. GTK 4.8 gives a nameless widget its type name ("GtkImage",
# "GtkMenuButton"): that counts as no name. Then it presses Tab through each main page and
# fails if a control on screen is never focused.
#
# Needs a display and a session bus (build-aux/test runs the gui suite under xvfb-run and
# dbus-run-session); /usr/bin/python3 with Debian's python3-pyatspi; at-spi2-core.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi
from gi.repository import GLib

# Roles of the controls a user operates, by their AT-SPI role names.
CONTROL_ROLES = {
    "push button", "toggle button", "check box", "radio button", "entry", "text",
    "password text", "spin button", "combo box", "menu item", "check menu item",
    "radio menu item", "list item", "page tab", "link", "slider", "switch",
}
TYPE_NAME = re.compile(r"(Gtk|Adw)[A-Za-z]+")

problems = []
checked = {}


def role_of(acc):
    try:
        return acc.getRoleName()
    except Exception:
        return ""


def name_of(acc):
    try:
        return acc.name or ""
    except Exception:
        return ""


def has_name(acc):
    name = name_of(acc).strip()
    return bool(name) and not TYPE_NAME.fullmatch(name)


def on_screen(acc, window, strict=False):
    """GTK 4.8 sets "showing" on windows only, and a hidden widget keeps the extents it last
    had (a closed sidebar, a page not shown). So ask the window which widget is at the
    middle of the control (GTK picks the deepest one): the control is hidden if another
    widget is there. GTK 4.8 finds nothing at some places (inside a menu button): that
    counts as shown, unless strict."""
    try:
        extents = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except Exception:
        return False
    if extents.width <= 0 or extents.height <= 0:
        return False
    if role_of(acc).endswith("menu item"):
        # Menus are popovers, surfaces of their own that the window cannot pick into.
        return True
    x = extents.x + extents.width // 2
    y = extents.y + extents.height // 2
    target = identity(acc)
    try:
        current = window.queryComponent().getAccessibleAtPoint(x, y, pyatspi.WINDOW_COORDS)
    except Exception:
        return not strict
    if current is None:
        return not strict
    for _ in range(64):
        if current is None:
            return False
        if identity(current) == target:
            return True
        try:
            current = current.parent
        except Exception:
            return False
    return False


def describe(acc):
    name = name_of(acc)
    return f"{role_of(acc)} '{name}'" if name else role_of(acc)


def children(acc):
    try:
        count = acc.childCount
    except Exception:
        return []
    found = []
    for i in range(count):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            child = None
        if child is not None:
            found.append(child)
    return found


# The pages of the main window. GTK 4.8 keeps the last extents of a page that is no
# longer shown, so the pages not shown are left out by name (their type name).
MAIN_PAGES = ["TsuCalendarPage", "TsuCasesPage", "TsuDirectoryPage"]
hidden_pages = set()


def walk(acc, path, visit):
    if role_of(acc) == "filler" and name_of(acc) in hidden_pages:
        return
    visit(acc, path)
    for child in children(acc):
        walk(child, path + [child], visit)


def show_page(tab, index):
    click(tab)
    hidden_pages.clear()
    hidden_pages.update(p for i, p in enumerate(MAIN_PAGES) if i != index)
    settle(1.5)


def check_names(top, where):
    seen = set()
    unnamed_rows = {}

    def visit(acc, path):
        if role_of(acc) not in CONTROL_ROLES or not on_screen(acc, top):
            return
        checked[where] = checked.get(where, 0) + 1
        if has_name(acc):
            return
        # GtkDropDown and GtkMenuButton keep their own toggle button inside: it is read
        # with the name of the combo box or menu button around it.
        parent = path[-2] if len(path) > 1 else None
        if parent is not None and role_of(parent) in ("combo box", "push button", "toggle button") \
                and has_name(parent):
            return
        text = " > ".join(describe(a) for a in path)
        if role_of(acc) == "list item":
            # One line per list, not one per row.
            unnamed_rows[text] = unnamed_rows.get(text, 0) + 1
            return
        try:
            text += f" (child {acc.getIndexInParent() + 1} of {describe(path[-2])})"
        except Exception:
            pass
        if text not in seen:
            seen.add(text)
            problems.append(f"{where}: no accessible name: {text}")

    walk(top, [top], visit)
    for text, count in unnamed_rows.items():
        problems.append(f"{where}: no accessible name on {count} rows: {text}")


def find_all(top, predicate):
    found = []

    def visit(acc, path):
        if predicate(acc):
            found.append(acc)

    walk(top, [top], visit)
    return found


def find(top, role, name=None, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        for acc in find_all(top, lambda a: role_of(a) == role and on_screen(a, top)
                            and (name is None or name_of(a).replace("_", "").endswith(name))):
            return acc
        if time.monotonic() > deadline:
            return None
        time.sleep(0.2)


def click(acc):
    action = acc.queryAction()
    if action.nActions == 0:
        # A GtkMenuButton acts through the toggle button inside it.
        for child in children(acc):
            if child.queryAction().nActions > 0:
                click(child)
                return
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press", "toggle"):
            action.doAction(i)
            return
    action.doAction(0)


# X keycodes of the standard keyboard map of Xorg and Xvfb (evdev).
KEYCODES = {"Tab": 23, "Control_L": 37, "f": 41, "Escape": 9}


def key(name, control=False):
    if control:
        pyatspi.Registry.generateKeyboardEvent(KEYCODES["Control_L"], None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(KEYCODES[name], None, pyatspi.KEY_PRESSRELEASE)
    if control:
        pyatspi.Registry.generateKeyboardEvent(KEYCODES["Control_L"], None, pyatspi.KEY_RELEASE)
    time.sleep(0.15)


focus_events = []


def on_focus(event):
    if event.detail1:
        focus_events.append(event.source)


def pump(seconds):
    """Deliver the AT-SPI events that came in (pyatspi dispatches them from GLib's loop)."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        while context.pending():
            context.iteration(False)
        time.sleep(0.01)


def identity(acc):
    """The object path on the application's bus names one widget for its lifetime."""
    return acc.path


def check_tab_order(window, where):
    """Tab until every focusable control on screen has had the focus once."""
    # The window's own Minimize, Maximize and Close are the window manager's (Alt+F4…).
    wanted = {identity(a): a for a in find_all(
        window, lambda a: role_of(a) in CONTROL_ROLES and on_screen(a, window, strict=True)
        and name_of(a) not in ("Minimize", "Maximize", "Close")
        and a.getState().contains(pyatspi.STATE_FOCUSABLE)
        and a.getState().contains(pyatspi.STATE_SENSITIVE))}
    reached = set()
    pump(0.2)
    focus_events.clear()
    # GTK 4.8 stops at each row of a column view on the way: allow for long lists.
    for _ in range(300):
        key("Tab")
        pump(0.05)
        reached.update(identity(a) for a in focus_events)
        if os.environ.get("TSUNAGU_A11Y_DEBUG"):
            print("focus:", [describe(a) for a in focus_events], file=sys.stderr)
        focus_events.clear()
        if wanted.keys() <= reached:
            break
    for path, acc in wanted.items():
        if path not in reached:
            # The focusable child of a combo box or menu button takes the focus for it.
            inner = [c for c in children(acc) if identity(c) in reached]
            if not inner:
                problems.append(f"{where}: Tab never reaches {describe(acc)}")


def application_of(pid, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in children(desktop):
            try:
                if app.get_process_id() == pid and app.childCount > 0:
                    return app
            except Exception:
                continue
        time.sleep(0.2)
    return None


def window_named(app, title, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for win in children(app):
            if title is None or name_of(win) == title:
                if win.getState().contains(pyatspi.STATE_SHOWING):
                    return win
        time.sleep(0.2)
    return None


def settle(seconds=1.0):
    time.sleep(seconds)


def main():
    tsunagu, cli = sys.argv[1:3]
    tmp = tempfile.mkdtemp(prefix="tsunagu-a11y-")
    env = dict(os.environ)
    env.pop("NO_AT_BRIDGE", None)
    env.pop("GTK_A11Y", None)
    env.update(LC_ALL="C.UTF-8", LANGUAGE="", XDG_DATA_HOME=os.path.join(tmp, "data"),
               XDG_CONFIG_HOME=os.path.join(tmp, "config"), XDG_CACHE_HOME=os.path.join(tmp, "cache"),
               GSETTINGS_BACKEND="memory", GSK_RENDERER="cairo")
    database = os.path.join(tmp, "demo.db")
    subprocess.run([cli, "--database", database, "demo", "--scale", "0.02", "--seed", "7"],
                   env=env, check=True, stdout=subprocess.DEVNULL)

    pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
    process = subprocess.Popen([tsunagu, "--database", database], env=env)
    try:
        app = application_of(process.pid)
        if app is None:
            print("FAIL: the application never appeared on the accessibility bus")
            return 1
        window = window_named(app, None, timeout=30.0)
        if window is None:
            print("FAIL: no main window")
            return 1
        settle(2.0)

        tabs = []
        deadline = time.monotonic() + 30
        while len(tabs) != 3 and time.monotonic() < deadline:
            time.sleep(0.5)
            tabs = [t for t in find_all(window, lambda a: role_of(a) == "page tab" and on_screen(a, window))
                    if role_of(t.parent) == "page tab list" and name_of(t.parent) == "AdwViewSwitcher"]
        if len(tabs) != 3:
            print(f"FAIL: the view switcher shows {len(tabs)} pages, not Calendar, Cases, Directory")
            return 1

        # The preferences window, through the main menu.
        menu = find(window, "push button", "Main Menu") or find(window, "toggle button", "Main Menu")
        if menu is None:
            if os.environ.get("TSUNAGU_A11Y_DEBUG"):
                for b in find_all(window, lambda a: "Menu" in name_of(a)):
                    e = b.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                    picked = window.queryComponent().getAccessibleAtPoint(
                        e.x + e.width // 2, e.y + e.height // 2, pyatspi.WINDOW_COORDS)
                    print("menu?", describe(b), on_screen(b, window), (e.x, e.y, e.width, e.height),
                          picked and describe(picked), picked and picked.parent and describe(picked.parent),
                          file=sys.stderr)
            problems.append("no main menu button named Main Menu")
        else:
            click(menu)
            settle()
            item = None
            deadline = time.monotonic() + 5
            while item is None and time.monotonic() < deadline:
                for acc in find_all(app, lambda a: role_of(a) == "menu item"
                                    and name_of(a).replace("_", "").startswith("Preferences")):
                    item = acc
                time.sleep(0.2)
            if item is None:
                problems.append("the main menu has no Preferences item")
            else:
                check_names(window, "Main menu")
                click(item)
                preferences = None
                deadline = time.monotonic() + 10
                while preferences is None and time.monotonic() < deadline:
                    for win in children(app):
                        if win != window and name_of(win).startswith("Preferences") \
                                and win.getState().contains(pyatspi.STATE_SHOWING):
                            preferences = win
                    time.sleep(0.2)
                if preferences is None:
                    problems.append("Preferences: no window")
                else:
                    settle()
                    check_names(preferences, "Preferences")
                    key("Escape")
                    settle()

        # Calendar: month, week and agenda views.
        show_page(tabs[0], 0)
        check_names(window, "Calendar (month)")
        check_tab_order(window, "Calendar (month)")
        for view in ("Week", "Agenda"):
            button = find(window, "push button", view) or find(window, "toggle button", view)
            if button is None:
                problems.append(f"Calendar: no {view} button")
                continue
            click(button)
            settle()
            check_names(window, f"Calendar ({view.lower()})")
        month = find(window, "push button", "Month") or find(window, "toggle button", "Month")
        if month is not None:
            click(month)

        # Cases.
        show_page(tabs[1], 1)
        check_names(window, "Cases")
        check_tab_order(window, "Cases")

        # Directory: agencies, then persons.
        show_page(tabs[2], 2)
        check_names(window, "Directory (agencies)")
        check_tab_order(window, "Directory (agencies)")
        persons = find(window, "page tab", "Persons")
        if persons is not None:
            click(persons)
            settle(1.0)
            check_names(window, "Directory (persons)")

        # The search window (Ctrl+F).
        show_page(tabs[0], 0)
        key("f", control=True)
        search = None
        deadline = time.monotonic() + 10
        while search is None and time.monotonic() < deadline:
            for win in children(app):
                if win != window and win.getState().contains(pyatspi.STATE_SHOWING):
                    search = win
            time.sleep(0.2)
        if search is None:
            problems.append("Search: Ctrl+F opened no window")
        else:
            entry = find(search, "entry") or find(search, "text")
            if entry is not None:
                entry.queryEditableText().setTextContents("会議")
                settle(1.5)
            check_names(search, "Search")
            key("Escape")
            settle()

    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    for problem in problems:
        print("FAIL:", problem)
    for place in ("Calendar (month)", "Calendar (agenda)", "Cases", "Directory (agencies)",
                  "Directory (persons)", "Main menu", "Preferences", "Search"):
        if checked.get(place, 0) == 0:
            print(f"FAIL: {place}: no control found on screen; the walk did not get there")
            problems.append(place)
    if problems:
        return 1
    print("ok: every control on screen has an accessible name and Tab reaches it:",
          ", ".join(f"{where} {count}" for where, count in checked.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
