/* tsu-calendar-sidebar.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-calendar-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-calendar-sidebar.h"
#include "tsu-calendar-draw.h"
#include "tsu-settings.h"

/* Beside the calendar: a small month for jumping to a day, the meeting kinds with their
 * colours (the legend, each with a check box to show or hide the kind), and filters by
 * coordinator ("my meetings"), region, municipality and case. The filters are kept in
 * GSettings, so that the calendar opens as it was left.
 *
 * A coordinator's meetings are those they organize and those of the cases they (or, as
 * regional coordinator, a municipality's coordinator) look after.
 *
 * The sidebar's widgets are built when it is first mapped: a window too narrow for it
 * folds it away, and builds none of them. The filters work either way: they are kept
 * apart from the widgets that show them. */

#define SIDEBAR_WIDTH 260
/* For the flap to reckon with until the sidebar is built (tsu-calendar-page.c): not
 * below the width the built sidebar takes (275 pixels in English, 260 in Japanese),
 * and no further above it than needed, so that at the default window size the
 * Japanese calendar (812 pixels wide) still starts with the sidebar beside it. */
#define UNBUILT_WIDTH 280

typedef struct {
  gint64 coordinator;
  gint64 regional_coordinator;
  gint64 municipality;
} CaseInfo;

struct _TsuCalendarSidebar
{
  AdwBin        parent_instance;

  TsuStore     *store;
  GSettings    *settings;
  gboolean      filling;       /* the dropdowns are being filled: no writes to settings */

  /* the filters, as in the settings */
  GStrv         hidden_kinds;
  char         *region;
  gint64        municipality;
  gint64        coordinator;
  gint64        case_id;

  GHashTable   *regions;       /* municipality id → region name */
  GHashTable   *cases;         /* case id → CaseInfo */
  GArray       *coordinator_ids;
  GArray       *municipality_ids;
  GArray       *case_ids;
  GPtrArray    *region_names;

  /* The cases, coordinators and municipalities after the one selected, appended
   * after the first frame that shows the sidebar: the dropdowns build a row for each. */
  GStrv         case_rest;
  GStrv         coordinator_rest;
  GStrv         municipality_rest;
  guint         complete_tick;
  guint         complete_idle;
  /* Whether the store's lists are still to be read: when no filter needs them, they
   * are read after the first frame, so that the window shows without waiting. */
  gboolean      lists_pending;

  GtkCalendar  *calendar;      /* NULL until the widgets are built */
  GDate         date;          /* the day to select in it, once it is shown */
  gboolean      date_pending;
  GtkDropDown  *case_dropdown;
  GtkButton    *clear_button;
  GtkDropDown  *coordinator_dropdown;
  GtkBox       *kinds_box;
  GtkDropDown  *municipality_dropdown;
  GtkDropDown  *region_dropdown;
};

G_DEFINE_FINAL_TYPE (TsuCalendarSidebar, tsu_calendar_sidebar, ADW_TYPE_BIN)

enum {
  DATE_CHOSEN,
  FILTERS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
read_settings (TsuCalendarSidebar *self)
{
  g_clear_pointer (&self->hidden_kinds, g_strfreev);
  g_clear_pointer (&self->region, g_free);
  self->hidden_kinds = g_settings_get_strv (self->settings, "calendar-hidden-kinds");
  self->region = g_settings_get_string (self->settings, "calendar-region");
  self->municipality = g_settings_get_int64 (self->settings, "calendar-municipality");
  self->coordinator = g_settings_get_int64 (self->settings, "calendar-coordinator");
  self->case_id = g_settings_get_int64 (self->settings, "calendar-case");
}

static void
set_dropdown (GtkDropDown *dropdown,
              GArray      *ids,
              gint64       id)
{
  guint selected = 0;

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      selected = i;
  gtk_drop_down_set_selected (dropdown, selected);
}

static void complete_lists (TsuCalendarSidebar *self);
static guint position_of (GArray *ids, gint64 id);

static gboolean
beyond_model (GtkDropDown *dropdown,
              GArray      *ids,
              gint64       id)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  return model != NULL && position_of (ids, id) >= g_list_model_get_n_items (model);
}

