/* tsu-holidays.c: Japanese public holidays (国民の祝日)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-holidays"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tsu-holidays.h"

/* The rules of the Act on National Holidays (祝日法) as data/japanese-holidays.md
 * gives them, with the changes since 1989 so that ten years of records show the
 * holidays they had: the holidays fixed by date or by "n-th Monday", the equinox
 * days by the usual approximation (good for 1980–2099), the one-off days of 2019–2021,
 * then the two derived kinds: 振替休日 (a Sunday holiday moves to the next day that
 * is not a holiday) and 国民の休日 (a day between two holidays). */

#define SUBSTITUTE_HOLIDAY "振替休日"
#define CITIZENS_HOLIDAY "国民の休日"

/* The day of month of the n-th @weekday of a month. */
static int
nth_weekday (int          year,
             int          month,
             GDateWeekday weekday,
             int          n)
{
  GDate first;
  int first_weekday;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  first_weekday = g_date_get_weekday (&first);
  return 1 + (weekday - first_weekday + 7) % 7 + 7 * (n - 1);
}

static int
equinox_day (int    year,
             double base)
{
  return (int) floor (base + 0.242194 * (year - 1980) - floor ((year - 1980) / 4.0));
}

/* The holiday that the law names for the day, without 振替休日 and 国民の休日. */
static const char *
named_holiday (int year,
               int month,
               int day)
{
  switch (month)
    {
    case 1:
      if (day == 1)
        return "元日";
      if (year >= 2000 ? day == nth_weekday (year, 1, G_DATE_MONDAY, 2) : day == 15)
        return "成人の日";
      break;

    case 2:
      if (day == 11)
        return "建国記念の日";
      if (day == 23 && year >= 2020)
        return "天皇誕生日";
      if (year == 1989 && day == 24)
        return "昭和天皇の大喪の礼";
      break;

    case 3:
      if (day == equinox_day (year, 20.8431))
        return "春分の日";
      break;

    case 4:
      if (day == 29)
        return year >= 2007 ? "昭和の日" : "みどりの日";
      break;

    case 5:
      if (day == 3)
        return "憲法記念日";
      if (day == 4 && year >= 2007)
        return "みどりの日";
      if (day == 5)
        return "こどもの日";
      if (year == 2019 && day == 1)
        return "天皇の即位の日";
      break;

    case 6:
      if (year == 1993 && day == 9)
        return "皇太子徳仁親王の結婚の儀";
      break;

    case 7:
      if (year == 2020)
        return day == 23 ? "海の日" : day == 24 ? "スポーツの日" : NULL;
      if (year == 2021)
        return day == 22 ? "海の日" : day == 23 ? "スポーツの日" : NULL;
      if (year >= 2003 ? day == nth_weekday (year, 7, G_DATE_MONDAY, 3)
                       : year >= 1996 && day == 20)
        return "海の日";
      break;

    case 8:
      if (year == 2020)
        return day == 10 ? "山の日" : NULL;
      if (year == 2021)
        return day == 8 ? "山の日" : NULL;
      if (year >= 2016 && day == 11)
        return "山の日";
      break;

    case 9:
      if (year >= 2003 ? day == nth_weekday (year, 9, G_DATE_MONDAY, 3) : day == 15)
        return "敬老の日";
      if (day == equinox_day (year, 23.2488))
        return "秋分の日";
      break;

    case 10:
      if (year == 2020 || year == 2021)
        break;
      if (year >= 2000 ? day == nth_weekday (year, 10, G_DATE_MONDAY, 2) : day == 10)
        return year >= 2020 ? "スポーツの日" : "体育の日";
      if (year == 2019 && day == 22)
        return "即位礼正殿の儀";
      break;

    case 11:
      if (day == 3)
        return "文化の日";
      if (day == 23)
        return "勤労感謝の日";
      if (year == 1990 && day == 12)
        return "即位礼正殿の儀";
      break;

    case 12:
      if (day == 23 && year >= 1989 && year <= 2018)
        return "天皇誕生日";
      break;

    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static const char *
named_holiday_of (const GDate *date)
{
  return named_holiday (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static gboolean
is_substitute_holiday (const GDate *date)
{
  GDate d = *date;

  /* Since 2007 the holiday moves over any holidays that follow it (5/3 on a Sunday
   * gives 5/6); before, only to the Monday. */
  for (guint back = 1; back <= 7; back++)
    {
      g_date_subtract_days (&d, 1);
      if (named_holiday_of (&d) == NULL)
        return FALSE;
      if (g_date_get_weekday (&d) == G_DATE_SUNDAY)
        return back == 1 || g_date_get_year (date) >= 2007;
    }
  return FALSE;
}

static gboolean
is_citizens_holiday (const GDate *date)
{
  GDate before = *date;
  GDate after = *date;

  /* Before 2007 a Sunday between two holidays stayed a Sunday. */
  if (g_date_get_year (date) < 2007 && g_date_get_weekday (date) == G_DATE_SUNDAY)
    return FALSE;

  g_date_subtract_days (&before, 1);
  g_date_add_days (&after, 1);
  return named_holiday_of (&before) != NULL && named_holiday_of (&after) != NULL;
}

/**
 * tsu_holidays_get_name:
 * @date: a valid date
 *
 * The rules are those in force on @date since 1989; the equinox days come from the
 * usual approximation and are right for 1980–2099.
 *
 * Returns: (transfer none) (nullable): the name of the public holiday on @date
 *   (祝日名, "振替休日" or "国民の休日"), or %NULL when @date is no holiday
 */
const char *
tsu_holidays_get_name (const GDate *date)
{
  const char *name;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  name = named_holiday_of (date);
  if (name != NULL)
    return name;
  /* Substitute holidays started on 1973-04-12, citizens' holidays on 1985-12-27. */
  if (g_date_get_year (date) >= 1974 && is_substitute_holiday (date))
    return SUBSTITUTE_HOLIDAY;
  if (g_date_get_year (date) >= 1986 && is_citizens_holiday (date))
    return CITIZENS_HOLIDAY;
  return NULL;
}

/* The English names the Cabinet Office gives the holidays; the Japanese translation
 * gives back the law's own. */
static const struct {
  const char *law;
  const char *english;
} english_names[] = {
  { "元日", N_("New Year's Day") },
  { "成人の日", N_("Coming of Age Day") },
  { "建国記念の日", N_("National Foundation Day") },
  { "天皇誕生日", N_("The Emperor's Birthday") },
  { "昭和天皇の大喪の礼", N_("Funeral of Emperor Showa") },
  { "春分の日", N_("Vernal Equinox Day") },
  { "昭和の日", N_("Showa Day") },
  { "みどりの日", N_("Greenery Day") },
  { "憲法記念日", N_("Constitution Memorial Day") },
  { "こどもの日", N_("Children's Day") },
  { "天皇の即位の日", N_("Enthronement Day") },
  { "皇太子徳仁親王の結婚の儀", N_("Wedding of Crown Prince Naruhito") },
  { "海の日", N_("Marine Day") },
  { "山の日", N_("Mountain Day") },
  { "敬老の日", N_("Respect for the Aged Day") },
  { "秋分の日", N_("Autumnal Equinox Day") },
  { "スポーツの日", N_("Sports Day") },
  { "体育の日", N_("Health and Sports Day") },
  { "即位礼正殿の儀", N_("Enthronement Ceremony") },
  { "文化の日", N_("Culture Day") },
  { "勤労感謝の日", N_("Labor Thanksgiving Day") },
  { SUBSTITUTE_HOLIDAY, N_("Substitute Holiday") },
  { CITIZENS_HOLIDAY, N_("Citizens' Holiday") },
};

/**
 * tsu_holidays_get_display_name:
 * @date: a valid date
 *
 * Returns: (transfer none) (nullable): the name of the public holiday on @date in the
 *   language of the user interface, or %NULL when @date is no holiday
 */
const char *
tsu_holidays_get_display_name (const GDate *date)
{
  const char *name = tsu_holidays_get_name (date);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (english_names); i++)
    if (strcmp (english_names[i].law, name) == 0)
      return _(english_names[i].english);
  return name;
}

/**
 * tsu_holidays_is_holiday:
 * @date: a valid date
 *
 * Returns: whether @date is a public holiday
 */
gboolean
tsu_holidays_is_holiday (const GDate *date)
{
  return tsu_holidays_get_name (date) != NULL;
}

/**
 * tsu_holidays_is_closing_day:
 * @date: a valid date
 *
 * Public offices close from 29 December to 3 January (行政機関の休日); calendars
 * may shade these days.
 *
 * Returns: whether @date lies in the year-end closing
 */
gboolean
tsu_holidays_is_closing_day (const GDate *date)
{
  int month, day;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  month = g_date_get_month (date);
  day = g_date_get_day (date);
  return (month == 12 && day >= 29) || (month == 1 && day <= 3);
}
