/* tsu-case-view.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-case-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tsu-audit-dialog.h"
#include "tsu-case-editor.h"
#include "tsu-case-view.h"
#include "tsu-choice.h"
#include "tsu-consent-check.h"
#include "tsu-consultation-editor.h"
#include "tsu-contact-check.h"
#include "tsu-date-entry.h"
#include "tsu-deleted-case.h"
#include "tsu-format.h"
#include "tsu-medical-care.h"
#include "tsu-meeting-editor.h"
#include "tsu-settings.h"

/* The page of one case: the child's profile, the open action items (overdue first,
 * marked), the case team with each member's role, the family's consent to share
 * information per agency, the consultation log, and a timeline of consultations,
 * conferences, decisions and referrals. A conference opens the meeting window
 * (win.open-meeting).
 *
 * Team members, consents and consultations are edited in place (a pencil on each
 * row); the case itself can be deleted with Undo, or closed when minutes tie it to
 * the center's records (TsuDeletedCase).
 *
 * The rows are made again from the store whenever it says a table of the case
 * changed; a case has tens of rows, not thousands. With "hide-names" on, the case
 * code stands in for the child's name and the guardians are not shown. */

typedef struct {
  gint64      at;
  char       *title;
  char       *subtitle;
  const char *icon;
  gint64      meeting_id;
  gint64      occurrence;
} Event;

struct _TsuCaseView
{
  AdwBin               parent_instance;

  TsuStore            *store;
  TsuCaseSummary      *summary;
  GSettings           *settings;
  GPtrArray           *rows;             /* every row added to a group, to remove them */
  guint                refresh_source;

  AdwPreferencesGroup *actions_group;
  AdwPreferencesGroup *consent_group;
  AdwPreferencesGroup *consultations_group;
  AdwPreferencesGroup *profile_group;
  GtkScrolledWindow   *scrolled_window;
  GtkLabel            *subtitle_label;
  AdwPreferencesGroup *team_group;
  AdwPreferencesGroup *timeline_group;
  GtkLabel            *title_label;
};

static void refresh                 (TsuCaseView *self);
static void edit_member_clicked_cb  (GtkButton   *button,
                                    TsuCaseView *self);
static void edit_consent_clicked_cb (GtkButton   *button,
                                    TsuCaseView *self);

G_DEFINE_FINAL_TYPE (TsuCaseView, tsu_case_view, ADW_TYPE_BIN)

static void
event_free (Event *event)
{
  if (event == NULL)
    return;
  g_free (event->title);
  g_free (event->subtitle);
  g_free (event);
}

static gint64
case_id (TsuCaseView *self)
{
  return self->summary != NULL ? tsu_case_summary_get_id (self->summary) : 0;
}

static TsuCase *
the_case (TsuCaseView *self)
{
  return self->summary != NULL ? tsu_case_summary_get_case (self->summary) : NULL;
}

static gboolean
hide_names (TsuCaseView *self)
{
  return g_settings_get_boolean (self->settings, "hide-names");
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) now = tsu_format_local_time (g_date_time_to_unix (utc));

  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
format_time (gint64 when)
{
  g_autoptr(GDateTime) local = tsu_format_local_time (when);

  /* Translators: a date and time in a case's log, in the format of g_date_time_format();
   * e.g. "%Y年%-m月%-d日(%a) %H:%M" for Japanese */
  return g_date_time_format (local, _("%a, %b %-d, %Y %H:%M"));
}

static void
toast (TsuCaseView *self,
       const char  *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  else
    g_warning ("%s", text);
}

/* A failure stays until dismissed: a person reads it before it goes. */
static void
toast_error (TsuCaseView *self,
             const char  *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *failed;

  if (overlay == NULL)
    {
      g_warning ("%s", text);
      return;
    }
  {
    g_autofree char *escaped = g_markup_escape_text (text, -1);

    failed = adw_toast_new (escaped);
  }
  adw_toast_set_timeout (failed, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), failed);
}

