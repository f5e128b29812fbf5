/* test-era.c: Japanese era dates
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tsunagu-core.h"

static char *
format (int          year,
        int          month,
        int          day,
        TsuEraFormat flags)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return tsu_era_format_date (&date, flags);
}

static void
assert_date (int          year,
             int          month,
             int          day,
             TsuEraFormat flags,
             const char  *expected)
{
  g_autofree char *text = format (year, month, day, flags);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_era_dates (void)
{
  const TsuEraFormat full = TSU_ERA_FORMAT_ERA | TSU_ERA_FORMAT_WEEKDAY;

  assert_date (2026, 11, 24, full, "令和8年11月24日(火)");
  assert_date (2025, 11, 24, full, "令和7年11月24日(月)");
  assert_date (2025, 11, 24, TSU_ERA_FORMAT_ERA, "令和7年11月24日");
  assert_date (2026, 1, 5, full, "令和8年1月5日(月)");

  /* The first year of an era is 元年, and eras start on the day of the accession. */
  assert_date (2019, 5, 1, full, "令和元年5月1日(水)");
  assert_date (2019, 12, 31, TSU_ERA_FORMAT_ERA, "令和元年12月31日");
  assert_date (2019, 4, 30, TSU_ERA_FORMAT_ERA, "平成31年4月30日");
  assert_date (2020, 1, 1, TSU_ERA_FORMAT_ERA, "令和2年1月1日");
  assert_date (1989, 1, 7, TSU_ERA_FORMAT_ERA, "昭和64年1月7日");
  assert_date (1989, 1, 8, TSU_ERA_FORMAT_ERA, "平成元年1月8日");
  assert_date (1988, 3, 15, TSU_ERA_FORMAT_ERA, "昭和63年3月15日");
  assert_date (1926, 12, 25, TSU_ERA_FORMAT_ERA, "昭和元年12月25日");
  assert_date (1926, 12, 24, TSU_ERA_FORMAT_ERA, "大正15年12月24日");

  /* Western years in the Japanese way. */
  assert_date (2026, 11, 24, TSU_ERA_FORMAT_WEEKDAY, "2026年11月24日(火)");
  assert_date (2026, 11, 24, 0, "2026年11月24日");
  assert_date (2026, 11, 29, TSU_ERA_FORMAT_WEEKDAY, "2026年11月29日(日)");
  assert_date (2026, 11, 28, TSU_ERA_FORMAT_WEEKDAY, "2026年11月28日(土)");
}

static void
test_era_parts (void)
{
  GDate date;
  const char *name = NULL;
  int year = 0;
  g_autofree char *year_text = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *western_month = NULL;
  g_autofree char *time_text = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 24, 11, 2026);
  g_assert_true (tsu_era_get (&date, &name, &year));
  g_assert_cmpstr (name, ==, "令和");
  g_assert_cmpint (year, ==, 8);

  year_text = tsu_era_format_year (&date);
  g_assert_cmpstr (year_text, ==, "令和8年");
  month_text = tsu_era_format_month (&date, TSU_ERA_FORMAT_ERA);
  g_assert_cmpstr (month_text, ==, "令和8年11月");
  western_month = tsu_era_format_month (&date, 0);
  g_assert_cmpstr (western_month, ==, "2026年11月");

  g_date_set_dmy (&date, 1, 1, 1850);
  g_assert_false (tsu_era_get (&date, NULL, NULL));

  time_text = tsu_era_format_time (14, 0);
  g_assert_cmpstr (time_text, ==, "14時00分");
  g_assert_cmpstr (tsu_era_weekday_name (G_DATE_SUNDAY), ==, "日");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/era/dates", test_era_dates);
  g_test_add_func ("/era/parts", test_era_parts);

  return g_test_run ();
}
