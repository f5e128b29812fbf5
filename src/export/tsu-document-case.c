/* tsu-document-case.c: the summary of a case (支援経過)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-document-case"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "tsu-document-case.h"
#include "tsu-document-private.h"

/* What a coordinator hands to a new member of a case team or takes to a
 * conference: the child's profile, the team, the family's consents, the history of
 * conferences with their decisions and of consultations, and what is still to do.
 * A distribution copy writes the case code for the child's name and withholds the
 * guardians and the day of birth. */

typedef struct {
  gint64  at;       /* Unix time, for the order */
  char   *what;     /* the kind of event */
  char   *text;
} Event;

struct _TsuDocumentCase
{
  TsuDocument  parent_instance;

  gint64       case_id;

  TsuCase     *child_case;
  char        *municipality;
  char        *region;
  char        *medical_care;
  char        *coordinator;
  char        *regional_coordinator;
  GPtrArray   *team;          /* char *[3] rows: role, name, agency (profession) */
  GPtrArray   *consents;      /* TsuConsent */
  GPtrArray   *agencies;      /* the agency name of each consent */
  GArray      *events;        /* Event */
  GListModel  *actions;
  GPtrArray   *assignees;
};

G_DEFINE_FINAL_TYPE (TsuDocumentCase, tsu_document_case, TSU_TYPE_DOCUMENT)

static void
event_clear (gpointer data)
{
  Event *e = data;

  g_free (e->what);
  g_free (e->text);
}

static void
clear (TsuDocumentCase *self)
{
  g_clear_object (&self->child_case);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->municipality, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->medical_care, g_free);
  g_clear_pointer (&self->coordinator, g_free);
  g_clear_pointer (&self->regional_coordinator, g_free);
  g_clear_pointer (&self->team, g_ptr_array_unref);
  g_clear_pointer (&self->consents, g_ptr_array_unref);
  g_clear_pointer (&self->agencies, g_ptr_array_unref);
  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->assignees, g_ptr_array_unref);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *ea = a;
  const Event *eb = b;

  return ea->at < eb->at ? -1 : ea->at > eb->at;
}

static void
add_field (TsuPageLayout *layout,
           const char    *label,
           const char    *value)
{
  const char *cells[] = { label, value != NULL ? value : "", NULL };

  tsu_page_layout_add_row (layout, cells, 0);
}

/* "ventilator,suction" → "人工呼吸器、喀痰吸引" through the reference table. */
static char *
load_medical_care (TsuStore   *store,
                   const char *codes)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  TsuDatabase *db = tsu_store_get_database (store);

  if (codes == NULL || *codes == '\0')
    return g_strdup ("");

  parts = g_strsplit (codes, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *code = g_strstrip (parts[i]);
      sqlite3_stmt *stmt = tsu_database_prepare (db, "SELECT name FROM medical_care_type WHERE code = ?",
                                                 NULL);
      const char *name = NULL;

      if (*code == '\0')
        continue;
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            name = (const char *) sqlite3_column_text (stmt, 0);
        }
      if (out->len > 0)
        g_string_append (out, "、");
      g_string_append (out, name != NULL ? name : code);
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
channel_name (const char *channel)
{
  if (g_strcmp0 (channel, "phone") == 0)
    return C_("consultation", "Phone");
  if (g_strcmp0 (channel, "visit") == 0)
    return C_("consultation", "Visit");
  if (g_strcmp0 (channel, "online") == 0)
    return C_("consultation", "Online");
  if (g_strcmp0 (channel, "outreach") == 0)
    return C_("consultation", "Outreach");
  if (g_strcmp0 (channel, "mail") == 0)
    return C_("consultation", "Mail");
  return C_("consultation", "Other");
}

