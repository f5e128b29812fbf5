/* test-recurrence.c: expansion of recurrence rules
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tsunagu-core.h"

static gint64
tokyo (int y, int mo, int d, int h)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, mo, d, h, 0, 0);

  return g_date_time_to_unix (dt);
}

/* Expanding a window of a long series gives exactly the occurrences that expanding
 * the whole series and keeping those in the window gives, for every kind of rule. */
static void
test_window_matches_full (void)
{
  const char *rules[] = {
    "FREQ=MONTHLY;BYDAY=2TU",
    "FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=MONTHLY;BYDAY=4FR;UNTIL=20240101T000000Z",
    "FREQ=WEEKLY;COUNT=200",
  };
  gint64 dtstart = tokyo (2016, 1, 12, 14);
  gint64 end = tokyo (2027, 12, 31, 0);

  for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
    {
      TsuRecurrence rec = { rules[r], dtstart, 7200, "Asia/Tokyo", FALSE, NULL };
      g_autoptr(GArray) all = tsu_recurrence_expand (&rec, dtstart, end, NULL);

      g_assert_nonnull (all);
      g_assert_cmpuint (all->len, >, 0);

      for (int y = 2016; y <= 2027; y += 1)
        for (int m = 1; m <= 12; m += 5)
          {
            gint64 from = tokyo (y, m, 1, 0), to = tokyo (y, m, 28, 0) + 4 * 86400;
            g_autoptr(GArray) window = tsu_recurrence_expand (&rec, from, to, NULL);
            guint j = 0;

            for (guint i = 0; i < all->len; i++)
              {
                gint64 s = g_array_index (all, gint64, i);

                if (s < to && s + 7200 > from)
                  {
                    g_assert_cmpuint (j, <, window->len);
                    g_assert_cmpint (g_array_index (window, gint64, j), ==, s);
                    j++;
                  }
              }
            g_assert_cmpuint (j, ==, window->len);
          }
    }
}

/* Holds the own date arithmetic equal to libical, occurrence by occurrence: many rules,
 * starts (including a daylight-saving gap and overlap, Feb 29, the 31st), zones and
 * all-day meetings, ten years in full and month by month. */
static void
assert_same_starts (GArray     *fast,
                    GArray     *libical,
                    const char *rule,
                    const char *tzid,
                    gint64      dtstart)
{
  g_assert_nonnull (fast);
  g_assert_nonnull (libical);
  for (guint i = 0; i < MIN (fast->len, libical->len); i++)
    if (g_array_index (fast, gint64, i) != g_array_index (libical, gint64, i))
      g_error ("%s from %" G_GINT64_FORMAT " in %s: occurrence %u is %" G_GINT64_FORMAT
               ", libical says %" G_GINT64_FORMAT, rule, dtstart, tzid, i,
               g_array_index (fast, gint64, i), g_array_index (libical, gint64, i));
  if (fast->len != libical->len)
    g_error ("%s from %" G_GINT64_FORMAT " in %s: %u occurrences, libical says %u",
             rule, dtstart, tzid, fast->len, libical->len);
}

static gint64
zoned (const char *tzid,
       int         y,
       int         mo,
       int         d,
       int         h,
       int         mi)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid);
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, mo, d, h, mi, 0);

  return g_date_time_to_unix (dt);
}

