/* test-gui-cases.c: the directory and the cases, driven like a person would
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tsu-agency-editor.h"
#include "tsu-application.h"
#include "tsu-case-view.h"
#include "tsu-choice.h"
#include "tsu-consultation-editor.h"
#include "tsu-csv-import-dialog.h"
#include "tsu-date-entry.h"
#include "tsu-demo.h"
#include "tsu-meeting-editor.h"
#include "tsu-meeting-window.h"
#include "tsu-settings.h"
#include "tsu-window.h"

/* Runs the real widgets under Xvfb, on a fresh database per test. With
 * TSU_SCREENSHOT_DIR set, each step also leaves a PNG of what was on screen (in the
 * language of LANG when TSUNAGU_LOCALEDIR holds its translation). */

static TsuApplication *application;

typedef struct {
  char      *dir;
  char      *path;
  TsuStore  *store;
  TsuWindow *window;
} Fixture;

/* Helpers */

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_for (gboolean (*check) (gpointer data),
          gpointer  data,
          guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);
  gboolean done;

  while (!(done = check (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return done;
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* Whether a label on screen under @widget contains @text. */
static gboolean
shows (GtkWidget  *widget,
       const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_labels (widget, texts);
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* The entry row of a form whose title starts with @title. */
static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("TSU_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  settle ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

static TsuAgency *
find_agency (TsuStore   *store,
             const char *name)
{
  g_autoptr(GListModel) all = tsu_store_list (store, TSU_TYPE_AGENCY, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TsuAgency) a = g_list_model_get_item (all, i);

      if (g_strcmp0 (tsu_agency_get_name (a), name) == 0)
        return g_steal_pointer (&a);
    }
  return NULL;
}

static gboolean
model_has (GListModel *model,
           gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TsuRecord) r = g_list_model_get_item (model, i);

      if (tsu_record_get_id (r) == id)
        return TRUE;
    }
  return FALSE;
}

static TsuMunicipality *
municipality_in (TsuStore   *store,
                 const char *region,
                 gboolean    inside)
{
  g_autoptr(GListModel) all = tsu_store_list (store, TSU_TYPE_MUNICIPALITY, "code", NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (all, i);

      if ((g_strcmp0 (tsu_municipality_get_region (m), region) == 0) == inside)
        return g_steal_pointer (&m);
    }
  g_assert_not_reached ();
}

static TsuAgency *
add_agency (TsuStore        *store,
            const char      *name,
            TsuMunicipality *municipality,
            const char      *services)
{
  TsuAgency *a = tsu_agency_new ();

  tsu_agency_set_name (a, name);
  tsu_agency_set_kind (a, "short-stay");
  tsu_agency_set_municipality_id (a, tsu_record_get_id (TSU_RECORD (municipality)));
  tsu_agency_set_services (a, services);
  tsu_agency_set_phone (a, "049-111-2222");
  g_assert_true (tsu_store_save (store, TSU_RECORD (a), NULL));
  return a;
}

/* Fixture */

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  TsuDemoOptions options;

  g_settings_set_boolean (settings, "hide-names", FALSE);
  g_settings_set_int (settings, "window-width", 1200);
  g_settings_set_int (settings, "window-height", 800);
  f->dir = g_dir_make_tmp ("tsunagu-gui-cases-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "tsunagu.db", NULL);
  f->store = tsu_store_open (f->path, &error);
  g_assert_no_error (error);

  tsu_demo_options_init (&options);
  options.scale = 0.02;
  options.seed = 11;
  options.end = 0;
  g_assert_true (tsu_demo_generate (f->store, &options, &error));
  g_assert_no_error (error);

  f->window = tsu_window_new (application, f->store, FALSE);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (wait_for (is_mapped, f->window, 10));
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  GList *list = gtk_application_get_windows (GTK_APPLICATION (application));
  g_autoptr(GList) windows = g_list_copy (list);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  /* Editors and dialogs are transient for the window, not windows of the application. */
  {
    g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

    for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);

        gtk_window_destroy (w);
      }
  }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* CSV import through the preview dialog */

static gboolean
dialog_idle (gpointer data)
{
  return !tsu_csv_import_dialog_get_busy (data);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static GFile *
write_csv (Fixture    *f,
           const char *name,
           const char *text,
           gboolean    cp932)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *bytes = NULL;
  gsize len;

  if (cp932)
    {
      bytes = g_convert (text, -1, "CP932", "UTF-8", NULL, &len, NULL);
      g_assert_nonnull (bytes);
    }
  else
    {
      bytes = g_strconcat ("\xef\xbb\xbf", text, NULL);
      len = strlen (bytes);
    }
  g_assert_true (g_file_set_contents (path, bytes, len, NULL));
  return g_file_new_for_path (path);
}

static void
test_csv_import (Fixture       *f,
                 gconstpointer  data)
{
  TsuDirectoryPage *page = tsu_window_get_directory_page (f->window);
  g_autoptr(TsuAgency) existing = NULL;
  g_autoptr(TsuMunicipality) municipality = NULL;
  g_autoptr(GFile) bad = NULL;
  g_autoptr(GFile) good = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *bad_text = NULL;
  gint64 before = tsu_store_count (f->store, TSU_TYPE_AGENCY);
  TsuCsvImportDialog *dialog;
  gpointer weak;
  guint n_new, n_dup, n_bad;

  tsu_window_show_page (f->window, "directory");
  settle ();

  /* A row the directory already has (same name and municipality) is a duplicate. */
  {
    g_autoptr(GListModel) all = tsu_store_list (f->store, TSU_TYPE_AGENCY, "id", NULL);

    for (guint i = 0; existing == NULL; i++)
      {
        g_autoptr(TsuAgency) a = g_list_model_get_item (all, i);

        if (tsu_agency_get_municipality_id (a) != 0)
          existing = g_steal_pointer (&a);
      }
    municipality = tsu_store_load (f->store, TSU_TYPE_MUNICIPALITY,
                                   tsu_agency_get_municipality_id (existing), NULL);
  }
  rows = g_strdup_printf ("名称,ふりがな,種別,市町村,電話,サービス\r\n"
                          "つなぐ訪問看護ステーション,つなぐほうもんかんご,訪問看護ステーション,%s,048-555-0101,訪問看護\r\n"
                          "%s,,%s,%s,,\r\n"
                          "みどり短期入所ホーム,みどりたんきにゅうしょ,短期入所,%s,049-555-0202,\"短期入所,レスパイト\"\r\n",
                          tsu_municipality_get_name (municipality),
                          tsu_agency_get_name (existing),
                          tsu_vocabulary_japanese (TSU_VOCABULARY_AGENCY_KIND,
                                                   tsu_agency_get_kind (existing)),
                          tsu_municipality_get_name (municipality),
                          tsu_municipality_get_name (municipality));
  bad_text = g_strconcat (rows, "でんわ不明の事業所,,診療所,,電話なし,\r\n", NULL);

  /* A file with a bad row: the row is listed by line, and nothing can be imported. */
  bad = write_csv (f, "bad.csv", bad_text, FALSE);
  dialog = TSU_CSV_IMPORT_DIALOG (tsu_directory_page_import_file (page, bad));
  g_assert_true (wait_for (dialog_idle, dialog, 20));
  g_assert_true (tsu_csv_import_dialog_get_counts (dialog, &n_new, &n_dup, &n_bad));
  g_assert_cmpuint (n_new, ==, 2);
  g_assert_cmpuint (n_dup, ==, 1);
  g_assert_cmpuint (n_bad, ==, 1);
  settle ();
  g_assert_true (shows (GTK_WIDGET (dialog), "Line 5"));
  g_assert_true (shows (GTK_WIDGET (dialog), "1 row has a problem"));
  screenshot (GTK_WIDGET (dialog), "csv-import-bad-rows");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL) &&
                  tsu_csv_import_dialog_get_busy (dialog));
  tsu_csv_import_dialog_apply (dialog);
  g_assert_false (tsu_csv_import_dialog_get_busy (dialog));
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_AGENCY), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The corrected file, saved by Excel as Shift_JIS: detected, and readable again as
   * UTF-8 only when it is UTF-8. */
  good = write_csv (f, "good.csv", rows, TRUE);
  dialog = TSU_CSV_IMPORT_DIALOG (tsu_directory_page_import_file (page, good));
  g_assert_true (wait_for (dialog_idle, dialog, 20));
  g_assert_true (tsu_csv_import_dialog_get_counts (dialog, &n_new, &n_dup, &n_bad));
  g_assert_cmpuint (n_new, ==, 2);
  g_assert_cmpuint (n_dup, ==, 1);
  g_assert_cmpuint (n_bad, ==, 0);
  settle ();
  g_assert_true (shows (GTK_WIDGET (dialog), "Read as Shift_JIS"));

  tsu_csv_import_dialog_set_encoding (dialog, TSU_CSV_ENCODING_UTF8);
  g_assert_true (wait_for (dialog_idle, dialog, 20));
  g_assert_false (tsu_csv_import_dialog_get_counts (dialog, NULL, NULL, NULL));
  g_assert_nonnull (strstr (tsu_csv_import_dialog_get_message (dialog), "UTF-8"));
  tsu_csv_import_dialog_set_encoding (dialog, TSU_CSV_ENCODING_CP932);
  g_assert_true (wait_for (dialog_idle, dialog, 20));
  g_assert_true (tsu_csv_import_dialog_get_counts (dialog, &n_new, NULL, NULL));
  g_assert_cmpuint (n_new, ==, 2);
  screenshot (GTK_WIDGET (dialog), "csv-import-preview");

  /* Import: written off the main thread in one transaction; the list shows the rows. */
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  g_assert_true (wait_for (is_gone, &weak, 20));
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_AGENCY), ==, before + 2);
  {
    g_autoptr(TsuAgency) added = find_agency (f->store, "みどり短期入所ホーム");

    g_assert_nonnull (added);
    g_assert_cmpstr (tsu_agency_get_services (added), ==, "short-stay,respite");
    g_assert_true (model_has (tsu_directory_page_get_model (page),
                              tsu_record_get_id (TSU_RECORD (added))));
  }
}

