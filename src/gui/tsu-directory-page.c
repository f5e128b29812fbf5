/* tsu-directory-page.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-directory-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-agency-editor.h"
#include "tsu-cell.h"
#include "tsu-choice.h"
#include "tsu-csv-import-dialog.h"
#include "tsu-directory-page.h"
#include "tsu-municipality-map.h"
#include "tsu-person-editor.h"
#include "tsu-text-match.h"

/* The Directory page (関係機関・社会資源): agencies and persons in two column views that
 * sort by any column (Japanese names by their kana reading) and filter by what is
 * typed and by kind, service offered, region and municipality — so that "who offers
 * short stays in the 西部 region" is two choices. A person is filtered through the
 * agency they belong to.
 *
 * Each list is read once (records → filter → sort → selection) and read again when the
 * store says its table changed. Agencies and persons are added, edited and deleted
 * here, and imported and exported as CSV files off the main thread. */

struct _TsuDirectoryPage
{
  AdwBin               parent_instance;

  TsuStore            *store;
  gboolean             loaded;
  guint                reload_source;
  GCancellable        *cancellable;
  GHashTable          *municipalities;   /* id → TsuMunicipality */
  GHashTable          *agency_map;       /* id → TsuAgency */
  GListModel          *agencies;
  GListModel          *persons;
  GtkFilterListModel  *filter_model;
  GtkFilterListModel  *person_filter_model;
  GtkCustomFilter     *filter;
  GtkCustomFilter     *person_filter;
  GtkSingleSelection  *agency_selection;
  GtkSingleSelection  *person_selection;
  char                *search_key;
  char                *kind;
  char                *service;
  char                *region;
  gint64               municipality_id;

  GtkColumnView       *column_view;
  GtkLabel            *count_label;
  AdwStatusPage       *empty_page;
  GtkColumnViewColumn *kana_column;
  GtkDropDown         *kind_drop_down;
  GtkColumnViewColumn *kind_column;
  GtkStack            *list_stack;
  GtkColumnViewColumn *municipality_column;
  GtkDropDown         *municipality_drop_down;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *person_agency_column;
  GtkColumnViewColumn *person_email_column;
  AdwStatusPage       *person_empty_page;
  GtkColumnViewColumn *person_kana_column;
  GtkColumnViewColumn *person_name_column;
  GtkColumnViewColumn *person_phone_column;
  GtkColumnViewColumn *person_profession_column;
  GtkStack            *person_stack;
  GtkColumnView       *person_view;
  GtkColumnViewColumn *phone_column;
  GtkColumnViewColumn *region_column;
  GtkDropDown         *region_drop_down;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *service_drop_down;
  GtkColumnViewColumn *services_column;
  GtkStack            *stack;
  AdwToastOverlay     *toast_overlay;
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

static TsuAgency *
agency_of (TsuDirectoryPage *self,
           TsuPerson        *person)
{
  gint64 id = tsu_person_get_agency_id (person);

  if (self->agency_map == NULL || id == 0)
    return NULL;
  return g_hash_table_lookup (self->agency_map, &id);
}

static gboolean
showing_persons (TsuDirectoryPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "persons") == 0;
}

