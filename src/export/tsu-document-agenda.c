/* tsu-document-agenda.c: the notice and agenda of a meeting (開催通知・次第)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-document-agenda"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "tsu-document-agenda.h"
#include "tsu-document-private.h"

/* What is sent before a meeting and laid on the table at it: the title, when and
 * where (or the address of an online meeting), the agenda items with their
 * presenters and times, and the participants grouped by agency. */

struct _TsuDocumentAgenda
{
  TsuDocument  parent_instance;

  gint64       meeting_id;
  gint64       starts_at;      /* of the occurrence to print, or 0 for the meeting's */
  gint64       ends_at;

  TsuMeeting  *meeting;
  char        *case_code;
  char        *organizer;
  GListModel  *agenda;
  GPtrArray   *participants;   /* TsuDocumentParticipant */
};

G_DEFINE_FINAL_TYPE (TsuDocumentAgenda, tsu_document_agenda, TSU_TYPE_DOCUMENT)

static gint64
occurrence_start (TsuDocumentAgenda *self)
{
  return self->starts_at != 0 ? self->starts_at : tsu_meeting_get_starts_at (self->meeting);
}

static gint64
occurrence_end (TsuDocumentAgenda *self)
{
  return self->starts_at != 0 ? self->ends_at : tsu_meeting_get_ends_at (self->meeting);
}

static void
clear (TsuDocumentAgenda *self)
{
  g_clear_object (&self->meeting);
  g_clear_object (&self->agenda);
  g_clear_pointer (&self->participants, g_ptr_array_unref);
  g_clear_pointer (&self->case_code, g_free);
  g_clear_pointer (&self->organizer, g_free);
}

static void
add_field (TsuPageLayout *layout,
           const char    *label,
           const char    *value)
{
  const char *cells[] = { label, value != NULL ? value : "", NULL };

  tsu_page_layout_add_row (layout, cells, 0);
}

static char *
clock_time (gint64 instant)
{
  g_autoptr(GDateTime) local = tsu_document_local_time (instant);

  return g_date_time_format (local, "%H:%M");
}

static void
build_items (TsuDocumentAgenda *self,
             TsuPageLayout     *layout)
{
  guint n = g_list_model_get_n_items (self->agenda);
  gint64 at = occurrence_start (self);
  gboolean timed = !tsu_meeting_get_all_day (self->meeting);
  const TsuColumn columns[] = {
    { C_("agenda item number", "No."), 0.07, PANGO_ALIGN_CENTER, 0 },
    /* TRANSLATORS: the column of agenda items: 議題 */
    { _("Agenda item"), 0.49, PANGO_ALIGN_LEFT, 0 },
    /* TRANSLATORS: 説明者 */
    { _("Presenter"), 0.26, PANGO_ALIGN_LEFT, 0 },
    /* TRANSLATORS: the column of the time of an agenda item: 時間 */
    { _("Time"), 0.18, PANGO_ALIGN_CENTER, 0 },
  };

  /* TRANSLATORS: the agenda items of a meeting: 議題 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Agenda items"));
  if (n == 0)
    {
      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, _("None"));
      return;
    }

  tsu_page_layout_begin_table (layout, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuAgendaItem) item = g_list_model_get_item (self->agenda, i);
      gint64 minutes = tsu_agenda_item_get_planned_minutes (item);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *time = NULL;
      const char *cells[5];

      /* The times follow from the start of the meeting and the planned minutes. */
      if (timed && minutes > 0)
        {
          g_autofree char *from = clock_time (at);
          g_autofree char *to = clock_time (at + minutes * 60);

          time = g_strdup_printf ("%s～%s", from, to);
          at += minutes * 60;
        }
      else if (minutes > 0)
        /* TRANSLATORS: how long an agenda item takes: 15分 */
        time = g_strdup_printf (_("%" PRId64 " min"), minutes);

      cells[0] = number;
      cells[1] = tsu_agenda_item_get_title (item);
      cells[2] = tsu_agenda_item_get_presenter (item) != NULL ? tsu_agenda_item_get_presenter (item) : "";
      cells[3] = time != NULL ? time : "";
      cells[4] = NULL;
      tsu_page_layout_add_row (layout, cells, 0);
    }
  tsu_page_layout_end_table (layout);
}

