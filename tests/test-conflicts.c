/* test-conflicts.c: who and which room is booked twice, without a display
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "tsu-conflicts.h"

typedef struct {
  char     *dir;
  TsuStore *store;
  gint64    sato;
  gint64    suzuki;
  gint64    tanaka;
} Fixture;

/* 2026-12-01 10:00 in Asia/Tokyo */
#define DAY ((gint64) 1796086800)
#define HOUR ((gint64) 3600)

static gint64
add_person (Fixture    *f,
            const char *name)
{
  g_autoptr(TsuPerson) p = tsu_person_new ();
  g_autoptr(GError) error = NULL;

  tsu_person_set_name (p, name);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (p), &error));
  g_assert_no_error (error);
  return tsu_record_get_id (TSU_RECORD (p));
}

static TsuMeeting *
add_meeting (Fixture    *f,
             const char *title,
             gint64      starts_at,
             gint64      ends_at,
             const char *location,
             gint64      organizer_id,
             const char *rrule)
{
  TsuMeeting *m = tsu_meeting_new ();
  g_autoptr(GError) error = NULL;

  tsu_meeting_set_kind (m, "liaison");
  tsu_meeting_set_title (m, title);
  tsu_meeting_set_starts_at (m, starts_at);
  tsu_meeting_set_ends_at (m, ends_at);
  tsu_meeting_set_tzid (m, "Asia/Tokyo");
  tsu_meeting_set_location (m, location);
  tsu_meeting_set_organizer_id (m, organizer_id);
  tsu_meeting_set_rrule (m, rrule);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (m), &error));
  g_assert_no_error (error);
  return m;
}

static void
add_participant (Fixture    *f,
                 TsuMeeting *m,
                 gint64      person_id,
                 const char *name,
                 const char *partstat)
{
  g_autoptr(TsuParticipant) p = tsu_participant_new ();
  g_autoptr(GError) error = NULL;

  tsu_participant_set_meeting_id (p, tsu_record_get_id (TSU_RECORD (m)));
  tsu_participant_set_person_id (p, person_id);
  tsu_participant_set_name (p, name);
  if (partstat != NULL)
    tsu_participant_set_partstat (p, partstat);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (p), &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tsunagu-conflicts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "tsunagu.db", NULL);
  f->store = tsu_store_open (path, &error);
  g_assert_no_error (error);
  f->sato = add_person (f, "佐藤 花子");
  f->suzuki = add_person (f, "鈴木 一郎");
  f->tanaka = add_person (f, "田中 美咲");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
find (Fixture    *f,
      TsuMeeting *m,
      gint64      organizer_id,
      const char *location,
      gint64      starts_at,
      gint64      ends_at)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts = tsu_conflicts_find (f->store, m != NULL ? tsu_record_get_id (TSU_RECORD (m)) : 0,
                                             organizer_id, location, starts_at, ends_at, &error);

  g_assert_no_error (error);
  g_assert_nonnull (conflicts);
  return conflicts;
}

/* A participant of the edited meeting is in another meeting that overlaps it; a
 * meeting that only touches it (ends when it starts) is no conflict. */
static void
test_participant (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TsuMeeting) other = add_meeting (f, "多機関連絡会議", DAY, DAY + 2 * HOUR, NULL, 0, NULL);
  g_autoptr(TsuMeeting) later = add_meeting (f, "研修", DAY + 2 * HOUR, DAY + 3 * HOUR, NULL, 0, NULL);
  g_autoptr(TsuMeeting) mine = add_meeting (f, "ケース会議 C-0001", DAY + 5 * HOUR, DAY + 6 * HOUR, NULL, 0, NULL);
  g_autoptr(GPtrArray) conflicts = NULL;
  TsuConflict *c;

  add_participant (f, other, f->sato, NULL, NULL);
  add_participant (f, other, f->suzuki, NULL, NULL);
  add_participant (f, later, f->sato, NULL, NULL);
  add_participant (f, mine, f->sato, NULL, NULL);
  add_participant (f, mine, f->tanaka, NULL, NULL);

  /* Moved to 11:00–12:00 it overlaps the liaison meeting only. */
  conflicts = find (f, mine, 0, NULL, DAY + HOUR, DAY + 2 * HOUR);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->who, ==, "佐藤 花子");
  g_assert_false (c->room);
  g_assert_cmpstr (c->title, ==, "多機関連絡会議");
  g_assert_cmpint (c->starts_at, ==, DAY);
  g_assert_cmpint (c->ends_at, ==, DAY + 2 * HOUR);

  /* Where it is, nobody is booked twice. */
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = find (f, mine, 0, NULL, DAY + 5 * HOUR, DAY + 6 * HOUR);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

