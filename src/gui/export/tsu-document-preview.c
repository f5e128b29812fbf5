/* tsu-document-preview.c: the print preview of a document
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-document-preview"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gmodule.h>
#include <poppler.h>
#include <stdlib.h>

#include "tsu-document-preview.h"
#include "tsu-document-print.h"
#include "tsu-preview-page.h"
#include "tsu-settings.h"

/* The preview shows the PDF that "Save PDF…" writes, page by page, as poppler draws
 * it. The work runs off the main thread in two steps:
 *
 *   making     the document (loaded from the store on the main thread) is set into
 *              pages and written as a PDF into memory; whenever an option changes
 *   rendering  poppler draws the pages near the visible part of the view, then every
 *              page's thumbnail, a few at a time, into textures
 *
 * While the document is being made, saved or printed, nothing else touches it: an
 * option changed meanwhile is applied when that is done. Results of a PDF replaced
 * since are dropped by a generation counter. */

/* poppler-glib brings poppler, NSS, NSPR, lcms2 and OpenJPEG: the app is not linked
 * with it, so that they are neither loaded nor relocated at every start. The preview
 * loads it the first time it makes a PDF, and calls its few functions through these
 * pointers. POPPLER_GLIB_SONAME comes from src/gui/meson.build. */

static struct {
  PopplerDocument *(*document_new_from_bytes) (GBytes *, const char *, GError **);
  int              (*document_get_n_pages)    (PopplerDocument *);
  PopplerPage     *(*document_get_page)       (PopplerDocument *, int);
  void             (*page_get_size)           (PopplerPage *, double *, double *);
  void             (*page_render)             (PopplerPage *, cairo_t *);
} poppler;

static const struct {
  const char *name;
  gsize       offset;
} poppler_symbols[] = {
  { "poppler_document_new_from_bytes", G_STRUCT_OFFSET (__typeof__ (poppler), document_new_from_bytes) },
  { "poppler_document_get_n_pages", G_STRUCT_OFFSET (__typeof__ (poppler), document_get_n_pages) },
  { "poppler_document_get_page", G_STRUCT_OFFSET (__typeof__ (poppler), document_get_page) },
  { "poppler_page_get_size", G_STRUCT_OFFSET (__typeof__ (poppler), page_get_size) },
  { "poppler_page_render", G_STRUCT_OFFSET (__typeof__ (poppler), page_render) },
};

/* The threads that use poppler are counted: at exit, poppler's own clean-up must not
 * run while one of them still holds a document (it crashed, now and then, when a
 * preview was closed as the program ended). */
typedef struct _PopplerUse PopplerUse;

static GMutex poppler_users_lock;
static GCond poppler_users_done;
static guint poppler_users;

static PopplerUse *
poppler_use_begin (void)
{
  g_mutex_lock (&poppler_users_lock);
  poppler_users++;
  g_mutex_unlock (&poppler_users_lock);
  return (PopplerUse *) &poppler_users;
}

static void
poppler_use_end (PopplerUse *use)
{
  g_mutex_lock (&poppler_users_lock);
  if (--poppler_users == 0)
    g_cond_broadcast (&poppler_users_done);
  g_mutex_unlock (&poppler_users_lock);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerUse, poppler_use_end)

/* Registered with atexit () after poppler was loaded, so it runs before poppler's
 * destructors: waits (a few seconds at most) for the threads still rendering. */
static void
wait_for_poppler_users (void)
{
  gint64 until = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&poppler_users_lock);
  while (poppler_users > 0 && g_cond_wait_until (&poppler_users_done, &poppler_users_lock, until))
    ;
  g_mutex_unlock (&poppler_users_lock);
}

/* Loads poppler-glib once, from any thread. Returns: whether it could */
static gboolean
load_poppler (GError **error)
{
  static gsize loaded;
  static char *load_error;

  if (g_once_init_enter (&loaded))
    {
      GModule *module = g_module_open (POPPLER_GLIB_SONAME, G_MODULE_BIND_LOCAL);

      if (module == NULL)
        load_error = g_strdup (g_module_error ());
      for (guint i = 0; module != NULL && i < G_N_ELEMENTS (poppler_symbols); i++)
        {
          gpointer *slot = G_STRUCT_MEMBER_P (&poppler, poppler_symbols[i].offset);

          if (!g_module_symbol (module, poppler_symbols[i].name, slot) || *slot == NULL)
            {
              load_error = g_strdup (g_module_error ());
              break;
            }
        }
      if (module != NULL)
        {
          g_module_make_resident (module);
          atexit (wait_for_poppler_users);
        }
      g_once_init_leave (&loaded, 1);
    }

  if (load_error != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The preview needs the poppler-glib library, which cannot be loaded: %s"), load_error);
      return FALSE;
    }
  return TRUE;
}