static void
build_participants (TsuDocumentAgenda *self,
                    TsuPageLayout     *layout)
{
  g_autoptr(GPtrArray) agencies = g_ptr_array_new_with_free_func (g_free);
  const TsuColumn columns[] = {
    /* TRANSLATORS: 所属 */
    { _("Agency"), 0.42, PANGO_ALIGN_LEFT, 0 },
    /* TRANSLATORS: 氏名（職種） */
    { _("Name (profession)"), 0.40, PANGO_ALIGN_LEFT, 0 },
    /* TRANSLATORS: 役割 */
    { _("Role"), 0.18, PANGO_ALIGN_CENTER, 0 },
  };

  /* TRANSLATORS: 参加者 */
  tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Participants"));
  if (self->participants->len == 0)
    {
      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, _("None"));
      return;
    }

  /* Agencies in the order they first appear; the family comes under its own heading. */
  for (guint i = 0; i < self->participants->len; i++)
    {
      const TsuDocumentParticipant *p = g_ptr_array_index (self->participants, i);
      g_autofree char *agency = p->family ? g_strdup (C_("role", "Family"))
                                          : g_strdup (p->agency != NULL ? p->agency : "");

      if (!g_ptr_array_find_with_equal_func (agencies, agency, g_str_equal, NULL))
        g_ptr_array_add (agencies, g_steal_pointer (&agency));
    }

  tsu_page_layout_begin_table (layout, columns, G_N_ELEMENTS (columns));
  for (guint a = 0; a < agencies->len; a++)
    {
      const char *agency = g_ptr_array_index (agencies, a);
      gboolean first = TRUE;

      for (guint i = 0; i < self->participants->len; i++)
        {
          const TsuDocumentParticipant *p = g_ptr_array_index (self->participants, i);
          const char *own = p->family ? C_("role", "Family") : (p->agency != NULL ? p->agency : "");
          g_autofree char *name = NULL;
          const char *cells[4];

          if (!g_str_equal (own, agency))
            continue;
          if (p->profession != NULL && *p->profession != '\0' && !p->family)
            name = g_strdup_printf ("%s（%s）", p->name, p->profession);
          else
            name = g_strdup (p->name);

          cells[0] = first ? agency : "";
          cells[1] = name;
          cells[2] = tsu_document_role_name (p->role);
          cells[3] = NULL;
          tsu_page_layout_add_row (layout, cells, 0);
          first = FALSE;
        }
    }
  tsu_page_layout_end_table (layout);
}