static void
toast (TsuDirectoryPage *self,
       const char       *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static gboolean
has_service (TsuAgency  *agency,
             const char *service)
{
  const char *services = tsu_agency_get_services (agency);
  g_auto(GStrv) codes = NULL;

  if (services == NULL)
    return FALSE;
  codes = g_strsplit (services, ",", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (g_strstrip (codes[i]), service) == 0)
      return TRUE;
  return FALSE;
}

static char *
services_label (TsuAgency *agency)
{
  const char *services = tsu_agency_get_services (agency);
  g_auto(GStrv) codes = NULL;
  g_autoptr(GString) text = NULL;

  if (services == NULL || *services == '\0')
    return NULL;
  codes = g_strsplit (services, ",", -1);
  text = g_string_new (NULL);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *code = g_strstrip (codes[i]);

      if (*code == '\0')
        continue;
      if (text->len > 0)
        /* Translators: the separator between services offered, "訪問看護、短期入所" */
        g_string_append (text, _(", "));
      g_string_append (text, tsu_vocabulary_label (TSU_VOCABULARY_SERVICE, code));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Whether @agency passes the kind, service, region and municipality filters. */
static gboolean
agency_passes (TsuDirectoryPage *self,
               TsuAgency        *agency)
{
  if (self->kind != NULL && g_strcmp0 (tsu_agency_get_kind (agency), self->kind) != 0)
    return FALSE;
  if (self->service != NULL && !has_service (agency, self->service))
    return FALSE;
  if (self->municipality_id != 0 && tsu_agency_get_municipality_id (agency) != self->municipality_id)
    return FALSE;
  if (self->region != NULL)
    {
      TsuMunicipality *m = municipality_of (self, agency);

      if (m == NULL || g_strcmp0 (tsu_municipality_get_region (m), self->region) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
any_agency_filter (TsuDirectoryPage *self)
{
  return self->kind != NULL || self->service != NULL || self->region != NULL ||
         self->municipality_id != 0;
}

/* Cell texts */

static char *
name_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_agency_get_name (item));
}

static char *
kana_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_agency_get_kana (item));
}

static char *
kind_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_vocabulary_label (TSU_VOCABULARY_AGENCY_KIND, tsu_agency_get_kind (item)));
}

static char *
services_text (gpointer item, gpointer user_data)
{
  return services_label (item);
}

static char *
municipality_text (gpointer item, gpointer user_data)
{
  TsuMunicipality *municipality = municipality_of (user_data, item);

  return municipality != NULL ? g_strdup (tsu_municipality_get_name (municipality)) : NULL;
}

static char *
region_text (gpointer item, gpointer user_data)
{
  TsuMunicipality *municipality = municipality_of (user_data, item);

  return municipality != NULL ? g_strdup (tsu_municipality_get_region (municipality)) : NULL;
}

static char *
phone_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_agency_get_phone (item));
}

static char *
person_name_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_person_get_name (item));
}

static char *
person_kana_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_person_get_kana (item));
}

static char *
person_agency_text (gpointer item, gpointer user_data)
{
  TsuAgency *agency = agency_of (user_data, item);

  return agency != NULL ? g_strdup (tsu_agency_get_name (agency)) : NULL;
}

static char *
person_profession_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_person_get_profession (item));
}

static char *
person_phone_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_person_get_phone (item));
}

static char *
person_email_text (gpointer item, gpointer user_data)
{
  return g_strdup (tsu_person_get_email (item));
}

/* Sort keys: Japanese names sort by their kana reading (gojūon order); a name without
 * a reading sorts by itself. */

static char *
name_sort_key (TsuAgency *agency, TsuDirectoryPage *self)
{
  const char *kana = tsu_agency_get_kana (agency);

  if (kana != NULL && *kana != '\0')
    return g_strdup (kana);
  return g_strdup (tsu_agency_get_name (agency));
}

static char *
kind_sort_key (TsuAgency *agency, TsuDirectoryPage *self)
{
  return g_strdup (tsu_vocabulary_label (TSU_VOCABULARY_AGENCY_KIND, tsu_agency_get_kind (agency)));
}

static char *
services_sort_key (TsuAgency *agency, TsuDirectoryPage *self)
{
  return services_label (agency);
}

static char *
municipality_sort_key (TsuAgency *agency, TsuDirectoryPage *self)
{
  TsuMunicipality *municipality = municipality_of (self, agency);

  return municipality != NULL ? g_strdup (tsu_municipality_get_kana (municipality)) : NULL;
}

static char *
region_sort_key (TsuAgency *agency, TsuDirectoryPage *self)
{
  TsuMunicipality *municipality = municipality_of (self, agency);

  return municipality != NULL ? g_strdup (tsu_municipality_get_region (municipality)) : NULL;
}

static char *
person_name_sort_key (TsuPerson *person, TsuDirectoryPage *self)
{
  const char *kana = tsu_person_get_kana (person);

  if (kana != NULL && *kana != '\0')
    return g_strdup (kana);
  return g_strdup (tsu_person_get_name (person));
}

static char *
person_agency_sort_key (TsuPerson *person, TsuDirectoryPage *self)
{
  TsuAgency *agency = agency_of (self, person);

  return agency != NULL ? name_sort_key (agency, self) : NULL;
}

