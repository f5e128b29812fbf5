/* tsu-calendar-page.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-agenda-view.h"
#include "tsu-calendar-draw.h"
#include "tsu-calendar-page.h"
#include "tsu-calendar-sidebar.h"
#include "tsu-document-print.h"
#include "tsu-format.h"
#include "tsu-menu-button.h"
#include "tsu-ics-import-dialog.h"
#include "tsu-meeting-move.h"
#include "tsu-month-view.h"
#include "tsu-settings.h"
#include "tsu-week-view.h"
#include "tsu-window.h"

/* The shared calendar: a month, a week or an agenda (a list by day), a header with
 * Today, previous/next, the period shown, "New Meeting" and a menu (import an .ics file;
 * preview, print or save as PDF the month shown), and a sidebar with a small calendar
 * and the filters. An .ics file dropped on the page opens the import's preview.
 *
 * Month and week read only the meetings of the days they show
 * (tsu_store_list_occurrences() is indexed by start), filter them with the sidebar and
 * hand them to the view, which lays them out and draws them itself. The agenda reads
 * month by month as it scrolls. A change in the store reads the period again. */

struct _TsuCalendarPage
{
  AdwBin              parent_instance;

  TsuStore           *store;
  GSettings          *settings;
  gboolean            loaded;         /* read when first shown */
  gboolean            sidebar_placed; /* shown or folded away, when first mapped */
  guint               reload_idle;
  char               *view;           /* "month", "week" or "agenda" */
  GDate               selected;
  GListStore         *shown;          /* the occurrences month or week shows */
  GPtrArray          *shown_array;    /* the same, as read */
  GPtrArray          *to_release;     /* arrays of occurrences shown before */
  GPtrArray          *models_to_release;  /* and months read ahead, no longer needed */
  guint               release_idle;
  GArray             *read_ahead;     /* of ReadAhead: the month shown and its neighbours */
  guint               read_ahead_idle;

  TsuAgendaView      *agenda_view;
  AdwFlap            *flap;
  TsuMonthView       *month_view;
  TsuCalendarSidebar *sidebar;
  GMenuModel         *calendar_menu;
  GtkMenuButton      *menu_button;
  GtkInscription     *title_label;
  GtkStack           *view_stack;
  TsuWeekView        *week_view;
};

G_DEFINE_FINAL_TYPE (TsuCalendarPage, tsu_calendar_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Reading */

/* The meetings of a month's grid, read before the sidebar's filters: the month shown,
 * and the months before and after it, read while the window is idle, so that paging
 * through months does not wait for the file. Forgotten whenever the store changes
 * (its own writes and, through its watcher, those of other programs). */
typedef struct {
  gint64      from;
  gint64      to;
  GListModel *all;
} ReadAhead;

static void
read_ahead_clear (gpointer data)
{
  ReadAhead *ahead = data;

  g_clear_object (&ahead->all);
}

static void
forget_read_ahead (TsuCalendarPage *self)
{
  g_clear_handle_id (&self->read_ahead_idle, g_source_remove);
  if (self->read_ahead != NULL)
    g_array_set_size (self->read_ahead, 0);
}

/* Every occurrence of [@from, @to), the one read ahead if there is one; kept for
 * later when @keep. */
static GListModel *
list_range (TsuCalendarPage  *self,
            gint64            from,
            gint64            to,
            gboolean          keep,
            GError          **error)
{
  ReadAhead ahead = { from, to, NULL };

  for (guint i = 0; i < self->read_ahead->len; i++)
    {
      ReadAhead *known = &g_array_index (self->read_ahead, ReadAhead, i);

      if (known->from == from && known->to == to)
        return g_object_ref (known->all);
    }

  ahead.all = tsu_store_list_occurrences (self->store, from, to, error);
  if (ahead.all == NULL)
    return NULL;
  if (keep)
    {
      g_object_ref (ahead.all);
      g_array_append_val (self->read_ahead, ahead);
    }
  return ahead.all;
}

static GPtrArray *
read_range (TsuCalendarPage *self,
            gint64           from,
            gint64           to,
            gboolean         starting_only)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean filtering;
  guint n;

  if (self->store == NULL)
    return out;

  /* Only month grids are read ahead. */
  all = list_range (self, from, to, g_strcmp0 (self->view, "month") == 0 && !starting_only, &error);
  if (all == NULL)
    {
      GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), TSU_TYPE_WINDOW);

      g_warning ("Cannot list the meetings: %s", error->message);
      if (window != NULL)
        tsu_window_add_toast (TSU_WINDOW (window), adw_toast_new (error->message));
      return out;
    }

  /* Without a filter every meeting is shown: a month at scale 10 holds thousands. */
  filtering = tsu_calendar_sidebar_is_filtering (self->sidebar);
  n = g_list_model_get_n_items (all);
  for (guint i = 0; i < n; i++)
    {
      TsuOccurrence *o = g_list_model_get_item (all, i);

      if ((!starting_only || tsu_occurrence_get_starts_at (o) >= from) &&
          (!filtering || tsu_calendar_sidebar_matches (self->sidebar, o)))
        g_ptr_array_add (out, o);
      else
        g_object_unref (o);
    }
  return out;
}