/* Editing an agency with a wrong phone number */

static void
test_invalid_phone (Fixture       *f,
                    gconstpointer  data)
{
  TsuDirectoryPage *page = tsu_window_get_directory_page (f->window);
  g_autoptr(TsuAgency) agency = NULL;
  g_autoptr(TsuAgency) stored = NULL;
  g_autofree char *phone_before = NULL;
  g_autofree char *errors = NULL;
  GtkWindow *editor;
  GtkWidget *phone;
  gpointer weak;

  tsu_window_show_page (f->window, "directory");
  settle ();
  agency = g_list_model_get_item (tsu_directory_page_get_model (page), 0);
  phone_before = g_strdup (tsu_agency_get_phone (agency));

  editor = tsu_directory_page_edit (page, TSU_RECORD (agency));
  g_assert_true (TSU_IS_AGENCY_EDITOR (editor));
  g_assert_true (wait_for (is_mapped, editor, 10));
  phone = find_entry_row (GTK_WIDGET (editor), "Phone");
  g_assert_nonnull (phone);

  /* Letters in a phone number: the field says so at once, and Save writes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (phone), "048-12ab");
  g_assert_true (gtk_widget_has_css_class (phone, "error"));
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (phone)),
                                   "Phone: "));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (shows (GTK_WIDGET (editor), "Use digits, hyphens and parentheses only"));
  errors = tsu_agency_editor_dup_errors (TSU_AGENCY_EDITOR (editor));
  g_assert_nonnull (strstr (errors, "Phone"));
  stored = tsu_store_load (f->store, TSU_TYPE_AGENCY, tsu_record_get_id (TSU_RECORD (agency)), NULL);
  g_assert_cmpstr (tsu_agency_get_phone (stored), ==, phone_before);
  screenshot (GTK_WIDGET (editor), "agency-editor-invalid-phone");

  /* Typed in full width by an input method: accepted, saved in ASCII. */
  gtk_editable_set_text (GTK_EDITABLE (phone), "０４８－１２３－４５６７");
  g_assert_false (gtk_widget_has_css_class (phone, "error"));
  /* Saving a window hidden before its first frame trips GTK 4.8 (a handler of the
   * destroyed window's surface stays connected): a person takes longer anyway. */
  settle ();
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (wait_for (is_gone, &weak, 10));
  g_clear_object (&stored);
  stored = tsu_store_load (f->store, TSU_TYPE_AGENCY, tsu_record_get_id (TSU_RECORD (agency)), NULL);
  g_assert_cmpstr (tsu_agency_get_phone (stored), ==, "048-123-4567");
  g_assert_cmpstr (tsu_agency_get_name (stored), ==, tsu_agency_get_name (agency));
}

/* "Who offers short stays in the 西部 region?" */

static void
test_filter_service_region (Fixture       *f,
                            gconstpointer  data)
{
  TsuDirectoryPage *page = tsu_window_get_directory_page (f->window);
  g_autoptr(TsuMunicipality) west = municipality_in (f->store, "西部", TRUE);
  g_autoptr(TsuMunicipality) elsewhere = municipality_in (f->store, "西部", FALSE);
  g_autoptr(TsuAgency) wanted = add_agency (f->store, "西部ショートステイ", west,
                                            "short-stay,respite");
  g_autoptr(TsuAgency) other_service = add_agency (f->store, "西部訪問看護", west, "visiting-nursing");
  g_autoptr(TsuAgency) other_region = add_agency (f->store, "東部ショートステイ", elsewhere,
                                                  "short-stay");
  g_autoptr(TsuPerson) nurse = tsu_person_new ();
  GListModel *model = tsu_directory_page_get_model (page);
  GListModel *persons = tsu_directory_page_get_person_model (page);
  guint total;

  tsu_person_set_name (nurse, "西部 花子");
  tsu_person_set_agency_id (nurse, tsu_record_get_id (TSU_RECORD (wanted)));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (nurse), NULL));

  tsu_window_show_page (f->window, "directory");
  settle ();
  total = g_list_model_get_n_items (model);

  g_assert_true (tsu_directory_page_set_filter (page, "service", "short-stay"));
  g_assert_true (tsu_directory_page_set_filter (page, "region", "西部"));
  settle ();

  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, total);
  g_assert_true (model_has (model, tsu_record_get_id (TSU_RECORD (wanted))));
  g_assert_false (model_has (model, tsu_record_get_id (TSU_RECORD (other_service))));
  g_assert_false (model_has (model, tsu_record_get_id (TSU_RECORD (other_region))));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TsuAgency) a = g_list_model_get_item (model, i);
      g_autoptr(TsuMunicipality) m = tsu_store_load (f->store, TSU_TYPE_MUNICIPALITY,
                                                     tsu_agency_get_municipality_id (a), NULL);

      g_assert_nonnull (strstr (tsu_agency_get_services (a), "short-stay"));
      g_assert_cmpstr (tsu_municipality_get_region (m), ==, "西部");
    }
  g_assert_true (shows (GTK_WIDGET (page), "西部ショートステイ"));
  g_assert_false (shows (GTK_WIDGET (page), "東部ショートステイ"));
  screenshot (GTK_WIDGET (f->window), "directory-short-stay-west");

  /* The persons of those agencies, too. */
  tsu_directory_page_show_list (page, "persons");
  settle ();
  g_assert_true (model_has (persons, tsu_record_get_id (TSU_RECORD (nurse))));
  g_assert_true (shows (GTK_WIDGET (page), "西部 花子"));
  screenshot (GTK_WIDGET (f->window), "directory-persons");

  /* Clearing the filters shows everything again. */
  tsu_directory_page_show_list (page, "agencies");
  tsu_directory_page_set_filter (page, "service", NULL);
  tsu_directory_page_set_filter (page, "region", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, total);
}

/* The case page: open it, add a consultation */

