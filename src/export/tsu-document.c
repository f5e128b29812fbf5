/* tsu-document.c: a printable document
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-document"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tsu-document.h"
#include "tsu-document-private.h"

/* TsuDocument is what the app and tsunagu-cli print: an agenda, minutes, a case
 * summary, a month calendar or a region report. Making one has two steps so that
 * the second can run off the main thread: load() reads the store into the
 * document's own values, and paginate() sets them into a TsuPageLayout without
 * touching the store. Then any page can be drawn on any cairo_t, or all of them
 * written into a PDF.
 *
 * Dates follow the option for the Japanese era (令和8年11月24日(火)) or the
 * Western calendar; times are those of Asia/Tokyo, where the center works. A
 * distribution copy replaces the child's name with the case code in everything
 * that reaches the pages.
 *
 * Printing goes through the same pages. With GtkPrintOperation: unit
 * GTK_UNIT_POINTS and use-full-page TRUE; in begin-print,
 * tsu_document_set_page_size() with the paper of the context's page setup (in
 * points), tsu_document_paginate() (or have it done before, in a thread) and
 * gtk_print_operation_set_n_pages (op, tsu_document_get_n_pages ()); in draw-page,
 * tsu_document_draw_page (doc, gtk_print_context_get_cairo_context (context), page).
 * The preview shows the PDF of tsu_document_write_pdf_to_stream() with poppler.
 *
 * Font maps belong to the thread that asks for them: a document paginated in a
 * worker thread uses that thread's fonts, and draws anywhere. */

typedef struct
{
  TsuStore      *store;
  TsuPaper       paper;
  double         width;        /* of a custom paper size, else 0 */
  double         height;
  gboolean       landscape;
  gboolean       japanese_era;
  gboolean       distribution;
  GDateTime     *printed_at;

  char          *title;
  char          *subject;
  char          *watermark;
  GPtrArray     *masks;        /* text, replacement, text, replacement… */
  gboolean       loaded;
  TsuPageLayout *layout;

  /* While loading: persons and agencies read once. */
  GHashTable    *persons;
  GHashTable    *agencies;
} TsuDocumentPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TsuDocument, tsu_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PAPER,
  PROP_LANDSCAPE,
  PROP_JAPANESE_ERA,
  PROP_DISTRIBUTION,
  PROP_PRINTED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
drop_layout (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_clear_object (&priv->layout);
}

static void
add_mask (TsuDocument *self,
          const char  *text,
          const char  *replacement)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  if (text == NULL || *text == '\0')
    return;
  g_ptr_array_add (priv->masks, g_strdup (text));
  g_ptr_array_add (priv->masks, g_strdup (replacement));
}

/* A name as it may be written: with a half-width space, a full-width one or none. */
static void
add_name_masks (TsuDocument *self,
                const char  *name,
                const char  *replacement,
                guint        min_part_chars,
                gboolean     given_name)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *wide = NULL;
  g_autofree char *narrow = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  if (name == NULL)
    return;

  parts = g_strsplit_set (name, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) sub = g_strsplit (parts[i], "\u3000", -1);

      for (guint j = 0; sub[j] != NULL; j++)
        if (*sub[j] != '\0')
          g_ptr_array_add (words, g_strdup (sub[j]));
    }
  g_ptr_array_set_free_func (words, g_free);
  if (words->len == 0)
    return;
  g_ptr_array_add (words, NULL);

  joined = g_strjoinv ("", (char **) words->pdata);
  narrow = g_strjoinv (" ", (char **) words->pdata);
  wide = g_strjoinv ("\u3000", (char **) words->pdata);
  add_mask (self, name, replacement);
  add_mask (self, narrow, replacement);
  add_mask (self, wide, replacement);
  add_mask (self, joined, replacement);

  /* The given name alone ("太郎くん"), when it is long enough not to be any word;
   * the family name alone is left, as staff and guardians share it. */
  if (given_name && words->len >= 3)
    {
      const char *given = g_ptr_array_index (words, words->len - 2);

      if (g_utf8_strlen (given, -1) >= min_part_chars)
        add_mask (self, given, replacement);
    }
}

/* GObject */

static void
tsu_document_finalize (GObject *object)
{
  TsuDocument *self = TSU_DOCUMENT (object);
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_clear_object (&priv->store);
  g_clear_object (&priv->layout);
  g_clear_pointer (&priv->printed_at, g_date_time_unref);
  g_clear_pointer (&priv->masks, g_ptr_array_unref);
  g_free (priv->title);
  g_free (priv->subject);
  g_free (priv->watermark);

  G_OBJECT_CLASS (tsu_document_parent_class)->finalize (object);
}

