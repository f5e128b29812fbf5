/* tsu-calendar-page.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-calendar-page.h"
#include "tsu-format.h"
#include "tsu-occurrence-row.h"

/* The Calendar page: every meeting from the start of today for the next
 * TSU_CALENDAR_PAGE_DAYS days, grouped by day. The store expands recurring meetings;
 * the list view shows its model as it is and recycles its rows. */

struct _TsuCalendarPage
{
  AdwBin         parent_instance;

  TsuStore      *store;
  gboolean       loaded;        /* read when first shown */
  GListModel    *occurrences;   /* of TsuOccurrence, sorted by start */
  GDateTime     *today;         /* midnight, in the window's time zone */

  AdwStatusPage *empty_page;
  GtkListView   *list_view;
  GtkStack      *stack;
  GtkLabel      *summary_label;
};

G_DEFINE_FINAL_TYPE (TsuCalendarPage, tsu_calendar_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
starts_on_same_day (TsuOccurrence *a,
                    TsuOccurrence *b)
{
  g_autoptr(GDateTime) day_a = tsu_format_local_time (tsu_occurrence_get_starts_at (a));
  g_autoptr(GDateTime) day_b = tsu_format_local_time (tsu_occurrence_get_starts_at (b));

  return tsu_format_same_day (day_a, day_b);
}

static void
show_error (TsuCalendarPage *self,
            const GError    *error)
{
  adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->empty_page, _("Cannot Show the Meetings"));
  adw_status_page_set_description (self->empty_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
reload (TsuCalendarPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint n;

  g_clear_object (&self->occurrences);
  g_clear_pointer (&self->today, g_date_time_unref);
  gtk_list_view_set_model (self->list_view, NULL);

  self->loaded = TRUE;
  if (self->store == NULL)
    return;

  now = g_date_time_new_now (tsu_format_get_time_zone ());
  self->today = tsu_format_start_of_day (now);
  until = g_date_time_add_days (self->today, TSU_CALENDAR_PAGE_DAYS);

  self->occurrences = tsu_store_list_occurrences (self->store,
                                                  g_date_time_to_unix (self->today),
                                                  g_date_time_to_unix (until),
                                                  &error);
  if (self->occurrences == NULL)
    {
      g_warning ("Cannot list the upcoming meetings: %s", error->message);
      show_error (self, error);
      return;
    }

  n = g_list_model_get_n_items (self->occurrences);
  selection = gtk_no_selection_new (g_object_ref (self->occurrences));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  summary = g_strdup_printf (ngettext ("%u meeting in the next %u days",
                                       "%u meetings in the next %u days", n),
                             n, (guint) TSU_CALENDAR_PAGE_DAYS);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              TsuCalendarPage          *self)
{
  /* Rows open nothing yet: no hover highlight that promises a click. */
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_child (list_item, tsu_occurrence_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             TsuCalendarPage          *self)
{
  TsuOccurrenceRow *row = TSU_OCCURRENCE_ROW (gtk_list_item_get_child (list_item));
  TsuOccurrence *occurrence = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  gboolean first_of_day = TRUE;

  if (occurrence == NULL || self->today == NULL)
    {
      tsu_occurrence_row_clear (row);
      return;
    }

  /* The list never changes while shown, so a row's neighbour stays the same. */
  if (position > 0 && position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(TsuOccurrence) previous = g_list_model_get_item (self->occurrences, position - 1);

      first_of_day = previous == NULL || !starts_on_same_day (previous, occurrence);
    }

  tsu_occurrence_row_set (row, occurrence, first_of_day, self->today);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TsuCalendarPage          *self)
{
  tsu_occurrence_row_clear (TSU_OCCURRENCE_ROW (gtk_list_item_get_child (list_item)));
}

static void
tsu_calendar_page_map (GtkWidget *widget)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (widget);

  GTK_WIDGET_CLASS (tsu_calendar_page_parent_class)->map (widget);

  if (!self->loaded)
    reload (self);
}

static void
tsu_calendar_page_dispose (GObject *object)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->occurrences);
  g_clear_object (&self->store);

  /* AdwBin drops its child itself; the template must not unparent it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_CALENDAR_PAGE);

  G_OBJECT_CLASS (tsu_calendar_page_parent_class)->dispose (object);
}

static void
tsu_calendar_page_finalize (GObject *object)
{
  TsuCalendarPage *self = TSU_CALENDAR_PAGE (object);

  g_clear_pointer (&self->today, g_date_time_unref);

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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_calendar_page_class_init (TsuCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TSU_TYPE_OCCURRENCE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarPage, summary_label);
}

static void
tsu_calendar_page_init (TsuCalendarPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_stack_set_visible_child_name (self->stack, "empty");
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
 * Shows the upcoming meetings of @store, read once now.
 */
void
tsu_calendar_page_set_store (TsuCalendarPage *self,
                             TsuStore        *store)
{
  g_return_if_fail (TSU_IS_CALENDAR_PAGE (self));
  g_return_if_fail (store == NULL || TSU_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      /* A page reads its lists when it is first shown, not while it is hidden. */
      self->loaded = FALSE;
      if (store == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
        reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

/**
 * tsu_calendar_page_get_model:
 *
 * Returns: (transfer none) (nullable): the occurrences the page shows
 */
GListModel *
tsu_calendar_page_get_model (TsuCalendarPage *self)
{
  g_return_val_if_fail (TSU_IS_CALENDAR_PAGE (self), NULL);

  return self->occurrences;
}