static GPtrArray *
agenda_load (gint64   from,
             gint64   to,
             gpointer user_data)
{
  return read_range (user_data, from, to, TRUE);
}

static void
update_title (TsuCalendarPage *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *title = NULL;
  GDate shown = self->selected;

  if (g_strcmp0 (self->view, "agenda") == 0)
    tsu_agenda_view_get_top_day (self->agenda_view, &shown);

  day = g_date_time_new (tsu_format_get_time_zone (), g_date_get_year (&shown),
                         g_date_get_month (&shown), g_date_get_day (&shown), 12, 0, 0);
  /* Translators: the month shown in the calendar's header, in the format of
   * g_date_time_format(); e.g. "%Y年%-m月" for Japanese */
  title = g_date_time_format (day, _("%B %Y"));
  /* An inscription, not a label: its size does not follow its text, so a new month
   * repaints the title instead of laying out the whole window again (about 1 ms
   * of every move). */
  gtk_inscription_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title_label), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static gboolean release_idle_cb (gpointer data);

/* The grids of the months before and after the one selected. */
static void
neighbour_ranges (TsuCalendarPage *self,
                  gint64           from[2],
                  gint64           to[2])
{
  GDate month;

  g_date_clear (&month, 1);
  g_date_set_dmy (&month, 1, g_date_get_month (&self->selected), g_date_get_year (&self->selected));
  g_date_subtract_months (&month, 1);
  tsu_month_view_get_grid_range (&month, &from[0], &to[0]);
  g_date_add_months (&month, 2);
  tsu_month_view_get_grid_range (&month, &from[1], &to[1]);
}

/* Reads one neighbour of the month shown that is not read yet, at a time. */
static gboolean
read_ahead_idle_cb (gpointer data)
{
  TsuCalendarPage *self = data;
  gint64 from[2], to[2];

  if (self->store == NULL || g_strcmp0 (self->view, "month") != 0)
    {
      self->read_ahead_idle = 0;
      return G_SOURCE_REMOVE;
    }

  neighbour_ranges (self, from, to);
  for (guint n = 0; n < 2; n++)
    {
      g_autoptr(GListModel) all = NULL;
      gboolean known = FALSE;

      for (guint i = 0; i < self->read_ahead->len && !known; i++)
        known = g_array_index (self->read_ahead, ReadAhead, i).from == from[n];
      if (known)
        continue;

      /* An error shows when that month is shown. */
      all = list_range (self, from[n], to[n], TRUE, NULL);
      if (all != NULL)
        return G_SOURCE_CONTINUE;
      break;
    }
  self->read_ahead_idle = 0;
  return G_SOURCE_REMOVE;
}

/* Keeps what was read of the month shown and its neighbours, and reads the
 * neighbours once the window is idle. */