static void
tsu_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TsuDocument *self = TSU_DOCUMENT (object);
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    case PROP_PAPER:
      g_value_set_enum (value, priv->paper);
      break;
    case PROP_LANDSCAPE:
      g_value_set_boolean (value, priv->landscape);
      break;
    case PROP_JAPANESE_ERA:
      g_value_set_boolean (value, priv->japanese_era);
      break;
    case PROP_DISTRIBUTION:
      g_value_set_boolean (value, priv->distribution);
      break;
    case PROP_PRINTED_AT:
      g_value_set_boxed (value, priv->printed_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_document_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TsuDocument *self = TSU_DOCUMENT (object);
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;
    case PROP_PAPER:
      tsu_document_set_paper (self, g_value_get_enum (value));
      break;
    case PROP_LANDSCAPE:
      tsu_document_set_landscape (self, g_value_get_boolean (value));
      break;
    case PROP_JAPANESE_ERA:
      tsu_document_set_japanese_era (self, g_value_get_boolean (value));
      break;
    case PROP_DISTRIBUTION:
      tsu_document_set_distribution (self, g_value_get_boolean (value));
      break;
    case PROP_PRINTED_AT:
      tsu_document_set_printed_at (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_document_class_init (TsuDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tsu_document_finalize;
  object_class->get_property = tsu_document_get_property;
  object_class->set_property = tsu_document_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TSU_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAPER] =
    g_param_spec_enum ("paper", NULL, NULL, TSU_TYPE_PAPER, TSU_PAPER_A4,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANDSCAPE] =
    g_param_spec_boolean ("landscape", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JAPANESE_ERA] =
    g_param_spec_boolean ("japanese-era", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISTRIBUTION] =
    g_param_spec_boolean ("distribution", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRINTED_AT] =
    g_param_spec_boxed ("printed-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tsu_document_init (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  priv->japanese_era = TRUE;
  priv->masks = g_ptr_array_new_with_free_func (g_free);
}

/* Options */

/**
 * tsu_document_get_store:
 *
 * Returns: (transfer none): the store the document reads
 */
TsuStore *
tsu_document_get_store (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), NULL);

  return priv->store;
}

/**
 * tsu_document_set_paper:
 * @paper: the paper size; A4 unless set
 */
void
tsu_document_set_paper (TsuDocument *self,
                        TsuPaper     paper)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  if (priv->paper == paper)
    return;
  priv->paper = paper;
  drop_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAPER]);
}

/**
 * tsu_document_set_page_size:
 * @width: the paper's width in points, or 0 to use the paper size
 * @height: the paper's height in points, or 0
 *
 * Sets any paper size, such as the one a print dialog chose: its width and height
 * in points (gtk_page_setup_get_paper_width() and _height() in %GTK_UNIT_POINTS),
 * already in the orientation to print. The month calendar turns it to landscape.
 */
void
tsu_document_set_page_size (TsuDocument *self,
                            double       width,
                            double       height)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  priv->width = MAX (width, 0);
  priv->height = MAX (height, 0);
  drop_layout (self);
}

/**
 * tsu_document_get_paper:
 *
 * Returns: the paper size
 */
TsuPaper
tsu_document_get_paper (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), TSU_PAPER_A4);

  return priv->paper;
}

/**
 * tsu_document_set_landscape:
 * @landscape: whether the pages are landscape; portrait unless set
 */
void
tsu_document_set_landscape (TsuDocument *self,
                            gboolean     landscape)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  landscape = !!landscape;
  if (priv->landscape == landscape)
    return;
  priv->landscape = landscape;
  drop_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANDSCAPE]);
}

/**
 * tsu_document_get_landscape:
 *
 * Returns: whether the pages are landscape, as asked or as the document needs
 */
gboolean
tsu_document_get_landscape (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), FALSE);

  return priv->landscape || TSU_DOCUMENT_GET_CLASS (self)->landscape_only;
}

/**
 * tsu_document_set_japanese_era:
 * @japanese_era: %TRUE for dates like 令和8年11月24日, %FALSE for the Western
 *   calendar; %TRUE unless set
 */
void
tsu_document_set_japanese_era (TsuDocument *self,
                               gboolean     japanese_era)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  japanese_era = !!japanese_era;
  if (priv->japanese_era == japanese_era)
    return;
  priv->japanese_era = japanese_era;
  drop_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JAPANESE_ERA]);
}

/**
 * tsu_document_get_japanese_era:
 *
 * Returns: whether dates are in the Japanese era
 */
gboolean
tsu_document_get_japanese_era (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), TRUE);

  return priv->japanese_era;
}