#define PIXELS_PER_POINT (96.0 / 72.0)
#define PAGE_SPACING     18
#define PAGE_MARGIN      24
#define THUMB_WIDTH      120
#define MIN_ZOOM         0.25
#define MAX_ZOOM         4.0
#define ZOOM_STEP        1.25
#define THUMBS_PER_JOB   6

struct _TsuDocumentPreview
{
  AdwWindow          parent_instance;

  TsuDocument       *document;
  GSettings         *settings;
  GCancellable      *cancellable;
  gulong             changed_id;
  guint              fit_source;

  guint              generation;
  guint              making : 1;
  guint              saving : 1;
  guint              printing : 1;
  guint              pending : 1;      /* make again once the document is free */
  guint              reload : 1;       /* read the store again before */
  guint              rendering : 1;
  guint              ready : 1;
  guint              fit : 1;
  guint              updating : 1;     /* the option widgets are being set */

  GBytes            *pdf;
  guint              n_pages;
  double             page_width;       /* in points, as poppler gives them */
  double             page_height;
  double             zoom;
  GPtrArray         *pages;            /* TsuPreviewPage, in page_box */
  GPtrArray         *thumbnails;       /* TsuPreviewPage, in thumbnail_list */

  GtkSpinner        *busy_spinner;
  GtkStack          *content_stack;
  GtkCheckButton    *distribution_check;
  GtkDropDown       *dates_dropdown;
  AdwStatusPage     *error_page;
  GtkToggleButton   *fit_button;
  GtkSpinner        *loading_spinner;
  GtkDropDown       *orientation_dropdown;
  GtkBox            *page_box;
  GtkScrolledWindow *page_scroller;
  GtkDropDown       *paper_dropdown;
  GtkButton         *print_button;
  GtkButton         *save_button;
  GtkListBox        *thumbnail_list;
  GtkScrolledWindow *thumbnail_scroller;
  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkLabel          *zoom_label;
};

G_DEFINE_FINAL_TYPE (TsuDocumentPreview, tsu_document_preview, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void make_pdf       (TsuDocumentPreview *self);
static void request_render (TsuDocumentPreview *self);

/* Making the PDF */

typedef struct {
  GBytes *pdf;
  guint   n_pages;
  double  width;
  double  height;
} MadePdf;

static void
made_pdf_free (MadePdf *made)
{
  g_clear_pointer (&made->pdf, g_bytes_unref);
  g_free (made);
}

static void
make_pdf_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TsuDocument *document = task_data;
  g_autoptr(PopplerUse) use = poppler_use_begin ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  PopplerDocument *pdf;
  MadePdf *made;

  if (!tsu_document_paginate (document, &error) ||
      !tsu_document_write_pdf_to_stream (document, stream, cancellable, &error) ||
      !g_output_stream_close (stream, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  made = g_new0 (MadePdf, 1);
  made->pdf = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));

  /* What the view shows comes from the PDF itself, as a reader would open it. */
  pdf = load_poppler (&error) ? poppler.document_new_from_bytes (made->pdf, NULL, &error) : NULL;
  if (pdf == NULL)
    {
      made_pdf_free (made);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  made->n_pages = poppler.document_get_n_pages (pdf);
  if (made->n_pages > 0)
    {
      PopplerPage *page = poppler.document_get_page (pdf, 0);

      poppler.page_get_size (page, &made->width, &made->height);
      g_object_unref (page);
    }
  g_object_unref (pdf);
  g_task_return_pointer (task, made, (GDestroyNotify) made_pdf_free);
}

static double
page_scale (TsuDocumentPreview *self)
{
  return self->zoom * PIXELS_PER_POINT;
}

static void
set_ready (TsuDocumentPreview *self,
           gboolean            ready)
{
  if (self->ready == !!ready)
    return;
  self->ready = !!ready;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
update_actions (TsuDocumentPreview *self)
{
  gboolean busy = self->making || self->saving || self->printing;
  gboolean have_pages = self->pdf != NULL && self->n_pages > 0 && !self->pending;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.print", !busy && have_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.save-pdf", !busy && have_pages);
  gtk_spinner_set_spinning (self->busy_spinner, self->making && self->pdf != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), self->making && self->pdf != NULL);
}

