/* tsu-format.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GTimeZone  *tsu_format_get_time_zone (void);
GDateTime  *tsu_format_local_time    (gint64     unix_time);
GDateTime  *tsu_format_start_of_day  (GDateTime *date_time);
gboolean    tsu_format_same_day      (GDateTime *a,
                                      GDateTime *b);
char       *tsu_format_day           (GDateTime *day);
const char *tsu_format_relative_day  (GDateTime *day,
                                      GDateTime *today);
char       *tsu_format_time_range    (gint64     starts_at,
                                      gint64     ends_at,
                                      gboolean   all_day);

G_END_DECLS