static void
show_filters (TsuCalendarSidebar *self)
{
  guint region = 0;

  if (self->calendar == NULL)
    return;

  /* A filter chosen in the settings may be among the items not yet appended. */
  if (beyond_model (self->case_dropdown, self->case_ids, self->case_id) ||
      beyond_model (self->coordinator_dropdown, self->coordinator_ids, self->coordinator) ||
      beyond_model (self->municipality_dropdown, self->municipality_ids, self->municipality))
    complete_lists (self);

  self->filling = TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->kinds_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *kind = g_object_get_data (G_OBJECT (child), "kind");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                   !g_strv_contains ((const char * const *) self->hidden_kinds, kind));
    }

  set_dropdown (self->coordinator_dropdown, self->coordinator_ids, self->coordinator);
  set_dropdown (self->municipality_dropdown, self->municipality_ids, self->municipality);
  set_dropdown (self->case_dropdown, self->case_ids, self->case_id);
  for (guint i = 0; self->region_names != NULL && i < self->region_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->region_names, i), self->region) == 0)
      region = i;
  gtk_drop_down_set_selected (self->region_dropdown, region);

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), tsu_calendar_sidebar_is_filtering (self));
  self->filling = FALSE;
}

static void fill_lists (TsuCalendarSidebar *self);

static void
settings_changed_cb (TsuCalendarSidebar *self,
                     const char         *key)
{
  if (!g_str_has_prefix (key, "calendar-") || g_str_equal (key, "calendar-view"))
    return;

  /* A filter by case, coordinator, municipality or region needs the lists. */
  if (self->lists_pending)
    fill_lists (self);
  read_settings (self);
  show_filters (self);
  g_signal_emit (self, signals[FILTERS_CHANGED], 0);
}

static void
kind_toggled_cb (GtkCheckButton     *button,
                 TsuCalendarSidebar *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) hidden = NULL;

  if (self->filling)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->kinds_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (child), "kind"));

  hidden = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "calendar-hidden-kinds", (const char * const *) hidden);
}

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  return ids != NULL && i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static void
dropdown_changed_cb (TsuCalendarSidebar *self)
{
  guint region;

  if (self->filling || self->store == NULL)
    return;

  region = gtk_drop_down_get_selected (self->region_dropdown);
  g_settings_delay (self->settings);
  g_settings_set_int64 (self->settings, "calendar-coordinator",
                        selected_id (self->coordinator_dropdown, self->coordinator_ids));
  g_settings_set_int64 (self->settings, "calendar-municipality",
                        selected_id (self->municipality_dropdown, self->municipality_ids));
  g_settings_set_int64 (self->settings, "calendar-case", selected_id (self->case_dropdown, self->case_ids));
  g_settings_set_string (self->settings, "calendar-region",
                         self->region_names != NULL && region > 0 && region < self->region_names->len
                         ? g_ptr_array_index (self->region_names, region) : "");
  g_settings_apply (self->settings);
}

static void
clear_clicked_cb (TsuCalendarSidebar *self)
{
  g_settings_delay (self->settings);
  g_settings_reset (self->settings, "calendar-hidden-kinds");
  g_settings_reset (self->settings, "calendar-region");
  g_settings_reset (self->settings, "calendar-municipality");
  g_settings_reset (self->settings, "calendar-coordinator");
  g_settings_reset (self->settings, "calendar-case");
  g_settings_apply (self->settings);
}

static void
calendar_day_selected_cb (TsuCalendarSidebar *self)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  if (self->filling)
    return;

  dt = gtk_calendar_get_date (self->calendar);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  g_signal_emit (self, signals[DATE_CHOSEN], 0, g_date_get_julian (&date));
}

