/* tsu-ics-import-dialog.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_ICS_IMPORT_DIALOG (tsu_ics_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TsuIcsImportDialog, tsu_ics_import_dialog, TSU, ICS_IMPORT_DIALOG, AdwWindow)

TsuIcsImportDialog *tsu_ics_import_dialog_new           (TsuStore           *store,
                                                         GFile              *file);
GFile              *tsu_ics_import_dialog_get_file      (TsuIcsImportDialog *self);
void                tsu_ics_import_dialog_set_file      (TsuIcsImportDialog *self,
                                                         GFile              *file);
void                tsu_ics_import_dialog_choose_file   (TsuIcsImportDialog *self);
gboolean            tsu_ics_import_dialog_get_busy      (TsuIcsImportDialog *self);
gboolean            tsu_ics_import_dialog_get_counts    (TsuIcsImportDialog *self,
                                                         guint              *n_added,
                                                         guint              *n_updated,
                                                         guint              *n_skipped);
GListModel         *tsu_ics_import_dialog_get_rows      (TsuIcsImportDialog *self);
const char         *tsu_ics_import_dialog_get_message   (TsuIcsImportDialog *self);
gboolean            tsu_ics_import_dialog_get_first_day (TsuIcsImportDialog *self,
                                                         GDate              *day);
void                tsu_ics_import_dialog_cancel        (TsuIcsImportDialog *self);
void                tsu_ics_import_dialog_apply         (TsuIcsImportDialog *self);

GFile              *tsu_ics_import_dialog_file_from_value (const GValue     *value);

G_END_DECLS
