/* tsu-document.h: a printable document
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsunagu-core.h"
#include "tsu-page-layout.h"

G_BEGIN_DECLS

#define TSU_TYPE_DOCUMENT (tsu_document_get_type ())
G_DECLARE_DERIVABLE_TYPE (TsuDocument, tsu_document, TSU, DOCUMENT, GObject)

/**
 * TsuDocumentClass:
 * @load: reads what the document shows from the store; runs where the store may be used
 * @build: sets the document into pages; uses no store, so it may run in a thread
 * @landscape_only: the document has landscape pages whatever is asked (the month calendar)
 */
struct _TsuDocumentClass
{
  GObjectClass parent_class;

  gboolean (*load)  (TsuDocument    *self,
                     TsuStore       *store,
                     GError        **error);
  void     (*build) (TsuDocument    *self,
                     TsuPageLayout  *layout);

  gboolean landscape_only;

  /*< private >*/
  gpointer padding[8];
};

/* Options, set before paginating. */
TsuStore       *tsu_document_get_store        (TsuDocument     *self);
void            tsu_document_set_paper        (TsuDocument     *self,
                                               TsuPaper         paper);
TsuPaper        tsu_document_get_paper        (TsuDocument     *self);
void            tsu_document_set_page_size    (TsuDocument     *self,
                                               double           width,
                                               double           height);
void            tsu_document_set_landscape    (TsuDocument     *self,
                                               gboolean         landscape);
gboolean        tsu_document_get_landscape    (TsuDocument     *self);
void            tsu_document_set_japanese_era (TsuDocument     *self,
                                               gboolean         japanese_era);
gboolean        tsu_document_get_japanese_era (TsuDocument     *self);
void            tsu_document_set_distribution (TsuDocument     *self,
                                               gboolean         distribution);
gboolean        tsu_document_get_distribution (TsuDocument     *self);
void            tsu_document_set_printed_at   (TsuDocument     *self,
                                               GDateTime       *printed_at);
GDateTime      *tsu_document_get_printed_at   (TsuDocument     *self);

/* Making it. */
gboolean        tsu_document_load             (TsuDocument     *self,
                                               GError         **error);
gboolean        tsu_document_paginate         (TsuDocument     *self,
                                               GError         **error);
const char     *tsu_document_get_title        (TsuDocument     *self);
TsuPageLayout  *tsu_document_get_layout       (TsuDocument     *self);
guint           tsu_document_get_n_pages      (TsuDocument     *self);
void            tsu_document_get_page_size    (TsuDocument     *self,
                                               double          *width,
                                               double          *height);
void            tsu_document_draw_page        (TsuDocument     *self,
                                               cairo_t         *cr,
                                               guint            page);
gboolean        tsu_document_write_pdf        (TsuDocument     *self,
                                               GFile           *file,
                                               GError         **error);
gboolean        tsu_document_write_pdf_to_stream (TsuDocument  *self,
                                               GOutputStream   *stream,
                                               GCancellable    *cancellable,
                                               GError         **error);

/* For the documents. */
void            tsu_document_set_title        (TsuDocument     *self,
                                               const char      *title);
void            tsu_document_set_subject      (TsuDocument     *self,
                                               const char      *subject);
void            tsu_document_set_watermark    (TsuDocument     *self,
                                               const char      *watermark);
void            tsu_document_mask_child       (TsuDocument     *self,
                                               TsuCase         *child_case);
void            tsu_document_mask_family      (TsuDocument     *self,
                                               const char      *names);
char           *tsu_document_mask             (TsuDocument     *self,
                                               const char      *text);
char           *tsu_document_format_day       (TsuDocument     *self,
                                               const GDate     *date,
                                               gboolean         weekday);
char           *tsu_document_format_date      (TsuDocument     *self,
                                               gint64           instant,
                                               gboolean         weekday);
char           *tsu_document_format_iso_date  (TsuDocument     *self,
                                               const char      *iso_date);
char           *tsu_document_format_time      (TsuDocument     *self,
                                               gint64           instant);
char           *tsu_document_format_when      (TsuDocument     *self,
                                               gint64           starts_at,
                                               gint64           ends_at,
                                               gboolean         all_day);
char           *tsu_document_format_month     (TsuDocument     *self,
                                               int              year,
                                               int              month);
GDateTime      *tsu_document_local_time       (gint64           instant);

const char     *tsu_document_kind_at          (guint            index);
const char     *tsu_document_kind_name        (const char      *kind);
guint32         tsu_document_kind_color       (const char      *kind);
const char     *tsu_document_role_name        (const char      *role);
const char     *tsu_document_case_status_name (const char      *status);

G_END_DECLS
