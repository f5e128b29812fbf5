/* tsu-csv-import-dialog.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_CSV_IMPORT_DIALOG (tsu_csv_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TsuCsvImportDialog, tsu_csv_import_dialog, TSU, CSV_IMPORT_DIALOG, AdwWindow)

TsuCsvImportDialog *tsu_csv_import_dialog_new          (TsuStore           *store,
                                                        GFile              *file,
                                                        TsuCsvKind          kind);
gboolean            tsu_csv_import_dialog_get_busy     (TsuCsvImportDialog *self);
gboolean            tsu_csv_import_dialog_get_counts   (TsuCsvImportDialog *self,
                                                        guint              *n_new,
                                                        guint              *n_duplicates,
                                                        guint              *n_problems);
void                tsu_csv_import_dialog_set_encoding (TsuCsvImportDialog *self,
                                                        TsuCsvEncoding      encoding);
const char         *tsu_csv_import_dialog_get_message  (TsuCsvImportDialog *self);
void                tsu_csv_import_dialog_apply        (TsuCsvImportDialog *self);

G_END_DECLS
