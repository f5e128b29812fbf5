/* tsu-document-minutes.c: the minutes of a meeting (議事録)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-document-minutes"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tsu-document-minutes.h"
#include "tsu-document-private.h"

/* The minutes as public offices write them: a header block (日時 with the era and
 * the weekday, 場所, the attendees as a grid of 所属（職種）and 氏名 with absentees
 * marked, 欠席者, 議題), the discussion of each agenda item, 決定事項, the 役割分担
 * table (担当者, 内容, 期限), 次回予定, and the line of 作成者, 確認者 and 確認日.
 * Minutes not yet confirmed carry a 下書き watermark. A meeting without minutes
 * gives the same form with its sections empty, for the recorder. */

struct _TsuDocumentMinutes
{
  TsuDocument  parent_instance;

  gint64       meeting_id;
  gint64       starts_at;      /* of the occurrence to print, or 0 for the meeting's */
  gint64       ends_at;

  TsuMeeting  *meeting;
  TsuMinutes  *minutes;        /* the latest revision; NULL when none was written */
  char        *case_code;
  GListModel  *agenda;
  GListModel  *discussions;
  GListModel  *decisions;
  GListModel  *actions;
  GPtrArray   *assignees;      /* one for each action item */
  GPtrArray   *participants;   /* TsuDocumentParticipant */
  char        *recorder;
};

G_DEFINE_FINAL_TYPE (TsuDocumentMinutes, tsu_document_minutes, TSU_TYPE_DOCUMENT)

static gint64
occurrence_start (TsuDocumentMinutes *self)
{
  return self->starts_at != 0 ? self->starts_at : tsu_meeting_get_starts_at (self->meeting);
}

static gint64
occurrence_end (TsuDocumentMinutes *self)
{
  return self->starts_at != 0 ? self->ends_at : tsu_meeting_get_ends_at (self->meeting);
}

static void
clear (TsuDocumentMinutes *self)
{
  g_clear_object (&self->meeting);
  g_clear_object (&self->minutes);
  g_clear_object (&self->agenda);
  g_clear_object (&self->discussions);
  g_clear_object (&self->decisions);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->assignees, g_ptr_array_unref);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->case_code, g_free);
  g_clear_pointer (&self->recorder, g_free);
}

static GListModel *
list_of_minutes (TsuStore    *store,
                 GType        type,
                 TsuMinutes  *minutes,
                 const char  *order,
                 GError     **error)
{
  if (minutes == NULL)
    return G_LIST_MODEL (g_list_store_new (type));
  return tsu_store_list_by (store, type, "minutes_id", tsu_record_get_id (TSU_RECORD (minutes)),
                            order, error);
}

static void
add_field (TsuPageLayout *layout,
           const char    *label,
           const char    *value)
{
  const char *cells[] = { label, value != NULL ? value : "", NULL };

  tsu_page_layout_add_row (layout, cells, 0);
}

static const TsuColumn field_columns[] = {
  { NULL, 0.17, PANGO_ALIGN_LEFT, TSU_COLUMN_LABEL },
  { NULL, 0.83, PANGO_ALIGN_LEFT, 0 },
};

static char *
attendee_name (const TsuDocumentParticipant *p)
{
  const char *role = g_strcmp0 (p->role, "attendee") == 0 || p->family
                       ? "" : tsu_document_role_name (p->role);
  GString *out = g_string_new (p->name);

  if (*role != '\0')
    g_string_append_printf (out, "（%s）", role);
  if (g_strcmp0 (p->attendance, "absent") == 0)
    /* TRANSLATORS: marks an absentee in the attendees of minutes: 欠席 */
    g_string_append_printf (out, "（%s）", C_("attendance", "Absent"));
  else if (g_strcmp0 (p->attendance, "online") == 0)
    g_string_append_printf (out, "（%s）", C_("attendance", "Online"));
  return g_string_free (out, FALSE);
}