static void
update_zoom (TsuDocumentPreview *self)
{
  g_autofree char *label = g_strdup_printf ("%d%%", (int) (self->zoom * 100 + 0.5));
  double scale = page_scale (self);
  int width = MAX (1, (int) (self->page_width * scale + 0.5));
  int height = MAX (1, (int) (self->page_height * scale + 0.5));

  gtk_label_set_text (self->zoom_label, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in", self->zoom < MAX_ZOOM - 0.001);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out", self->zoom > MIN_ZOOM + 0.001);
  gtk_toggle_button_set_active (self->fit_button, self->fit);

  for (guint i = 0; i < self->pages->len; i++)
    tsu_preview_page_set_size (g_ptr_array_index (self->pages, i), width, height);
  request_render (self);
}

static void
set_zoom (TsuDocumentPreview *self,
          double              zoom,
          gboolean            fit)
{
  self->zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->fit = fit;
  update_zoom (self);
}

static void
fit_width (TsuDocumentPreview *self)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->page_scroller);
  double available = gtk_adjustment_get_page_size (hadjustment) - 2 * PAGE_MARGIN - 16;

  if (self->page_width <= 0 || available <= 0)
    return;
  set_zoom (self, available / (self->page_width * PIXELS_PER_POINT), TRUE);
}

static void
rebuild_pages (TsuDocumentPreview *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page_box))) != NULL)
    gtk_box_remove (self->page_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnail_list))) != NULL)
    gtk_list_box_remove (self->thumbnail_list, child);
  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->thumbnails, 0);

  for (guint i = 0; i < self->n_pages; i++)
    {
      GtkWidget *page = tsu_preview_page_new (i);
      GtkWidget *thumb = tsu_preview_page_new (i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *row = gtk_list_box_row_new ();
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      /* TRANSLATORS: the accessible name of a page in the preview; %u is its number */
      g_autofree char *name = g_strdup_printf (_("Page %u"), i + 1);
      GtkWidget *label = gtk_label_new (number);
      double thumb_scale = THUMB_WIDTH / MAX (self->page_width, 1);

      gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (self->page_box, page);
      g_ptr_array_add (self->pages, page);

      tsu_preview_page_set_size (TSU_PREVIEW_PAGE (thumb), THUMB_WIDTH,
                                 (int) (self->page_height * thumb_scale + 0.5));
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), thumb);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_list_box_append (self->thumbnail_list, row);
      g_ptr_array_add (self->thumbnails, thumb);
    }
}

static void
update_title (TsuDocumentPreview *self)
{
  const char *title = self->document != NULL ? tsu_document_get_title (self->document) : NULL;
  g_autofree char *pages = NULL;

  if (title == NULL)
    title = _("Preview");
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  if (self->pdf != NULL)
    pages = g_strdup_printf (ngettext ("%u page", "%u pages", self->n_pages), self->n_pages);
  adw_window_title_set_subtitle (self->window_title, pages);
}

static void
make_pdf_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (object);
  g_autoptr(GError) error = NULL;
  MadePdf *made = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean resized;

  if (made == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->making = FALSE;
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);

  if (made == NULL)
    {
      /* Nothing shown is older than the options now chosen. */
      g_clear_pointer (&self->pdf, g_bytes_unref);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
  else
    {
      self->generation++;
      resized = made->width != self->page_width || made->height != self->page_height ||
                made->n_pages != self->n_pages || self->pdf == NULL;
      g_clear_pointer (&self->pdf, g_bytes_unref);
      self->pdf = g_steal_pointer (&made->pdf);
      self->n_pages = made->n_pages;
      self->page_width = made->width;
      self->page_height = made->height;
      made_pdf_free (made);

      if (resized)
        rebuild_pages (self);
      else
        {
          /* The same sheets with other text: no page shows what the options no longer say. */
          for (guint i = 0; i < self->pages->len; i++)
            tsu_preview_page_set_texture (g_ptr_array_index (self->pages, i), NULL, 0);
          for (guint i = 0; i < self->thumbnails->len; i++)
            tsu_preview_page_set_texture (g_ptr_array_index (self->thumbnails, i), NULL, 0);
        }
      gtk_stack_set_visible_child_name (self->content_stack, "pages");
      if (self->fit)
        fit_width (self);
      update_zoom (self);
    }

  update_title (self);
  update_actions (self);

  if (self->pending)
    make_pdf (self);
  else
    set_ready (self, self->pdf != NULL);
}

static void
apply_options (TsuDocumentPreview *self)
{
  TsuDocument *document = self->document;
  guint paper = gtk_drop_down_get_selected (self->paper_dropdown);

  tsu_document_set_paper (document, paper <= TSU_PAPER_LETTER ? (TsuPaper) paper : TSU_PAPER_A4);
  tsu_document_set_landscape (document, gtk_drop_down_get_selected (self->orientation_dropdown) == 1);
  tsu_document_set_japanese_era (document, gtk_drop_down_get_selected (self->dates_dropdown) == 0);
  tsu_document_set_distribution (document, gtk_check_button_get_active (self->distribution_check));
}

