/* tsu-era.h: Japanese era (和暦) dates
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TsuEraFormat:
 * @TSU_ERA_FORMAT_ERA: the era and its year (令和8年); else the Western year (2026年)
 * @TSU_ERA_FORMAT_WEEKDAY: append the weekday in brackets: (火)
 *
 * How tsu_era_format_date() writes a date. Both forms are the Japanese way of
 * writing a date (年月日).
 */
typedef enum {
  TSU_ERA_FORMAT_ERA     = 1 << 0,
  TSU_ERA_FORMAT_WEEKDAY = 1 << 1,
} TsuEraFormat;

gboolean    tsu_era_get               (const GDate  *date,
                                       const char  **era_name,
                                       int          *era_year);
char       *tsu_era_format_year       (const GDate  *date);
char       *tsu_era_format_month      (const GDate  *date,
                                       TsuEraFormat  format);
char       *tsu_era_format_date       (const GDate  *date,
                                       TsuEraFormat  format);
const char *tsu_era_weekday_name      (GDateWeekday  weekday);
char       *tsu_era_format_time       (int           hour,
                                       int           minute);

G_END_DECLS
