/* tsu-cases-page.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-cases-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-case-editor.h"
#include "tsu-case-view.h"
#include "tsu-cases-page.h"
#include "tsu-cell.h"
#include "tsu-choice.h"
#include "tsu-format.h"
#include "tsu-settings.h"
#include "tsu-text-match.h"

/* The Cases page: every case with what a coordinator looks at first — where the
 * child lives, who coordinates, the next case conference, open action items and how
 * long ago the family was last heard from — read by one query (TsuCaseSummary) into
 * one list that the column view sorts and the search, the filters (status, region,
 * coordinator) and the "Difficult Cases" preset narrow (summaries → filter → sort →
 * selection). A case opens as a subpage (TsuCaseView) with a back button.
 *
 * The child's name is personal health information. With the setting "hide-names" on,
 * the case code stands in for the name in the list, in sorting and in searching, so
 * that neither the screen nor a search reveals it. */

struct _TsuCasesPage
{
  AdwBin               parent_instance;

  TsuStore            *store;
  gboolean             loaded;
  guint                reload_source;
  GSettings           *settings;
  GListModel          *cases;            /* TsuCaseSummary */
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  GtkSingleSelection  *selection;
  GtkSorter           *name_sorter;
  GHashTable          *name_cells;       /* the bound GtkListItems of the name column */
  char                *search_key;
  char                *status;
  char                *region;
  gint64               coordinator_id;
  gboolean             hide_names;

  GtkColumnViewColumn *actions_column;
  TsuCaseView         *case_view;
  GtkColumnViewColumn *code_column;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *conference_column;
  GtkColumnViewColumn *contact_column;
  GtkDropDown         *coordinator_drop_down;
  GtkColumnViewColumn *coordinators_column;
  GtkLabel            *count_label;
  GtkToggleButton     *difficult_button;
  AdwStatusPage       *empty_page;
  GtkToggleButton     *hide_names_button;
  GtkColumnViewColumn *municipality_column;
  GtkColumnViewColumn *name_column;
  GtkStack            *page_stack;
  GtkColumnViewColumn *region_column;
  GtkDropDown         *region_drop_down;
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  GtkColumnViewColumn *status_column;
  GtkDropDown         *status_drop_down;
  AdwToastOverlay     *toast_overlay;
};

G_DEFINE_FINAL_TYPE (TsuCasesPage, tsu_cases_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
name_of_case (TsuCasesPage *self,
              TsuCase      *kase)
{
  const char *name = tsu_case_get_child_name (kase);

  if (self->hide_names || name == NULL || *name == '\0')
    return tsu_case_get_code (kase);
  return name;
}

static const char *
name_of (TsuCasesPage   *self,
         TsuCaseSummary *summary)
{
  return name_of_case (self, tsu_case_summary_get_case (summary));
}

static int
status_rank (const char *status)
{
  static const char * const order[] = { "intake", "active", "difficult", "closed" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (status, order[i]) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

static guint
unsupported_days (TsuCasesPage *self)
{
  return (guint) MAX (1, g_settings_get_int (self->settings, "unsupported-days"));
}

/* Cell texts */

static char *
code_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_case_summary_get_code (item));
}

static char *
municipality_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_case_summary_get_municipality_name (item));
}

static char *
region_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_case_summary_get_region (item));
}

static char *
coordinators_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_case_summary_get_coordinators (item));
}

static char *
conference_text (gpointer item, gpointer user_data)
{
  gint64 next = tsu_case_summary_get_next_conference (item);
  g_autoptr(GDateTime) day = NULL;

  if (next == 0)
    return NULL;
  day = tsu_format_local_time (next);
  /* Translators: the date of the next case conference in the case list, in the format
   * of g_date_time_format(); e.g. "%Y年%-m月%-d日(%a)" for Japanese */
  return g_date_time_format (day, _("%a, %b %-d, %Y"));
}