static void
make_pdf (TsuDocumentPreview *self)
{
  g_autoptr(GTask) task = NULL;

  set_ready (self, FALSE);
  if (self->making || self->saving || self->printing)
    {
      self->pending = TRUE;
      update_actions (self);
      return;
    }
  self->pending = FALSE;

  if (self->reload)
    {
      g_autoptr(GError) error = NULL;

      self->reload = FALSE;
      if (!tsu_document_load (self->document, &error))
        {
          g_clear_pointer (&self->pdf, g_bytes_unref);
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->content_stack, "error");
          update_actions (self);
          return;
        }
    }

  apply_options (self);
  self->making = TRUE;
  if (self->pdf == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "loading");
      gtk_spinner_set_spinning (self->loading_spinner, TRUE);
    }
  update_actions (self);

  task = g_task_new (self, self->cancellable, make_pdf_cb, NULL);
  g_task_set_source_tag (task, make_pdf);
  g_task_set_task_data (task, g_object_ref (self->document), g_object_unref);
  g_task_run_in_thread (task, make_pdf_thread);
}

/* Rendering the pages */

typedef struct {
  guint     index;
  gboolean  thumbnail;
  double    scale;       /* pixels per point, with the screen's scale factor */
} RenderItem;

/* The preview, weakly: shared by the job and the pages it delivers. */
typedef GWeakRef PreviewRef;

typedef struct {
  PreviewRef *preview;
  GBytes     *pdf;
  guint       generation;
  GArray     *items;
  GMainContext *context;
} RenderJob;

typedef struct {
  PreviewRef  *preview;
  guint        generation;
  RenderItem   item;
  GdkTexture  *texture;
} RenderedPage;

static void
preview_ref_release (PreviewRef *ref)
{
  g_atomic_rc_box_release_full (ref, (GDestroyNotify) g_weak_ref_clear);
}

static void
render_job_free (RenderJob *job)
{
  g_clear_pointer (&job->preview, preview_ref_release);
  g_clear_pointer (&job->pdf, g_bytes_unref);
  g_clear_pointer (&job->items, g_array_unref);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

static void
rendered_page_free (RenderedPage *rendered)
{
  g_clear_object (&rendered->texture);
  g_clear_pointer (&rendered->preview, preview_ref_release);
  g_free (rendered);
}

static gboolean
deliver_page_cb (gpointer data)
{
  RenderedPage *rendered = data;
  g_autoptr(TsuDocumentPreview) self = g_weak_ref_get (rendered->preview);
  GPtrArray *widgets;

  if (self == NULL || rendered->generation != self->generation)
    return G_SOURCE_REMOVE;

  widgets = rendered->item.thumbnail ? self->thumbnails : self->pages;
  if (rendered->item.index < widgets->len)
    tsu_preview_page_set_texture (g_ptr_array_index (widgets, rendered->item.index),
                                  rendered->texture, rendered->item.scale);
  return G_SOURCE_REMOVE;
}

static GdkTexture *
render_page (PopplerPage *page,
             double       scale)
{
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;
  double width, height;
  int w, h, stride;
  cairo_t *cr;

  poppler.page_get_size (page, &width, &height);
  w = MAX (1, (int) (width * scale + 0.5));
  h = MAX (1, (int) (height * scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler.page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * h,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, stride);
  return texture;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(PopplerUse) use = poppler_use_begin ();
  g_autoptr(GError) error = NULL;
  PopplerDocument *pdf;

  /* A document of its own: poppler's documents are not shared between threads. */
  pdf = load_poppler (&error) ? poppler.document_new_from_bytes (job->pdf, NULL, &error) : NULL;
  if (pdf == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < job->items->len; i++)
    {
      RenderItem *item = &g_array_index (job->items, RenderItem, i);
      PopplerPage *page;
      RenderedPage *rendered;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      page = poppler.document_get_page (pdf, item->index);
      if (page == NULL)
        continue;

      rendered = g_new0 (RenderedPage, 1);
      rendered->preview = g_atomic_rc_box_acquire (job->preview);
      rendered->generation = job->generation;
      rendered->item = *item;
      rendered->texture = render_page (page, item->scale);
      g_object_unref (page);
      g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, deliver_page_cb, rendered,
                                  (GDestroyNotify) rendered_page_free);
    }
  g_object_unref (pdf);
  g_task_return_boolean (task, TRUE);
}

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->rendering = FALSE;
  if (error != NULL)
    {
      g_warning ("Cannot render the preview: %s", error->message);
      return;
    }
  request_render (self);
}

