/* test-ical-import.c: .ics files from Outlook, Google, Thunderbird and Apple, bad files,
 * and our recurrence expansion against python3-recurring-ical-events
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <libical/ical.h>
#include <locale.h>
#include <string.h>

#include "tsunagu-core.h"
#include "tsu-ical-plan-private.h"

/* Peer comparisons cover these two years of occurrences. */
#define PERIOD_FROM 1767193200  /* 2026-01-01 00:00 +09:00 */
#define PERIOD_TO   1830265200  /* 2028-01-01 00:00 +09:00 */

static const char *cli;

typedef struct {
  char     *dir;
  char     *path;
  TsuStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tsunagu-ical-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "tsunagu.db", NULL);
  f->store = tsu_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
tokyo (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, mo, d, h, mi, 0);

  return g_date_time_to_unix (dt);
}

static gint64
count_rows (TsuStore   *store,
            const char *sql)
{
  sqlite3_stmt *stmt = tsu_database_prepare (tsu_store_get_database (store), sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* What an import must leave untouched when it fails. */
static char *
snapshot (TsuStore *store)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                          count_rows (store, "SELECT count(*) FROM meeting"),
                          count_rows (store, "SELECT count(*) FROM participant"),
                          count_rows (store, "SELECT count(*) FROM audit_log"),
                          count_rows (store, "SELECT coalesce (sum (sequence), 0) FROM meeting"));
}

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "ical", name, NULL);
}

static TsuIcalPlan *
preview_sample (TsuStore    *store,
                const char  *name,
                GError     **error)
{
  g_autofree char *path = sample_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return tsu_ical_import_preview_file (store, file, NULL, error);
}

static TsuIcalPlan *
import_sample (TsuStore   *store,
               const char *name,
               guint       added,
               guint       updated,
               guint       skipped)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = preview_sample (store, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (plan)); i++)
    {
      g_autoptr(TsuIcalPlanRow) row = g_list_model_get_item (G_LIST_MODEL (plan), i);

      g_test_message ("%s line %u: %d %s — %s", name, tsu_ical_plan_row_get_line (row),
                      tsu_ical_plan_row_get_action (row), tsu_ical_plan_row_get_title (row),
                      tsu_ical_plan_row_get_reason (row));
    }
  g_assert_cmpuint (tsu_ical_plan_get_n_added (plan), ==, added);
  g_assert_cmpuint (tsu_ical_plan_get_n_updated (plan), ==, updated);
  g_assert_cmpuint (tsu_ical_plan_get_n_skipped (plan), ==, skipped);
  g_assert_true (tsu_ical_import_apply (store, plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tsu_ical_plan_get_applied (plan));
  return g_steal_pointer (&plan);
}

static TsuMeeting *
find (TsuStore   *store,
      const char *uid)
{
  TsuMeeting *m = tsu_store_find_meeting_by_uid (store, uid, NULL);

  g_assert_nonnull (m);
  return m;
}

static TsuMeeting *
find_override (TsuStore   *store,
               TsuMeeting *series,
               gint64      recurrence_id)
{
  g_autoptr(GListModel) moved = tsu_store_list_by (store, TSU_TYPE_MEETING, "series_id",
                                                   tsu_record_get_id (TSU_RECORD (series)),
                                                   NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (moved); i++)
    {
      TsuMeeting *m = g_list_model_get_item (moved, i);

      if (tsu_meeting_get_recurrence_id (m) == recurrence_id)
        return m;
      g_object_unref (m);
    }
  g_assert_not_reached ();
}

static GListModel *
participants_of (TsuStore   *store,
                 TsuMeeting *m)
{
  return tsu_store_list_by (store, TSU_TYPE_PARTICIPANT, "meeting_id",
                            tsu_record_get_id (TSU_RECORD (m)), NULL, NULL);
}

static const char *OUTLOOK_UID =
  "040000008200E00074C5B7101A82E0080000000010A9C1D36F7EDC01000000000000000010000000B3F1C3E5A3E8A84E9C1A0F2B7D6E5C41";

/* Outlook: Windows zone names, BYSETPOS, an override, a room, an all-day event marked the
 * Microsoft way, HTML in X-ALT-DESC, folded UIDs. */
static void
test_outlook (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TsuIcalPlan) plan = import_sample (f->store, "outlook-exchange.ics", 5, 0, 0);
  g_autoptr(TsuMeeting) council = find (f->store, OUTLOOK_UID);
  g_autoptr(TsuMeeting) moved = NULL;
  g_autoptr(TsuMeeting) training = NULL;
  g_autoptr(TsuMeeting) month_end = NULL;
  g_autoptr(TsuMeeting) mornings = NULL;
  g_autoptr(GListModel) people = participants_of (f->store, council);
  g_autoptr(GArray) exdates = NULL;
  g_autoptr(TsuParticipant) p0 = NULL;

  g_assert_cmpstr (tsu_meeting_get_title (council), ==, "川越市 医療的ケア児等支援協議の場");
  g_assert_cmpstr (tsu_meeting_get_tzid (council), ==, "Asia/Tokyo");
  g_assert_cmpint (tsu_meeting_get_starts_at (council), ==, tokyo (2026, 1, 15, 14, 0));
  g_assert_cmpint (tsu_meeting_get_ends_at (council), ==, tokyo (2026, 1, 15, 16, 0));
  g_assert_nonnull (strstr (tsu_meeting_get_rrule (council), "BYDAY=3TH"));
  g_assert_nonnull (strstr (tsu_meeting_get_rrule (council), "UNTIL=20270318T050000Z"));
  g_assert_cmpint (tsu_meeting_get_sequence (council), ==, 2);
  g_assert_true (g_str_has_prefix (tsu_meeting_get_notes (council), "川越市 医療的ケア児等支援協議の場（定例）\n議題：1. 災害時個別避難計画の進捗\n"));
  exdates = tsu_recurrence_parse_exdates (tsu_meeting_get_exdates (council));
  g_assert_cmpuint (exdates->len, ==, 1);
  g_assert_cmpint (g_array_index (exdates, gint64, 0), ==, tokyo (2026, 8, 20, 14, 0));

  /* The room (CUTYPE=RESOURCE) is not a participant. */
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
  p0 = g_list_model_get_item (people, 0);
  g_assert_cmpstr (tsu_participant_get_name (p0), ==, "佐藤 恵子");
  g_assert_cmpstr (tsu_participant_get_partstat (p0), ==, "needs-action");

  moved = find_override (f->store, council, tokyo (2026, 10, 15, 14, 0));
  g_assert_cmpint (tsu_meeting_get_starts_at (moved), ==, tokyo (2026, 10, 15, 15, 0));
  g_assert_cmpstr (tsu_meeting_get_location (moved), ==, "川越市役所 本庁舎7階 第二委員会室");
  g_assert_cmpint (tsu_meeting_get_sequence (moved), ==, 3);

  training = find (f->store, "040000008200E00074C5B7101A82E00800000000A0B1C2D3E4F5A6010000000000000000100000001122334455667788");
  g_assert_true (tsu_meeting_get_all_day (training));
  g_assert_cmpstr (tsu_meeting_get_kind (training), ==, "training");
  g_assert_cmpint (tsu_meeting_get_starts_at (training), ==, tokyo (2026, 3, 4, 0, 0));
  g_assert_cmpint (tsu_meeting_get_ends_at (training), ==, tokyo (2026, 3, 5, 0, 0));

  month_end = find (f->store, "040000008200E00074C5B7101A82E00800000000FEDCBA98765432100000000000000000");
  g_assert_cmpstr (tsu_meeting_get_kind (month_end), ==, "internal");
  g_assert_nonnull (strstr (tsu_meeting_get_rrule (month_end), "BYSETPOS=-1"));

  mornings = find (f->store, "040000008200E00074C5B7101A82E00800000000ABCDEF01234567890000000000000000");
  g_clear_pointer (&exdates, g_array_unref);
  exdates = tsu_recurrence_parse_exdates (tsu_meeting_get_exdates (mornings));
  g_assert_cmpuint (exdates->len, ==, 2);
  g_assert_cmpint (g_array_index (exdates, gint64, 1), ==, tokyo (2026, 3, 23, 9, 0));
}

/* Google: X-WR-TIMEZONE, UTC times, an override and a cancelled occurrence after the
 * series, a zone with daylight saving time, a yearly all-day event. */