static void
test_fast_matches_libical (void)
{
  /* Rules the own arithmetic takes (given a DTSTART on one of their days)… */
  const char *simple[] = {
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3;COUNT=50",
    "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=DAILY;INTERVAL=2;BYDAY=SA,SU;UNTIL=20230615T000000Z",
    "FREQ=WEEKLY",
    "FREQ=WEEKLY;COUNT=200",
    "FREQ=WEEKLY;INTERVAL=2",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
    "FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,WE,SA;COUNT=40",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SA;WKST=WE",
    "FREQ=WEEKLY;BYDAY=FR;UNTIL=20220401",
    "FREQ=WEEKLY;BYDAY=TU;UNTIL=20210316T050000",
    "FREQ=MONTHLY",
    "FREQ=MONTHLY;INTERVAL=5;COUNT=30",
    "FREQ=MONTHLY;BYDAY=2TU",
    "FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE",
    "FREQ=MONTHLY;BYDAY=-1FR",
    "FREQ=MONTHLY;BYDAY=-2MO,4TH",
    "FREQ=MONTHLY;BYDAY=5TU",
    "FREQ=MONTHLY;BYDAY=1MO,3MO;COUNT=25",
    "FREQ=MONTHLY;BYDAY=SA",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYMONTHDAY=1,15",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYMONTHDAY=-3,10;INTERVAL=4",
    "FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR",
    "FREQ=MONTHLY;BYDAY=4FR;UNTIL=20240101T000000Z",
    "FREQ=MONTHLY;BYDAY=2TH;UNTIL=20250213T050000Z",
    "FREQ=YEARLY",
    "FREQ=YEARLY;INTERVAL=2;COUNT=6",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=YEARLY;BYMONTH=4,10;BYMONTHDAY=1",
    "FREQ=YEARLY;BYMONTH=11;BYDAY=3TH",
    "FREQ=YEARLY;BYMONTH=3,9;BYDAY=-1SU;UNTIL=20300101",
    "FREQ=YEARLY;BYMONTH=6,7",
  };
  /* … and rules left to libical. */
  const char *other[] = {
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=YEARLY;BYDAY=20MO",
    "FREQ=YEARLY;BYYEARDAY=100",
    "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
    "FREQ=DAILY;BYHOUR=9,15",
    "FREQ=HOURLY;INTERVAL=7;COUNT=30",
  };
  const char *zones[] = { "Asia/Tokyo", "America/New_York", "Europe/Berlin", "UTC" };
  const int bases[][5] = {
    { 2016, 1, 12, 14, 0 },
    { 2019, 3, 10, 2, 30 },   /* New York springs forward at 02:00 */
    { 2020, 10, 25, 2, 30 },  /* Berlin falls back at 03:00 */
    { 2020, 2, 29, 9, 0 },
    { 2021, 1, 31, 10, 15 },
    { 2017, 6, 15, 18, 45 },  /* a Thursday */
  };
  guint n_simple = 0;

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
      for (guint all_day = 0; all_day < 2; all_day++)
        for (guint r = 0; r < G_N_ELEMENTS (simple) + G_N_ELEMENTS (other); r++)
          {
            const char *rule = r < G_N_ELEMENTS (simple) ? simple[r] : other[r - G_N_ELEMENTS (simple)];
            gint64 base = zoned (zones[z], bases[b][0], bases[b][1], bases[b][2],
                                 all_day ? 0 : bases[b][3], all_day ? 0 : bases[b][4]);
            gint64 duration = all_day ? 86400 : 5400;
            TsuRecurrence probe = { rule, base, duration, zones[z], all_day, NULL };
            g_autoptr(GError) error = NULL;
            g_autoptr(GArray) first = tsu_recurrence_expand_with_libical (&probe, base, base + 10 * 366 * 86400, &error);

            /* A rule that never occurs from this start (June 31st) is refused by both. */
            if (first == NULL)
              {
                g_autoptr(GArray) fast = tsu_recurrence_expand (&probe, base, base + 86400, NULL);

                g_assert_null (fast);
                continue;
              }
            /* DTSTART as given (often not one of the rule's days: then neither gives
             * it), and the first and a later occurrence libical gives from it. */
            for (guint k = 0; k < (r < G_N_ELEMENTS (simple) ? 3 : 2); k++)
              {
                gint64 dtstart = k == 0 || first->len == 0 ? base
                                 : g_array_index (first, gint64, k == 1 ? 0 : MIN (2, first->len - 1));
                g_autofree char *exdates = g_strdup_printf ("%" G_GINT64_FORMAT, dtstart + 7 * 86400);
                TsuRecurrence rec = { rule, dtstart, duration, zones[z], all_day, exdates };
                /* Ten years; three for daily rules (libical's side is slow there). */
                gint64 end = dtstart + (g_str_has_prefix (rule, "FREQ=DAILY") ? 3 : 10) * 366 * 86400;
                g_autoptr(GArray) fast = tsu_recurrence_expand (&rec, dtstart, end, NULL);
                g_autoptr(GArray) libical = tsu_recurrence_expand_with_libical (&rec, dtstart, end, NULL);
                gint64 last_end = 0;

                assert_same_starts (fast, libical, rule, zones[z], dtstart);
                /* Timed series in zones with daylight saving stay with libical (its ICU
                 * calendar moves wall times that fall into a gap). */
                if (r < G_N_ELEMENTS (simple) &&
                    (all_day || g_str_equal (zones[z], "Asia/Tokyo") || g_str_equal (zones[z], "UTC")))
                  {
                    if (!tsu_recurrence_is_simple (&rec))
                      g_error ("%s from %" G_GINT64_FORMAT " in %s goes to libical", rule, dtstart, zones[z]);
                    n_simple++;
                  }
                else if (r >= G_N_ELEMENTS (simple))
                  g_assert_false (tsu_recurrence_is_simple (&rec));

                /* Month windows as the views ask for them (libical jumps ahead in these). */
                for (gint64 from = dtstart - 40 * 86400; k < 2 && from < end; from += 151 * 86400 + 3 * 3600)
                  {
                    g_autoptr(GArray) window = tsu_recurrence_expand (&rec, from, from + 33 * 86400, NULL);
                    g_autoptr(GArray) window_libical = tsu_recurrence_expand_with_libical (&rec, from, from + 33 * 86400, NULL);

                    assert_same_starts (window, window_libical, rule, zones[z], dtstart);
                  }

                /* Counted and ending rules end where libical's last occurrence ends. */
                g_assert_true (tsu_recurrence_get_last_end (&rec, &last_end, NULL));
                if (strstr (rule, "COUNT=") != NULL || strstr (rule, "UNTIL=") != NULL)
                  {
                    g_autoptr(GArray) all = NULL;

                    rec.exdates = NULL;
                    all = tsu_recurrence_expand_with_libical (&rec, dtstart, dtstart + 100LL * 366 * 86400, NULL);
                    g_assert_cmpint (last_end, ==, all->len > 0 ? g_array_index (all, gint64, all->len - 1) + duration : dtstart + duration);
                  }
                else
                  g_assert_cmpint (last_end, ==, -1);
              }
          }

  /* The own path ran for every simple rule from every start, bar the few rules that
   * never occur from one (checked above). */
  g_assert_cmpuint (n_simple, >=, (G_N_ELEMENTS (zones) + 2) * G_N_ELEMENTS (bases) * G_N_ELEMENTS (simple) * 2 * 9 / 10);
}

/* The end of a series: counted, until a date, or never. */
static void
test_last_end (void)
{
  gint64 dtstart = tokyo (2026, 1, 5, 10);
  TsuRecurrence counted = { "FREQ=WEEKLY;COUNT=3", dtstart, 3600, "Asia/Tokyo", FALSE, NULL };
  TsuRecurrence endless = { "FREQ=WEEKLY", dtstart, 3600, "Asia/Tokyo", FALSE, NULL };
  gint64 last = 0;

  g_assert_true (tsu_recurrence_get_last_end (&counted, &last, NULL));
  g_assert_cmpint (last, ==, dtstart + 14 * 86400 + 3600);
  g_assert_true (tsu_recurrence_get_last_end (&endless, &last, NULL));
  g_assert_cmpint (last, ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recurrence/window-matches-full", test_window_matches_full);
  g_test_add_func ("/recurrence/last-end", test_last_end);
  g_test_add_func ("/recurrence/fast-matches-libical", test_fast_matches_libical);
  return g_test_run ();
}
