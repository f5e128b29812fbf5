/* tsu-agenda-view.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-agenda-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsunagu-core.h"
#include "tsu-agenda-view.h"
#include "tsu-calendar-draw.h"
#include "tsu-calendar-layout.h"
#include "tsu-format.h"
#include "tsu-occurrence-row.h"

/* Meetings as a list grouped by day, past and coming. Ten years of meetings are never
 * read at once: the list holds whole months around the day shown and reads the next
 * (or previous) month when the scrolling comes near its end (or start). Months are
 * read in an idle callback, one at a time, so that scrolling never waits for more than
 * one month's query. */

#define YEARS_AROUND 12   /* how far from today the list reaches */

struct _TsuAgendaView
{
  AdwBin             parent_instance;

  TsuAgendaLoadFunc  load;
  gpointer           load_data;

  GListStore        *store;        /* of TsuOccurrence */
  GDate              first_month;  /* first of the first month read */
  GDate              end_month;    /* first of the month after the last one read */
  GDate              target;       /* the day to scroll to once read */
  gboolean           has_target;
  guint              extend_idle;
  GDateTime         *today;

  GtkListView       *list_view;
  GtkScrolledWindow *scroller;
  GtkStack          *stack;
};

G_DEFINE_FINAL_TYPE (TsuAgendaView, tsu_agenda_view, ADW_TYPE_BIN)

enum {
  TOP_DAY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_extend (TsuAgendaView *self);

static void
month_bounds (GDate *earliest,
              GDate *latest)
{
  GDate today;

  tsu_calendar_get_today (&today);
  g_date_clear (earliest, 1);
  g_date_clear (latest, 1);
  g_date_set_dmy (earliest, 1, g_date_get_month (&today), g_date_get_year (&today) - YEARS_AROUND);
  g_date_set_dmy (latest, 1, g_date_get_month (&today), g_date_get_year (&today) + YEARS_AROUND);
}

/* The meetings that start in the month from @month, in the list. */
static guint
read_month (TsuAgendaView *self,
            const GDate   *month,
            gboolean       prepend)
{
  GDate next = *month;
  g_autoptr(GPtrArray) items = NULL;
  gint64 from, to;

  g_date_add_months (&next, 1);
  from = tsu_calendar_date_to_unix (month);
  to = tsu_calendar_date_to_unix (&next);
  items = self->load (from, to, self->load_data);
  if (items == NULL || items->len == 0)
    return 0;

  g_list_store_splice (self->store, prepend ? 0 : g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       0, items->pdata, items->len);
  return items->len;
}

static guint
position_of_day (TsuAgendaView *self,
                 const GDate   *day)
{
  gint64 start = tsu_calendar_date_to_unix (day);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (tsu_occurrence_get_starts_at (o) >= start)
        return i;
    }
  return n > 0 ? n - 1 : 0;
}