static void
test_google (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TsuIcalPlan) plan = import_sample (f->store, "google.ics", 7, 0, 0);
  g_autoptr(TsuMeeting) liaison = find (f->store, "4q8k2v0b7n3m5c1x9z6l@google.com");
  g_autoptr(TsuMeeting) cancelled = find_override (f->store, liaison, tokyo (2026, 7, 14, 14, 0));
  g_autoptr(TsuMeeting) utc = find (f->store, "7hq2o3p4r5s6t7u8v9w0@google.com");
  g_autoptr(TsuMeeting) two_days = find (f->store, "1a2b3c4d5e6f7g8h9i0j@google.com");
  g_autoptr(TsuMeeting) webinar = find (f->store, "ny-webinar-series@google.com");
  g_autoptr(GListModel) people = participants_of (f->store, liaison);
  g_autoptr(GListModel) march = NULL;
  const char *partstats[] = { "accepted", "tentative", "declined" };

  g_assert_cmpstr (tsu_meeting_get_url (liaison), ==, "https://meet.example.jp/abc-defg-hij");
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TsuParticipant) p = g_list_model_get_item (people, i);

      g_assert_cmpstr (tsu_participant_get_partstat (p), ==, partstats[i]);
    }
  {
    g_autoptr(TsuParticipant) p1 = g_list_model_get_item (people, 1);

    /* Folded in the middle of the name, after a space. */
    g_assert_cmpstr (tsu_participant_get_name (p1), ==, "高橋 真理子");
  }

  g_assert_cmpstr (tsu_meeting_get_status (cancelled), ==, "cancelled");
  g_assert_cmpstr (tsu_meeting_get_tzid (utc), ==, "UTC");
  g_assert_cmpint (tsu_meeting_get_starts_at (utc), ==, tokyo (2026, 11, 24, 14, 0));
  g_assert_true (tsu_meeting_get_all_day (two_days));
  g_assert_cmpint (tsu_meeting_get_ends_at (two_days) - tsu_meeting_get_starts_at (two_days), ==, 2 * 86400);

  /* 19:00 in New York stays 19:00 there when the clocks change on 8 March 2026. */
  g_assert_cmpstr (tsu_meeting_get_tzid (webinar), ==, "America/New_York");
  march = tsu_store_list_occurrences (f->store, tokyo (2026, 3, 1, 0, 0), tokyo (2026, 3, 20, 0, 0), NULL);
  {
    gint64 previous = 0;
    guint n = 0;

    for (guint i = 0; i < g_list_model_get_n_items (march); i++)
      {
        g_autoptr(TsuOccurrence) o = g_list_model_get_item (march, i);

        if (tsu_occurrence_get_meeting (o) == NULL ||
            g_strcmp0 (tsu_meeting_get_uid (tsu_occurrence_get_meeting (o)), "ny-webinar-series@google.com") != 0)
          continue;
        if (n++ > 0)
          g_assert_cmpint (tsu_occurrence_get_starts_at (o) - previous, ==, previous < 1772960400 &&
                           tsu_occurrence_get_starts_at (o) > 1772960400 ? 7 * 86400 - 3600 : 7 * 86400);
        previous = tsu_occurrence_get_starts_at (o);
      }
    g_assert_cmpuint (n, ==, 3);
  }
}

/* Thunderbird: LF line ends, floating times, the old Mozilla TZID prefix, DURATION,
 * escaped commas and semicolons, a line continued with a tab, unknown X- properties. */
static void
test_thunderbird (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TsuIcalPlan) plan = import_sample (f->store, "thunderbird.ics", 4, 0, 0);
  g_autoptr(TsuMeeting) conference = find (f->store, "0f6c2a1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
  g_autoptr(TsuMeeting) floating = find (f->store, "4c1a7b90-5e2f-4d8a-9b3c-6e7f8a9b0c1d");
  g_autoptr(TsuMeeting) visits = find (f->store, "9d8e7f6a-5b4c-4d3e-2f1a-0b9c8d7e6f5a");
  g_autoptr(TsuMeeting) training = find (f->store, "b7a6c5d4-e3f2-4a1b-9c8d-7e6f5a4b3c2d");

  g_assert_cmpstr (tsu_meeting_get_kind (conference), ==, "case-conference");
  g_assert_cmpstr (tsu_meeting_get_notes (conference), ==, "出席: 相談支援専門員, 訪問看護, 特別支援学校; 家族");
  g_assert_cmpint (tsu_meeting_get_starts_at (floating), ==, tokyo (2026, 12, 1, 10, 0));
  g_assert_cmpstr (tsu_meeting_get_tzid (floating), ==, "Asia/Tokyo");
  g_assert_cmpstr (tsu_meeting_get_tzid (visits), ==, "Asia/Tokyo");
  g_assert_cmpint (tsu_meeting_get_starts_at (visits), ==, tokyo (2026, 12, 7, 13, 0));
  g_assert_cmpint (tsu_meeting_get_ends_at (visits), ==, tokyo (2026, 12, 7, 14, 30));
  g_assert_cmpstr (tsu_meeting_get_exdates (visits), ==, "1796788800");
  g_assert_cmpstr (tsu_meeting_get_notes (training), ==,
                   "長い説明文が折り返されます。長い説明文が折り返されます。長い説明文が折り返されます（タブで続く行）。");
}

/* Apple: a VTIMEZONE with an hour of 25 (Apple writes that), yearly rules, EMAIL
 * parameters, a structured location, a to-do (skipped). */
static void
test_apple (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TsuIcalPlan) plan = import_sample (f->store, "apple.ics", 3, 0, 1);
  g_autoptr(TsuMeeting) yearly = find (f->store, "8F3C2B1A-4D5E-4F60-9A7B-1C2D3E4F5A6B");
  g_autoptr(TsuMeeting) biweekly = find (f->store, "2B4D6F80-A1C3-4E57-9B8D-0F1E2D3C4B5A");
  g_autoptr(TsuMeeting) survey = find (f->store, "C0FFEE00-1234-4567-89AB-CDEF01234567");
  g_autoptr(TsuIcalPlanRow) todo = g_list_model_get_item (G_LIST_MODEL (plan), 3);

  g_assert_cmpint (tsu_meeting_get_starts_at (yearly), ==, tokyo (2026, 4, 6, 10, 0));
  g_assert_cmpstr (tsu_meeting_get_location (yearly), ==, "埼玉県庁 第二庁舎 講堂\n埼玉県さいたま市浦和区高砂3-15-1");
  g_assert_cmpstr (tsu_meeting_get_kind (biweekly), ==, "liaison");
  g_assert_true (tsu_meeting_get_all_day (survey));
  g_assert_cmpint (tsu_meeting_get_ends_at (survey), ==, tokyo (2026, 7, 23, 0, 0));
  g_assert_cmpint (tsu_ical_plan_row_get_action (todo), ==, TSU_ICAL_ACTION_SKIP);
  g_assert_nonnull (strstr (tsu_ical_plan_row_get_reason (todo), "VTODO"));
}

/* Two calendars in one file, LF in one and CRLF in the other; the same event twice
 * (the higher SEQUENCE wins); a zone only the file defines. */
static void
test_multiple_calendars (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TsuIcalPlan) plan = import_sample (f->store, "multi-calendar.ics", 3, 0, 1);
  g_autoptr(TsuMeeting) council = find (f->store, "multi-1@example.jp");
  g_autoptr(TsuMeeting) floating = find (f->store, "multi-2@example.jp");
  g_autoptr(TsuMeeting) online = find (f->store, "multi-3@example.jp");

  g_assert_cmpstr (tsu_meeting_get_title (council), ==, "春日部市 協議の場（時間変更）");
  g_assert_cmpint (tsu_meeting_get_starts_at (council), ==, tokyo (2026, 9, 10, 11, 0));
  g_assert_cmpstr (tsu_meeting_get_kind (council), ==, "municipal-council");
  g_assert_cmpint (tsu_meeting_get_sequence (council), ==, 2);
  g_assert_cmpint (tsu_meeting_get_starts_at (floating), ==, tokyo (2026, 9, 11, 10, 0));
  g_assert_cmpint (tsu_meeting_get_starts_at (online), ==, tokyo (2026, 9, 15, 9, 0));
  g_assert_cmpstr (tsu_meeting_get_tzid (online), ==, "Asia/Tokyo");
}

/* Some writers fold lines every 75 octets even inside a UTF-8 character. */
static void
test_folded_inside_character (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TsuIcalPlan) plan = import_sample (f->store, "folded-inside-character.ics", 1, 0, 0);
  g_autoptr(TsuMeeting) m = find (f->store, "byte-folded@example.jp");

  g_assert_cmpstr (tsu_meeting_get_title (m), ==, "資料確認");
  g_assert_cmpstr (tsu_meeting_get_notes (m), ==, "会議資料は事前にメールで送付します。当日は印刷して持参してください。");
}