static void
read_ahead_around (TsuCalendarPage *self,
                   gint64           shown_from)
{
  gint64 from[2], to[2];

  neighbour_ranges (self, from, to);
  for (guint i = self->read_ahead->len; i > 0; i--)
    {
      gint64 known = g_array_index (self->read_ahead, ReadAhead, i - 1).from;

      if (known != shown_from && known != from[0] && known != from[1])
        {
          /* Freed once the new month is painted, like the occurrences shown before. */
          g_ptr_array_add (self->models_to_release,
                           g_steal_pointer (&g_array_index (self->read_ahead, ReadAhead, i - 1).all));
          g_array_remove_index_fast (self->read_ahead, i - 1);
          if (self->release_idle == 0)
            self->release_idle = g_idle_add_full (G_PRIORITY_LOW, release_idle_cb, self, NULL);
        }
    }
  if (self->read_ahead_idle == 0)
    self->read_ahead_idle = g_idle_add_full (G_PRIORITY_LOW, read_ahead_idle_cb, self, NULL);
}

static gboolean
release_idle_cb (gpointer data)
{
  TsuCalendarPage *self = data;

  self->release_idle = 0;
  g_ptr_array_set_size (self->to_release, 0);
  g_ptr_array_set_size (self->models_to_release, 0);
  return G_SOURCE_REMOVE;
}

static void
reload (TsuCalendarPage *self)
{
  g_autoptr(GPtrArray) occurrences = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 from, to;

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  self->loaded = TRUE;
  update_title (self);
  tsu_calendar_sidebar_set_date (self->sidebar, &self->selected);

  if (g_strcmp0 (self->view, "agenda") == 0)
    {
      tsu_agenda_view_show_day (self->agenda_view, &self->selected);
      return;
    }

  if (g_strcmp0 (self->view, "week") == 0)
    {
      tsu_week_view_get_range (&self->selected, &from, &to);
      occurrences = read_range (self, from, to, FALSE);
      tsu_week_view_set_range (self->week_view, &self->selected);
      tsu_week_view_set_occurrences (self->week_view, occurrences);
    }
  else
    {
      tsu_month_view_get_grid_range (&self->selected, &from, &to);
      occurrences = read_range (self, from, to, FALSE);
      tsu_month_view_set_range (self->month_view, &self->selected, &self->selected);
      tsu_month_view_set_occurrences (self->month_view, occurrences);
      read_ahead_around (self, from);
    }

  /* The occurrences of the period before (a few thousand objects in a busy month)
   * take about as long to free as to read: they go once the new one is painted. */
  if (self->shown_array != NULL)
    {
      g_ptr_array_add (self->to_release, g_steal_pointer (&self->shown_array));
      if (self->release_idle == 0)
        self->release_idle = g_idle_add_full (G_PRIORITY_LOW, release_idle_cb, self, NULL);
    }
  self->shown_array = g_ptr_array_ref (occurrences);
  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       occurrences->pdata, occurrences->len);

  g_debug ("%s of %04u-%02u: %u meetings read and laid out in %.2f ms",
           self->view, g_date_get_year (&self->selected), g_date_get_month (&self->selected),
           occurrences->len, (g_get_monotonic_time () - started) / 1000.0);
}

static gboolean
reload_idle_cb (gpointer data)
{
  TsuCalendarPage *self = data;

  self->reload_idle = 0;
  if (g_strcmp0 (self->view, "agenda") == 0)
    {
      tsu_agenda_view_reload (self->agenda_view);
      return G_SOURCE_REMOVE;
    }
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (TsuCalendarPage *self)
{
  if (self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle_cb, self);
}

static void
store_changed_cb (TsuStore        *store,
                  const char      *table,
                  TsuCalendarPage *self)
{
  forget_read_ahead (self);
  if (g_strcmp0 (table, "child_case") == 0 || g_strcmp0 (table, "municipality") == 0 ||
      g_strcmp0 (table, "person") == 0)
    tsu_calendar_sidebar_refresh (self->sidebar);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    schedule_reload (self);
  else
    self->loaded = FALSE;
}

/* Moving */

static void
select_day (TsuCalendarPage *self,
            const GDate     *day)
{
  gboolean same_period;

  if (!g_date_valid (day))
    return;

  if (g_strcmp0 (self->view, "week") == 0)
    {
      GDate a, b;

      tsu_calendar_week_start (&self->selected, &a);
      tsu_calendar_week_start (day, &b);
      same_period = g_date_compare (&a, &b) == 0;
    }
  else
    same_period = g_date_get_month (day) == g_date_get_month (&self->selected) &&
                  g_date_get_year (day) == g_date_get_year (&self->selected);

  self->selected = *day;
  if (same_period && g_strcmp0 (self->view, "agenda") != 0)
    {
      /* Only the selection moves: nothing to read. */
      if (g_strcmp0 (self->view, "week") == 0)
        tsu_week_view_set_range (self->week_view, day);
      else
        tsu_month_view_set_range (self->month_view, day, day);
      tsu_calendar_sidebar_set_date (self->sidebar, day);
      update_title (self);
      return;
    }
  reload (self);
}

static void
day_selected_cb (TsuCalendarPage *self,
                 guint            julian)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_julian (&day, julian);
  select_day (self, &day);
}