static GtkWidget *
row_button (const char *icon,
            const char *tooltip,
            const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static GtkWidget *
add_row (TsuCaseView         *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title != NULL ? title : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (subtitle != NULL && *subtitle != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
add_property (TsuCaseView *self,
              const char  *title,
              const char  *value)
{
  GtkWidget *row = add_row (self, self->profile_group, title, value != NULL ? value : "—");

  gtk_widget_add_css_class (row, "property");
}

static void
add_placeholder (TsuCaseView         *self,
                 AdwPreferencesGroup *group,
                 const char          *text)
{
  GtkWidget *row = add_row (self, group, text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
}

static void
clear_rows (TsuCaseView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static char *
person_label (TsuStore *store,
              gint64    person_id)
{
  g_autoptr(TsuPerson) person = NULL;

  if (person_id == 0)
    return NULL;
  person = tsu_store_load (store, TSU_TYPE_PERSON, person_id, NULL);
  return person != NULL ? g_strdup (tsu_person_get_name (person)) : NULL;
}

static char *
agency_label (TsuStore *store,
              gint64    agency_id)
{
  g_autoptr(TsuAgency) agency = NULL;

  if (agency_id == 0)
    return NULL;
  agency = tsu_store_load (store, TSU_TYPE_AGENCY, agency_id, NULL);
  return agency != NULL ? g_strdup (tsu_agency_get_name (agency)) : NULL;
}

/* Sections */

static void
fill_header (TsuCaseView *self)
{
  TsuCase *kase = the_case (self);
  const char *name = tsu_case_get_child_name (kase);
  g_autofree char *subtitle = NULL;

  if (hide_names (self) || name == NULL || *name == '\0')
    gtk_label_set_text (self->title_label, tsu_case_get_code (kase));
  else
    {
      g_autofree char *title = g_strdup_printf ("%s  %s", name, tsu_case_get_code (kase));

      gtk_label_set_text (self->title_label, title);
    }

  subtitle = g_strdup_printf ("%s · %s",
                              tsu_vocabulary_label (TSU_VOCABULARY_CASE_STATUS,
                                                    tsu_case_get_status (kase)),
                              tsu_case_summary_get_municipality_name (self->summary)
                              ? tsu_case_summary_get_municipality_name (self->summary)
                              : _("No municipality"));
  gtk_label_set_text (self->subtitle_label, subtitle);
}

static void
fill_profile (TsuCaseView *self)
{
  TsuCase *kase = the_case (self);
  g_autoptr(GPtrArray) care = tsu_medical_care_list (self->store);
  g_autofree char *care_text = tsu_medical_care_labels (care, tsu_case_get_medical_care (kase));
  g_autofree char *birth = NULL;
  g_autofree char *place = NULL;
  const char *birth_date = tsu_case_get_birth_date (kase);

  if (tsu_case_summary_get_unsupported (self->summary))
    {
      int days = g_settings_get_int (self->settings, "unsupported-days");
      g_autofree char *text = g_strdup_printf (ngettext ("Nobody is on the team and no regional "
                                                         "coordinator is assigned, for more than %d day.",
                                                         "Nobody is on the team and no regional "
                                                         "coordinator is assigned, for more than %d days.",
                                                         days), days);
      GtkWidget *row = add_row (self, self->profile_group, _("No Supporter for Long"), text);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  add_property (self, _("Case Code"), tsu_case_get_code (kase));
  if (!hide_names (self))
    {
      g_autofree char *name = NULL;

      if (tsu_case_get_child_kana (kase) != NULL)
        /* Translators: a child's name with its kana reading */
        name = g_strdup_printf (_("%s (%s)"), tsu_case_get_child_name (kase) ? tsu_case_get_child_name (kase) : "",
                                tsu_case_get_child_kana (kase));
      else
        name = g_strdup (tsu_case_get_child_name (kase));
      add_property (self, _("Name"), name);
    }

  if (birth_date != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) now = tsu_format_local_time (g_date_time_to_unix (utc));
      int age = tsu_contact_age_on (birth_date, now);

      if (age >= 0)
        /* Translators: a birth date and the age, "2019-05-02 (age 7)" */
        birth = g_strdup_printf (ngettext ("%s (age %d)", "%s (age %d)", age), birth_date, age);
      else
        birth = g_strdup (birth_date);
    }
  add_property (self, _("Birth Date"), birth);

  if (tsu_case_summary_get_municipality_name (self->summary) != NULL)
    /* Translators: a municipality and its region, "川越市 (川越比企)" */
    place = g_strdup_printf (_("%s (%s)"), tsu_case_summary_get_municipality_name (self->summary),
                             tsu_case_summary_get_region (self->summary)
                             ? tsu_case_summary_get_region (self->summary) : "");
  add_property (self, _("Municipality"), place);
  add_property (self, _("Medical Care"), care_text);
  if (!hide_names (self))
    add_property (self, _("Guardians"), tsu_case_get_guardians (kase));
  add_property (self, _("Status"), tsu_vocabulary_label (TSU_VOCABULARY_CASE_STATUS,
                                                         tsu_case_get_status (kase)));
  add_property (self, _("Center Coordinator"), tsu_case_summary_get_coordinator_name (self->summary));
  add_property (self, _("Regional Coordinator"),
                tsu_case_summary_get_regional_coordinator_name (self->summary));
  add_property (self, _("Opened On"), tsu_case_get_opened_on (kase));
  if (tsu_case_get_notes (kase) != NULL)
    add_property (self, _("Notes"), tsu_case_get_notes (kase));
}

static void
fill_actions (TsuCaseView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) actions = tsu_store_list_open_actions (self->store, case_id (self), &error);
  g_autofree char *today = today_text ();
  guint n = actions != NULL ? g_list_model_get_n_items (actions) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuActionItem) item = g_list_model_get_item (actions, i);
      const char *due = tsu_action_item_get_due_on (item);
      g_autofree char *who = NULL;
      g_autofree char *subtitle = NULL;
      gboolean overdue = due != NULL && g_strcmp0 (due, today) < 0;
      GtkWidget *row;

      who = person_label (self->store, tsu_action_item_get_assignee_person_id (item));
      if (who == NULL)
        who = agency_label (self->store, tsu_action_item_get_assignee_agency_id (item));
      if (who == NULL)
        who = g_strdup (tsu_action_item_get_assignee_name (item));

      if (due != NULL && who != NULL)
        /* Translators: an action item's assignee and due date */
        subtitle = g_strdup_printf (_("%s · due %s"), who, due);
      else if (due != NULL)
        subtitle = g_strdup_printf (_("Due %s"), due);
      else
        subtitle = g_strdup (who);

      row = add_row (self, self->actions_group, tsu_action_item_get_what (item), subtitle);
      if (overdue)
        {
          GtkWidget *tag = gtk_label_new (_("Overdue"));

          gtk_widget_add_css_class (tag, "error");
          gtk_widget_add_css_class (tag, "caption-heading");
          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
    }
  if (n == 0)
    add_placeholder (self, self->actions_group,
                     error != NULL ? error->message : _("No open action items"));
}

static void
remove_member_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TsuCaseView      *self)
{
  TsuRecord *member = g_object_get_data (G_OBJECT (dialog), "member");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") == 0 && self->store != NULL &&
      !tsu_store_delete (self->store, member, &error))
    toast (self, error->message);
}

static void
remove_member_clicked_cb (GtkButton   *button,
                          TsuCaseView *self)
{
  TsuRecord *member = g_object_get_data (G_OBJECT (button), "member");
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Remove from the Team?"), NULL));
  adw_message_dialog_format_body (dialog, _("“%s” will no longer be on this case’s team."), name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "member", g_object_ref (member), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_member_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fill_team (TsuCaseView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) team = tsu_store_list_by (self->store, TSU_TYPE_TEAM_MEMBER, "case_id",
                                                  case_id (self), NULL, &error);
  guint n = team != NULL ? g_list_model_get_n_items (team) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuTeamMember) member = g_list_model_get_item (team, i);
      g_autofree char *person = person_label (self->store, tsu_team_member_get_person_id (member));
      g_autofree char *agency = agency_label (self->store, tsu_team_member_get_agency_id (member));
      g_autofree char *subtitle = NULL;
      const char *role = tsu_team_member_get_role (member);
      const char *name = person != NULL ? person : agency;
      TsuConsentCover cover;
      GtkWidget *row;
      GtkWidget *button;

      if (person != NULL && agency != NULL && role != NULL)
        /* Translators: a team member's agency and role in the case */
        subtitle = g_strdup_printf (_("%s · %s"), agency, role);
      else if (person != NULL && agency != NULL)
        subtitle = g_strdup (agency);
      else
        subtitle = g_strdup (role);

      row = add_row (self, self->team_group, name != NULL ? name : _("Unknown"), subtitle);
      /* Seen here, before a conference is scheduled: the agencies the family's consent
       * does not cover. */
      if (agency != NULL &&
          tsu_consent_check_agency (self->store, case_id (self), tsu_team_member_get_agency_id (member),
                                    &cover, NULL) &&
          tsu_consent_cover_is_missing (cover))
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          g_autofree char *tooltip = NULL;

          if (cover == TSU_CONSENT_COVER_WITHDRAWN)
            tooltip = g_strdup_printf (_("The family withdrew consent to share information with %s"),
                                       agency);
          else
            tooltip = g_strdup_printf (_("No consent to share information with %s"), agency);
          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (icon, tooltip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          tooltip, -1);
          gtk_widget_set_name (icon, "consent-marker");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
      button = row_button ("document-edit-symbolic", _("Edit Role…"), _("Edit role"));
      g_object_set_data_full (G_OBJECT (button), "member", g_object_ref (member), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (edit_member_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove from the Team"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Remove from the team"), -1);
      g_object_set_data_full (G_OBJECT (button), "member", g_object_ref (member), g_object_unref);
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (name ? name : ""), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_member_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  if (n == 0)
    add_placeholder (self, self->team_group,
                     error != NULL ? error->message : _("Nobody is on the team yet"));
}

static void
withdraw_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TsuCaseView      *self)
{
  TsuConsent *consent = g_object_get_data (G_OBJECT (dialog), "consent");
  g_autoptr(GError) error = NULL;
  g_autofree char *today = today_text ();

  if (g_strcmp0 (response, "withdraw") != 0 || self->store == NULL)
    return;
  tsu_consent_set_withdrawn_on (consent, today);
  if (!tsu_store_save (self->store, TSU_RECORD (consent), &error))
    {
      tsu_consent_set_withdrawn_on (consent, NULL);
      toast (self, error->message);
    }
}

