/* tsu-format.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-format"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-format.h"

/* Dates and times as the window shows them. The center works in Japan, so times are
 * shown in Japan's time zone whatever the computer's own setting is; the formats are
 * translatable so that the Japanese translation can write 11月24日(火). */

/**
 * tsu_format_get_time_zone:
 *
 * Returns: (transfer none): the time zone the window shows times in (Asia/Tokyo)
 */
GTimeZone *
tsu_format_get_time_zone (void)
{
  static gsize tokyo;

  if (g_once_init_enter (&tokyo))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Asia/Tokyo");

      /* Without tzdata Japan is still UTC+9: it has had no daylight saving since 1951. */
      if (tz == NULL)
        tz = g_time_zone_new_offset (9 * 60 * 60);
      g_once_init_leave (&tokyo, (gsize) tz);
    }

  return (GTimeZone *) tokyo;
}

/**
 * tsu_format_local_time:
 * @unix_time: seconds since 1970 (UTC)
 *
 * Returns: (transfer full): @unix_time in the time zone of the window
 */
GDateTime *
tsu_format_local_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_to_timezone (utc, tsu_format_get_time_zone ());
}

/**
 * tsu_format_start_of_day:
 *
 * Returns: (transfer full): midnight at the start of the day of @date_time
 */
GDateTime *
tsu_format_start_of_day (GDateTime *date_time)
{
  g_return_val_if_fail (date_time != NULL, NULL);

  return g_date_time_new (g_date_time_get_timezone (date_time),
                          g_date_time_get_year (date_time),
                          g_date_time_get_month (date_time),
                          g_date_time_get_day_of_month (date_time),
                          0, 0, 0);
}

gboolean
tsu_format_same_day (GDateTime *a,
                     GDateTime *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/**
 * tsu_format_day:
 *
 * Returns: (transfer full): the day of @day written out, e.g. "Tuesday, November 24, 2026"
 */
char *
tsu_format_day (GDateTime *day)
{
  g_return_val_if_fail (day != NULL, NULL);

  /* Translators: a day heading in the list of upcoming meetings, in the format of
   * g_date_time_format(); e.g. "%Y年%-m月%-d日(%a)" for Japanese. */
  return g_date_time_format (day, _("%A, %B %-d, %Y"));
}

/**
 * tsu_format_relative_day:
 *
 * Returns: (transfer none) (nullable): "Today" or "Tomorrow" when @day is one of these,
 *   else %NULL
 */
const char *
tsu_format_relative_day (GDateTime *day,
                         GDateTime *today)
{
  g_autoptr(GDateTime) tomorrow = NULL;

  g_return_val_if_fail (day != NULL && today != NULL, NULL);

  if (tsu_format_same_day (day, today))
    return _("Today");

  tomorrow = g_date_time_add_days (today, 1);
  if (tsu_format_same_day (day, tomorrow))
    return _("Tomorrow");

  return NULL;
}

/**
 * tsu_format_time_range:
 * @starts_at: start, Unix seconds
 * @ends_at: end, Unix seconds
 * @all_day: whether the meeting takes whole days
 *
 * Returns: (transfer full): e.g. "14:00 – 15:30"; when the meeting ends on another
 *   day, the end has its date and a line of its own
 */
char *
tsu_format_time_range (gint64   starts_at,
                       gint64   ends_at,
                       gboolean all_day)
{
  g_autoptr(GDateTime) start = tsu_format_local_time (starts_at);
  g_autoptr(GDateTime) end = tsu_format_local_time (ends_at);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (all_day)
    return g_strdup (_("All day"));

  /* Translators: a time of day in the format of g_date_time_format() */
  from = g_date_time_format (start, _("%H:%M"));
  if (ends_at <= starts_at)
    return g_steal_pointer (&from);

  if (tsu_format_same_day (start, end))
    {
      to = g_date_time_format (end, _("%H:%M"));
      /* Translators: a range of times, e.g. "14:00 – 15:30" */
      return g_strdup_printf (_("%s – %s"), from, to);
    }

  /* Translators: the end of a meeting that ends on a later day, in the format of
   * g_date_time_format(); e.g. "%-m月%-d日 %H:%M" for Japanese */
  to = g_date_time_format (end, _("%b %-d, %H:%M"));
  /* Translators: a range of times that ends on a later day, on two lines, e.g.
   * "22:00 –\nNov 25, 06:00" */
  return g_strdup_printf (_("%s –\n%s"), from, to);
}