static void
test_case_consultation (Fixture       *f,
                        gconstpointer  data)
{
  TsuCasesPage *page = tsu_window_get_cases_page (f->window);
  g_autoptr(GSettings) settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_autoptr(TsuCaseSummary) summary = NULL;
  g_autoptr(GListModel) log = NULL;
  g_autoptr(TsuConsultation) entry = NULL;
  TsuCaseView *view;
  TsuCase *kase;
  GtkWindow *editor;
  gpointer weak;
  guint before;

  tsu_window_show_page (f->window, "cases");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (tsu_cases_page_get_model (page)), >, 0);
  screenshot (GTK_WIDGET (f->window), "cases-list");

  /* The Difficult Cases view shows difficult cases only. */
  tsu_cases_page_show_difficult (page, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (tsu_cases_page_get_model (page)); i++)
    {
      g_autoptr(TsuCaseSummary) s = g_list_model_get_item (tsu_cases_page_get_model (page), i);

      g_assert_cmpstr (tsu_case_summary_get_status (s), ==, "difficult");
    }
  tsu_cases_page_show_difficult (page, FALSE);

  summary = g_list_model_get_item (tsu_cases_page_get_model (page), 0);
  kase = tsu_case_summary_get_case (summary);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-case", "x",
                                             tsu_case_summary_get_id (summary)));
  settle ();
  view = TSU_CASE_VIEW (tsu_cases_page_get_case_view (page));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpint (tsu_case_view_get_case_id (view), ==, tsu_case_summary_get_id (summary));
  g_assert_true (shows (GTK_WIDGET (view), tsu_case_get_code (kase)));
  g_assert_true (shows (GTK_WIDGET (view), tsu_case_get_child_name (kase)));
  g_assert_true (shows (GTK_WIDGET (view), "Case Team"));

  log = tsu_store_list_by (f->store, TSU_TYPE_CONSULTATION, "case_id",
                           tsu_case_summary_get_id (summary), NULL, NULL);
  before = g_list_model_get_n_items (log);
  g_clear_object (&log);

  /* A consultation: the family called about respite and was referred on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.add-consultation", NULL));
  editor = NULL;
  {
    g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

        if (TSU_IS_CONSULTATION_EDITOR (w))
          editor = w;
      }
  }
  g_assert_nonnull (editor);
  g_assert_true (wait_for (is_mapped, editor, 10));
  tsu_consultation_editor_fill (TSU_CONSULTATION_EDITOR (editor), "outreach", "母",
                                "レスパイトの相談", "みどり短期入所ホーム",
                                "来月の短期入所の空きを確認する。");
  screenshot (GTK_WIDGET (editor), "consultation-editor");
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (wait_for (is_gone, &weak, 10));
  settle ();

  log = tsu_store_list_by (f->store, TSU_TYPE_CONSULTATION, "case_id",
                           tsu_case_summary_get_id (summary), "occurred_at DESC", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, before + 1);
  entry = g_list_model_get_item (log, 0);
  g_assert_cmpstr (tsu_consultation_get_channel (entry), ==, "outreach");
  g_assert_cmpstr (tsu_consultation_get_asked_by (entry), ==, "母");
  g_assert_cmpstr (tsu_consultation_get_topics (entry), ==, "レスパイトの相談");
  g_assert_cmpstr (tsu_consultation_get_referred_to (entry), ==, "みどり短期入所ホーム");
  g_assert_cmpint (ABS (tsu_consultation_get_occurred_at (entry) - g_get_real_time () / G_USEC_PER_SEC),
                   <, 120);

  /* The log and the timeline show it. */
  g_assert_true (shows (GTK_WIDGET (view), "レスパイトの相談"));
  g_assert_true (shows (GTK_WIDGET (view), "Referred to みどり短期入所ホーム"));
  screenshot (GTK_WIDGET (f->window), "case-page");

  /* A slip corrected: the same entry, the topic changed, the log no longer. */
  editor = tsu_case_view_edit_consultation (view, entry);
  g_assert_nonnull (editor);
  g_assert_true (wait_for (is_mapped, editor, 10));
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (editor), "Topics"))),
                   ==, "レスパイトの相談");
  tsu_consultation_editor_fill (TSU_CONSULTATION_EDITOR (editor), "outreach", "母",
                                "レスパイトと就学の相談", "みどり短期入所ホーム",
                                "来月の短期入所の空きを確認する。");
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (wait_for (is_gone, &weak, 10));
  settle ();
  {
    g_autoptr(TsuConsultation) corrected = tsu_store_load (f->store, TSU_TYPE_CONSULTATION,
                                                           tsu_record_get_id (TSU_RECORD (entry)), NULL);
    g_autoptr(GListModel) again = tsu_store_list_by (f->store, TSU_TYPE_CONSULTATION, "case_id",
                                                     tsu_case_summary_get_id (summary), NULL, NULL);

    g_assert_cmpstr (tsu_consultation_get_topics (corrected), ==, "レスパイトと就学の相談");
    g_assert_cmpint (tsu_consultation_get_occurred_at (corrected), ==,
                     tsu_consultation_get_occurred_at (entry) / 60 * 60);
    g_assert_cmpuint (g_list_model_get_n_items (again), ==, before + 1);
  }
  g_assert_true (shows (GTK_WIDGET (view), "レスパイトと就学の相談"));

  /* Names hidden: the case page shows the code, not the child's name. */
  g_settings_set_boolean (settings, "hide-names", TRUE);
  settle ();
  g_assert_false (shows (GTK_WIDGET (view), tsu_case_get_child_name (kase)));
  g_assert_true (shows (GTK_WIDGET (view), tsu_case_get_code (kase)));
  screenshot (GTK_WIDGET (f->window), "case-page-hidden-names");
  g_settings_set_boolean (settings, "hide-names", FALSE);

  /* Back in the list, the case was heard from today. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "cases.back", NULL));
  settle ();
  {
    GListModel *model = tsu_cases_page_get_model (page);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(TsuCaseSummary) s = g_list_model_get_item (model, i);

        if (tsu_case_summary_get_id (s) == tsu_case_summary_get_id (summary))
          g_assert_cmpint (tsu_case_summary_get_days_since_contact (s), ==, 0);
      }
  }
}

/* A new case: the code is required and unique */

static void
test_new_case (Fixture       *f,
               gconstpointer  data)
{
  TsuCasesPage *page = tsu_window_get_cases_page (f->window);
  g_autoptr(TsuCase) taken = NULL;
  g_autoptr(TsuCase) created = NULL;
  g_autoptr(GListModel) all = NULL;
  GtkWindow *editor;
  GtkWidget *code;
  gint64 before = tsu_store_count (f->store, TSU_TYPE_CASE);
  gpointer weak;

  tsu_window_show_page (f->window, "cases");
  settle ();
  all = tsu_store_list (f->store, TSU_TYPE_CASE, "code", NULL);
  taken = g_list_model_get_item (all, 0);

  editor = tsu_cases_page_new_case (page);
  g_assert_true (wait_for (is_mapped, editor, 10));
  code = find_entry_row (GTK_WIDGET (editor), "Case Code");
  g_assert_nonnull (code);

  gtk_editable_set_text (GTK_EDITABLE (code), tsu_case_get_code (taken));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  settle ();
  g_assert_true (shows (GTK_WIDGET (editor), "Another case has this code."));
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_CASE), ==, before);
  screenshot (GTK_WIDGET (editor), "case-editor-duplicate-code");

  gtk_editable_set_text (GTK_EDITABLE (code), "C-2099-0001");
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (wait_for (is_gone, &weak, 10));
  settle ();
  created = tsu_store_find_case_by_code (f->store, "C-2099-0001", NULL);
  g_assert_nonnull (created);
  g_assert_cmpstr (tsu_case_get_status (created), ==, "intake");
  /* The new case opens on its page. */
  g_assert_cmpint (tsu_case_view_get_case_id (TSU_CASE_VIEW (tsu_cases_page_get_case_view (page))),
                   ==, tsu_record_get_id (TSU_RECORD (created)));
}

/* A case conference scheduled from the case page: the team becomes its participants */

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
meeting_window_open (gpointer data)
{
  return find_toplevel (TSU_TYPE_MEETING_WINDOW) != NULL;
}