static void
withdraw_clicked_cb (GtkButton   *button,
                     TsuCaseView *self)
{
  TsuConsent *consent = g_object_get_data (G_OBJECT (button), "consent");
  const char *agency = g_object_get_data (G_OBJECT (button), "name");
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Record Withdrawal of Consent?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The family no longer agrees that information is shared with "
                                    "“%s”, from today."), agency);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "withdraw", _("_Withdraw"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "withdraw", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "consent", g_object_ref (consent), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (withdraw_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fill_consent (TsuCaseView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) consents = tsu_store_list_by (self->store, TSU_TYPE_CONSENT, "case_id",
                                                      case_id (self), "given_on", &error);
  guint n = consents != NULL ? g_list_model_get_n_items (consents) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuConsent) consent = g_list_model_get_item (consents, i);
      g_autofree char *agency = agency_label (self->store, tsu_consent_get_agency_id (consent));
      g_autofree char *given = NULL;
      g_autofree char *subtitle = NULL;
      const char *withdrawn = tsu_consent_get_withdrawn_on (consent);
      const char *scope = tsu_consent_get_scope (consent);
      GtkWidget *row;

      given = g_strdup_printf (_("Given on %s"), tsu_consent_get_given_on (consent)
                               ? tsu_consent_get_given_on (consent) : _("an unknown date"));
      if (withdrawn != NULL)
        subtitle = g_strdup_printf (_("%s · withdrawn on %s"), given, withdrawn);
      else if (scope != NULL)
        /* Translators: when consent was given, and its scope */
        subtitle = g_strdup_printf (_("%s · %s"), given, scope);
      else
        subtitle = g_strdup (given);

      row = add_row (self, self->consent_group, agency != NULL ? agency : _("Unknown agency"),
                     subtitle);
      {
        GtkWidget *edit = row_button ("document-edit-symbolic", _("Edit Consent…"),
                                      _("Edit consent"));

        g_object_set_data_full (G_OBJECT (edit), "consent", g_object_ref (consent), g_object_unref);
        g_signal_connect (edit, "clicked", G_CALLBACK (edit_consent_clicked_cb), self);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      }
      if (withdrawn != NULL)
        {
          GtkWidget *tag = gtk_label_new (_("Withdrawn"));

          gtk_widget_add_css_class (tag, "error");
          gtk_widget_add_css_class (tag, "caption-heading");
          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
      else
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Withdraw…"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (button), "consent", g_object_ref (consent),
                                  g_object_unref);
          g_object_set_data_full (G_OBJECT (button), "name", g_strdup (agency ? agency : ""), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (withdraw_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
    }
  if (n == 0)
    add_placeholder (self, self->consent_group,
                     error != NULL ? error->message : _("No consent recorded"));
}

static void
conference_activated_cb (AdwActionRow *row,
                         TsuCaseView  *self)
{
  Event *event = g_object_get_data (G_OBJECT (row), "event");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-meeting", "(xx)",
                              event->meeting_id, event->occurrence);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *x = *(Event **) a;
  const Event *y = *(Event **) b;

  return (x->at < y->at) - (x->at > y->at);
}

/* Correcting and deleting an entry of the consultation log. */

static void
consultation_edited_cb (GtkWidget       *editor,
                        TsuConsultation *consultation,
                        TsuCaseView     *self)
{
  refresh (self);
  toast (self, _("Consultation saved"));
}

static void
edit_consultation_clicked_cb (GtkButton   *button,
                              TsuCaseView *self)
{
  tsu_case_view_edit_consultation (self, g_object_get_data (G_OBJECT (button), "consultation"));
}

static void
delete_consultation_response_cb (AdwMessageDialog *dialog,
                                 const char       *response,
                                 TsuCaseView      *self)
{
  TsuRecord *entry = g_object_get_data (G_OBJECT (dialog), "consultation");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") == 0 && self->store != NULL &&
      !tsu_store_delete (self->store, entry, &error))
    toast_error (self, error->message);
}

static void
delete_consultation_clicked_cb (GtkButton   *button,
                                TsuCaseView *self)
{
  TsuConsultation *entry = g_object_get_data (G_OBJECT (button), "consultation");
  g_autofree char *when = format_time (tsu_consultation_get_occurred_at (entry));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Delete This Consultation?"), NULL));
  /* Translators: %s is the date and time of a consultation */
  adw_message_dialog_format_body (dialog, _("The consultation of %s is removed from the log."), when);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "consultation", g_object_ref (entry), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_consultation_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fill_consultations_and_timeline (TsuCaseView *self)
{
  g_autoptr(GListModel) consultations = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  g_autoptr(GError) error = NULL;
  guint n;

  consultations = tsu_store_list_by (self->store, TSU_TYPE_CONSULTATION, "case_id", case_id (self),
                                     "occurred_at DESC", &error);
  n = consultations != NULL ? g_list_model_get_n_items (consultations) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuConsultation) c = g_list_model_get_item (consultations, i);
      g_autofree char *when = format_time (tsu_consultation_get_occurred_at (c));
      g_autoptr(GString) details = g_string_new (NULL);
      const char *channel = tsu_vocabulary_label (TSU_VOCABULARY_CHANNEL,
                                                  tsu_consultation_get_channel (c));
      g_autofree char *title = g_strdup_printf ("%s · %s", when, channel);
      Event *event;

      if (tsu_consultation_get_asked_by (c) != NULL)
        g_string_append_printf (details, _("Asked by %s"), tsu_consultation_get_asked_by (c));
      if (tsu_consultation_get_topics (c) != NULL)
        {
          if (details->len > 0)
            g_string_append (details, " · ");
          g_string_append (details, tsu_consultation_get_topics (c));
        }
      if (tsu_consultation_get_referred_to (c) != NULL)
        {
          if (details->len > 0)
            g_string_append (details, " · ");
          g_string_append_printf (details, _("Referred to %s"), tsu_consultation_get_referred_to (c));
        }
      if (tsu_consultation_get_notes (c) != NULL)
        {
          if (details->len > 0)
            g_string_append_c (details, '\n');
          g_string_append (details, tsu_consultation_get_notes (c));
        }
      {
        GtkWidget *row = add_row (self, self->consultations_group, title, details->str);
        GtkWidget *button = row_button ("document-edit-symbolic", _("Edit Consultation…"),
                                        _("Edit consultation"));

        g_object_set_data_full (G_OBJECT (button), "consultation", g_object_ref (c), g_object_unref);
        g_signal_connect (button, "clicked", G_CALLBACK (edit_consultation_clicked_cb), self);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        button = row_button ("user-trash-symbolic", _("Delete Consultation…"),
                             _("Delete consultation"));
        g_object_set_data_full (G_OBJECT (button), "consultation", g_object_ref (c), g_object_unref);
        g_signal_connect (button, "clicked", G_CALLBACK (delete_consultation_clicked_cb), self);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      }

      event = g_new0 (Event, 1);
      event->at = tsu_consultation_get_occurred_at (c);
      event->icon = "call-start-symbolic";
      /* Translators: a consultation in the timeline of a case, "Consultation by phone" */
      event->title = g_strdup_printf (_("Consultation (%s)"), channel);
      event->subtitle = g_strdup (tsu_consultation_get_topics (c));
      g_ptr_array_add (events, event);

      if (tsu_consultation_get_referred_to (c) != NULL)
        {
          event = g_new0 (Event, 1);
          event->at = tsu_consultation_get_occurred_at (c);
          event->icon = "mail-forward-symbolic";
          event->title = g_strdup_printf (_("Referred to %s"), tsu_consultation_get_referred_to (c));
          g_ptr_array_add (events, event);
        }
    }
  if (n == 0)
    add_placeholder (self, self->consultations_group,
                     error != NULL ? error->message : _("No consultations recorded"));

  g_clear_error (&error);
  meetings = tsu_store_list_by (self->store, TSU_TYPE_MEETING, "case_id", case_id (self),
                                "starts_at", &error);
  n = meetings != NULL ? g_list_model_get_n_items (meetings) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuMeeting) m = g_list_model_get_item (meetings, i);
      g_autoptr(TsuMinutes) minutes = NULL;
      gint64 id = tsu_record_get_id (TSU_RECORD (m));
      Event *event = g_new0 (Event, 1);

      event->at = tsu_meeting_get_starts_at (m);
      event->icon = "x-office-calendar-symbolic";
      event->title = g_strdup (tsu_meeting_get_title (m));
      event->subtitle = g_strdup (tsu_vocabulary_label (TSU_VOCABULARY_MEETING_STATUS,
                                                        tsu_meeting_get_status (m)));
      event->meeting_id = tsu_meeting_get_series_id (m) != 0 ? tsu_meeting_get_series_id (m) : id;
      event->occurrence = tsu_meeting_get_series_id (m) != 0 ? tsu_meeting_get_recurrence_id (m) : 0;
      g_ptr_array_add (events, event);

      minutes = tsu_store_get_current_minutes (self->store, id, NULL);
      if (minutes != NULL)
        {
          g_autoptr(GListModel) decisions = tsu_store_list_by (self->store, TSU_TYPE_DECISION,
                                                               "minutes_id",
                                                               tsu_record_get_id (TSU_RECORD (minutes)),
                                                               "position", NULL);

          for (guint j = 0; decisions != NULL && j < g_list_model_get_n_items (decisions); j++)
            {
              g_autoptr(TsuDecision) d = g_list_model_get_item (decisions, j);
              Event *decision = g_new0 (Event, 1);

              decision->at = tsu_meeting_get_starts_at (m);
              decision->icon = tsu_decision_get_good_practice (d) ? "starred-symbolic"
                                                                  : "emblem-ok-symbolic";
              decision->title = g_strdup (tsu_decision_get_body (d));
              /* Translators: a decision in a case's timeline, and the meeting it was made in */
              decision->subtitle = g_strdup_printf (_("Decision · %s"), tsu_meeting_get_title (m));
              decision->meeting_id = event->meeting_id;
              decision->occurrence = event->occurrence;
              g_ptr_array_add (events, decision);
            }
        }
    }

  g_ptr_array_sort (events, compare_events);
  for (guint i = 0; i < events->len; i++)
    {
      Event *event = g_ptr_array_index (events, i);
      g_autofree char *when = format_time (event->at);
      g_autofree char *subtitle = event->subtitle != NULL
                                  ? g_strdup_printf ("%s · %s", when, event->subtitle)
                                  : g_strdup (when);
      GtkWidget *row = add_row (self, self->timeline_group, event->title, subtitle);
      GtkWidget *icon = gtk_image_new_from_icon_name (event->icon);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (event->meeting_id != 0)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "event", g_ptr_array_steal_index (events, i),
                                  (GDestroyNotify) event_free);
          g_ptr_array_insert (events, i, NULL);
          g_signal_connect (row, "activated", G_CALLBACK (conference_activated_cb), self);
        }
    }
  if (events->len == 0)
    add_placeholder (self, self->timeline_group, _("Nothing has happened yet"));
}

