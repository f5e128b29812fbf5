/* tsu-person-editor.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_PERSON_EDITOR (tsu_person_editor_get_type ())
G_DECLARE_FINAL_TYPE (TsuPersonEditor, tsu_person_editor, TSU, PERSON_EDITOR, AdwWindow)

TsuPersonEditor *tsu_person_editor_new        (TsuStore        *store,
                                               TsuPerson       *person,
                                               GListModel      *agencies);
TsuPerson       *tsu_person_editor_get_person (TsuPersonEditor *self);
gboolean         tsu_person_editor_save       (TsuPersonEditor *self);
char            *tsu_person_editor_dup_errors (TsuPersonEditor *self);

G_END_DECLS
