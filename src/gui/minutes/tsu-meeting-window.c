/* tsu-meeting-window.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-meeting-window"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "tsu-consent-marker.h"
#include "tsu-format.h"
#include "tsu-invitation.h"
#include "tsu-meeting-window.h"

/* One window per meeting: its details at the top, then three pages — participants,
 * agenda and minutes. An occurrence of a recurring series gets a row of its own
 * before the window opens (tsu_store_detach_occurrence), so that what is recorded
 * here belongs to that one meeting.
 *
 * Text typed into the agenda and the minutes goes through a TsuAutosave; other
 * changes (a role, a reordering) are single short writes through the store. The
 * window never shows a child's name: a case is named by its code. */

#define REVIEW_TITLE N_("Review of previous action items")

struct _TsuMeetingWindow
{
  AdwWindow            parent_instance;

  TsuStore            *store;
  TsuMeeting          *meeting;
  TsuCase             *child_case;
  TsuAutosave         *autosave;
  GPtrArray           *agenda;        /* TsuAgendaItem, in order */
  GtkWindow           *main_window;   /* weak */

  GtkListBox          *agenda_list;
  GtkLabel            *agenda_total_label;
  GtkEntry            *free_agency_entry;
  GtkEntry            *free_name_entry;
  GtkLabel            *kind_label;
  TsuMinutesEditor    *minutes_editor;
  GtkListBox          *participants_list;
  GtkPopover          *add_popover;
  GtkListBox          *person_results;
  GtkSearchEntry      *person_search;
  GtkLabel            *place_label;
  GtkWidget           *review_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget           *team_button;
  GtkMenuButton       *templates_button;
  GtkLabel            *title_label;
  AdwToastOverlay     *toast_overlay;
  AdwViewStack        *view_stack;
  GtkLabel            *when_label;
};

G_DEFINE_FINAL_TYPE (TsuMeetingWindow, tsu_meeting_window, ADW_TYPE_WINDOW)

static void reload_agenda (TsuMeetingWindow *self);
static void reload_participants (TsuMeetingWindow *self);

/* Helpers */

