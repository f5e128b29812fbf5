/* tsu-week-view.h
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

#define TSU_TYPE_WEEK_VIEW (tsu_week_view_get_type ())
G_DECLARE_FINAL_TYPE (TsuWeekView, tsu_week_view, TSU, WEEK_VIEW, GtkWidget)

GtkWidget               *tsu_week_view_new             (void);
void                     tsu_week_view_set_range       (TsuWeekView *self,
                                                        const GDate *selected);
void                     tsu_week_view_set_occurrences (TsuWeekView *self,
                                                        GPtrArray   *occurrences);
const TsuCalendarLayout *tsu_week_view_get_layout      (TsuWeekView *self);
void                     tsu_week_view_get_range       (const GDate *day,
                                                        gint64      *from,
                                                        gint64      *to);
gboolean                 tsu_week_view_drop            (TsuWeekView   *self,
                                                        double         from_x,
                                                        double         from_y,
                                                        double         to_x,
                                                        double         to_y);
gboolean                 tsu_week_view_get_point       (TsuWeekView   *self,
                                                        TsuOccurrence *occurrence,
                                                        double        *x,
                                                        double        *y);
void                     tsu_week_view_get_position    (TsuWeekView   *self,
                                                        guint          day,
                                                        int            minute,
                                                        double        *x,
                                                        double        *y);
GPtrArray               *tsu_week_view_get_occurrences (TsuWeekView   *self);

G_END_DECLS