/* Lists */

/* Gives @dropdown the strings in @labels as its model, in one go: a string list
 * filled one append at a time would have the dropdown's list build rows for each.
 * With @rest, only the first @n_now strings are given now, the others are put in
 * @rest for complete_lists(). */
static void
set_dropdown_strings (GtkDropDown  *dropdown,
                      GPtrArray    *labels,
                      guint         n_now,
                      GStrv        *rest)
{
  g_autoptr(GtkStringList) list = NULL;
  gpointer cut = NULL;

  if (dropdown == NULL)
    return;
  g_ptr_array_add (labels, NULL);
  if (rest != NULL)
    {
      g_clear_pointer (rest, g_strfreev);
      if (n_now < labels->len - 1)
        {
          *rest = g_strdupv ((char **) labels->pdata + n_now);
          cut = g_steal_pointer (&labels->pdata[n_now]);
        }
    }
  list = gtk_string_list_new ((const char * const *) labels->pdata);
  if (cut != NULL)
    labels->pdata[n_now] = cut;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
append_rest (GtkDropDown *dropdown,
             GStrv       *rest)
{
  GListModel *list = gtk_drop_down_get_model (dropdown);

  if (*rest == NULL)
    return;
  if (GTK_IS_STRING_LIST (list))
    gtk_string_list_splice (GTK_STRING_LIST (list), g_list_model_get_n_items (list), 0,
                            (const char * const *) *rest);
  g_clear_pointer (rest, g_strfreev);
}

/* Appends the cases, coordinators and municipalities that fill_lists() left for later. */
static void
complete_lists (TsuCalendarSidebar *self)
{
  gboolean filling = self->filling;

  g_clear_handle_id (&self->complete_idle, g_source_remove);
  if (self->calendar == NULL)
    return;
  self->filling = TRUE;
  append_rest (self->case_dropdown, &self->case_rest);
  append_rest (self->coordinator_dropdown, &self->coordinator_rest);
  append_rest (self->municipality_dropdown, &self->municipality_rest);
  self->filling = filling;
}

static gboolean
complete_idle_cb (gpointer data)
{
  TsuCalendarSidebar *self = data;

  self->complete_idle = 0;
  if (self->lists_pending)
    fill_lists (self);
  else
    complete_lists (self);
  return G_SOURCE_REMOVE;
}

/* The lists are completed in the idle after the first frame painted with the sidebar. */
static gboolean
complete_after_frame_cb (GtkWidget     *widget,
                         GdkFrameClock *clock,
                         gpointer       data)
{
  TsuCalendarSidebar *self = TSU_CALENDAR_SIDEBAR (widget);

  self->complete_tick = 0;
  if (self->complete_idle == 0)
    self->complete_idle = g_idle_add_full (G_PRIORITY_LOW, complete_idle_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
map_cb (TsuCalendarSidebar *self)
{
  if ((self->lists_pending ||
       self->case_rest != NULL || self->coordinator_rest != NULL || self->municipality_rest != NULL) &&
      self->complete_tick == 0)
    self->complete_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), complete_after_frame_cb,
                                                        NULL, NULL);
}

static guint
position_of (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return 0;
}

/* GTK 4.8's calendar leaves the arrow buttons of its header without a name; a screen
 * reader would read them as "button". They come in this order in the header. */
static void
name_calendar_arrows (GtkCalendar *calendar)
{
  static const char *names[] = {
    N_("Previous Month"), N_("Next Month"), N_("Previous Year"), N_("Next Year"),
  };
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (calendar));
  guint n = 0;

  for (GtkWidget *child = header != NULL ? gtk_widget_get_first_child (header) : NULL;
       child != NULL && n < G_N_ELEMENTS (names);
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _(names[n++]), -1);
    }
}

