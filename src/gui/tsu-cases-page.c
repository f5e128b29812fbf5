/* tsu-cases-page.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-cases-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-cases-page.h"
#include "tsu-cell.h"
#include "tsu-municipality-map.h"
#include "tsu-settings.h"
#include "tsu-text-match.h"

/* The Cases page: every case of the store in a column view that sorts by any column
 * and filters by what is typed. The cases are read once; sorting and filtering work
 * on that one list (cases → filter → sort → selection).
 *
 * The child's name is personal health information. With the setting "hide-names" on,
 * the case code stands in for the name in the list, in sorting and in searching, so
 * that neither the screen nor a search reveals it. */

struct _TsuCasesPage
{
  AdwBin               parent_instance;

  TsuStore            *store;
  gboolean             loaded;
  GSettings           *settings;
  GHashTable          *municipalities;   /* id → TsuMunicipality */
  GListModel          *cases;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  GtkSorter           *name_sorter;
  GHashTable          *name_cells;       /* the bound GtkListItems of the name column */
  char                *search_key;
  gboolean             hide_names;

  GtkColumnViewColumn *code_column;
  GtkColumnView       *column_view;
  GtkLabel            *count_label;
  AdwStatusPage       *empty_page;
  GtkToggleButton     *hide_names_button;
  GtkColumnViewColumn *municipality_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *region_column;
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  GtkColumnViewColumn *status_column;
};