static void
refresh (TsuCaseView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  TsuCaseSummary *summary;
  gint64 id = case_id (self);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  clear_rows (self);
  if (self->store == NULL || id == 0)
    return;

  summary = tsu_case_summary_load (self->store, id, g_date_time_to_unix (now),
                                   MAX (1, g_settings_get_int (self->settings, "unsupported-days")),
                                   &error);
  if (summary == NULL)
    {
      /* Deleted meanwhile: say so where the case was. */
      gtk_label_set_text (self->title_label, _("Case Not Found"));
      gtk_label_set_text (self->subtitle_label, error->message);
      return;
    }
  g_set_object (&self->summary, summary);
  g_object_unref (summary);

  fill_header (self);
  fill_profile (self);
  fill_actions (self);
  fill_team (self);
  fill_consent (self);
  fill_consultations_and_timeline (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TsuCaseView *self = user_data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TsuStore    *store,
                  const char  *table,
                  TsuCaseView *self)
{
  if (case_id (self) == 0 || self->refresh_source != 0)
    return;
  self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static void
hide_names_changed_cb (GSettings   *settings,
                       const char  *key,
                       TsuCaseView *self)
{
  if (case_id (self) != 0)
    refresh (self);
}

/* Adding to the team and recording consent: small forms in a message dialog. */

static GtkWidget *
records_drop_down_new (TsuStore   *store,
                       GType       type,
                       const char *none_label)
{
  GtkWidget *drop_down = gtk_drop_down_new (NULL, NULL);
  g_autoptr(GListModel) records = tsu_store_list (store, type, "kana", NULL);
  TsuChoiceItems *items = tsu_choice_items_new (none_label);

  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (records, i);
      g_autofree char *name = NULL;

      g_object_get (record, "name", &name, NULL);
      tsu_choice_items_add_id (items, tsu_record_get_id (TSU_RECORD (record)), name);
    }
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (drop_down), tsu_choice_expression_new ());
  tsu_choice_set_items (drop_down, items);
  return drop_down;
}

/* The forms of a team member and of a consent, for adding and for editing: a boxed
 * list in a message dialog whose Save stays off until the form is right; each wrong
 * field says what is wrong in its title. */

static GtkWidget *
form_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_size_request (list, 440, -1);
  return list;
}

static GtkWidget *
form_choice (GtkWidget  *list,
             const char *title,
             GtkWidget  *drop_down)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (drop_down, 220, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), drop_down);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_object_set_data (G_OBJECT (drop_down), "row", row);
  return drop_down;
}

static GtkWidget *
form_row (GtkWidget  *list,
          GtkWidget  *row,
          const char *title)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static AdwMessageDialog *
form_dialog_new (TsuCaseView *self,
                 const char  *heading,
                 const char  *body,
                 GtkWidget   *list,
                 const char  *save_label)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, body));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", save_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* Whether another member of the team (not @except) is the person, or is the agency
 * without a named person. */
static gboolean
member_taken (TsuCaseView *self,
              gint64       except,
              gint64       person_id,
              gint64       agency_id)
{
  g_autoptr(GListModel) team = tsu_store_list_by (self->store, TSU_TYPE_TEAM_MEMBER, "case_id",
                                                  case_id (self), NULL, NULL);

  for (guint i = 0; team != NULL && i < g_list_model_get_n_items (team); i++)
    {
      g_autoptr(TsuTeamMember) other = g_list_model_get_item (team, i);

      if (tsu_record_get_id (TSU_RECORD (other)) == except)
        continue;
      if (person_id != 0 && tsu_team_member_get_person_id (other) == person_id)
        return TRUE;
      if (person_id == 0 && tsu_team_member_get_person_id (other) == 0 &&
          tsu_team_member_get_agency_id (other) == agency_id)
        return TRUE;
    }
  return FALSE;
}

static void
member_form_check (AdwMessageDialog *dialog)
{
  TsuCaseView *self = g_object_get_data (G_OBJECT (dialog), "view");
  TsuRecord *member = g_object_get_data (G_OBJECT (dialog), "member");
  GtkWidget *person = g_object_get_data (G_OBJECT (dialog), "person");
  GtkWidget *agency = g_object_get_data (G_OBJECT (dialog), "agency");
  const char *problem = NULL;

  if (tsu_choice_get_id (person) == 0 && tsu_choice_get_id (agency) == 0)
    problem = _("choose a person or an agency");
  else if (member_taken (self, member != NULL ? tsu_record_get_id (member) : 0,
                         tsu_choice_get_id (person), tsu_choice_get_id (agency)))
    problem = _("already on the team");

  tsu_form_set_row_error (g_object_get_data (G_OBJECT (person), "row"), _("_Person"), problem);
  adw_message_dialog_set_response_enabled (dialog, "save", problem == NULL);
}

