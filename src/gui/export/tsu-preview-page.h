/* tsu-preview-page.h: one page of a document preview, or its thumbnail
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TSU_TYPE_PREVIEW_PAGE (tsu_preview_page_get_type ())
G_DECLARE_FINAL_TYPE (TsuPreviewPage, tsu_preview_page, TSU, PREVIEW_PAGE, GtkWidget)

GtkWidget  *tsu_preview_page_new         (guint           index);
guint       tsu_preview_page_get_index   (TsuPreviewPage *self);
void        tsu_preview_page_set_size    (TsuPreviewPage *self,
                                          int             width,
                                          int             height);
GdkTexture *tsu_preview_page_get_texture (TsuPreviewPage *self);
void        tsu_preview_page_set_texture (TsuPreviewPage *self,
                                          GdkTexture     *texture,
                                          double          scale);
double      tsu_preview_page_get_scale   (TsuPreviewPage *self);

G_END_DECLS
