/* tsu-ical-import.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-ical.h"
#include "tsu-ical-plan.h"
#include "tsu-store.h"

G_BEGIN_DECLS

/* Importing an .ics file from the GUI (a dialog or a drop on the calendar):
 *
 *   1. in a GTask thread, with a TsuStore of its own on the same database file:
 *      plan = tsu_ical_import_preview_file (store, file, cancellable, &error);
 *   2. on the main thread: show the plan (a GListModel of TsuIcalPlanRow: action,
 *      start, title, reason) and its counts (n_added, n_updated, n_skipped);
 *   3. when the person confirms, in a GTask thread again:
 *      tsu_ical_import_apply (store, plan, cancellable, &error);
 *      all of it is written in one transaction, or nothing (TSU_ICAL_ERROR_STALE when
 *      the calendar changed since the preview: preview again). The worker's store emits
 *      ::changed in the worker's thread; the window reloads its views when the task
 *      returns.
 *
 * Errors of the preview (TSU_ICAL_ERROR_TOO_LARGE, _ENCODING, _TRUNCATED, _MALFORMED)
 * carry a message to show as it is. */

TsuIcalPlan *tsu_ical_import_preview      (TsuStore      *store,
                                           GBytes        *data,
                                           GCancellable  *cancellable,
                                           GError       **error);
TsuIcalPlan *tsu_ical_import_preview_file (TsuStore      *store,
                                           GFile         *file,
                                           GCancellable  *cancellable,
                                           GError       **error);
gboolean     tsu_ical_import_apply        (TsuStore      *store,
                                           TsuIcalPlan   *plan,
                                           GCancellable  *cancellable,
                                           GError       **error);

G_END_DECLS