static void
fill_kinds (TsuCalendarSidebar *self)
{
  g_auto(GStrv) kinds = tsu_vocabulary_codes (TSU_VOCABULARY_MEETING_KIND);

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      GtkWidget *button = gtk_check_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      g_autofree char *dot_class = g_strconcat ("kind-", kinds[i], NULL);
      GtkWidget *label = gtk_label_new (tsu_vocabulary_label (TSU_VOCABULARY_MEETING_KIND, kinds[i]));

      gtk_widget_add_css_class (dot, "kind-dot");
      gtk_widget_add_css_class (dot, dot_class);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), dot);
      gtk_box_append (GTK_BOX (box), label);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (button), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (GTK_LABEL (label)), -1);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
      g_object_set_data_full (G_OBJECT (button), "kind", g_strdup (kinds[i]), g_free);
      g_signal_connect (button, "toggled", G_CALLBACK (kind_toggled_cb), self);
      gtk_box_append (self->kinds_box, button);
    }
}

static char *
case_label (TsuCase  *c,
            gboolean  hide_names)
{
  const char *code = tsu_case_get_code (c);
  const char *name = tsu_case_get_child_name (c);

  /* Case data is personal: with hide-names on, only the code is shown. */
  if (hide_names || name == NULL || *name == '\0')
    return g_strdup (code);
  return g_strdup_printf ("%s  %s", code, name);
}

