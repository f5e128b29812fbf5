/* tsu-ical.h: what iCalendar import and export share
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TSU_ICAL_ERROR (tsu_ical_error_quark ())

typedef enum {
  TSU_ICAL_ERROR_TOO_LARGE,     /* the file is larger than TSU_ICAL_MAX_FILE_SIZE */
  TSU_ICAL_ERROR_ENCODING,      /* the file is not UTF-8 text */
  TSU_ICAL_ERROR_TRUNCATED,     /* the file ends inside a calendar or an event */
  TSU_ICAL_ERROR_MALFORMED,     /* not iCalendar, or components that do not nest */
  TSU_ICAL_ERROR_STALE,         /* the database changed between preview and apply */
  TSU_ICAL_ERROR_NO_ORGANIZER,  /* an invitation needs an organizer with an e-mail address */
} TsuIcalError;

/* The largest .ics file Tsunagu reads: far more than ten years of a center's meetings
 * (about 20,000 events take 10 MB) and small enough to check in memory. */
#define TSU_ICAL_MAX_FILE_SIZE (50 * 1024 * 1024)

/* The zone meetings are written in unless they say otherwise; floating times and
 * all-day dates of imported events are read in it. An all-day meeting starts at
 * midnight of its first day and ends at midnight after its last day, in its tzid
 * (an imported one always in this zone); its occurrences are dates. */
#define TSU_ICAL_DEFAULT_TZID "Asia/Tokyo"

GQuark       tsu_ical_error_quark        (void);

const char  *tsu_ical_kind_to_category   (const char *kind);
const char  *tsu_ical_kind_from_category (const char *category);
gboolean     tsu_ical_is_kind            (const char *kind);

const char  *tsu_ical_tokyo_vtimezone    (void);

G_END_DECLS