void
tsu_meeting_window_toast (TsuMeetingWindow *self,
                          const char       *message)
{
  g_return_if_fail (TSU_IS_MEETING_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
report (TsuMeetingWindow *self,
        GError           *error)
{
  if (error != NULL)
    tsu_meeting_window_toast (self, error->message);
}

static gint64
meeting_id (TsuMeetingWindow *self)
{
  return tsu_record_get_id (TSU_RECORD (self->meeting));
}

/* A drop-down of the labels of a vocabulary; the codes ride along as data. */
static GtkWidget *
vocabulary_drop_down (TsuVocabulary  vocabulary,
                      const char    *current,
                      const char    *accessible_name)
{
  g_auto(GStrv) codes = tsu_vocabulary_codes (vocabulary);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *drop_down;
  guint selected = 0;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      gtk_string_list_append (labels, tsu_vocabulary_label (vocabulary, codes[i]));
      if (g_strcmp0 (codes[i], current) == 0)
        selected = i;
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (drop_down, accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  g_object_set_data_full (G_OBJECT (drop_down), "codes", g_steal_pointer (&codes),
                          (GDestroyNotify) g_strfreev);
  return drop_down;
}

static const char *
drop_down_code (GtkDropDown *drop_down)
{
  GStrv codes = g_object_get_data (G_OBJECT (drop_down), "codes");

  return codes[gtk_drop_down_get_selected (drop_down)];
}

static void
update_header (TsuMeetingWindow *self)
{
  g_autofree char *when = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *day = NULL;
  const char *location = tsu_meeting_get_location (self->meeting);
  const char *url = tsu_meeting_get_url (self->meeting);
  const char *title = tsu_meeting_get_title (self->meeting);
  g_autofree char *place = NULL;
  g_autofree char *range = NULL;

  start = tsu_format_local_time (tsu_meeting_get_starts_at (self->meeting));
  day = tsu_format_day (start);
  range = tsu_format_time_range (tsu_meeting_get_starts_at (self->meeting),
                                 tsu_meeting_get_ends_at (self->meeting),
                                 tsu_meeting_get_all_day (self->meeting));
  when = g_strdup_printf ("%s  %s", day, range);
  if (location != NULL && *location != '\0' && url != NULL && *url != '\0')
    place = g_strdup_printf ("%s · %s", location, url);
  else if (location != NULL && *location != '\0')
    place = g_strdup (location);
  else if (url != NULL && *url != '\0')
    place = g_strdup (url);

  if (self->child_case != NULL)
    /* Translators: meeting kind · status · case code */
    kind = g_strdup_printf (_("%s · %s · Case %s"),
                            tsu_vocabulary_label (TSU_VOCABULARY_MEETING_KIND,
                                                  tsu_meeting_get_kind (self->meeting)),
                            tsu_vocabulary_label (TSU_VOCABULARY_MEETING_STATUS,
                                                  tsu_meeting_get_status (self->meeting)),
                            tsu_case_get_code (self->child_case));
  else
    kind = g_strdup_printf ("%s · %s",
                            tsu_vocabulary_label (TSU_VOCABULARY_MEETING_KIND,
                                                  tsu_meeting_get_kind (self->meeting)),
                            tsu_vocabulary_label (TSU_VOCABULARY_MEETING_STATUS,
                                                  tsu_meeting_get_status (self->meeting)));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->when_label, when);
  gtk_label_set_text (self->place_label, place != NULL ? place : _("No place given"));
  gtk_label_set_text (self->kind_label, kind);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  gtk_widget_set_visible (self->team_button, self->child_case != NULL);
}

/* Participants */

static char *
participant_name (TsuMeetingWindow *self,
                  TsuParticipant   *p,
                  char            **agency)
{
  gint64 person_id = tsu_participant_get_person_id (p);

  *agency = g_strdup (tsu_participant_get_agency_name (p));
  if (person_id != 0)
    {
      g_autoptr(TsuPerson) person = tsu_store_load (self->store, TSU_TYPE_PERSON, person_id, NULL);

      if (person != NULL)
        {
          if (*agency == NULL && tsu_person_get_agency_id (person) != 0)
            {
              g_autoptr(TsuAgency) a = tsu_store_load (self->store, TSU_TYPE_AGENCY,
                                                       tsu_person_get_agency_id (person), NULL);
              if (a != NULL)
                *agency = g_strdup (tsu_agency_get_name (a));
            }
          return g_strdup (tsu_person_get_name (person));
        }
    }
  return g_strdup (tsu_participant_get_name (p) ? tsu_participant_get_name (p) : "");
}

static void
participant_field_changed_cb (GtkDropDown      *drop_down,
                              GParamSpec       *pspec,
                              TsuMeetingWindow *self)
{
  TsuParticipant *p = g_object_get_data (G_OBJECT (drop_down), "participant");
  const char *property = g_object_get_data (G_OBJECT (drop_down), "property");
  g_autoptr(GError) error = NULL;

  g_object_set (p, property, drop_down_code (drop_down), NULL);
  if (!tsu_store_save (self->store, TSU_RECORD (p), &error))
    report (self, error);
}

static void
remove_participant_cb (GtkButton        *button,
                       TsuMeetingWindow *self)
{
  TsuParticipant *p = g_object_get_data (G_OBJECT (button), "participant");
  g_autoptr(GError) error = NULL;

  if (!tsu_store_delete (self->store, TSU_RECORD (p), &error))
    report (self, error);
  reload_participants (self);
}

static GtkWidget *
participant_row (TsuMeetingWindow *self,
                 TsuParticipant   *p)
{
  static const struct {
    TsuVocabulary vocabulary;
    const char   *property;
    const char   *name;
  } fields[] = {
    { TSU_VOCABULARY_PARTICIPANT_ROLE, "role", N_("Role") },
    { TSU_VOCABULARY_PARTSTAT, "partstat", N_("Invitation") },
    { TSU_VOCABULARY_ATTENDANCE, "attendance", N_("Attendance") },
  };
  g_autofree char *agency = NULL;
  g_autofree char *name = participant_name (self, p, &agency);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  GtkWidget *marker;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (agency != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), agency);
  marker = tsu_consent_marker_new (self->store, p);
  if (marker != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), marker);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *current = NULL;
      GtkWidget *drop_down;

      g_object_get (p, fields[i].property, &current, NULL);
      drop_down = vocabulary_drop_down (fields[i].vocabulary, current, _(fields[i].name));
      g_free ((char *) current);
      g_object_set_data_full (G_OBJECT (drop_down), "participant", g_object_ref (p), g_object_unref);
      g_object_set_data (G_OBJECT (drop_down), "property", (gpointer) fields[i].property);
      g_signal_connect (drop_down, "notify::selected",
                        G_CALLBACK (participant_field_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
    }

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Participant"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Participant"), -1);
  g_object_set_data_full (G_OBJECT (button), "participant", g_object_ref (p), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_participant_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Participants are grouped by agency (the agencies in collation order, then those
 * without one), each group under a header naming the agency. */

typedef struct {
  TsuParticipant *participant;
  char           *agency;
  char           *key;       /* collation key of the agency; NULL sorts last */
  guint           position;  /* in the order added */
} Grouped;

static void
grouped_clear (gpointer data)
{
  Grouped *g = data;

  g_object_unref (g->participant);
  g_free (g->agency);
  g_free (g->key);
}

static int
grouped_compare (gconstpointer a,
                 gconstpointer b)
{
  const Grouped *x = a;
  const Grouped *y = b;
  int by_agency;

  if ((x->key == NULL) != (y->key == NULL))
    return x->key == NULL ? 1 : -1;
  by_agency = g_strcmp0 (x->key, y->key);
  if (by_agency != 0)
    return by_agency;
  return x->position < y->position ? -1 : x->position > y->position;
}

static void
participant_header_func (GtkListBoxRow *row,
                         GtkListBoxRow *before,
                         gpointer       data)
{
  const char *agency = g_object_get_data (G_OBJECT (row), "agency");
  GtkWidget *header;

  if (g_object_get_data (G_OBJECT (row), "grouped") == NULL ||
      (before != NULL && g_object_get_data (G_OBJECT (before), "grouped") != NULL &&
       g_strcmp0 (agency, g_object_get_data (G_OBJECT (before), "agency")) == 0))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  header = gtk_label_new (agency != NULL ? agency : _("No agency"));
  gtk_label_set_xalign (GTK_LABEL (header), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "participant-group");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

static void
reload_participants (TsuMeetingWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GArray) grouped = NULL;

  clear_list (self->participants_list);
  participants = tsu_store_list_by (self->store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                    meeting_id (self), "id", &error);
  if (participants == NULL)
    {
      report (self, error);
      return;
    }
  grouped = g_array_new (FALSE, TRUE, sizeof (Grouped));
  g_array_set_clear_func (grouped, grouped_clear);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      Grouped g = { 0 };
      g_autofree char *name = NULL;

      g.participant = g_list_model_get_item (participants, i);
      name = participant_name (self, g.participant, &g.agency);
      if (g.agency != NULL && *g.agency == '\0')
        g_clear_pointer (&g.agency, g_free);
      g.key = g.agency != NULL ? g_utf8_collate_key (g.agency, -1) : NULL;
      g.position = i;
      g_array_append_val (grouped, g);
    }
  g_array_sort (grouped, grouped_compare);
  for (guint i = 0; i < grouped->len; i++)
    {
      Grouped *g = &g_array_index (grouped, Grouped, i);
      GtkWidget *row = participant_row (self, g->participant);

      /* The header names the agency: the row need not repeat it. */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "");
      g_object_set_data (G_OBJECT (row), "grouped", GINT_TO_POINTER (TRUE));
      g_object_set_data_full (G_OBJECT (row), "agency", g_strdup (g->agency), g_free);
      gtk_list_box_append (self->participants_list, row);
    }
  if (g_list_model_get_n_items (participants) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No participants yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->participants_list, row);
    }
}