/* Endless and huge rules import and expand within the viewed range; rules Tsunagu does
 * not keep, events without a start and orphan occurrences are skipped with reasons. */
static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TsuIcalPlan) plan = import_sample (f->store, "bad-rules.ics", 3, 0, 4);
  g_autoptr(GListModel) year = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint daily = 0, weekdays = 0;
  const char *reasons[] = { NULL, NULL, NULL, "daily", "RRULE", "DTSTART", "neither" };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      g_autoptr(TsuIcalPlanRow) row = g_list_model_get_item (G_LIST_MODEL (plan), i);

      if (reasons[i] != NULL)
        g_assert_nonnull (strstr (tsu_ical_plan_row_get_reason (row), reasons[i]));
    }

  year = tsu_store_list_occurrences (f->store, tokyo (2027, 1, 1, 0, 0), tokyo (2028, 1, 1, 0, 0), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (year); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (year, i);
      const char *uid = tsu_meeting_get_uid (tsu_occurrence_get_meeting (o));

      daily += g_strcmp0 (uid, "endless-daily@example.jp") == 0;
      weekdays += g_strcmp0 (uid, "endless-weekdays@example.jp") == 0;
    }
  g_assert_cmpuint (daily, ==, 365);
  g_assert_cmpuint (weekdays, ==, 261);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
}

/* The same file again changes nothing; a newer version updates in place; an older
 * one is skipped; what the file cannot say (attendance) is kept. */
static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TsuIcalPlan) first = import_sample (f->store, "google.ics", 7, 0, 0);
  g_autoptr(TsuIcalPlan) again = import_sample (f->store, "google.ics", 0, 0, 7);
  g_autoptr(TsuMeeting) liaison = find (f->store, "4q8k2v0b7n3m5c1x9z6l@google.com");
  g_autoptr(GListModel) people = participants_of (f->store, liaison);
  g_autoptr(TsuParticipant) first_person = g_list_model_get_item (people, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sample_path ("google.ics");
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *newer_path = g_build_filename (f->dir, "newer.ics", NULL);
  g_autofree char *older_path = g_build_filename (f->dir, "older.ics", NULL);
  g_autoptr(GString) newer = NULL;
  g_autoptr(GString) older = NULL;
  g_autoptr(GFile) newer_file = g_file_new_for_path (newer_path);
  g_autoptr(GFile) older_file = g_file_new_for_path (older_path);
  g_autoptr(TsuIcalPlan) update = NULL;
  g_autoptr(TsuIcalPlan) stale = NULL;
  g_autoptr(TsuMeeting) updated = NULL;
  gint64 n_meetings = tsu_store_count (f->store, TSU_TYPE_MEETING);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (again)); i++)
    {
      g_autoptr(TsuIcalPlanRow) row = g_list_model_get_item (G_LIST_MODEL (again), i);

      g_assert_nonnull (strstr (tsu_ical_plan_row_get_reason (row), "already"));
    }

  tsu_participant_set_attendance (first_person, "present");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (first_person), NULL));
  g_assert_cmpint (tsu_meeting_get_sequence (liaison), ==, 4);

  /* The organizer moves the series to the 3rd Tuesday and the nurse accepts. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  newer = g_string_new (text);
  g_string_replace (newer, "RRULE:FREQ=MONTHLY;WKST=SU;BYDAY=2TU", "RRULE:FREQ=MONTHLY;WKST=SU;BYDAY=3TU", 1);
  g_string_replace (newer, "SEQUENCE:4", "SEQUENCE:6", 1);
  g_string_replace (newer, "SUMMARY:多機関連絡会議\r\nTRANSP", "SUMMARY:多機関連絡会議（第3火曜に変更）\r\nTRANSP", 1);
  g_string_replace (newer, "PARTSTAT=TENTATIVE", "PARTSTAT=ACCEPTED", 1);
  g_assert_true (g_file_set_contents (newer_path, newer->str, newer->len, NULL));

  update = tsu_ical_import_preview_file (f->store, newer_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tsu_ical_plan_get_n_updated (update), ==, 1);
  g_assert_cmpuint (tsu_ical_plan_get_n_added (update), ==, 0);
  g_assert_true (tsu_ical_import_apply (f->store, update, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, n_meetings);

  updated = find (f->store, "4q8k2v0b7n3m5c1x9z6l@google.com");
  g_assert_cmpstr (tsu_meeting_get_title (updated), ==, "多機関連絡会議（第3火曜に変更）");
  g_assert_cmpint (tsu_meeting_get_sequence (updated), ==, 6);
  g_assert_cmpint (tsu_record_get_id (TSU_RECORD (updated)), ==, tsu_record_get_id (TSU_RECORD (liaison)));
  {
    g_autoptr(GListModel) now = participants_of (f->store, updated);
    g_autoptr(TsuParticipant) p0 = g_list_model_get_item (now, 0);
    g_autoptr(TsuParticipant) p1 = g_list_model_get_item (now, 1);

    g_assert_cmpuint (g_list_model_get_n_items (now), ==, 3);
    g_assert_cmpstr (tsu_participant_get_attendance (p0), ==, "present");
    g_assert_cmpstr (tsu_participant_get_partstat (p1), ==, "accepted");
  }

  /* The old file again: Tsunagu has a newer version. */
  older = g_string_new (text);
  g_string_replace (older, "SUMMARY:多機関連絡会議\r\nTRANSP", "SUMMARY:古い版\r\nTRANSP", 1);
  g_assert_true (g_file_set_contents (older_path, older->str, older->len, NULL));
  before = snapshot (f->store);
  stale = tsu_ical_import_preview_file (f->store, older_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tsu_ical_plan_get_n_updated (stale), ==, 0);
  {
    g_autoptr(TsuIcalPlanRow) row = g_list_model_get_item (G_LIST_MODEL (stale), 0);

    g_assert_cmpint (tsu_ical_plan_row_get_action (row), ==, TSU_ICAL_ACTION_SKIP);
    g_assert_nonnull (strstr (tsu_ical_plan_row_get_reason (row), "SEQUENCE 6"));
  }
  g_assert_true (tsu_ical_import_apply (f->store, stale, NULL, &error));
  {
    g_autofree char *after = snapshot (f->store);

    g_assert_cmpstr (before, ==, after);
  }
}

/* A reply to an invitation changes the answer of who replied and nothing else. */
static void
test_reply (Fixture       *f,
            gconstpointer  data)
{
  static const char reply[] =
    "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
    "VERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
    "ATTENDEE;PARTSTAT=ACCEPTED;CN=\"高橋 真理子\":mailto:takahashi@visit-nurse.example.jp\r\n"
    "DTSTART;TZID=Asia/Tokyo:20260113T140000\r\nDTSTAMP:20261121T000000Z\r\nSEQUENCE:4\r\n"
    "SUMMARY;LANGUAGE=ja:承諾: 多機関連絡会議\r\nUID:4q8k2v0b7n3m5c1x9z6l@google.com\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autoptr(TsuIcalPlan) seed = import_sample (f->store, "google.ics", 7, 0, 0);
  g_autoptr(GBytes) bytes = g_bytes_new_static (reply, strlen (reply));
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = tsu_ical_import_preview (f->store, bytes, NULL, &error);
  g_autoptr(TsuIcalPlan) again = NULL;
  g_autoptr(TsuMeeting) liaison = NULL;
  g_autoptr(GListModel) people = NULL;
  const char *partstats[] = { "accepted", "accepted", "declined" };

  g_assert_no_error (error);
  g_assert_cmpuint (tsu_ical_plan_get_n_updated (plan), ==, 1);
  g_assert_true (tsu_ical_import_apply (f->store, plan, NULL, &error));
  g_assert_no_error (error);

  liaison = find (f->store, "4q8k2v0b7n3m5c1x9z6l@google.com");
  g_assert_cmpstr (tsu_meeting_get_title (liaison), ==, "多機関連絡会議");
  g_assert_cmpint (tsu_meeting_get_sequence (liaison), ==, 4);
  people = participants_of (f->store, liaison);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TsuParticipant) p = g_list_model_get_item (people, i);

      g_assert_cmpstr (tsu_participant_get_partstat (p), ==, partstats[i]);
    }

  again = tsu_ical_import_preview (f->store, bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tsu_ical_plan_is_empty (again));
}