static GtkSorter *
string_sorter_new (GCallback         key_func,
                   GType             type,
                   TsuDirectoryPage *self)
{
  GtkExpression *expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                           key_func, self, NULL);

  (void) type;
  return GTK_SORTER (gtk_string_sorter_new (expression));
}

static GtkSorter *
property_sorter_new (GType       type,
                     const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (type, NULL, property)));
}

/* Filters */

static gboolean
agency_matches (TsuDirectoryPage *self,
                TsuAgency        *agency,
                const char       *key)
{
  TsuMunicipality *municipality;
  g_autofree char *services = NULL;

  if (tsu_text_match (key, tsu_agency_get_name (agency)) ||
      tsu_text_match (key, tsu_agency_get_kana (agency)) ||
      tsu_text_match (key, tsu_vocabulary_label (TSU_VOCABULARY_AGENCY_KIND,
                                                 tsu_agency_get_kind (agency))) ||
      tsu_text_match (key, tsu_agency_get_phone (agency)) ||
      tsu_text_match (key, tsu_agency_get_address (agency)) ||
      tsu_text_match (key, tsu_agency_get_services (agency)))
    return TRUE;

  services = services_label (agency);
  if (tsu_text_match (key, services))
    return TRUE;

  municipality = municipality_of (self, agency);
  return municipality != NULL &&
         (tsu_text_match (key, tsu_municipality_get_name (municipality)) ||
          tsu_text_match (key, tsu_municipality_get_kana (municipality)) ||
          tsu_text_match (key, tsu_municipality_get_region (municipality)));
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TsuDirectoryPage *self = user_data;

  if (!agency_passes (self, item))
    return FALSE;
  return self->search_key == NULL || agency_matches (self, item, self->search_key);
}

static gboolean
person_filter_func (gpointer item,
                    gpointer user_data)
{
  TsuDirectoryPage *self = user_data;
  TsuPerson *person = item;
  TsuAgency *agency = agency_of (self, person);
  const char *key = self->search_key;

  if (any_agency_filter (self) && (agency == NULL || !agency_passes (self, agency)))
    return FALSE;
  if (key == NULL)
    return TRUE;

  return tsu_text_match (key, tsu_person_get_name (person)) ||
         tsu_text_match (key, tsu_person_get_kana (person)) ||
         tsu_text_match (key, tsu_person_get_profession (person)) ||
         tsu_text_match (key, tsu_person_get_phone (person)) ||
         tsu_text_match (key, tsu_person_get_email (person)) ||
         (agency != NULL && (tsu_text_match (key, tsu_agency_get_name (agency)) ||
                             tsu_text_match (key, tsu_agency_get_kana (agency))));
}

static void
update_actions (TsuDirectoryPage *self)
{
  GtkSingleSelection *selection = showing_persons (self) ? self->person_selection
                                                         : self->agency_selection;
  gboolean selected = gtk_single_selection_get_selected_item (selection) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.add", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.import", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directory.export", self->store != NULL);
}

static void
update_empty (AdwStatusPage *page,
              GtkStack      *stack,
              guint          shown,
              guint          total,
              const char    *none_title,
              const char    *none_description,
              const char    *none_icon,
              const char    *no_match_title)
{
  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (stack, "list");
    }
  else if (total == 0)
    {
      adw_status_page_set_icon_name (page, none_icon);
      adw_status_page_set_title (page, none_title);
      adw_status_page_set_description (page, none_description);
      gtk_stack_set_visible_child_name (stack, "empty");
    }
  else
    {
      adw_status_page_set_icon_name (page, "edit-find-symbolic");
      adw_status_page_set_title (page, no_match_title);
      adw_status_page_set_description (page, _("Try a different search or fewer filters."));
      gtk_stack_set_visible_child_name (stack, "empty");
    }
}