static gboolean
load_history (TsuDocumentCase  *self,
              TsuStore         *store,
              GError          **error)
{
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GListModel) consultations = NULL;

  meetings = tsu_store_list_by (store, TSU_TYPE_MEETING, "case_id", self->case_id, "starts_at", error);
  if (meetings == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(TsuMeeting) m = g_list_model_get_item (meetings, i);
      g_autoptr(TsuMinutes) minutes = NULL;
      g_autoptr(GString) text = g_string_new (tsu_meeting_get_title (m));
      g_autoptr(GError) local_error = NULL;
      Event e;

      if (g_strcmp0 (tsu_meeting_get_status (m), "cancelled") == 0)
        g_string_append_printf (text, "（%s）", C_("meeting", "Cancelled"));

      minutes = tsu_store_get_current_minutes (store, tsu_record_get_id (TSU_RECORD (m)),
                                               &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (minutes != NULL)
        {
          g_autoptr(GListModel) decisions = NULL;

          decisions = tsu_store_list_by (store, TSU_TYPE_DECISION, "minutes_id",
                                         tsu_record_get_id (TSU_RECORD (minutes)), "position", error);
          if (decisions == NULL)
            return FALSE;
          for (guint j = 0; j < g_list_model_get_n_items (decisions); j++)
            {
              g_autoptr(TsuDecision) d = g_list_model_get_item (decisions, j);

              g_string_append_printf (text, "\n・%s", tsu_decision_get_body (d));
            }
        }

      e.at = tsu_meeting_get_starts_at (m);
      e.what = g_strdup (tsu_document_kind_name (tsu_meeting_get_kind (m)));
      e.text = g_string_free (g_steal_pointer (&text), FALSE);
      g_array_append_val (self->events, e);
    }

  consultations = tsu_store_list_by (store, TSU_TYPE_CONSULTATION, "case_id", self->case_id,
                                     "occurred_at", error);
  if (consultations == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (consultations); i++)
    {
      g_autoptr(TsuConsultation) c = g_list_model_get_item (consultations, i);
      g_autoptr(GString) text = g_string_new (NULL);
      const char *topics = tsu_consultation_get_topics (c);
      const char *referred = tsu_consultation_get_referred_to (c);
      const char *notes = tsu_consultation_get_notes (c);
      Event e;

      if (topics != NULL && *topics != '\0')
        g_string_append (text, topics);
      if (referred != NULL && *referred != '\0')
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          /* TRANSLATORS: the agencies a consultation was referred to: つなぎ先 */
          g_string_append_printf (text, _("Referred to: %s"), referred);
        }
      if (notes != NULL && *notes != '\0')
        g_string_append_printf (text, "%s%s", text->len ? "\n" : "", notes);

      e.at = tsu_consultation_get_occurred_at (c);
      /* TRANSLATORS: a consultation in a case's history, with its channel: 相談（電話） */
      e.what = g_strdup_printf (_("Consultation (%s)"),
                                channel_name (tsu_consultation_get_channel (c)));
      e.text = g_string_free (g_steal_pointer (&text), FALSE);
      g_array_append_val (self->events, e);
    }

  g_array_sort (self->events, compare_events);
  return TRUE;
}