/* Files that cannot be read whole give a clear error and change nothing. */
static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  struct {
    const char *name;
    int         code;
    const char *words;
  } bad[] = {
    { "bad-truncated.ics", TSU_ICAL_ERROR_TRUNCATED, "incomplete" },
    { "bad-invalid-utf8.ics", TSU_ICAL_ERROR_ENCODING, "UTF-8" },
    { "bad-not-ical.ics", TSU_ICAL_ERROR_MALFORMED, "not an iCalendar file" },
    { "bad-mismatched.ics", TSU_ICAL_ERROR_MALFORMED, "line 8" },
  };
  g_autoptr(TsuIcalPlan) seed = import_sample (f->store, "google.ics", 7, 0, 0);
  g_autofree char *before = snapshot (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TsuIcalPlan) plan = preview_sample (f->store, bad[i].name, &error);
      g_autofree char *after = NULL;

      g_test_message ("%s: %s", bad[i].name, error != NULL ? error->message : "(no error)");
      g_assert_null (plan);
      g_assert_error (error, TSU_ICAL_ERROR, bad[i].code);
      g_assert_nonnull (strstr (error->message, bad[i].words));
      after = snapshot (f->store);
      g_assert_cmpstr (before, ==, after);
    }
}

/* A 200 MB file is refused before it is read. */
static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *before = snapshot (f->store);
  g_autofree char *after = NULL;
  FILE *out = fopen (path, "wb");

  /* Sparse: 200 MB that take no room on the disk. */
  g_assert_nonnull (out);
  fputs ("BEGIN:VCALENDAR\r\n", out);
  g_assert_cmpint (fseek (out, 200 * 1024 * 1024, SEEK_SET), ==, 0);
  fputs ("END:VCALENDAR\r\n", out);
  fclose (out);

  plan = tsu_ical_import_preview_file (f->store, file, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "50.0"));
  g_assert_nonnull (strstr (error->message, "MiB"));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 1.0);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* When the database changed between preview and apply, apply writes nothing. */
static void
test_stale_plan (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = preview_sample (f->store, "thunderbird.ics", &error);
  g_autoptr(TsuMeeting) meanwhile = tsu_meeting_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  /* Someone else adds the last event of the file first. */
  tsu_meeting_set_uid (meanwhile, "b7a6c5d4-e3f2-4a1b-9c8d-7e6f5a4b3c2d");
  tsu_meeting_set_title (meanwhile, "支援者養成研修");
  tsu_meeting_set_starts_at (meanwhile, tokyo (2026, 12, 15, 0, 0));
  tsu_meeting_set_ends_at (meanwhile, tokyo (2026, 12, 16, 0, 0));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (meanwhile), NULL));
  before = snapshot (f->store);

  g_assert_false (tsu_ical_import_apply (f->store, plan, NULL, &error));
  g_assert_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_STALE);
  g_assert_false (tsu_ical_plan_get_applied (plan));
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
}

static char *
make_calendar (guint n_events,
               guint n_recurring,
               guint n_attendees)
{
  GString *s = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tsunagu tests//bench//EN\r\n");
  const char *rules[] = {
    "FREQ=WEEKLY;BYDAY=TU;COUNT=20",
    "FREQ=MONTHLY;BYDAY=2TU",
    "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20281231T150000Z",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
  };

  g_string_append (s, tsu_ical_tokyo_vtimezone ());
  for (guint i = 0; i < n_events; i++)
    {
      guint day = 1 + i % 28, month = 1 + (i / 28) % 12, year = 2024 + (i / 336) % 4, hour = 9 + i % 8;

      g_string_append_printf (s,
                              "BEGIN:VEVENT\r\nUID:bench-%u@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
                              "SEQUENCE:1\r\nDTSTART;TZID=Asia/Tokyo:%04u%02u%02uT%02u0000\r\n"
                              "DTEND;TZID=Asia/Tokyo:%04u%02u%02uT%02u3000\r\n"
                              "SUMMARY:第%u回 医療的ケア児等支援協議の場\r\nLOCATION:川越市役所 会議室%u\r\n"
                              "DESCRIPTION:議題: 災害時の電源確保\\n資料は当日配布\r\n"
                              "CATEGORIES:Municipal council\r\nSTATUS:CONFIRMED\r\n",
                              i, year, month, day, hour, year, month, day, hour, i, i % 5);
      for (guint a = 0; a < n_attendees; a++)
        g_string_append_printf (s, "ATTENDEE;CN=参加者 %u;PARTSTAT=ACCEPTED:mailto:p%u-%u@example.jp\r\n",
                                a, a, i % 300);
      if (i < n_recurring)
        g_string_append_printf (s, "RRULE:%s\r\nEXDATE;TZID=Asia/Tokyo:%04u%02u%02uT%02u0000\r\n",
                                rules[i % G_N_ELEMENTS (rules)], year + 1, month, day, hour);
      g_string_append (s, "END:VEVENT\r\n");
    }
  g_string_append (s, "END:VCALENDAR\r\n");
  return g_string_free (s, FALSE);
}

static guint
count_hits (TsuStore   *store,
            const char *query,
            const char *title)
{
  g_autoptr(GListModel) hits = tsu_store_search (store, query, 50, NULL);
  guint n = 0;

  g_assert_nonnull (hits);
  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(TsuSearchHit) hit = g_list_model_get_item (hits, i);

      if (g_str_equal (tsu_search_hit_get_kind (hit), "meeting") &&
          g_str_equal (tsu_search_hit_get_title (hit), title))
        n++;
    }
  return n;
}

/* Imported events are found by search (the import indexes them in one go), and
 * meetings saved after an import, or after an import that failed, are found too. */
static void
test_searchable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = make_calendar (40, 8, 0);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = tsu_ical_import_preview (f->store, bytes, NULL, &error);
  g_autoptr(TsuIcalPlan) stale = NULL;
  g_autoptr(TsuMeeting) after = tsu_meeting_new ();
  g_autoptr(TsuMeeting) meanwhile = tsu_meeting_new ();
  g_autoptr(TsuMeeting) later = tsu_meeting_new ();

  g_assert_no_error (error);
  g_assert_true (tsu_ical_import_apply (f->store, plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_hits (f->store, "第17回", "第17回 医療的ケア児等支援協議の場"), ==, 1);
  g_assert_cmpuint (count_hits (f->store, "第3回", "第3回 医療的ケア児等支援協議の場"), ==, 1);
  /* The body (location and description) is indexed too. */
  g_assert_cmpuint (count_hits (f->store, "電源確保", "第39回 医療的ケア児等支援協議の場"), ==, 1);

  tsu_meeting_set_uid (after, "after-import@example.org");
  tsu_meeting_set_title (after, "移行支援連絡会");
  tsu_meeting_set_starts_at (after, tokyo (2026, 12, 1, 10, 0));
  tsu_meeting_set_ends_at (after, tokyo (2026, 12, 1, 11, 0));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (after), NULL));
  g_assert_cmpuint (count_hits (f->store, "移行支援", "移行支援連絡会"), ==, 1);

  /* An import that fails rolls back whole: indexing goes on as before. */
  stale = preview_sample (f->store, "thunderbird.ics", &error);
  g_assert_no_error (error);
  tsu_meeting_set_uid (meanwhile, "b7a6c5d4-e3f2-4a1b-9c8d-7e6f5a4b3c2d");
  tsu_meeting_set_title (meanwhile, "支援者養成研修");
  tsu_meeting_set_starts_at (meanwhile, tokyo (2026, 12, 15, 0, 0));
  tsu_meeting_set_ends_at (meanwhile, tokyo (2026, 12, 16, 0, 0));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (meanwhile), NULL));
  g_assert_false (tsu_ical_import_apply (f->store, stale, NULL, &error));
  g_assert_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_STALE);
  tsu_meeting_set_uid (later, "after-failed-import@example.org");
  tsu_meeting_set_title (later, "災害時個別避難計画の検討会");
  tsu_meeting_set_starts_at (later, tokyo (2026, 12, 2, 10, 0));
  tsu_meeting_set_ends_at (later, tokyo (2026, 12, 2, 11, 0));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (later), NULL));
  g_assert_cmpuint (count_hits (f->store, "個別避難計画", "災害時個別避難計画の検討会"), ==, 1);
}

