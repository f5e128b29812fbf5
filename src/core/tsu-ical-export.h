/* tsu-ical-export.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-ical.h"
#include "tsu-store.h"

G_BEGIN_DECLS

/* Which meetings an export holds and how it is stamped. Initialise with
 * tsu_ical_export_options_init(); every filter left as initialised lets all through. */
typedef struct {
  gint64      from;             /* meetings (series) that overlap [from, to): Unix seconds */
  gint64      to;
  const char *kind;             /* a meeting kind, or NULL for all */
  gint64      case_id;          /* 0 for all */
  gint64      municipality_id;  /* 0 for all */
  gint64      now;              /* DTSTAMP; 0 for the current time */
  const char *organizer_email;  /* ORGANIZER of an invitation whose meeting has none */
  const char *organizer_name;
} TsuIcalExportOptions;

void     tsu_ical_export_options_init          (TsuIcalExportOptions        *options);

GBytes  *tsu_ical_export_calendar              (TsuStore                    *store,
                                                const TsuIcalExportOptions  *options,
                                                GCancellable                *cancellable,
                                                GError                     **error);
GBytes  *tsu_ical_export_invitation            (TsuStore                    *store,
                                                gint64                       meeting_id,
                                                const TsuIcalExportOptions  *options,
                                                GError                     **error);
GStrv    tsu_ical_export_invitation_recipients (TsuStore                    *store,
                                                gint64                       meeting_id,
                                                GError                     **error);
gboolean tsu_ical_export_save                  (GBytes                      *ics,
                                                const char                  *path,
                                                GError                     **error);
GHashTable *tsu_ical_export_resources          (TsuStore                    *store,
                                                const char * const          *uids,
                                                GCancellable                *cancellable,
                                                GError                     **error);

G_END_DECLS
