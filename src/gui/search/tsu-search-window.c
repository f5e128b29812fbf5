/* tsu-search-window.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-search-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tsu-search-window.h"
#include "tsu-settings.h"

/* The global search (Ctrl+F). Each query runs off the main thread in a store of the
 * window's own on the same file; a newer query makes the results of older ones stale,
 * and a generation counter drops them. Hits come grouped by kind with the words found
 * in bold; Enter opens the first (or selected) hit. With "hide names" on, a case is
 * shown by its code only: its snippet would hold the child's name. */

#define SEARCH_LIMIT 200

typedef struct {
  char   *kind;
  gint64  ref_id;
  gint64  meeting_id;
  char   *title;
  char   *snippet;
} Result;

typedef struct {
  TsuSearchWindow *self;
  char            *query;
  gint             generation;
  gboolean         good_practice;
} Job;

struct _TsuSearchWindow
{
  AdwWindow        parent_instance;

  TsuStore        *store;
  GtkWindow       *main_window;   /* weak */
  GSettings       *settings;
  GCancellable    *cancellable;
  gint             generation;    /* atomic: read by the worker */
  GPtrArray       *shown;         /* Result */

  GMutex           lock;
  TsuStore        *worker_store;  /* under lock */

  GtkSearchEntry  *entry;
  GtkToggleButton *good_practice_button;
  GtkListBox      *results;
  GtkStack        *stack;
};

G_DEFINE_FINAL_TYPE (TsuSearchWindow, tsu_search_window, ADW_TYPE_WINDOW)

static const struct {
  const char *kind;
  const char *label;
} kinds[] = {
  { "case", N_("Cases") },
  { "agency", N_("Agencies") },
  { "person", N_("Persons") },
  { "meeting", N_("Meetings") },
  { "agenda", N_("Agenda Items") },
  { "minutes", N_("Minutes") },
  { "discussion", N_("Discussion") },
  { "decision", N_("Decisions") },
};

static void
result_free (Result *r)
{
  g_free (r->kind);
  g_free (r->title);
  g_free (r->snippet);
  g_free (r);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_free (job->query);
  g_free (job);
}

static guint
kind_rank (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].kind, kind))
      return i;
  return G_N_ELEMENTS (kinds);
}

static int
compare_results (gconstpointer a,
                 gconstpointer b)
{
  const Result *ra = *(Result **) a, *rb = *(Result **) b;

  return (int) kind_rank (ra->kind) - (int) kind_rank (rb->kind);
}

/* Worker thread */

