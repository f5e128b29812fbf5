/* tsu-directory-page.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-directory-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-cell.h"
#include "tsu-directory-page.h"
#include "tsu-municipality-map.h"
#include "tsu-text-match.h"

/* The Directory page: the agencies and social resources of the store in a column view
 * that sorts by any column and filters by what is typed — names, readings, kinds,
 * municipalities and regions, phone numbers, addresses and services. The agencies are
 * read once (agencies → filter → sort → selection). */

struct _TsuDirectoryPage
{
  AdwBin               parent_instance;

  TsuStore            *store;
  gboolean             loaded;
  GHashTable          *municipalities;   /* id → TsuMunicipality */
  GListModel          *agencies;
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  char                *search_key;

  GtkColumnView       *column_view;
  GtkLabel            *count_label;
  AdwStatusPage       *empty_page;
  GtkColumnViewColumn *kana_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *municipality_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *phone_column;
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
};

G_DEFINE_FINAL_TYPE (TsuDirectoryPage, tsu_directory_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TsuMunicipality *
municipality_of (TsuDirectoryPage *self,
                 TsuAgency        *agency)
{
  return tsu_municipality_map_lookup (self->municipalities,
                                      tsu_agency_get_municipality_id (agency));
}

/* Cell texts */

static char *
name_text (gpointer item,
           gpointer user_data)
{
  return g_strdup (tsu_agency_get_name (item));
}

static char *
kana_text (gpointer item,
           gpointer user_data)
{
  return g_strdup (tsu_agency_get_kana (item));
}

static char *
kind_text (gpointer item,
           gpointer user_data)
{
  return g_strdup (tsu_vocabulary_label (TSU_VOCABULARY_AGENCY_KIND, tsu_agency_get_kind (item)));
}

static char *
municipality_text (gpointer item,
                   gpointer user_data)
{
  TsuMunicipality *municipality = municipality_of (user_data, item);

  return municipality != NULL ? g_strdup (tsu_municipality_get_name (municipality)) : NULL;
}

static char *
phone_text (gpointer item,
            gpointer user_data)
{
  return g_strdup (tsu_agency_get_phone (item));
}

/* Sort keys: Japanese names sort by their kana reading (gojūon order); a name without
 * a reading sorts by itself. */

static char *
name_sort_key (TsuAgency        *agency,
               TsuDirectoryPage *self)
{
  const char *kana = tsu_agency_get_kana (agency);

  if (kana != NULL && *kana != '\0')
    return g_strdup (kana);
  return g_strdup (tsu_agency_get_name (agency));
}

static char *
kind_sort_key (TsuAgency        *agency,
               TsuDirectoryPage *self)
{
  return g_strdup (tsu_vocabulary_label (TSU_VOCABULARY_AGENCY_KIND, tsu_agency_get_kind (agency)));
}

static char *
municipality_sort_key (TsuAgency        *agency,
                       TsuDirectoryPage *self)
{
  TsuMunicipality *municipality = municipality_of (self, agency);

  if (municipality == NULL)
    return NULL;
  return g_strdup (tsu_municipality_get_kana (municipality));
}

static GtkSorter *
string_sorter_new (GCallback         key_func,
                   TsuDirectoryPage *self)
{
  GtkExpression *expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                           key_func, self, NULL);

  return GTK_SORTER (gtk_string_sorter_new (expression));
}

static GtkSorter *
property_sorter_new (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (TSU_TYPE_AGENCY, NULL,
                                                                         property)));
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TsuDirectoryPage *self = user_data;
  TsuAgency *agency = item;
  TsuMunicipality *municipality;
  const char *key = self->search_key;

  if (key == NULL)
    return TRUE;

  if (tsu_text_match (key, tsu_agency_get_name (agency)) ||
      tsu_text_match (key, tsu_agency_get_kana (agency)) ||
      tsu_text_match (key, tsu_vocabulary_label (TSU_VOCABULARY_AGENCY_KIND,
                                                 tsu_agency_get_kind (agency))) ||
      tsu_text_match (key, tsu_agency_get_phone (agency)) ||
      tsu_text_match (key, tsu_agency_get_address (agency)) ||
      tsu_text_match (key, tsu_agency_get_services (agency)))
    return TRUE;

  municipality = municipality_of (self, agency);
  return municipality != NULL &&
         (tsu_text_match (key, tsu_municipality_get_name (municipality)) ||
          tsu_text_match (key, tsu_municipality_get_kana (municipality)) ||
          tsu_text_match (key, tsu_municipality_get_region (municipality)));
}