static void
build_header_block (TsuDocumentMinutes *self,
                    TsuPageLayout      *layout)
{
  TsuDocument *document = TSU_DOCUMENT (self);
  static const TsuColumn grid[] = {
    { N_("Agency (profession)"), 0.29, PANGO_ALIGN_LEFT, 0 },
    { N_("Name"), 0.21, PANGO_ALIGN_LEFT, 0 },
    { N_("Agency (profession)"), 0.29, PANGO_ALIGN_LEFT, 0 },
    { N_("Name"), 0.21, PANGO_ALIGN_LEFT, 0 },
  };
  TsuColumn columns[G_N_ELEMENTS (grid)];
  g_autofree char *when = NULL;
  g_autoptr(GString) place = g_string_new (tsu_meeting_get_location (self->meeting));
  g_autoptr(GString) absent = g_string_new (NULL);
  g_autoptr(GString) items = g_string_new (NULL);
  guint n_items = g_list_model_get_n_items (self->agenda);

  when = tsu_document_format_when (document, occurrence_start (self),
                                   occurrence_end (self),
                                   tsu_meeting_get_all_day (self->meeting));
  if (tsu_meeting_get_url (self->meeting) != NULL && *tsu_meeting_get_url (self->meeting) != '\0')
    {
      if (place->len > 0)
        g_string_append_c (place, '\n');
      /* TRANSLATORS: where an online meeting is held; %s is its address */
      g_string_append_printf (place, _("Online: %s"), tsu_meeting_get_url (self->meeting));
    }

  tsu_page_layout_begin_table (layout, field_columns, G_N_ELEMENTS (field_columns));
  /* TRANSLATORS: 日時 */
  add_field (layout, _("Date and time"), when);
  /* TRANSLATORS: 場所 */
  add_field (layout, _("Place"), place->str);
  tsu_page_layout_end_table (layout);

  /* The attendees, two to a row. */
  for (guint i = 0; i < G_N_ELEMENTS (grid); i++)
    {
      columns[i] = grid[i];
      columns[i].title = _(grid[i].title);
    }
  /* TRANSLATORS: 出席者 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_SUBHEADING, _("Attendees"));
  tsu_page_layout_begin_table (layout, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < self->participants->len; i += 2)
    {
      const TsuDocumentParticipant *a = g_ptr_array_index (self->participants, i);
      const TsuDocumentParticipant *b = i + 1 < self->participants->len
                                          ? g_ptr_array_index (self->participants, i + 1) : NULL;
      g_autofree char *a_agency = tsu_document_agency_and_profession (a);
      g_autofree char *a_name = attendee_name (a);
      g_autofree char *b_agency = b != NULL ? tsu_document_agency_and_profession (b) : NULL;
      g_autofree char *b_name = b != NULL ? attendee_name (b) : NULL;
      const char *cells[] = { a_agency, a_name, b_agency ? b_agency : "", b_name ? b_name : "", NULL };

      tsu_page_layout_add_row (layout, cells, 0);
    }
  tsu_page_layout_end_table (layout);

  for (guint i = 0; i < self->participants->len; i++)
    {
      const TsuDocumentParticipant *p = g_ptr_array_index (self->participants, i);

      if (g_strcmp0 (p->attendance, "absent") != 0)
        continue;
      if (absent->len > 0)
        g_string_append (absent, "、");
      g_string_append (absent, p->name);
      if (p->agency != NULL && *p->agency != '\0' && !p->family)
        g_string_append_printf (absent, "（%s）", p->agency);
    }
  if (absent->len == 0)
    /* TRANSLATORS: nothing to list: なし */
    g_string_append (absent, _("None"));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TsuAgendaItem) item = g_list_model_get_item (self->agenda, i);

      g_string_append_printf (items, "%s%u. %s", i > 0 ? "\n" : "", i + 1,
                              tsu_agenda_item_get_title (item));
    }

  tsu_page_layout_begin_table (layout, field_columns, G_N_ELEMENTS (field_columns));
  /* TRANSLATORS: 欠席者 */
  add_field (layout, _("Absentees"), absent->str);
  if (n_items > 0)
    /* TRANSLATORS: the items of a meeting's agenda: 議題 */
    add_field (layout, _("Agenda items"), items->str);
  tsu_page_layout_end_table (layout);
}