static TsuParticipant *
new_participant (TsuMeetingWindow *self,
                 gint64            person_id,
                 const char       *name,
                 const char       *agency)
{
  TsuParticipant *p = tsu_participant_new ();

  tsu_participant_set_meeting_id (p, meeting_id (self));
  tsu_participant_set_person_id (p, person_id);
  tsu_participant_set_name (p, name);
  tsu_participant_set_agency_name (p, agency);
  tsu_participant_set_role (p, "attendee");
  tsu_participant_set_partstat (p, "needs-action");
  tsu_participant_set_attendance (p, "unknown");
  return p;
}

static void
consent_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TsuMeetingWindow *self)
{
  TsuParticipant *p = g_object_get_data (G_OBJECT (dialog), "participant");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  if (!tsu_store_save (self->store, TSU_RECORD (p), &error))
    report (self, error);
  reload_participants (self);
}

/**
 * tsu_meeting_window_add_participant:
 * @person_id: a person of the directory, or 0
 * @name: (nullable): the name of a participant not in the directory
 * @agency: (nullable): the agency of a participant not in the directory
 *
 * Adds a participant — after a warning when the family's consent to share
 * information does not cover the participant's agency.
 *
 * Returns: (transfer none) (nullable): the warning when one is shown; the
 *   participant is then added only on "Add Anyway"
 */
AdwMessageDialog *
tsu_meeting_window_add_participant (TsuMeetingWindow *self,
                                    gint64            person_id,
                                    const char       *name,
                                    const char       *agency)
{
  g_autoptr(TsuParticipant) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *agency_name = NULL;
  g_autofree char *body = NULL;
  TsuConsentCover cover;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (TSU_IS_MEETING_WINDOW (self), NULL);

  p = new_participant (self, person_id, name, agency);
  if (!tsu_consent_check_participant (self->store, p, &cover, &agency_name, &error))
    {
      report (self, error);
      return NULL;
    }
  if (!tsu_consent_cover_is_missing (cover))
    {
      if (!tsu_store_save (self->store, TSU_RECORD (p), &error))
        report (self, error);
      reload_participants (self);
      return NULL;
    }

  body = tsu_consent_warning_body (cover);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, body));
  /* Translators: the heading of the warning before adding a participant; %s is an agency */
  adw_message_dialog_format_heading (dialog, _("No consent to share information with %s"), agency_name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "participant", g_steal_pointer (&p), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (consent_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
save_participants (TsuMeetingWindow *self,
                   GPtrArray        *list)
{
  g_autoptr(GError) error = NULL;

  if (!tsu_store_begin (self->store, &error))
    {
      report (self, error);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    if (!tsu_store_save (self->store, list->pdata[i], &error))
      {
        tsu_store_rollback (self->store);
        report (self, error);
        reload_participants (self);
        return;
      }
  if (!tsu_store_commit (self->store, &error))
    report (self, error);
  reload_participants (self);
}

static void
team_consent_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          TsuMeetingWindow *self)
{
  if (g_strcmp0 (response, "add") == 0)
    save_participants (self, g_object_get_data (G_OBJECT (dialog), "participants"));
}

/* Adds the case team; when the family's consent does not cover some of their
 * agencies, a warning names them first, as for a single participant. */
static void
add_team_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  AdwMessageDialog *dialog;

  if (self->child_case == NULL)
    return;
  list = tsu_case_team_participants (self->store, tsu_record_get_id (TSU_RECORD (self->child_case)),
                                     meeting_id (self), &error);
  if (list == NULL)
    {
      report (self, error);
      return;
    }
  if (list->len == 0)
    {
      tsu_meeting_window_toast (self, _("Everyone on the case team is already a participant"));
      return;
    }

  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *agency_name = NULL;
      TsuConsentCover cover;

      if (tsu_consent_check_participant (self->store, list->pdata[i], &cover, &agency_name, NULL) &&
          tsu_consent_cover_is_missing (cover) && agency_name != NULL &&
          strstr (missing->str, agency_name) == NULL)
        /* Translators: the separator of a list of agencies */
        g_string_append_printf (missing, "%s%s", missing->len ? _(", ") : "", agency_name);
    }

  if (missing->len == 0)
    {
      save_participants (self, list);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("No Consent for Some Agencies"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The family has not consented to share information with: %s. "
                                    "Add the case team anyway?"),
                                  missing->str);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "participants", g_steal_pointer (&list),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (team_consent_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_popover_show_cb (TsuMeetingWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->person_search), "");
  gtk_editable_set_text (GTK_EDITABLE (self->free_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->free_agency_entry), "");
  clear_list (self->person_results);
  gtk_widget_grab_focus (GTK_WIDGET (self->person_search));
}

