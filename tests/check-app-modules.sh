#!/bin/sh
# The app starts without CalDAV's and the print preview's libraries (libsoup, libsecret,
# libxml2, poppler-glib) and still syncs a shared calendar: the window loads the
# CalDAV module (src/core/tsu-caldav-module.c) when a calendar is configured. The app,
# as built, with a calendar set in its settings, is seen (strace) to connect to the
# configured server. Its start loads no SVG renderer either. The command line links
# none of CalDAV's libraries either (test-caldav syncs through it).
# Usage: check-app-modules.sh TSUNAGU TSUNAGU-CLI (under a display, e.g. xvfb-run)
set -eu
app=$1
cli=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

needed=$(readelf -d "$app" | grep NEEDED || true)
for lib in libsoup libsecret libxml2 libpoppler; do
  if echo "$needed" | grep -q "$lib"; then
    echo "the app links $lib: every start loads it"
    status=1
  fi
done
needed=$(readelf -d "$cli" | grep NEEDED || true)
for lib in libsoup libsecret libxml2; do
  if echo "$needed" | grep -q "$lib"; then
    echo "the command line links $lib: every command loads it"
    status=1
  fi
done

"$cli" --database "$tmp/center.db" demo --scale 0.02 >/dev/null

# A shared calendar on a closed local port, in settings of its own.
mkdir -p "$tmp/config/glib-2.0/settings"
cat > "$tmp/config/glib-2.0/settings/keyfile" <<KEYFILE
[io/github/tsunagu/Tsunagu]
caldav-enabled=true
caldav-url='http://127.0.0.1:9/'
caldav-user='someone'
caldav-calendar='http://127.0.0.1:9/someone/calendar/'
KEYFILE

GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$tmp/config" timeout -s TERM 8 \
  strace -f -qq -e trace=connect -o "$tmp/app.log" "$app" --database "$tmp/center.db" \
  >"$tmp/app.out" 2>&1 || true

if ! grep -qE 'connect\(.*sin_port=htons\(9\).*127\.0\.0\.1' "$tmp/app.log"; then
  echo "the app did not try to sync with the configured calendar:"
  grep -i -E 'caldav|module|critical|warning' "$tmp/app.out" | head -5
  status=1
fi
if grep -q -i -E 'not installed correctly|CRITICAL' "$tmp/app.out"; then
  echo "the app says:"
  grep -i -E 'not installed correctly|CRITICAL' "$tmp/app.out" | head -5
  status=1
fi

# The window's icon for X11 comes from its 48-pixel PNG: the start up to the first frame
# loads neither librsvg nor the image loader that uses it.
TSUNAGU_BENCH_FIRST_FRAME=1 LD_DEBUG=files timeout -s TERM 30 "$app" --database "$tmp/center.db" \
  >"$tmp/start.out" 2>"$tmp/start.log" || true
if ! grep -q "first-frame" "$tmp/start.out"; then
  echo "the app drew no first frame"
  status=1
elif grep -q -E "librsvg|pixbufloader-svg" "$tmp/start.log"; then
  echo "the app loads librsvg before its first frame"
  status=1
fi

[ $status -eq 0 ] && echo "the app and the command line link none of them, the app loads no SVG renderer to start, and loads CalDAV sync when a calendar is shared"
exit $status
