/* test-holidays.c: Japanese public holidays
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "tsunagu-core.h"

static const char *
name_of (int year,
         int month,
         int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return tsu_holidays_get_name (&date);
}

/* The examples of data/japanese-holidays.md: every holiday of 2026, and no others. */
static void
test_holidays_2026 (void)
{
  static const struct {
    int month, day;
    const char *name;
  } expected[] = {
    { 1, 1, "元日" }, { 1, 12, "成人の日" }, { 2, 11, "建国記念の日" },
    { 2, 23, "天皇誕生日" }, { 3, 20, "春分の日" }, { 4, 29, "昭和の日" },
    { 5, 3, "憲法記念日" }, { 5, 4, "みどりの日" }, { 5, 5, "こどもの日" },
    { 5, 6, "振替休日" }, { 7, 20, "海の日" }, { 8, 11, "山の日" },
    { 9, 21, "敬老の日" }, { 9, 22, "国民の休日" }, { 9, 23, "秋分の日" },
    { 10, 12, "スポーツの日" }, { 11, 3, "文化の日" }, { 11, 23, "勤労感謝の日" },
  };
  GDate date;
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (name_of (2026, expected[i].month, expected[i].day), ==, expected[i].name);

  g_date_clear (&date, 1);
  for (g_date_set_dmy (&date, 1, 1, 2026); g_date_get_year (&date) == 2026; g_date_add_days (&date, 1))
    if (tsu_holidays_is_holiday (&date))
      found++;
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
}

/* The one-off days of the enthronement and the Olympic years. */
static void
test_holidays_exceptions (void)
{
  g_assert_cmpstr (name_of (2019, 4, 29), ==, "昭和の日");
  g_assert_cmpstr (name_of (2019, 4, 30), ==, "国民の休日");
  g_assert_cmpstr (name_of (2019, 5, 1), ==, "天皇の即位の日");
  g_assert_cmpstr (name_of (2019, 5, 2), ==, "国民の休日");
  g_assert_cmpstr (name_of (2019, 5, 6), ==, "振替休日");
  g_assert_cmpstr (name_of (2019, 10, 22), ==, "即位礼正殿の儀");
  g_assert_cmpstr (name_of (2019, 10, 14), ==, "体育の日");
  g_assert_null (name_of (2019, 12, 23));
  g_assert_null (name_of (2019, 2, 23));
  g_assert_cmpstr (name_of (2018, 12, 23), ==, "天皇誕生日");
  g_assert_cmpstr (name_of (2018, 12, 24), ==, "振替休日");

  g_assert_cmpstr (name_of (2020, 7, 23), ==, "海の日");
  g_assert_cmpstr (name_of (2020, 7, 24), ==, "スポーツの日");
  g_assert_cmpstr (name_of (2020, 8, 10), ==, "山の日");
  g_assert_null (name_of (2020, 7, 20));
  g_assert_null (name_of (2020, 8, 11));
  g_assert_null (name_of (2020, 10, 12));

  g_assert_cmpstr (name_of (2021, 7, 22), ==, "海の日");
  g_assert_cmpstr (name_of (2021, 7, 23), ==, "スポーツの日");
  g_assert_cmpstr (name_of (2021, 8, 8), ==, "山の日");
  g_assert_cmpstr (name_of (2021, 8, 9), ==, "振替休日");
  g_assert_null (name_of (2021, 7, 19));
  g_assert_null (name_of (2021, 10, 11));
}

static void
test_holidays_rules (void)
{
  /* Equinoxes of a few years, from the government notices. */
  g_assert_cmpstr (name_of (2025, 3, 20), ==, "春分の日");
  g_assert_cmpstr (name_of (2025, 9, 23), ==, "秋分の日");
  g_assert_cmpstr (name_of (2024, 3, 20), ==, "春分の日");
  g_assert_cmpstr (name_of (2024, 9, 22), ==, "秋分の日");
  g_assert_cmpstr (name_of (2024, 9, 23), ==, "振替休日");
  g_assert_cmpstr (name_of (2027, 3, 21), ==, "春分の日");
  g_assert_cmpstr (name_of (2027, 3, 22), ==, "振替休日");

  /* A holiday on a Saturday gives no substitute; one on a Sunday does. */
  g_assert_cmpstr (name_of (2024, 11, 23), ==, "勤労感謝の日");
  g_assert_null (name_of (2024, 11, 25));
  g_assert_cmpstr (name_of (2025, 11, 24), ==, "振替休日");
  g_assert_null (name_of (2025, 11, 25));
  g_assert_cmpstr (name_of (2025, 5, 6), ==, "振替休日");
  g_assert_cmpstr (name_of (2026, 11, 23), ==, "勤労感謝の日");
  g_assert_null (name_of (2026, 11, 24));
  g_assert_null (name_of (2026, 12, 23));

  /* 2015: the citizens' holiday of Silver Week. */
  g_assert_cmpstr (name_of (2015, 9, 22), ==, "国民の休日");
  g_assert_cmpstr (name_of (2015, 7, 20), ==, "海の日");
  g_assert_null (name_of (2015, 8, 11));

  /* Ordinary days. */
  g_assert_null (name_of (2026, 1, 2));
  g_assert_null (name_of (2026, 5, 7));
}

static void
test_holidays_closing_days (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 29, 12, 2026);
  g_assert_true (tsu_holidays_is_closing_day (&date));
  g_date_set_dmy (&date, 3, 1, 2027);
  g_assert_true (tsu_holidays_is_closing_day (&date));
  g_date_set_dmy (&date, 4, 1, 2027);
  g_assert_false (tsu_holidays_is_closing_day (&date));
  g_date_set_dmy (&date, 28, 12, 2026);
  g_assert_false (tsu_holidays_is_closing_day (&date));
}

/* In the English interface every holiday since 1989 has an English name, a name of
 * its own: none is left in Japanese, no two share one. */
static void
test_holidays_english (void)
{
  g_autoptr(GHashTable) english = g_hash_table_new (g_str_hash, g_str_equal);
  GDate date;

  g_date_clear (&date, 1);
  for (g_date_set_dmy (&date, 1, 1, 1989); g_date_get_year (&date) < 2031; g_date_add_days (&date, 1))
    {
      const char *law = tsu_holidays_get_name (&date);
      const char *shown = tsu_holidays_get_display_name (&date);
      const char *before;

      if (law == NULL)
        {
          g_assert_null (shown);
          continue;
        }
      g_assert_true (shown != NULL && g_str_is_ascii (shown));
      before = g_hash_table_lookup (english, shown);
      g_assert_true (before == NULL || g_str_equal (before, law));
      g_hash_table_insert (english, (gpointer) shown, (gpointer) law);
    }
  g_assert_cmpuint (g_hash_table_size (english), ==, 23);
  g_date_set_dmy (&date, 23, 11, 2026);
  g_assert_cmpstr (tsu_holidays_get_display_name (&date), ==, "Labor Thanksgiving Day");
}

int
main (int    argc,
      char **argv)
{
  /* The interface in English, whatever the machine's language. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/holidays/2026", test_holidays_2026);
  g_test_add_func ("/holidays/exceptions", test_holidays_exceptions);
  g_test_add_func ("/holidays/rules", test_holidays_rules);
  g_test_add_func ("/holidays/closing-days", test_holidays_closing_days);
  g_test_add_func ("/holidays/english", test_holidays_english);

  return g_test_run ();
}
