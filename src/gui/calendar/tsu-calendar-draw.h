/* tsu-calendar-draw.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  TSU_DAY_WEEKDAY,
  TSU_DAY_SATURDAY,
  TSU_DAY_SUNDAY,   /* Sundays and public holidays */
} TsuDayKind;

void        tsu_calendar_kind_color (const char  *kind,
                                     GdkRGBA     *color);
void        tsu_calendar_day_color  (GtkWidget   *widget,
                                     TsuDayKind   day_kind,
                                     GdkRGBA     *color);
void        tsu_calendar_fg_color   (GtkWidget   *widget,
                                     GdkRGBA     *color);
void        tsu_calendar_accent     (GtkWidget   *widget,
                                     GdkRGBA     *color);
TsuDayKind  tsu_calendar_day_kind   (const GDate *date,
                                     const char **holiday);

void        tsu_calendar_get_today  (GDate       *today);
gint64      tsu_calendar_date_to_unix (const GDate *date);
void        tsu_calendar_unix_to_date (gint64       unix_time,
                                       GDate       *date);
char       *tsu_calendar_describe   (gpointer     occurrence,
                                     gboolean     markup);

G_END_DECLS