static void
show_day_cb (TsuCalendarPage *self,
             guint            julian)
{
  g_date_clear (&self->selected, 1);
  g_date_set_julian (&self->selected, julian);
  tsu_calendar_page_set_view (self, "agenda");
}

/* A meeting dragged in the month or week view. */
static void
move_occurrence_cb (TsuCalendarPage *self,
                    TsuOccurrence   *occurrence,
                    gint64           starts_at,
                    GtkWidget       *view)
{
  g_autoptr(TsuMeetingMove) move = NULL;

  if (self->store == NULL)
    return;
  move = tsu_meeting_move_new (self->store, occurrence, starts_at);
  tsu_meeting_move_run (move, view);
}

static void
sidebar_date_chosen_cb (TsuCalendarPage *self,
                        guint            julian)
{
  day_selected_cb (self, julian);
}

static void
top_day_changed_cb (TsuCalendarPage *self,
                    guint            julian)
{
  if (g_strcmp0 (self->view, "agenda") == 0)
    update_title (self);
}

static void
filters_changed_cb (TsuCalendarPage *self)
{
  if (self->loaded)
    schedule_reload (self);
}

static void
move_period (TsuCalendarPage *self,
             int              direction)
{
  GDate day = self->selected;

  if (g_strcmp0 (self->view, "week") == 0)
    {
      if (direction > 0)
        g_date_add_days (&day, 7);
      else
        g_date_subtract_days (&day, 7);
    }
  else
    {
      if (g_strcmp0 (self->view, "agenda") == 0)
        tsu_agenda_view_get_top_day (self->agenda_view, &day);
      g_date_set_day (&day, 1);
      if (direction > 0)
        g_date_add_months (&day, 1);
      else
        g_date_subtract_months (&day, 1);
    }
  self->selected = day;
  reload (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_period (TSU_CALENDAR_PAGE (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_period (TSU_CALENDAR_PAGE (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (widget);
  GDate today;

  tsu_calendar_get_today (&today);
  self->selected = today;
  reload (self);
}

static void
focus_view (TsuCalendarPage *self)
{
  if (g_strcmp0 (self->view, "week") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->week_view));
  else if (g_strcmp0 (self->view, "month") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->month_view));
}

/* The month shown, printed: the month of the selected day, or of the agenda's top day. */
static void
visible_month (TsuCalendarPage *self,
               int             *year,
               int             *month)
{
  GDate day = self->selected;

  if (g_strcmp0 (self->view, "agenda") == 0)
    tsu_agenda_view_get_top_day (self->agenda_view, &day);
  if (!g_date_valid (&day))
    tsu_calendar_get_today (&day);
  *year = g_date_get_year (&day);
  *month = g_date_get_month (&day);
}

static void
page_toast (TsuCalendarPage *self,
            const char      *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), TSU_TYPE_WINDOW);

  if (window != NULL)
    tsu_window_add_toast (TSU_WINDOW (window), adw_toast_new (message));
}

static TsuDocument *
month_document (TsuCalendarPage  *self,
                GError          **error)
{
  g_autoptr(TsuDocument) document = NULL;
  int year, month;

  visible_month (self, &year, &month);
  document = tsu_document_month_new (self->store, year, month);
  if (!tsu_document_load (document, error))
    return NULL;
  return g_steal_pointer (&document);
}

/* The preview of src/gui/export, with the month shown. */
static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (widget);
  int year, month;

  visible_month (self, &year, &month);
  gtk_widget_activate_action (widget, "win.preview-month", "(ii)", year, month);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (widget);
  g_autoptr(TsuDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  document = month_document (self, &error);
  if (document == NULL ||
      tsu_document_print (document, GTK_WINDOW (gtk_widget_get_root (widget)),
                          GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL,
                          &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    page_toast (self, error->message);
}

static void
save_pdf_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TsuDocument *document = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  g_autoptr(GError) error = NULL;

  if (!tsu_document_write_pdf (document, file, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_pdf_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (object);
  GFile *file = g_object_get_data (G_OBJECT (result), "file");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    text = g_strdup_printf (_("Cannot save the PDF: %s"), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);

      text = g_strdup_printf (_("Saved as “%s”"), display);
    }
  page_toast (self, text);
}

static void
save_pdf_response_cb (GtkNativeDialog *chooser,
                      int              response,
                      TsuCalendarPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  TsuDocument *document = g_object_get_data (G_OBJECT (chooser), "document");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      /* The document was read on this thread; the thread only draws it. */
      task = g_task_new (self, NULL, save_pdf_done_cb, NULL);
      g_task_set_source_tag (task, save_pdf_response_cb);
      g_task_set_task_data (task, g_object_ref (document), g_object_unref);
      g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
      g_task_run_in_thread (task, save_pdf_thread);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (widget);
  g_autoptr(TsuDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;
  document = month_document (self, &error);
  if (document == NULL)
    {
      page_toast (self, error->message);
      return;
    }

  name = g_strconcat (tsu_document_get_title (document), ".pdf", NULL);
  g_strdelimit (name, "/\\:", '_');
  chooser = gtk_file_chooser_native_new (_("Save PDF"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
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
  g_object_set_data_full (G_OBJECT (chooser), "document", g_steal_pointer (&document), g_object_unref);
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_pdf_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* An .ics file dropped on the calendar. */
static gboolean
drop_cb (TsuCalendarPage *self,
         const GValue    *value,
         double           x,
         double           y)
{
  g_autoptr(GFile) file = tsu_ics_import_dialog_file_from_value (value);

  if (file == NULL)
    return FALSE;
  return tsu_calendar_page_import_file (self, file) != NULL;
}

/* Overrides */

static gboolean
unlock_flap_cb (GtkWidget     *flap,
                GdkFrameClock *clock,
                gpointer       data)
{
  /* Ticks come before a frame's layout: the first allocation has been made once the
   * flap has a width. */
  if (gtk_widget_get_width (flap) == 0)
    return G_SOURCE_CONTINUE;
  adw_flap_set_locked (ADW_FLAP (flap), FALSE);
  return G_SOURCE_REMOVE;
}

/* The flap shows the sidebar until it folds away at its first allocation, in a window
 * too narrow for both: that frame would show the sidebar only to hide it. So, before
 * the flap is first mapped, the sidebar is shown only if it will fit beside the
 * calendar, as the flap reckons (natural widths). A sidebar not yet built gives a width
 * above its real one: at worst it starts hidden where it would just have fitted.
 *
 * A hidden sidebar keeps the flap locked until its first allocation: unlocked, the
 * flap would put off folding until the sidebar is next revealed, and reveal it beside
 * the calendar before folding it over. */
static void
place_sidebar (TsuCalendarPage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_WINDOW);
  int width, height, content, sidebar;

  self->sidebar_placed = TRUE;
  if (window == NULL || gtk_window_is_maximized (GTK_WINDOW (window)))
    return;
  width = gtk_widget_get_width (window);
  if (width <= 0)
    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_widget_measure (adw_flap_get_content (self->flap), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &content, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (self->sidebar), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &sidebar, NULL, NULL);
  if (width >= content + sidebar)
    return;
  adw_flap_set_locked (self->flap, TRUE);
  adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_add_tick_callback (GTK_WIDGET (self->flap), unlock_flap_cb, NULL, NULL);
}

static void
tsu_calendar_page_map (GtkWidget *widget)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (widget);

  if (!self->sidebar_placed)
    place_sidebar (self);
  GTK_WIDGET_CLASS (tsu_calendar_page_parent_class)->map (widget);

  if (!self->loaded)
    reload (self);
  focus_view (self);
}

static void
tsu_calendar_page_dispose (GObject *object)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (object);

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->shown);
  g_clear_handle_id (&self->release_idle, g_source_remove);
  g_clear_pointer (&self->to_release, g_ptr_array_unref);
  g_clear_pointer (&self->models_to_release, g_ptr_array_unref);
  forget_read_ahead (self);
  g_clear_pointer (&self->read_ahead, g_array_unref);
  g_clear_pointer (&self->shown_array, g_ptr_array_unref);

  /* AdwBin drops its child itself; the template must not unparent it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_CALENDAR_PAGE);

  G_OBJECT_CLASS (tsu_calendar_page_parent_class)->dispose (object);
}

static void
tsu_calendar_page_finalize (GObject *object)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (object);

  g_clear_pointer (&self->view, g_free);

  G_OBJECT_CLASS (tsu_calendar_page_parent_class)->finalize (object);
}

static void
tsu_calendar_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_calendar_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tsu_calendar_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_VIEW:
      tsu_calendar_page_set_view (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_calendar_page_class_init (TsuCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct {
    guint       key;
    const char *view;
  } view_keys[] = {
    { GDK_KEY_1, "month" },
    { GDK_KEY_2, "week" },
    { GDK_KEY_3, "agenda" },
  };

  object_class->dispose = tsu_calendar_page_dispose;
  object_class->finalize = tsu_calendar_page_finalize;
  object_class->get_property = tsu_calendar_page_get_property;
  object_class->set_property = tsu_calendar_page_set_property;

  widget_class->map = tsu_calendar_page_map;

  /**
   * TsuCalendarPage:store:
   *
   * The store whose meetings the page shows.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TSU_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * TsuCalendarPage:view:
   *
   * How the meetings are shown: "month", "week" or "agenda".
   */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         "month",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TSU_TYPE_AGENDA_VIEW);
  g_type_ensure (TSU_TYPE_CALENDAR_SIDEBAR);
  g_type_ensure (TSU_TYPE_MONTH_VIEW);
  g_type_ensure (TSU_TYPE_WEEK_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, flap);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, month_view);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, calendar_menu);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, week_view);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, move_occurrence_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_day_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_date_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, top_day_changed_cb);

  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_property_action (widget_class, "calendar.view", "view");
  gtk_widget_class_install_action (widget_class, "calendar.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "calendar.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "calendar.save-pdf", NULL, save_pdf_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "calendar.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "calendar.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "calendar.next", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (view_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, view_keys[i].key, GDK_ALT_MASK,
                                         "calendar.view", "s", view_keys[i].view);
}