static void
update_state (TsuDirectoryPage *self)
{
  guint total = self->agencies != NULL ? g_list_model_get_n_items (self->agencies) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *count = NULL;

  if (shown == total)
    count = g_strdup_printf (ngettext ("%u agency", "%u agencies", total), total);
  else
    /* Translators: shown while searching: "12 of 3,000 agencies" */
    count = g_strdup_printf (ngettext ("%u of %u agency", "%u of %u agencies", total),
                             shown, total);
  gtk_label_set_text (self->count_label, count);

  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  else if (total == 0)
    {
      adw_status_page_set_icon_name (self->empty_page, "x-office-address-book-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Agencies"));
      adw_status_page_set_description (self->empty_page,
                                       _("No agencies are recorded in this database."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Agencies"));
      adw_status_page_set_description (self->empty_page, _("Try a different search."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
show_error (TsuDirectoryPage *self,
            const GError     *error)
{
  adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->empty_page, _("Cannot Show the Directory"));
  adw_status_page_set_description (self->empty_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
reload (TsuDirectoryPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_clear_object (&self->agencies);
  g_clear_pointer (&self->municipalities, g_hash_table_unref);

  self->loaded = TRUE;
  if (self->store == NULL)
    {
      update_state (self);
      return;
    }

  self->municipalities = tsu_municipality_map_new (self->store, &error);
  if (self->municipalities != NULL)
    self->agencies = tsu_store_list (self->store, TSU_TYPE_AGENCY, "kana", &error);

  if (self->agencies == NULL)
    {
      g_warning ("Cannot list the agencies: %s", error->message);
      show_error (self, error);
      return;
    }

  gtk_filter_list_model_set_model (self->filter_model, self->agencies);
  update_state (self);
}

/* Callbacks */

static void
search_changed_cb (GtkSearchEntry   *entry,
                   TsuDirectoryPage *self)
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
items_changed_cb (GListModel       *model,
                  guint             position,
                  guint             removed,
                  guint             added,
                  TsuDirectoryPage *self)
{
  update_state (self);
}

/* Overrides */

static void
tsu_directory_page_map (GtkWidget *widget)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (widget);

  GTK_WIDGET_CLASS (tsu_directory_page_parent_class)->map (widget);

  if (!self->loaded)
    reload (self);
}

static void
tsu_directory_page_dispose (GObject *object)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (object);

  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  /* AdwBin drops its child itself; the template must not unparent it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_DIRECTORY_PAGE);

  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->agencies);
  g_clear_pointer (&self->municipalities, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_directory_page_parent_class)->dispose (object);
}

static void
tsu_directory_page_finalize (GObject *object)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (object);

  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (tsu_directory_page_parent_class)->finalize (object);
}

static void
tsu_directory_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (object);

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
tsu_directory_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tsu_directory_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_directory_page_class_init (TsuDirectoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_directory_page_dispose;
  object_class->finalize = tsu_directory_page_finalize;
  object_class->get_property = tsu_directory_page_get_property;
  object_class->set_property = tsu_directory_page_set_property;

  widget_class->map = tsu_directory_page_map;

  /**
   * TsuDirectoryPage:store:
   *
   * The store whose agencies the page shows.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TSU_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-directory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, kana_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, municipality_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, phone_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, stack);
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
tsu_directory_page_init (TsuDirectoryPage *self)
{
  g_autoptr(GtkSortListModel) sort_model = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  set_column (self->name_column,
              tsu_cell_factory_new (name_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (name_sort_key), self));
  set_column (self->kana_column,
              tsu_cell_factory_new (kana_text, self, TSU_CELL_DIM),
              property_sorter_new ("kana"));
  set_column (self->kind_column,
              tsu_cell_factory_new (kind_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (kind_sort_key), self));
  set_column (self->municipality_column,
              tsu_cell_factory_new (municipality_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (municipality_sort_key), self));
  set_column (self->phone_column,
              tsu_cell_factory_new (phone_text, self, TSU_CELL_NUMERIC),
              property_sorter_new ("phone"));

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
 * tsu_directory_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store
 */
TsuStore *
tsu_directory_page_get_store (TsuDirectoryPage *self)
{
  g_return_val_if_fail (TSU_IS_DIRECTORY_PAGE (self), NULL);

  return self->store;
}

/**
 * tsu_directory_page_set_store:
 * @store: (nullable): a store
 *
 * Shows the agencies of @store, read once now.
 */
void
tsu_directory_page_set_store (TsuDirectoryPage *self,
                              TsuStore         *store)
{
  g_return_if_fail (TSU_IS_DIRECTORY_PAGE (self));
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
 * tsu_directory_page_get_model:
 *
 * Returns: (transfer none): the agencies as the page shows them: filtered and sorted
 */
GListModel *
tsu_directory_page_get_model (TsuDirectoryPage *self)
{
  g_return_val_if_fail (TSU_IS_DIRECTORY_PAGE (self), NULL);

  return G_LIST_MODEL (gtk_column_view_get_model (self->column_view));
}
