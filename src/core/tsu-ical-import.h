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
