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

/* How far ahead the list of upcoming meetings looks. */
#define TSU_CALENDAR_PAGE_DAYS 90

#define TSU_TYPE_CALENDAR_PAGE (tsu_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (TsuCalendarPage, tsu_calendar_page, TSU, CALENDAR_PAGE, AdwBin)

TsuStore   *tsu_calendar_page_get_store (TsuCalendarPage *self);
void        tsu_calendar_page_set_store (TsuCalendarPage *self,
                                         TsuStore        *store);
GListModel *tsu_calendar_page_get_model (TsuCalendarPage *self);

G_END_DECLS
