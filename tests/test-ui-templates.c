/* test-ui-templates.c: every GtkBuilder file of the GUI builds, and shows only
 * translatable text
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tsu-calendar-page.h"
#include "tsu-caldav-status.h"
#include "tsu-calendar-sidebar.h"
#include "tsu-meeting-editor.h"
#include "tsu-agency-editor.h"
#include "tsu-audit-dialog.h"
#include "tsu-case-editor.h"
#include "tsu-case-view.h"
#include "tsu-cases-page.h"
#include "tsu-consultation-editor.h"
#include "tsu-csv-import-dialog.h"
#include "tsu-ics-import-dialog.h"
#include "tsu-person-editor.h"
#include "tsu-directory-page.h"
#include "tsu-occurrence-row.h"
#include "tsu-welcome-page.h"
#include "tsu-preferences-window.h"
#include "tsu-window.h"
#include "tsu-meeting-window.h"
#include "tsu-assignee-picker.h"
#include "tsu-search-window.h"
#include "tsu-document-preview.h"

/* gtk4-builder-tool cannot resolve libadwaita parents (PLATFORM.md), so each template
 * is checked by building its class: a template that does not build is a critical,
 * which g_test makes fatal. */

#define RESOURCE_PATH "/io/github/tsunagu/Tsunagu/"

static void
ensure_types (void)
{
  g_type_ensure (TSU_TYPE_CALENDAR_PAGE);
  g_type_ensure (TSU_TYPE_CALDAV_STATUS);
  g_type_ensure (TSU_TYPE_CALENDAR_SIDEBAR);
  g_type_ensure (TSU_TYPE_MEETING_EDITOR);
  g_type_ensure (TSU_TYPE_AGENCY_EDITOR);
  g_type_ensure (TSU_TYPE_AUDIT_DIALOG);
  g_type_ensure (TSU_TYPE_CASE_EDITOR);
  g_type_ensure (TSU_TYPE_CASE_VIEW);
  g_type_ensure (TSU_TYPE_CASES_PAGE);
  g_type_ensure (TSU_TYPE_CONSULTATION_EDITOR);
  g_type_ensure (TSU_TYPE_CSV_IMPORT_DIALOG);
  g_type_ensure (TSU_TYPE_ICS_IMPORT_DIALOG);
  g_type_ensure (TSU_TYPE_PERSON_EDITOR);
  g_type_ensure (TSU_TYPE_DIRECTORY_PAGE);
  g_type_ensure (TSU_TYPE_OCCURRENCE_ROW);
  g_type_ensure (TSU_TYPE_WELCOME_PAGE);
  g_type_ensure (TSU_TYPE_WINDOW);
  g_type_ensure (TSU_TYPE_PREFERENCES_WINDOW);
  g_type_ensure (TSU_TYPE_MEETING_WINDOW);
  g_type_ensure (TSU_TYPE_MINUTES_EDITOR);
  g_type_ensure (TSU_TYPE_ASSIGNEE_PICKER);
  g_type_ensure (TSU_TYPE_SEARCH_WINDOW);
  g_type_ensure (TSU_TYPE_DOCUMENT_PREVIEW);
}

/* "tsu-calendar-page.ui" → "TsuCalendarPage" */
static char *
type_name_for (const char *file)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autofree char *base = g_strndup (file, strlen (file) - strlen (".ui"));

  words = g_strsplit (base, "-", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      g_string_append_c (name, g_ascii_toupper (words[i][0]));
      g_string_append (name, words[i] + 1);
    }

  return g_string_free (g_steal_pointer (&name), FALSE);
}

static GStrv
list_templates (void)
{
  g_auto(GStrv) children = g_resources_enumerate_children (RESOURCE_PATH, 0, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_assert_nonnull (children);
  for (guint i = 0; children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], ".ui"))
      g_strv_builder_add (builder, children[i]);

  return g_strv_builder_end (builder);
}