static gboolean
tsu_document_case_load (TsuDocument  *document,
                        TsuStore     *store,
                        GError      **error)
{
  TsuDocumentCase *self = TSU_DOCUMENT_CASE (document);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GListModel) team = NULL;
  g_autoptr(GListModel) consents = NULL;
  g_autofree char *title = NULL;
  gint64 municipality_id;

  clear (self);

  self->child_case = tsu_store_load (store, TSU_TYPE_CASE, self->case_id, &local_error);
  if (self->child_case == NULL)
    {
      if (g_error_matches (local_error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND))
        g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND,
                     _("There is no case with ID %" PRId64), self->case_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  tsu_document_mask_child (document, self->child_case);
  tsu_document_mask_family (document, tsu_case_get_guardians (self->child_case));

  municipality_id = tsu_case_get_municipality_id (self->child_case);
  if (municipality_id != 0)
    {
      g_autoptr(TsuMunicipality) m = tsu_store_load (store, TSU_TYPE_MUNICIPALITY, municipality_id,
                                                     NULL);

      if (m != NULL)
        {
          self->municipality = g_strdup (tsu_municipality_get_name (m));
          self->region = g_strdup (tsu_municipality_get_region (m));
        }
    }
  self->medical_care = load_medical_care (store, tsu_case_get_medical_care (self->child_case));
  self->coordinator = tsu_document_load_person_name (document,
                                                     tsu_case_get_coordinator_id (self->child_case));
  self->regional_coordinator =
    tsu_document_load_person_name (document, tsu_case_get_regional_coordinator_id (self->child_case));

  team = tsu_store_list_by (store, TSU_TYPE_TEAM_MEMBER, "case_id", self->case_id, "id", error);
  if (team == NULL)
    return FALSE;
  self->team = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < g_list_model_get_n_items (team); i++)
    {
      g_autoptr(TsuTeamMember) member = g_list_model_get_item (team, i);
      TsuPerson *person = tsu_document_load_person (document, tsu_team_member_get_person_id (member));
      gint64 agency_id = tsu_team_member_get_agency_id (member);
      TsuAgency *agency;
      const char *profession = person != NULL ? tsu_person_get_profession (person) : NULL;
      char **row = g_new0 (char *, 4);

      if (agency_id == 0 && person != NULL)
        agency_id = tsu_person_get_agency_id (person);
      agency = tsu_document_load_agency (document, agency_id);

      row[0] = g_strdup (tsu_team_member_get_role (member) ? tsu_team_member_get_role (member) : "");
      row[1] = g_strdup (person != NULL ? tsu_person_get_name (person) : "");
      if (agency != NULL && profession != NULL && *profession != '\0')
        row[2] = g_strdup_printf ("%s（%s）", tsu_agency_get_name (agency), profession);
      else
        row[2] = g_strdup (agency != NULL ? tsu_agency_get_name (agency)
                                          : profession != NULL ? profession : "");
      g_ptr_array_add (self->team, row);
    }

  consents = tsu_store_list_by (store, TSU_TYPE_CONSENT, "case_id", self->case_id, "id", error);
  if (consents == NULL)
    return FALSE;
  self->consents = g_ptr_array_new_with_free_func (g_object_unref);
  self->agencies = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (consents); i++)
    {
      TsuConsent *consent = g_list_model_get_item (consents, i);
      TsuAgency *agency = tsu_document_load_agency (document, tsu_consent_get_agency_id (consent));

      g_ptr_array_add (self->consents, consent);
      g_ptr_array_add (self->agencies, g_strdup (agency != NULL ? tsu_agency_get_name (agency) : ""));
    }

  self->events = g_array_new (FALSE, FALSE, sizeof (Event));
  g_array_set_clear_func (self->events, event_clear);
  if (!load_history (self, store, error))
    return FALSE;

  self->actions = tsu_store_list_open_actions (store, self->case_id, error);
  if (self->actions == NULL)
    return FALSE;
  self->assignees = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (self->actions); i++)
    {
      g_autoptr(TsuActionItem) item = g_list_model_get_item (self->actions, i);

      g_ptr_array_add (self->assignees, tsu_document_load_assignee (document, item));
    }

  /* TRANSLATORS: the title of a case summary (支援経過); %s is the case code */
  title = g_strdup_printf (_("Case summary %s"), tsu_case_get_code (self->child_case));
  tsu_document_set_title (document, title);
  tsu_document_set_watermark (document, NULL);
  return TRUE;
}