/**
 * tsu_document_set_distribution:
 * @distribution: %TRUE for a copy to hand out, with the child's name replaced by
 *   the case code everywhere and the family's names withheld
 */
void
tsu_document_set_distribution (TsuDocument *self,
                               gboolean     distribution)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  distribution = !!distribution;
  if (priv->distribution == distribution)
    return;
  priv->distribution = distribution;
  /* Family members' names are withheld as the document is read. */
  priv->loaded = FALSE;
  drop_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISTRIBUTION]);
}

/**
 * tsu_document_get_distribution:
 *
 * Returns: whether this is a distribution copy
 */
gboolean
tsu_document_get_distribution (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), FALSE);

  return priv->distribution;
}

/**
 * tsu_document_set_printed_at:
 * @printed_at: (nullable): the time of printing that the footer shows; now unless set
 */
void
tsu_document_set_printed_at (TsuDocument *self,
                             GDateTime   *printed_at)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  g_clear_pointer (&priv->printed_at, g_date_time_unref);
  if (printed_at != NULL)
    priv->printed_at = g_date_time_ref (printed_at);
  drop_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRINTED_AT]);
}

/**
 * tsu_document_get_printed_at:
 *
 * Returns: (transfer none) (nullable): the time of printing, if set
 */
GDateTime *
tsu_document_get_printed_at (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), NULL);

  return priv->printed_at;
}

/* Making it */

/**
 * tsu_document_load:
 * @error: return location for a #TsuDatabaseError
 *
 * Reads what the document shows from the store; call it where the store may be
 * used (the main thread of the app). tsu_document_paginate() loads if this was not
 * called.
 *
 * Returns: whether the document could be read; %TSU_DATABASE_ERROR_NOT_FOUND when
 *   its meeting or case does not exist
 */
gboolean
tsu_document_load (TsuDocument  *self,
                   GError      **error)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (TSU_IS_STORE (priv->store), FALSE);

  drop_layout (self);
  g_ptr_array_set_size (priv->masks, 0);
  priv->loaded = FALSE;
  priv->persons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  priv->agencies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  priv->loaded = TSU_DOCUMENT_GET_CLASS (self)->load (self, priv->store, error);
  g_clear_pointer (&priv->persons, g_hash_table_unref);
  g_clear_pointer (&priv->agencies, g_hash_table_unref);
  return priv->loaded;
}

/* The loaded document set into finished pages: with the document font alone, or
 * with all the system's fonts. */
static TsuPageLayout *
lay_out (TsuDocument *self,
         gboolean     system_fonts)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);
  TsuPageLayout *layout = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *printed_label = NULL;
  g_autofree char *subject = NULL;
  GDateTime *printed_at;

  if (priv->width > 0 && priv->height > 0)
    {
      double w = priv->width, h = priv->height;

      if (TSU_DOCUMENT_GET_CLASS (self)->landscape_only && w < h)
        layout = tsu_page_layout_new_for_size (h, w);
      else
        layout = tsu_page_layout_new_for_size (w, h);
    }
  else
    layout = tsu_page_layout_new (priv->paper, tsu_document_get_landscape (self));
  if (system_fonts)
    tsu_page_layout_use_system_fonts (layout);
  if (priv->distribution)
    for (guint i = 0; i + 1 < priv->masks->len; i += 2)
      tsu_page_layout_add_replacement (layout, g_ptr_array_index (priv->masks, i),
                                       g_ptr_array_index (priv->masks, i + 1));

  TSU_DOCUMENT_GET_CLASS (self)->build (self, layout);

  printed_at = priv->printed_at;
  if (printed_at == NULL)
    printed_at = now = g_date_time_new_now_local ();
  printed = tsu_document_format_date (self, g_date_time_to_unix (printed_at), FALSE);
  /* TRANSLATORS: in the footer of printed documents; %s is a date */
  printed_label = g_strdup_printf (_("Printed on %s"), printed);

  /* TRANSLATORS: 配布用, a copy to hand out with the child's name masked */
  subject = priv->distribution ? g_strdup_printf ("%s  %s", priv->subject ? priv->subject : "",
                                                  _("Distribution copy"))
                               : g_strdup (priv->subject);
  tsu_page_layout_set_header (layout, priv->title, subject);
  tsu_page_layout_set_footer (layout, printed_label);
  tsu_page_layout_set_watermark (layout, priv->watermark);
  tsu_page_layout_finish (layout);
  return layout;
}

/**
 * tsu_document_paginate:
 * @error: return location for an error
 *
 * Sets the loaded document into pages with the options set. It reads no store once
 * loaded, so that it may run in a worker thread.
 *
 * Returns: whether the document has its pages
 */
