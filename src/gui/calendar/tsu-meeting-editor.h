/* tsu-meeting-editor.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"
#include "tsu-deleted-meeting.h"

G_BEGIN_DECLS

#define TSU_TYPE_MEETING_EDITOR (tsu_meeting_editor_get_type ())
G_DECLARE_FINAL_TYPE (TsuMeetingEditor, tsu_meeting_editor, TSU, MEETING_EDITOR, AdwWindow)

TsuMeetingEditor *tsu_meeting_editor_new           (GtkWindow        *parent,
                                                    TsuStore         *store);
void              tsu_meeting_editor_set_new       (TsuMeetingEditor *self,
                                                    const GDate      *day);
gboolean          tsu_meeting_editor_load          (TsuMeetingEditor *self,
                                                    gint64            meeting_id,
                                                    gint64            occurrence_start,
                                                    GError          **error);
char             *tsu_meeting_editor_build_rrule   (TsuMeetingEditor *self);
const char       *tsu_meeting_editor_get_message   (TsuMeetingEditor *self);
void              tsu_meeting_editor_set_case_conference (TsuMeetingEditor *self,
                                                          gint64            case_id);

void              tsu_meeting_editor_present_new   (GtkWindow        *parent,
                                                    TsuStore         *store,
                                                    const GDate      *day);
void              tsu_meeting_editor_present_edit  (GtkWindow        *parent,
                                                    TsuStore         *store,
                                                    gint64            meeting_id,
                                                    gint64            occurrence_start);
void              tsu_meeting_editor_toast_deleted (GtkWindow        *window,
                                                    TsuDeletedMeeting *deleted);

G_END_DECLS
