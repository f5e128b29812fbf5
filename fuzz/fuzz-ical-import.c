/* fuzz-ical-import.c: libFuzzer target for the iCalendar import
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input goes through the whole import: the preview (cutting the file, libical,
 * time zones, rules, matching against a database that already holds a series with
 * overrides), the apply in a transaction that is rolled back afterwards, and the
 * expansion of a year of occurrences, as the calendar view would ask.
 *
 * Build (clang only) and run:
 *
 *   CC=clang meson setup build-fuzz -Dgui=false -Dfuzzing=true \
 *       -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
 *   ninja -C build-fuzz tests/fuzz-ical-import
 *   cp -r fuzz/corpus-ical /tmp/fuzz-ical    (libFuzzer adds what it finds to it)
 *   build-fuzz/tests/fuzz-ical-import -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
 *       -dict=fuzz/ical.dict -max_total_time=600 /tmp/fuzz-ical
 *
 * A crash or a timeout leaves crash-* or timeout-* in the current folder: copy it to
 * tests/ical/fuzz-NAME.ics, where the test /ical-import/fuzz-regressions reads it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

#include "tsunagu-core.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static TsuStore *store;

static const char seed_calendar[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tsunagu fuzz//EN\r\n"
  "BEGIN:VEVENT\r\nUID:fuzz-series@example.jp\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:3\r\n"
  "DTSTART;TZID=Asia/Tokyo:20260113T140000\r\nDTEND;TZID=Asia/Tokyo:20260113T160000\r\n"
  "RRULE:FREQ=MONTHLY;BYDAY=2TU\r\nEXDATE;TZID=Asia/Tokyo:20260310T140000\r\n"
  "SUMMARY:協議の場\r\nATTENDEE;CN=佐藤;PARTSTAT=ACCEPTED:mailto:sato@example.jp\r\nEND:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:fuzz-series@example.jp\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:3\r\n"
  "RECURRENCE-ID;TZID=Asia/Tokyo:20260512T140000\r\n"
  "DTSTART;TZID=Asia/Tokyo:20260513T140000\r\nDTEND;TZID=Asia/Tokyo:20260513T160000\r\n"
  "SUMMARY:協議の場（変更）\r\nEND:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:fuzz-single@example.jp\r\nDTSTAMP:20260101T000000Z\r\n"
  "DTSTART;VALUE=DATE:20261203\r\nSUMMARY:研修\r\nEND:VEVENT\r\n"
  "END:VCALENDAR\r\n";

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) seed = g_bytes_new_static (seed_calendar, strlen (seed_calendar));
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-fuzz-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  path = g_build_filename (dir, "fuzz.db", NULL);
  store = tsu_store_open (path, &error);
  g_assert_no_error (error);

  plan = tsu_ical_import_preview (store, seed, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tsu_ical_import_apply (store, plan, NULL, &error));
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autoptr(GListModel) year = NULL;
  g_autoptr(GError) error = NULL;

  plan = tsu_ical_import_preview (store, bytes, NULL, &error);
  g_assert ((plan == NULL) != (error == NULL));
  if (plan == NULL)
    return 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (plan)); i++)
    {
      g_autoptr(TsuIcalPlanRow) row = g_list_model_get_item (G_LIST_MODEL (plan), i);

      g_assert (tsu_ical_plan_row_get_title (row) != NULL);
      g_assert (tsu_ical_plan_row_get_action (row) == TSU_ICAL_ACTION_SKIP ||
                tsu_ical_plan_row_get_meeting (row) != NULL);
    }

  /* Written and then undone, so that every input meets the same database. */
  g_assert_true (tsu_store_begin (store, NULL));
  if (tsu_ical_import_apply (store, plan, NULL, &error))
    year = tsu_store_list_occurrences (store, 1767193200, 1798729200, NULL);
  tsu_store_rollback (store);
  return 0;
}
