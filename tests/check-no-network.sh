#!/bin/sh
# No network access except CalDAV sync to a server the user configured: the app and the
# command line, traced with strace, open no internet socket while they start, show the
# calendar, search, export and import. As a control, a sync to a configured server is
# seen to connect, so the trace would catch a connection if one were made.
# Usage: check-no-network.sh TSUNAGU TSUNAGU-CLI (under a display, e.g. xvfb-run)
set -eu
app=$1
cli=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/demo.db"
status=0

# Lists the internet connections of a trace (AF_UNIX is the display and D-Bus).
inet_connects () {
  grep -E 'connect\(.*sa_family=AF_INET6?' "$1" || true
}

traced () {
  log=$1; shift
  strace -f -qq -e trace=connect -o "$log" "$@" >/dev/null 2>&1 || true
}

traced "$tmp/demo.log" "$cli" --database "$db" demo --scale 0.02
traced "$tmp/list.log" "$cli" --database "$db" list --from 2026-01-01 --to 2026-12-31
traced "$tmp/search.log" "$cli" --database "$db" search ケース
traced "$tmp/ics.log" "$cli" --database "$db" export ics --output "$tmp/all.ics"
traced "$tmp/import.log" "$cli" --database "$tmp/other.db" import "$tmp/all.ics"
[ -s "$tmp/all.ics" ] || { echo "the export wrote nothing: the trace proves nothing"; exit 1; }

# The app, left running for a few seconds: first frame, start-up check, daily backup.
timeout -s TERM 8 \
  strace -f -qq -e trace=connect -o "$tmp/app.log" "$app" --database "$db" >/dev/null 2>&1 || true
grep -q 'connect(' "$tmp/app.log" ||
  { echo "the app made no connection at all (not even to the display): it did not start"; exit 1; }

for log in "$tmp"/demo.log "$tmp"/list.log "$tmp"/search.log "$tmp"/ics.log "$tmp"/import.log "$tmp"/app.log; do
  found=$(inet_connects "$log")
  if [ -n "$found" ]; then
    echo "$(basename "$log" .log): internet connection without a configured server:"
    echo "$found" | head -5
    status=1
  fi
done

# Control: a sync with a configured server (a closed local port) does connect.
TSUNAGU_CALDAV_PASSWORD=secret traced "$tmp/sync.log" \
  "$cli" --database "$db" sync --url http://127.0.0.1:9/ --user someone
if [ -z "$(inet_connects "$tmp/sync.log")" ]; then
  echo "control failed: the trace did not see the sync's connection"
  status=1
fi

[ $status -eq 0 ] && echo "no internet connection except the configured sync"
exit $status
