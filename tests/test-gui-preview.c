/* test-gui-preview.c: the print preview of a meeting's minutes — pages rendered by
 * poppler, another paper size, the PDF saved and printed through GtkPrintOperation
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <poppler.h>

#include "tsu-demo.h"
#include "tsu-document-preview.h"

static gboolean
wait_for (gboolean (*done) (gpointer),
          gpointer   data,
          guint      seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > until)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
is_ready (gpointer data)
{
  return tsu_document_preview_get_ready (data);
}

static gboolean
first_page_rendered (gpointer data)
{
  return tsu_document_preview_get_ready (data) &&
         tsu_document_preview_get_page_texture (data, 0) != NULL &&
         tsu_document_preview_get_thumbnail_texture (data, 0) != NULL;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The share of pixels that are not white: text and rules. */
static double
ink (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  guint inked = 0;

  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = data + y * stride + x * 4;

        if (p[0] < 200 || p[1] < 200 || p[2] < 200)
          inked++;
      }
  return (double) inked / (width * height);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *pdf;

  g_assert_no_error (error);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return pdf;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tsu_document_preview_save_pdf_finish (TSU_DOCUMENT_PREVIEW (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The meeting whose minutes are longest: the demo's fullest document. */
static gint64
find_meeting_with_minutes (TsuStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) minutes = tsu_store_list (store, TSU_TYPE_MINUTES, NULL, &error);
  gint64 meeting_id = 0;
  gsize longest = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (minutes); i++)
    {
      g_autoptr(TsuMinutes) m = g_list_model_get_item (minutes, i);
      const char *summary = tsu_minutes_get_summary (m);
      gsize length = summary != NULL ? strlen (summary) : 0;

      if (meeting_id == 0 || length > longest)
        {
          meeting_id = tsu_minutes_get_meeting_id (m);
          longest = length;
        }
    }
  g_assert_cmpint (meeting_id, >, 0);
  return meeting_id;
}

static void
test_preview_minutes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-gui-preview-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tsunagu.db", NULL);
  g_autofree char *saved = g_build_filename (dir, "議事録.pdf", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);
  g_autoptr(TsuDocument) document = NULL;
  g_autoptr(GFile) saved_file = NULL;
  PopplerDocument *pdf;
  PopplerPage *page;
  TsuDemoOptions options;
  TsuDocumentPreview *preview;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  double width, height, a3_width, a3_height, pdf_width, pdf_height;
  guint n_pages;
  gboolean done = FALSE;
  GStatBuf st;

  g_assert_no_error (error);
  tsu_demo_options_init (&options);
  options.scale = 0.02;
  options.seed = 7;
  g_assert_true (tsu_demo_generate (store, &options, &error));
  g_assert_no_error (error);

  document = tsu_document_minutes_new (store, find_meeting_with_minutes (store));
  preview = tsu_document_preview_open (NULL, document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (preview);
  title = g_strdup (tsu_document_get_title (document));
  g_assert_nonnull (title);

  /* The pages of the PDF, rendered: as many as the document has, and not blank. */
  g_assert_true (wait_for (first_page_rendered, preview, 60));
  n_pages = tsu_document_preview_get_n_pages (preview);
  g_assert_cmpuint (n_pages, >, 0);
  g_assert_cmpuint (n_pages, ==, tsu_document_get_n_pages (document));
  g_assert_cmpfloat (ink (tsu_document_preview_get_page_texture (preview, 0)), >, 0.002);
  g_assert_cmpfloat (ink (tsu_document_preview_get_thumbnail_texture (preview, 0)), >, 0.002);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preview)), ==, title);

  tsu_document_preview_get_page_size (preview, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.3, 1.0);   /* A4 */
  g_assert_cmpfloat_with_epsilon (height, 841.9, 1.0);

  /* Another paper: the pages are made again at its size. */
  tsu_document_preview_set_paper (preview, TSU_PAPER_A3);
  g_assert_false (tsu_document_preview_get_ready (preview));
  g_assert_true (wait_for (first_page_rendered, preview, 60));
  tsu_document_preview_get_page_size (preview, &a3_width, &a3_height);
  g_assert_cmpfloat_with_epsilon (a3_width, 841.9, 1.0);
  g_assert_cmpfloat_with_epsilon (a3_height, 1190.6, 1.0);
  g_assert_cmpuint (tsu_document_preview_get_n_pages (preview), ==, tsu_document_get_n_pages (document));
  n_pages = tsu_document_get_n_pages (document);

  /* Save PDF: the file is the owner's alone and holds the title. */
  saved_file = g_file_new_for_path (saved);
  tsu_document_preview_save_pdf_async (preview, saved_file, NULL, saved_cb, &done);
  g_assert_true (wait_for (is_true, &done, 60));
  g_assert_cmpint (g_stat (saved, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  pdf = open_pdf (saved);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, n_pages);
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &pdf_width, &pdf_height);
  g_assert_cmpfloat_with_epsilon (pdf_width, a3_width, 0.5);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, title));
  g_object_unref (page);
  g_object_unref (pdf);

  /* Print, to a file: the same pages through GtkPrintOperation. */
  g_assert_true (wait_for (is_ready, preview, 10));
  g_assert_cmpint (tsu_document_preview_print (preview, GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  pdf = open_pdf (printed);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, n_pages);
  page = poppler_document_get_page (pdf, 0);
  g_free (text);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, title));
  g_object_unref (page);
  g_object_unref (pdf);

  /* The preview still works after printing. */
  tsu_document_preview_set_paper (preview, TSU_PAPER_A4);
  g_assert_true (wait_for (first_page_rendered, preview, 60));
  tsu_document_preview_get_page_size (preview, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.3, 1.0);

  gtk_window_destroy (GTK_WINDOW (preview));
  g_main_context_iteration (NULL, FALSE);
  g_unlink (saved);
  g_unlink (printed);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/gui-preview/minutes", test_preview_minutes);
  return g_test_run ();
}
