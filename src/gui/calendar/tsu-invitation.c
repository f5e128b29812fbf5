/* tsu-invitation.c: sending a meeting's invitation by e-mail
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-invitation"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libical/ical.h>

#include "tsu-invitation.h"
#include "tsu-meeting-window.h"
#include "tsu-window.h"

/* "Send Invitation…" writes the meeting's iTIP file (REQUEST, or CANCEL for a cancelled
 * meeting; tsu-ical-export.c) to a private file in the cache folder and opens the
 * e-mail program with it attached and the participants as recipients:
 *
 *   1. xdg-email --attach FILE --subject … ADDRESSES, which knows how to hand an
 *      attachment to Thunderbird, Evolution and others (and goes through the portal
 *      inside Flatpak);
 *   2. else a mailto: URI with an attach= field, for the program that handles mailto:.
 *
 * When neither works, a toast says so. "Save Invitation…" is always offered too, for
 * staff who write their e-mail in a web mail or on another computer. */

void
tsu_invitation_free (TsuInvitation *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->file);
  g_clear_pointer (&self->ics, g_bytes_unref);
  g_free (self->subject);
  g_strfreev (self->recipients);
  g_free (self);
}

/* The summary and the method, as the file says them. */
static void
read_back (TsuInvitation *self)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (self->ics, &len);
  g_autofree char *text = g_strndup (data, len);
  icalcomponent *calendar = icalparser_parse_string (text);
  icalcomponent *event;
  const char *summary = NULL;

  if (calendar == NULL)
    return;
  self->cancel = icalcomponent_get_method (calendar) == ICAL_METHOD_CANCEL;
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  if (event != NULL)
    summary = icalcomponent_get_summary (event);
  if (summary != NULL && *summary != '\0')
    self->subject = self->cancel ? g_strdup_printf (_("Cancelled: %s"), summary)
                                 : g_strdup_printf (_("Invitation: %s"), summary);
  icalcomponent_free (calendar);
}

static const char *
body_text (TsuInvitation *self)
{
  return self->cancel
         ? _("The meeting has been cancelled. Open the attached file to remove it from your calendar.")
         : _("The invitation to the meeting is attached. Open it to add the meeting to your "
             "calendar and to reply.");
}

/**
 * tsu_invitation_write:
 * @store: the store
 * @meeting_id: the meeting
 * @folder: (nullable): where to write the file; the user's cache folder when %NULL
 * @error: return location for an error
 *
 * Writes the invitation of @meeting_id, readable by its owner only.
 *
 * Returns: (transfer full) (nullable): the invitation
 */
TsuInvitation *
tsu_invitation_write (TsuStore    *store,
                      gint64       meeting_id,
                      const char  *folder,
                      GError     **error)
{
  g_autoptr(TsuInvitation) self = g_new0 (TsuInvitation, 1);
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  TsuIcalExportOptions options;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  tsu_ical_export_options_init (&options);
  self->ics = tsu_ical_export_invitation (store, meeting_id, &options, error);
  if (self->ics == NULL)
    return NULL;
  self->recipients = tsu_ical_export_invitation_recipients (store, meeting_id, error);
  if (self->recipients == NULL)
    return NULL;
  read_back (self);
  if (self->subject == NULL)
    self->subject = g_strdup (self->cancel ? _("Meeting cancelled") : _("Meeting invitation"));

  dir = folder != NULL ? g_strdup (folder)
                       : g_build_filename (g_get_user_cache_dir (), "tsunagu", "invitations", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  /* The file's name is what the recipient sees as the attachment's. */
  name = g_strdup_printf ("%s-%" G_GINT64_FORMAT ".ics", self->cancel ? "cancel" : "invite", meeting_id);
  path = g_build_filename (dir, name, NULL);
  if (!tsu_ical_export_save (self->ics, path, error))
    return NULL;
  self->file = g_file_new_for_path (path);
  return g_steal_pointer (&self);
}

/**
 * tsu_invitation_mail_argv:
 * @program: the path of xdg-email
 *
 * Returns: (transfer full): the command that opens a new e-mail with the invitation
 */
GStrv
tsu_invitation_mail_argv (TsuInvitation *self,
                          const char    *program)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *path = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (program != NULL, NULL);

  path = g_file_get_path (self->file);
  g_strv_builder_add_many (builder, program, "--utf8", "--subject", self->subject,
                           "--body", body_text (self), "--attach", path, NULL);
  for (guint i = 0; self->recipients != NULL && self->recipients[i] != NULL; i++)
    g_strv_builder_add (builder, self->recipients[i]);
  return g_strv_builder_end (builder);
}