static void
tsu_calendar_page_init (TsuCalendarPage *self)
{
  g_autofree char *view = NULL;
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  tsu_menu_button_set_menu_model_lazily (self->menu_button, self->calendar_menu);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect_swapped (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  self->shown = g_list_store_new (TSU_TYPE_OCCURRENCE);
  self->to_release = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->models_to_release = g_ptr_array_new_with_free_func (g_object_unref);
  self->read_ahead = g_array_new (FALSE, FALSE, sizeof (ReadAhead));
  g_array_set_clear_func (self->read_ahead, read_ahead_clear);
  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  tsu_calendar_get_today (&self->selected);
  tsu_agenda_view_set_loader (self->agenda_view, agenda_load, self);

  view = g_settings_get_string (self->settings, "calendar-view");
  tsu_calendar_page_set_view (self, view);
}

/**
 * tsu_calendar_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store
 */
TsuStore *
tsu_calendar_page_get_store (TsuCalendarPage *self)
{
  g_return_val_if_fail (TSU_IS_CALENDAR_PAGE (self), NULL);

  return self->store;
}

/**
 * tsu_calendar_page_set_store:
 * @store: (nullable): a store
 *
 * Shows the meetings of @store, read when the page is shown and again after changes.
 */
void
tsu_calendar_page_set_store (TsuCalendarPage *self,
                             TsuStore        *store)
{
  g_return_if_fail (TSU_IS_CALENDAR_PAGE (self));
  g_return_if_fail (store == NULL || TSU_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  forget_read_ahead (self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  tsu_calendar_sidebar_set_store (self->sidebar, store);

  /* A page reads its lists when it is first shown, not while it is hidden. */
  self->loaded = FALSE;
  if (store == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tsu_calendar_page_get_model:
 *
 * Returns: (transfer none) (nullable): the occurrences the current view shows
 */
GListModel *
tsu_calendar_page_get_model (TsuCalendarPage *self)
{
  g_return_val_if_fail (TSU_IS_CALENDAR_PAGE (self), NULL);

  if (g_strcmp0 (self->view, "agenda") == 0)
    return tsu_agenda_view_get_model (self->agenda_view);
  return G_LIST_MODEL (self->shown);
}

const char *
tsu_calendar_page_get_view (TsuCalendarPage *self)
{
  g_return_val_if_fail (TSU_IS_CALENDAR_PAGE (self), NULL);

  return self->view;
}

/**
 * tsu_calendar_page_set_view:
 * @view: "month", "week" or "agenda"
 */
void
tsu_calendar_page_set_view (TsuCalendarPage *self,
                            const char      *view)
{
  g_return_if_fail (TSU_IS_CALENDAR_PAGE (self));

  if (g_strcmp0 (view, "week") != 0 && g_strcmp0 (view, "agenda") != 0)
    view = "month";
  if (g_strcmp0 (view, self->view) == 0)
    return;

  if (g_strcmp0 (self->view, "agenda") == 0)
    tsu_agenda_view_get_top_day (self->agenda_view, &self->selected);

  g_free (self->view);
  self->view = g_strdup (view);
  gtk_stack_set_visible_child_name (self->view_stack, view);
  g_settings_set_string (self->settings, "calendar-view", view);

  if (self->loaded || gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  focus_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/**
 * tsu_calendar_page_get_selected_day:
 * @day: (out caller-allocates): the selected day
 */
void
tsu_calendar_page_get_selected_day (TsuCalendarPage *self,
                                    GDate           *day)
{
  g_return_if_fail (TSU_IS_CALENDAR_PAGE (self));

  *day = self->selected;
}

/**
 * tsu_calendar_page_go_to:
 * @day: a day
 *
 * Selects @day and shows its period.
 */
void
tsu_calendar_page_go_to (TsuCalendarPage *self,
                         const GDate     *day)
{
  g_return_if_fail (TSU_IS_CALENDAR_PAGE (self));
  g_return_if_fail (day != NULL && g_date_valid (day));

  self->selected = *day;
  reload (self);
}

GtkWidget *
tsu_calendar_page_get_month_view (TsuCalendarPage *self)
{
  g_return_val_if_fail (TSU_IS_CALENDAR_PAGE (self), NULL);

  return GTK_WIDGET (self->month_view);
}

GtkWidget *
tsu_calendar_page_get_week_view (TsuCalendarPage *self)
{
  g_return_val_if_fail (TSU_IS_CALENDAR_PAGE (self), NULL);

  return GTK_WIDGET (self->week_view);
}

GtkWidget *
tsu_calendar_page_get_agenda_view (TsuCalendarPage *self)
{
  g_return_val_if_fail (TSU_IS_CALENDAR_PAGE (self), NULL);

  return GTK_WIDGET (self->agenda_view);
}

/**
 * tsu_calendar_page_import_file:
 * @file: an .ics file
 *
 * Opens the preview of importing @file, as dropping it on the calendar does.
 *
 * Returns: (transfer none) (nullable): the preview dialog, presented, or %NULL when
 *   there is no store to import into
 */
GtkWindow *
tsu_calendar_page_import_file (TsuCalendarPage *self,
                               GFile           *file)
{
  GtkWidget *window;
  TsuIcsImportDialog *dialog;

  g_return_val_if_fail (TSU_IS_CALENDAR_PAGE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), TSU_TYPE_WINDOW);
  if (window != NULL)
    return tsu_window_import_calendar (TSU_WINDOW (window), file);
  if (self->store == NULL)
    return NULL;

  dialog = tsu_ics_import_dialog_new (self->store, file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
