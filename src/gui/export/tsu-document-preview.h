/* tsu-document-preview.h: the print preview of a document
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-export.h"

G_BEGIN_DECLS

#define TSU_TYPE_DOCUMENT_PREVIEW (tsu_document_preview_get_type ())
G_DECLARE_FINAL_TYPE (TsuDocumentPreview, tsu_document_preview, TSU, DOCUMENT_PREVIEW, AdwWindow)

TsuDocumentPreview *tsu_document_preview_new       (GtkWindow           *parent,
                                                    TsuDocument         *document);
TsuDocumentPreview *tsu_document_preview_open      (GtkWindow           *parent,
                                                    TsuDocument         *document,
                                                    GError             **error);
TsuDocument        *tsu_document_preview_get_document (TsuDocumentPreview *self);
gboolean            tsu_document_preview_get_ready (TsuDocumentPreview  *self);
guint               tsu_document_preview_get_n_pages (TsuDocumentPreview *self);
void                tsu_document_preview_get_page_size (TsuDocumentPreview *self,
                                                    double              *width,
                                                    double              *height);
GdkTexture         *tsu_document_preview_get_page_texture (TsuDocumentPreview *self,
                                                    guint                page);
GdkTexture         *tsu_document_preview_get_thumbnail_texture (TsuDocumentPreview *self,
                                                    guint                page);
void                tsu_document_preview_set_paper (TsuDocumentPreview  *self,
                                                    TsuPaper             paper);
void                tsu_document_preview_set_landscape (TsuDocumentPreview *self,
                                                    gboolean             landscape);
void                tsu_document_preview_set_japanese_era (TsuDocumentPreview *self,
                                                    gboolean             japanese_era);
void                tsu_document_preview_set_distribution (TsuDocumentPreview *self,
                                                    gboolean             distribution);
double              tsu_document_preview_get_zoom  (TsuDocumentPreview  *self);
void                tsu_document_preview_set_zoom  (TsuDocumentPreview  *self,
                                                    double               zoom);
void                tsu_document_preview_save_pdf_async (TsuDocumentPreview  *self,
                                                    GFile               *file,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            tsu_document_preview_save_pdf_finish (TsuDocumentPreview  *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
GtkPrintOperationResult tsu_document_preview_print (TsuDocumentPreview     *self,
                                                    GtkPrintOperationAction action,
                                                    const char             *export_filename,
                                                    GError                **error);

G_END_DECLS