static gboolean
add_discussions_of (TsuDocumentMinutes *self,
                    TsuPageLayout      *layout,
                    gint64              agenda_item_id,
                    GHashTable         *agenda_ids)
{
  gboolean any = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (self->discussions); i++)
    {
      g_autoptr(TsuDiscussion) d = g_list_model_get_item (self->discussions, i);
      gint64 item_id = tsu_discussion_get_agenda_item_id (d);
      const char *body = tsu_discussion_get_body (d);

      /* Discussion of no agenda item, or of one since deleted, goes under "other". */
      if (agenda_item_id == 0 ? g_hash_table_contains (agenda_ids, &item_id)
                              : item_id != agenda_item_id)
        continue;
      if (body == NULL || *body == '\0')
        continue;
      tsu_page_layout_add_text_full (layout, TSU_TEXT_BODY, PANGO_ALIGN_LEFT, 10.5, NULL, body);
      any = TRUE;
    }
  return any;
}

static void
build_discussion (TsuDocumentMinutes *self,
                  TsuPageLayout      *layout)
{
  g_autoptr(GHashTable) agenda_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_items = g_list_model_get_n_items (self->agenda);
  gboolean any = FALSE;

  /* TRANSLATORS: 協議内容 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Discussion"));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TsuAgendaItem) item = g_list_model_get_item (self->agenda, i);
      gint64 id = tsu_record_get_id (TSU_RECORD (item));

      g_hash_table_add (agenda_ids, g_memdup2 (&id, sizeof id));
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TsuAgendaItem) item = g_list_model_get_item (self->agenda, i);
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, tsu_agenda_item_get_title (item));
      const char *presenter = tsu_agenda_item_get_presenter (item);

      tsu_page_layout_add_heading (layout, TSU_TEXT_SUBHEADING, heading);
      if (presenter != NULL && *presenter != '\0')
        {
          /* TRANSLATORS: 説明者: who presents an agenda item */
          g_autofree char *line = g_strdup_printf (_("Presenter: %s"), presenter);

          tsu_page_layout_add_text_full (layout, TSU_TEXT_SMALL, PANGO_ALIGN_LEFT, 10.5, NULL, line);
        }
      any |= add_discussions_of (self, layout, tsu_record_get_id (TSU_RECORD (item)), agenda_ids);
    }

  if (n_items > 0)
    {
      gboolean others = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (self->discussions) && !others; i++)
        {
          g_autoptr(TsuDiscussion) d = g_list_model_get_item (self->discussions, i);
          gint64 item_id = tsu_discussion_get_agenda_item_id (d);

          others = !g_hash_table_contains (agenda_ids, &item_id);
        }
      if (others)
        /* TRANSLATORS: discussion outside the agenda items: その他 */
        tsu_page_layout_add_heading (layout, TSU_TEXT_SUBHEADING, _("Other matters"));
    }
  any |= add_discussions_of (self, layout, 0, agenda_ids);

  if (!any && n_items == 0)
    tsu_page_layout_add_text (layout, TSU_TEXT_BODY, _("None"));
}

static void
build_decisions (TsuDocumentMinutes *self,
                 TsuPageLayout      *layout)
{
  guint n = g_list_model_get_n_items (self->decisions);

  /* TRANSLATORS: 決定事項 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Decisions"));
  if (n == 0)
    tsu_page_layout_add_text (layout, TSU_TEXT_BODY, _("None"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuDecision) d = g_list_model_get_item (self->decisions, i);
      g_autofree char *label = g_strdup_printf ("(%u) ", i + 1);
      g_autofree char *text = NULL;

      if (tsu_decision_get_good_practice (d))
        /* TRANSLATORS: marks a decision as good practice: 好事例 */
        text = g_strdup_printf ("%s %s", tsu_decision_get_body (d), _("[good practice]"));
      else
        text = g_strdup (tsu_decision_get_body (d));
      tsu_page_layout_add_text_full (layout, TSU_TEXT_BODY, PANGO_ALIGN_LEFT, 0, label, text);
    }
}

