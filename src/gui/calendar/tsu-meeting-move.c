/* tsu-meeting-move.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-meeting-move"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tsu-conflicts.h"
#include "tsu-meeting-move.h"
#include "tsu-window.h"

/* A meeting dragged in the month or week view to a new start, keeping its length.
 * Before anything is written the same questions as in the meeting editor: who or which
 * room is already booked then (Move Anyway), and for one meeting of a series whether
 * only that one moves (it gets a row of its own) or the whole series. */

struct _TsuMeetingMove
{
  GObject     parent_instance;

  TsuStore   *store;
  TsuMeeting *meeting;        /* the row the occurrence comes from */
  gint64      starts_at;      /* the occurrence as shown */
  gint64      ends_at;
  gint64      recurrence_id;
  gint64      new_start;
  GtkWidget  *widget;         /* while the questions are asked */
};

G_DEFINE_FINAL_TYPE (TsuMeetingMove, tsu_meeting_move, G_TYPE_OBJECT)

/* Helpers */

static void
shift_meeting (TsuMeeting *m,
               gint64      shift,
               gboolean    with_exdates)
{
  tsu_meeting_set_starts_at (m, tsu_meeting_get_starts_at (m) + shift);
  tsu_meeting_set_ends_at (m, tsu_meeting_get_ends_at (m) + shift);
  if (with_exdates && tsu_meeting_get_exdates (m) != NULL)
    {
      g_autoptr(GArray) exdates = tsu_recurrence_parse_exdates (tsu_meeting_get_exdates (m));
      g_autofree char *text = NULL;

      for (guint i = 0; i < exdates->len; i++)
        g_array_index (exdates, gint64, i) += shift;
      text = tsu_recurrence_format_exdates ((const gint64 *) (gconstpointer) exdates->data, exdates->len);
      tsu_meeting_set_exdates (m, text);
    }
}

static void
toast (TsuMeetingMove *self,
       const char     *message,
       gboolean        stays)
{
  GtkRoot *root = self->widget != NULL ? gtk_widget_get_root (self->widget) : NULL;
  AdwToast *t;

  if (!TSU_IS_WINDOW (root))
    return;
  t = adw_toast_new (message);
  if (stays)
    adw_toast_set_timeout (t, 0);
  tsu_window_add_toast (TSU_WINDOW (root), t);
}

static void
finish (TsuMeetingMove *self,
        gboolean        only_this)
{
  g_autoptr(GError) error = NULL;

  if (!tsu_meeting_move_apply (self, only_this, &error))
    toast (self, error->message, TRUE);
  else
    toast (self, _("Meeting moved"), FALSE);
  g_clear_object (&self->widget);
}

static AdwMessageDialog *
ask (TsuMeetingMove *self,
     const char     *heading,
     const char     *body)
{
  GtkRoot *root = gtk_widget_get_root (self->widget);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         heading, body));

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static void
scope_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TsuMeetingMove   *self)
{
  if (g_strcmp0 (response, "this") == 0 || g_strcmp0 (response, "all") == 0)
    finish (self, g_strcmp0 (response, "this") == 0);
  else
    g_clear_object (&self->widget);
}

static void
ask_scope (TsuMeetingMove *self)
{
  AdwMessageDialog *dialog;

  if (!tsu_meeting_move_is_in_series (self))
    {
      finish (self, FALSE);
      return;
    }

  dialog = ask (self, _("Move a Repeating Meeting"),
                _("Move only this meeting, or every meeting in the series?"));
  adw_message_dialog_add_response (dialog, "this", _("_Only This Meeting"));
  adw_message_dialog_add_response (dialog, "all", _("_All Meetings"));
  adw_message_dialog_set_response_appearance (dialog, "this", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (scope_response_cb), g_object_ref (self),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
conflicts_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       TsuMeetingMove   *self)
{
  if (g_strcmp0 (response, "move") == 0)
    ask_scope (self);
  else
    g_clear_object (&self->widget);
}

/* Overrides */

static void
tsu_meeting_move_dispose (GObject *object)
{
  TsuMeetingMove *self = TSU_MEETING_MOVE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->meeting);
  g_clear_object (&self->widget);

  G_OBJECT_CLASS (tsu_meeting_move_parent_class)->dispose (object);
}

static void
tsu_meeting_move_class_init (TsuMeetingMoveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tsu_meeting_move_dispose;
}

static void
tsu_meeting_move_init (TsuMeetingMove *self)
{
}

/* Public API */

/**
 * tsu_meeting_move_new:
 * @store: the store
 * @occurrence: the meeting as shown in the calendar
 * @starts_at: its new start
 *
 * Returns: (transfer full): the move, nothing written yet
 */