/* 100,000 events: all of them, in one transaction, in bounded time and memory. */
static void
test_many_events (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = make_calendar (100000, 1000, 0);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autoptr(GListModel) january = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint singles = 0;

  plan = tsu_ical_import_preview (f->store, bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tsu_ical_plan_get_n_added (plan), ==, 100000);
  g_test_message ("preview of 100,000 events: %.2f s", g_timer_elapsed (timer, NULL));
  g_assert_true (tsu_ical_import_apply (f->store, plan, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("preview and apply of 100,000 events: %.2f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, 100000);

  /* January 2024 holds 28 of every 1,344 single events, and a few occurrences of
   * the series. */
  january = tsu_store_list_occurrences (f->store, tokyo (2024, 1, 1, 0, 0), tokyo (2024, 2, 1, 0, 0), &error);
  g_assert_no_error (error);
  for (guint i = 1000; i < 100000; i++)
    singles += (i / 28) % 12 == 0 && (i / 336) % 4 == 0;
  g_assert_cmpuint (g_list_model_get_n_items (january), >=, singles);
  g_assert_cmpuint (g_list_model_get_n_items (january), <=, singles + 1000 * 23);
}

/* The UIDs of events the import left out entirely (not those of which a newer copy
 * was kept). */
static GHashTable *
skipped_uids (TsuIcalPlan *plan)
{
  GHashTable *uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (plan)); i++)
    {
      g_autoptr(TsuIcalPlanRow) row = g_list_model_get_item (G_LIST_MODEL (plan), i);
      const char *uid = tsu_ical_plan_row_get_uid (row);

      if (uid == NULL)
        continue;
      if (tsu_ical_plan_row_get_action (row) == TSU_ICAL_ACTION_SKIP)
        g_hash_table_add (uids, g_strdup (uid));
      else
        g_hash_table_add (kept, (gpointer) uid);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (plan)); i++)
    {
      g_autoptr(TsuIcalPlanRow) row = g_list_model_get_item (G_LIST_MODEL (plan), i);

      if (tsu_ical_plan_row_get_uid (row) != NULL &&
          tsu_ical_plan_row_get_action (row) != TSU_ICAL_ACTION_SKIP)
        g_hash_table_remove (uids, tsu_ical_plan_row_get_uid (row));
    }
  return uids;
}

static char *
run_peer (const char * const *args)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "ical-peer-check.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, (char *) "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    g_error ("The peer (python3-icalendar, python3-recurring-ical-events) failed: %s", err);
  return g_steal_pointer (&out);
}

static char *
our_occurrences (TsuStore *store)
{
  g_autoptr(GListModel) all = tsu_store_list_occurrences (store, PERIOD_FROM, PERIOD_TO, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (all, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT,
                                               tsu_meeting_get_uid (tsu_occurrence_get_meeting (o)),
                                               tsu_occurrence_get_starts_at (o),
                                               tsu_occurrence_get_ends_at (o)));
    }
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
  return g_string_free (out, FALSE);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
normalized (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (kept, lines[i]);
  g_ptr_array_sort (kept, compare_strings);
  for (guint i = 0; i < kept->len; i++)
    g_string_append_printf (out, "%s\n", (char *) kept->pdata[i]);
  return g_string_free (out, FALSE);
}

/* For every rule in the sample files, our expansion gives the occurrences that
 * python3-recurring-ical-events gives, one by one, over two years. */
static void
test_peer_expansion (Fixture       *f,
                     gconstpointer  data)
{
  const char *files[] = {
    "outlook-exchange.ics", "google.ics", "thunderbird.ics", "apple.ics", "multi-calendar.ics",
    "folded-inside-character.ics", "bad-rules.ics",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("tsunagu-peer-XXXXXX", NULL);
      g_autofree char *db = g_build_filename (dir, "peer.db", NULL);
      g_autofree char *path = sample_path (files[i]);
      g_autofree char *from = g_strdup_printf ("%d", PERIOD_FROM);
      g_autofree char *to = g_strdup_printf ("%d", PERIOD_TO);
      g_autoptr(GStrvBuilder) args = g_strv_builder_new ();
      g_autoptr(TsuStore) store = tsu_store_open (db, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(TsuIcalPlan) plan = tsu_ical_import_preview_file (store, file, NULL, &error);
      g_autoptr(GHashTable) skipped = NULL;
      g_auto(GStrv) argv = NULL;
      g_autofree char *theirs = NULL;
      g_autofree char *ours = NULL;
      g_autofree char *theirs_sorted = NULL;
      g_autofree char *ours_sorted = NULL;
      GHashTableIter iter;
      gpointer uid;

      g_assert_no_error (error);
      g_assert_true (tsu_ical_import_apply (store, plan, NULL, &error));
      g_assert_no_error (error);

      g_strv_builder_add_many (args, "occurrences", path, from, to, NULL);
      skipped = skipped_uids (plan);
      g_hash_table_iter_init (&iter, skipped);
      while (g_hash_table_iter_next (&iter, &uid, NULL))
        g_strv_builder_add_many (args, "--ignore", (const char *) uid, NULL);
      argv = g_strv_builder_end (args);

      theirs = run_peer ((const char * const *) argv);
      ours = our_occurrences (store);
      theirs_sorted = normalized (theirs);
      ours_sorted = normalized (ours);
      g_test_message ("%s: %u occurrences", files[i], count_lines (ours_sorted));
      g_assert_cmpstr (ours_sorted, ==, theirs_sorted);

      g_clear_object (&store);
      remove_tree (dir);
    }
}

/* Files the fuzzer found: each gives a plan or an error, and never a crash. */
static void
test_fuzz_regressions (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "ical", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TsuIcalPlan) plan = NULL;

      if (!g_str_has_prefix (name, "fuzz-"))
        continue;
      plan = preview_sample (f->store, name, &error);
      g_assert_true ((plan == NULL) != (error == NULL));
      if (plan != NULL)
        {
          g_assert_true (tsu_ical_import_apply (f->store, plan, NULL, &error));
          g_assert_no_error (error);
        }
      n++;
    }
  g_test_message ("%u fuzzer finds", n);
}

static void
assert_same_plans (TsuIcalPlan *a,
                   TsuIcalPlan *b,
                   const char  *what)
{
  GPtrArray *ra = tsu_ical_plan_get_rows (a), *rb = tsu_ical_plan_get_rows (b);

  g_test_message ("%s: %u events", what, ra->len);
  g_assert_cmpuint (ra->len, ==, rb->len);
  for (guint i = 0; i < ra->len; i++)
    {
      TsuIcalPlanRow *x = ra->pdata[i], *y = rb->pdata[i];
      TsuMeeting *mx = tsu_ical_plan_row_get_meeting (x), *my = tsu_ical_plan_row_get_meeting (y);

      g_assert_cmpint (tsu_ical_plan_row_get_action (x), ==, tsu_ical_plan_row_get_action (y));
      g_assert_cmpstr (tsu_ical_plan_row_get_uid (x), ==, tsu_ical_plan_row_get_uid (y));
      g_assert_cmpstr (tsu_ical_plan_row_get_title (x), ==, tsu_ical_plan_row_get_title (y));
      g_assert_cmpstr (tsu_ical_plan_row_get_reason (x), ==, tsu_ical_plan_row_get_reason (y));
      g_assert_cmpint (tsu_ical_plan_row_get_starts_at (x), ==, tsu_ical_plan_row_get_starts_at (y));
      g_assert_cmpint (tsu_ical_plan_row_get_recurrence_id (x), ==,
                       tsu_ical_plan_row_get_recurrence_id (y));
      g_assert_cmpuint (tsu_ical_plan_row_get_line (x), ==, tsu_ical_plan_row_get_line (y));
      g_assert_cmpuint (x->participants->len, ==, y->participants->len);
      for (guint j = 0; j < x->participants->len; j++)
        {
          TsuParticipant *px = x->participants->pdata[j], *py = y->participants->pdata[j];

          g_assert_cmpstr (tsu_participant_get_name (px), ==, tsu_participant_get_name (py));
          g_assert_cmpstr (tsu_participant_get_agency_name (px), ==, tsu_participant_get_agency_name (py));
          g_assert_cmpstr (tsu_participant_get_role (px), ==, tsu_participant_get_role (py));
          g_assert_cmpstr (tsu_participant_get_partstat (px), ==, tsu_participant_get_partstat (py));
          g_assert_cmpint (tsu_participant_get_person_id (px), ==, tsu_participant_get_person_id (py));
        }
      g_assert_true ((mx == NULL) == (my == NULL));
      if (mx != NULL)
        {
          guint n_fields;
          const TsuField *fields = tsu_record_get_fields (TSU_RECORD (mx), &n_fields);

          for (guint j = 0; j < n_fields; j++)
            if (fields[j].kind == TSU_FIELD_TEXT)
              g_assert_cmpstr (tsu_record_get_text (TSU_RECORD (mx), j), ==,
                               tsu_record_get_text (TSU_RECORD (my), j));
            else
              g_assert_cmpint (tsu_record_get_int (TSU_RECORD (mx), j), ==,
                               tsu_record_get_int (TSU_RECORD (my), j));
        }
    }
}

