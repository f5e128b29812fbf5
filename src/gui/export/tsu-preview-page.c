/* tsu-preview-page.c: one page of a document preview, or its thumbnail
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-preview-page"

#include "config.h"

#include "tsu-preview-page.h"

/* A sheet of paper of a given size in the preview. Until its page is rendered (off
 * the main thread) it is blank; a page rendered at another zoom is stretched until
 * the sharp one arrives, so that zooming never shows an empty sheet. */

struct _TsuPreviewPage
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
  double      scale;      /* pixels of the texture per point of the page */
  guint       index;
  int         width;
  int         height;
};

G_DEFINE_FINAL_TYPE (TsuPreviewPage, tsu_preview_page, GTK_TYPE_WIDGET)

static void
tsu_preview_page_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  TsuPreviewPage *self = TSU_PREVIEW_PAGE (widget);

  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height;
}

static void
tsu_preview_page_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  TsuPreviewPage *self = TSU_PREVIEW_PAGE (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                               gtk_widget_get_height (widget));

  GskRoundedRect outline;

  /* A sheet of paper: square corners, a soft shadow, white in the dark style too. */
  gsk_rounded_rect_init_from_rect (&outline, &bounds, 0);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &(GdkRGBA) { 0, 0, 0, 0.25 }, 0, 1, 1, 3);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &bounds);
  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture, &bounds);
  gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { { 0, 0, 0, 0.15 }, { 0, 0, 0, 0.15 },
                                             { 0, 0, 0, 0.15 }, { 0, 0, 0, 0.15 } });
}

static void
tsu_preview_page_dispose (GObject *object)
{
  TsuPreviewPage *self = TSU_PREVIEW_PAGE (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (tsu_preview_page_parent_class)->dispose (object);
}

static void
tsu_preview_page_class_init (TsuPreviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_preview_page_dispose;
  widget_class->measure = tsu_preview_page_measure;
  widget_class->snapshot = tsu_preview_page_snapshot;

  gtk_widget_class_set_css_name (widget_class, "tsu-preview-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tsu_preview_page_init (TsuPreviewPage *self)
{
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_START);
}

/**
 * tsu_preview_page_new:
 * @index: the page, from 0
 *
 * Returns: (transfer floating): a blank sheet for page @index
 */
GtkWidget *
tsu_preview_page_new (guint index)
{
  TsuPreviewPage *self = g_object_new (TSU_TYPE_PREVIEW_PAGE, NULL);

  self->index = index;
  return GTK_WIDGET (self);
}

guint
tsu_preview_page_get_index (TsuPreviewPage *self)
{
  g_return_val_if_fail (TSU_IS_PREVIEW_PAGE (self), 0);

  return self->index;
}

/**
 * tsu_preview_page_set_size:
 * @width: the width of the sheet on screen, in pixels
 * @height: its height
 */
void
tsu_preview_page_set_size (TsuPreviewPage *self,
                           int             width,
                           int             height)
{
  g_return_if_fail (TSU_IS_PREVIEW_PAGE (self));

  if (self->width == width && self->height == height)
    return;
  self->width = MAX (width, 1);
  self->height = MAX (height, 1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * tsu_preview_page_get_texture:
 *
 * Returns: (transfer none) (nullable): the rendered page, %NULL while it is not rendered
 */
GdkTexture *
tsu_preview_page_get_texture (TsuPreviewPage *self)
{
  g_return_val_if_fail (TSU_IS_PREVIEW_PAGE (self), NULL);

  return self->texture;
}

/**
 * tsu_preview_page_set_texture:
 * @texture: (nullable): the rendered page
 * @scale: the pixels of @texture per point of the page
 */
void
tsu_preview_page_set_texture (TsuPreviewPage *self,
                              GdkTexture     *texture,
                              double          scale)
{
  g_return_if_fail (TSU_IS_PREVIEW_PAGE (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  g_set_object (&self->texture, texture);
  self->scale = texture != NULL ? scale : 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * tsu_preview_page_get_scale:
 *
 * Returns: the pixels per point of the texture shown, 0 when there is none
 */
double
tsu_preview_page_get_scale (TsuPreviewPage *self)
{
  g_return_val_if_fail (TSU_IS_PREVIEW_PAGE (self), 0);

  return self->scale;
}
