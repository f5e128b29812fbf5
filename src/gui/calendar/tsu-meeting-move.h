/* tsu-meeting-move.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_MEETING_MOVE (tsu_meeting_move_get_type ())
G_DECLARE_FINAL_TYPE (TsuMeetingMove, tsu_meeting_move, TSU, MEETING_MOVE, GObject)

TsuMeetingMove *tsu_meeting_move_new             (TsuStore       *store,
                                                  TsuOccurrence  *occurrence,
                                                  gint64          starts_at);
gboolean        tsu_meeting_move_is_in_series    (TsuMeetingMove *self);
GPtrArray      *tsu_meeting_move_find_conflicts  (TsuMeetingMove *self,
                                                  GError        **error);
gboolean        tsu_meeting_move_apply           (TsuMeetingMove *self,
                                                  gboolean        only_this,
                                                  GError        **error);
void            tsu_meeting_move_run             (TsuMeetingMove *self,
                                                  GtkWidget      *widget);

G_END_DECLS
