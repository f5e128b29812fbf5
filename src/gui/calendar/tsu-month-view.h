/* tsu-month-view.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tsu-calendar-layout.h"
#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_MONTH_VIEW (tsu_month_view_get_type ())
G_DECLARE_FINAL_TYPE (TsuMonthView, tsu_month_view, TSU, MONTH_VIEW, GtkWidget)

GtkWidget               *tsu_month_view_new             (void);
void                     tsu_month_view_set_range       (TsuMonthView *self,
                                                         const GDate  *month,
                                                         const GDate  *selected);
void                     tsu_month_view_set_occurrences (TsuMonthView *self,
                                                         GPtrArray    *occurrences);
const TsuCalendarLayout *tsu_month_view_get_layout      (TsuMonthView *self);
GPtrArray               *tsu_month_view_get_occurrences (TsuMonthView *self);
void                     tsu_month_view_get_grid_range  (const GDate  *month,
                                                         gint64       *from,
                                                         gint64       *to);
gboolean                 tsu_month_view_drop            (TsuMonthView  *self,
                                                         double         from_x,
                                                         double         from_y,
                                                         double         to_x,
                                                         double         to_y);
gboolean                 tsu_month_view_get_point       (TsuMonthView  *self,
                                                         TsuOccurrence *occurrence,
                                                         const GDate   *day,
                                                         double        *x,
                                                         double        *y);

G_END_DECLS
