/* test-gui-cases.c: the directory and the cases, driven like a person would
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tsu-agency-editor.h"
#include "tsu-application.h"
#include "tsu-case-view.h"
#include "tsu-consultation-editor.h"
#include "tsu-csv-import-dialog.h"
#include "tsu-demo.h"
#include "tsu-meeting-editor.h"
#include "tsu-meeting-window.h"
#include "tsu-settings.h"
#include "tsu-window.h"

/* Runs the real widgets under Xvfb, on a fresh database per test. With
 * TSU_SCREENSHOT_DIR set, each step also leaves a PNG of what was on screen. */

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

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

  status = g_test_run ();
  g_clear_object (&application);
  return status;
}
