/* tsu-calendar-sidebar.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_CALENDAR_SIDEBAR (tsu_calendar_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (TsuCalendarSidebar, tsu_calendar_sidebar, TSU, CALENDAR_SIDEBAR, AdwBin)

void     tsu_calendar_sidebar_set_store    (TsuCalendarSidebar *self,
                                            TsuStore           *store);
void     tsu_calendar_sidebar_refresh      (TsuCalendarSidebar *self);
void     tsu_calendar_sidebar_set_date     (TsuCalendarSidebar *self,
                                            const GDate        *date);
gboolean tsu_calendar_sidebar_is_filtering (TsuCalendarSidebar *self);
gboolean tsu_calendar_sidebar_matches      (TsuCalendarSidebar *self,
                                            TsuOccurrence      *occurrence);

G_END_DECLS