static void
person_search_changed_cb (TsuMeetingWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->person_search));
  g_autoptr(GListModel) hits = NULL;
  guint shown = 0;

  clear_list (self->person_results);
  if (*query == '\0')
    return;
  hits = tsu_store_search (self->store, query, 200, NULL);
  for (guint i = 0; hits != NULL && i < g_list_model_get_n_items (hits) && shown < 8; i++)
    {
      g_autoptr(TsuSearchHit) hit = g_list_model_get_item (hits, i);
      GtkWidget *row;

      if (g_strcmp0 (tsu_search_hit_get_kind (hit), "person") != 0)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tsu_search_hit_get_title (hit));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), tsu_search_hit_get_snippet (hit));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "person-id",
                         GINT_TO_POINTER ((int) tsu_search_hit_get_ref_id (hit)));
      gtk_list_box_append (self->person_results, row);
      shown++;
    }
}

static void
person_activated_cb (TsuMeetingWindow *self,
                     GtkListBoxRow    *row)
{
  gint64 person_id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "person-id"));

  gtk_popover_popdown (self->add_popover);
  tsu_meeting_window_add_participant (self, person_id, NULL, NULL);
}

static void
person_search_activate_cb (TsuMeetingWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->person_results, 0);

  if (first != NULL)
    person_activated_cb (self, first);
}

static void
add_free_participant_cb (TsuMeetingWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->free_name_entry))));
  g_autofree char *agency = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->free_agency_entry))));

  if (*name == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->free_name_entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->free_name_entry));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->free_name_entry), "error");
  gtk_popover_popdown (self->add_popover);
  tsu_meeting_window_add_participant (self, 0, name, *agency != '\0' ? agency : NULL);
}

/* Agenda */

static gboolean
save_positions (TsuMeetingWindow  *self,
                GError           **error)
{
  if (!tsu_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < self->agenda->len; i++)
    {
      TsuAgendaItem *item = g_ptr_array_index (self->agenda, i);

      if (tsu_agenda_item_get_position (item) == i)
        continue;
      tsu_agenda_item_set_position (item, i);
      if (!tsu_store_save (self->store, TSU_RECORD (item), error))
        {
          tsu_store_rollback (self->store);
          return FALSE;
        }
    }
  return tsu_store_commit (self->store, error);
}

static void
move_agenda_item (TsuMeetingWindow *self,
                  guint             from,
                  guint             to)
{
  g_autoptr(GError) error = NULL;
  gpointer item;
  GtkListBoxRow *row;

  if (from >= self->agenda->len || to >= self->agenda->len || from == to)
    return;
  item = g_ptr_array_steal_index (self->agenda, from);
  g_ptr_array_insert (self->agenda, to, item);
  if (!save_positions (self, &error))
    report (self, error);
  reload_agenda (self);

  row = gtk_list_box_get_row_at_index (self->agenda_list, to);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static guint
row_index (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);

  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

static void
move_up_cb (GtkWidget        *button,
            TsuMeetingWindow *self)
{
  guint i = row_index (button);

  if (i > 0)
    move_agenda_item (self, i, i - 1);
}

static void
move_down_cb (GtkWidget        *button,
              TsuMeetingWindow *self)
{
  guint i = row_index (button);

  move_agenda_item (self, i, i + 1);
}

static gboolean
move_shortcut_cb (GtkWidget *row,
                  GVariant  *args,
                  gpointer   user_data)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (gtk_widget_get_root (row));
  int delta = g_variant_get_int32 (args);
  int i = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (i + delta >= 0)
    move_agenda_item (self, i, i + delta);
  return TRUE;
}