static void
update_state (TsuDirectoryPage *self)
{
  guint total = self->agencies != NULL ? g_list_model_get_n_items (self->agencies) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint person_total = self->persons != NULL ? g_list_model_get_n_items (self->persons) : 0;
  guint person_shown = g_list_model_get_n_items (G_LIST_MODEL (self->person_filter_model));
  g_autofree char *count = NULL;

  if (showing_persons (self))
    {
      if (person_shown == person_total)
        count = g_strdup_printf (ngettext ("%u person", "%u persons", person_total), person_total);
      else
        /* Translators: shown while searching: "12 of 8,000 persons" */
        count = g_strdup_printf (ngettext ("%u of %u person", "%u of %u persons", person_total),
                                 person_shown, person_total);
    }
  else if (shown == total)
    count = g_strdup_printf (ngettext ("%u agency", "%u agencies", total), total);
  else
    /* Translators: shown while searching: "12 of 3,000 agencies" */
    count = g_strdup_printf (ngettext ("%u of %u agency", "%u of %u agencies", total),
                             shown, total);
  gtk_label_set_text (self->count_label, count);

  update_empty (self->empty_page, self->stack, shown, total,
                _("No Agencies"),
                _("Add agencies with the + button, or import them from a CSV file."),
                "x-office-address-book-symbolic", _("No Matching Agencies"));
  update_empty (self->person_empty_page, self->person_stack, person_shown, person_total,
                _("No Persons"),
                _("Add persons with the + button, or import them from a CSV file."),
                "system-users-symbolic", _("No Matching Persons"));
  update_actions (self);
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
fill_region_choices (TsuDirectoryPage *self)
{
  TsuChoiceItems *items = tsu_choice_items_new (_("All regions"));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GListModel) list = NULL;

  if (self->store != NULL)
    list = tsu_store_list (self->store, TSU_TYPE_MUNICIPALITY, "code", NULL);
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (list, i);
      const char *region = tsu_municipality_get_region (m);

      if (region != NULL && g_hash_table_add (seen, (gpointer) region))
        tsu_choice_items_add (items, region, region);
    }
  tsu_choice_set_items (self->region_drop_down, items);
  tsu_choice_set_key (self->region_drop_down, self->region);
}

static void
fill_municipality_choices (TsuDirectoryPage *self)
{
  TsuChoiceItems *items = tsu_choice_items_new (_("All municipalities"));
  g_autoptr(GListModel) list = NULL;
  gint64 keep = self->municipality_id;

  if (self->store != NULL)
    list = tsu_store_list (self->store, TSU_TYPE_MUNICIPALITY, "kana", NULL);
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (list, i);

      if (self->region == NULL || g_strcmp0 (tsu_municipality_get_region (m), self->region) == 0)
        tsu_choice_items_add_id (items, tsu_record_get_id (TSU_RECORD (m)),
                                 tsu_municipality_get_name (m));
    }
  tsu_choice_set_items (self->municipality_drop_down, items);
  if (!tsu_choice_set_id (self->municipality_drop_down, keep))
    self->municipality_id = 0;
}