static char *
actions_text (gpointer item, gpointer user_data)
{
  guint open = tsu_case_summary_get_open_actions (item);
  guint overdue = tsu_case_summary_get_overdue_actions (item);

  if (open == 0)
    return NULL;
  if (overdue > 0)
    /* Translators: open action items of a case, and how many of them are overdue */
    return g_strdup_printf (_("%u (%u overdue)"), open, overdue);
  return g_strdup_printf ("%u", open);
}

static char *
contact_text (gpointer item, gpointer user_data)
{
  int days = tsu_case_summary_get_days_since_contact (item);

  if (days < 0)
    return g_strdup (_("Never"));
  if (days == 0)
    return g_strdup (_("Today"));
  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
}

/* The name column follows the setting while it is shown, so its cells are kept track
 * of instead of being made again. */

static void
update_name_cell (TsuCasesPage *self,
                  GtkListItem  *list_item)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  TsuCaseSummary *summary = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (label), summary != NULL ? name_of (self, summary) : "");
  if (self->hide_names)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               TsuCasesPage             *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
}

static void
name_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              TsuCasesPage             *self)
{
  update_name_cell (self, list_item);
  if (self->name_cells != NULL)
    g_hash_table_add (self->name_cells, list_item);
}

static void
name_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TsuCasesPage             *self)
{
  if (self->name_cells != NULL)
    g_hash_table_remove (self->name_cells, list_item);
}

static GtkListItemFactory *
name_factory_new (TsuCasesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (name_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (name_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (name_unbind_cb), self);

  return factory;
}

/* The status column carries the flag of a case without a supporter for long. */

static void
status_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 TsuCasesPage             *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *flag = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (flag, "warning");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), flag);
  gtk_list_item_set_child (list_item, box);
}

static void
status_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TsuCasesPage             *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *flag = gtk_widget_get_last_child (box);
  TsuCaseSummary *summary = gtk_list_item_get_item (list_item);
  gboolean unsupported = summary != NULL && tsu_case_summary_get_unsupported (summary);

  gtk_label_set_text (GTK_LABEL (label),
                      summary != NULL ? tsu_vocabulary_label (TSU_VOCABULARY_CASE_STATUS,
                                                              tsu_case_summary_get_status (summary))
                                      : "");
  if (g_strcmp0 (summary != NULL ? tsu_case_summary_get_status (summary) : NULL, "difficult") == 0)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");

  gtk_widget_set_visible (flag, unsupported);
  if (unsupported)
    {
      g_autofree char *tip = g_strdup_printf (ngettext ("No supporter assigned for more than %u day",
                                                        "No supporter assigned for more than %u days",
                                                        unsupported_days (self)),
                                              unsupported_days (self));

      gtk_widget_set_tooltip_text (flag, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (flag), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
    }
}

static GtkListItemFactory *
status_factory_new (TsuCasesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (status_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (status_bind_cb), self);

  return factory;
}

/* Sorting */

static char *
name_sort_key (TsuCaseSummary *summary,
               TsuCasesPage   *self)
{
  const char *kana = tsu_case_get_child_kana (tsu_case_summary_get_case (summary));

  if (!self->hide_names && kana != NULL && *kana != '\0')
    return g_strdup (kana);
  return g_strdup (name_of (self, summary));
}

static GtkSorter *
string_sorter_new (GCallback     key_func,
                   TsuCasesPage *self)
{
  GtkExpression *expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                           key_func, self, NULL);

  return GTK_SORTER (gtk_string_sorter_new (expression));
}

static GtkSorter *
property_sorter_new (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (TSU_TYPE_CASE_SUMMARY,
                                                                         NULL, property)));
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  int rank_a = status_rank (tsu_case_summary_get_status ((TsuCaseSummary *) a));
  int rank_b = status_rank (tsu_case_summary_get_status ((TsuCaseSummary *) b));

  return (rank_a > rank_b) - (rank_a < rank_b);
}