static void
build_actions (TsuDocumentMinutes *self,
               TsuPageLayout      *layout)
{
  TsuDocument *document = TSU_DOCUMENT (self);
  guint n = g_list_model_get_n_items (self->actions);
  const TsuColumn columns[] = {
    /* TRANSLATORS: 担当者, the column of who does an action item */
    { _("Person in charge"), 0.3, PANGO_ALIGN_LEFT, 0 },
    /* TRANSLATORS: 内容, the column of what is to be done */
    { _("Task"), 0.5, PANGO_ALIGN_LEFT, 0 },
    /* TRANSLATORS: 期限 */
    { _("Due"), 0.2, PANGO_ALIGN_CENTER, 0 },
  };

  /* TRANSLATORS: 役割分担 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Action items"));
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
      g_autofree char *what = NULL;
      const char *status = tsu_action_item_get_status (item);
      TsuRowFlags flags = 0;
      const char *cells[4];

      if (g_strcmp0 (status, "done") == 0)
        what = g_strdup_printf ("%s（%s）", tsu_action_item_get_what (item),
                                /* TRANSLATORS: an action item that was done: 完了 */
                                C_("action", "done"));
      else if (g_strcmp0 (status, "dropped") == 0)
        what = g_strdup_printf ("%s（%s）", tsu_action_item_get_what (item),
                                /* TRANSLATORS: an action item given up: 取りやめ */
                                C_("action", "dropped"));
      else
        what = g_strdup (tsu_action_item_get_what (item));
      if (g_strcmp0 (status, "open") != 0)
        flags |= TSU_ROW_MUTED;

      cells[0] = g_ptr_array_index (self->assignees, i);
      cells[1] = what;
      cells[2] = due;
      cells[3] = NULL;
      tsu_page_layout_add_row (layout, cells, flags);
    }
  tsu_page_layout_end_table (layout);
}

static void
build_confirmation (TsuDocumentMinutes *self,
                    TsuPageLayout      *layout)
{
  TsuDocument *document = TSU_DOCUMENT (self);
  TsuColumn columns[6];
  double width, labels = 0;
  gboolean confirmed = self->minutes != NULL &&
                       g_strcmp0 (tsu_minutes_get_state (self->minutes), "confirmed") == 0;
  g_autofree char *confirmed_on = NULL;
  const char *cells[7];

  if (confirmed && tsu_minutes_get_confirmed_at (self->minutes) != 0)
    confirmed_on = tsu_document_format_date (document, tsu_minutes_get_confirmed_at (self->minutes),
                                             FALSE);

  /* TRANSLATORS: 作成者, who wrote the minutes */
  cells[0] = _("Recorded by");
  cells[1] = self->recorder != NULL ? self->recorder : "";
  /* TRANSLATORS: 確認者, who confirmed the minutes */
  cells[2] = _("Confirmed by");
  cells[3] = confirmed && tsu_minutes_get_confirmed_by (self->minutes) != NULL
               ? tsu_minutes_get_confirmed_by (self->minutes) : "";
  /* TRANSLATORS: 確認日, when the minutes were confirmed */
  cells[4] = _("Confirmed on");
  cells[5] = confirmed_on != NULL ? confirmed_on : "";
  cells[6] = NULL;

  /* Each label as wide as it is, the names and the date sharing the rest. */
  tsu_page_layout_get_body (layout, NULL, NULL, &width, NULL);
  for (guint i = 0; i < 6; i += 2)
    {
      double w = tsu_page_layout_measure_text (layout, TSU_TEXT_CELL_BOLD, cells[i], NULL) + 12;

      columns[i] = (TsuColumn) { NULL, MIN (w, width * 0.2) / width, PANGO_ALIGN_CENTER,
                                 TSU_COLUMN_LABEL };
      labels += columns[i].width;
    }
  for (guint i = 1; i < 6; i += 2)
    columns[i] = (TsuColumn) { NULL, (1 - labels) / 3, PANGO_ALIGN_LEFT, 0 };

  tsu_page_layout_begin_keep (layout);
  tsu_page_layout_add_space (layout, 14);
  tsu_page_layout_begin_table (layout, columns, G_N_ELEMENTS (columns));
  tsu_page_layout_add_row (layout, cells, 0);
  tsu_page_layout_end_table (layout);
  tsu_page_layout_end_keep (layout);
}