gboolean
tsu_document_paginate (TsuDocument  *self,
                       GError      **error)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);
  g_autoptr(TsuPageLayout) layout = NULL;

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), FALSE);

  if (!priv->loaded && !tsu_document_load (self, error))
    return FALSE;

  layout = lay_out (self, FALSE);
  /* A character the document font lacks: another font of the system may have it. */
  if (tsu_page_layout_get_missing_glyphs (layout))
    {
      g_object_unref (layout);
      layout = lay_out (self, TRUE);
    }

  g_set_object (&priv->layout, layout);
  return TRUE;
}

/**
 * tsu_document_get_title:
 *
 * Returns: (nullable): the title of the document, once loaded
 */
const char *
tsu_document_get_title (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), NULL);

  return priv->title;
}

/**
 * tsu_document_get_layout:
 *
 * Returns: (transfer none) (nullable): the pages, once paginated
 */
TsuPageLayout *
tsu_document_get_layout (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), NULL);

  return priv->layout;
}

/**
 * tsu_document_get_n_pages:
 *
 * Returns: the number of pages, 0 before tsu_document_paginate()
 */
guint
tsu_document_get_n_pages (TsuDocument *self)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), 0);

  return priv->layout != NULL ? tsu_page_layout_get_n_pages (priv->layout) : 0;
}

/**
 * tsu_document_get_page_size:
 * @width: (out) (optional): the paper's width in points
 * @height: (out) (optional): the paper's height in points
 *
 * Gives the size of the pages with the options set.
 */
void
tsu_document_get_page_size (TsuDocument *self,
                            double      *width,
                            double      *height)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);
  double w, h;

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  if (priv->layout != NULL)
    {
      w = tsu_page_layout_get_page_width (priv->layout);
      h = tsu_page_layout_get_page_height (priv->layout);
    }
  else if (priv->width > 0 && priv->height > 0)
    {
      gboolean swap = TSU_DOCUMENT_GET_CLASS (self)->landscape_only && priv->width < priv->height;

      w = swap ? priv->height : priv->width;
      h = swap ? priv->width : priv->height;
    }
  else
    tsu_paper_get_size (priv->paper, tsu_document_get_landscape (self), &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/**
 * tsu_document_draw_page:
 * @cr: where to draw, in points from the top left corner of the paper
 * @page: the page, from 0
 *
 * Draws a page of the paginated document: on a PDF surface, or on the cairo
 * context of GtkPrintOperation's draw-page (unit points, full page).
 */
void
tsu_document_draw_page (TsuDocument *self,
                        cairo_t     *cr,
                        guint        page)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_if_fail (TSU_IS_DOCUMENT (self));
  g_return_if_fail (priv->layout != NULL);

  tsu_page_layout_draw_page (priv->layout, cr, page);
}

/**
 * tsu_document_write_pdf:
 * @file: the PDF file, replaced once it is written whole
 * @error: return location for an error
 *
 * Loads and paginates the document when needed, and writes it as a PDF.
 *
 * Returns: whether the file was written
 */
gboolean
tsu_document_write_pdf (TsuDocument  *self,
                        GFile        *file,
                        GError      **error)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (priv->layout == NULL && !tsu_document_paginate (self, error))
    return FALSE;
  return tsu_page_layout_write_pdf (priv->layout, file, priv->title, error);
}

/**
 * tsu_document_write_pdf_to_stream:
 * @stream: where the PDF goes, such as a #GMemoryOutputStream whose bytes the preview
 *   gives to poppler_document_new_from_bytes(); flushed, not closed
 * @cancellable: (nullable): stops the writing between pages
 * @error: return location for an error
 *
 * Loads and paginates the document when needed, and writes it as a PDF.
 *
 * Returns: whether the whole PDF was written
 */
gboolean
tsu_document_write_pdf_to_stream (TsuDocument    *self,
                                  GOutputStream  *stream,
                                  GCancellable   *cancellable,
                                  GError        **error)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (priv->layout == NULL && !tsu_document_paginate (self, error))
    return FALSE;
  return tsu_page_layout_write_pdf_to_stream (priv->layout, stream, priv->title, cancellable,
                                              error);
}

/* For the documents */

/**
 * tsu_document_set_title:
 * @title: the title, at the head of every page and in the PDF's metadata
 */
void
tsu_document_set_title (TsuDocument *self,
                        const char  *title)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  g_free (priv->title);
  priv->title = g_strdup (title);
}