static void
member_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TsuCaseView      *self)
{
  TsuTeamMember *member = g_object_get_data (G_OBJECT (dialog), "member");
  GtkWidget *person = g_object_get_data (G_OBJECT (dialog), "person");
  GtkWidget *agency = g_object_get_data (G_OBJECT (dialog), "agency");
  GtkWidget *role = g_object_get_data (G_OBJECT (dialog), "role");
  g_autoptr(TsuTeamMember) copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person_id, agency_id;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL)
    return;

  person_id = tsu_choice_get_id (person);
  agency_id = tsu_choice_get_id (agency);
  if (person_id != 0 && agency_id == 0)
    {
      g_autoptr(TsuPerson) p = tsu_store_load (self->store, TSU_TYPE_PERSON, person_id, NULL);

      agency_id = p != NULL ? tsu_person_get_agency_id (p) : 0;
    }
  if (person_id == 0 && agency_id == 0)
    {
      toast (self, _("Choose a person or an agency to add to the team."));
      return;
    }

  /* A copy: the row keeps what is stored if the store refuses. */
  copy = tsu_team_member_new ();
  if (member != NULL)
    tsu_record_set_id (TSU_RECORD (copy), tsu_record_get_id (TSU_RECORD (member)));
  tsu_team_member_set_case_id (copy, case_id (self));
  tsu_team_member_set_person_id (copy, person_id);
  tsu_team_member_set_agency_id (copy, agency_id);
  tsu_record_take_text (TSU_RECORD (copy), TSU_TEAM_MEMBER_FIELD_ROLE, tsu_form_dup_text (role));
  if (!tsu_store_save (self->store, TSU_RECORD (copy), &error))
    toast (self, error->message);
}

/* The form of a team member; @member is %NULL for a new one. */
static AdwMessageDialog *
member_dialog_new (TsuCaseView   *self,
                   TsuTeamMember *member)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = form_list_new ();
  GtkWidget *person, *agency, *role;

  person = form_choice (list, _("_Person"),
                        records_drop_down_new (self->store, TSU_TYPE_PERSON, _("None")));
  agency = form_choice (list, _("_Agency"),
                        records_drop_down_new (self->store, TSU_TYPE_AGENCY, _("The person’s agency")));
  role = form_row (list, adw_entry_row_new (), _("_Role"));

  if (member != NULL)
    {
      tsu_choice_set_id (person, tsu_team_member_get_person_id (member));
      tsu_choice_set_id (agency, tsu_team_member_get_agency_id (member));
      gtk_editable_set_text (GTK_EDITABLE (role), tsu_team_member_get_role (member)
                                                  ? tsu_team_member_get_role (member) : "");
      dialog = form_dialog_new (self, _("Edit Team Member"), NULL, list, _("_Save"));
      g_object_set_data_full (G_OBJECT (dialog), "member", g_object_ref (member), g_object_unref);
    }
  else
    dialog = form_dialog_new (self, _("Add to the Team"),
                              _("Choose a person of the directory, an agency, or both."),
                              list, _("_Add"));

  g_object_set_data_full (G_OBJECT (dialog), "view", g_object_ref (self), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "person", person);
  g_object_set_data (G_OBJECT (dialog), "agency", agency);
  g_object_set_data (G_OBJECT (dialog), "role", role);
  g_signal_connect_swapped (person, "notify::selected", G_CALLBACK (member_form_check), dialog);
  g_signal_connect_swapped (agency, "notify::selected", G_CALLBACK (member_form_check), dialog);
  member_form_check (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (member_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TsuCaseView *self = TSU_CASE_VIEW (widget);

  if (self->store != NULL && case_id (self) != 0)
    member_dialog_new (self, NULL);
}

static void
edit_member_clicked_cb (GtkButton   *button,
                        TsuCaseView *self)
{
  member_dialog_new (self, g_object_get_data (G_OBJECT (button), "member"));
}

/* Why the consent form cannot be saved, or %NULL; marks the wrong fields. */
static const char *
consent_form_check (AdwMessageDialog *dialog)
{
  GtkWidget *agency = g_object_get_data (G_OBJECT (dialog), "agency");
  TsuDateEntry *given = g_object_get_data (G_OBJECT (dialog), "given");
  TsuDateEntry *withdrawn = g_object_get_data (G_OBJECT (dialog), "withdrawn");
  g_autofree char *today = today_text ();
  g_autofree char *given_date = NULL;
  g_autofree char *withdrawn_date = NULL;
  const char *agency_error = NULL;
  const char *given_error = NULL;
  const char *withdrawn_error = NULL;

  if (tsu_choice_get_id (agency) == 0)
    agency_error = _("choose the agency");
  else if (withdrawn == NULL || gtk_editable_get_text (GTK_EDITABLE (withdrawn))[0] == '\0')
    {
      /* One consent in force per agency: a second one is an edit of the first. */
      TsuCaseView *self = g_object_get_data (G_OBJECT (dialog), "view");
      TsuRecord *consent = g_object_get_data (G_OBJECT (dialog), "consent");
      g_autoptr(GListModel) all = tsu_store_list_by (self->store, TSU_TYPE_CONSENT, "case_id",
                                                     case_id (self), NULL, NULL);

      for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(TsuConsent) other = g_list_model_get_item (all, i);

          if ((consent == NULL || tsu_record_get_id (TSU_RECORD (other)) != tsu_record_get_id (consent)) &&
              tsu_consent_get_agency_id (other) == tsu_choice_get_id (agency) &&
              tsu_consent_get_withdrawn_on (other) == NULL)
            agency_error = _("consent is already recorded for this agency");
        }
    }
  given_date = tsu_date_entry_dup_date (given, &given_error);
  if (given_date == NULL && given_error == NULL)
    given_error = _("Required.");
  else if (given_date != NULL && g_strcmp0 (given_date, today) > 0)
    given_error = _("The date is in the future.");
  if (withdrawn != NULL)
    {
      withdrawn_date = tsu_date_entry_dup_date (withdrawn, &withdrawn_error);
      if (withdrawn_date != NULL && g_strcmp0 (withdrawn_date, today) > 0)
        withdrawn_error = _("The date is in the future.");
      else if (withdrawn_date != NULL && given_date != NULL &&
               g_strcmp0 (withdrawn_date, given_date) < 0)
        withdrawn_error = _("Consent cannot be withdrawn before it was given.");
    }

  tsu_form_set_row_error (g_object_get_data (G_OBJECT (agency), "row"), _("_Agency"), agency_error);
  tsu_form_set_row_error (given, _("_Given on"), given_error);
  if (withdrawn != NULL)
    tsu_form_set_row_error (withdrawn, _("_Withdrawn on"), withdrawn_error);
  adw_message_dialog_set_response_enabled (dialog, "save", agency_error == NULL &&
                                           given_error == NULL && withdrawn_error == NULL);
  return agency_error != NULL ? agency_error : given_error != NULL ? given_error : withdrawn_error;
}