/* The pages in view and a screen around them want sharp textures; the others let theirs go. */
static void
collect_pages (TsuDocumentPreview *self,
               GArray             *items)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->page_scroller);
  int factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double scale = page_scale (self);
  double height = MAX (1, (int) (self->page_height * scale + 0.5));
  double top = gtk_adjustment_get_value (vadjustment);
  double view = gtk_adjustment_get_page_size (vadjustment);
  double want = scale * factor;

  if (view <= 0)
    view = gtk_widget_get_height (GTK_WIDGET (self)) > 0 ? gtk_widget_get_height (GTK_WIDGET (self)) : 800;

  for (guint i = 0; i < self->pages->len; i++)
    {
      TsuPreviewPage *page = g_ptr_array_index (self->pages, i);
      double y = PAGE_MARGIN + i * (height + PAGE_SPACING);
      gboolean near = y + height >= top - view && y <= top + 2 * view;

      if (!near)
        {
          if (tsu_preview_page_get_texture (page) != NULL)
            tsu_preview_page_set_texture (page, NULL, 0);
          continue;
        }
      if (ABS (tsu_preview_page_get_scale (page) - want) > 0.001)
        {
          RenderItem item = { i, FALSE, want };

          /* What is in view first. */
          if (y + height >= top && y <= top + view)
            g_array_prepend_val (items, item);
          else
            g_array_append_val (items, item);
        }
    }
}

static void
collect_thumbnails (TsuDocumentPreview *self,
                    GArray             *items)
{
  int factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double want = THUMB_WIDTH / MAX (self->page_width, 1) * factor;

  for (guint i = 0; i < self->thumbnails->len && items->len < THUMBS_PER_JOB; i++)
    {
      TsuPreviewPage *thumb = g_ptr_array_index (self->thumbnails, i);

      if (ABS (tsu_preview_page_get_scale (thumb) - want) > 0.001)
        {
          RenderItem item = { i, TRUE, want };

          g_array_append_val (items, item);
        }
    }
}

static void
request_render (TsuDocumentPreview *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GArray) items = NULL;
  RenderJob *job;

  if (self->rendering || self->pdf == NULL || self->n_pages == 0)
    return;

  items = g_array_new (FALSE, FALSE, sizeof (RenderItem));
  collect_pages (self, items);
  if (items->len == 0)
    collect_thumbnails (self, items);
  if (items->len == 0)
    return;

  job = g_new0 (RenderJob, 1);
  job->preview = g_atomic_rc_box_new0 (PreviewRef);
  g_weak_ref_init (job->preview, self);
  job->pdf = g_bytes_ref (self->pdf);
  job->generation = self->generation;
  job->items = g_steal_pointer (&items);
  job->context = g_main_context_ref_thread_default ();

  self->rendering = TRUE;
  task = g_task_new (self, self->cancellable, render_cb, NULL);
  g_task_set_source_tag (task, request_render);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_thread);
}

/* Callbacks */

static void
option_changed_cb (TsuDocumentPreview *self)
{
  if (self->updating)
    return;
  make_pdf (self);
}

static void
store_changed_cb (TsuDocumentPreview *self)
{
  self->reload = TRUE;
  make_pdf (self);
}

static void
scrolled_cb (TsuDocumentPreview *self)
{
  request_render (self);
}

static gboolean
fit_idle_cb (gpointer data)
{
  TsuDocumentPreview *self = data;

  self->fit_source = 0;
  if (self->fit)
    fit_width (self);
  return G_SOURCE_REMOVE;
}

/* The view's width is known during its size allocation, when the sheets may not be
 * resized: they follow right after. */
static void
width_changed_cb (TsuDocumentPreview *self)
{
  if (self->fit && self->fit_source == 0)
    self->fit_source = g_idle_add (fit_idle_cb, self);
}

static void
thumbnail_activated_cb (TsuDocumentPreview *self,
                        GtkListBoxRow      *row)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->page_scroller);
  int index = gtk_list_box_row_get_index (row);
  double height = (int) (self->page_height * page_scale (self) + 0.5);

  if (index < 0)
    return;
  gtk_adjustment_set_value (vadjustment, PAGE_MARGIN + index * (height + PAGE_SPACING) - PAGE_MARGIN / 2);
}

static void
save_chooser_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!tsu_document_preview_save_pdf_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("Cannot save the PDF: %s"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);

      title = g_strdup_printf (_("Saved as “%s”"), display);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