static void
test_template (gconstpointer data)
{
  const char *file = data;
  g_autofree char *type_name = type_name_for (file);
  GType type = g_type_from_name (type_name);
  GtkWidget *widget, *window = NULL;

  if (type == 0)
    g_error ("%s has no widget class %s: add it to ensure_types()", file, type_name);

  widget = g_object_ref_sink (g_object_new (type, NULL));
  g_assert_true (GTK_IS_WIDGET (widget));

  /* A widget that builds its template when it is first shown (the calendar's
   * sidebar) is shown in a window. */
  if (!GTK_IS_WINDOW (widget) && gtk_widget_get_first_child (widget) == NULL)
    {
      window = gtk_window_new ();
      gtk_window_set_child (GTK_WINDOW (window), widget);
      gtk_window_present (GTK_WINDOW (window));
      while (!gtk_widget_get_mapped (widget))
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (gtk_widget_get_first_child (widget));

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  if (GTK_IS_WINDOW (widget))
    gtk_window_destroy (GTK_WINDOW (widget));
  g_object_unref (widget);
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_PATH "shortcuts/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* Every property or menu attribute that people read must be marked for translation. */

static const char * const readable[] = {
  "label", "title", "subtitle", "description", "tooltip-text", "placeholder-text",
  "text", "heading", "body", NULL
};

typedef struct {
  const char *file;
  gboolean    in_readable;
  gboolean    translatable;
  GString    *text;
  guint       checked;
} Scan;

static void
scan_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  Scan *scan = user_data;
  const char *name = NULL;
  const char *translatable = NULL;

  if (!g_str_equal (element, "property") && !g_str_equal (element, "attribute"))
    return;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "name"))
        name = values[i];
      else if (g_str_equal (names[i], "translatable"))
        translatable = values[i];
    }

  scan->in_readable = name != NULL && g_strv_contains (readable, name);
  scan->translatable = g_strcmp0 (translatable, "yes") == 0 ||
                       g_strcmp0 (translatable, "true") == 0;
  g_string_truncate (scan->text, 0);
}

static void
scan_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 length,
           gpointer              user_data,
           GError              **error)
{
  Scan *scan = user_data;

  if (scan->in_readable)
    g_string_append_len (scan->text, text, length);
}

static void
scan_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              user_data,
          GError              **error)
{
  Scan *scan = user_data;
  g_autofree char *text = NULL;

  if (!scan->in_readable)
    return;
  scan->in_readable = FALSE;

  text = g_strstrip (g_strdup (scan->text->str));
  /* Empty text is filled in by code; a single word in an icon name is not text. */
  if (*text == '\0')
    return;

  scan->checked++;
  if (!scan->translatable)
    g_error ("%s: “%s” is shown to people but not marked translatable=\"yes\"",
             scan->file, text);
}

static void
test_translatable (void)
{
  static const GMarkupParser parser = { scan_start, scan_end, scan_text, NULL, NULL };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) templates = list_templates ();
  g_auto(GStrv) files = NULL;
  guint checked = 0;

  g_strv_builder_addv (builder, (const char **) templates);
  g_strv_builder_add (builder, "shortcuts/help-overlay.ui");
  files = g_strv_builder_end (builder);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_PATH, files[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GError) error = NULL;
      Scan scan = { files[i], FALSE, FALSE, g_string_new (NULL), 0 };
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
      g_markup_parse_context_parse (context, data, size, &error);
      g_assert_no_error (error);
      g_markup_parse_context_end_parse (context, &error);
      g_assert_no_error (error);
      g_string_free (scan.text, TRUE);
      checked += scan.checked;
    }

  /* The scan found the texts it is meant to check. */
  g_assert_cmpuint (checked, >, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) files = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ensure_types ();

  files = list_templates ();
  g_assert_cmpuint (g_strv_length (files), >=, 6);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *test_path = g_strconcat ("/ui/template/", files[i], NULL);

      g_test_add_data_func_full (test_path, g_strdup (files[i]), test_template, g_free);
    }
  g_test_add_func ("/ui/help-overlay", test_help_overlay);
  g_test_add_func ("/ui/translatable", test_translatable);

  return g_test_run ();
}
