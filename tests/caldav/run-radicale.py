#!/usr/bin/python3
# Starts Radicale (Debian's python3-radicale) for Tsunagu's CalDAV tests and benchmark:
#   run-radicale.py CONFIG [--no-fsync]
# --no-fsync turns off Radicale's private _filesystem_fsync (its own test suite does the
# same) so that a benchmark measures the server's work rather than the disk's flushes.
# Replies go out without Nagle's delay: wsgiref writes headers and body apart, and on
# loopback the client's delayed ACK then costs 40 ms a request (a reverse proxy in
# front of Radicale, as deployed, does the same).
import sys

from radicale import config, log, server

paths = [(sys.argv[1], False)]
configuration = config.load(paths)
if "--no-fsync" in sys.argv[2:]:
    configuration.update({"storage": {"_filesystem_fsync": "False"}}, "tsunagu-test",
                         privileged=True)
server.RequestHandler.disable_nagle_algorithm = True
log.setup()
log.set_level(configuration.get("logging", "level"))
server.serve(configuration)