/**
 * tsu_invitation_mailto_uri:
 *
 * Returns: (transfer full): a mailto: URI to the recipients, with the subject and the
 *   file as an attachment (honoured by the e-mail programs that allow it)
 */
char *
tsu_invitation_mailto_uri (TsuInvitation *self)
{
  g_autoptr(GString) uri = g_string_new ("mailto:");
  g_autofree char *file_uri = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; self->recipients != NULL && self->recipients[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (uri, ',');
      g_string_append_uri_escaped (uri, self->recipients[i], "@+", FALSE);
    }
  g_string_append (uri, "?subject=");
  g_string_append_uri_escaped (uri, self->subject, NULL, FALSE);
  g_string_append (uri, "&body=");
  g_string_append_uri_escaped (uri, body_text (self), NULL, FALSE);
  file_uri = g_file_get_uri (self->file);
  g_string_append (uri, "&attach=");
  g_string_append_uri_escaped (uri, file_uri, NULL, FALSE);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/* Telling the person */

static void
report (GtkWindow  *parent,
        const char *message)
{
  if (TSU_IS_MEETING_WINDOW (parent))
    tsu_meeting_window_toast (TSU_MEETING_WINDOW (parent), message);
  else if (TSU_IS_WINDOW (parent))
    tsu_window_add_toast (TSU_WINDOW (parent), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static const char *
no_mail_program (void)
{
  return _("No e-mail program could be opened. Use “Save Invitation…” and attach the file to an "
           "e-mail yourself.");
}

/* Opening the e-mail program */

typedef struct {
  GtkWindow     *parent;   /* weak */
  TsuInvitation *invitation;
} Send;

static void
send_free (Send *send)
{
  g_clear_weak_pointer (&send->parent);
  tsu_invitation_free (send->invitation);
  g_free (send);
}

static void
mailto_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Send *send = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_debug ("No program for mailto: %s", error->message);
      if (send->parent != NULL)
        report (send->parent, no_mail_program ());
    }
  else if (send->parent != NULL)
    report (send->parent, _("The invitation is attached to a new e-mail"));
  send_free (send);
}

static void
open_mailto (Send *send)
{
  g_autofree char *uri = tsu_invitation_mailto_uri (send->invitation);
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (send->parent != NULL)
    context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (send->parent)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           mailto_done_cb, send);
}

static void
xdg_email_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Send *send = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (object), result, &error))
    {
      /* xdg-email found no e-mail program it knows: try the mailto: handler. */
      g_debug ("xdg-email failed: %s", error->message);
      open_mailto (send);
      return;
    }
  if (send->parent != NULL)
    report (send->parent, _("The invitation is attached to a new e-mail"));
  send_free (send);
}

static void
open_mail (GtkWindow     *parent,
           TsuInvitation *invitation)
{
  g_autofree char *program = g_find_program_in_path ("xdg-email");
  Send *send = g_new0 (Send, 1);

  g_set_weak_pointer (&send->parent, parent);
  send->invitation = invitation;

  if (program != NULL)
    {
      g_auto(GStrv) argv = tsu_invitation_mail_argv (invitation, program);
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process =
        g_subprocess_newv ((const char * const *) argv,
                           G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error);

      if (process != NULL)
        {
          g_subprocess_wait_check_async (process, NULL, xdg_email_done_cb, send);
          return;
        }
      g_debug ("Cannot run xdg-email: %s", error->message);
    }
  open_mailto (send);
}