static gboolean
tsu_document_minutes_load (TsuDocument  *document,
                           TsuStore     *store,
                           GError      **error)
{
  TsuDocumentMinutes *self = TSU_DOCUMENT_MINUTES (document);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *title = NULL;
  gint64 case_id;

  clear (self);

  self->meeting = tsu_store_load (store, TSU_TYPE_MEETING, self->meeting_id, &local_error);
  if (self->meeting == NULL)
    {
      if (g_error_matches (local_error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND))
        g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND,
                     _("There is no meeting with ID %" PRId64), self->meeting_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The latest revision; none yet gives the empty form. */
  self->minutes = tsu_store_get_current_minutes (store, self->meeting_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->agenda = tsu_store_list_by (store, TSU_TYPE_AGENDA_ITEM, "meeting_id", self->meeting_id,
                                    "position", error);
  if (self->agenda == NULL)
    return FALSE;
  self->discussions = list_of_minutes (store, TSU_TYPE_DISCUSSION, self->minutes, "position", error);
  if (self->discussions == NULL)
    return FALSE;
  self->decisions = list_of_minutes (store, TSU_TYPE_DECISION, self->minutes, "position", error);
  if (self->decisions == NULL)
    return FALSE;
  self->actions = list_of_minutes (store, TSU_TYPE_ACTION_ITEM, self->minutes, "id", error);
  if (self->actions == NULL)
    return FALSE;
  self->participants = tsu_document_load_participants (document, self->meeting_id, error);
  if (self->participants == NULL)
    return FALSE;

  self->assignees = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (self->actions); i++)
    {
      g_autoptr(TsuActionItem) item = g_list_model_get_item (self->actions, i);

      g_ptr_array_add (self->assignees, tsu_document_load_assignee (document, item));
    }

  for (guint i = 0; i < self->participants->len && self->recorder == NULL; i++)
    {
      const TsuDocumentParticipant *p = g_ptr_array_index (self->participants, i);

      if (g_strcmp0 (p->role, "recorder") == 0)
        self->recorder = g_strdup (p->name);
    }
  if (self->recorder == NULL)
    self->recorder = tsu_document_load_person_name (document,
                                                    tsu_meeting_get_organizer_id (self->meeting));

  case_id = tsu_meeting_get_case_id (self->meeting);
  if (case_id != 0)
    {
      g_autoptr(TsuCase) child_case = tsu_store_load (store, TSU_TYPE_CASE, case_id, NULL);

      if (child_case != NULL)
        {
          self->case_code = g_strdup (tsu_case_get_code (child_case));
          tsu_document_mask_child (document, child_case);
        }
    }

  /* TRANSLATORS: the title of minutes (議事録); %s is the meeting's title */
  title = g_strdup_printf (_("Minutes of %s"), tsu_meeting_get_title (self->meeting));
  tsu_document_set_title (document, title);

  if (self->minutes == NULL || g_strcmp0 (tsu_minutes_get_state (self->minutes), "confirmed") != 0)
    /* TRANSLATORS: written across minutes not yet confirmed: 下書き */
    tsu_document_set_watermark (document, _("Draft"));
  else
    tsu_document_set_watermark (document, NULL);
  return TRUE;
}

static void
tsu_document_minutes_build (TsuDocument   *document,
                            TsuPageLayout *layout)
{
  TsuDocumentMinutes *self = TSU_DOCUMENT_MINUTES (document);
  g_autofree char *day = tsu_document_format_date (document,
                                                   occurrence_start (self), TRUE);
  const char *summary = self->minutes != NULL ? tsu_minutes_get_summary (self->minutes) : NULL;
  gint64 next = self->minutes != NULL ? tsu_minutes_get_next_meeting_at (self->minutes) : 0;

  tsu_document_set_subject (document, self->case_code != NULL ? self->case_code : day);

  tsu_page_layout_add_title (layout, tsu_document_get_title (document));
  if (self->minutes != NULL && tsu_minutes_get_revision (self->minutes) > 1)
    {
      /* TRANSLATORS: the revision of minutes changed after they were confirmed: 第2版 */
      g_autofree char *revision = g_strdup_printf (_("Revision %" PRId64),
                                                   tsu_minutes_get_revision (self->minutes));

      tsu_page_layout_add_text_full (layout, TSU_TEXT_SMALL, PANGO_ALIGN_RIGHT, 0, NULL, revision);
    }

  build_header_block (self, layout);

  if (summary != NULL && *summary != '\0')
    {
      /* TRANSLATORS: a summary of the meeting: 要旨 */
      tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Summary"));
      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, summary);
    }

  build_discussion (self, layout);
  build_decisions (self, layout);
  build_actions (self, layout);

  /* TRANSLATORS: 次回予定 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Next meeting"));
  if (next != 0)
    {
      g_autofree char *when = tsu_document_format_date (document, next, TRUE);
      g_autofree char *time = tsu_document_format_time (document, next);
      g_autofree char *text = g_strdup_printf ("%s %s", when, time);

      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, text);
    }
  else
    /* TRANSLATORS: the next meeting is not fixed yet: 未定 */
    tsu_page_layout_add_text (layout, TSU_TEXT_BODY, _("To be decided"));

  build_confirmation (self, layout);
}