static int
compare_conference (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  /* Cases without a conference come last. */
  guint64 x = (guint64) tsu_case_summary_get_next_conference ((TsuCaseSummary *) a) - 1;
  guint64 y = (guint64) tsu_case_summary_get_next_conference ((TsuCaseSummary *) b) - 1;

  return (x > y) - (x < y);
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  guint x = tsu_case_summary_get_overdue_actions ((TsuCaseSummary *) a) * 10000 +
            tsu_case_summary_get_open_actions ((TsuCaseSummary *) a);
  guint y = tsu_case_summary_get_overdue_actions ((TsuCaseSummary *) b) * 10000 +
            tsu_case_summary_get_open_actions ((TsuCaseSummary *) b);

  return (x > y) - (x < y);
}

static int
compare_contact (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  /* Never contacted counts as longest ago. */
  guint x = (guint) tsu_case_summary_get_days_since_contact ((TsuCaseSummary *) a);
  guint y = (guint) tsu_case_summary_get_days_since_contact ((TsuCaseSummary *) b);

  return (x > y) - (x < y);
}

/* Filtering */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TsuCasesPage *self = user_data;
  TsuCaseSummary *summary = item;
  TsuCase *kase = tsu_case_summary_get_case (summary);
  const char *key = self->search_key;
  const char *status;

  if (self->status != NULL && g_strcmp0 (tsu_case_summary_get_status (summary), self->status) != 0)
    return FALSE;
  if (self->region != NULL && g_strcmp0 (tsu_case_summary_get_region (summary), self->region) != 0)
    return FALSE;
  if (self->coordinator_id != 0 &&
      tsu_case_get_coordinator_id (kase) != self->coordinator_id &&
      tsu_case_get_regional_coordinator_id (kase) != self->coordinator_id)
    return FALSE;

  if (key == NULL)
    return TRUE;

  status = tsu_vocabulary_label (TSU_VOCABULARY_CASE_STATUS, tsu_case_summary_get_status (summary));
  if (tsu_text_match (key, tsu_case_summary_get_code (summary)) ||
      tsu_text_match (key, status) ||
      tsu_text_match (key, tsu_case_summary_get_municipality_name (summary)) ||
      tsu_text_match (key, tsu_case_summary_get_municipality_kana (summary)) ||
      tsu_text_match (key, tsu_case_summary_get_region (summary)) ||
      tsu_text_match (key, tsu_case_summary_get_coordinators (summary)))
    return TRUE;

  return !self->hide_names &&
         (tsu_text_match (key, tsu_case_get_child_name (kase)) ||
          tsu_text_match (key, tsu_case_get_child_kana (kase)));
}