static void
update_total (TsuMeetingWindow *self)
{
  gint64 planned = 0;
  gint64 length = (tsu_meeting_get_ends_at (self->meeting) -
                   tsu_meeting_get_starts_at (self->meeting)) / 60;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->agenda->len; i++)
    planned += tsu_agenda_item_get_planned_minutes (g_ptr_array_index (self->agenda, i));

  if (tsu_meeting_get_all_day (self->meeting) || length <= 0)
    text = g_strdup_printf (_("Planned: %" PRId64 " min"), planned);
  else if (planned > length)
    text = g_strdup_printf (_("Planned: %" PRId64 " min — %" PRId64
                              " min longer than the meeting (%" PRId64 " min)"),
                            planned, planned - length, length);
  else
    text = g_strdup_printf (_("Planned: %" PRId64 " of %" PRId64 " min"),
                            planned, length);
  gtk_label_set_text (self->agenda_total_label, text);
  if (!tsu_meeting_get_all_day (self->meeting) && length > 0 && planned > length)
    gtk_widget_add_css_class (GTK_WIDGET (self->agenda_total_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->agenda_total_label), "error");
}

static void
agenda_text_changed_cb (GtkEditable      *editable,
                        TsuMeetingWindow *self)
{
  TsuAgendaItem *item = g_object_get_data (G_OBJECT (editable), "item");
  const char *property = g_object_get_data (G_OBJECT (editable), "property");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  /* An agenda item needs a title: an emptied one keeps its last title until retyped. */
  if (g_str_equal (property, "title") && *text == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  g_object_set (item, property, *text != '\0' ? text : NULL, NULL);
  tsu_autosave_queue (self->autosave, TSU_TYPE_AGENDA_ITEM, tsu_record_get_id (TSU_RECORD (item)),
                      property, *text != '\0' ? text : NULL);
}

static void
agenda_minutes_changed_cb (GtkSpinButton    *spin,
                           TsuMeetingWindow *self)
{
  TsuAgendaItem *item = g_object_get_data (G_OBJECT (spin), "item");
  g_autoptr(GError) error = NULL;

  tsu_agenda_item_set_planned_minutes (item, gtk_spin_button_get_value_as_int (spin));
  if (!tsu_store_save (self->store, TSU_RECORD (item), &error))
    report (self, error);
  update_total (self);
}

static void
remove_agenda_item_cb (GtkWidget        *button,
                       TsuMeetingWindow *self)
{
  guint i = row_index (button);
  TsuAgendaItem *item = g_ptr_array_index (self->agenda, i);
  g_autoptr(GError) error = NULL;

  tsu_autosave_forget (self->autosave, TSU_TYPE_AGENDA_ITEM, tsu_record_get_id (TSU_RECORD (item)));
  if (!tsu_store_delete (self->store, TSU_RECORD (item), &error))
    report (self, error);
  reload_agenda (self);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  return gdk_content_provider_new_typed (G_TYPE_UINT, (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *row)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (gtk_widget_get_root (row));

  move_agenda_item (self, g_value_get_uint (value),
                    gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
  return TRUE;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  return button;
}

static GtkWidget *
agenda_row (TsuMeetingWindow *self,
            TsuAgendaItem    *item,
            guint             index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  g_autofree char *number = g_strdup_printf ("%u.", index + 1);
  GtkWidget *label = gtk_label_new (number);
  GtkWidget *title = gtk_entry_new ();
  GtkWidget *presenter = gtk_entry_new ();
  GtkWidget *minutes = gtk_spin_button_new_with_range (0, 600, 5);
  GtkWidget *unit = gtk_label_new (_("min"));
  GtkWidget *button;
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_tooltip_text (handle, _("Drag to reorder, or press Alt+Up and Alt+Down"));
  gtk_box_append (GTK_BOX (box), handle);
  gtk_box_append (GTK_BOX (box), label);

  gtk_editable_set_text (GTK_EDITABLE (title), tsu_agenda_item_get_title (item));
  gtk_widget_set_hexpand (title, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Agenda item"), -1);
  g_object_set_data_full (G_OBJECT (title), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (title), "property", (gpointer) "title");
  g_signal_connect (title, "changed", G_CALLBACK (agenda_text_changed_cb), self);
  gtk_box_append (GTK_BOX (box), title);

  gtk_editable_set_text (GTK_EDITABLE (presenter),
                         tsu_agenda_item_get_presenter (item) ? tsu_agenda_item_get_presenter (item) : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (presenter), _("Presenter"));
  gtk_editable_set_width_chars (GTK_EDITABLE (presenter), 10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (presenter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Presenter"), -1);
  g_object_set_data_full (G_OBJECT (presenter), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (presenter), "property", (gpointer) "presenter");
  g_signal_connect (presenter, "changed", G_CALLBACK (agenda_text_changed_cb), self);
  gtk_box_append (GTK_BOX (box), presenter);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (minutes), tsu_agenda_item_get_planned_minutes (item));
  gtk_widget_set_valign (minutes, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (minutes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Planned minutes"), -1);
  g_object_set_data_full (G_OBJECT (minutes), "item", g_object_ref (item), g_object_unref);
  g_signal_connect (minutes, "value-changed", G_CALLBACK (agenda_minutes_changed_cb), self);
  gtk_box_append (GTK_BOX (box), minutes);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_box_append (GTK_BOX (box), unit);

  button = icon_button ("go-up-symbolic", _("Move Up"));
  gtk_widget_set_sensitive (button, index > 0);
  g_signal_connect (button, "clicked", G_CALLBACK (move_up_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  button = icon_button ("go-down-symbolic", _("Move Down"));
  gtk_widget_set_sensitive (button, index + 1 < self->agenda->len);
  g_signal_connect (button, "clicked", G_CALLBACK (move_down_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  button = icon_button ("user-trash-symbolic", _("Remove Agenda Item"));
  g_signal_connect (button, "clicked", G_CALLBACK (remove_agenda_item_cb), self);
  gtk_box_append (GTK_BOX (box), button);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), row);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (int delta = -1; delta <= 1; delta += 2)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (
        gtk_keyval_trigger_new (delta < 0 ? GDK_KEY_Up : GDK_KEY_Down, GDK_ALT_MASK),
        gtk_callback_action_new (move_shortcut_cb, NULL, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (delta));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
    }
  gtk_widget_add_controller (row, shortcuts);
  return row;
}

static gboolean
has_review_item (TsuMeetingWindow *self)
{
  for (guint i = 0; i < self->agenda->len; i++)
    if (g_strcmp0 (tsu_agenda_item_get_title (g_ptr_array_index (self->agenda, i)),
                   _(REVIEW_TITLE)) == 0)
      return TRUE;
  return FALSE;
}

static guint
count_open_actions (TsuMeetingWindow *self)
{
  g_autoptr(GListModel) open = NULL;

  if (self->child_case == NULL)
    return 0;
  open = tsu_store_list_open_actions (self->store, tsu_record_get_id (TSU_RECORD (self->child_case)),
                                      NULL);
  return open != NULL ? g_list_model_get_n_items (open) : 0;
}

static void
reload_agenda (TsuMeetingWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;

  clear_list (self->agenda_list);
  g_ptr_array_set_size (self->agenda, 0);
  items = tsu_store_list_by (self->store, TSU_TYPE_AGENDA_ITEM, "meeting_id", meeting_id (self),
                             "position", &error);
  if (items == NULL)
    {
      report (self, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    g_ptr_array_add (self->agenda, g_list_model_get_item (items, i));
  for (guint i = 0; i < self->agenda->len; i++)
    gtk_list_box_append (self->agenda_list, agenda_row (self, g_ptr_array_index (self->agenda, i), i));
  if (self->agenda->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No agenda yet: add items or start from a template"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->agenda_list, row);
    }
  gtk_widget_set_visible (self->review_button, !has_review_item (self) && count_open_actions (self) > 0);
  update_total (self);
}

static gboolean
insert_agenda_item (TsuMeetingWindow  *self,
                    guint              position,
                    const char        *title,
                    guint              minutes,
                    GError           **error)
{
  g_autoptr(TsuAgendaItem) item = tsu_agenda_item_new ();

  tsu_agenda_item_set_meeting_id (item, meeting_id (self));
  tsu_agenda_item_set_title (item, title);
  tsu_agenda_item_set_planned_minutes (item, minutes);
  tsu_agenda_item_set_position (item, position);
  if (!tsu_store_begin (self->store, error))
    return FALSE;
  if (!tsu_store_save (self->store, TSU_RECORD (item), error))
    {
      tsu_store_rollback (self->store);
      return FALSE;
    }
  g_ptr_array_insert (self->agenda, MIN (position, self->agenda->len), g_object_ref (item));
  if (!save_positions (self, error))
    {
      tsu_store_rollback (self->store);
      return FALSE;
    }
  return tsu_store_commit (self->store, error);
}

static void
add_agenda_item_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint position = self->agenda->len;
  GtkListBoxRow *row;

  if (!insert_agenda_item (self, position, _("New agenda item"), 10, &error))
    report (self, error);
  reload_agenda (self);

  /* Straight into typing the title. */
  row = gtk_list_box_get_row_at_index (self->agenda_list, position);
  if (row != NULL)
    {
      GtkWidget *box = gtk_list_box_row_get_child (row);
      GtkWidget *title = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)));

      gtk_widget_grab_focus (title);
      gtk_editable_select_region (GTK_EDITABLE (title), 0, -1);
    }
}

static void
add_review_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* After the opening, before the rest. */
  if (!insert_agenda_item (self, MIN (1, self->agenda->len), _(REVIEW_TITLE), 10, &error))
    report (self, error);
  reload_agenda (self);
}

static void
rebuild_templates_menu (TsuMeetingWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) templates = g_menu_new ();
  g_autoptr(GMenu) actions = g_menu_new ();
  g_autoptr(GListModel) list = tsu_agenda_template_list (self->store, NULL);

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TsuAgendaTemplate) t = g_list_model_get_item (list, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = g_strdup_printf (_("Add “%s”"), tsu_agenda_template_get_name (t));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "meeting.apply-template",
                                               g_variant_new_uint32 (i));
      g_menu_append_item (templates, item);
    }
  g_menu_append (actions, _("_Save Agenda as Template…"), "meeting.save-template");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (templates));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (actions));
  gtk_menu_button_set_menu_model (self->templates_button, G_MENU_MODEL (menu));
}

static void
apply_template_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = tsu_agenda_template_list (self->store, &error);
  g_autoptr(TsuAgendaTemplate) t = NULL;
  guint index = g_variant_get_uint32 (parameter);

  if (list == NULL || index >= g_list_model_get_n_items (list))
    {
      report (self, error);
      return;
    }
  t = g_list_model_get_item (list, index);
  if (!tsu_agenda_template_apply (t, self->store, meeting_id (self), &error))
    report (self, error);
  reload_agenda (self);
}