static void
consent_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TsuCaseView      *self)
{
  TsuConsent *consent = g_object_get_data (G_OBJECT (dialog), "consent");
  GtkWidget *agency = g_object_get_data (G_OBJECT (dialog), "agency");
  TsuDateEntry *given = g_object_get_data (G_OBJECT (dialog), "given");
  GtkWidget *scope = g_object_get_data (G_OBJECT (dialog), "scope");
  TsuDateEntry *withdrawn = g_object_get_data (G_OBJECT (dialog), "withdrawn");
  g_autoptr(TsuConsent) copy = NULL;
  g_autoptr(GError) error = NULL;
  const char *problem;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL)
    return;
  problem = consent_form_check (dialog);
  if (problem != NULL)
    {
      toast (self, problem);
      return;
    }

  copy = tsu_consent_new ();
  if (consent != NULL)
    tsu_record_set_id (TSU_RECORD (copy), tsu_record_get_id (TSU_RECORD (consent)));
  tsu_consent_set_case_id (copy, case_id (self));
  tsu_consent_set_agency_id (copy, tsu_choice_get_id (agency));
  tsu_record_take_text (TSU_RECORD (copy), TSU_CONSENT_FIELD_GIVEN_ON,
                        tsu_date_entry_dup_date (given, NULL));
  tsu_record_take_text (TSU_RECORD (copy), TSU_CONSENT_FIELD_SCOPE, tsu_form_dup_text (scope));
  if (withdrawn != NULL)
    tsu_record_take_text (TSU_RECORD (copy), TSU_CONSENT_FIELD_WITHDRAWN_ON,
                          tsu_date_entry_dup_date (withdrawn, NULL));
  if (!tsu_store_save (self->store, TSU_RECORD (copy), &error))
    toast (self, error->message);
}

/* The form of a consent; @consent is %NULL for a new one, which has no withdrawal. */
static AdwMessageDialog *
consent_dialog_new (TsuCaseView *self,
                    TsuConsent  *consent)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = form_list_new ();
  GtkWidget *agency, *given, *scope;
  GtkWidget *withdrawn = NULL;
  g_autofree char *today = today_text ();

  agency = form_choice (list, _("_Agency"),
                        records_drop_down_new (self->store, TSU_TYPE_AGENCY, _("Choose…")));
  given = form_row (list, tsu_date_entry_new (NULL), _("_Given on"));
  scope = form_row (list, adw_entry_row_new (), _("_Scope"));

  if (consent != NULL)
    {
      const char *text = tsu_consent_get_scope (consent);

      withdrawn = form_row (list, tsu_date_entry_new (NULL), _("_Withdrawn on"));
      tsu_choice_set_id (agency, tsu_consent_get_agency_id (consent));
      tsu_date_entry_set_date (TSU_DATE_ENTRY (given), tsu_consent_get_given_on (consent));
      tsu_date_entry_set_date (TSU_DATE_ENTRY (withdrawn), tsu_consent_get_withdrawn_on (consent));
      gtk_editable_set_text (GTK_EDITABLE (scope), text != NULL ? text : "");
      dialog = form_dialog_new (self, _("Edit Consent"),
                                _("Leave “Withdrawn on” empty while the consent holds."),
                                list, _("_Save"));
      g_object_set_data_full (G_OBJECT (dialog), "consent", g_object_ref (consent), g_object_unref);
    }
  else
    {
      tsu_date_entry_set_date (TSU_DATE_ENTRY (given), today);
      dialog = form_dialog_new (self, _("Record Consent"),
                                _("The family agrees that information about the child is shared "
                                  "with this agency."),
                                list, _("_Record"));
    }

  g_object_set_data_full (G_OBJECT (dialog), "view", g_object_ref (self), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "agency", agency);
  g_object_set_data (G_OBJECT (dialog), "given", given);
  g_object_set_data (G_OBJECT (dialog), "scope", scope);
  g_object_set_data (G_OBJECT (dialog), "withdrawn", withdrawn);
  g_signal_connect_swapped (agency, "notify::selected", G_CALLBACK (consent_form_check), dialog);
  g_signal_connect_swapped (given, "changed", G_CALLBACK (consent_form_check), dialog);
  if (withdrawn != NULL)
    g_signal_connect_swapped (withdrawn, "changed", G_CALLBACK (consent_form_check), dialog);
  consent_form_check (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (consent_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_consent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TsuCaseView *self = TSU_CASE_VIEW (widget);

  if (self->store != NULL && case_id (self) != 0)
    consent_dialog_new (self, NULL);
}

static void
edit_consent_clicked_cb (GtkButton   *button,
                         TsuCaseView *self)
{
  consent_dialog_new (self, g_object_get_data (G_OBJECT (button), "consent"));
}

/* Scheduling a case conference: the meeting editor, pre-filled; once the meeting is
 * saved the case team becomes its participants (after the consent check, see
 * invite_team()) and the meeting window opens. */

static gint64
newest_conference (TsuStore *store,
                   gint64    case_id)
{
  g_autoptr(GListModel) meetings = tsu_store_list_by (store, TSU_TYPE_MEETING, "case_id", case_id,
                                                      "id DESC", NULL);
  g_autoptr(TsuRecord) newest = NULL;

  if (meetings == NULL || g_list_model_get_n_items (meetings) == 0)
    return 0;
  newest = g_list_model_get_item (meetings, 0);
  return tsu_record_get_id (newest);
}

/* Saves the participants of @list; with @covered_only, those whose agency the
 * family's consent covers (or that need none). */
static gboolean
save_participants (TsuStore   *store,
                   GPtrArray  *list,
                   gboolean    covered_only,
                   GError    **error)
{
  if (!tsu_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      TsuConsentCover cover = TSU_CONSENT_COVER_NOT_NEEDED;

      if (covered_only &&
          tsu_consent_check_participant (store, list->pdata[i], &cover, NULL, NULL) &&
          tsu_consent_cover_is_missing (cover))
        continue;
      if (!tsu_store_save (store, list->pdata[i], error))
        {
          tsu_store_rollback (store);
          return FALSE;
        }
    }
  return tsu_store_commit (store, error);
}

static void
open_meeting (TsuCaseView *self,
              gint64       meeting_id)
{
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-meeting", "(xx)",
                                meeting_id, (gint64) 0);
}

static void
invite_consent_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            TsuCaseView      *self)
{
  GPtrArray *list = g_object_get_data (G_OBJECT (dialog), "participants");
  gint64 meeting = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "meeting-id");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!save_participants (self->store, list, g_strcmp0 (response, "add") != 0, &error))
    toast (self, error->message);
  open_meeting (self, meeting);
}

/* The case team becomes the participants of the new conference: first a warning
 * when the family's consent does not cover some of their agencies, as when the team
 * is added in the meeting window (tsu_consent_check_participant()). Then the meeting
 * window opens.
 *
 * Returns: (transfer none) (nullable): the warning, when one is shown */