/* The organizer counts as booked, both in the meeting edited and in the others;
 * a declined invitation and a cancelled meeting book nobody. */
static void
test_organizer_declined_cancelled (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(TsuMeeting) organized = add_meeting (f, "協議の場", DAY, DAY + HOUR, NULL, f->suzuki, NULL);
  g_autoptr(TsuMeeting) declined = add_meeting (f, "研修", DAY, DAY + HOUR, NULL, 0, NULL);
  g_autoptr(TsuMeeting) cancelled = add_meeting (f, "中止の会議", DAY, DAY + HOUR, NULL, f->tanaka, NULL);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  TsuConflict *c;

  add_participant (f, declined, f->sato, NULL, "declined");
  tsu_meeting_set_status (cancelled, "cancelled");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (cancelled), &error));

  /* A new meeting organized by 鈴木, with 佐藤 (declined elsewhere) and 田中 (only in a
   * cancelled meeting): only 鈴木 is booked. */
  conflicts = find (f, NULL, f->suzuki, NULL, DAY, DAY + HOUR);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->who, ==, "鈴木 一郎");
  g_assert_cmpstr (c->title, ==, "協議の場");

  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = find (f, NULL, f->tanaka, NULL, DAY, DAY + HOUR);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

/* The same room: the location text, trimmed and whatever its case; an empty
 * location is no room. Free-text participants ("保護者") tell nobody apart and are
 * no conflict. */
static void
test_room_and_names (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TsuMeeting) other = add_meeting (f, "支援者養成研修", DAY, DAY + 3 * HOUR, "Room 3A", 0, NULL);
  g_autoptr(TsuMeeting) mine = add_meeting (f, "ケース会議", DAY + 5 * HOUR, DAY + 6 * HOUR, NULL, 0, NULL);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *line = NULL;
  TsuConflict *c;

  add_participant (f, other, 0, "保護者", NULL);
  add_participant (f, mine, 0, "保護者", NULL);

  conflicts = find (f, mine, 0, "  room 3a ", DAY + HOUR, DAY + 2 * HOUR);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->who, ==, "room 3a");
  g_assert_true (c->room);
  g_assert_cmpstr (c->title, ==, "支援者養成研修");
  line = tsu_conflict_describe (c);
  g_assert_cmpstr (line, ==, "room 3a is taken by “支援者養成研修”, Tue, Dec 1, 10:00 – 13:00");

  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = find (f, NULL, 0, "   ", DAY + HOUR, DAY + 2 * HOUR);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

/* A weekly series books its participants on every occurrence, but the other meetings
 * of the meeting's own series are not conflicts. */
static void
test_series (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TsuMeeting) weekly = add_meeting (f, "センター内会議", DAY, DAY + HOUR, NULL, f->sato,
                                              "FREQ=WEEKLY;COUNT=10");
  g_autoptr(GPtrArray) conflicts = NULL;
  TsuConflict *c;

  /* The third occurrence, two weeks later, has 佐藤 as organizer. */
  conflicts = find (f, NULL, f->sato, NULL, DAY + 14 * 24 * HOUR, DAY + 14 * 24 * HOUR + HOUR);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->title, ==, "センター内会議");
  g_assert_cmpint (c->starts_at, ==, DAY + 14 * 24 * HOUR);

  /* Moving the series itself onto its own next occurrence is no conflict. */
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = find (f, weekly, f->sato, NULL, DAY + 7 * 24 * HOUR, DAY + 7 * 24 * HOUR + HOUR);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/conflicts/participant", Fixture, NULL, fixture_set_up, test_participant, fixture_tear_down);
  g_test_add ("/conflicts/organizer-declined-cancelled", Fixture, NULL, fixture_set_up,
              test_organizer_declined_cancelled, fixture_tear_down);
  g_test_add ("/conflicts/room-and-names", Fixture, NULL, fixture_set_up, test_room_and_names, fixture_tear_down);
  g_test_add ("/conflicts/series", Fixture, NULL, fixture_set_up, test_series, fixture_tear_down);

  return g_test_run ();
}