/* Times in Japan and UTC are counted without libical: over the years a calendar can
 * hold they give what GLib and libical give. */
static void
test_times (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) s = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n");
  g_autoptr(GArray) written = g_array_new (FALSE, TRUE, sizeof (struct icaltimetype));
  g_autoptr(GTimeZone) japan = g_time_zone_new_offset (9 * 3600);
  icaltimezone *tokyo = icaltimezone_get_builtin_timezone ("Asia/Tokyo");
  icaltimezone *utc = icaltimezone_get_utc_timezone ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  for (int year = 1952; year <= 2199; year += 7)
    for (int month = 1; month <= 12; month++)
      for (guint form = 0; form < 3; form++)
        {
          struct icaltimetype tt = icaltime_null_time ();

          tt.year = year;
          tt.month = month;
          tt.day = month == 2 && year % 4 == 0 ? 29 : 1 + (year + month) % 28;
          if (form < 2)
            {
              tt.hour = (year + month) % 24;
              tt.minute = month * 4;
              tt.second = year % 60;
            }
          g_string_append_printf (s, "BEGIN:VEVENT\r\nUID:t%u\r\nSUMMARY:x\r\nDTSTART%s%04d%02d%02d",
                                  written->len, form == 0 ? ";TZID=Asia/Tokyo:" : form == 1 ? ":" : ";VALUE=DATE:",
                                  tt.year, tt.month, tt.day);
          if (form < 2)
            g_string_append_printf (s, "T%02d%02d%02d%s", tt.hour, tt.minute, tt.second, form == 1 ? "Z" : "");
          g_string_append (s, "\r\nEND:VEVENT\r\n");
          g_array_append_val (written, tt);
        }
  g_string_append (s, "END:VCALENDAR\r\n");
  bytes = g_bytes_new (s->str, s->len);
  plan = tsu_ical_import_preview (f->store, bytes, NULL, &error);
  g_assert_no_error (error);
  rows = tsu_ical_plan_get_rows (plan);
  g_assert_cmpuint (rows->len, ==, written->len);

  for (guint i = 0; i < rows->len; i++)
    {
      struct icaltimetype tt = g_array_index (written, struct icaltimetype, i);
      gint64 t = tsu_meeting_get_starts_at (tsu_ical_plan_row_get_meeting (rows->pdata[i]));
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) wall = i % 3 == 1 ? g_date_time_ref (at) : g_date_time_to_timezone (at, japan);

      g_assert_cmpint (g_date_time_get_year (wall), ==, tt.year);
      g_assert_cmpint (g_date_time_get_month (wall), ==, tt.month);
      g_assert_cmpint (g_date_time_get_day_of_month (wall), ==, tt.day);
      g_assert_cmpint (g_date_time_get_hour (wall), ==, tt.hour);
      g_assert_cmpint (g_date_time_get_minute (wall), ==, tt.minute);
      g_assert_cmpint (g_date_time_get_second (wall), ==, tt.second);
      g_assert_cmpint (icaltime_as_timet_with_zone (tt, i % 3 == 1 ? utc : tokyo), ==, t);
    }
}

/* Plain events are read from the text without libical: for every test file (plain
 * events, and events the plain reader leaves to libical, side by side in one file)
 * both readers plan the same, into an empty store and into one that holds some of
 * the events already. */
static void
test_plain_reader (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "ical", NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      char *contents;
      gsize len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_ptr_array_add (texts, g_bytes_new_take (contents, len));
      g_ptr_array_add (names, g_strdup (name));
    }
  {
    char *generated = make_calendar (300, 60, 2);

    g_ptr_array_add (texts, g_bytes_new_take (generated, strlen (generated)));
    g_ptr_array_add (names, g_strdup ("generated"));
  }

  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < texts->len; i++)
        {
          g_autoptr(GError) error_plain = NULL;
          g_autoptr(GError) error_libical = NULL;
          g_autoptr(TsuIcalPlan) plain = NULL;
          g_autoptr(TsuIcalPlan) libical = NULL;

          plain = tsu_ical_import_preview (f->store, texts->pdata[i], NULL, &error_plain);
          tsu_ical_import_set_plain_reader (FALSE);
          libical = tsu_ical_import_preview (f->store, texts->pdata[i], NULL, &error_libical);
          tsu_ical_import_set_plain_reader (TRUE);

          if (error_plain != NULL || error_libical != NULL)
            {
              g_assert_nonnull (error_plain);
              g_assert_error (error_libical, error_plain->domain, error_plain->code);
              g_assert_cmpstr (error_libical->message, ==, error_plain->message);
              continue;
            }
          assert_same_plans (plain, libical, names->pdata[i]);
        }

      /* The second round plans updates and skips over what the first imported, with
       * attendees who are persons of the directory. */
      for (guint i = 0; round == 0 && i < texts->len; i++)
        {
          g_autoptr(TsuIcalPlan) plan = tsu_ical_import_preview (f->store, texts->pdata[i], NULL, NULL);

          if (plan != NULL)
            g_assert_true (tsu_ical_import_apply (f->store, plan, NULL, NULL));
        }
      if (round == 0)
        {
          g_autoptr(TsuPerson) sato = tsu_person_new ();

          tsu_person_set_name (sato, "佐藤 花子");
          tsu_person_set_email (sato, "Sato@example.jp");
          g_assert_true (tsu_store_save (f->store, TSU_RECORD (sato), NULL));
        }
    }
}

/* The command line: a dry run changes nothing; the import applies; a bad file exits 1
 * with a message and changes nothing. */
typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *r, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (argv, (char *) cli);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "TSUNAGU_DATABASE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

static guint
count_lines_starting (const char *text,
                      const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *outlook = sample_path ("outlook-exchange.ics");
  g_autofree char *truncated = sample_path ("bad-truncated.ics");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) dry = { 0 };
  g_auto(Run) real = { 0 };
  g_auto(Run) bad = { 0 };

  g_clear_object (&f->store);

  run_cli (&dry, "--database", f->path, "import", "--dry-run", outlook, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_true (g_str_has_prefix (dry.out, "add\t2026-01-15T14:00:00+09:00\t川越市 医療的ケア児等支援協議の場\t17\t"));
  g_assert_nonnull (strstr (dry.err, "5 to add, 0 to update, 0 skipped; nothing was changed"));

  f->store = tsu_store_open (f->path, NULL);
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, 0);
  g_clear_object (&f->store);

  run_cli (&real, "--database", f->path, "import", outlook, "--kind", "ics", NULL);
  g_assert_cmpint (real.status, ==, 0);
  g_assert_nonnull (strstr (real.err, "5 added, 0 updated, 0 skipped"));

  f->store = tsu_store_open (f->path, NULL);
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, 5);
  before = snapshot (f->store);
  g_clear_object (&f->store);

  run_cli (&bad, "--database", f->path, "import", truncated, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "incomplete"));
  g_assert_cmpstr (bad.out, ==, "");

  f->store = tsu_store_open (f->path, NULL);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);

  /* And back out: the whole calendar, and an invitation for one meeting. */
  {
    g_autofree char *out = g_build_filename (f->dir, "out.ics", NULL);
    g_autofree char *invitation = g_build_filename (f->dir, "invitation.ics", NULL);
    g_autofree char *text = NULL;
    g_autofree char *id = NULL;
    g_autoptr(TsuMeeting) council = find (f->store, OUTLOOK_UID);
    g_auto(Run) exported = { 0 };
    g_auto(Run) refused = { 0 };
    g_auto(Run) invited = { 0 };
    g_auto(Run) unknown = { 0 };

    g_clear_object (&f->store);
    run_cli (&exported, "--database", f->path, "export", "ics", "--output", out,
             "--from", "2026-03-01", "--to", "2026-03-31", NULL);
    g_assert_cmpint (exported.status, ==, 0);
    g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
    /* March 2026: the council series (and its override), the training, the month-end
     * and the morning series. */
    g_assert_cmpuint (count_lines_starting (text, "BEGIN:VEVENT"), ==, 5);

    id = g_strdup_printf ("%" G_GINT64_FORMAT, tsu_record_get_id (TSU_RECORD (council)));
    run_cli (&refused, "--database", f->path, "export", "invitation", "--meeting", id,
             "--output", invitation, NULL);
    g_assert_cmpint (refused.status, ==, 1);
    g_assert_nonnull (strstr (refused.err, "organizer"));
    run_cli (&invited, "--database", f->path, "export", "invitation", "--meeting", id,
             "--output", invitation, "--organizer", "center@support.example.jp", NULL);
    g_assert_cmpint (invited.status, ==, 0);
    g_clear_pointer (&text, g_free);
    g_assert_true (g_file_get_contents (invitation, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "\r\nMETHOD:REQUEST\r\n"));

    run_cli (&unknown, "--database", f->path, "export", "ics", "--output", out, "--kind", "party", NULL);
    g_assert_cmpint (unknown.status, ==, 2);
  }
}