/* "2019-04-02" → the date and the age in years at @today. */
static char *
format_birth (TsuDocument *document,
              const char  *birth,
              GDateTime   *today)
{
  g_autofree char *date = NULL;
  g_autofree char *years = NULL;
  int y, m, d, age;

  if (birth == NULL || sscanf (birth, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup (birth != NULL ? birth : "");

  age = g_date_time_get_year (today) - y;
  if (g_date_time_get_month (today) < m ||
      (g_date_time_get_month (today) == m && g_date_time_get_day_of_month (today) < d))
    age--;
  /* TRANSLATORS: a child's age: 5歳 */
  years = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year old", "%d years old", age), age);
  /* A distribution copy gives the age only. */
  if (tsu_document_get_distribution (document))
    return g_steal_pointer (&years);

  date = tsu_document_format_iso_date (document, birth);
  return g_strdup_printf ("%s（%s）", date, years);
}

static void
build_profile (TsuDocumentCase *self,
               TsuPageLayout   *layout)
{
  TsuDocument *document = TSU_DOCUMENT (self);
  static const TsuColumn fields[] = {
    { NULL, 0.26, PANGO_ALIGN_LEFT, TSU_COLUMN_LABEL },
    { NULL, 0.74, PANGO_ALIGN_LEFT, 0 },
  };
  TsuCase *c = self->child_case;
  gboolean distribution = tsu_document_get_distribution (document);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *today = tsu_document_get_printed_at (document) ? tsu_document_get_printed_at (document)
                                                           : now;
  g_autofree char *name = NULL;
  g_autofree char *birth = format_birth (document, tsu_case_get_birth_date (c), today);
  g_autofree char *opened = tsu_document_format_iso_date (document, tsu_case_get_opened_on (c));
  g_autofree char *place = NULL;

  /* TRANSLATORS: in a distribution copy, instead of a name: 氏名を伏せる */
  if (distribution)
    name = g_strdup (_("(withheld)"));
  else if (tsu_case_get_child_kana (c) != NULL && *tsu_case_get_child_kana (c) != '\0')
    name = g_strdup_printf ("%s（%s）", tsu_case_get_child_name (c) ? tsu_case_get_child_name (c) : "",
                            tsu_case_get_child_kana (c));
  else
    name = g_strdup (tsu_case_get_child_name (c));

  if (self->region != NULL)
    place = g_strdup_printf ("%s（%s）", self->municipality, self->region);
  else
    place = g_strdup (self->municipality);

  /* TRANSLATORS: the child's profile in a case summary: 基本情報 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Profile"));
  tsu_page_layout_begin_table (layout, fields, G_N_ELEMENTS (fields));
  /* TRANSLATORS: ケース番号 */
  add_field (layout, _("Case code"), tsu_case_get_code (c));
  /* TRANSLATORS: the child's name: 氏名 */
  add_field (layout, _("Child's name"), name);
  /* TRANSLATORS: 生年月日 */
  add_field (layout, _("Date of birth"), birth);
  /* TRANSLATORS: 市町村（圏域） */
  add_field (layout, _("Municipality (region)"), place);
  /* TRANSLATORS: 医療的ケア */
  add_field (layout, _("Medical care"), self->medical_care);
  /* TRANSLATORS: 保護者 */
  add_field (layout, _("Guardians"), distribution ? _("(withheld)") : tsu_case_get_guardians (c));
  /* TRANSLATORS: 状態 */
  add_field (layout, _("Status"), tsu_document_case_status_name (tsu_case_get_status (c)));
  /* TRANSLATORS: センターのコーディネーター */
  add_field (layout, _("Coordinator"), self->coordinator);
  /* TRANSLATORS: 地域の医療的ケア児等コーディネーター */
  add_field (layout, _("Regional coordinator"), self->regional_coordinator);
  /* TRANSLATORS: 受付日 */
  add_field (layout, _("Opened on"), opened);
  if (tsu_case_get_notes (c) != NULL && *tsu_case_get_notes (c) != '\0')
    /* TRANSLATORS: 備考 */
    add_field (layout, _("Notes"), tsu_case_get_notes (c));
  tsu_page_layout_end_table (layout);
}

static void
build_team (TsuDocumentCase *self,
            TsuPageLayout   *layout)
{
  const TsuColumn columns[] = {
    { _("Role"), 0.22, PANGO_ALIGN_LEFT, 0 },
    { _("Name"), 0.28, PANGO_ALIGN_LEFT, 0 },
    { _("Agency (profession)"), 0.50, PANGO_ALIGN_LEFT, 0 },
  };

  /* TRANSLATORS: 支援チーム */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Case team"));
  if (self->team->len == 0)
    {
      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, _("None"));
      return;
    }
  tsu_page_layout_begin_table (layout, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < self->team->len; i++)
    tsu_page_layout_add_row (layout, g_ptr_array_index (self->team, i), 0);
  tsu_page_layout_end_table (layout);
}

static void
build_consents (TsuDocumentCase *self,
                TsuPageLayout   *layout)
{
  TsuDocument *document = TSU_DOCUMENT (self);
  const TsuColumn columns[] = {
    { _("Agency"), 0.3, PANGO_ALIGN_LEFT, 0 },
    /* TRANSLATORS: 同意日 */
    { _("Given on"), 0.2, PANGO_ALIGN_CENTER, 0 },
    /* TRANSLATORS: 範囲, what may be shared */
    { _("Scope"), 0.3, PANGO_ALIGN_LEFT, 0 },
    /* TRANSLATORS: 撤回日 */
    { _("Withdrawn on"), 0.2, PANGO_ALIGN_CENTER, 0 },
  };

  /* TRANSLATORS: 情報共有の同意 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Consent to share information"));
  if (self->consents->len == 0)
    {
      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, _("None"));
      return;
    }
  tsu_page_layout_begin_table (layout, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < self->consents->len; i++)
    {
      TsuConsent *consent = g_ptr_array_index (self->consents, i);
      g_autofree char *given = tsu_document_format_iso_date (document, tsu_consent_get_given_on (consent));
      g_autofree char *withdrawn = tsu_document_format_iso_date (document,
                                                                 tsu_consent_get_withdrawn_on (consent));
      const char *cells[] = {
        g_ptr_array_index (self->agencies, i), given,
        tsu_consent_get_scope (consent) ? tsu_consent_get_scope (consent) : "", withdrawn, NULL
      };

      tsu_page_layout_add_row (layout, cells, *withdrawn != '\0' ? TSU_ROW_MUTED : 0);
    }
  tsu_page_layout_end_table (layout);
}

static void
build_history (TsuDocumentCase *self,
               TsuPageLayout   *layout)
{
  TsuDocument *document = TSU_DOCUMENT (self);
  const TsuColumn columns[] = {
    /* TRANSLATORS: 日付 */
    { _("Date"), 0.2, PANGO_ALIGN_LEFT, 0 },
    /* TRANSLATORS: 種別 */
    { _("Kind"), 0.2, PANGO_ALIGN_LEFT, 0 },
    /* TRANSLATORS: 内容 */
    { _("Details"), 0.6, PANGO_ALIGN_LEFT, 0 },
  };

  /* TRANSLATORS: the conferences, decisions and consultations of a case: 支援経過 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Support history"));
  if (self->events->len == 0)
    {
      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, _("None"));
      return;
    }
  tsu_page_layout_begin_table (layout, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < self->events->len; i++)
    {
      const Event *e = &g_array_index (self->events, Event, i);
      g_autofree char *date = tsu_document_format_date (document, e->at, FALSE);
      const char *cells[] = { date, e->what, e->text, NULL };

      tsu_page_layout_add_row (layout, cells, 0);
    }
  tsu_page_layout_end_table (layout);
}

static void
build_actions (TsuDocumentCase *self,
               TsuPageLayout   *layout)
{
  TsuDocument *document = TSU_DOCUMENT (self);
  guint n = g_list_model_get_n_items (self->actions);
  const TsuColumn columns[] = {
    { _("Person in charge"), 0.3, PANGO_ALIGN_LEFT, 0 },
    { _("Task"), 0.5, PANGO_ALIGN_LEFT, 0 },
    { _("Due"), 0.2, PANGO_ALIGN_CENTER, 0 },
  };

  /* TRANSLATORS: action items not yet done: 未完了の役割分担 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Open action items"));
  if (n == 0)
    {
      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, _("None"));
      return;
    }
  tsu_page_layout_begin_table (layout, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuActionItem) item = g_list_model_get_item (self->actions, i);
      g_autofree char *due = tsu_document_format_iso_date (document, tsu_action_item_get_due_on (item));
      const char *cells[] = { g_ptr_array_index (self->assignees, i), tsu_action_item_get_what (item),
                              due, NULL };

      tsu_page_layout_add_row (layout, cells, 0);
    }
  tsu_page_layout_end_table (layout);
}

static void
tsu_document_case_build (TsuDocument   *document,
                         TsuPageLayout *layout)
{
  TsuDocumentCase *self = TSU_DOCUMENT_CASE (document);

  tsu_document_set_subject (document, tsu_case_get_code (self->child_case));
  tsu_page_layout_add_title (layout, tsu_document_get_title (document));
  build_profile (self, layout);
  build_team (self, layout);
  build_consents (self, layout);
  build_history (self, layout);
  build_actions (self, layout);
}

static void
tsu_document_case_finalize (GObject *object)
{
  clear (TSU_DOCUMENT_CASE (object));

  G_OBJECT_CLASS (tsu_document_case_parent_class)->finalize (object);
}

static void
tsu_document_case_class_init (TsuDocumentCaseClass *klass)
{
  TsuDocumentClass *document_class = TSU_DOCUMENT_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = tsu_document_case_finalize;
  document_class->load = tsu_document_case_load;
  document_class->build = tsu_document_case_build;
}

static void
tsu_document_case_init (TsuDocumentCase *self)
{
}

/**
 * tsu_document_case_new:
 * @store: the store
 * @case_id: the case (tsu_store_find_case_by_code() finds it from its code)
 *
 * Returns: (transfer full): the summary of the case
 */
TsuDocument *
tsu_document_case_new (TsuStore *store,
                       gint64    case_id)
{
  TsuDocumentCase *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  self = g_object_new (TSU_TYPE_DOCUMENT_CASE, "store", store, NULL);
  self->case_id = case_id;
  return TSU_DOCUMENT (self);
}