save_response_cb (GtkNativeDialog    *chooser,
                  int                 response,
                  TsuDocumentPreview *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;

  tsu_document_preview_save_pdf_async (self, file, self->cancellable, save_chooser_cb,
                                       g_object_ref (file));
}

static char *
suggested_name (TsuDocumentPreview *self)
{
  const char *title = tsu_document_get_title (self->document);
  GString *name = g_string_new (NULL);

  for (const char *p = title != NULL ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c))
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, c);
    }
  if (name->len == 0)
    g_string_append (name, _("Document"));
  g_string_append (name, ".pdf");
  return g_string_free (name, FALSE);
}

/* Actions */

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = suggested_name (self);
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save PDF"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (documents != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (widget);
  g_autoptr(GError) error = NULL;

  if (tsu_document_preview_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *title = g_strdup_printf (_("Cannot print: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (widget);

  set_zoom (self, self->zoom * ZOOM_STEP, FALSE);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (widget);

  set_zoom (self, self->zoom / ZOOM_STEP, FALSE);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (widget);

  if (self->fit)
    set_zoom (self, 1.0, FALSE);
  else
    {
      self->fit = TRUE;
      fit_width (self);
      update_zoom (self);
    }
}

/* Overrides */

static void
tsu_document_preview_constructed (GObject *object)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (object);
  TsuStore *store;
  g_autofree char *date_style = NULL;

  G_OBJECT_CLASS (tsu_document_preview_parent_class)->constructed (object);

  /* Without a document (as the templates test builds it) the window stays empty. */
  if (self->document == NULL)
    {
      update_actions (self);
      return;
    }

  /* The options start from the document's and the preferences'. */
  date_style = g_settings_get_string (self->settings, "date-style");
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->paper_dropdown,
                              tsu_document_get_paper (self->document) <= TSU_PAPER_LETTER
                              ? tsu_document_get_paper (self->document) : TSU_PAPER_A4);
  gtk_drop_down_set_selected (self->orientation_dropdown, tsu_document_get_landscape (self->document) ? 1 : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->orientation_dropdown),
                            !TSU_DOCUMENT_GET_CLASS (self->document)->landscape_only);
  gtk_drop_down_set_selected (self->dates_dropdown, g_str_equal (date_style, "western") ? 1 : 0);
  gtk_check_button_set_active (self->distribution_check,
                               tsu_document_get_distribution (self->document) ||
                               g_settings_get_boolean (self->settings, "hide-names"));
  self->updating = FALSE;

  store = tsu_document_get_store (self->document);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                                self, G_CONNECT_SWAPPED);

  update_title (self);
  update_zoom (self);
  make_pdf (self);
}

static void
tsu_document_preview_dispose (GObject *object)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  self->generation++;
  g_clear_handle_id (&self->fit_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_DOCUMENT_PREVIEW);

  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pdf, g_bytes_unref);

  G_OBJECT_CLASS (tsu_document_preview_parent_class)->dispose (object);
}

static void
tsu_document_preview_finalize (GObject *object)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->thumbnails, g_ptr_array_unref);

  G_OBJECT_CLASS (tsu_document_preview_parent_class)->finalize (object);
}

static void
tsu_document_preview_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_document_preview_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_document_preview_class_init (TsuDocumentPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tsu_document_preview_constructed;
  object_class->dispose = tsu_document_preview_dispose;
  object_class->finalize = tsu_document_preview_finalize;
  object_class->get_property = tsu_document_preview_get_property;
  object_class->set_property = tsu_document_preview_set_property;

  /**
   * TsuDocumentPreview:document:
   *
   * The document shown; loaded from its store.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         TSU_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * TsuDocumentPreview:ready:
   *
   * Whether the pages shown are those of the options chosen, so that the document
   * may be printed or saved.
   */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-document-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, dates_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, distribution_check);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, error_page);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, fit_button);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, orientation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, page_box);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, page_scroller);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, paper_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, print_button);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, save_button);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, thumbnail_list);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, thumbnail_scroller);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, TsuDocumentPreview, zoom_label);
  gtk_widget_class_bind_template_callback (widget_class, thumbnail_activated_cb);

  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-fit", NULL, zoom_fit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "preview.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "preview.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "preview.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsu_document_preview_init (TsuDocumentPreview *self)
{
  GtkAdjustment *adjustment;

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  self->pages = g_ptr_array_new ();
  self->thumbnails = g_ptr_array_new ();
  self->zoom = 1.0;
  self->fit = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->paper_dropdown, "notify::selected", G_CALLBACK (option_changed_cb), self);
  g_signal_connect_swapped (self->orientation_dropdown, "notify::selected", G_CALLBACK (option_changed_cb), self);
  g_signal_connect_swapped (self->dates_dropdown, "notify::selected", G_CALLBACK (option_changed_cb), self);
  g_signal_connect_swapped (self->distribution_check, "notify::active", G_CALLBACK (option_changed_cb), self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->page_scroller);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self);
  g_signal_connect_swapped (adjustment, "changed", G_CALLBACK (scrolled_cb), self);
  adjustment = gtk_scrolled_window_get_hadjustment (self->page_scroller);
  g_signal_connect_swapped (adjustment, "changed", G_CALLBACK (width_changed_cb), self);
  adjustment = gtk_scrolled_window_get_vadjustment (self->thumbnail_scroller);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self);
}

