/* tsu-minutes-editor.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"
#include "tsu-autosave.h"

G_BEGIN_DECLS

#define TSU_TYPE_MINUTES_EDITOR (tsu_minutes_editor_get_type ())
G_DECLARE_FINAL_TYPE (TsuMinutesEditor, tsu_minutes_editor, TSU, MINUTES_EDITOR, GtkWidget)

void        tsu_minutes_editor_set_meeting    (TsuMinutesEditor *self,
                                               TsuStore         *store,
                                               TsuAutosave      *autosave,
                                               TsuMeeting       *meeting);
void        tsu_minutes_editor_reload         (TsuMinutesEditor *self);
TsuMinutes *tsu_minutes_editor_get_minutes    (TsuMinutesEditor *self);
gboolean    tsu_minutes_editor_start          (TsuMinutesEditor *self,
                                               GError          **error);
gboolean    tsu_minutes_editor_get_read_only  (TsuMinutesEditor *self);
GtkTextBuffer *tsu_minutes_editor_get_summary_buffer (TsuMinutesEditor *self);
gboolean    tsu_minutes_editor_add_decision   (TsuMinutesEditor *self,
                                               const char       *body,
                                               gboolean          good_practice,
                                               GError          **error);
gboolean    tsu_minutes_editor_add_action     (TsuMinutesEditor *self,
                                               const char       *what,
                                               const char       *who,
                                               const char       *due_on,
                                               GError          **error);
gboolean    tsu_minutes_editor_confirm        (TsuMinutesEditor *self,
                                               const char       *who,
                                               GError          **error);
gboolean    tsu_minutes_editor_revise         (TsuMinutesEditor *self,
                                               GError          **error);
char       *tsu_minutes_editor_describe       (TsuStore         *store,
                                               TsuMinutes       *minutes);

G_END_DECLS
