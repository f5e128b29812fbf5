/* tsu-consultation-editor.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_CONSULTATION_EDITOR (tsu_consultation_editor_get_type ())
G_DECLARE_FINAL_TYPE (TsuConsultationEditor, tsu_consultation_editor, TSU, CONSULTATION_EDITOR,
                      AdwWindow)

TsuConsultationEditor *tsu_consultation_editor_new  (TsuStore              *store,
                                                     gint64                 case_id);
TsuConsultationEditor *tsu_consultation_editor_new_for_entry (TsuStore        *store,
                                                              TsuConsultation *entry);
void                   tsu_consultation_editor_fill (TsuConsultationEditor *self,
                                                     const char            *channel,
                                                     const char            *asked_by,
                                                     const char            *topics,
                                                     const char            *referred_to,
                                                     const char            *notes);
gboolean               tsu_consultation_editor_save (TsuConsultationEditor *self);

G_END_DECLS