static void
reload (TsuDirectoryPage *self)
{
  g_autoptr(GError) error = NULL;

  gtk_filter_list_model_set_model (self->filter_model, NULL);
  gtk_filter_list_model_set_model (self->person_filter_model, NULL);
  g_clear_object (&self->agencies);
  g_clear_object (&self->persons);
  g_clear_pointer (&self->municipalities, g_hash_table_unref);
  g_clear_pointer (&self->agency_map, g_hash_table_unref);

  self->loaded = TRUE;
  if (self->store == NULL)
    {
      update_state (self);
      return;
    }

  self->municipalities = tsu_municipality_map_new (self->store, &error);
  if (self->municipalities != NULL)
    self->agencies = tsu_store_list (self->store, TSU_TYPE_AGENCY, "kana", &error);
  if (self->agencies != NULL)
    self->persons = tsu_store_list (self->store, TSU_TYPE_PERSON, "kana", &error);

  if (self->persons == NULL)
    {
      g_warning ("Cannot list the directory: %s", error->message);
      show_error (self, error);
      return;
    }

  self->agency_map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (self->agencies); i++)
    {
      TsuAgency *agency = g_list_model_get_item (self->agencies, i);
      gint64 *id = g_new (gint64, 1);

      *id = tsu_record_get_id (TSU_RECORD (agency));
      g_hash_table_insert (self->agency_map, id, agency);
    }

  gtk_filter_list_model_set_model (self->filter_model, self->agencies);
  gtk_filter_list_model_set_model (self->person_filter_model, self->persons);
  update_state (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TsuDirectoryPage *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Editing */

static void
saved_cb (GtkWidget        *editor,
          TsuRecord        *record,
          TsuDirectoryPage *self)
{
  g_autofree char *text = NULL;

  if (TSU_IS_AGENCY (record))
    text = g_strdup_printf (_("Saved “%s”"), tsu_agency_get_name (TSU_AGENCY (record)));
  else
    text = g_strdup_printf (_("Saved “%s”"), tsu_person_get_name (TSU_PERSON (record)));
  toast (self, text);
}

static gpointer
selected_record (TsuDirectoryPage *self)
{
  GtkSingleSelection *selection = showing_persons (self) ? self->person_selection
                                                         : self->agency_selection;

  return gtk_single_selection_get_selected_item (selection);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TsuDirectoryPage *self)
{
  TsuRecord *record = g_object_get_data (G_OBJECT (dialog), "record");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->store == NULL)
    return;

  if (!tsu_store_delete (self->store, record, &error))
    toast (self, error->message);
  else
    toast (self, _("Deleted"));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  tsu_directory_page_edit (TSU_DIRECTORY_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (widget);
  TsuRecord *record = selected_record (self);

  if (record != NULL)
    tsu_directory_page_edit (self, record);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (widget);
  TsuRecord *record = selected_record (self);
  AdwMessageDialog *dialog;
  const char *name;

  if (record == NULL)
    return;

  if (TSU_IS_AGENCY (record))
    {
      name = tsu_agency_get_name (TSU_AGENCY (record));
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                           _("Delete Agency?"), NULL));
      adw_message_dialog_format_body (dialog,
                                      _("“%s” will be removed from the directory, with the case "
                                        "teams and consents that name it. Its persons stay, "
                                        "without an agency."), name);
    }
  else
    {
      name = tsu_person_get_name (TSU_PERSON (record));
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                           _("Delete Person?"), NULL));
      adw_message_dialog_format_body (dialog,
                                      _("“%s” will be removed from the directory and from every "
                                        "case team."), name);
    }
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import and export */

static void
imported_cb (TsuCsvImportDialog *dialog,
             guint               count,
             TsuDirectoryPage   *self)
{
  g_autofree char *text = g_strdup_printf (ngettext ("Imported %u row", "Imported %u rows", count),
                                           count);

  /* The rows were written by a second store in a thread: this one heard nothing. */
  reload (self);
  toast (self, text);
}

static void
import_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    TsuDirectoryPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        tsu_directory_page_import_file (self, file);
    }
  g_object_unref (chooser);
}

static GtkFileFilter *
csv_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  return filter;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_filter_new ();

  chooser = gtk_file_chooser_native_new (showing_persons (self) ? _("Import Persons")
                                                                : _("Import Agencies"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct {
  char       *database_path;
  GFile      *file;
  TsuCsvKind  kind;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->database_path);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (job->database_path, &error);
  g_autoptr(GBytes) bytes = NULL;

  if (store != NULL)
    bytes = tsu_csv_export (store, job->kind, &error);
  if (bytes == NULL ||
      !g_file_replace_contents (job->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (job->file);
    g_autofree char *text = g_strdup_printf (_("Exported to “%s”"), name);

    toast (self, text);
  }
}

static void
export_to (TsuDirectoryPage *self,
           GFile            *file,
           TsuCsvKind        kind)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job = g_new0 (ExportJob, 1);

  job->database_path = g_strdup (tsu_database_get_path (tsu_store_get_database (self->store)));
  job->file = g_object_ref (file);
  job->kind = kind;

  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
export_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    TsuDirectoryPage *self)
{
  TsuCsvKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "kind"));

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        export_to (self, file, kind);
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (widget);
  gboolean persons = showing_persons (self);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (persons ? _("Export Persons") : _("Export Agencies"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: file names offered when exporting the directory */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     persons ? _("persons.csv") : _("agencies.csv"));
  g_object_set_data (G_OBJECT (chooser), "kind",
                     GINT_TO_POINTER (persons ? TSU_CSV_PERSONS : TSU_CSV_AGENCIES));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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
  gtk_filter_changed (GTK_FILTER (self->person_filter), change);
}