static void
save_template_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TsuMeetingWindow *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GListStore) items = g_list_store_new (TSU_TYPE_AGENDA_ITEM);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "save"))
    return;
  tsu_autosave_flush (self->autosave, NULL);
  for (guint i = 0; i < self->agenda->len; i++)
    g_list_store_append (items, g_ptr_array_index (self->agenda, i));
  if (!tsu_agenda_template_save (self->store, gtk_editable_get_text (entry), G_LIST_MODEL (items),
                                 &error))
    {
      report (self, error);
      return;
    }
  rebuild_templates_menu (self);
  tsu_meeting_window_toast (self, _("Template saved"));
}

static void
save_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Template name"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Agenda as Template"),
                                   _("The items and their planned minutes are saved under this name. A template of the same name is replaced."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (save_template_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (widget);
  /* The calendar's meeting editor lives in the main window. */
  if (self->main_window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->main_window), "win.edit-meeting", "(xx)",
                                meeting_id (self), (gint64) 0);
}

static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (widget);

  /* The print preview (src/gui/export) is opened by the main window's actions. */
  if (self->main_window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->main_window),
                                g_str_equal (action_name, "meeting.preview-minutes")
                                ? "win.preview-minutes" : "win.preview-agenda",
                                "(xx)", meeting_id (self), (gint64) 0);
}