static gint64
query_int (TsuStore   *store,
           const char *sql,
           gint64      id)
{
  sqlite3_stmt *stmt = tsu_database_prepare (tsu_store_get_database (store), sql, NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gint64
meeting_of (TsuStore   *store,
            const char *kind,
            gint64      id)
{
  if (g_str_equal (kind, "meeting"))
    return id;
  if (g_str_equal (kind, "agenda"))
    return query_int (store, "SELECT meeting_id FROM agenda_item WHERE id = ?", id);
  if (g_str_equal (kind, "minutes"))
    return query_int (store, "SELECT meeting_id FROM minutes WHERE id = ?", id);
  if (g_str_equal (kind, "discussion"))
    return query_int (store, "SELECT m.meeting_id FROM discussion d JOIN minutes m ON m.id = d.minutes_id WHERE d.id = ?", id);
  if (g_str_equal (kind, "decision"))
    return query_int (store, "SELECT m.meeting_id FROM decision d JOIN minutes m ON m.id = d.minutes_id WHERE d.id = ?", id);
  return 0;
}

static GPtrArray *
good_practice_all (TsuStore  *store,
                   GError   **error)
{
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
  sqlite3_stmt *stmt = tsu_database_prepare (tsu_store_get_database (store),
                                             "SELECT id, body FROM decision WHERE good_practice "
                                             "ORDER BY id DESC LIMIT 200", error);

  if (stmt == NULL)
    {
      g_ptr_array_unref (results);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Result *r = g_new0 (Result, 1);

      r->kind = g_strdup ("decision");
      r->ref_id = sqlite3_column_int64 (stmt, 0);
      r->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      r->snippet = g_strdup ("");
      g_ptr_array_add (results, r);
    }
  sqlite3_reset (stmt);
  return results;
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  TsuSearchWindow *self = job->self;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  /* A newer query is already waiting: this one's answer would be dropped anyway. */
  if (job->generation != g_atomic_int_get (&self->generation))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (self->worker_store == NULL)
    {
      self->worker_store = tsu_store_open (tsu_database_get_path (tsu_store_get_database (self->store)),
                                           &error);
      if (self->worker_store == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (job->good_practice && *job->query == '\0')
    results = good_practice_all (self->worker_store, &error);
  else
    {
      g_autoptr(GListModel) hits = tsu_store_search (self->worker_store, job->query,
                                                     job->good_practice ? 1000 : SEARCH_LIMIT, &error);

      if (hits != NULL)
        {
          results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
          for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
            {
              g_autoptr(TsuSearchHit) hit = g_list_model_get_item (hits, i);
              const char *kind = tsu_search_hit_get_kind (hit);
              Result *r;

              if (job->good_practice &&
                  (!g_str_equal (kind, "decision") ||
                   query_int (self->worker_store, "SELECT good_practice FROM decision WHERE id = ?",
                              tsu_search_hit_get_ref_id (hit)) == 0))
                continue;
              r = g_new0 (Result, 1);
              r->kind = g_strdup (kind);
              r->ref_id = tsu_search_hit_get_ref_id (hit);
              r->title = g_strdup (tsu_search_hit_get_title (hit));
              r->snippet = g_strdup (tsu_search_hit_get_snippet (hit));
              g_ptr_array_add (results, r);
            }
        }
    }
  if (results == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < results->len; i++)
    {
      Result *r = g_ptr_array_index (results, i);

      r->meeting_id = meeting_of (self->worker_store, r->kind, r->ref_id);
    }
  g_ptr_array_sort (results, compare_results);
  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

/* Main thread */

/**
 * tsu_search_markup:
 * @text: plain text
 * @query: the words searched for
 *
 * Returns: (transfer full): @text as Pango markup, every word of @query in bold
 */
char *
tsu_search_markup (const char *text,
                   const char *query)
{
  g_auto(GStrv) terms = g_strsplit_set (query ? query : "", " \t\u3000", -1);
  g_autofree char *lower = g_ascii_strdown (text ? text : "", -1);
  g_autoptr(GString) markup = g_string_new (NULL);
  gsize len = strlen (lower);
  gsize i = 0, plain_start = 0;

  while (i < len)
    {
      gsize match = 0;

      for (guint t = 0; terms[t] != NULL; t++)
        {
          g_autofree char *term = g_ascii_strdown (terms[t], -1);
          gsize tl = strlen (term);

          if (tl > 0 && tl > match && strncmp (lower + i, term, tl) == 0)
            match = tl;
        }
      if (match > 0)
        {
          g_autofree char *before = g_markup_escape_text (text + plain_start, i - plain_start);
          g_autofree char *hit = g_markup_escape_text (text + i, match);

          g_string_append_printf (markup, "%s<b>%s</b>", before, hit);
          i += match;
          plain_start = i;
        }
      else
        i = g_utf8_next_char (text + i) - text;
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + plain_start, len - plain_start);

    g_string_append (markup, rest);
  }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "kind");
  const char *previous = before ? g_object_get_data (G_OBJECT (before), "kind") : NULL;
  GtkWidget *label;
  guint rank;

  if (g_strcmp0 (kind, previous) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  rank = kind_rank (kind);
  label = gtk_label_new (rank < G_N_ELEMENTS (kinds) ? _(kinds[rank].label) : kind);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_top (label, before ? 12 : 6);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_box_row_set_header (row, label);
}

static GtkWidget *
result_row (TsuSearchWindow *self,
            Result          *r,
            const char      *query)
{
  gboolean hide = g_str_equal (r->kind, "case") && g_settings_get_boolean (self->settings, "hide-names");
  g_autofree char *title = tsu_search_markup (r->title, query);
  g_autofree char *snippet = hide ? NULL : tsu_search_markup (r->snippet, query);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), *title != '\0' ? title : "…");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  /* A screen reader reads the row by the title it shows. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
  if (snippet != NULL && *snippet != '\0' && g_strcmp0 (r->snippet, r->title) != 0)
    {
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), snippet);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "kind", (gpointer) kinds[MIN (kind_rank (r->kind), G_N_ELEMENTS (kinds) - 1)].kind);
  g_object_set_data (G_OBJECT (row), "result", r);
  return row;
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TsuSearchWindow *self = TSU_SEARCH_WINDOW (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *child;

  if (job->generation != g_atomic_int_get (&self->generation) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;
  if (results == NULL)
    {
      if (error != NULL)
        g_warning ("Search failed: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  self->shown = g_steal_pointer (&results);
  for (guint i = 0; i < self->shown->len; i++)
    gtk_list_box_append (self->results, result_row (self, g_ptr_array_index (self->shown, i), job->query));
  gtk_stack_set_visible_child_name (self->stack, self->shown->len > 0 ? "results" : "empty");
  if (self->shown->len > 0)
    gtk_list_box_select_row (self->results, gtk_list_box_get_row_at_index (self->results, 0));
}

static void
search_changed_cb (TsuSearchWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *query = NULL;
  gboolean good_practice;
  Job *job;

  if (self->entry == NULL || self->store == NULL)
    return;
  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  good_practice = gtk_toggle_button_get_active (self->good_practice_button);
  g_atomic_int_inc (&self->generation);
  if (*query == '\0' && !good_practice)
    {
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->query = g_steal_pointer (&query);
  job->generation = g_atomic_int_get (&self->generation);
  job->good_practice = good_practice;
  task = g_task_new (self, self->cancellable, search_cb, NULL);
  g_task_set_source_tag (task, search_changed_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, search_thread);
}

static void
row_activated_cb (TsuSearchWindow *self,
                  GtkListBoxRow   *row)
{
  Result *r = g_object_get_data (G_OBJECT (row), "result");
  GtkWidget *main_window = GTK_WIDGET (self->main_window);

  if (r == NULL || main_window == NULL)
    return;
  if (g_str_equal (r->kind, "case"))
    gtk_widget_activate_action (main_window, "win.open-case", "x", r->ref_id);
  else if (g_str_equal (r->kind, "agency") || g_str_equal (r->kind, "person"))
    gtk_widget_activate_action (main_window, "win.show-page", "s", "directory");
  else if (r->meeting_id != 0)
    gtk_widget_activate_action (main_window, "win.open-meeting", "(xx)", r->meeting_id, (gint64) 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
entry_activate_cb (TsuSearchWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results);

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->results, 0);
  if (row != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "results"))
    row_activated_cb (self, row);
}

static void
stop_search_cb (TsuSearchWindow *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
tsu_search_window_dispose (GObject *object)
{
  TsuSearchWindow *self = TSU_SEARCH_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->main_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->main_window), (gpointer *) &self->main_window);
  self->main_window = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_SEARCH_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (tsu_search_window_parent_class)->dispose (object);
}

static void
tsu_search_window_finalize (GObject *object)
{
  TsuSearchWindow *self = TSU_SEARCH_WINDOW (object);

  g_clear_object (&self->worker_store);
  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tsu_search_window_parent_class)->finalize (object);
}

static void
tsu_search_window_class_init (TsuSearchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_search_window_dispose;
  object_class->finalize = tsu_search_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-search-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuSearchWindow, entry);
  gtk_widget_class_bind_template_child (widget_class, TsuSearchWindow, good_practice_button);
  gtk_widget_class_bind_template_child (widget_class, TsuSearchWindow, results);
  gtk_widget_class_bind_template_child (widget_class, TsuSearchWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsu_search_window_init (TsuSearchWindow *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->results, header_func, NULL, NULL);
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self));
}

/**
 * tsu_search_window_new:
 * @parent: the main window, where hits are opened
 * @store: the store searched
 *
 * Returns: (transfer floating): a new search window
 */
TsuSearchWindow *
tsu_search_window_new (GtkWindow *parent,
                       TsuStore  *store)
{
  TsuSearchWindow *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  self = g_object_new (TSU_TYPE_SEARCH_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->main_window = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &self->main_window);
  return self;
}

void
tsu_search_window_set_query (TsuSearchWindow *self,
                             const char      *query,
                             gboolean         good_practice)
{
  g_return_if_fail (TSU_IS_SEARCH_WINDOW (self));

  gtk_toggle_button_set_active (self->good_practice_button, good_practice);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), query);
  search_changed_cb (self);
}

guint
tsu_search_window_get_n_results (TsuSearchWindow *self)
{
  g_return_val_if_fail (TSU_IS_SEARCH_WINDOW (self), 0);
  return self->shown != NULL ? self->shown->len : 0;
}
