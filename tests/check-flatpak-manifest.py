#!/usr/bin/python3
# Checks the Flatpak manifest against what meson builds and installs, offline:
#   check-flatpak-manifest.py MANIFEST APP_ID EXECUTABLE DESKTOP_FILE SOURCE_ROOT
# - the app ID is the one meson installs the desktop file, metainfo and schema under;
# - the command is the executable meson installs (and the desktop file's Exec);
# - no finish-arg opens the user's files (files go through the portal), and every
#   permission is one of those the README explains;
# - every module source is a release archive with a sha256, or the repository itself;
# - every file chooser in the sources is GtkFileChooserNative, so that it goes through
#   the file chooser portal in the sandbox (a GtkFileChooserDialog would see nothing).

import json
import os
import re
import sys

failures = []


def fail(message):
    failures.append(message)


def main():
    manifest_path, app_id, executable, desktop_file, source_root = sys.argv[1:6]

    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)

    # flatpak-builder accepts both spellings of the ID.
    manifest_id = manifest.get("app-id", manifest.get("id"))
    if manifest_id != app_id:
        fail(f"app ID is {manifest_id!r}, meson installs {app_id!r}")

    command = os.path.basename(executable)
    if manifest.get("command") != command:
        fail(f"command is {manifest.get('command')!r}, meson installs {command!r}")

    exec_line = None
    with open(desktop_file, encoding="utf-8") as f:
        for line in f:
            if line.startswith("Exec="):
                exec_line = line[len("Exec="):].strip()
                break
    if exec_line is None or exec_line.split()[0] != command:
        fail(f"the desktop file runs {exec_line!r}, not {command!r}")

    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        fail("runtime and SDK must be org.gnome.Platform and org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    # GTK 4.8 and libadwaita 1.2 came with GNOME 43; anything older cannot run the app.
    if not version.isdigit() or int(version) < 43:
        fail(f"runtime-version {version!r} is not a GNOME runtime with GTK >= 4.8")

    # The permissions the README's Flatpak section explains, and nothing else.
    allowed = {
        "--share=ipc",
        "--socket=fallback-x11",
        "--socket=wayland",
        "--device=dri",
        "--share=network",
    }
    finish_args = manifest.get("finish-args", [])
    for arg in finish_args:
        if arg.startswith("--filesystem="):
            fail(f"finish-arg {arg} opens the user's files; use the file chooser portal")
        elif arg not in allowed:
            fail(f"finish-arg {arg} is not one the README explains")
    for needed in ("--socket=wayland", "--socket=fallback-x11", "--share=ipc"):
        if needed not in finish_args:
            fail(f"finish-args lack {needed}")
    if "--socket=x11" in finish_args:
        fail("--socket=x11 gives X11 access even on Wayland; use --socket=fallback-x11")

    modules = manifest.get("modules", [])
    if not modules:
        fail("no modules")
    names = [m.get("name") for m in modules if isinstance(m, dict)]
    if len(names) != len(modules):
        fail("every module must be written inline (an object), not a file name")
    for module in modules:
        if not isinstance(module, dict):
            continue
        name = module.get("name")
        sources = module.get("sources", [])
        if not sources:
            fail(f"module {name} has no sources")
        for source in sources:
            kind = source.get("type")
            if kind == "dir":
                if os.path.realpath(os.path.join(os.path.dirname(manifest_path), source.get("path", ""))) \
                        != os.path.realpath(source_root):
                    fail(f"module {name}: a dir source must be the repository itself")
                continue
            if kind not in ("archive", "file"):
                fail(f"module {name}: source type {kind!r} is not a release archive")
            url = source.get("url", "")
            if not url.startswith("https://"):
                fail(f"module {name}: {url!r} is not an https URL")
            sha256 = source.get("sha256", "")
            if not re.fullmatch(r"[0-9a-f]{64}", sha256):
                fail(f"module {name}: source {url} has no sha256")
    if names and names[-1] != command:
        fail(f"the last module must be the app ({command}), built from the repository")
    for library in ("libical", "poppler"):
        if library not in names:
            fail(f"module {library} is missing: the GNOME runtime does not ship it")

    # Every file chooser is native (the portal), in C and in ui files.
    non_native = re.compile(r"gtk_file_chooser_dialog_new|GtkFileChooserDialog|"
                            r"gtk_file_chooser_widget_new|GtkFileChooserWidget|"
                            r"GTK_TYPE_FILE_CHOOSER_DIALOG|GTK_TYPE_FILE_CHOOSER_WIDGET")
    for folder in ("src", "ui"):
        for directory, _, files in os.walk(os.path.join(source_root, folder)):
            for file_name in files:
                if not file_name.endswith((".c", ".h", ".ui")):
                    continue
                path = os.path.join(directory, file_name)
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        if non_native.search(line):
                            fail(f"{os.path.relpath(path, source_root)}:{number}: a file chooser that is "
                                 "not GtkFileChooserNative cannot reach files in the sandbox")

    for message in failures:
        print("FAIL:", message)
    if failures:
        return 1
    print(f"ok: {manifest_id}, command {command}, {len(modules)} modules, "
          f"finish-args {' '.join(finish_args)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