static TsuPerson *
add_person (TsuStore   *store,
            const char *name,
            TsuAgency  *agency)
{
  TsuPerson *p = tsu_person_new ();

  tsu_person_set_name (p, name);
  if (agency != NULL)
    tsu_person_set_agency_id (p, tsu_record_get_id (TSU_RECORD (agency)));
  g_assert_true (tsu_store_save (store, TSU_RECORD (p), NULL));
  return p;
}

static void
add_member (TsuStore   *store,
            TsuCase    *kase,
            TsuPerson  *person,
            TsuAgency  *agency,
            const char *role)
{
  g_autoptr(TsuTeamMember) m = tsu_team_member_new ();

  tsu_team_member_set_case_id (m, tsu_record_get_id (TSU_RECORD (kase)));
  if (person != NULL)
    tsu_team_member_set_person_id (m, tsu_record_get_id (TSU_RECORD (person)));
  if (agency != NULL)
    tsu_team_member_set_agency_id (m, tsu_record_get_id (TSU_RECORD (agency)));
  tsu_team_member_set_role (m, role);
  g_assert_true (tsu_store_save (store, TSU_RECORD (m), NULL));
}

static void
add_consent (TsuStore   *store,
             TsuCase    *kase,
             TsuAgency  *agency,
             const char *given_on,
             const char *withdrawn_on)
{
  g_autoptr(TsuConsent) c = tsu_consent_new ();

  tsu_consent_set_case_id (c, tsu_record_get_id (TSU_RECORD (kase)));
  tsu_consent_set_agency_id (c, tsu_record_get_id (TSU_RECORD (agency)));
  tsu_consent_set_given_on (c, given_on);
  tsu_consent_set_withdrawn_on (c, withdrawn_on);
  g_assert_true (tsu_store_save (store, TSU_RECORD (c), NULL));
}

static const char *
participant_role (GListModel *participants,
                  gint64      person_id,
                  const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(TsuParticipant) p = g_list_model_get_item (participants, i);

      if ((person_id != 0 && tsu_participant_get_person_id (p) == person_id) ||
          (name != NULL && g_strcmp0 (tsu_participant_get_name (p), name) == 0))
        return g_intern_string (tsu_participant_get_role (p));
    }
  return NULL;
}

/* The group headers of the first list of grouped rows under @widget, in order. */
static GtkListBox *
find_grouped_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    {
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0);

      if (first != NULL && g_object_get_data (G_OBJECT (first), "grouped") != NULL)
        return GTK_LIST_BOX (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = find_grouped_list (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
participant_headers (GtkWidget *widget)
{
  GtkListBox *list = find_grouped_list (widget);
  GString *headers = g_string_new (NULL);
  GtkListBoxRow *row;

  g_assert_nonnull (list);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GtkWidget *header = gtk_list_box_row_get_header (row);

      if (header != NULL && GTK_IS_LABEL (header) && gtk_widget_get_mapped (header))
        g_string_append_printf (headers, "%s|", gtk_label_get_text (GTK_LABEL (header)));
    }
  return g_string_free (headers, FALSE);
}

static void
test_schedule_conference (Fixture       *f,
                          gconstpointer  data)
{
  TsuCasesPage *page = tsu_window_get_cases_page (f->window);
  g_autoptr(TsuMunicipality) town = municipality_in (f->store, "西部", TRUE);
  g_autoptr(TsuAgency) nursing = add_agency (f->store, "ひまわり訪問看護ステーション", town, NULL);
  g_autoptr(TsuAgency) support = add_agency (f->store, "すずらん相談支援事業所", town, NULL);
  g_autoptr(TsuPerson) nurse = add_person (f->store, "看護 花子", nursing);
  g_autoptr(TsuPerson) mother = add_person (f->store, "川島 さくら", NULL);
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(TsuMeeting) meeting = NULL;
  TsuCaseView *view;
  GtkWindow *editor;
  GtkWindow *window;
  gpointer weak;

  tsu_case_set_code (kase, "C-2099-0100");
  tsu_case_set_child_name (kase, "川島 ひなた");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (kase), NULL));
  add_member (f->store, kase, nurse, nursing, "訪問看護");
  add_member (f->store, kase, NULL, support, "相談支援専門員");
  add_member (f->store, kase, mother, NULL, "保護者（母）");
  /* The family consented to both agencies: no warning (see test_schedule_consent). */
  add_consent (f->store, kase, nursing, "2025-04-01", NULL);
  add_consent (f->store, kase, support, "2025-04-01", NULL);

  tsu_window_show_page (f->window, "cases");
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-case", "x",
                                             tsu_record_get_id (TSU_RECORD (kase))));
  settle ();
  view = TSU_CASE_VIEW (tsu_cases_page_get_case_view (page));
  g_assert_true (shows (GTK_WIDGET (view), "すずらん相談支援事業所"));
  screenshot (GTK_WIDGET (f->window), "case-page-team");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.schedule-conference", NULL));
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (wait_for (is_mapped, editor, 10));
  g_assert_nonnull (find_entry_row (GTK_WIDGET (editor), "_Title"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (editor), "_Title"))),
                   ==, "Case conference C-2099-0100");
  screenshot (GTK_WIDGET (editor), "schedule-conference-editor");

  /* Hiding a window before its first frame trips GTK 4.8 (a handler on the surface of
   * the destroyed editor stays connected); a person takes longer to press Save. */
  settle ();
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (wait_for (is_gone, &weak, 10));
  g_assert_true (wait_for (meeting_window_open, NULL, 10));
  settle ();
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* The store: one case conference of the case, the team as its participants. */
  meetings = tsu_store_list_by (f->store, TSU_TYPE_MEETING, "case_id",
                                tsu_record_get_id (TSU_RECORD (kase)), NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 1);
  meeting = g_list_model_get_item (meetings, 0);
  g_assert_cmpstr (tsu_meeting_get_kind (meeting), ==, "case-conference");
  participants = tsu_store_list_by (f->store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                    tsu_record_get_id (TSU_RECORD (meeting)), "id", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 3);
  g_assert_cmpstr (participant_role (participants, tsu_record_get_id (TSU_RECORD (nurse)), NULL),
                   ==, "attendee");
  g_assert_cmpstr (participant_role (participants, 0, "すずらん相談支援事業所"), ==, "attendee");
  g_assert_cmpstr (participant_role (participants, tsu_record_get_id (TSU_RECORD (mother)), NULL),
                   ==, "family");

  /* The meeting window shows them. */
  window = find_toplevel (TSU_TYPE_MEETING_WINDOW);
  g_assert_cmpint (tsu_record_get_id (TSU_RECORD (tsu_meeting_window_get_meeting (TSU_MEETING_WINDOW (window)))),
                   ==, tsu_record_get_id (TSU_RECORD (meeting)));
  tsu_meeting_window_show_page (TSU_MEETING_WINDOW (window), "participants");
  settle ();
  g_assert_true (shows (GTK_WIDGET (window), "看護 花子"));
  g_assert_true (shows (GTK_WIDGET (window), "ひまわり訪問看護ステーション"));
  g_assert_true (shows (GTK_WIDGET (window), "すずらん相談支援事業所"));
  g_assert_true (shows (GTK_WIDGET (window), "川島 さくら"));
  /* Grouped by agency, each agency named once above its participants. */
  {
    g_autofree char *headers = participant_headers (GTK_WIDGET (window));

    g_assert_cmpstr (headers, ==, "すずらん相談支援事業所|ひまわり訪問看護ステーション|No agency|");
  }
  screenshot (GTK_WIDGET (window), "conference-participants");
}

/* Adding a participant the family's consent does not cover: a warning first */

static GtkWidget *
find_placeholder_entry (GtkWidget  *widget,
                        const char *placeholder)
{
  if (GTK_IS_ENTRY (widget) &&
      g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), placeholder) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_placeholder_entry (child, placeholder);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The consent markers under @widget: their tooltips, joined. */