/**
 * tsu_document_set_subject:
 * @subject: (nullable): what the document is about, at the right of every page's
 *   head: the case code or the meeting
 */
void
tsu_document_set_subject (TsuDocument *self,
                          const char  *subject)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  g_free (priv->subject);
  priv->subject = g_strdup (subject);
}

/**
 * tsu_document_set_watermark:
 * @watermark: (nullable): a word across every page, such as "Draft"
 */
void
tsu_document_set_watermark (TsuDocument *self,
                            const char  *watermark)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  g_free (priv->watermark);
  priv->watermark = g_strdup (watermark);
}

/**
 * tsu_document_mask_child:
 * @child_case: a case whose child the document names
 *
 * Makes a distribution copy write the case code wherever the child's name, written
 * in kanji or in kana, with or without a space, or the given name alone, would
 * appear.
 */
void
tsu_document_mask_child (TsuDocument *self,
                         TsuCase     *child_case)
{
  const char *code;

  g_return_if_fail (TSU_IS_DOCUMENT (self));
  g_return_if_fail (TSU_IS_CASE (child_case));

  code = tsu_case_get_code (child_case);
  add_name_masks (self, tsu_case_get_child_name (child_case), code, 2, TRUE);
  add_name_masks (self, tsu_case_get_child_kana (child_case), code, 3, TRUE);
}

static int
compare_mask_length (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GPtrArray *masks = user_data;
  gsize la = strlen (g_ptr_array_index (masks, *(const guint *) a));
  gsize lb = strlen (g_ptr_array_index (masks, *(const guint *) b));

  return la < lb ? 1 : la > lb ? -1 : 0;
}

/**
 * tsu_document_mask_family:
 * @names: (nullable): the name of a family member, or several, as guardians are
 *   written: "母: 山田 花子、父: 山田 一郎"
 *
 * Makes a distribution copy write 〇〇, the usual mark of a withheld name, for the
 * full names of the child's family wherever free text mentions them.
 */
void
tsu_document_mask_family (TsuDocument *self,
                          const char  *names)
{
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (TSU_IS_DOCUMENT (self));

  if (names == NULL)
    return;

  parts = g_regex_split_simple ("[、,，;；\\n]", names, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      /* "母: 山田 花子" → "山田 花子" */
      const char *name = parts[i];
      const char *colon = strstr (name, ":");

      if (colon == NULL)
        colon = strstr (name, "：");
      if (colon != NULL)
        name = colon + (g_str_has_prefix (colon, ":") ? 1 : strlen ("："));
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (name));

        /* The full name only: staff share given names such as 智子. */
        if (g_utf8_strlen (trimmed, -1) >= 2)
          add_name_masks (self, trimmed, "〇〇", 2, FALSE);
      }
    }
}

/**
 * tsu_document_mask:
 * @text: (nullable): text
 *
 * Returns: (transfer full): @text as a distribution copy writes it
 */
char *
tsu_document_mask (TsuDocument *self,
                   const char  *text)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);
  g_autoptr(GString) out = NULL;
  g_autoptr(GArray) pairs = NULL;

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), NULL);

  if (text == NULL)
    return NULL;
  if (!priv->distribution || priv->masks->len == 0)
    return g_strdup (text);

  /* As the layout's replacements do for the pages: the longest text first. */
  pairs = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i + 1 < priv->masks->len; i += 2)
    g_array_append_val (pairs, i);
  g_array_sort_with_data (pairs, compare_mask_length, priv->masks);

  out = g_string_new (text);
  for (guint i = 0; i < pairs->len; i++)
    {
      guint k = g_array_index (pairs, guint, i);

      g_string_replace (out, g_ptr_array_index (priv->masks, k),
                        g_ptr_array_index (priv->masks, k + 1), 0);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * tsu_document_local_time:
 * @instant: Unix time
 *
 * Returns: (transfer full): @instant in the time of Asia/Tokyo
 */
GDateTime *
tsu_document_local_time (gint64 instant)
{
  static GTimeZone *tokyo;
  static gsize initialized;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

  if (g_once_init_enter (&initialized))
    {
      tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
      if (tokyo == NULL)
        tokyo = g_time_zone_new_offset (9 * 3600);
      g_once_init_leave (&initialized, 1);
    }
  return g_date_time_to_timezone (utc, tokyo);
}

/**
 * tsu_document_format_day:
 * @date: a valid date
 * @weekday: whether to add the weekday
 *
 * Returns: (transfer full): the date in the document's calendar: "令和8年11月24日(火)"
 *   or, in the Western calendar, as the translation writes it
 */
char *
tsu_document_format_day (TsuDocument *self,
                         const GDate *date,
                         gboolean     weekday)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (priv->japanese_era)
    return tsu_era_format_date (date, TSU_ERA_FORMAT_ERA | (weekday ? TSU_ERA_FORMAT_WEEKDAY : 0));

  dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date), 0, 0, 0);
  /* TRANSLATORS: a date in printed documents, Western calendar, with the weekday;
   * Japanese: "%Y年%-m月%-d日(%a)". See g_date_time_format(). */
  return g_date_time_format (dt, weekday ? _("%a %-d %B %Y")
                                         /* TRANSLATORS: the same without the weekday */
                                         : _("%-d %B %Y"));
}