/* The iTIP invitation (src/gui/calendar/tsu-invitation.c). */
static void
invitation_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (widget);

  if (g_str_equal (action_name, "meeting.save-invitation"))
    tsu_invitation_save (GTK_WINDOW (self), self->store, meeting_id (self));
  else
    tsu_invitation_send (GTK_WINDOW (self), self->store, meeting_id (self));
}

static void
store_changed_cb (TsuStore         *store,
                  const char       *table,
                  TsuMeetingWindow *self)
{
  g_autoptr(TsuMeeting) fresh = NULL;

  if (!g_str_equal (table, "meeting"))
    return;
  fresh = tsu_store_load (self->store, TSU_TYPE_MEETING, meeting_id (self), NULL);
  if (fresh == NULL)
    {
      /* The meeting was deleted elsewhere. */
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  g_set_object (&self->meeting, fresh);
  update_header (self);
  update_total (self);
}

static void
page_changed_cb (TsuMeetingWindow *self)
{
  const char *name;

  if (self->store == NULL || self->view_stack == NULL)
    return;
  name = adw_view_stack_get_visible_child_name (self->view_stack);
  /* Attendance and agenda may have changed on the other pages. */
  if (g_strcmp0 (name, "minutes") == 0)
    tsu_minutes_editor_reload (self->minutes_editor);
  else if (g_strcmp0 (name, "participants") == 0)
    reload_participants (self);
  else if (g_strcmp0 (name, "agenda") == 0)
    reload_agenda (self);
}

static void
autosave_failed_cb (TsuAutosave      *autosave,
                    const char       *message,
                    TsuMeetingWindow *self)
{
  tsu_meeting_window_toast (self, message);
}

/* Overrides */

static gboolean
tsu_meeting_window_close_request (GtkWindow *window)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (window);
  g_autoptr(GError) error = NULL;

  if (self->autosave != NULL && !tsu_autosave_flush (self->autosave, &error))
    g_warning ("Could not save the last changes: %s", error->message);

  return GTK_WINDOW_CLASS (tsu_meeting_window_parent_class)->close_request (window);
}

static void
tsu_meeting_window_dispose (GObject *object)
{
  TsuMeetingWindow *self = TSU_MEETING_WINDOW (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->autosave != NULL)
    g_signal_handlers_disconnect_by_data (self->autosave, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_MEETING_WINDOW);

  if (self->main_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->main_window), (gpointer *) &self->main_window);
  self->main_window = NULL;
  g_clear_object (&self->autosave);
  g_clear_object (&self->child_case);
  g_clear_object (&self->meeting);
  g_clear_object (&self->store);
  g_clear_pointer (&self->agenda, g_ptr_array_unref);

  G_OBJECT_CLASS (tsu_meeting_window_parent_class)->dispose (object);
}