static void
collect_markers (GtkWidget *widget,
                 GString   *tooltips)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), "consent-marker") == 0 && gtk_widget_get_mapped (widget))
    g_string_append_printf (tooltips, "%s\n", gtk_widget_get_tooltip_text (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_markers (child, tooltips);
}

static char *
markers (GtkWidget *widget)
{
  GString *tooltips = g_string_new (NULL);

  collect_markers (widget, tooltips);
  return g_string_free (tooltips, FALSE);
}

static guint
count_participants (TsuStore   *store,
                    TsuMeeting *meeting)
{
  g_autoptr(GListModel) all = tsu_store_list_by (store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                                 tsu_record_get_id (TSU_RECORD (meeting)), NULL, NULL);

  return g_list_model_get_n_items (all);
}

/* Answers like a click on the button of @response: the response, then the dialog closes. */
static void
respond (GtkWindow  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (dialog);
  settle ();
}

static void
add_free_participant (GtkWidget  *window,
                      const char *name,
                      const char *agency)
{
  GtkWidget *name_entry = find_placeholder_entry (window, "Name");
  GtkWidget *agency_entry = find_placeholder_entry (window, "Agency");

  g_assert_nonnull (name_entry);
  g_assert_nonnull (agency_entry);
  gtk_editable_set_text (GTK_EDITABLE (name_entry), name);
  gtk_editable_set_text (GTK_EDITABLE (agency_entry), agency);
  g_signal_emit_by_name (agency_entry, "activate");
  settle ();
}

static void
test_consent_warning (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TsuMunicipality) town = municipality_in (f->store, "西部", TRUE);
  g_autoptr(TsuAgency) nursing = add_agency (f->store, "ひまわり訪問看護ステーション", town, NULL);
  g_autoptr(TsuAgency) school = add_agency (f->store, "県立けやき特別支援学校", town, NULL);
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(TsuConsent) consent = tsu_consent_new ();
  g_autoptr(TsuMeeting) meeting = tsu_meeting_new ();
  g_autofree char *shown = NULL;
  g_autofree char *in_minutes = NULL;
  GtkWindow *window;
  GtkWindow *dialog;
  TsuMinutesEditor *editor;

  tsu_case_set_code (kase, "C-2099-0200");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (kase), NULL));
  tsu_consent_set_case_id (consent, tsu_record_get_id (TSU_RECORD (kase)));
  tsu_consent_set_agency_id (consent, tsu_record_get_id (TSU_RECORD (nursing)));
  tsu_consent_set_given_on (consent, "2026-04-01");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (consent), NULL));
  tsu_meeting_set_kind (meeting, "case-conference");
  tsu_meeting_set_title (meeting, "ケース会議 C-2099-0200");
  tsu_meeting_set_case_id (meeting, tsu_record_get_id (TSU_RECORD (kase)));
  tsu_meeting_set_starts_at (meeting, g_get_real_time () / G_USEC_PER_SEC + 86400);
  tsu_meeting_set_ends_at (meeting, tsu_meeting_get_starts_at (meeting) + 3600);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (meeting), NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-meeting", "(xx)",
                                             tsu_record_get_id (TSU_RECORD (meeting)), (gint64) 0));
  g_assert_true (wait_for (meeting_window_open, NULL, 10));
  window = find_toplevel (TSU_TYPE_MEETING_WINDOW);
  tsu_meeting_window_show_page (TSU_MEETING_WINDOW (window), "participants");
  settle ();

  /* Not consented: a warning, and Cancel adds nobody. */
  add_free_participant (GTK_WIDGET (window), "教員 太郎", "県立けやき 特別支援学校");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "No consent to share information with 県立けやき特別支援学校");
  g_assert_cmpuint (count_participants (f->store, meeting), ==, 0);
  screenshot (GTK_WIDGET (dialog), "consent-warning");
  respond (dialog, "cancel");
  g_assert_cmpuint (count_participants (f->store, meeting), ==, 0);

  /* Consented: added at once, no warning. */
  add_free_participant (GTK_WIDGET (window), "看護 花子", "ひまわり訪問看護ステーション");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (count_participants (f->store, meeting), ==, 1);

  /* Not consented, added anyway: marked in the list and in the minutes' attendance. */
  add_free_participant (GTK_WIDGET (window), "教員 太郎", "県立けやき特別支援学校");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  respond (dialog, "add");
  g_assert_cmpuint (count_participants (f->store, meeting), ==, 2);
  shown = markers (GTK_WIDGET (window));
  g_assert_cmpstr (shown, ==, "No consent to share information with 県立けやき特別支援学校\n");
  screenshot (GTK_WIDGET (window), "consent-participants");

  editor = tsu_meeting_window_get_minutes_editor (TSU_MEETING_WINDOW (window));
  tsu_meeting_window_show_page (TSU_MEETING_WINDOW (window), "minutes");
  g_assert_true (tsu_minutes_editor_start (editor, NULL));
  settle ();
  in_minutes = markers (GTK_WIDGET (editor));
  g_assert_cmpstr (in_minutes, ==, "No consent to share information with 県立けやき特別支援学校\n");
  screenshot (GTK_WIDGET (window), "consent-minutes");

  /* Adding the whole case team warns too, naming the agency without consent. */
  {
    g_autoptr(TsuTeamMember) member = tsu_team_member_new ();

    tsu_team_member_set_case_id (member, tsu_record_get_id (TSU_RECORD (kase)));
    tsu_team_member_set_agency_id (member, tsu_record_get_id (TSU_RECORD (school)));
    tsu_team_member_set_role (member, "学校");
    g_assert_true (tsu_store_save (f->store, TSU_RECORD (member), NULL));
  }
  tsu_meeting_window_show_page (TSU_MEETING_WINDOW (window), "participants");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "meeting.add-team", NULL));
  settle ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "No Consent for Some Agencies");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "県立けやき特別支援学校"));
  respond (dialog, "cancel");
  g_assert_cmpuint (count_participants (f->store, meeting), ==, 2);
}

/* Scheduling from the case page when the family has not consented to an agency of
 * the team: the same warning as in the meeting window, before anyone is invited */

static gboolean
dialog_open (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Scrolls the case page down to its team and consent. */
static void
scroll_down (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      settle ();
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scroll_down (child);
}

static TsuCaseView *
open_case (Fixture *f,
           TsuCase *kase)
{
  TsuCasesPage *page = tsu_window_get_cases_page (f->window);

  tsu_window_show_page (f->window, "cases");
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-case", "x",
                                             tsu_record_get_id (TSU_RECORD (kase))));
  settle ();
  return TSU_CASE_VIEW (tsu_cases_page_get_case_view (page));
}

static void
test_schedule_consent (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TsuMunicipality) town = municipality_in (f->store, "西部", TRUE);
  g_autoptr(TsuAgency) nursing = add_agency (f->store, "ひまわり訪問看護ステーション", town, NULL);
  g_autoptr(TsuAgency) school = add_agency (f->store, "県立けやき特別支援学校", town, NULL);
  g_autoptr(TsuAgency) clinic = add_agency (f->store, "こもれびクリニック", town, NULL);
  g_autoptr(TsuPerson) nurse = add_person (f->store, "看護 花子", nursing);
  g_autoptr(TsuPerson) mother = add_person (f->store, "川島 さくら", NULL);
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(TsuMeeting) meeting = NULL;
  const char *body;
  TsuCaseView *view;
  GtkWindow *editor;
  GtkWindow *dialog;
  gpointer weak;

  tsu_case_set_code (kase, "C-2099-0300");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (kase), NULL));
  add_member (f->store, kase, nurse, nursing, "訪問看護");
  add_member (f->store, kase, NULL, school, "学校");
  add_member (f->store, kase, NULL, clinic, "主治医");
  add_member (f->store, kase, mother, NULL, "保護者（母）");
  add_consent (f->store, kase, nursing, "2025-04-01", NULL);
  add_consent (f->store, kase, clinic, "2025-04-01", "2025-09-01");

  view = open_case (f, kase);
  /* The team already shows whom the consent does not cover. */
  scroll_down (GTK_WIDGET (view));
  {
    g_autofree char *marked = markers (GTK_WIDGET (view));

    g_assert_cmpstr (marked, ==,
                     "No consent to share information with 県立けやき特別支援学校\n"
                     "The family withdrew consent to share information with こもれびクリニック\n");
  }
  screenshot (GTK_WIDGET (f->window), "case-page-consent-markers");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.schedule-conference", NULL));
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (wait_for (is_mapped, editor, 10));
  settle ();
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (wait_for (is_gone, &weak, 10));

  /* The warning names the school (no consent) and the clinic (withdrawn), not the
   * nursing station; nobody is invited before the answer. */
  g_assert_true (wait_for (dialog_open, NULL, 10));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "No Consent for Some Agencies");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "県立けやき特別支援学校"));
  g_assert_nonnull (strstr (body, "こもれびクリニック"));
  g_assert_null (strstr (body, "ひまわり訪問看護ステーション"));
  meetings = tsu_store_list_by (f->store, TSU_TYPE_MEETING, "case_id",
                                tsu_record_get_id (TSU_RECORD (kase)), NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (meetings), ==, 1);
  meeting = g_list_model_get_item (meetings, 0);
  g_assert_cmpuint (count_participants (f->store, meeting), ==, 0);
  screenshot (GTK_WIDGET (dialog), "schedule-consent-warning");

  /* Leaving them out invites the nurse and the mother, and the meeting window opens. */
  respond (dialog, "leave-out");
  g_assert_true (wait_for (meeting_window_open, NULL, 10));
  participants = tsu_store_list_by (f->store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                    tsu_record_get_id (TSU_RECORD (meeting)), "id", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 2);
  g_assert_cmpstr (participant_role (participants, tsu_record_get_id (TSU_RECORD (nurse)), NULL),
                   ==, "attendee");
  g_assert_cmpstr (participant_role (participants, tsu_record_get_id (TSU_RECORD (mother)), NULL),
                   ==, "family");
  g_assert_null (participant_role (participants, 0, "県立けやき特別支援学校"));
}