/**
 * tsu_document_format_date:
 * @instant: Unix time
 * @weekday: whether to add the weekday
 *
 * Returns: (transfer full): the day of @instant, as tsu_document_format_day() writes it
 */
char *
tsu_document_format_date (TsuDocument *self,
                          gint64       instant,
                          gboolean     weekday)
{
  g_autoptr(GDateTime) local = tsu_document_local_time (instant);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return tsu_document_format_day (self, &date, weekday);
}

/**
 * tsu_document_format_iso_date:
 * @iso_date: (nullable): a date as the database keeps it, "2026-11-24"
 *
 * Returns: (transfer full): the date as the document writes it; an empty string for
 *   no date, and the text itself when it is no date
 */
char *
tsu_document_format_iso_date (TsuDocument *self,
                              const char  *iso_date)
{
  int y, m, d;
  GDate date;

  if (iso_date == NULL || *iso_date == '\0')
    return g_strdup ("");
  if (sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup (iso_date);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return tsu_document_format_day (self, &date, FALSE);
}

/**
 * tsu_document_format_time:
 * @instant: Unix time
 *
 * Returns: (transfer full): the time of day: "14時00分" with Japanese era dates,
 *   else as the translation writes it
 */
char *
tsu_document_format_time (TsuDocument *self,
                          gint64       instant)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);
  g_autoptr(GDateTime) local = tsu_document_local_time (instant);

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), NULL);

  if (priv->japanese_era)
    return tsu_era_format_time (g_date_time_get_hour (local), g_date_time_get_minute (local));
  /* TRANSLATORS: a time of day in printed documents; see g_date_time_format() */
  return g_date_time_format (local, _("%H:%M"));
}

/**
 * tsu_document_format_when:
 * @starts_at: Unix time
 * @ends_at: Unix time
 * @all_day: whether the times do not matter
 *
 * Returns: (transfer full): when a meeting is: "令和8年11月24日(火) 14時00分～15時30分"
 */
char *
tsu_document_format_when (TsuDocument *self,
                          gint64       starts_at,
                          gint64       ends_at,
                          gboolean     all_day)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);
  g_autoptr(GDateTime) start = tsu_document_local_time (starts_at);
  g_autoptr(GDateTime) end = tsu_document_local_time (MAX (ends_at, starts_at));
  g_autofree char *day = tsu_document_format_date (self, starts_at, TRUE);
  const char *dash = priv->japanese_era ? "～" : "–";
  gboolean same_day;

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), NULL);

  if (all_day)
    {
      /* An all-day meeting ends at midnight after its last day. */
      g_autoptr(GDateTime) last = g_date_time_add_seconds (end, ends_at > starts_at ? -1 : 0);
      g_autofree char *last_day = tsu_document_format_date (self, g_date_time_to_unix (last), TRUE);

      if (g_strcmp0 (day, last_day) == 0)
        return g_steal_pointer (&day);
      return g_strdup_printf ("%s%s%s", day, dash, last_day);
    }

  same_day = g_date_time_get_year (start) == g_date_time_get_year (end) &&
             g_date_time_get_day_of_year (start) == g_date_time_get_day_of_year (end);
  {
    g_autofree char *from = tsu_document_format_time (self, starts_at);
    g_autofree char *to = tsu_document_format_time (self, ends_at);
    g_autofree char *to_day = same_day ? NULL : tsu_document_format_date (self, ends_at, TRUE);

    if (same_day)
      return g_strdup_printf ("%s %s%s%s", day, from, dash, to);
    return g_strdup_printf ("%s %s%s%s %s", day, from, dash, to_day, to);
  }
}

/**
 * tsu_document_format_month:
 * @year: the year
 * @month: the month, 1 to 12
 *
 * Returns: (transfer full): the month: "令和8年11月", or in the Western calendar as the
 *   translation writes it
 */