/* The names of the coordinators of cases, in one query. */
static GHashTable *
coordinator_names (TsuStore *store)
{
  GHashTable *names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = tsu_database_prepare (tsu_store_get_database (store),
                               "SELECT id, name FROM person WHERE id IN "
                               "(SELECT coordinator_id FROM child_case "
                               "UNION SELECT regional_coordinator_id FROM child_case)",
                               &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot read the coordinators: %s", error->message);
      return names;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (names, g_memdup2 (&id, sizeof id),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  return names;
}

/* Reads the municipalities, regions, cases and coordinators of @store (none without
 * one) for the filters and, once they are built, the dropdowns. */
static void
fill_lists_from (TsuCalendarSidebar *self,
                 TsuStore           *store)
{
  g_autoptr(GListModel) municipalities = NULL;
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GHashTable) coordinators = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) seen_regions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) coordinator_keys = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GError) error = NULL;
  gboolean hide_names = g_settings_get_boolean (self->settings, "hide-names");
  gint64 none = 0;

  g_hash_table_remove_all (self->regions);
  g_hash_table_remove_all (self->cases);
  g_array_set_size (self->coordinator_ids, 0);
  g_array_set_size (self->municipality_ids, 0);
  g_array_set_size (self->case_ids, 0);
  g_ptr_array_set_size (self->region_names, 0);

  self->filling = TRUE;

  /* Regions and municipalities. Each list is given to its dropdown whole. */
  labels = g_ptr_array_new ();
  g_ptr_array_add (labels, _("All Municipalities"));
  g_array_append_val (self->municipality_ids, none);
  g_ptr_array_add (self->region_names, g_strdup (""));
  if (store != NULL)
    municipalities = tsu_store_list (store, TSU_TYPE_MUNICIPALITY, "code", &error);
  for (guint i = 0; municipalities != NULL && i < g_list_model_get_n_items (municipalities); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (municipalities, i);
      gint64 id = tsu_record_get_id (TSU_RECORD (m));
      const char *region = tsu_municipality_get_region (m);

      /* The list model holds its items until the labels are copied below. */
      g_ptr_array_add (labels, (char *) tsu_municipality_get_name (m));
      g_array_append_val (self->municipality_ids, id);
      if (region != NULL && *region != '\0')
        {
          g_hash_table_insert (self->regions, g_memdup2 (&id, sizeof id), g_strdup (region));
          if (!g_hash_table_contains (seen_regions, region))
            {
              g_ptr_array_add (self->region_names, g_strdup (region));
              g_hash_table_add (seen_regions, g_ptr_array_index (self->region_names,
                                                                 self->region_names->len - 1));
            }
        }
    }
  set_dropdown_strings (self->municipality_dropdown, labels,
                        position_of (self->municipality_ids, self->municipality) + 1, &self->municipality_rest);
  g_clear_pointer (&labels, g_ptr_array_unref);

  labels = g_ptr_array_new ();
  g_ptr_array_add (labels, _("All Regions"));
  for (guint i = 1; i < self->region_names->len; i++)
    g_ptr_array_add (labels, g_ptr_array_index (self->region_names, i));
  set_dropdown_strings (self->region_dropdown, labels, G_MAXUINT, NULL);
  g_clear_pointer (&labels, g_ptr_array_unref);

  /* Cases, and their coordinators */
  labels = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (labels, g_strdup (_("All Cases")));
  g_array_append_val (self->case_ids, none);
  if (store != NULL)
    cases = tsu_store_list (store, TSU_TYPE_CASE, "code", &error);
  for (guint i = 0; cases != NULL && i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(TsuCase) c = g_list_model_get_item (cases, i);
      gint64 id = tsu_record_get_id (TSU_RECORD (c));
      CaseInfo *info = g_new0 (CaseInfo, 1);

      info->coordinator = tsu_case_get_coordinator_id (c);
      info->regional_coordinator = tsu_case_get_regional_coordinator_id (c);
      info->municipality = tsu_case_get_municipality_id (c);
      g_hash_table_insert (self->cases, g_memdup2 (&id, sizeof id), info);
      if (info->coordinator != 0)
        g_hash_table_add (coordinators, &info->coordinator);
      if (info->regional_coordinator != 0)
        g_hash_table_add (coordinators, &info->regional_coordinator);

      g_ptr_array_add (labels, case_label (c, hide_names));
      g_array_append_val (self->case_ids, id);
    }
  set_dropdown_strings (self->case_dropdown, labels, position_of (self->case_ids, self->case_id) + 1,
                        &self->case_rest);
  g_clear_pointer (&labels, g_ptr_array_unref);

  labels = g_ptr_array_new ();
  g_ptr_array_add (labels, _("Everyone"));
  g_array_append_val (self->coordinator_ids, none);
  if (g_hash_table_size (coordinators) > 0)
    names = coordinator_names (store);
  coordinator_keys = g_hash_table_get_keys (coordinators);
  for (GList *l = coordinator_keys; l != NULL; l = l->next)
    {
      gint64 id = *(gint64 *) l->data;
      const char *name = g_hash_table_lookup (names, &id);

      if (name == NULL)
        continue;
      g_ptr_array_add (labels, (char *) name);
      g_array_append_val (self->coordinator_ids, id);
    }
  set_dropdown_strings (self->coordinator_dropdown, labels,
                        position_of (self->coordinator_ids, self->coordinator) + 1, &self->coordinator_rest);

  if (error != NULL)
    g_warning ("Cannot read the calendar filters: %s", error->message);

  self->filling = FALSE;
  show_filters (self);

  /* A sidebar on screen shows whole lists at once; one not yet shown completes them
   * after its first frame. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    complete_lists (self);
}

static void
fill_lists (TsuCalendarSidebar *self)
{
  self->lists_pending = FALSE;
  fill_lists_from (self, self->store);
}

static void
hide_names_changed_cb (TsuCalendarSidebar *self)
{
  if (self->store != NULL && !self->lists_pending)
    fill_lists (self);
}

/* Overrides */

static void
tsu_calendar_sidebar_dispose (GObject *object)
{
  TsuCalendarSidebar *self = TSU_CALENDAR_SIDEBAR (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_handle_id (&self->complete_idle, g_source_remove);
  if (self->complete_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->complete_tick);
  self->complete_tick = 0;
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_CALENDAR_SIDEBAR);

  G_OBJECT_CLASS (tsu_calendar_sidebar_parent_class)->dispose (object);
}

