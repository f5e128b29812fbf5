/* tsu-deleted-meeting.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_DELETED_MEETING (tsu_deleted_meeting_get_type ())
G_DECLARE_FINAL_TYPE (TsuDeletedMeeting, tsu_deleted_meeting, TSU, DELETED_MEETING, GObject)

TsuDeletedMeeting *tsu_deleted_meeting_new        (TsuStore           *store,
                                                   gint64              meeting_id,
                                                   GError            **error);
TsuDeletedMeeting *tsu_deleted_meeting_new_excluded (TsuStore         *store,
                                                   gint64              series_id,
                                                   gint64              recurrence_id,
                                                   GError            **error);
gboolean           tsu_deleted_meeting_restore    (TsuDeletedMeeting  *self,
                                                   GError            **error);
gint64             tsu_deleted_meeting_get_restored_id (TsuDeletedMeeting *self);

G_END_DECLS