static void
tsu_meeting_window_class_init (TsuMeetingWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tsu_meeting_window_dispose;
  window_class->close_request = tsu_meeting_window_close_request;

  g_type_ensure (TSU_TYPE_MINUTES_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-meeting-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, add_popover);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, agenda_total_label);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, free_agency_entry);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, free_name_entry);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, minutes_editor);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, participants_list);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, person_results);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, person_search);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, place_label);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, review_button);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, team_button);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, templates_button);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingWindow, when_label);
  gtk_widget_class_bind_template_callback (widget_class, add_free_participant_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "meeting.add-agenda-item", NULL, add_agenda_item_action);
  gtk_widget_class_install_action (widget_class, "meeting.add-review", NULL, add_review_action);
  gtk_widget_class_install_action (widget_class, "meeting.add-team", NULL, add_team_action);
  gtk_widget_class_install_action (widget_class, "meeting.apply-template", "u", apply_template_action);
  gtk_widget_class_install_action (widget_class, "meeting.edit-details", NULL, edit_details_action);
  gtk_widget_class_install_action (widget_class, "meeting.preview-agenda", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "meeting.preview-minutes", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "meeting.send-invitation", NULL, invitation_action);
  gtk_widget_class_install_action (widget_class, "meeting.save-invitation", NULL, invitation_action);
  gtk_widget_class_install_action (widget_class, "meeting.save-template", NULL, save_template_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsu_meeting_window_init (TsuMeetingWindow *self)
{
  self->agenda = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->participants_list, participant_header_func, NULL, NULL);
}

/* Public API */

static TsuMeetingWindow *
find_open (GtkWindow *parent,
           gint64     id)
{
  GtkApplication *app = parent ? gtk_window_get_application (parent) : NULL;

  for (GList *l = app ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (TSU_IS_MEETING_WINDOW (l->data) &&
        tsu_record_get_id (TSU_RECORD (TSU_MEETING_WINDOW (l->data)->meeting)) == id)
      return l->data;
  return NULL;
}

/**
 * tsu_meeting_window_open:
 * @parent: (nullable): the main window
 * @store: the store
 * @meeting_id: a meeting
 * @occurrence_start: for an occurrence of a recurring series, its original start; 0
 *   otherwise
 * @error: return location for a #TsuDatabaseError
 *
 * Shows the window of a meeting, the one already open if there is one. An occurrence
 * of a series first gets its own row.
 *
 * Returns: (transfer none) (nullable): the window
 */
TsuMeetingWindow *
tsu_meeting_window_open (GtkWindow   *parent,
                         TsuStore    *store,
                         gint64       meeting_id,
                         gint64       occurrence_start,
                         GError     **error)
{
  g_autoptr(TsuMeeting) meeting = NULL;
  TsuMeetingWindow *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  meeting = tsu_store_load (store, TSU_TYPE_MEETING, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  if (occurrence_start != 0 && tsu_meeting_get_rrule (meeting) != NULL)
    {
      g_autoptr(TsuMeeting) occurrence = tsu_store_detach_occurrence (store, TSU_RECORD (meeting),
                                                                       occurrence_start, error);
      if (occurrence == NULL)
        return NULL;
      g_set_object (&meeting, occurrence);
    }

  self = find_open (parent, tsu_record_get_id (TSU_RECORD (meeting)));
  if (self != NULL)
    {
      gtk_window_present (GTK_WINDOW (self));
      return self;
    }

  self = g_object_new (TSU_TYPE_MEETING_WINDOW,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       "transient-for", parent,
                       NULL);
  /* Its own window, not a dialog: several meetings can be open beside the calendar. */
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  self->main_window = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &self->main_window);
  self->store = g_object_ref (store);
  self->meeting = g_steal_pointer (&meeting);
  if (tsu_meeting_get_case_id (self->meeting) != 0)
    self->child_case = tsu_store_load (store, TSU_TYPE_CASE, tsu_meeting_get_case_id (self->meeting),
                                       NULL);
  self->autosave = tsu_autosave_new (tsu_database_get_path (tsu_store_get_database (store)));
  tsu_autosave_set_store (self->autosave, store);
  g_signal_connect (self->autosave, "failed", G_CALLBACK (autosave_failed_cb), self);
  g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  update_header (self);
  reload_participants (self);
  reload_agenda (self);
  rebuild_templates_menu (self);
  tsu_minutes_editor_set_meeting (self->minutes_editor, store, self->autosave, self->meeting);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

TsuMeeting *
tsu_meeting_window_get_meeting (TsuMeetingWindow *self)
{
  g_return_val_if_fail (TSU_IS_MEETING_WINDOW (self), NULL);
  return self->meeting;
}

TsuMinutesEditor *
tsu_meeting_window_get_minutes_editor (TsuMeetingWindow *self)
{
  g_return_val_if_fail (TSU_IS_MEETING_WINDOW (self), NULL);
  return self->minutes_editor;
}

/**
 * tsu_meeting_window_show_page:
 * @name: "participants", "agenda" or "minutes"
 */
void
tsu_meeting_window_show_page (TsuMeetingWindow *self,
                              const char       *name)
{
  g_return_if_fail (TSU_IS_MEETING_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}
