/* tsu-occurrence.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "model/tsu-meeting.h"

G_BEGIN_DECLS

#define TSU_TYPE_OCCURRENCE (tsu_occurrence_get_type ())
G_DECLARE_FINAL_TYPE (TsuOccurrence, tsu_occurrence, TSU, OCCURRENCE, GObject)

TsuOccurrence *tsu_occurrence_new               (TsuMeeting    *meeting,
                                                 gint64         starts_at,
                                                 gint64         ends_at,
                                                 gint64         recurrence_id);
TsuMeeting    *tsu_occurrence_get_meeting       (TsuOccurrence *self);
gint64         tsu_occurrence_get_starts_at     (TsuOccurrence *self);
gint64         tsu_occurrence_get_ends_at       (TsuOccurrence *self);
gint64         tsu_occurrence_get_recurrence_id (TsuOccurrence *self);
const char    *tsu_occurrence_get_title         (TsuOccurrence *self);

G_END_DECLS
