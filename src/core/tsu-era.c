/* tsu-era.c: Japanese era (和暦) dates
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-era"

#include "config.h"

#include "tsu-era.h"

/* Printed documents of the public sector date things in the era of the emperor
 * (令和8年11月24日). glibc's strftime can do it only under an installed ja_JP locale
 * and writes 令和1年 where documents write 令和元年; GLib's %E formats return NULL.
 * A small table is more dependable. */

typedef struct {
  const char *name;
  int         first_year;  /* the Gregorian year that is 元年 */
  int         year;        /* the first day the table uses the era for */
  int         month;
  int         day;
} Era;

/* Newest first. */
static const Era eras[] = {
  { "令和", 2019, 2019, 5, 1 },
  { "平成", 1989, 1989, 1, 8 },
  { "昭和", 1926, 1926, 12, 25 },
  { "大正", 1912, 1912, 7, 30 },
  { "明治", 1868, 1873, 1, 1 },   /* Japan took up the Gregorian calendar in 明治6年 */
};

static const char * const weekday_names[] = {
  [G_DATE_BAD_WEEKDAY] = "",
  [G_DATE_MONDAY] = "月",
  [G_DATE_TUESDAY] = "火",
  [G_DATE_WEDNESDAY] = "水",
  [G_DATE_THURSDAY] = "木",
  [G_DATE_FRIDAY] = "金",
  [G_DATE_SATURDAY] = "土",
  [G_DATE_SUNDAY] = "日",
};

static int
compare_ymd (int y1, int m1, int d1,
             int y2, int m2, int d2)
{
  if (y1 != y2)
    return y1 < y2 ? -1 : 1;
  if (m1 != m2)
    return m1 < m2 ? -1 : 1;
  if (d1 != d2)
    return d1 < d2 ? -1 : 1;
  return 0;
}

static void
append_era_year (GString    *out,
                 const char *name,
                 int         year)
{
  if (year == 1)
    g_string_append_printf (out, "%s元年", name);
  else
    g_string_append_printf (out, "%s%d年", name, year);
}

/**
 * tsu_era_get:
 * @date: a valid date
 * @era_name: (out) (optional) (transfer none): the era's name, such as "令和"
 * @era_year: (out) (optional): the year of the era, 1 for the first (元年)
 *
 * Finds the era of @date. Eras start on the day of the accession, not on
 * 1 January: 2019-04-30 is 平成31年 and 2019-05-01 is 令和元年.
 *
 * Returns: %FALSE for dates before 1873, which have no Gregorian era date
 */
gboolean
tsu_era_get (const GDate  *date,
             const char  **era_name,
             int          *era_year)
{
  int y, m, d;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  y = g_date_get_year (date);
  m = g_date_get_month (date);
  d = g_date_get_day (date);

  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    if (compare_ymd (y, m, d, eras[i].year, eras[i].month, eras[i].day) >= 0)
      {
        if (era_name != NULL)
          *era_name = eras[i].name;
        if (era_year != NULL)
          *era_year = y - eras[i].first_year + 1;
        return TRUE;
      }
  return FALSE;
}

/**
 * tsu_era_format_year:
 * @date: a valid date
 *
 * Returns: (transfer full): the era year of @date, such as "令和8年" or "令和元年";
 *   the Western year ("1850年") before the eras of the table
 */
char *
tsu_era_format_year (const GDate *date)
{
  GString *out = g_string_new (NULL);
  const char *name;
  int year;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (tsu_era_get (date, &name, &year))
    append_era_year (out, name, year);
  else
    g_string_append_printf (out, "%d年", g_date_get_year (date));
  return g_string_free (out, FALSE);
}

/**
 * tsu_era_format_month:
 * @date: a valid date
 * @format: %TSU_ERA_FORMAT_ERA for the era year
 *
 * Returns: (transfer full): the year and month, such as "令和8年11月" or "2026年11月"
 */
char *
tsu_era_format_month (const GDate  *date,
                      TsuEraFormat  format)
{
  g_autofree char *year = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (format & TSU_ERA_FORMAT_ERA)
    year = tsu_era_format_year (date);
  else
    year = g_strdup_printf ("%d年", g_date_get_year (date));
  return g_strdup_printf ("%s%d月", year, g_date_get_month (date));
}

/**
 * tsu_era_format_date:
 * @date: a valid date
 * @format: what to write
 *
 * Writes @date the Japanese way: "令和8年11月24日(火)" with %TSU_ERA_FORMAT_ERA and
 * %TSU_ERA_FORMAT_WEEKDAY, "2026年11月24日" with neither. The month and day have
 * no leading zero.
 *
 * Returns: (transfer full): the date as text
 */
char *
tsu_era_format_date (const GDate  *date,
                     TsuEraFormat  format)
{
  g_autofree char *month = NULL;
  GString *out;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  month = tsu_era_format_month (date, format);
  out = g_string_new (month);
  g_string_append_printf (out, "%d日", g_date_get_day (date));
  if (format & TSU_ERA_FORMAT_WEEKDAY)
    g_string_append_printf (out, "(%s)", tsu_era_weekday_name (g_date_get_weekday (date)));
  return g_string_free (out, FALSE);
}

/**
 * tsu_era_weekday_name:
 * @weekday: a weekday
 *
 * Returns: (transfer none): the one-character Japanese name of @weekday, such as "火"
 */
const char *
tsu_era_weekday_name (GDateWeekday weekday)
{
  g_return_val_if_fail (weekday >= G_DATE_BAD_WEEKDAY && weekday <= G_DATE_SUNDAY, "");

  return weekday_names[weekday];
}

/**
 * tsu_era_format_time:
 * @hour: 0 to 24
 * @minute: 0 to 59
 *
 * Returns: (transfer full): the time the way minutes write it: "14時00分"
 */
char *
tsu_era_format_time (int hour,
                     int minute)
{
  g_return_val_if_fail (hour >= 0 && hour <= 24, NULL);
  g_return_val_if_fail (minute >= 0 && minute <= 59, NULL);

  return g_strdup_printf ("%d時%02d分", hour, minute);
}