static AdwMessageDialog *
invite_team (TsuCaseView *self,
             gint64       meeting_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = tsu_case_team_participants (self->store, case_id (self), meeting_id, &error);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) names = g_string_new (NULL);
  AdwMessageDialog *dialog;

  if (list == NULL)
    {
      toast (self, error->message);
      open_meeting (self, meeting_id);
      return NULL;
    }

  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *agency_name = NULL;
      TsuConsentCover cover;

      if (tsu_consent_check_participant (self->store, list->pdata[i], &cover, &agency_name, NULL) &&
          tsu_consent_cover_is_missing (cover) && agency_name != NULL &&
          !g_ptr_array_find_with_equal_func (missing, agency_name, g_str_equal, NULL))
        {
          /* Translators: the separator of a list of agencies */
          g_string_append_printf (names, "%s%s", missing->len ? _(", ") : "", agency_name);
          g_ptr_array_add (missing, g_steal_pointer (&agency_name));
        }
    }

  if (missing->len == 0)
    {
      if (!save_participants (self->store, list, FALSE, &error))
        toast (self, error->message);
      open_meeting (self, meeting_id);
      return NULL;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("No Consent for Some Agencies"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The family has not consented to share information with: %s. "
                                    "Invite them to the conference anyway, or leave them out?"),
                                  names->str);
  adw_message_dialog_add_responses (dialog, "leave-out", _("_Leave Them Out"),
                                    "add", _("_Invite Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "leave-out");
  adw_message_dialog_set_close_response (dialog, "leave-out");
  g_object_set_data_full (G_OBJECT (dialog), "participants", g_steal_pointer (&list),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "meeting-id", g_memdup2 (&meeting_id, sizeof meeting_id),
                          g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (invite_consent_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
conference_saved_cb (TsuStore   *store,
                     const char *table,
                     GtkWidget  *editor)
{
  gint64 kase = *(gint64 *) g_object_get_data (G_OBJECT (editor), "case-id");
  gint64 before = *(gint64 *) g_object_get_data (G_OBJECT (editor), "newest-before");
  gint64 meeting = newest_conference (store, kase);

  if (meeting <= before || g_object_get_data (G_OBJECT (editor), "meeting-id") != NULL)
    return;
  /* The team is invited once the editor has gone (conference_editor_destroy_cb). */
  g_object_set_data_full (G_OBJECT (editor), "meeting-id", g_memdup2 (&meeting, sizeof meeting), g_free);
}

typedef struct {
  TsuCaseView *view;
  gint64       meeting_id;
} OpenMeeting;

static gboolean
invite_idle_cb (gpointer data)
{
  OpenMeeting *open = data;

  if (open->view->store != NULL && gtk_widget_get_root (GTK_WIDGET (open->view)) != NULL)
    invite_team (open->view, open->meeting_id);
  return G_SOURCE_REMOVE;
}

static void
open_meeting_free (gpointer data)
{
  OpenMeeting *open = data;

  g_object_unref (open->view);
  g_free (open);
}

static void
conference_editor_destroy_cb (GtkWidget *editor)
{
  gint64 *meeting = g_object_get_data (G_OBJECT (editor), "meeting-id");
  TsuCaseView *view = g_object_get_data (G_OBJECT (editor), "case-view");
  OpenMeeting *open;

  if (meeting == NULL || view == NULL)
    return;
  open = g_new0 (OpenMeeting, 1);
  open->view = g_object_ref (view);
  open->meeting_id = *meeting;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, invite_idle_cb, open, open_meeting_free);
}

/**
 * tsu_case_view_schedule_conference:
 *
 * Returns: (transfer none) (nullable): the meeting editor of a new case conference,
 *   presented
 */
GtkWindow *
tsu_case_view_schedule_conference (TsuCaseView *self)
{
  TsuMeetingEditor *editor;
  GtkRoot *root;
  gint64 kase;

  g_return_val_if_fail (TSU_IS_CASE_VIEW (self), NULL);

  if (self->store == NULL || case_id (self) == 0)
    return NULL;

  kase = case_id (self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = tsu_meeting_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);
  tsu_meeting_editor_set_new (editor, NULL);
  tsu_meeting_editor_set_case_conference (editor, kase);
  g_object_set_data_full (G_OBJECT (editor), "case-view", g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (editor), "case-id", g_memdup2 (&kase, sizeof kase), g_free);
  {
    gint64 before = newest_conference (self->store, kase);

    g_object_set_data_full (G_OBJECT (editor), "newest-before", g_memdup2 (&before, sizeof before), g_free);
  }
  g_signal_connect_object (self->store, "changed::meeting", G_CALLBACK (conference_saved_cb), editor, 0);
  g_signal_connect (editor, "destroy", G_CALLBACK (conference_editor_destroy_cb), NULL);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
schedule_conference_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  tsu_case_view_schedule_conference (TSU_CASE_VIEW (widget));
}

/* Deleting a case. A case whose meetings have minutes is part of the center's
 * records: it is closed (status), not deleted, and the dialog offers that instead.
 * Otherwise a confirmation says what goes with the case and what stays, and a toast
 * offers Undo (TsuDeletedCase). Only the case code is named, never the child. */

static void
add_toast (TsuCaseView *self,
           AdwToast    *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
undo_delete_cb (AdwToast    *toast,
                TsuCaseView *self)
{
  TsuDeletedCase *deleted = g_object_get_data (G_OBJECT (toast), "deleted");
  g_autoptr(GError) error = NULL;

  if (!tsu_deleted_case_restore (deleted, &error))
    {
      toast_error (self, error->message);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-case", "x",
                              tsu_deleted_case_get_restored_id (deleted));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TsuCaseView      *self)
{
  TsuDeletedCase *deleted = g_object_get_data (G_OBJECT (dialog), "deleted");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *done;

  if (g_strcmp0 (response, "delete") != 0 || self->store == NULL)
    return;
  if (!tsu_deleted_case_delete (deleted, &error))
    {
      toast_error (self, error->message);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "cases.back", NULL);
  /* Translators: a toast after deleting a case; %s is the case code */
  title = g_strdup_printf (_("Case %s deleted"), tsu_deleted_case_get_code (deleted));
  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);

    done = adw_toast_new (escaped);
  }
  adw_toast_set_button_label (done, _("_Undo"));
  adw_toast_set_priority (done, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (done), "deleted", g_object_ref (deleted), g_object_unref);
  g_signal_connect_object (done, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  add_toast (self, done);
}

static void
close_instead_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TsuCaseView      *self)
{
  g_autoptr(TsuCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "close") != 0 || self->store == NULL || case_id (self) == 0)
    return;
  kase = tsu_store_load (self->store, TSU_TYPE_CASE, case_id (self), &error);
  if (kase != NULL)
    tsu_case_set_status (kase, "closed");
  if (kase == NULL || !tsu_store_save (self->store, TSU_RECORD (kase), &error))
    toast_error (self, error->message);
  else
    toast (self, _("Case closed"));
}

/**
 * tsu_case_view_delete_case:
 *
 * Asks before deleting the case, or says why it cannot be deleted.
 *
 * Returns: (transfer none) (nullable): the dialog, presented
 */
AdwMessageDialog *
tsu_case_view_delete_case (TsuCaseView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuDeletedCase) deleted = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWindow *parent;
  AdwMessageDialog *dialog;
  TsuCaseRecords records;
  const char *code;

  g_return_val_if_fail (TSU_IS_CASE_VIEW (self), NULL);

  if (self->store == NULL || case_id (self) == 0)
    return NULL;
  code = tsu_case_get_code (the_case (self));
  parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));

  if (!tsu_deleted_case_count (self->store, case_id (self), &records, &error))
    {
      toast_error (self, error->message);
      return NULL;
    }

  if (records.minutes > 0)
    {
      gboolean closed = g_strcmp0 (tsu_case_get_status (the_case (self)), "closed") == 0;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, NULL, NULL));
      /* Translators: %s is a case code */
      adw_message_dialog_format_heading (dialog, _("Case %s Cannot Be Deleted"), code);
      if (closed)
        adw_message_dialog_set_body (dialog,
                                     _("Minutes were written in its meetings, and they stay part "
                                       "of the center’s records. The case is already closed."));
      else
        adw_message_dialog_set_body (dialog,
                                     _("Minutes were written in its meetings, and they stay part "
                                       "of the center’s records. Close the case instead: it leaves "
                                       "the list of open cases and keeps its history."));
      adw_message_dialog_add_response (dialog, "cancel", closed ? _("_OK") : _("_Cancel"));
      if (!closed)
        {
          adw_message_dialog_add_response (dialog, "close", _("_Close the Case"));
          adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (dialog, "close");
        }
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_instead_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return dialog;
    }

  deleted = tsu_deleted_case_new (self->store, case_id (self), &error);
  if (deleted == NULL)
    {
      toast_error (self, error->message);
      return NULL;
    }

  g_string_append (body, _("Deleted with the case:"));
  if (records.consultations > 0)
    g_string_append_printf (body, ngettext ("\n• %u consultation of the log",
                                            "\n• %u consultations of the log",
                                            records.consultations), records.consultations);
  if (records.team > 0)
    g_string_append_printf (body, ngettext ("\n• %u member of the case team",
                                            "\n• %u members of the case team",
                                            records.team), records.team);
  if (records.consents > 0)
    g_string_append_printf (body, ngettext ("\n• %u consent to share information",
                                            "\n• %u consents to share information",
                                            records.consents), records.consents);
  g_string_append (body, "\n• ");
  g_string_append (body, _("its profile and action items"));
  if (records.meetings > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              ngettext ("%u meeting stays in the calendar, no longer linked to a case.",
                                        "%u meetings stay in the calendar, no longer linked to a case.",
                                        records.meetings),
                              records.meetings);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("A case that was worked on is better closed than deleted: set its "
                           "status to Closed."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, NULL, body->str));
  /* Translators: %s is a case code */
  adw_message_dialog_format_heading (dialog, _("Delete Case %s?"), code);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "deleted", g_steal_pointer (&deleted), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  tsu_case_view_delete_case (TSU_CASE_VIEW (widget));
}