G_DEFINE_FINAL_TYPE (TsuCasesPage, tsu_cases_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TsuMunicipality *
municipality_of (TsuCasesPage *self,
                 TsuCase      *kase)
{
  return tsu_municipality_map_lookup (self->municipalities, tsu_case_get_municipality_id (kase));
}

static const char *
name_of (TsuCasesPage *self,
         TsuCase      *kase)
{
  const char *name = tsu_case_get_child_name (kase);

  if (self->hide_names || name == NULL || *name == '\0')
    return tsu_case_get_code (kase);
  return name;
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

/* Cell texts */

static char *
code_text (gpointer item,
           gpointer user_data)
{
  return g_strdup (tsu_case_get_code (item));
}

static char *
municipality_text (gpointer item,
                   gpointer user_data)
{
  TsuMunicipality *municipality = municipality_of (user_data, item);

  return municipality != NULL ? g_strdup (tsu_municipality_get_name (municipality)) : NULL;
}

static char *
region_text (gpointer item,
             gpointer user_data)
{
  TsuMunicipality *municipality = municipality_of (user_data, item);

  return municipality != NULL ? g_strdup (tsu_municipality_get_region (municipality)) : NULL;
}

static char *
status_text (gpointer item,
             gpointer user_data)
{
  return g_strdup (tsu_vocabulary_label (TSU_VOCABULARY_CASE_STATUS, tsu_case_get_status (item)));
}

/* The name column follows the setting while it is shown, so its cells are kept track
 * of instead of being made again. */

static void
update_name_cell (TsuCasesPage *self,
                  GtkListItem  *list_item)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  TsuCase *kase = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (label), kase != NULL ? name_of (self, kase) : "");
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

/* Sort keys: names sort by their kana reading, municipalities by theirs. */

static char *
name_sort_key (TsuCase      *kase,
               TsuCasesPage *self)
{
  const char *kana = tsu_case_get_child_kana (kase);

  if (!self->hide_names && kana != NULL && *kana != '\0')
    return g_strdup (kana);
  return g_strdup (name_of (self, kase));
}

static char *
municipality_sort_key (TsuCase      *kase,
                       TsuCasesPage *self)
{
  TsuMunicipality *municipality = municipality_of (self, kase);

  if (municipality == NULL)
    return NULL;
  return g_strdup (tsu_municipality_get_kana (municipality));
}

static char *
region_sort_key (TsuCase      *kase,
                 TsuCasesPage *self)
{
  TsuMunicipality *municipality = municipality_of (self, kase);

  if (municipality == NULL)
    return NULL;
  return g_strdup (tsu_municipality_get_region (municipality));
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  int rank_a = status_rank (tsu_case_get_status ((TsuCase *) a));
  int rank_b = status_rank (tsu_case_get_status ((TsuCase *) b));

  return (rank_a > rank_b) - (rank_a < rank_b);
}

static GtkSorter *
string_sorter_new (GCallback     key_func,
                   TsuCasesPage *self)
{
  GtkExpression *expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                           key_func, self, NULL);

  return GTK_SORTER (gtk_string_sorter_new (expression));
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TsuCasesPage *self = user_data;
  TsuCase *kase = item;
  TsuMunicipality *municipality;
  const char *status;

  if (self->search_key == NULL)
    return TRUE;

  status = tsu_vocabulary_label (TSU_VOCABULARY_CASE_STATUS, tsu_case_get_status (kase));
  if (tsu_text_match (self->search_key, tsu_case_get_code (kase)) ||
      tsu_text_match (self->search_key, status))
    return TRUE;

  if (!self->hide_names &&
      (tsu_text_match (self->search_key, tsu_case_get_child_name (kase)) ||
       tsu_text_match (self->search_key, tsu_case_get_child_kana (kase))))
    return TRUE;

  municipality = municipality_of (self, kase);
  return municipality != NULL &&
         (tsu_text_match (self->search_key, tsu_municipality_get_name (municipality)) ||
          tsu_text_match (self->search_key, tsu_municipality_get_kana (municipality)) ||
          tsu_text_match (self->search_key, tsu_municipality_get_region (municipality)));
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

  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  else if (total == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "folder-documents-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Cases"));
      adw_status_page_set_description (self->empty_page,
                                       _("No cases are recorded in this database."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Cases"));
      adw_status_page_set_description (self->empty_page,
                                       self->hide_names
                                       ? _("Names are hidden, so only case codes, municipalities, "
                                           "regions and statuses are searched.")
                                       : _("Try a different search."));
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
reload (TsuCasesPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->municipalities, g_hash_table_unref);

  self->loaded = TRUE;
  if (self->store == NULL)
    {
      update_state (self);
      return;
    }

  self->municipalities = tsu_municipality_map_new (self->store, &error);
  if (self->municipalities != NULL)
    self->cases = tsu_store_list (self->store, TSU_TYPE_CASE, "code", &error);

  if (self->cases == NULL)
    {
      g_warning ("Cannot list the cases: %s", error->message);
      show_error (self, error);
      return;
    }

  gtk_filter_list_model_set_model (self->filter_model, self->cases);
  update_state (self);
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
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  TsuCasesPage *self)
{
  update_state (self);
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

  g_clear_pointer (&self->name_cells, g_hash_table_unref);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  /* AdwBin drops its child itself; the template must not unparent it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_CASES_PAGE);

  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->name_sorter);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->municipalities, g_hash_table_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_cases_page_parent_class)->dispose (object);
}

static void
tsu_cases_page_finalize (GObject *object)
{
  TsuCasesPage *self = TSU_CASES_PAGE (object);

  g_clear_pointer (&self->search_key, g_free);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-cases-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, code_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, hide_names_button);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, municipality_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, region_column);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TsuCasesPage, status_column);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
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
  g_autoptr(GtkSingleSelection) selection = NULL;
  GtkSorter *sorter;
  GtkExpression *code = gtk_property_expression_new (TSU_TYPE_CASE, NULL, "code");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->name_cells = g_hash_table_new (NULL, NULL);
  /* GSettings emits "changed" only for keys read after a handler is connected. */
  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_signal_connect (self->settings, "changed::hide-names",
                    G_CALLBACK (hide_names_changed_cb), self);
  self->hide_names = g_settings_get_boolean (self->settings, "hide-names");
  g_settings_bind (self->settings, "hide-names", self->hide_names_button, "active",
                   G_SETTINGS_BIND_DEFAULT);

  self->name_sorter = string_sorter_new (G_CALLBACK (name_sort_key), self);
  set_column (self->code_column,
              tsu_cell_factory_new (code_text, self, TSU_CELL_NUMERIC),
              GTK_SORTER (gtk_string_sorter_new (code)));
  set_column (self->name_column,
              name_factory_new (self),
              g_object_ref (self->name_sorter));
  set_column (self->municipality_column,
              tsu_cell_factory_new (municipality_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (municipality_sort_key), self));
  set_column (self->region_column,
              tsu_cell_factory_new (region_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (region_sort_key), self));
  set_column (self->status_column,
              tsu_cell_factory_new (status_text, self, TSU_CELL_NONE),
              GTK_SORTER (gtk_custom_sorter_new (compare_status, NULL, NULL)));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect (self->filter_model, "items-changed", G_CALLBACK (items_changed_cb), self);

  sorter = gtk_column_view_get_sorter (self->column_view);
  sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                        g_object_ref (sorter));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (sort_model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

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
 * Shows the cases of @store, read once now.
 */
void
tsu_cases_page_set_store (TsuCasesPage *self,
                          TsuStore     *store)
{
  g_return_if_fail (TSU_IS_CASES_PAGE (self));
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
 * tsu_cases_page_get_model:
 *
 * Returns: (transfer none): the cases as the page shows them: filtered and sorted
 */
GListModel *
tsu_cases_page_get_model (TsuCasesPage *self)
{
  g_return_val_if_fail (TSU_IS_CASES_PAGE (self), NULL);

  return G_LIST_MODEL (gtk_column_view_get_model (self->column_view));
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

  return g_strdup (name_of (self, kase));
}