static gboolean
tsu_document_agenda_load (TsuDocument  *document,
                          TsuStore     *store,
                          GError      **error)
{
  TsuDocumentAgenda *self = TSU_DOCUMENT_AGENDA (document);
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

  self->agenda = tsu_store_list_by (store, TSU_TYPE_AGENDA_ITEM, "meeting_id", self->meeting_id,
                                    "position", error);
  if (self->agenda == NULL)
    return FALSE;
  self->participants = tsu_document_load_participants (document, self->meeting_id, error);
  if (self->participants == NULL)
    return FALSE;
  self->organizer = tsu_document_load_person_name (document,
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

  /* TRANSLATORS: the title of an agenda (次第); %s is the meeting's title */
  title = g_strdup_printf (_("Agenda of %s"), tsu_meeting_get_title (self->meeting));
  tsu_document_set_title (document, title);
  if (g_strcmp0 (tsu_meeting_get_status (self->meeting), "cancelled") == 0)
    /* TRANSLATORS: written across the agenda of a cancelled meeting: 中止 */
    tsu_document_set_watermark (document, C_("meeting", "Cancelled"));
  else
    tsu_document_set_watermark (document, NULL);
  return TRUE;
}

static void
tsu_document_agenda_build (TsuDocument   *document,
                           TsuPageLayout *layout)
{
  TsuDocumentAgenda *self = TSU_DOCUMENT_AGENDA (document);
  static const TsuColumn fields[] = {
    { NULL, 0.17, PANGO_ALIGN_LEFT, TSU_COLUMN_LABEL },
    { NULL, 0.83, PANGO_ALIGN_LEFT, 0 },
  };
  g_autofree char *when = NULL;
  g_autofree char *day = NULL;
  const char *location = tsu_meeting_get_location (self->meeting);
  const char *url = tsu_meeting_get_url (self->meeting);
  const char *notes = tsu_meeting_get_notes (self->meeting);

  when = tsu_document_format_when (document, occurrence_start (self),
                                   occurrence_end (self),
                                   tsu_meeting_get_all_day (self->meeting));
  day = tsu_document_format_date (document, occurrence_start (self), TRUE);
  tsu_document_set_subject (document, self->case_code != NULL ? self->case_code : day);

  tsu_page_layout_add_title (layout, tsu_meeting_get_title (self->meeting));
  tsu_page_layout_add_text_full (layout, TSU_TEXT_BOLD, PANGO_ALIGN_CENTER, 0, NULL,
                                 /* TRANSLATORS: under the title of an agenda: 開催通知・次第 */
                                 _("Notice of meeting and agenda"));
  tsu_page_layout_add_space (layout, 6);
  if (g_strcmp0 (tsu_meeting_get_status (self->meeting), "cancelled") == 0)
    tsu_page_layout_add_text (layout, TSU_TEXT_BOLD, _("This meeting has been cancelled."));
  else
    tsu_page_layout_add_text (layout, TSU_TEXT_BODY,
                              /* TRANSLATORS: 下記のとおり開催しますので、ご出席くださいますようお願いいたします。 */
                              _("The meeting will be held as follows. We look forward to your attendance."));

  tsu_page_layout_begin_table (layout, fields, G_N_ELEMENTS (fields));
  add_field (layout, _("Date and time"), when);
  if (location != NULL && *location != '\0')
    add_field (layout, _("Place"), location);
  if (url != NULL && *url != '\0')
    /* TRANSLATORS: the address of an online meeting: オンライン */
    add_field (layout, C_("meeting address", "Online"), url);
  if (location == NULL && url == NULL)
    add_field (layout, _("Place"), _("To be decided"));
  /* TRANSLATORS: the kind of meeting: 種別 */
  add_field (layout, _("Kind"), tsu_document_kind_name (tsu_meeting_get_kind (self->meeting)));
  if (self->organizer != NULL)
    /* TRANSLATORS: who calls the meeting: 主催 */
    add_field (layout, _("Organizer"), self->organizer);
  tsu_page_layout_end_table (layout);

  build_items (self, layout);
  build_participants (self, layout);

  if (notes != NULL && *notes != '\0')
    {
      /* TRANSLATORS: 備考 */
      tsu_page_layout_add_heading (layout, TSU_TEXT_HEADING, _("Notes"));
      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, notes);
    }
}

static void
tsu_document_agenda_finalize (GObject *object)
{
  clear (TSU_DOCUMENT_AGENDA (object));

  G_OBJECT_CLASS (tsu_document_agenda_parent_class)->finalize (object);
}

static void
tsu_document_agenda_class_init (TsuDocumentAgendaClass *klass)
{
  TsuDocumentClass *document_class = TSU_DOCUMENT_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = tsu_document_agenda_finalize;
  document_class->load = tsu_document_agenda_load;
  document_class->build = tsu_document_agenda_build;
}

static void
tsu_document_agenda_init (TsuDocumentAgenda *self)
{
}

/**
 * tsu_document_agenda_new:
 * @store: the store
 * @meeting_id: the meeting, as `tsunagu-cli list` shows it
 *
 * Returns: (transfer full): the notice and agenda of the meeting
 */
TsuDocument *
tsu_document_agenda_new (TsuStore *store,
                         gint64    meeting_id)
{
  TsuDocumentAgenda *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  self = g_object_new (TSU_TYPE_DOCUMENT_AGENDA, "store", store, NULL);
  self->meeting_id = meeting_id;
  return TSU_DOCUMENT (self);
}

/**
 * tsu_document_agenda_set_occurrence:
 * @starts_at: the start of one occurrence of a recurring meeting, Unix time; 0 for
 *   the meeting's own
 * @ends_at: its end
 *
 * Prints the document for one occurrence of a series (the monthly council of
 * November) rather than for the first.
 */
void
tsu_document_agenda_set_occurrence (TsuDocument *document,
                                     gint64       starts_at,
                                     gint64       ends_at)
{
  TsuDocumentAgenda *self;

  g_return_if_fail (TSU_IS_DOCUMENT_AGENDA (document));

  self = TSU_DOCUMENT_AGENDA (document);
  self->starts_at = starts_at;
  self->ends_at = MAX (ends_at, starts_at);
}