/* Deleting a case: refused once minutes exist (closing offered instead); otherwise
 * asked, done, and undone */

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_delete_case (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TsuMunicipality) town = municipality_in (f->store, "西部", TRUE);
  g_autoptr(TsuAgency) nursing = add_agency (f->store, "ひまわり訪問看護ステーション", town, NULL);
  g_autoptr(TsuPerson) nurse = add_person (f->store, "看護 花子", nursing);
  g_autoptr(TsuCase) kept = tsu_case_new ();
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(TsuCase) after = NULL;
  g_autoptr(TsuCase) back = NULL;
  g_autoptr(TsuMeeting) minuted = tsu_meeting_new ();
  g_autoptr(TsuMeeting) planned = tsu_meeting_new ();
  g_autoptr(TsuMeeting) reloaded = NULL;
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();
  g_autoptr(TsuConsultation) call = tsu_consultation_new ();
  g_autoptr(GListModel) team = NULL;
  g_autoptr(GListModel) consents = NULL;
  g_autoptr(GListModel) log = NULL;
  TsuCasesPage *page = tsu_window_get_cases_page (f->window);
  TsuCaseView *view;
  AdwMessageDialog *dialog;
  GtkWidget *undo;
  gint64 old_id;

  /* A case whose conference has minutes. */
  tsu_case_set_code (kept, "C-2099-0400");
  tsu_case_set_child_name (kept, "森 はると");
  tsu_case_set_status (kept, "active");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (kept), NULL));
  tsu_meeting_set_kind (minuted, "case-conference");
  tsu_meeting_set_title (minuted, "ケース会議 C-2099-0400");
  tsu_meeting_set_case_id (minuted, tsu_record_get_id (TSU_RECORD (kept)));
  tsu_meeting_set_starts_at (minuted, g_get_real_time () / G_USEC_PER_SEC - 86400 * 7);
  tsu_meeting_set_ends_at (minuted, tsu_meeting_get_starts_at (minuted) + 3600);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (minuted), NULL));
  tsu_minutes_set_meeting_id (minutes, tsu_record_get_id (TSU_RECORD (minuted)));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (minutes), NULL));

  view = open_case (f, kept);
  dialog = tsu_case_view_delete_case (view);
  g_assert_nonnull (dialog);
  settle ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Case C-2099-0400 Cannot Be Deleted");
  g_assert_false (adw_message_dialog_has_response (dialog, "delete"));
  screenshot (GTK_WIDGET (dialog), "delete-case-refused");
  respond (GTK_WINDOW (dialog), "close");
  after = tsu_store_find_case_by_code (f->store, "C-2099-0400", NULL);
  g_assert_nonnull (after);
  g_assert_cmpstr (tsu_case_get_status (after), ==, "closed");
  g_clear_object (&after);

  /* A case with a team, a consent, a consultation and a planned meeting. */
  tsu_case_set_code (kase, "C-2099-0401");
  tsu_case_set_child_name (kase, "林 さき");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (kase), NULL));
  add_member (f->store, kase, nurse, nursing, "訪問看護");
  add_consent (f->store, kase, nursing, "2025-04-01", NULL);
  tsu_consultation_set_case_id (call, tsu_record_get_id (TSU_RECORD (kase)));
  tsu_consultation_set_channel (call, "phone");
  tsu_consultation_set_topics (call, "就学の相談");
  tsu_consultation_set_occurred_at (call, g_get_real_time () / G_USEC_PER_SEC - 3600);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (call), NULL));
  tsu_meeting_set_kind (planned, "case-conference");
  tsu_meeting_set_title (planned, "ケース会議 C-2099-0401");
  tsu_meeting_set_case_id (planned, tsu_record_get_id (TSU_RECORD (kase)));
  tsu_meeting_set_starts_at (planned, g_get_real_time () / G_USEC_PER_SEC + 86400 * 7);
  tsu_meeting_set_ends_at (planned, tsu_meeting_get_starts_at (planned) + 3600);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (planned), NULL));
  old_id = tsu_record_get_id (TSU_RECORD (kase));

  view = open_case (f, kase);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.delete", NULL));
  settle ();
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Case C-2099-0401?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 consultation of the log"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 member of the case team"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 consent to share information"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "1 meeting stays in the calendar, no longer linked to a case."));
  /* Only the code: the child's name is not in the dialog. */
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "林 さき"));
  screenshot (GTK_WIDGET (dialog), "delete-case-confirm");

  /* Cancel keeps it. */
  respond (GTK_WINDOW (dialog), "cancel");
  after = tsu_store_load (f->store, TSU_TYPE_CASE, old_id, NULL);
  g_assert_nonnull (after);

  dialog = tsu_case_view_delete_case (view);
  settle ();
  respond (GTK_WINDOW (dialog), "delete");
  g_assert_null (tsu_store_find_case_by_code (f->store, "C-2099-0401", NULL));
  team = tsu_store_list_by (f->store, TSU_TYPE_TEAM_MEMBER, "case_id", old_id, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (team), ==, 0);
  g_clear_object (&team);
  reloaded = tsu_store_load (f->store, TSU_TYPE_MEETING, tsu_record_get_id (TSU_RECORD (planned)), NULL);
  g_assert_nonnull (reloaded);
  g_assert_cmpint (tsu_meeting_get_case_id (reloaded), ==, 0);
  g_clear_object (&reloaded);
  /* Back to the list, with a toast that offers Undo. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (view)));
  screenshot (GTK_WIDGET (f->window), "delete-case-undo-toast");
  undo = find_button (GTK_WIDGET (f->window), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  settle ();

  back = tsu_store_find_case_by_code (f->store, "C-2099-0401", NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (tsu_case_get_child_name (back), ==, "林 さき");
  team = tsu_store_list_by (f->store, TSU_TYPE_TEAM_MEMBER, "case_id",
                            tsu_record_get_id (TSU_RECORD (back)), NULL, NULL);
  consents = tsu_store_list_by (f->store, TSU_TYPE_CONSENT, "case_id",
                                tsu_record_get_id (TSU_RECORD (back)), NULL, NULL);
  log = tsu_store_list_by (f->store, TSU_TYPE_CONSULTATION, "case_id",
                           tsu_record_get_id (TSU_RECORD (back)), NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (team), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (consents), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 1);
  reloaded = tsu_store_load (f->store, TSU_TYPE_MEETING, tsu_record_get_id (TSU_RECORD (planned)), NULL);
  g_assert_cmpint (tsu_meeting_get_case_id (reloaded), ==, tsu_record_get_id (TSU_RECORD (back)));
  /* The case page shows it again. */
  view = TSU_CASE_VIEW (tsu_cases_page_get_case_view (page));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpint (tsu_case_view_get_case_id (view), ==, tsu_record_get_id (TSU_RECORD (back)));
  g_assert_true (shows (GTK_WIDGET (view), "就学の相談"));
}

