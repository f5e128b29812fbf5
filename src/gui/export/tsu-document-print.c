/* tsu-document-print.c: printing a document with GtkPrintOperation
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-document-print"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-document-print.h"

/* Printing draws the same pages as the PDF: the document is set into pages for the
 * paper the print dialog chose (in points, the whole sheet) and each page is drawn
 * with tsu_document_draw_page() on the printer's cairo context. Afterwards the
 * document goes back to its own paper size. */

typedef struct {
  TsuDocument *document;
  GError      *error;
} PrintJob;

/* The print settings and page setup chosen last, for the next print in this session. */
static GtkPrintSettings *last_settings;

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  tsu_document_set_page_size (job->document, width, height);
  if (!tsu_document_paginate (job->document, &job->error))
    {
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, MAX (tsu_document_get_n_pages (job->document), 1));
}

static void
request_page_setup_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr,
                       GtkPageSetup      *setup,
                       PrintJob          *job)
{
  /* The month calendar is laid out across the sheet whatever paper is chosen. */
  if (TSU_DOCUMENT_GET_CLASS (job->document)->landscape_only)
    gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  if (page_nr < 0 || (guint) page_nr >= tsu_document_get_n_pages (job->document))
    return;
  tsu_document_draw_page (job->document, gtk_print_context_get_cairo_context (context), page_nr);
}

/**
 * tsu_document_print_paper_name:
 *
 * Returns: the PWG name of @paper for gtk_paper_size_new()
 */
const char *
tsu_document_print_paper_name (TsuPaper paper)
{
  switch (paper)
    {
    case TSU_PAPER_A3:
      return GTK_PAPER_NAME_A3;
    case TSU_PAPER_B5:
      return "jis_b5";
    case TSU_PAPER_LETTER:
      return GTK_PAPER_NAME_LETTER;
    case TSU_PAPER_A4:
    case TSU_PAPER_CUSTOM:
    default:
      return GTK_PAPER_NAME_A4;
    }
}

/**
 * tsu_document_print:
 * @document: a loaded document
 * @parent: (nullable): the window the print dialog belongs to
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to ask, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT to write @export_filename
 * @export_filename: (nullable): the PDF to write with %GTK_PRINT_OPERATION_ACTION_EXPORT
 * @error: return location for an error
 *
 * Prints @document through GtkPrintOperation, starting with its own paper size and
 * orientation. Runs until the printing is handed to the printer.
 *
 * Returns: the result of the print operation
 */
GtkPrintOperationResult
tsu_document_print (TsuDocument              *document,
                    GtkWindow                *parent,
                    GtkPrintOperationAction   action,
                    const char               *export_filename,
                    GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) run_error = NULL;
  PrintJob job = { document, NULL };
  GtkPrintOperationResult result;

  g_return_val_if_fail (TSU_IS_DOCUMENT (document), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), GTK_PRINT_OPERATION_RESULT_ERROR);

  paper = gtk_paper_size_new (tsu_document_print_paper_name (tsu_document_get_paper (document)));
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, tsu_document_get_landscape (document)
                                         ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                         : GTK_PAGE_ORIENTATION_PORTRAIT);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, tsu_document_get_title (document));
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), &job);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb), &job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), &job);

  result = gtk_print_operation_run (operation, action, parent, &run_error);

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));

  /* Back to the document's own paper, for the preview and the PDF. */
  tsu_document_set_page_size (document, 0, 0);

  if (job.error != NULL)
    {
      g_propagate_error (error, job.error);
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (run_error != NULL)
        g_propagate_error (error, g_steal_pointer (&run_error));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The document could not be printed."));
    }
  return result;
}
