/* tsu-export-actions.c: the window actions that preview and print documents
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-export-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-document-preview.h"
#include "tsu-export-actions.h"
#include "tsu-format.h"
#include "tsu-window.h"

/* Every document opens in the preview, which prints it and saves it as a PDF:
 *
 *   win.preview-agenda   (xx)  meeting id, occurrence start or 0
 *   win.preview-minutes  (xx)  meeting id, occurrence start or 0
 *   win.preview-case     x     case id
 *   win.preview-month    (ii)  year, month
 *   win.preview-report         asks for the period, the current fiscal year at first */

static void
open_preview (TsuWindow   *window,
              TsuDocument *document)
{
  g_autoptr(GError) error = NULL;

  if (tsu_document_preview_open (GTK_WINDOW (window), document, &error) == NULL)
    tsu_window_add_toast (window, adw_toast_new (error->message));
}

/* One occurrence of a series: its start, and its end as long after as the series'. */
static gboolean
occurrence_span (TsuStore *store,
                 gint64    meeting_id,
                 gint64    starts_at,
                 gint64   *ends_at)
{
  g_autoptr(TsuMeeting) meeting = NULL;

  if (starts_at == 0)
    return FALSE;
  meeting = tsu_store_load (store, TSU_TYPE_MEETING, meeting_id, NULL);
  if (meeting == NULL)
    return FALSE;
  *ends_at = starts_at + MAX (0, tsu_meeting_get_ends_at (meeting) - tsu_meeting_get_starts_at (meeting));
  return TRUE;
}

static void
preview_meeting_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TsuWindow *window = TSU_WINDOW (widget);
  TsuStore *store = tsu_window_get_store (window);
  gboolean minutes = g_str_equal (action_name, "win.preview-minutes");
  g_autoptr(TsuDocument) document = NULL;
  gint64 id, starts_at, ends_at;

  if (store == NULL)
    return;
  g_variant_get (parameter, "(xx)", &id, &starts_at);

  document = minutes ? tsu_document_minutes_new (store, id) : tsu_document_agenda_new (store, id);
  if (occurrence_span (store, id, starts_at, &ends_at))
    {
      if (minutes)
        tsu_document_minutes_set_occurrence (document, starts_at, ends_at);
      else
        tsu_document_agenda_set_occurrence (document, starts_at, ends_at);
    }
  open_preview (window, document);
}

static void
preview_case_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TsuWindow *window = TSU_WINDOW (widget);
  TsuStore *store = tsu_window_get_store (window);
  g_autoptr(TsuDocument) document = NULL;

  if (store == NULL)
    return;
  document = tsu_document_case_new (store, g_variant_get_int64 (parameter));
  open_preview (window, document);
}

static void
preview_month_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TsuWindow *window = TSU_WINDOW (widget);
  TsuStore *store = tsu_window_get_store (window);
  g_autoptr(TsuDocument) document = NULL;
  int year, month;

  if (store == NULL)
    return;
  g_variant_get (parameter, "(ii)", &year, &month);
  if (year == 0 || month < 1 || month > 12)
    {
      GDate day;

      /* The month of the day the calendar shows. */
      tsu_calendar_page_get_selected_day (tsu_window_get_calendar_page (window), &day);
      if (!g_date_valid (&day))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();

          g_date_set_dmy (&day, 1, g_date_time_get_month (now), g_date_time_get_year (now));
        }
      year = g_date_get_year (&day);
      month = g_date_get_month (&day);
    }
  document = tsu_document_month_new (store, year, month);
  open_preview (window, document);
}

/* The period of the region report */

static GDateTime *
calendar_day (GtkCalendar *calendar)
{
  return gtk_calendar_get_date (calendar);
}