/* A team member's role and a consent edited after they were added */

static GtkWidget *
find_nth_drop_down (GtkWidget *widget,
                    guint     *n)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      if (*n == 0)
        return widget;
      (*n)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth_drop_down (child, n);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_edit_team_consent (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TsuMunicipality) town = municipality_in (f->store, "西部", TRUE);
  g_autoptr(TsuAgency) nursing = add_agency (f->store, "ひまわり訪問看護ステーション", town, NULL);
  g_autoptr(TsuPerson) nurse = add_person (f->store, "看護 花子", nursing);
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(GListModel) team = NULL;
  g_autoptr(GListModel) consents = NULL;
  g_autoptr(TsuTeamMember) member = NULL;
  g_autoptr(TsuTeamMember) edited = NULL;
  g_autoptr(TsuConsent) consent = NULL;
  g_autoptr(TsuConsent) withdrawn = NULL;
  AdwMessageDialog *dialog;
  TsuCaseView *view;
  GtkWidget *row;
  guint n;

  tsu_case_set_code (kase, "C-2099-0500");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (kase), NULL));
  add_member (f->store, kase, nurse, nursing, "訪問看護");
  add_consent (f->store, kase, nursing, "2025-04-01", NULL);
  team = tsu_store_list_by (f->store, TSU_TYPE_TEAM_MEMBER, "case_id",
                            tsu_record_get_id (TSU_RECORD (kase)), NULL, NULL);
  member = g_list_model_get_item (team, 0);
  consents = tsu_store_list_by (f->store, TSU_TYPE_CONSENT, "case_id",
                                tsu_record_get_id (TSU_RECORD (kase)), NULL, NULL);
  consent = g_list_model_get_item (consents, 0);
  view = open_case (f, kase);
  scroll_down (GTK_WIDGET (view));
  screenshot (GTK_WIDGET (f->window), "case-page-edit-buttons");

  /* The role: the form opens filled in; without a person or an agency it cannot be saved. */
  dialog = tsu_case_view_edit_member (view, member);
  g_assert_nonnull (dialog);
  settle ();
  row = find_entry_row (GTK_WIDGET (dialog), "_Role");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "訪問看護");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  n = 0;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_nth_drop_down (GTK_WIDGET (dialog), &n)), 0);
  n = 1;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_nth_drop_down (GTK_WIDGET (dialog), &n)), 0);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  respond (GTK_WINDOW (dialog), "cancel");

  dialog = tsu_case_view_edit_member (view, member);
  settle ();
  row = find_entry_row (GTK_WIDGET (dialog), "_Role");
  gtk_editable_set_text (GTK_EDITABLE (row), "訪問看護（主担当）");
  screenshot (GTK_WIDGET (dialog), "edit-team-member");
  respond (GTK_WINDOW (dialog), "save");
  edited = tsu_store_load (f->store, TSU_TYPE_TEAM_MEMBER, tsu_record_get_id (TSU_RECORD (member)), NULL);
  g_assert_cmpstr (tsu_team_member_get_role (edited), ==, "訪問看護（主担当）");
  g_assert_cmpint (tsu_team_member_get_person_id (edited), ==, tsu_record_get_id (TSU_RECORD (nurse)));
  g_assert_cmpint (tsu_team_member_get_agency_id (edited), ==, tsu_record_get_id (TSU_RECORD (nursing)));
  g_assert_true (shows (GTK_WIDGET (view), "訪問看護（主担当）"));

  /* The same person twice on the team, or a second consent in force for one agency,
   * cannot be saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.add-member", NULL));
  settle ();
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  n = 0;
  g_assert_true (tsu_choice_set_id (find_nth_drop_down (GTK_WIDGET (dialog), &n),
                                    tsu_record_get_id (TSU_RECORD (nurse))));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_true (shows (GTK_WIDGET (dialog), "already on the team"));
  respond (GTK_WINDOW (dialog), "cancel");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.add-consent", NULL));
  settle ();
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  n = 0;
  g_assert_true (tsu_choice_set_id (find_nth_drop_down (GTK_WIDGET (dialog), &n),
                                    tsu_record_get_id (TSU_RECORD (nursing))));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  screenshot (GTK_WIDGET (dialog), "record-consent-duplicate");
  respond (GTK_WINDOW (dialog), "cancel");

  /* The consent: a withdrawal before the consent was given is refused; typed in the
   * Japanese era, it is kept as a date. */
  dialog = tsu_case_view_edit_consent (view, consent);
  g_assert_nonnull (dialog);
  settle ();
  row = find_entry_row (GTK_WIDGET (dialog), "_Given on");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2025-04-01");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (dialog), "_Scope")), "医療情報、学校生活");
  row = find_entry_row (GTK_WIDGET (dialog), "_Withdrawn on");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "2025-03-01");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_true (shows (GTK_WIDGET (dialog), "Consent cannot be withdrawn before it was given."));
  screenshot (GTK_WIDGET (dialog), "edit-consent-invalid");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (dialog), "_Withdrawn on")), "令和7年6月1日");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  screenshot (GTK_WIDGET (dialog), "edit-consent");
  respond (GTK_WINDOW (dialog), "save");
  withdrawn = tsu_store_load (f->store, TSU_TYPE_CONSENT, tsu_record_get_id (TSU_RECORD (consent)), NULL);
  g_assert_cmpstr (tsu_consent_get_given_on (withdrawn), ==, "2025-04-01");
  g_assert_cmpstr (tsu_consent_get_withdrawn_on (withdrawn), ==, "2025-06-01");
  g_assert_cmpstr (tsu_consent_get_scope (withdrawn), ==, "医療情報、学校生活");
  g_assert_true (shows (GTK_WIDGET (view), "withdrawn on 2025-06-01"));
  scroll_down (GTK_WIDGET (view));
  screenshot (GTK_WIDGET (f->window), "case-page-withdrawn");
}

/* The date field: typed in several ways, or picked on the calendar */

static gboolean
popover_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (tsu_date_entry_get_calendar (data)));
}