char *
tsu_document_format_month (TsuDocument *self,
                           int          year,
                           int          month)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  g_return_val_if_fail (TSU_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_date_valid_dmy (1, month, year), NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, month, year);
  if (priv->japanese_era)
    return tsu_era_format_month (&date, TSU_ERA_FORMAT_ERA);

  dt = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  /* TRANSLATORS: a month in printed documents; Japanese: "%Y年%-m月" */
  return g_date_time_format (dt, _("%B %Y"));
}

static const struct {
  const char *kind;
  const char *name;
  guint32     rgb;
} kinds[] = {
  { "case-conference", N_("Case conference"), TSU_RGB (0xc0, 0x39, 0x2b) },
  { "municipal-council", N_("Municipal council"), TSU_RGB (0x1f, 0x5f, 0xae) },
  { "liaison", N_("Multi-agency liaison meeting"), TSU_RGB (0x2e, 0x8b, 0x57) },
  { "training", N_("Training"), TSU_RGB (0xd9, 0x82, 0x1e) },
  { "internal", N_("Internal meeting"), TSU_RGB (0x7d, 0x4b, 0xa8) },
  { "other", N_("Other"), TSU_RGB (0x6e, 0x6e, 0x6e) },
};

/**
 * tsu_document_kind_name:
 * @kind: a meeting kind, such as "case-conference"
 *
 * Returns: (transfer none): the translated name of the kind
 */
const char *
tsu_document_kind_name (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return _(kinds[i].name);
  return _("Other");
}

/**
 * tsu_document_kind_color:
 * @kind: a meeting kind, such as "case-conference"
 *
 * Returns: the colour of the kind in printed calendars, as 0xRRGGBB
 */
guint32
tsu_document_kind_color (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return kinds[i].rgb;
  return kinds[G_N_ELEMENTS (kinds) - 1].rgb;
}

/**
 * tsu_document_kind_at:
 * @index: 0 to the number of kinds
 *
 * Returns: (nullable): the meeting kind at @index, in the order of legends
 */
const char *
tsu_document_kind_at (guint index)
{
  return index < G_N_ELEMENTS (kinds) ? kinds[index].kind : NULL;
}

/**
 * tsu_document_role_name:
 * @role: a participant's role, such as "chair"
 *
 * Returns: (transfer none): the translated name of the role; "" for an attendee
 */
const char *
tsu_document_role_name (const char *role)
{
  if (g_strcmp0 (role, "chair") == 0)
    return C_("role", "Chair");
  if (g_strcmp0 (role, "recorder") == 0)
    return C_("role", "Recorder");
  if (g_strcmp0 (role, "presenter") == 0)
    return C_("role", "Presenter");
  if (g_strcmp0 (role, "family") == 0)
    return C_("role", "Family");
  return "";
}

/**
 * tsu_document_case_status_name:
 * @status: a case's status, such as "difficult"
 *
 * Returns: (transfer none): the translated name of the status
 */
const char *
tsu_document_case_status_name (const char *status)
{
  if (g_strcmp0 (status, "intake") == 0)
    return C_("case status", "Intake");
  if (g_strcmp0 (status, "active") == 0)
    return C_("case status", "Active");
  if (g_strcmp0 (status, "difficult") == 0)
    return C_("case status", "Difficult case");
  if (g_strcmp0 (status, "closed") == 0)
    return C_("case status", "Closed");
  return status != NULL ? status : "";
}

/* Loading, for the documents */

static gpointer
load_cached (TsuDocument *self,
             GHashTable  *cache,
             GType        type,
             gint64       id)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);
  gpointer record;

  /* Only while tsu_document_load() runs. */
  g_return_val_if_fail (cache != NULL, NULL);

  if (id == 0)
    return NULL;
  record = g_hash_table_lookup (cache, &id);
  if (record != NULL)
    return record;
  record = tsu_store_load (priv->store, type, id, NULL);
  if (record == NULL)
    return NULL;
  g_hash_table_insert (cache, g_memdup2 (&id, sizeof id), record);
  return record;
}

/**
 * tsu_document_load_person:
 * @person_id: a person, or 0
 *
 * Reads a person while the document loads, each one once.
 *
 * Returns: (transfer none) (nullable): the person
 */
TsuPerson *
tsu_document_load_person (TsuDocument *self,
                          gint64       person_id)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  return load_cached (self, priv->persons, TSU_TYPE_PERSON, person_id);
}

/**
 * tsu_document_load_agency:
 * @agency_id: an agency, or 0
 *
 * Reads an agency while the document loads, each one once.
 *
 * Returns: (transfer none) (nullable): the agency
 */
TsuAgency *
tsu_document_load_agency (TsuDocument *self,
                          gint64       agency_id)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);

  return load_cached (self, priv->agencies, TSU_TYPE_AGENCY, agency_id);
}