static void
update_stack (TsuAgendaView *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static gboolean
extend_cb (gpointer data)
{
  TsuAgendaView *self = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  double value = gtk_adjustment_get_value (adj);
  double page = gtk_adjustment_get_page_size (adj);
  double upper = gtk_adjustment_get_upper (adj);
  GDate earliest, latest;
  gboolean more = FALSE;

  self->extend_idle = 0;
  if (self->load == NULL)
    return G_SOURCE_REMOVE;

  month_bounds (&earliest, &latest);

  /* Below: when less than a page is left under the view, or the list is short. */
  if (value + 2 * page >= upper && g_date_compare (&self->end_month, &latest) < 0)
    {
      read_month (self, &self->end_month, FALSE);
      g_date_add_months (&self->end_month, 1);
      more = TRUE;
    }
  else if (value < page && g_date_compare (&self->first_month, &earliest) > 0)
    {
      g_date_subtract_months (&self->first_month, 1);
      read_month (self, &self->first_month, TRUE);
      more = TRUE;
    }

  update_stack (self);
  if (self->has_target)
    {
      guint position = position_of_day (self, &self->target);

      if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
        gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
      self->has_target = FALSE;
    }

  /* Check again once the list has measured what it read. */
  if (more)
    schedule_extend (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_extend (TsuAgendaView *self)
{
  if (self->extend_idle == 0)
    self->extend_idle = g_timeout_add_full (G_PRIORITY_LOW, 30, extend_cb, self, NULL);
}

static void
scrolled_cb (TsuAgendaView *self)
{
  GDate day;

  schedule_extend (self);
  if (tsu_agenda_view_get_top_day (self, &day))
    g_signal_emit (self, signals[TOP_DAY_CHANGED], 0, g_date_get_julian (&day));
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              TsuAgendaView            *self)
{
  gtk_list_item_set_activatable (list_item, TRUE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, tsu_occurrence_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             TsuAgendaView            *self)
{
  TsuOccurrenceRow *row = TSU_OCCURRENCE_ROW (gtk_list_item_get_child (list_item));
  TsuOccurrence *occurrence = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  gboolean first_of_day = TRUE;

  if (occurrence == NULL)
    {
      tsu_occurrence_row_clear (row);
      return;
    }

  /* Months are read whole, so a row's neighbour on the same day never changes. */
  if (position > 0 && position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(TsuOccurrence) previous = g_list_model_get_item (G_LIST_MODEL (self->store), position - 1);
      g_autoptr(GDateTime) a = tsu_format_local_time (tsu_occurrence_get_starts_at (previous));
      g_autoptr(GDateTime) b = tsu_format_local_time (tsu_occurrence_get_starts_at (occurrence));

      first_of_day = !tsu_format_same_day (a, b);
    }

  tsu_occurrence_row_set (row, occurrence, first_of_day, self->today);

  /* The focus lands on the list's own row widget around ours, which GTK 4.8 leaves without
   * a name (gtk_list_item_set_accessible_label came in 4.12): name it by day, time, title. */
  {
    gint64 starts_at = tsu_occurrence_get_starts_at (occurrence);
    g_autoptr(GDateTime) start = tsu_format_local_time (starts_at);
    g_autofree char *day = tsu_format_day (start);
    g_autofree char *times = tsu_format_time_range (starts_at, tsu_occurrence_get_ends_at (occurrence),
                                                    tsu_meeting_get_all_day (tsu_occurrence_get_meeting (occurrence)));
    g_autofree char *name = g_strjoin (" ", day, times, tsu_occurrence_get_title (occurrence), NULL);
    GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (row));

    if (item != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TsuAgendaView            *self)
{
  tsu_occurrence_row_clear (TSU_OCCURRENCE_ROW (gtk_list_item_get_child (list_item)));
}

static void
activate_cb (GtkListView   *list_view,
             guint          position,
             TsuAgendaView *self)
{
  g_autoptr(TsuOccurrence) o = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (o == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-meeting", "(xx)",
                              tsu_record_get_id (TSU_RECORD (tsu_occurrence_get_meeting (o))),
                              tsu_occurrence_get_starts_at (o));
}

static void
tsu_agenda_view_dispose (GObject *object)
{
  TsuAgendaView *self = TSU_AGENDA_VIEW (object);

  g_clear_handle_id (&self->extend_idle, g_source_remove);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->list_view = NULL;
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_agenda_view_parent_class)->dispose (object);
}

static void
tsu_agenda_view_finalize (GObject *object)
{
  TsuAgendaView *self = TSU_AGENDA_VIEW (object);

  g_clear_pointer (&self->today, g_date_time_unref);

  G_OBJECT_CLASS (tsu_agenda_view_parent_class)->finalize (object);
}

static void
tsu_agenda_view_class_init (TsuAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tsu_agenda_view_dispose;
  object_class->finalize = tsu_agenda_view_finalize;

  /**
   * TsuAgendaView::top-day-changed:
   * @julian: the day of the first meeting on screen
   */
  signals[TOP_DAY_CHANGED] =
    g_signal_new ("top-day-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "agenda-view");
}

/* The icon is set when the page is first shown, not with the view: GTK would load it
 * (from its SVG, through librsvg) at every start, though the page is seldom shown. */
static void
empty_map_cb (AdwStatusPage *page)
{
  if (adw_status_page_get_icon_name (page) == NULL)
    adw_status_page_set_icon_name (page, "x-office-calendar-symbolic");
}

static void
tsu_agenda_view_init (TsuAgendaView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkWidget *clamp = adw_clamp_scrollable_new ();
  GtkWidget *empty = adw_status_page_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tsu_format_get_time_zone ());

  self->today = tsu_format_start_of_day (now);
  self->store = g_list_store_new (TSU_TYPE_OCCURRENCE);
  tsu_calendar_get_today (&self->first_month);
  g_date_set_day (&self->first_month, 1);
  self->end_month = self->first_month;

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_steal_pointer (&selection)),
                                                      g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "upcoming-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Meetings"),
                                  -1);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);

  adw_clamp_scrollable_set_maximum_size (ADW_CLAMP_SCROLLABLE (clamp), 960);
  adw_clamp_scrollable_set_tightening_threshold (ADW_CLAMP_SCROLLABLE (clamp), 720);
  adw_clamp_scrollable_set_child (ADW_CLAMP_SCROLLABLE (clamp), GTK_WIDGET (self->list_view));

  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (self->scroller, clamp);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                            G_CALLBACK (scrolled_cb), self);
  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                            G_CALLBACK (schedule_extend), self);

  g_signal_connect (empty, "map", G_CALLBACK (empty_map_cb), NULL);
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Meetings"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("No meeting matches the filters in these years."));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->scroller), "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}