TsuMeetingMove *
tsu_meeting_move_new (TsuStore      *store,
                      TsuOccurrence *occurrence,
                      gint64         starts_at)
{
  TsuMeetingMove *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (TSU_IS_OCCURRENCE (occurrence), NULL);

  self = g_object_new (TSU_TYPE_MEETING_MOVE, NULL);
  self->store = g_object_ref (store);
  self->meeting = g_object_ref (tsu_occurrence_get_meeting (occurrence));
  self->starts_at = tsu_occurrence_get_starts_at (occurrence);
  self->ends_at = tsu_occurrence_get_ends_at (occurrence);
  self->recurrence_id = tsu_occurrence_get_recurrence_id (occurrence);
  self->new_start = starts_at;
  return self;
}

/**
 * tsu_meeting_move_is_in_series:
 *
 * Returns: whether the meeting moved is one of a series that has no row of its own
 *   (so that "only this one" or "all" must be asked)
 */
gboolean
tsu_meeting_move_is_in_series (TsuMeetingMove *self)
{
  g_return_val_if_fail (TSU_IS_MEETING_MOVE (self), FALSE);

  return tsu_meeting_get_series_id (self->meeting) == 0 && tsu_meeting_get_rrule (self->meeting) != NULL &&
         self->recurrence_id != 0;
}

/**
 * tsu_meeting_move_find_conflicts:
 *
 * Returns: (transfer full) (element-type TsuConflict): who or which room is booked at
 *   the new time, or %NULL on error
 */
GPtrArray *
tsu_meeting_move_find_conflicts (TsuMeetingMove  *self,
                                 GError         **error)
{
  g_return_val_if_fail (TSU_IS_MEETING_MOVE (self), NULL);

  if (g_strcmp0 (tsu_meeting_get_status (self->meeting), "cancelled") == 0)
    return g_ptr_array_new ();
  return tsu_conflicts_find (self->store, tsu_record_get_id (TSU_RECORD (self->meeting)),
                             tsu_meeting_get_organizer_id (self->meeting),
                             tsu_meeting_get_location (self->meeting),
                             self->new_start, self->new_start + (self->ends_at - self->starts_at), error);
}

/**
 * tsu_meeting_move_apply:
 * @self: the move
 * @only_this: for one meeting of a series, move that one only (else the series)
 * @error: return location for an error
 *
 * Writes the move, without asking.
 *
 * Returns: whether the meeting moved
 */
gboolean
tsu_meeting_move_apply (TsuMeetingMove  *self,
                        gboolean         only_this,
                        GError         **error)
{
  gint64 shift;
  g_autoptr(TsuMeeting) row = NULL;

  g_return_val_if_fail (TSU_IS_MEETING_MOVE (self), FALSE);

  shift = self->new_start - self->starts_at;
  if (shift == 0)
    return TRUE;

  if (tsu_meeting_move_is_in_series (self) && only_this)
    {
      g_autoptr(TsuMeeting) occurrence = tsu_store_detach_occurrence (self->store, TSU_RECORD (self->meeting),
                                                                      self->recurrence_id, error);

      if (occurrence == NULL)
        return FALSE;
      tsu_meeting_set_starts_at (occurrence, self->new_start);
      tsu_meeting_set_ends_at (occurrence, self->new_start + (self->ends_at - self->starts_at));
      return tsu_store_save (self->store, TSU_RECORD (occurrence), error);
    }

  /* The row as stored now, not as it was read for the calendar. */
  row = tsu_store_load (self->store, TSU_TYPE_MEETING, tsu_record_get_id (TSU_RECORD (self->meeting)), error);
  if (row == NULL)
    return FALSE;
  shift_meeting (row, shift, tsu_meeting_get_rrule (row) != NULL);
  return tsu_store_save (self->store, TSU_RECORD (row), error);
}

/**
 * tsu_meeting_move_run:
 * @self: the move
 * @widget: the view the meeting was dragged in
 *
 * Asks what must be asked (conflicts, only this meeting or all), then moves the
 * meeting and says so in a toast.
 */
void
tsu_meeting_move_run (TsuMeetingMove *self,
                      GtkWidget      *widget)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (TSU_IS_MEETING_MOVE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_set_object (&self->widget, widget);
  if (self->new_start == self->starts_at)
    return;

  conflicts = tsu_meeting_move_find_conflicts (self, &error);
  if (conflicts == NULL)
    {
      toast (self, error->message, TRUE);
      return;
    }
  if (conflicts->len == 0)
    {
      ask_scope (self);
      return;
    }

  list = tsu_conflicts_describe (conflicts);
  text = g_strdup_printf ("%s\n\n%s", _("At the new time, these are already booked:"), list);
  dialog = ask (self, _("Already Booked"), text);
  adw_message_dialog_add_response (dialog, "move", _("_Move Anyway"));
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (conflicts_response_cb), g_object_ref (self),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
