/* tsu-caldav-calendar.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A calendar found on a CalDAV server: its address and the name its owner gave it. */
#define TSU_TYPE_CALDAV_CALENDAR (tsu_caldav_calendar_get_type ())
G_DECLARE_FINAL_TYPE (TsuCaldavCalendar, tsu_caldav_calendar, TSU, CALDAV_CALENDAR, GObject)

TsuCaldavCalendar *tsu_caldav_calendar_new              (const char        *url,
                                                         const char        *display_name);
const char        *tsu_caldav_calendar_get_url          (TsuCaldavCalendar *self);
const char        *tsu_caldav_calendar_get_display_name (TsuCaldavCalendar *self);

G_END_DECLS