static void
update_state (TsuCasesPage *self)
{
  guint total = self->cases != NULL ? g_list_model_get_n_items (self->cases) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *count = NULL;

  if (shown == total)
    count = g_strdup_printf (ngettext ("%u case", "%u cases", total), total);
  else
    /* Translators: shown while searching: "12 of 240 cases" */
    count = g_strdup_printf (ngettext ("%u of %u case", "%u of %u cases", total), shown, total);
  gtk_label_set_text (self->count_label, count);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.new", self->store != NULL);

  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  else if (total == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "folder-documents-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Cases"));
      adw_status_page_set_description (self->empty_page,
                                       _("Add a case with the + button."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Cases"));
      adw_status_page_set_description (self->empty_page,
                                       self->hide_names
                                       ? _("Names are hidden, so only case codes, municipalities, "
                                           "regions, statuses and coordinators are searched.")
                                       : _("Try a different search or fewer filters."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
show_error (TsuCasesPage *self,
            const GError *error)
{
  adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->empty_page, _("Cannot Show the Cases"));
  adw_status_page_set_description (self->empty_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
fill_choices (TsuCasesPage *self)
{
  TsuChoiceItems *regions = tsu_choice_items_new (_("All regions"));
  TsuChoiceItems *coordinators = tsu_choice_items_new (_("All coordinators"));
  g_autoptr(GHashTable) seen_regions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_people = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) people = g_ptr_array_new ();
  g_autoptr(GListModel) municipalities = NULL;
  g_autofree char *region = g_strdup (self->region);
  gint64 coordinator = self->coordinator_id;

  if (self->store != NULL)
    municipalities = tsu_store_list (self->store, TSU_TYPE_MUNICIPALITY, "code", NULL);
  for (guint i = 0; municipalities != NULL && i < g_list_model_get_n_items (municipalities); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (municipalities, i);
      const char *name = tsu_municipality_get_region (m);

      if (name != NULL && g_hash_table_add (seen_regions, (gpointer) name))
        tsu_choice_items_add (regions, name, name);
    }

  /* The coordinators who coordinate a case, center and regional, by name. */
  for (guint i = 0; self->cases != NULL && i < g_list_model_get_n_items (self->cases); i++)
    {
      g_autoptr(TsuCaseSummary) s = g_list_model_get_item (self->cases, i);
      TsuCase *kase = tsu_case_summary_get_case (s);
      struct { gint64 id; const char *name; } pair[2] = {
        { tsu_case_get_coordinator_id (kase), tsu_case_summary_get_coordinator_name (s) },
        { tsu_case_get_regional_coordinator_id (kase), tsu_case_summary_get_regional_coordinator_name (s) },
      };

      for (guint j = 0; j < 2; j++)
        if (pair[j].id != 0 && pair[j].name != NULL &&
            !g_hash_table_contains (seen_people, &pair[j].id))
          {
            gint64 *id = g_new (gint64, 1);

            *id = pair[j].id;
            g_hash_table_add (seen_people, id);
            g_ptr_array_add (people, id);
            g_ptr_array_add (people, (gpointer) pair[j].name);
          }
    }
  for (guint i = 0; i < people->len; i += 2)
    {
      gint64 *id = people->pdata[i];

      tsu_choice_items_add_id (coordinators, *id, people->pdata[i + 1]);
    }

  tsu_choice_set_items (self->region_drop_down, regions);
  tsu_choice_set_key (self->region_drop_down, region);
  tsu_choice_set_items (self->coordinator_drop_down, coordinators);
  tsu_choice_set_id (self->coordinator_drop_down, coordinator);

  for (guint i = 0; i < people->len; i += 2)
    g_free (people->pdata[i]);
}

static void
reload (TsuCasesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_clear_object (&self->cases);

  self->loaded = TRUE;
  if (self->store == NULL)
    {
      update_state (self);
      return;
    }

  self->cases = tsu_case_summary_list (self->store, g_date_time_to_unix (now),
                                       unsupported_days (self), &error);
  if (self->cases == NULL)
    {
      g_warning ("Cannot list the cases: %s", error->message);
      show_error (self, error);
      return;
    }

  fill_choices (self);
  gtk_filter_list_model_set_model (self->filter_model, self->cases);
  update_state (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TsuCasesPage *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Callbacks */

static void
search_changed_cb (GtkSearchEntry *entry,
                   TsuCasesPage   *self)
{
  g_autofree char *key = tsu_text_match_key (gtk_editable_get_text (GTK_EDITABLE (entry)));
  GtkFilterChange change;

  if (g_strcmp0 (key, self->search_key) == 0)
    return;

  change = tsu_text_match_change (self->search_key, key);
  g_free (self->search_key);
  self->search_key = g_steal_pointer (&key);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
}

static void
filter_changed_cb (TsuCasesPage *self)
{
  const char *status = tsu_choice_get_key (self->status_drop_down);

  g_free (self->status);
  self->status = g_strdup (status);
  g_free (self->region);
  self->region = g_strdup (tsu_choice_get_key (self->region_drop_down));
  self->coordinator_id = tsu_choice_get_id (self->coordinator_drop_down);

  /* The preset button shows whether the preset is what is chosen. */
  g_signal_handlers_block_matched (self->difficult_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  gtk_toggle_button_set_active (self->difficult_button, g_strcmp0 (status, "difficult") == 0);
  g_signal_handlers_unblock_matched (self->difficult_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                     NULL, self);

  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
difficult_toggled_cb (TsuCasesPage *self)
{
  tsu_cases_page_show_difficult (self, gtk_toggle_button_get_active (self->difficult_button));
}

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  TsuCasesPage *self)
{
  update_state (self);
}

static void
activate_cb (GtkColumnView *view,
             guint          position,
             TsuCasesPage  *self)
{
  g_autoptr(TsuCaseSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                             position);

  if (summary != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-case", "x",
                                tsu_case_summary_get_id (summary));
}

static void
hide_names_changed_cb (GSettings    *settings,
                       const char   *key,
                       TsuCasesPage *self)
{
  gboolean hide_names = g_settings_get_boolean (settings, "hide-names");
  GHashTableIter iter;
  gpointer list_item;

  if (hide_names == self->hide_names)
    return;
  self->hide_names = hide_names;

  g_hash_table_iter_init (&iter, self->name_cells);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    update_name_cell (self, list_item);

  gtk_sorter_changed (self->name_sorter, GTK_SORTER_CHANGE_DIFFERENT);
  if (self->search_key != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
unsupported_days_changed_cb (GSettings    *settings,
                             const char   *key,
                             TsuCasesPage *self)
{
  if (self->loaded)
    reload (self);
}

static void
store_changed_cb (TsuStore     *store,
                  const char   *table,
                  TsuCasesPage *self)
{
  static const char * const tables[] = {
    "child_case", "team_member", "consultation", "meeting", "action_item", "person",
    "municipality", NULL
  };

  if (!g_strv_contains (tables, table) || !self->loaded || self->reload_source != 0)
    return;
  self->reload_source = g_idle_add (reload_idle_cb, self);
}

static void
case_saved_cb (GtkWidget    *editor,
               TsuCase      *kase,
               TsuCasesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-case", "x",
                              tsu_record_get_id (TSU_RECORD (kase)));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  tsu_cases_page_new_case (TSU_CASES_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TsuCasesPage *self = TSU_CASES_PAGE (widget);

  gtk_stack_set_visible_child_name (self->page_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Overrides */

static void
tsu_cases_page_map (GtkWidget *widget)
{
  TsuCasesPage *self = TSU_CASES_PAGE (widget);

  GTK_WIDGET_CLASS (tsu_cases_page_parent_class)->map (widget);

  if (!self->loaded)
    reload (self);
}

static void
tsu_cases_page_dispose (GObject *object)
{
  TsuCasesPage *self = TSU_CASES_PAGE (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_pointer (&self->name_cells, g_hash_table_unref);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  /* AdwBin drops its child itself; the template must not unparent it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_CASES_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->name_sorter);
  g_clear_object (&self->cases);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_cases_page_parent_class)->dispose (object);
}

static void
tsu_cases_page_finalize (GObject *object)
{
  TsuCasesPage *self = TSU_CASES_PAGE (object);

  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->region, g_free);

  G_OBJECT_CLASS (tsu_cases_page_parent_class)->finalize (object);
}

static void
tsu_cases_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TsuCasesPage *self = TSU_CASES_PAGE (object);

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
tsu_cases_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TsuCasesPage *self = TSU_CASES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tsu_cases_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_cases_page_class_init (TsuCasesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_cases_page_dispose;
  object_class->finalize = tsu_cases_page_finalize;
  object_class->get_property = tsu_cases_page_get_property;
  object_class->set_property = tsu_cases_page_set_property;

  widget_class->map = tsu_cases_page_map;

  /**
   * TsuCasesPage:store:
   *
   * The store whose cases the page shows.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TSU_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TSU_TYPE_CASE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-cases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, actions_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, case_view);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, code_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, conference_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, contact_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, coordinator_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, coordinators_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, difficult_button);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, hide_names_button);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, municipality_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, region_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, region_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, status_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, difficult_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "cases.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "cases.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "cases.back", NULL);
}

static void
set_column (GtkColumnViewColumn *column,
            GtkListItemFactory  *factory,
            GtkSorter           *sorter)
{
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (factory);
  g_object_unref (sorter);
}

static void
tsu_cases_page_init (TsuCasesPage *self)
{
  g_autoptr(GtkSortListModel) sort_model = NULL;
  g_auto(GStrv) statuses = tsu_vocabulary_codes (TSU_VOCABULARY_CASE_STATUS);
  TsuChoiceItems *items;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->name_cells = g_hash_table_new (NULL, NULL);
  /* GSettings emits "changed" only for keys read after a handler is connected. */
  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_signal_connect (self->settings, "changed::hide-names",
                    G_CALLBACK (hide_names_changed_cb), self);
  g_signal_connect (self->settings, "changed::unsupported-days",
                    G_CALLBACK (unsupported_days_changed_cb), self);
  self->hide_names = g_settings_get_boolean (self->settings, "hide-names");
  g_settings_get_int (self->settings, "unsupported-days");
  g_settings_bind (self->settings, "hide-names", self->hide_names_button, "active",
                   G_SETTINGS_BIND_DEFAULT);

  items = tsu_choice_items_new (_("All statuses"));
  for (guint i = 0; statuses[i] != NULL; i++)
    tsu_choice_items_add (items, statuses[i], tsu_vocabulary_label (TSU_VOCABULARY_CASE_STATUS,
                                                                    statuses[i]));
  tsu_choice_set_items (self->status_drop_down, items);
  tsu_choice_set_items (self->region_drop_down, tsu_choice_items_new (_("All regions")));
  tsu_choice_set_items (self->coordinator_drop_down, tsu_choice_items_new (_("All coordinators")));
  gtk_drop_down_set_expression (self->coordinator_drop_down, tsu_choice_expression_new ());

  self->name_sorter = string_sorter_new (G_CALLBACK (name_sort_key), self);
  set_column (self->code_column,
              tsu_cell_factory_new (code_text, self, TSU_CELL_NUMERIC),
              property_sorter_new ("code"));
  set_column (self->name_column, name_factory_new (self), g_object_ref (self->name_sorter));
  set_column (self->municipality_column,
              tsu_cell_factory_new (municipality_text, self, TSU_CELL_NONE),
              property_sorter_new ("municipality-kana"));
  set_column (self->region_column,
              tsu_cell_factory_new (region_text, self, TSU_CELL_NONE),
              property_sorter_new ("region"));
  set_column (self->status_column, status_factory_new (self),
              GTK_SORTER (gtk_custom_sorter_new (compare_status, NULL, NULL)));
  set_column (self->coordinators_column,
              tsu_cell_factory_new (coordinators_text, self, TSU_CELL_NONE),
              property_sorter_new ("coordinators"));
  set_column (self->conference_column,
              tsu_cell_factory_new (conference_text, self, TSU_CELL_NUMERIC),
              GTK_SORTER (gtk_custom_sorter_new (compare_conference, NULL, NULL)));
  set_column (self->actions_column,
              tsu_cell_factory_new (actions_text, self, TSU_CELL_NUMERIC),
              GTK_SORTER (gtk_custom_sorter_new (compare_actions, NULL, NULL)));
  set_column (self->contact_column,
              tsu_cell_factory_new (contact_text, self, TSU_CELL_NUMERIC),
              GTK_SORTER (gtk_custom_sorter_new (compare_contact, NULL, NULL)));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect (self->filter_model, "items-changed", G_CALLBACK (items_changed_cb), self);

  sorter = gtk_column_view_get_sorter (self->column_view);
  sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                        g_object_ref (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  update_state (self);
}

/* Public API */

/**
 * tsu_cases_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store
 */
TsuStore *
tsu_cases_page_get_store (TsuCasesPage *self)
{
  g_return_val_if_fail (TSU_IS_CASES_PAGE (self), NULL);

  return self->store;
}

/**
 * tsu_cases_page_set_store:
 * @store: (nullable): a store
 *
 * Shows the cases of @store, read when the page is first shown and again when the
 * store changes.
 */
void
tsu_cases_page_set_store (TsuCasesPage *self,
                          TsuStore     *store)
{
  g_return_if_fail (TSU_IS_CASES_PAGE (self));
  g_return_if_fail (store == NULL || TSU_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  tsu_case_view_set_case (self->case_view, NULL, 0);
  gtk_stack_set_visible_child_name (self->page_stack, "list");

  /* A page reads its lists when it is first shown, not while it is hidden. */
  self->loaded = FALSE;
  if (store == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tsu_cases_page_get_model:
 *
 * Returns: (transfer none): the cases as the page shows them (#TsuCaseSummary):
 *   filtered and sorted
 */
GListModel *
tsu_cases_page_get_model (TsuCasesPage *self)
{
  g_return_val_if_fail (TSU_IS_CASES_PAGE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * tsu_cases_page_dup_display_name:
 * @kase: a case
 *
 * Returns: (transfer full): the name the page shows for @kase: the child's name, or
 *   the case code while names are hidden
 */
char *
tsu_cases_page_dup_display_name (TsuCasesPage *self,
                                 TsuCase      *kase)
{
  g_return_val_if_fail (TSU_IS_CASES_PAGE (self), NULL);
  g_return_val_if_fail (TSU_IS_CASE (kase), NULL);

  return g_strdup (name_of_case (self, kase));
}

/**
 * tsu_cases_page_open_case:
 * @case_id: a case
 *
 * Shows the case page of @case_id (what win.open-case does).
 *
 * Returns: whether the case could be read
 */
gboolean
tsu_cases_page_open_case (TsuCasesPage *self,
                          gint64        case_id)
{
  g_return_val_if_fail (TSU_IS_CASES_PAGE (self), FALSE);

  if (self->store == NULL || !tsu_case_view_set_case (self->case_view, self->store, case_id))
    return FALSE;
  gtk_stack_set_visible_child_name (self->page_stack, "case");
  return TRUE;
}

/**
 * tsu_cases_page_get_case_view:
 *
 * Returns: (transfer none): the case subpage (a #TsuCaseView)
 */
GtkWidget *
tsu_cases_page_get_case_view (TsuCasesPage *self)
{
  g_return_val_if_fail (TSU_IS_CASES_PAGE (self), NULL);

  return GTK_WIDGET (self->case_view);
}

/**
 * tsu_cases_page_set_filter:
 * @filter: "status", "region" or "coordinator"
 * @key: (nullable): a status code, a region's name or a person id as text; %NULL for all
 *
 * Returns: whether the choice exists
 */
gboolean
tsu_cases_page_set_filter (TsuCasesPage *self,
                           const char   *filter,
                           const char   *key)
{
  GtkDropDown *drop_down = NULL;

  g_return_val_if_fail (TSU_IS_CASES_PAGE (self), FALSE);

  if (g_strcmp0 (filter, "status") == 0)
    drop_down = self->status_drop_down;
  else if (g_strcmp0 (filter, "region") == 0)
    drop_down = self->region_drop_down;
  else if (g_strcmp0 (filter, "coordinator") == 0)
    drop_down = self->coordinator_drop_down;
  g_return_val_if_fail (drop_down != NULL, FALSE);

  return tsu_choice_set_key (drop_down, key);
}

/**
 * tsu_cases_page_show_difficult:
 *
 * The "Difficult Cases" view: only cases with the status difficult, or all again.
 */
void
tsu_cases_page_show_difficult (TsuCasesPage *self,
                               gboolean      difficult)
{
  g_return_if_fail (TSU_IS_CASES_PAGE (self));

  tsu_choice_set_key (self->status_drop_down, difficult ? "difficult" : NULL);
}

/**
 * tsu_cases_page_new_case:
 *
 * Returns: (transfer none): the editor of a new case, presented
 */
GtkWindow *
tsu_cases_page_new_case (TsuCasesPage *self)
{
  TsuCaseEditor *editor;

  g_return_val_if_fail (TSU_IS_CASES_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  editor = tsu_case_editor_new (self->store, NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (case_saved_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

/**
 * tsu_cases_page_reload:
 *
 * Reads the list again now.
 */
void
tsu_cases_page_reload (TsuCasesPage *self)
{
  g_return_if_fail (TSU_IS_CASES_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  reload (self);
}