static void
update_period_cb (AdwMessageDialog *dialog)
{
  GtkCalendar *from = g_object_get_data (G_OBJECT (dialog), "from");
  GtkCalendar *to = g_object_get_data (G_OBJECT (dialog), "to");
  g_autoptr(GDateTime) from_day = calendar_day (from);
  g_autoptr(GDateTime) to_day = calendar_day (to);
  g_autofree char *from_label = tsu_format_day (from_day);
  g_autofree char *to_label = tsu_format_day (to_day);
  gboolean valid = g_date_time_compare (from_day, to_day) <= 0;

  gtk_menu_button_set_label (g_object_get_data (G_OBJECT (dialog), "from-button"), from_label);
  gtk_menu_button_set_label (g_object_get_data (G_OBJECT (dialog), "to-button"), to_label);
  adw_message_dialog_set_response_enabled (dialog, "preview", valid);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (dialog), "invalid"), !valid);
}

static void
day_selected_cb (GtkCalendar      *calendar,
                 AdwMessageDialog *dialog)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  update_period_cb (dialog);
}

static GtkWidget *
add_day_row (AdwMessageDialog *dialog,
             GtkWidget        *group,
             const char       *title,
             const char       *key,
             GDateTime        *day)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  g_autofree char *button_key = g_strconcat (key, "-button", NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  g_object_set_data (G_OBJECT (dialog), key, calendar);
  g_object_set_data (G_OBJECT (dialog), button_key, button);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (day_selected_cb), dialog);
  return calendar;
}

static void
set_gdate (GDate     *date,
           GDateTime *day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (day), g_date_time_get_month (day),
                  g_date_time_get_year (day));
}

static void
report_period_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TsuWindow        *window)
{
  g_autoptr(GDateTime) from_day = NULL;
  g_autoptr(GDateTime) to_day = NULL;
  g_autoptr(TsuDocument) document = NULL;
  TsuStore *store = tsu_window_get_store (window);
  GDate from, to;

  if (g_strcmp0 (response, "preview") != 0 || store == NULL)
    return;

  from_day = calendar_day (g_object_get_data (G_OBJECT (dialog), "from"));
  to_day = calendar_day (g_object_get_data (G_OBJECT (dialog), "to"));
  set_gdate (&from, from_day);
  set_gdate (&to, to_day);
  document = tsu_document_report_new (store, &from, &to);
  open_preview (window, document);
}

static void
preview_report_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TsuWindow *window = TSU_WINDOW (widget);
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) from_day = NULL;
  g_autoptr(GDateTime) to_day = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box, *group, *invalid;
  int year;

  if (tsu_window_get_store (window) == NULL)
    return;

  /* The fiscal year of Japanese public bodies: April to March. */
  now = tokyo != NULL ? g_date_time_new_now (tokyo) : g_date_time_new_now_local ();
  year = g_date_time_get_year (now) - (g_date_time_get_month (now) < 4 ? 1 : 0);
  from_day = g_date_time_new_local (year, 4, 1, 0, 0, 0);
  to_day = g_date_time_new_local (year + 1, 3, 31, 0, 0, 0);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), _("Region Report"),
                                                       _("Cases, meetings and open action items "
                                                         "per region for a period.")));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  group = adw_preferences_group_new ();
  add_day_row (dialog, group, _("From"), "from", from_day);
  add_day_row (dialog, group, _("To"), "to", to_day);
  invalid = gtk_label_new (_("The period ends before it starts."));
  gtk_widget_add_css_class (invalid, "error");
  gtk_label_set_wrap (GTK_LABEL (invalid), TRUE);
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), invalid);
  g_object_set_data (G_OBJECT (dialog), "invalid", invalid);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "preview", _("_Preview"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "preview", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "preview");
  adw_message_dialog_set_close_response (dialog, "cancel");
  update_period_cb (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (report_period_response_cb), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tsu_export_actions_install:
 * @window_class: the class of #TsuWindow
 *
 * Installs the actions that open documents in the preview.
 */
void
tsu_export_actions_install (GtkWidgetClass *window_class)
{
  gtk_widget_class_install_action (window_class, "win.preview-agenda", "(xx)", preview_meeting_action);
  gtk_widget_class_install_action (window_class, "win.preview-minutes", "(xx)", preview_meeting_action);
  gtk_widget_class_install_action (window_class, "win.preview-case", "x", preview_case_action);
  gtk_widget_class_install_action (window_class, "win.preview-month", "(ii)", preview_month_action);
  gtk_widget_class_install_action (window_class, "win.preview-report", NULL, preview_report_action);
}
