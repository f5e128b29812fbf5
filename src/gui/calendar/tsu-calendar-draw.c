/* tsu-calendar-draw.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-calendar-draw"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tsunagu-core.h"
#include "tsu-calendar-draw.h"
#include "tsu-format.h"

/* The colours the calendar views draw with. Each meeting kind has one colour, the same
 * in every view and in the legend of the sidebar (style.css: .kind-dot). Days are
 * coloured as Japanese calendars do: Saturday blue, Sunday and holidays red, in shades
 * that read on the light and the dark style. */

static const struct {
  const char *kind;
  const char *color;
} kind_colors[] = {
  { "case-conference",   "#3584e4" },
  { "municipal-council", "#2ec27e" },
  { "liaison",           "#9141ac" },
  { "training",          "#ff7800" },
  { "internal",          "#9a9996" },
  { "other",             "#986a44" },
};

void
tsu_calendar_kind_color (const char *kind,
                         GdkRGBA    *color)
{
  g_return_if_fail (color != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kind_colors); i++)
    if (g_strcmp0 (kind, kind_colors[i].kind) == 0)
      {
        gdk_rgba_parse (color, kind_colors[i].color);
        return;
      }
  gdk_rgba_parse (color, "#986a44");
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

void
tsu_calendar_fg_color (GtkWidget *widget,
                       GdkRGBA   *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

void
tsu_calendar_accent (GtkWidget *widget,
                     GdkRGBA   *color)
{
  gdk_rgba_parse (color, is_dark () ? "#78aeed" : "#1c71d8");
}

void
tsu_calendar_day_color (GtkWidget  *widget,
                        TsuDayKind  day_kind,
                        GdkRGBA    *color)
{
  switch (day_kind)
    {
    case TSU_DAY_SATURDAY:
      gdk_rgba_parse (color, is_dark () ? "#62a0ea" : "#1a5fb4");
      break;

    case TSU_DAY_SUNDAY:
      gdk_rgba_parse (color, is_dark () ? "#ff7b63" : "#c01c28");
      break;

    case TSU_DAY_WEEKDAY:
    default:
      tsu_calendar_fg_color (widget, color);
      break;
    }
}

/**
 * tsu_calendar_day_kind:
 * @date: a day
 * @holiday: (out) (optional) (transfer none): the name of the public holiday, or %NULL
 *
 * Returns: how the day is coloured
 */
TsuDayKind
tsu_calendar_day_kind (const GDate  *date,
                       const char  **holiday)
{
  const char *name = tsu_holidays_get_display_name (date);
  GDateWeekday weekday = g_date_get_weekday (date);

  if (holiday != NULL)
    *holiday = name;
  if (name != NULL || weekday == G_DATE_SUNDAY)
    return TSU_DAY_SUNDAY;
  if (weekday == G_DATE_SATURDAY)
    return TSU_DAY_SATURDAY;
  return TSU_DAY_WEEKDAY;
}

/**
 * tsu_calendar_get_today:
 * @today: (out caller-allocates): today in Japan
 */
void
tsu_calendar_get_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (tsu_format_get_time_zone ());

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

/**
 * tsu_calendar_date_to_unix:
 *
 * Returns: Unix seconds of midnight starting @date in Japan
 */
gint64
tsu_calendar_date_to_unix (const GDate *date)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  dt = g_date_time_new (tsu_format_get_time_zone (), g_date_get_year (date),
                        g_date_get_month (date), g_date_get_day (date), 0, 0, 0);
  return g_date_time_to_unix (dt);
}

/**
 * tsu_calendar_unix_to_date:
 * @date: (out caller-allocates): the day in Japan of @unix_time
 */
void
tsu_calendar_unix_to_date (gint64  unix_time,
                           GDate  *date)
{
  g_autoptr(GDateTime) dt = tsu_format_local_time (unix_time);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt),
                  g_date_time_get_month (dt), g_date_time_get_year (dt));
}

/**
 * tsu_calendar_describe:
 * @occurrence: (type TsuOccurrence): a meeting occurrence
 * @markup: whether to return Pango markup
 *
 * Returns: (transfer full): the tooltip of a meeting: title, time, place and kind
 */
char *
tsu_calendar_describe (gpointer occurrence,
                       gboolean markup)
{
  TsuOccurrence *o = occurrence;
  TsuMeeting *meeting = tsu_occurrence_get_meeting (o);
  g_autofree char *times = tsu_format_time_range (tsu_occurrence_get_starts_at (o),
                                                  tsu_occurrence_get_ends_at (o),
                                                  tsu_meeting_get_all_day (meeting));
  g_autoptr(GDateTime) start = tsu_format_local_time (tsu_occurrence_get_starts_at (o));
  g_autofree char *day = tsu_format_day (start);
  const char *location = tsu_meeting_get_location (meeting);
  const char *kind = tsu_vocabulary_label (TSU_VOCABULARY_MEETING_KIND,
                                           tsu_meeting_get_kind (meeting));
  GString *text = g_string_new (NULL);

  if (markup)
    {
      g_autofree char *title = g_markup_escape_text (tsu_occurrence_get_title (o), -1);

      g_string_append_printf (text, "<b>%s</b>", title);
    }
  else
    g_string_append (text, tsu_occurrence_get_title (o));
  g_string_append_printf (text, "\n%s\n%s", day, times);
  if (location != NULL && *location != '\0')
    {
      g_autofree char *escaped = markup ? g_markup_escape_text (location, -1) : g_strdup (location);

      g_string_append_printf (text, "\n%s", escaped);
    }
  if (kind != NULL)
    g_string_append_printf (text, "\n%s", kind);
  if (g_strcmp0 (tsu_meeting_get_status (meeting), "cancelled") == 0)
    g_string_append_printf (text, "\n%s",
                            tsu_vocabulary_label (TSU_VOCABULARY_MEETING_STATUS, "cancelled"));
  return g_string_free (text, FALSE);
}