static void
filter_changed_cb (TsuDirectoryPage *self)
{
  g_free (self->kind);
  self->kind = g_strdup (tsu_choice_get_key (self->kind_drop_down));
  g_free (self->service);
  self->service = g_strdup (tsu_choice_get_key (self->service_drop_down));
  self->municipality_id = tsu_choice_get_id (self->municipality_drop_down);

  if (self->filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->person_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
region_changed_cb (TsuDirectoryPage *self)
{
  const char *region = tsu_choice_get_key (self->region_drop_down);

  if (g_strcmp0 (region, self->region) != 0)
    {
      g_free (self->region);
      self->region = g_strdup (region);
      /* The municipalities offered are those of the region. */
      fill_municipality_choices (self);
    }
  filter_changed_cb (self);
}

static void
list_changed_cb (TsuDirectoryPage *self)
{
  if (self->filter_model == NULL)
    return;
  update_state (self);
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

static void
selection_changed_cb (TsuDirectoryPage *self)
{
  update_actions (self);
}

static void
agency_activate_cb (GtkColumnView    *view,
                    guint             position,
                    TsuDirectoryPage *self)
{
  g_autoptr(TsuRecord) record = g_list_model_get_item (G_LIST_MODEL (self->agency_selection),
                                                       position);

  if (record != NULL)
    tsu_directory_page_edit (self, record);
}

static void
person_activate_cb (GtkColumnView    *view,
                    guint             position,
                    TsuDirectoryPage *self)
{
  g_autoptr(TsuRecord) record = g_list_model_get_item (G_LIST_MODEL (self->person_selection),
                                                       position);

  if (record != NULL)
    tsu_directory_page_edit (self, record);
}

static void
store_changed_cb (TsuStore         *store,
                  const char       *table,
                  TsuDirectoryPage *self)
{
  if (g_strcmp0 (table, "agency") != 0 && g_strcmp0 (table, "person") != 0)
    return;
  if (!self->loaded || self->reload_source != 0)
    return;
  /* Many saves in a row (an import) make one reload. */
  self->reload_source = g_idle_add (reload_idle_cb, self);
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

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->person_filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->person_filter_model, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  if (self->person_view != NULL)
    gtk_column_view_set_model (self->person_view, NULL);

  /* AdwBin drops its child itself; the template must not unparent it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_DIRECTORY_PAGE);

  g_clear_object (&self->agency_selection);
  g_clear_object (&self->person_selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->person_filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->person_filter);
  g_clear_object (&self->agencies);
  g_clear_object (&self->persons);
  g_clear_pointer (&self->municipalities, g_hash_table_unref);
  g_clear_pointer (&self->agency_map, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_directory_page_parent_class)->dispose (object);
}

static void
tsu_directory_page_finalize (GObject *object)
{
  TsuDirectoryPage *self = TSU_DIRECTORY_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->region, g_free);

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
   * The store whose agencies and persons the page shows.
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
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, kind_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, municipality_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, municipality_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, person_agency_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, person_email_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, person_empty_page);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, person_kana_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, person_name_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, person_phone_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, person_profession_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, person_stack);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, person_view);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, phone_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, region_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, region_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, service_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, services_column);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TsuDirectoryPage, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, agency_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "directory.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "directory.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "directory.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "directory.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "directory.export", NULL, export_action);
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

static GtkSingleSelection *
selection_new (GtkColumnView      *view,
               GtkFilterListModel *filter_model)
{
  GtkSortListModel *sort_model;
  GtkSingleSelection *selection;

  sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (filter_model)),
                                        g_object_ref (gtk_column_view_get_sorter (view)));
  selection = gtk_single_selection_new (G_LIST_MODEL (sort_model));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  return selection;
}

static void
fill_filter_choices (TsuDirectoryPage *self)
{
  g_auto(GStrv) kinds = tsu_vocabulary_codes (TSU_VOCABULARY_AGENCY_KIND);
  g_auto(GStrv) services = tsu_vocabulary_codes (TSU_VOCABULARY_SERVICE);
  TsuChoiceItems *items;

  items = tsu_choice_items_new (_("All kinds"));
  for (guint i = 0; kinds[i] != NULL; i++)
    tsu_choice_items_add (items, kinds[i], tsu_vocabulary_label (TSU_VOCABULARY_AGENCY_KIND,
                                                                 kinds[i]));
  tsu_choice_set_items (self->kind_drop_down, items);

  items = tsu_choice_items_new (_("Any service"));
  for (guint i = 0; services[i] != NULL; i++)
    tsu_choice_items_add (items, services[i], tsu_vocabulary_label (TSU_VOCABULARY_SERVICE,
                                                                    services[i]));
  tsu_choice_set_items (self->service_drop_down, items);

  tsu_choice_set_items (self->region_drop_down, tsu_choice_items_new (_("All regions")));
  tsu_choice_set_items (self->municipality_drop_down,
                        tsu_choice_items_new (_("All municipalities")));
}

static void
tsu_directory_page_init (TsuDirectoryPage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_expression (self->municipality_drop_down, tsu_choice_expression_new ());
  fill_filter_choices (self);

  set_column (self->name_column,
              tsu_cell_factory_new (name_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (name_sort_key), TSU_TYPE_AGENCY, self));
  set_column (self->kana_column,
              tsu_cell_factory_new (kana_text, self, TSU_CELL_DIM),
              property_sorter_new (TSU_TYPE_AGENCY, "kana"));
  set_column (self->kind_column,
              tsu_cell_factory_new (kind_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (kind_sort_key), TSU_TYPE_AGENCY, self));
  set_column (self->services_column,
              tsu_cell_factory_new (services_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (services_sort_key), TSU_TYPE_AGENCY, self));
  set_column (self->municipality_column,
              tsu_cell_factory_new (municipality_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (municipality_sort_key), TSU_TYPE_AGENCY, self));
  set_column (self->region_column,
              tsu_cell_factory_new (region_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (region_sort_key), TSU_TYPE_AGENCY, self));
  set_column (self->phone_column,
              tsu_cell_factory_new (phone_text, self, TSU_CELL_NUMERIC),
              property_sorter_new (TSU_TYPE_AGENCY, "phone"));

  set_column (self->person_name_column,
              tsu_cell_factory_new (person_name_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (person_name_sort_key), TSU_TYPE_PERSON, self));
  set_column (self->person_kana_column,
              tsu_cell_factory_new (person_kana_text, self, TSU_CELL_DIM),
              property_sorter_new (TSU_TYPE_PERSON, "kana"));
  set_column (self->person_agency_column,
              tsu_cell_factory_new (person_agency_text, self, TSU_CELL_NONE),
              string_sorter_new (G_CALLBACK (person_agency_sort_key), TSU_TYPE_PERSON, self));
  set_column (self->person_profession_column,
              tsu_cell_factory_new (person_profession_text, self, TSU_CELL_NONE),
              property_sorter_new (TSU_TYPE_PERSON, "profession"));
  set_column (self->person_phone_column,
              tsu_cell_factory_new (person_phone_text, self, TSU_CELL_NUMERIC),
              property_sorter_new (TSU_TYPE_PERSON, "phone"));
  set_column (self->person_email_column,
              tsu_cell_factory_new (person_email_text, self, TSU_CELL_NONE),
              property_sorter_new (TSU_TYPE_PERSON, "email"));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect (self->filter_model, "items-changed", G_CALLBACK (items_changed_cb), self);
  self->person_filter = gtk_custom_filter_new (person_filter_func, self, NULL);
  self->person_filter_model = gtk_filter_list_model_new (NULL,
                                                         g_object_ref (GTK_FILTER (self->person_filter)));
  g_signal_connect (self->person_filter_model, "items-changed", G_CALLBACK (items_changed_cb), self);

  self->agency_selection = selection_new (self->column_view, self->filter_model);
  self->person_selection = selection_new (self->person_view, self->person_filter_model);
  g_signal_connect_swapped (self->agency_selection, "notify::selected",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->person_selection, "notify::selected",
                            G_CALLBACK (selection_changed_cb), self);

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
 * Shows the agencies and persons of @store, read when the page is first shown.
 */
void
tsu_directory_page_set_store (TsuDirectoryPage *self,
                              TsuStore         *store)
{
  g_return_if_fail (TSU_IS_DIRECTORY_PAGE (self));
  g_return_if_fail (store == NULL || TSU_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  g_clear_pointer (&self->region, g_free);
  self->municipality_id = 0;
  fill_region_choices (self);
  fill_municipality_choices (self);

  /* A page reads its lists when it is first shown, not while it is hidden. */
  self->loaded = FALSE;
  if (store == NULL || gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
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

  return G_LIST_MODEL (self->agency_selection);
}

/**
 * tsu_directory_page_get_person_model:
 *
 * Returns: (transfer none): the persons as the page shows them: filtered and sorted
 */
GListModel *
tsu_directory_page_get_person_model (TsuDirectoryPage *self)
{
  g_return_val_if_fail (TSU_IS_DIRECTORY_PAGE (self), NULL);

  return G_LIST_MODEL (self->person_selection);
}

/**
 * tsu_directory_page_show_list:
 * @name: "agencies" or "persons"
 */
void
tsu_directory_page_show_list (TsuDirectoryPage *self,
                              const char       *name)
{
  g_return_if_fail (TSU_IS_DIRECTORY_PAGE (self));

  gtk_stack_set_visible_child_name (self->list_stack, name);
}

/**
 * tsu_directory_page_set_filter:
 * @filter: "kind", "service", "region" or "municipality"
 * @key: (nullable): a code (kind, service), a region's name, a municipality id as
 *   text, or %NULL for all
 *
 * Chooses in the filter's drop-down, as a person would.
 *
 * Returns: whether the choice exists
 */
gboolean
tsu_directory_page_set_filter (TsuDirectoryPage *self,
                               const char       *filter,
                               const char       *key)
{
  GtkDropDown *drop_down = NULL;

  g_return_val_if_fail (TSU_IS_DIRECTORY_PAGE (self), FALSE);

  if (g_strcmp0 (filter, "kind") == 0)
    drop_down = self->kind_drop_down;
  else if (g_strcmp0 (filter, "service") == 0)
    drop_down = self->service_drop_down;
  else if (g_strcmp0 (filter, "region") == 0)
    drop_down = self->region_drop_down;
  else if (g_strcmp0 (filter, "municipality") == 0)
    drop_down = self->municipality_drop_down;
  g_return_val_if_fail (drop_down != NULL, FALSE);

  return tsu_choice_set_key (drop_down, key);
}

/**
 * tsu_directory_page_edit:
 * @record: (nullable): a #TsuAgency or #TsuPerson, or %NULL for a new one of the list
 *   shown
 *
 * Returns: (transfer none): the editor window, presented
 */
GtkWindow *
tsu_directory_page_edit (TsuDirectoryPage *self,
                         TsuRecord        *record)
{
  GtkWindow *editor;

  g_return_val_if_fail (TSU_IS_DIRECTORY_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  if (TSU_IS_AGENCY (record) || (record == NULL && !showing_persons (self)))
    editor = GTK_WINDOW (tsu_agency_editor_new (self->store, (TsuAgency *) record));
  else
    editor = GTK_WINDOW (tsu_person_editor_new (self->store, (TsuPerson *) record,
                                                self->agencies));

  g_signal_connect_object (editor, "saved", G_CALLBACK (saved_cb), self, 0);
  gtk_window_set_transient_for (editor, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (editor);
  return editor;
}

/**
 * tsu_directory_page_import_file:
 * @file: a CSV file
 *
 * Opens the preview of importing @file, as Import CSV… does once a file is chosen.
 *
 * Returns: (transfer none): the preview dialog, presented
 */
GtkWindow *
tsu_directory_page_import_file (TsuDirectoryPage *self,
                                GFile            *file)
{
  TsuCsvImportDialog *dialog;

  g_return_val_if_fail (TSU_IS_DIRECTORY_PAGE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  dialog = tsu_csv_import_dialog_new (self->store, file,
                                      showing_persons (self) ? TSU_CSV_PERSONS : TSU_CSV_AGENCIES);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/**
 * tsu_directory_page_reload:
 *
 * Reads the lists again now.
 */
void
tsu_directory_page_reload (TsuDirectoryPage *self)
{
  g_return_if_fail (TSU_IS_DIRECTORY_PAGE (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  reload (self);
}