static void
consultation_saved_cb (GtkWidget       *editor,
                       TsuConsultation *consultation,
                       TsuCaseView     *self)
{
  refresh (self);
  toast (self, _("Consultation added"));
}

static void
add_consultation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  tsu_case_view_add_consultation (TSU_CASE_VIEW (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tsu_case_view_edit_case (TSU_CASE_VIEW (widget));
}

static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsuCaseView *self = TSU_CASE_VIEW (widget);

  /* The print preview of the case summary (src/gui/export), a window action. */
  if (case_id (self) != 0)
    gtk_widget_activate_action (widget, "win.preview-case", "x", case_id (self));
}

/* Who created, changed, confirmed or deleted what of this case (tsu-audit-dialog.c). */
static void
audit_log_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TsuCaseView *self = TSU_CASE_VIEW (widget);
  TsuAuditDialog *dialog;

  if (self->store == NULL || case_id (self) == 0)
    return;
  dialog = tsu_audit_dialog_new (self->store, case_id (self), tsu_case_get_code (the_case (self)));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides */

static void
tsu_case_view_dispose (GObject *object)
{
  TsuCaseView *self = TSU_CASE_VIEW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_CASE_VIEW);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->summary);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tsu_case_view_parent_class)->dispose (object);
}

static void
tsu_case_view_class_init (TsuCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_case_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuCaseView, actions_group);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseView, consent_group);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseView, consultations_group);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseView, profile_group);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseView, team_group);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseView, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, TsuCaseView, title_label);

  gtk_widget_class_install_action (widget_class, "case.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "case.add-consultation", NULL,
                                   add_consultation_action);
  gtk_widget_class_install_action (widget_class, "case.add-member", NULL, add_member_action);
  gtk_widget_class_install_action (widget_class, "case.add-consent", NULL, add_consent_action);
  gtk_widget_class_install_action (widget_class, "case.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "case.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "case.audit-log", NULL, audit_log_action);
  gtk_widget_class_install_action (widget_class, "case.schedule-conference", NULL,
                                   schedule_conference_action);
}

static void
tsu_case_view_init (TsuCaseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  g_signal_connect (self->settings, "changed::hide-names", G_CALLBACK (hide_names_changed_cb), self);
  g_settings_get_boolean (self->settings, "hide-names");
}

/* Public API */

/**
 * tsu_case_view_set_case:
 * @store: (nullable): the store
 * @case_id: the case to show, or 0 for none
 *
 * Returns: whether the case was found
 */
gboolean
tsu_case_view_set_case (TsuCaseView *self,
                        TsuStore    *store,
                        gint64       case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(TsuCaseSummary) summary = NULL;

  g_return_val_if_fail (TSU_IS_CASE_VIEW (self), FALSE);

  if (store != NULL && case_id != 0)
    {
      summary = tsu_case_summary_load (store, case_id, g_date_time_to_unix (now),
                                       MAX (1, g_settings_get_int (self->settings, "unsupported-days")),
                                       &error);
      if (summary == NULL)
        {
          g_warning ("Cannot open case %" G_GINT64_FORMAT ": %s", case_id, error->message);
          return FALSE;
        }
    }

  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
    }

  g_set_object (&self->summary, summary);
  refresh (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  return summary != NULL || case_id == 0;
}

gint64
tsu_case_view_get_case_id (TsuCaseView *self)
{
  g_return_val_if_fail (TSU_IS_CASE_VIEW (self), 0);

  return case_id (self);
}

/**
 * tsu_case_view_refresh:
 *
 * Reads the case again now.
 */
void
tsu_case_view_refresh (TsuCaseView *self)
{
  g_return_if_fail (TSU_IS_CASE_VIEW (self));

  refresh (self);
}

/**
 * tsu_case_view_add_consultation:
 *
 * Returns: (transfer none) (nullable): the form of a new consultation, presented
 */
GtkWindow *
tsu_case_view_add_consultation (TsuCaseView *self)
{
  TsuConsultationEditor *editor;

  g_return_val_if_fail (TSU_IS_CASE_VIEW (self), NULL);

  if (self->store == NULL || case_id (self) == 0)
    return NULL;

  editor = tsu_consultation_editor_new (self->store, case_id (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (consultation_saved_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

/**
 * tsu_case_view_edit_case:
 *
 * Returns: (transfer none) (nullable): the case editor, presented
 */
GtkWindow *
tsu_case_view_edit_case (TsuCaseView *self)
{
  TsuCaseEditor *editor;

  g_return_val_if_fail (TSU_IS_CASE_VIEW (self), NULL);

  if (self->store == NULL || case_id (self) == 0)
    return NULL;

  editor = tsu_case_editor_new (self->store, the_case (self));
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

/**
 * tsu_case_view_edit_member:
 * @member: a member of the case team
 *
 * Returns: (transfer none) (nullable): the form of @member, presented
 */
AdwMessageDialog *
tsu_case_view_edit_member (TsuCaseView   *self,
                           TsuTeamMember *member)
{
  g_return_val_if_fail (TSU_IS_CASE_VIEW (self), NULL);
  g_return_val_if_fail (TSU_IS_TEAM_MEMBER (member), NULL);

  if (self->store == NULL || case_id (self) == 0)
    return NULL;
  return member_dialog_new (self, member);
}

/**
 * tsu_case_view_edit_consent:
 * @consent: a consent of the case
 *
 * Returns: (transfer none) (nullable): the form of @consent, presented
 */
AdwMessageDialog *
tsu_case_view_edit_consent (TsuCaseView *self,
                            TsuConsent  *consent)
{
  g_return_val_if_fail (TSU_IS_CASE_VIEW (self), NULL);
  g_return_val_if_fail (TSU_IS_CONSENT (consent), NULL);

  if (self->store == NULL || case_id (self) == 0)
    return NULL;
  return consent_dialog_new (self, consent);
}

/**
 * tsu_case_view_edit_consultation:
 * @consultation: an entry of the case's log
 *
 * Returns: (transfer none) (nullable): the form of @consultation, presented
 */
GtkWindow *
tsu_case_view_edit_consultation (TsuCaseView     *self,
                                 TsuConsultation *consultation)
{
  TsuConsultationEditor *editor;

  g_return_val_if_fail (TSU_IS_CASE_VIEW (self), NULL);
  g_return_val_if_fail (TSU_IS_CONSULTATION (consultation), NULL);

  if (self->store == NULL || case_id (self) == 0)
    return NULL;

  editor = tsu_consultation_editor_new_for_entry (self->store, consultation);
  g_signal_connect_object (editor, "saved", G_CALLBACK (consultation_edited_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}
