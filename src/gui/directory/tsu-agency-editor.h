/* tsu-agency-editor.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_AGENCY_EDITOR (tsu_agency_editor_get_type ())
G_DECLARE_FINAL_TYPE (TsuAgencyEditor, tsu_agency_editor, TSU, AGENCY_EDITOR, AdwWindow)

TsuAgencyEditor *tsu_agency_editor_new        (TsuStore        *store,
                                               TsuAgency       *agency);
TsuAgency       *tsu_agency_editor_get_agency (TsuAgencyEditor *self);
gboolean         tsu_agency_editor_save       (TsuAgencyEditor *self);
char            *tsu_agency_editor_dup_errors (TsuAgencyEditor *self);

G_END_DECLS