static void
tsu_calendar_sidebar_finalize (GObject *object)
{
  TsuCalendarSidebar *self = TSU_CALENDAR_SIDEBAR (object);

  g_clear_pointer (&self->hidden_kinds, g_strfreev);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->regions, g_hash_table_unref);
  g_clear_pointer (&self->cases, g_hash_table_unref);
  g_clear_pointer (&self->coordinator_ids, g_array_unref);
  g_clear_pointer (&self->municipality_ids, g_array_unref);
  g_clear_pointer (&self->case_ids, g_array_unref);
  g_clear_pointer (&self->region_names, g_ptr_array_unref);
  g_clear_pointer (&self->case_rest, g_strfreev);
  g_clear_pointer (&self->coordinator_rest, g_strfreev);
  g_clear_pointer (&self->municipality_rest, g_strfreev);

  G_OBJECT_CLASS (tsu_calendar_sidebar_parent_class)->finalize (object);
}

/* Builds the widgets from the template, and shows the filters in them. The lists wait
 * for the first frame as they would have (map_cb()) if they are still to be read. */
static void
build_widgets (TsuCalendarSidebar *self)
{
  self->filling = TRUE;
  gtk_widget_set_size_request (GTK_WIDGET (self), SIDEBAR_WIDTH, -1);
  gtk_widget_init_template (GTK_WIDGET (self));
  name_calendar_arrows (self->calendar);

  for (guint i = 0; i < 4; i++)
    {
      GtkDropDown *dropdown[] = {
        self->case_dropdown, self->coordinator_dropdown, self->municipality_dropdown, self->region_dropdown,
      };

      gtk_drop_down_set_expression (dropdown[i],
                                    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
    }

  fill_kinds (self);
  fill_lists_from (self, self->lists_pending ? NULL : self->store);
}

static void
tsu_calendar_sidebar_map (GtkWidget *widget)
{
  TsuCalendarSidebar *self = TSU_CALENDAR_SIDEBAR (widget);

  if (self->calendar == NULL)
    build_widgets (self);
  GTK_WIDGET_CLASS (tsu_calendar_sidebar_parent_class)->map (widget);
  if (self->date_pending)
    {
      GDate date = self->date;

      tsu_calendar_sidebar_set_date (self, &date);
    }
}

static void
tsu_calendar_sidebar_class_init (TsuCalendarSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_calendar_sidebar_dispose;
  object_class->finalize = tsu_calendar_sidebar_finalize;
  widget_class->map = tsu_calendar_sidebar_map;

  /**
   * TsuCalendarSidebar::date-chosen:
   * @julian: the day picked in the small calendar
   */
  signals[DATE_CHOSEN] =
    g_signal_new ("date-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * TsuCalendarSidebar::filters-changed:
   *
   * The meetings shown must be filtered again.
   */
  signals[FILTERS_CHANGED] =
    g_signal_new ("filters-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-calendar-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarSidebar, calendar);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarSidebar, case_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarSidebar, clear_button);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarSidebar, coordinator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarSidebar, kinds_box);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarSidebar, municipality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsuCalendarSidebar, region_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dropdown_changed_cb);
}

static void
tsu_calendar_sidebar_init (TsuCalendarSidebar *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), UNBUILT_WIDTH, -1);
  gtk_widget_add_css_class (GTK_WIDGET (self), "calendar-sidebar");

  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  self->regions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->coordinator_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->municipality_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->region_names = g_ptr_array_new_with_free_func (g_free);
  read_settings (self);

  g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect_swapped (self->settings, "changed::hide-names", G_CALLBACK (hide_names_changed_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

/**
 * tsu_calendar_sidebar_set_store:
 * @store: (nullable): the store whose municipalities, cases and coordinators to list
 */
void
tsu_calendar_sidebar_set_store (TsuCalendarSidebar *self,
                                TsuStore           *store)
{
  g_return_if_fail (TSU_IS_CALENDAR_SIDEBAR (self));

  if (!g_set_object (&self->store, store))
    return;

  /* Without a filter by case, coordinator, municipality or region, the dropdowns
   * show "All …" until the first frame is painted, and then their lists: reading
   * and labelling a thousand cases takes several milliseconds. */
  if (store != NULL &&
      (self->region == NULL || *self->region == '\0') &&
      self->municipality == 0 && self->coordinator == 0 && self->case_id == 0)
    {
      self->lists_pending = TRUE;
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        map_cb (self);
      return;
    }
  fill_lists (self);
}

/**
 * tsu_calendar_sidebar_refresh:
 *
 * Reads the lists again, after cases or municipalities changed.
 */
void
tsu_calendar_sidebar_refresh (TsuCalendarSidebar *self)
{
  g_return_if_fail (TSU_IS_CALENDAR_SIDEBAR (self));

  if (!self->lists_pending)
    fill_lists (self);
}

/**
 * tsu_calendar_sidebar_set_date:
 * @date: the day the calendar shows
 */
void
tsu_calendar_sidebar_set_date (TsuCalendarSidebar *self,
                               const GDate        *date)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_if_fail (TSU_IS_CALENDAR_SIDEBAR (self));

  self->date = *date;
  self->date_pending = TRUE;
  /* GtkCalendar relabels its 42 days at each change: a folded sidebar waits to be shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 12, 0, 0);
  self->filling = TRUE;
  gtk_calendar_select_day (self->calendar, dt);
  self->filling = FALSE;
  self->date_pending = FALSE;
}

/**
 * tsu_calendar_sidebar_is_filtering:
 *
 * Returns: whether any filter hides meetings
 */
gboolean
tsu_calendar_sidebar_is_filtering (TsuCalendarSidebar *self)
{
  g_return_val_if_fail (TSU_IS_CALENDAR_SIDEBAR (self), FALSE);

  return (self->hidden_kinds != NULL && self->hidden_kinds[0] != NULL) ||
         (self->region != NULL && *self->region != '\0') ||
         self->municipality != 0 || self->coordinator != 0 || self->case_id != 0;
}

/**
 * tsu_calendar_sidebar_matches:
 * @occurrence: a meeting occurrence
 *
 * Returns: whether the filters let @occurrence through
 */
gboolean
tsu_calendar_sidebar_matches (TsuCalendarSidebar *self,
                              TsuOccurrence      *occurrence)
{
  TsuMeeting *m;
  gint64 case_id, municipality;
  CaseInfo *info = NULL;

  g_return_val_if_fail (TSU_IS_CALENDAR_SIDEBAR (self), TRUE);

  m = tsu_occurrence_get_meeting (occurrence);
  if (self->hidden_kinds != NULL && self->hidden_kinds[0] != NULL &&
      g_strv_contains ((const char * const *) self->hidden_kinds, tsu_meeting_get_kind (m)))
    return FALSE;

  case_id = tsu_meeting_get_case_id (m);
  if (self->case_id != 0 && case_id != self->case_id)
    return FALSE;
  if (case_id != 0)
    info = g_hash_table_lookup (self->cases, &case_id);

  /* A meeting without a municipality of its own belongs to its case's. */
  municipality = tsu_meeting_get_municipality_id (m);
  if (municipality == 0 && info != NULL)
    municipality = info->municipality;
  if (self->municipality != 0 && municipality != self->municipality)
    return FALSE;
  if (self->region != NULL && *self->region != '\0' &&
      g_strcmp0 (g_hash_table_lookup (self->regions, &municipality), self->region) != 0)
    return FALSE;

  if (self->coordinator != 0 && tsu_meeting_get_organizer_id (m) != self->coordinator &&
      (info == NULL || (info->coordinator != self->coordinator &&
                        info->regional_coordinator != self->coordinator)))
    return FALSE;

  return TRUE;
}
