/* tsu-recurrence.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A recurrence rule (RFC 5545 RRULE) anchored at a first start in a time zone. */
typedef struct {
  const char *rrule;     /* e.g. "FREQ=MONTHLY;BYDAY=2TU" */
  gint64      dtstart;   /* Unix seconds of the first occurrence */
  gint64      duration;  /* seconds */
  const char *tzid;      /* Olson name, e.g. "Asia/Tokyo" */
  gboolean    all_day;
  const char *exdates;   /* comma-separated Unix seconds of excluded starts, or NULL */
} TsuRecurrence;

gboolean  tsu_recurrence_validate     (const char          *rrule,
                                       GError             **error);
GArray   *tsu_recurrence_expand       (const TsuRecurrence *recurrence,
                                       gint64               from,
                                       gint64               to,
                                       GError             **error);
GArray   *tsu_recurrence_expand_with_libical (const TsuRecurrence *recurrence,
                                              gint64               from,
                                              gint64               to,
                                              GError             **error);
gboolean  tsu_recurrence_is_simple    (const TsuRecurrence *recurrence);
gboolean  tsu_recurrence_get_last_end (const TsuRecurrence *recurrence,
                                       gint64              *last_end,
                                       GError             **error);

GArray   *tsu_recurrence_parse_exdates  (const char   *exdates);
char     *tsu_recurrence_format_exdates (const gint64 *starts,
                                         guint         n_starts);

G_END_DECLS