GtkWidget *
tsu_agenda_view_new (void)
{
  return g_object_new (TSU_TYPE_AGENDA_VIEW, NULL);
}

/**
 * tsu_agenda_view_set_loader:
 * @func: reads the meetings of a range
 *
 * Sets where the list reads its meetings; @user_data must outlive the view.
 */
void
tsu_agenda_view_set_loader (TsuAgendaView     *self,
                            TsuAgendaLoadFunc  func,
                            gpointer           user_data)
{
  g_return_if_fail (TSU_IS_AGENDA_VIEW (self));

  self->load = func;
  self->load_data = user_data;
}

/**
 * tsu_agenda_view_show_day:
 * @day: a day
 *
 * Reads the month of @day and the next one again and scrolls to the first meeting on
 * or after @day; earlier and later months follow as the list scrolls.
 */
void
tsu_agenda_view_show_day (TsuAgendaView *self,
                          const GDate   *day)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (TSU_IS_AGENDA_VIEW (self));
  g_return_if_fail (day != NULL && g_date_valid (day));

  g_list_store_remove_all (self->store);
  if (self->load == NULL)
    return;

  now = g_date_time_new_now (tsu_format_get_time_zone ());
  g_clear_pointer (&self->today, g_date_time_unref);
  self->today = tsu_format_start_of_day (now);

  g_date_clear (&self->first_month, 1);
  g_date_set_dmy (&self->first_month, 1, g_date_get_month (day), g_date_get_year (day));
  self->end_month = self->first_month;
  read_month (self, &self->end_month, FALSE);
  g_date_add_months (&self->end_month, 1);
  read_month (self, &self->end_month, FALSE);
  g_date_add_months (&self->end_month, 1);

  self->target = *day;
  self->has_target = TRUE;
  update_stack (self);
  schedule_extend (self);
}

/**
 * tsu_agenda_view_reload:
 *
 * Reads the meetings again (after a change or with other filters), staying on the day
 * shown at the top.
 */
void
tsu_agenda_view_reload (TsuAgendaView *self)
{
  GDate day;

  g_return_if_fail (TSU_IS_AGENDA_VIEW (self));

  if (!tsu_agenda_view_get_top_day (self, &day))
    day = self->first_month;
  tsu_agenda_view_show_day (self, &day);
}

/**
 * tsu_agenda_view_get_model:
 *
 * Returns: (transfer none): the meetings read so far, of #TsuOccurrence
 */
GListModel *
tsu_agenda_view_get_model (TsuAgendaView *self)
{
  g_return_val_if_fail (TSU_IS_AGENDA_VIEW (self), NULL);

  return G_LIST_MODEL (self->store);
}

/**
 * tsu_agenda_view_get_top_day:
 * @day: (out caller-allocates): the day of the first meeting on screen
 *
 * Returns: whether a meeting is on screen
 */
gboolean
tsu_agenda_view_get_top_day (TsuAgendaView *self,
                             GDate         *day)
{
  TsuOccurrence *top = NULL;
  double top_y = G_MAXDOUBLE;

  g_return_val_if_fail (TSU_IS_AGENDA_VIEW (self), FALSE);

  if (self->list_view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return FALSE;

  /* The list view's row widgets are its children; the first one on screen wins. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      graphene_point_t point;

      if (!TSU_IS_OCCURRENCE_ROW (row) || !gtk_widget_get_mapped (child) ||
          tsu_occurrence_row_get_occurrence (TSU_OCCURRENCE_ROW (row)) == NULL)
        continue;
      if (!gtk_widget_compute_point (child, GTK_WIDGET (self->scroller), &GRAPHENE_POINT_INIT (0, 0), &point))
        continue;
      if (point.y + gtk_widget_get_height (child) <= 0)
        continue;
      if (point.y < top_y)
        {
          top_y = point.y;
          top = tsu_occurrence_row_get_occurrence (TSU_OCCURRENCE_ROW (row));
        }
    }

  if (top == NULL)
    return FALSE;
  tsu_calendar_unix_to_date (tsu_occurrence_get_starts_at (top), day);
  return TRUE;
}
