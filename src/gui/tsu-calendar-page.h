/* tsu-calendar-page.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_CALENDAR_PAGE (tsu_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (TsuCalendarPage, tsu_calendar_page, TSU, CALENDAR_PAGE, AdwBin)

TsuStore   *tsu_calendar_page_get_store (TsuCalendarPage *self);
void        tsu_calendar_page_set_store (TsuCalendarPage *self,
                                         TsuStore        *store);
GListModel *tsu_calendar_page_get_model (TsuCalendarPage *self);
const char *tsu_calendar_page_get_view  (TsuCalendarPage *self);
void        tsu_calendar_page_set_view  (TsuCalendarPage *self,
                                         const char      *view);
void        tsu_calendar_page_get_selected_day (TsuCalendarPage *self,
                                                GDate           *day);
void        tsu_calendar_page_go_to     (TsuCalendarPage *self,
                                         const GDate     *day);
GtkWidget  *tsu_calendar_page_get_month_view  (TsuCalendarPage *self);
GtkWidget  *tsu_calendar_page_get_week_view   (TsuCalendarPage *self);
GtkWidget  *tsu_calendar_page_get_agenda_view (TsuCalendarPage *self);
GtkWindow  *tsu_calendar_page_import_file     (TsuCalendarPage *self,
                                               GFile           *file);

G_END_DECLS
