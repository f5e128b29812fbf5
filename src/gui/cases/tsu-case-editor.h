/* tsu-case-editor.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_CASE_EDITOR (tsu_case_editor_get_type ())
G_DECLARE_FINAL_TYPE (TsuCaseEditor, tsu_case_editor, TSU, CASE_EDITOR, AdwWindow)

TsuCaseEditor *tsu_case_editor_new        (TsuStore      *store,
                                           TsuCase       *kase);
gboolean       tsu_case_editor_save       (TsuCaseEditor *self);
char          *tsu_case_editor_dup_errors (TsuCaseEditor *self);

G_END_DECLS