static void
tsu_document_minutes_finalize (GObject *object)
{
  clear (TSU_DOCUMENT_MINUTES (object));

  G_OBJECT_CLASS (tsu_document_minutes_parent_class)->finalize (object);
}

static void
tsu_document_minutes_class_init (TsuDocumentMinutesClass *klass)
{
  TsuDocumentClass *document_class = TSU_DOCUMENT_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = tsu_document_minutes_finalize;
  document_class->load = tsu_document_minutes_load;
  document_class->build = tsu_document_minutes_build;
}

static void
tsu_document_minutes_init (TsuDocumentMinutes *self)
{
}

/**
 * tsu_document_minutes_new:
 * @store: the store
 * @meeting_id: the meeting, as `tsunagu-cli list` shows it
 *
 * Returns: (transfer full): the minutes of the meeting, from its latest revision
 */
TsuDocument *
tsu_document_minutes_new (TsuStore *store,
                          gint64    meeting_id)
{
  TsuDocumentMinutes *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  self = g_object_new (TSU_TYPE_DOCUMENT_MINUTES, "store", store, NULL);
  self->meeting_id = meeting_id;
  return TSU_DOCUMENT (self);
}

/**
 * tsu_document_minutes_set_occurrence:
 * @starts_at: the start of one occurrence of a recurring meeting, Unix time; 0 for
 *   the meeting's own
 * @ends_at: its end
 *
 * Prints the document for one occurrence of a series (the monthly council of
 * November) rather than for the first.
 */
void
tsu_document_minutes_set_occurrence (TsuDocument *document,
                                     gint64       starts_at,
                                     gint64       ends_at)
{
  TsuDocumentMinutes *self;

  g_return_if_fail (TSU_IS_DOCUMENT_MINUTES (document));

  self = TSU_DOCUMENT_MINUTES (document);
  self->starts_at = starts_at;
  self->ends_at = MAX (ends_at, starts_at);
}