static char *
person_label (TsuDocument  *self,
              gint64        person_id,
              char        **agency,
              char        **profession)
{
  TsuPerson *person = tsu_document_load_person (self, person_id);

  if (person == NULL)
    return NULL;
  if (agency != NULL)
    {
      TsuAgency *a = tsu_document_load_agency (self, tsu_person_get_agency_id (person));

      if (a != NULL)
        *agency = g_strdup (tsu_agency_get_name (a));
    }
  if (profession != NULL)
    *profession = g_strdup (tsu_person_get_profession (person));
  return g_strdup (tsu_person_get_name (person));
}

static void
participant_free (gpointer data)
{
  TsuDocumentParticipant *p = data;

  g_free (p->name);
  g_free (p->agency);
  g_free (p->profession);
  g_free (p->role);
  g_free (p->attendance);
  g_free (p);
}

/**
 * tsu_document_load_participants:
 * @meeting_id: a meeting
 * @error: return location for an error
 *
 * Reads the participants of a meeting; a distribution copy withholds the names of
 * family members.
 *
 * Returns: (transfer full) (element-type TsuDocumentParticipant): the participants,
 *   in the order they were added
 */
GPtrArray *
tsu_document_load_participants (TsuDocument  *self,
                                gint64        meeting_id,
                                GError      **error)
{
  TsuDocumentPrivate *priv = tsu_document_get_instance_private (self);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (participant_free);

  list = tsu_store_list_by (priv->store, TSU_TYPE_PARTICIPANT, "meeting_id", meeting_id, "id",
                            error);
  if (list == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TsuParticipant) item = g_list_model_get_item (list, i);
      TsuDocumentParticipant *p = g_new0 (TsuDocumentParticipant, 1);

      p->name = person_label (self, tsu_participant_get_person_id (item), &p->agency,
                              &p->profession);
      if (p->name == NULL)
        p->name = g_strdup (tsu_participant_get_name (item));
      if (p->agency == NULL)
        p->agency = g_strdup (tsu_participant_get_agency_name (item));
      p->role = g_strdup (tsu_participant_get_role (item));
      p->attendance = g_strdup (tsu_participant_get_attendance (item));
      p->family = g_strcmp0 (p->role, "family") == 0;
      if (p->family)
        tsu_document_mask_family (self, p->name);
      if (p->family && priv->distribution)
        {
          g_free (p->name);
          p->name = g_strdup (C_("role", "Family"));
        }
      if (p->name == NULL)
        p->name = g_strdup ("");
      g_ptr_array_add (out, p);
    }
  return g_steal_pointer (&out);
}

/**
 * tsu_document_agency_and_profession:
 * @p: a participant
 *
 * Returns: (transfer full): "所属（職種）" as the minutes write it
 */
char *
tsu_document_agency_and_profession (const TsuDocumentParticipant *p)
{
  const char *agency = p->agency != NULL && *p->agency != '\0' ? p->agency : NULL;
  const char *profession = p->profession != NULL && *p->profession != '\0' ? p->profession : NULL;

  if (p->family)
    return g_strdup (C_("role", "Family"));
  if (agency != NULL && profession != NULL)
    return g_strdup_printf ("%s（%s）", agency, profession);
  return g_strdup (agency != NULL ? agency : profession != NULL ? profession : "");
}

/**
 * tsu_document_load_assignee:
 * @item: an action item
 *
 * Returns: (transfer full): who an action item falls to: the person and their agency,
 *   the agency, or the name typed in
 */
char *
tsu_document_load_assignee (TsuDocument   *self,
                            TsuActionItem *item)
{
  g_autofree char *agency = NULL;
  g_autofree char *name = person_label (self, tsu_action_item_get_assignee_person_id (item),
                                        &agency, NULL);
  TsuAgency *a;

  if (name != NULL && agency != NULL)
    return g_strdup_printf ("%s（%s）", name, agency);
  if (name != NULL)
    return g_steal_pointer (&name);
  a = tsu_document_load_agency (self, tsu_action_item_get_assignee_agency_id (item));
  if (a != NULL)
    return g_strdup (tsu_agency_get_name (a));
  return g_strdup (tsu_action_item_get_assignee_name (item) != NULL
                     ? tsu_action_item_get_assignee_name (item) : "");
}

/**
 * tsu_document_load_person_name:
 * @person_id: a person, or 0
 *
 * Returns: (transfer full) (nullable): the person's name
 */
char *
tsu_document_load_person_name (TsuDocument *self,
                               gint64       person_id)
{
  return person_label (self, person_id, NULL, NULL);
}