/* New rows are written in bulk: each still gets its audit line (who, which row, which
 * case), a series its end, the search its documents, and a synced calendar its
 * pending changes, as when they are saved one by one. */
#define BULK_ICS \
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tsunagu tests//bulk//EN\r\n" \
  "BEGIN:VEVENT\r\nUID:conference-%s\r\nDTSTAMP:20260101T000000Z\r\n" \
  "DTSTART;TZID=Asia/Tokyo:20260410T100000\r\nDTEND;TZID=Asia/Tokyo:20260410T110000\r\n" \
  "SUMMARY:ケース会議\r\nX-TSUNAGU-CASE:C-BULK\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n" \
  "ATTENDEE;CN=相談支援専門員:mailto:staff@example.jp\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:conference-%s\r\nDTSTAMP:20260101T000000Z\r\n" \
  "RECURRENCE-ID;TZID=Asia/Tokyo:20260417T100000\r\n" \
  "DTSTART;TZID=Asia/Tokyo:20260417T140000\r\nDTEND;TZID=Asia/Tokyo:20260417T150000\r\n" \
  "SUMMARY:ケース会議（時間変更）\r\nX-TSUNAGU-CASE:C-BULK\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:training-%s\r\nDTSTAMP:20260101T000000Z\r\n" \
  "DTSTART:20260420T010000Z\r\nSUMMARY:災害時対応研修 %s\r\nEND:VEVENT\r\n" \
  "END:VCALENDAR\r\n"

static void
import_bulk (TsuStore   *store,
             const char *tag)
{
  g_autofree char *text = g_strdup_printf (BULK_ICS, tag, tag, tag, tag);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = tsu_ical_import_preview (store, bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tsu_ical_plan_get_n_added (plan), ==, 3);
  g_assert_true (tsu_ical_import_apply (store, plan, NULL, &error));
  g_assert_no_error (error);
}

static void
test_bulk_writes (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *user = NULL;
  gint64 triggers, audit_before;

  tsu_case_set_code (kase, "C-BULK");
  tsu_case_set_child_name (kase, "山田 花子");
  tsu_case_set_status (kase, "active");
  tsu_case_set_opened_on (kase, "2026-04-01");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (kase), &error));
  g_assert_no_error (error);
  triggers = count_rows (f->store, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'");
  audit_before = count_rows (f->store, "SELECT count(*) FROM audit_log");

  import_bulk (f->store, "a@example.org");

  /* One "insert" line for each meeting and participant, by this user, with its case. */
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM audit_log") - audit_before, ==, 4);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'insert' AND entity = 'meeting' "
                         "AND case_id = %" G_GINT64_FORMAT " AND entity_id IN (SELECT id FROM meeting "
                         "WHERE case_id = %" G_GINT64_FORMAT ")",
                         tsu_record_get_id (TSU_RECORD (kase)), tsu_record_get_id (TSU_RECORD (kase)));
  g_assert_cmpint (count_rows (f->store, sql), ==, 2);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'insert' AND entity = 'participant' "
                         "AND case_id = %" G_GINT64_FORMAT " AND entity_id IN (SELECT id FROM participant)",
                         tsu_record_get_id (TSU_RECORD (kase)));
  g_assert_cmpint (count_rows (f->store, sql), ==, 1);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'meeting' "
                                         "AND case_id IS NULL AND entity_id IN "
                                         "(SELECT id FROM meeting WHERE title LIKE '災害時対応研修%')"), ==, 1);
  g_clear_pointer (&sql, g_free);
  user = sqlite3_mprintf ("%q", g_get_user_name ());
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE id > %" G_GINT64_FORMAT
                         " AND user_name = '%s'", audit_before, user);
  sqlite3_free (g_steal_pointer (&user));
  g_assert_cmpint (count_rows (f->store, sql), ==, 4);

  /* The series knows the end of its last occurrence (the fourth, 1 May 11:00). */
  g_assert_cmpint (count_rows (f->store, "SELECT recurs_until FROM meeting WHERE rrule IS NOT NULL"),
                   ==, tokyo (2026, 5, 1, 11, 0));
  /* Searchable, and the triggers are all back. */
  g_assert_cmpuint (count_hits (f->store, "災害時対応研修", "災害時対応研修 a@example.org"), ==, 1);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"),
                   ==, triggers);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM caldav_item"), ==, 0);

  /* With a CalDAV calendar, every new meeting and participant is due to be sent:
   * the series once for itself, once for its participant and once for its
   * overridden occurrence. */
  g_assert_true (tsu_database_exec (tsu_store_get_database (f->store),
                                    "INSERT INTO caldav_calendar (id, url) "
                                    "VALUES (1, 'https://dav.example.org/calendars/center/')", NULL));
  import_bulk (f->store, "b@example.org");
  g_assert_cmpint (count_rows (f->store, "SELECT dirty FROM caldav_item "
                                         "WHERE uid = 'conference-b@example.org' AND deleted = 0"), ==, 3);
  g_assert_cmpint (count_rows (f->store, "SELECT dirty FROM caldav_item "
                                         "WHERE uid = 'training-b@example.org' AND deleted = 0"), ==, 1);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM caldav_item"), ==, 2);
  g_assert_cmpuint (count_hits (f->store, "災害時対応研修", "災害時対応研修 b@example.org"), ==, 1);
}

/* A row the database refuses fails the whole import, whether the import is large
 * (the constraints are checked once at the end) or small next to what is stored. */
static void
test_refused_row (Fixture       *f,
                  gconstpointer  data)
{
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *text = make_calendar (round == 0 ? 30 : 3, 2, 1);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(TsuIcalPlan) plan = tsu_ical_import_preview (f->store, bytes, NULL, &error);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(TsuIcalPlanRow) last = NULL;

      g_assert_no_error (error);
      if (round == 1)
        {
          /* The first import, whole, so that the second is small next to it. */
          g_assert_true (tsu_ical_import_apply (f->store, plan, NULL, &error));
          g_assert_no_error (error);
          g_clear_pointer (&text, g_free);
          g_clear_pointer (&bytes, g_bytes_unref);
          g_clear_object (&plan);
          text = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
                                  "BEGIN:VEVENT\r\nUID:new-1@example.org\r\nDTSTART:20260501T010000Z\r\n"
                                  "SUMMARY:新規\r\nATTENDEE;CN=職員:mailto:a@example.jp\r\nEND:VEVENT\r\n"
                                  "BEGIN:VEVENT\r\nUID:new-2@example.org\r\nDTSTART:20260502T010000Z\r\n"
                                  "SUMMARY:新規\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
          bytes = g_bytes_new (text, strlen (text));
          plan = tsu_ical_import_preview (f->store, bytes, NULL, &error);
          g_assert_no_error (error);
        }

      /* A kind the schema does not know, slipped into the last row. */
      last = g_list_model_get_item (G_LIST_MODEL (plan), g_list_model_get_n_items (G_LIST_MODEL (plan)) - 1);
      tsu_meeting_set_kind (tsu_ical_plan_row_get_meeting (last), "party");
      before = snapshot (f->store);
      g_assert_false (tsu_ical_import_apply (f->store, plan, NULL, &error));
      g_assert_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_STALE);
      after = snapshot (f->store);
      g_assert_cmpstr (before, ==, after);

      /* Checked again for what is saved afterwards. */
      {
        g_autoptr(TsuMeeting) m = tsu_meeting_new ();
        g_autoptr(GError) refused = NULL;

        tsu_meeting_set_title (m, "後で保存");
        tsu_meeting_set_kind (m, "party");
        tsu_meeting_set_starts_at (m, tokyo (2026, 6, 1, 10, 0));
        tsu_meeting_set_ends_at (m, tokyo (2026, 6, 1, 11, 0));
        g_assert_false (tsu_store_save (f->store, TSU_RECORD (m), &refused));
        g_assert_error (refused, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CONSTRAINT);
      }
    }
}

/* New meetings are written many to a statement: a meeting added elsewhere after the
 * preview with the UID of the 71st event makes its statement fail in the database;
 * the import is refused as stale and nothing of it is kept. */