static void
test_date_entry (Fixture       *f,
                 gconstpointer  data)
{
  static const struct { const char *typed; const char *date; } forms[] = {
    { "2026-04-01", "2026-04-01" },
    { "2026/4/1", "2026-04-01" },
    { "２０２６－０４－０１", "2026-04-01" },
    { "2026年4月1日", "2026-04-01" },
    { "20260401", "2026-04-01" },
    { "令和8年4月1日", "2026-04-01" },
    { "令和元年5月1日", "2019-05-01" },
    { "R8.4.1", "2026-04-01" },
    { "H31/4/30", "2019-04-30" },
    { "平成元年1月8日", "1989-01-08" },
    { "昭和64年1月7日", "1989-01-07" },
    { "令和元年4月30日", NULL },
    { "2026-02-30", NULL },
    { "2026-13-01", NULL },
    { "明日", NULL },
    { "4/1", NULL },
  };
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(TsuCase) saved = NULL;
  g_autoptr(GDateTime) day = NULL;
  const char *problem = NULL;
  TsuCaseView *view;
  GtkWindow *editor;
  GtkWidget *birth;
  GtkWidget *popover;
  gpointer weak;

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *date = tsu_date_entry_parse (forms[i].typed, &problem);

      g_assert_cmpstr (date, ==, forms[i].date);
      g_assert_true ((problem == NULL) == (forms[i].date != NULL));
    }
  g_assert_null (tsu_date_entry_parse ("  ", &problem));
  g_assert_null (problem);

  tsu_case_set_code (kase, "C-2099-0600");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (kase), NULL));
  view = open_case (f, kase);
  editor = tsu_case_view_edit_case (view);
  g_assert_true (wait_for (is_mapped, editor, 10));
  settle ();
  birth = find_entry_row (GTK_WIDGET (editor), "Birth Date");
  g_assert_true (TSU_IS_DATE_ENTRY (birth));

  /* Picked on the calendar. */
  tsu_date_entry_popup (TSU_DATE_ENTRY (birth));
  g_assert_true (wait_for (popover_mapped, birth, 10));
  day = g_date_time_new_local (2019, 5, 2, 0, 0, 0);
  gtk_calendar_select_day (tsu_date_entry_get_calendar (TSU_DATE_ENTRY (birth)), day);
  g_signal_emit_by_name (tsu_date_entry_get_calendar (TSU_DATE_ENTRY (birth)), "day-selected");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, "2019-05-02");
  popover = gtk_widget_get_ancestor (GTK_WIDGET (tsu_date_entry_get_calendar (TSU_DATE_ENTRY (birth))),
                                     GTK_TYPE_POPOVER);
  screenshot (popover, "date-picker-popover");
  screenshot (GTK_WIDGET (editor), "date-picker-editor");
  gtk_popover_popdown (GTK_POPOVER (popover));
  settle ();
  /* The day written out stands beside it. */
  g_assert_true (shows (birth, "2019"));

  /* Typed in the era: the field keeps it as a date. */
  gtk_editable_set_text (GTK_EDITABLE (birth), "令和元年5月3日");
  g_assert_true (shows (birth, "May 3, 2019"));
  gtk_editable_set_text (GTK_EDITABLE (birth), "令和9年1月1日");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_true (shows (GTK_WIDGET (editor), "The birth date is in the future."));
  gtk_editable_set_text (GTK_EDITABLE (birth), "令和元年5月3日");
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (wait_for (is_gone, &weak, 10));
  saved = tsu_store_load (f->store, TSU_TYPE_CASE, tsu_record_get_id (TSU_RECORD (kase)), NULL);
  g_assert_cmpstr (tsu_case_get_birth_date (saved), ==, "2019-05-03");
  settle ();
  g_assert_true (shows (GTK_WIDGET (view), "2019-05-03"));
}

/* Only with TSU_SCREENSHOT_DIR: the case page and its dialogs, without checks on
 * their words, so that a translated run (LANG and TSUNAGU_LOCALEDIR) pictures them too */

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TsuMunicipality) town = municipality_in (f->store, "西部", TRUE);
  g_autoptr(TsuAgency) nursing = add_agency (f->store, "ひまわり訪問看護ステーション", town, NULL);
  g_autoptr(TsuAgency) school = add_agency (f->store, "県立けやき特別支援学校", town, NULL);
  g_autoptr(TsuPerson) nurse = add_person (f->store, "看護 花子", nursing);
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(GListModel) team = NULL;
  g_autoptr(GListModel) consents = NULL;
  g_autoptr(TsuTeamMember) member = NULL;
  g_autoptr(TsuConsent) consent = NULL;
  g_autoptr(TsuConsultation) call = tsu_consultation_new ();
  AdwMessageDialog *dialog;
  TsuCaseView *view;
  GtkWindow *editor;
  GtkWidget *birth;
  gpointer weak;

  tsu_case_set_code (kase, "C-2099-0700");
  tsu_case_set_child_name (kase, "川島 ひなた");
  tsu_case_set_birth_date (kase, "2019-05-02");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (kase), NULL));
  add_member (f->store, kase, nurse, nursing, "訪問看護");
  add_member (f->store, kase, NULL, school, "学校");
  add_consent (f->store, kase, nursing, "2025-04-01", NULL);
  tsu_consultation_set_case_id (call, tsu_record_get_id (TSU_RECORD (kase)));
  tsu_consultation_set_channel (call, "phone");
  tsu_consultation_set_topics (call, "就学の相談");
  tsu_consultation_set_occurred_at (call, g_get_real_time () / G_USEC_PER_SEC - 3600);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (call), NULL));
  team = tsu_store_list_by (f->store, TSU_TYPE_TEAM_MEMBER, "case_id",
                            tsu_record_get_id (TSU_RECORD (kase)), "id", NULL);
  member = g_list_model_get_item (team, 0);
  consents = tsu_store_list_by (f->store, TSU_TYPE_CONSENT, "case_id",
                                tsu_record_get_id (TSU_RECORD (kase)), NULL, NULL);
  consent = g_list_model_get_item (consents, 0);

  view = open_case (f, kase);
  screenshot (GTK_WIDGET (f->window), "i18n-case-page-top");
  scroll_down (GTK_WIDGET (view));
  screenshot (GTK_WIDGET (f->window), "i18n-case-page-team");

  dialog = tsu_case_view_delete_case (view);
  screenshot (GTK_WIDGET (dialog), "i18n-delete-case");
  respond (GTK_WINDOW (dialog), "cancel");
  dialog = tsu_case_view_edit_member (view, member);
  screenshot (GTK_WIDGET (dialog), "i18n-edit-member");
  respond (GTK_WINDOW (dialog), "cancel");
  dialog = tsu_case_view_edit_consent (view, consent);
  screenshot (GTK_WIDGET (dialog), "i18n-edit-consent");
  respond (GTK_WINDOW (dialog), "cancel");

  editor = tsu_case_view_edit_case (view);
  g_assert_true (wait_for (is_mapped, editor, 10));
  {
    GtkWidget *found = NULL;
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, editor);
    while (stack->len > 0 && found == NULL)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (TSU_IS_DATE_ENTRY (w) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (w)), "2019-05-02") == 0)
          found = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
    birth = found;
  }
  g_assert_nonnull (birth);
  gtk_widget_grab_focus (birth);
  screenshot (GTK_WIDGET (editor), "i18n-case-editor");
  tsu_date_entry_popup (TSU_DATE_ENTRY (birth));
  g_assert_true (wait_for (popover_mapped, birth, 10));
  screenshot (gtk_widget_get_ancestor (GTK_WIDGET (tsu_date_entry_get_calendar (TSU_DATE_ENTRY (birth))),
                                       GTK_TYPE_POPOVER), "i18n-date-picker");
  gtk_window_destroy (editor);
  settle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.schedule-conference", NULL));
  editor = find_toplevel (TSU_TYPE_MEETING_EDITOR);
  g_assert_true (wait_for (is_mapped, editor, 10));
  settle ();
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (wait_for (is_gone, &weak, 10));
  g_assert_true (wait_for (dialog_open, NULL, 10));
  screenshot (GTK_WIDGET (find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "i18n-schedule-consent");
  respond (find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "leave-out");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("TSUNAGU_LOCALEDIR");
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (localedir != NULL)
    {
      /* gtk_test_init() keeps the C locale; a translated run asks for LANG's. */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  application = tsu_application_new ("io.github.tsunagu.Tsunagu.TestCases", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/gui/directory/csv-import", Fixture, NULL, set_up, test_csv_import, tear_down);
  g_test_add ("/gui/directory/invalid-phone", Fixture, NULL, set_up, test_invalid_phone, tear_down);
  g_test_add ("/gui/directory/service-region", Fixture, NULL, set_up, test_filter_service_region,
              tear_down);
  g_test_add ("/gui/cases/consultation", Fixture, NULL, set_up, test_case_consultation, tear_down);
  g_test_add ("/gui/cases/new-case", Fixture, NULL, set_up, test_new_case, tear_down);
  g_test_add ("/gui/cases/schedule-conference", Fixture, NULL, set_up, test_schedule_conference,
              tear_down);
  g_test_add ("/gui/cases/consent-warning", Fixture, NULL, set_up, test_consent_warning, tear_down);
  g_test_add ("/gui/cases/schedule-consent", Fixture, NULL, set_up, test_schedule_consent, tear_down);
  g_test_add ("/gui/cases/delete", Fixture, NULL, set_up, test_delete_case, tear_down);
  g_test_add ("/gui/cases/edit-team-consent", Fixture, NULL, set_up, test_edit_team_consent,
              tear_down);
  g_test_add ("/gui/cases/date-entry", Fixture, NULL, set_up, test_date_entry, tear_down);
  if (g_getenv ("TSU_SCREENSHOT_DIR") != NULL)
    g_test_add ("/gui/cases/screenshots", Fixture, NULL, set_up, test_screenshots, tear_down);

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