/* Public API */

/**
 * tsu_document_preview_new:
 * @parent: (nullable): the window the preview belongs to
 * @document: the document; loaded when it was not
 *
 * Returns: (transfer none): a new preview window, not yet shown
 */
TsuDocumentPreview *
tsu_document_preview_new (GtkWindow   *parent,
                          TsuDocument *document)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TSU_IS_DOCUMENT (document), NULL);

  return g_object_new (TSU_TYPE_DOCUMENT_PREVIEW,
                       "document", document,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}

/**
 * tsu_document_preview_open:
 * @parent: (nullable): the window the preview belongs to
 * @document: the document to show
 * @error: return location for an error
 *
 * Loads @document from its store and shows it in a new preview window.
 *
 * Returns: (transfer none) (nullable): the preview shown, or %NULL when the document
 *   cannot be read (such as a meeting deleted meanwhile)
 */
TsuDocumentPreview *
tsu_document_preview_open (GtkWindow    *parent,
                           TsuDocument  *document,
                           GError      **error)
{
  TsuDocumentPreview *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TSU_IS_DOCUMENT (document), NULL);

  if (!tsu_document_load (document, error))
    return NULL;
  self = tsu_document_preview_new (parent, document);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * tsu_document_preview_get_document:
 *
 * Returns: (transfer none): the document shown
 */
TsuDocument *
tsu_document_preview_get_document (TsuDocumentPreview *self)
{
  g_return_val_if_fail (TSU_IS_DOCUMENT_PREVIEW (self), NULL);

  return self->document;
}

gboolean
tsu_document_preview_get_ready (TsuDocumentPreview *self)
{
  g_return_val_if_fail (TSU_IS_DOCUMENT_PREVIEW (self), FALSE);

  return self->ready;
}

/**
 * tsu_document_preview_get_n_pages:
 *
 * Returns: the number of pages of the PDF shown, 0 before it is made
 */
guint
tsu_document_preview_get_n_pages (TsuDocumentPreview *self)
{
  g_return_val_if_fail (TSU_IS_DOCUMENT_PREVIEW (self), 0);

  return self->pdf != NULL ? self->n_pages : 0;
}

/**
 * tsu_document_preview_get_page_size:
 * @width: (out) (optional): the width of the first page of the PDF shown, in points
 * @height: (out) (optional): its height
 */