static void
test_stale_in_batch (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = make_calendar (100, 10, 1);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = tsu_ical_import_preview (f->store, bytes, NULL, &error);
  g_autoptr(TsuMeeting) elsewhere = tsu_meeting_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (tsu_ical_plan_get_n_added (plan), ==, 100);
  tsu_meeting_set_uid (elsewhere, "bench-70@example.org");
  tsu_meeting_set_title (elsewhere, "別の端末で登録");
  tsu_meeting_set_kind (elsewhere, "liaison");
  tsu_meeting_set_starts_at (elsewhere, tokyo (2026, 6, 1, 10, 0));
  tsu_meeting_set_ends_at (elsewhere, tokyo (2026, 6, 1, 11, 0));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (elsewhere), &error));

  before = snapshot (f->store);
  g_assert_false (tsu_ical_import_apply (f->store, plan, NULL, &error));
  g_assert_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_STALE);
  after = snapshot (f->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, 1);
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_PARTICIPANT), ==, 0);
}

/* Performance (run with -m perf): 10,000 events, 1,000 of them recurring, against
 * libical parsing the same file alone. */
static void
test_perf_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = make_calendar (10000, 1000, GPOINTER_TO_UINT (data));
  gsize len = strlen (text);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  const char *copy = g_getenv ("TSUNAGU_BENCH_ICS");
  icalcomponent *parsed;
  double parse, preview, apply;

  /* build-aux/bench gives the same file to a peer, python3-icalendar. */
  if (copy != NULL)
    {
      g_file_set_contents (copy, text, len, &error);
      g_assert_no_error (error);
    }

  parsed = icalparser_parse_string (text);
  parse = g_timer_elapsed (timer, NULL);
  /* Freeing libical's tree is timed by neither side, nor is glibc's clean-up of the
   * blocks it frees, which would otherwise fall on the next large allocation: the
   * import's. */
  icalcomponent_free (parsed);
  malloc_trim (0);

  g_timer_start (timer);
  plan = tsu_ical_import_preview (f->store, bytes, NULL, &error);
  g_assert_no_error (error);
  preview = g_timer_elapsed (timer, NULL);
  g_timer_start (timer);
  g_assert_true (tsu_ical_import_apply (f->store, plan, NULL, &error));
  apply = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (tsu_ical_plan_get_n_added (plan), ==, 10000);

  g_test_message ("10,000 events (1,000 recurring, %u attendees each, %.1f MB): libical parse %.3f s; "
                  "preview %.3f s; apply %.3f s; import %.3f s = %.2f× libical",
                  GPOINTER_TO_UINT (data), len / 1e6, parse, preview, apply, preview + apply,
                  (preview + apply) / parse);
  g_test_minimized_result (preview + apply, "import of 10,000 events: %.3f s", preview + apply);
}

/* An import checks the CHECK constraints of the participants it adds and of the rows
 * it updates too: a meeting or a participant with a value the schema refuses fails
 * the whole import, and leaves everything as it was. */
static void
test_refused_update (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = make_calendar (3, 1, 1);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = tsu_ical_import_preview (f->store, bytes, NULL, &error);
  g_autoptr(GString) newer = g_string_new (text);

  g_assert_no_error (error);
  {
    g_autoptr(TsuIcalPlanRow) first = g_list_model_get_item (G_LIST_MODEL (plan), 0);
    g_autofree char *before = snapshot (f->store);
    g_autofree char *after = NULL;

    g_assert_cmpuint (first->participants->len, ==, 1);
    tsu_participant_set_partstat (first->participants->pdata[0], "maybe");
    g_assert_false (tsu_ical_import_apply (f->store, plan, NULL, &error));
    g_assert_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_STALE);
    g_clear_error (&error);
    after = snapshot (f->store);
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, 0);
    tsu_participant_set_partstat (first->participants->pdata[0], "accepted");
  }
  g_assert_true (tsu_ical_import_apply (f->store, plan, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_PARTICIPANT), ==, 3);

  /* The same events again, changed: every row is an update. */
  g_string_replace (newer, "SEQUENCE:1", "SEQUENCE:2", 0);
  g_string_replace (newer, "PARTSTAT=ACCEPTED", "PARTSTAT=DECLINED", 0);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GBytes) again = g_bytes_new (newer->str, newer->len);
      g_autoptr(TsuIcalPlan) update = tsu_ical_import_preview (f->store, again, NULL, &error);
      g_autoptr(TsuIcalPlanRow) last = NULL;
      g_autoptr(TsuMeeting) stored = NULL;
      g_autoptr(GListModel) people = NULL;
      g_autoptr(TsuParticipant) person = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (tsu_ical_plan_get_n_updated (update), ==, 3);
      last = g_list_model_get_item (G_LIST_MODEL (update), 2);
      g_assert_cmpint (last->action, ==, TSU_ICAL_ACTION_UPDATE);
      g_assert_cmpuint (last->participants->len, ==, 1);
      g_assert_cmpint (tsu_record_get_id (last->participants->pdata[0]), !=, 0);
      if (round == 0)
        tsu_meeting_set_kind (last->meeting, "party");
      else
        tsu_participant_set_role (last->participants->pdata[0], "boss");

      before = snapshot (f->store);
      g_assert_false (tsu_ical_import_apply (f->store, update, NULL, &error));
      g_assert_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_STALE);
      g_clear_error (&error);
      after = snapshot (f->store);
      g_assert_cmpstr (before, ==, after);

      stored = find (f->store, "bench-2@example.org");
      g_assert_cmpstr (tsu_meeting_get_kind (stored), ==, "municipal-council");
      g_assert_cmpint (tsu_meeting_get_sequence (stored), ==, 1);
      people = participants_of (f->store, stored);
      g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
      person = g_list_model_get_item (people, 0);
      g_assert_cmpstr (tsu_participant_get_role (person), ==, "attendee");
      g_assert_cmpstr (tsu_participant_get_partstat (person), ==, "accepted");
    }

  /* Untouched, the update goes through. */
  {
    g_autoptr(GBytes) again = g_bytes_new (newer->str, newer->len);
    g_autoptr(TsuIcalPlan) update = tsu_ical_import_preview (f->store, again, NULL, &error);
    g_autoptr(TsuMeeting) stored = NULL;
    g_autoptr(GListModel) people = NULL;
    g_autoptr(TsuParticipant) person = NULL;

    g_assert_no_error (error);
    g_assert_true (tsu_ical_import_apply (f->store, update, NULL, &error));
    g_assert_no_error (error);
    stored = find (f->store, "bench-2@example.org");
    g_assert_cmpint (tsu_meeting_get_sequence (stored), ==, 2);
    people = participants_of (f->store, stored);
    person = g_list_model_get_item (people, 0);
    g_assert_cmpstr (tsu_participant_get_partstat (person), ==, "declined");
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (argc > 1)
    cli = argv[1];

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ical-import/outlook", test_outlook);
  ADD ("/ical-import/google", test_google);
  ADD ("/ical-import/thunderbird", test_thunderbird);
  ADD ("/ical-import/apple", test_apple);
  ADD ("/ical-import/multiple-calendars", test_multiple_calendars);
  ADD ("/ical-import/folded-inside-character", test_folded_inside_character);
  ADD ("/ical-import/rules", test_rules);
  ADD ("/ical-import/reimport", test_reimport);
  ADD ("/ical-import/reply", test_reply);
  ADD ("/ical-import/bad-files", test_bad_files);
  ADD ("/ical-import/too-large", test_too_large);
  ADD ("/ical-import/stale-plan", test_stale_plan);
  ADD ("/ical-import/many-events", test_many_events);
  ADD ("/ical-import/searchable", test_searchable);
  ADD ("/ical-import/bulk-writes", test_bulk_writes);
  ADD ("/ical-import/stale-in-batch", test_stale_in_batch);
  ADD ("/ical-import/refused-row", test_refused_row);
  ADD ("/ical-import/peer-expansion", test_peer_expansion);
  ADD ("/ical-import/fuzz-regressions", test_fuzz_regressions);
  ADD ("/ical-import/plain-reader", test_plain_reader);
  ADD ("/ical-import/times", test_times);
  ADD ("/ical-import/refused-update", test_refused_update);
  if (cli != NULL)
    ADD ("/ical-import/cli", test_cli);
  if (g_test_perf ())
    {
      g_test_add ("/ical-import/perf/10000-events", Fixture, GUINT_TO_POINTER (0),
                  fixture_set_up, test_perf_import, fixture_tear_down);
      g_test_add ("/ical-import/perf/10000-events-3-attendees", Fixture, GUINT_TO_POINTER (3),
                  fixture_set_up, test_perf_import, fixture_tear_down);
    }

  return g_test_run ();
}
