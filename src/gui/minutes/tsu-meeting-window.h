/* tsu-meeting-window.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"
#include "tsu-minutes-editor.h"

G_BEGIN_DECLS

#define TSU_TYPE_MEETING_WINDOW (tsu_meeting_window_get_type ())
G_DECLARE_FINAL_TYPE (TsuMeetingWindow, tsu_meeting_window, TSU, MEETING_WINDOW, AdwWindow)

TsuMeetingWindow *tsu_meeting_window_open              (GtkWindow         *parent,
                                                        TsuStore          *store,
                                                        gint64             meeting_id,
                                                        gint64             occurrence_start,
                                                        GError           **error);
TsuMeeting       *tsu_meeting_window_get_meeting       (TsuMeetingWindow  *self);
TsuMinutesEditor *tsu_meeting_window_get_minutes_editor (TsuMeetingWindow *self);
void              tsu_meeting_window_show_page         (TsuMeetingWindow  *self,
                                                        const char        *name);
void              tsu_meeting_window_toast             (TsuMeetingWindow  *self,
                                                        const char        *message);
AdwMessageDialog *tsu_meeting_window_add_participant   (TsuMeetingWindow  *self,
                                                        gint64             person_id,
                                                        const char        *name,
                                                        const char        *agency);

G_END_DECLS
