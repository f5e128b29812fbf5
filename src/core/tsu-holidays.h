/* tsu-holidays.h: Japanese public holidays (国民の祝日)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *tsu_holidays_get_name        (const GDate *date);
const char *tsu_holidays_get_display_name (const GDate *date);
gboolean    tsu_holidays_is_holiday      (const GDate *date);
gboolean    tsu_holidays_is_closing_day  (const GDate *date);

G_END_DECLS
