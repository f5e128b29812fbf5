/* tsu-document-print.h: printing a document with GtkPrintOperation
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tsunagu-export.h"

G_BEGIN_DECLS

const char             *tsu_document_print_paper_name (TsuPaper                 paper);
GtkPrintOperationResult tsu_document_print            (TsuDocument             *document,
                                                       GtkWindow               *parent,
                                                       GtkPrintOperationAction  action,
                                                       const char              *export_filename,
                                                       GError                 **error);

G_END_DECLS