static void
send_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  TsuInvitation *invitation = g_object_steal_data (G_OBJECT (dialog), "invitation");
  TsuStore *store = g_object_get_data (G_OBJECT (dialog), "store");
  gint64 *meeting_id = g_object_get_data (G_OBJECT (dialog), "meeting-id");

  if (g_strcmp0 (response, "send") == 0 && parent != NULL)
    {
      open_mail (parent, invitation);
      return;
    }
  if (g_strcmp0 (response, "save") == 0 && parent != NULL)
    tsu_invitation_save (parent, store, *meeting_id);
  tsu_invitation_free (invitation);
}

/**
 * tsu_invitation_send:
 * @parent: the window asking, where the outcome is told
 * @store: the store
 * @meeting_id: the meeting
 *
 * Writes the invitation and asks whether to open it in a new e-mail or save it.
 *
 * Returns: (transfer none) (nullable): the question, or %NULL when the invitation
 *   cannot be written (a toast says why)
 */
GtkWindow *
tsu_invitation_send (GtkWindow *parent,
                     TsuStore  *store,
                     gint64     meeting_id)
{
  g_autoptr(TsuInvitation) invitation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  invitation = tsu_invitation_write (store, meeting_id, NULL, &error);
  if (invitation == NULL)
    {
      report (parent, error->message);
      return NULL;
    }

  if (invitation->recipients[0] != NULL)
    {
      g_autofree char *to = g_strjoinv ("\n", invitation->recipients);

      body = g_strdup_printf (invitation->cancel
                              ? _("A new e-mail opens with the cancellation attached, to:\n\n%s")
                              : _("A new e-mail opens with the invitation attached, to:\n\n%s"),
                              to);
    }
  else
    body = g_strdup (_("No participant has an e-mail address in the directory: add the "
                       "recipients in the e-mail."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       invitation->cancel ? _("Send Cancellation")
                                                                          : _("Send Invitation"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save as File…"),
                                    "send", _("_Open in E-mail"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "send");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "invitation", g_steal_pointer (&invitation),
                          (GDestroyNotify) tsu_invitation_free);
  g_object_set_data_full (G_OBJECT (dialog), "store", g_object_ref (store), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "meeting-id", g_memdup2 (&meeting_id, sizeof meeting_id),
                          g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (send_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Saving */

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
  GBytes *ics = g_object_get_data (G_OBJECT (chooser), "ics");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL && !tsu_ical_export_save (ics, path, &error))
    report (parent, error->message);
  else if (path != NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *text = g_strdup_printf (_("Saved as “%s”"), name);

      report (parent, text);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * tsu_invitation_save:
 * @parent: the window asking, where the outcome is told
 * @store: the store
 * @meeting_id: the meeting
 *
 * Asks where to save the invitation, and saves it there.
 */
void
tsu_invitation_save (GtkWindow *parent,
                     TsuStore  *store,
                     gint64     meeting_id)
{
  g_autoptr(TsuInvitation) invitation = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (TSU_IS_STORE (store));

  invitation = tsu_invitation_write (store, meeting_id, NULL, &error);
  if (invitation == NULL)
    {
      report (parent, error->message);
      return;
    }

  chooser = gtk_file_chooser_native_new (invitation->cancel ? _("Save Cancellation")
                                                            : _("Save Invitation"),
                                         parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     invitation->cancel ? "cancellation.ics" : "invitation.ics");
  g_object_set_data_full (G_OBJECT (chooser), "ics", g_bytes_ref (invitation->ics),
                          (GDestroyNotify) g_bytes_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