void
tsu_document_preview_get_page_size (TsuDocumentPreview *self,
                                    double             *width,
                                    double             *height)
{
  g_return_if_fail (TSU_IS_DOCUMENT_PREVIEW (self));

  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

/**
 * tsu_document_preview_get_page_texture:
 * @page: the page, from 0
 *
 * Returns: (transfer none) (nullable): the page as rendered, %NULL while it is not
 */
GdkTexture *
tsu_document_preview_get_page_texture (TsuDocumentPreview *self,
                                       guint               page)
{
  g_return_val_if_fail (TSU_IS_DOCUMENT_PREVIEW (self), NULL);

  if (page >= self->pages->len)
    return NULL;
  return tsu_preview_page_get_texture (g_ptr_array_index (self->pages, page));
}

/**
 * tsu_document_preview_get_thumbnail_texture:
 * @page: the page, from 0
 *
 * Returns: (transfer none) (nullable): the page's thumbnail, %NULL while it is not rendered
 */
GdkTexture *
tsu_document_preview_get_thumbnail_texture (TsuDocumentPreview *self,
                                            guint               page)
{
  g_return_val_if_fail (TSU_IS_DOCUMENT_PREVIEW (self), NULL);

  if (page >= self->thumbnails->len)
    return NULL;
  return tsu_preview_page_get_texture (g_ptr_array_index (self->thumbnails, page));
}

/**
 * tsu_document_preview_set_paper:
 *
 * Chooses the paper as the paper size list does, and makes the pages again.
 */
void
tsu_document_preview_set_paper (TsuDocumentPreview *self,
                                TsuPaper            paper)
{
  g_return_if_fail (TSU_IS_DOCUMENT_PREVIEW (self));
  g_return_if_fail (paper <= TSU_PAPER_LETTER);

  gtk_drop_down_set_selected (self->paper_dropdown, paper);
}

void
tsu_document_preview_set_landscape (TsuDocumentPreview *self,
                                    gboolean            landscape)
{
  g_return_if_fail (TSU_IS_DOCUMENT_PREVIEW (self));

  gtk_drop_down_set_selected (self->orientation_dropdown, landscape ? 1 : 0);
}

void
tsu_document_preview_set_japanese_era (TsuDocumentPreview *self,
                                       gboolean            japanese_era)
{
  g_return_if_fail (TSU_IS_DOCUMENT_PREVIEW (self));

  gtk_drop_down_set_selected (self->dates_dropdown, japanese_era ? 0 : 1);
}

void
tsu_document_preview_set_distribution (TsuDocumentPreview *self,
                                       gboolean            distribution)
{
  g_return_if_fail (TSU_IS_DOCUMENT_PREVIEW (self));

  gtk_check_button_set_active (self->distribution_check, distribution);
}

/**
 * tsu_document_preview_get_zoom:
 *
 * Returns: the zoom, 1 being the paper's own size on a 96 dpi screen
 */
double
tsu_document_preview_get_zoom (TsuDocumentPreview *self)
{
  g_return_val_if_fail (TSU_IS_DOCUMENT_PREVIEW (self), 1.0);

  return self->zoom;
}

void
tsu_document_preview_set_zoom (TsuDocumentPreview *self,
                               double              zoom)
{
  g_return_if_fail (TSU_IS_DOCUMENT_PREVIEW (self));

  set_zoom (self, zoom, FALSE);
}

/* Saving */

static void
save_pdf_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TsuDocument *document = g_object_get_data (G_OBJECT (task), "document");
  GFile *file = task_data;
  g_autoptr(GFileOutputStream) created = NULL;
  g_autoptr(GError) error = NULL;

  /* Minutes and case summaries are health information: a new file is readable by its
   * owner only, and one replaced becomes so. */
  created = g_file_create (file, G_FILE_CREATE_PRIVATE, cancellable, &error);
  if (created != NULL)
    g_output_stream_close (G_OUTPUT_STREAM (created), NULL, NULL);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  if (!tsu_document_write_pdf (document, file, &error) ||
      !g_file_set_attribute_uint32 (file, G_FILE_ATTRIBUTE_UNIX_MODE, 0600,
                                    G_FILE_QUERY_INFO_NONE, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
save_pdf_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TsuDocumentPreview *self = TSU_DOCUMENT_PREVIEW (object);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  update_actions (self);
  if (self->pending)
    make_pdf (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, g_steal_pointer (&error));
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * tsu_document_preview_save_pdf_async:
 * @file: the PDF file to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes the document with the options shown into @file, readable by its owner only,
 * off the main thread. "Save PDF…" does this with the file chosen.
 */
void
tsu_document_preview_save_pdf_async (TsuDocumentPreview  *self,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TSU_IS_DOCUMENT_PREVIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, tsu_document_preview_save_pdf_async);

  if (self->making || self->saving || self->printing || self->pending)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The document is still being laid out"));
      return;
    }

  self->saving = TRUE;
  update_actions (self);

  task = g_task_new (self, cancellable, save_pdf_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (task, save_pdf_thread);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "document", g_object_ref (self->document), g_object_unref);
  g_task_run_in_thread (task, save_pdf_thread);
}

gboolean
tsu_document_preview_save_pdf_finish (TsuDocumentPreview  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (TSU_IS_DOCUMENT_PREVIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tsu_document_preview_print:
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT with @export_filename
 * @export_filename: (nullable): the PDF to write for %GTK_PRINT_OPERATION_ACTION_EXPORT
 * @error: return location for an error
 *
 * Prints the document with the options shown, through the print dialog.
 *
 * Returns: the result of the print operation
 */
GtkPrintOperationResult
tsu_document_preview_print (TsuDocumentPreview       *self,
                            GtkPrintOperationAction   action,
                            const char               *export_filename,
                            GError                  **error)
{
  GtkPrintOperationResult result;

  g_return_val_if_fail (TSU_IS_DOCUMENT_PREVIEW (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  if (self->making || self->saving || self->printing || self->pending)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("The document is still being laid out"));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }

  self->printing = TRUE;
  update_actions (self);
  result = tsu_document_print (self->document, GTK_WINDOW (self), action, export_filename, error);
  self->printing = FALSE;
  update_actions (self);
  if (self->pending)
    make_pdf (self);
  return result;
}
