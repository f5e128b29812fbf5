/* test-ical-export.c: .ics export and invitations, read back by Tsunagu and by
 * python3-icalendar
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "tsunagu-core.h"
#include "tsu-demo.h"

#define PERIOD_FROM 1767193200  /* 2026-01-01 00:00 +09:00 */
#define PERIOD_TO   1830265200  /* 2028-01-01 00:00 +09:00 */
#define NOW         1795478400  /* 2026-11-24 00:00 UTC */

static const char *CHILD_NAME = "山田 花子";
static const char *CHILD_KANA = "やまだ はなこ";
static const char *CASE_CODE = "C-2026-0042";

typedef struct {
  char     *dir;
  char     *path;
  TsuStore *store;
  /* the calendar the fixture fills */
  gint64    case_id;
  gint64    chair_id;
  gint64    series_id;
  gint64    single_id;
  gint64    moved_id;
  gint64    cancelled_id;
} Fixture;

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

static gint64
municipality_id (TsuStore   *store,
                 const char *code)
{
  g_autoptr(GListModel) all = tsu_store_list (store, TSU_TYPE_MUNICIPALITY, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (all, i);

      if (g_strcmp0 (tsu_municipality_get_code (m), code) == 0)
        return tsu_record_get_id (TSU_RECORD (m));
    }
  g_assert_not_reached ();
}

static gint64
save (TsuStore  *store,
      gpointer   record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tsu_store_save (store, TSU_RECORD (record), &error));
  g_assert_no_error (error);
  return tsu_record_get_id (TSU_RECORD (record));
}

static gint64
add_person (TsuStore   *store,
            const char *name,
            const char *email)
{
  g_autoptr(TsuPerson) p = tsu_person_new ();

  tsu_person_set_name (p, name);
  tsu_person_set_email (p, email);
  return save (store, p);
}

static void
add_participant (TsuStore   *store,
                 gint64      meeting_id,
                 gint64      person_id,
                 const char *name,
                 const char *agency,
                 const char *role,
                 const char *partstat)
{
  g_autoptr(TsuParticipant) p = tsu_participant_new ();

  tsu_participant_set_meeting_id (p, meeting_id);
  tsu_participant_set_person_id (p, person_id);
  tsu_participant_set_name (p, name);
  tsu_participant_set_agency_name (p, agency);
  tsu_participant_set_role (p, role);
  tsu_participant_set_partstat (p, partstat);
  save (store, p);
}

static TsuMeeting *
new_meeting (const char *kind,
             const char *title,
             gint64      start,
             gint64      end)
{
  TsuMeeting *m = tsu_meeting_new ();

  tsu_meeting_set_kind (m, kind);
  tsu_meeting_set_title (m, title);
  tsu_meeting_set_starts_at (m, start);
  tsu_meeting_set_ends_at (m, end);
  return m;
}

/* A center's calendar: a case conference that names the child in its notes, a monthly
 * council with an excluded date, a moved and a cancelled occurrence, an all-day
 * training, a cancelled meeting, participants of every role. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(TsuMeeting) conference = NULL;
  g_autoptr(TsuMeeting) council = NULL;
  g_autoptr(TsuMeeting) moved = NULL;
  g_autoptr(TsuMeeting) dropped = NULL;
  g_autoptr(TsuMeeting) training = NULL;
  g_autoptr(TsuMeeting) cancelled = NULL;
  g_autofree char *exdates = NULL;
  gint64 nurse, teacher, kawagoe;

  f->dir = g_dir_make_tmp ("tsunagu-ical-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "tsunagu.db", NULL);
  f->store = tsu_store_open (f->path, &error);
  g_assert_no_error (error);

  tsu_case_set_code (kase, CASE_CODE);
  tsu_case_set_child_name (kase, CHILD_NAME);
  tsu_case_set_child_kana (kase, CHILD_KANA);
  tsu_case_set_status (kase, "difficult");
  f->case_id = save (f->store, kase);

  f->chair_id = add_person (f->store, "佐藤 恵子", "sato@center.example.jp");
  nurse = add_person (f->store, "高橋 真理子", "takahashi@visit-nurse.example.jp");
  teacher = add_person (f->store, "伊藤 学", NULL);
  kawagoe = municipality_id (f->store, "11201");

  conference = new_meeting ("case-conference", "ケース会議 C-2026-0042（山田花子さん）",
                            tokyo (2026, 11, 24, 14, 0), tokyo (2026, 11, 24, 15, 30));
  tsu_meeting_set_case_id (conference, f->case_id);
  tsu_meeting_set_organizer_id (conference, f->chair_id);
  tsu_meeting_set_location (conference, "所沢市保健センター 2階 相談室; 駐車場あり, 車椅子可");
  tsu_meeting_set_notes (conference, "本人（やまだ はなこ）の人工呼吸器の電源確保について。\n"
                                     "山田　花子さんの母も出席。");
  tsu_meeting_set_url (conference, "https://meet.example.jp/abc-defg-hij?pwd=1;2");
  f->single_id = save (f->store, conference);
  add_participant (f->store, f->single_id, f->chair_id, NULL, NULL, "chair", "accepted");
  add_participant (f->store, f->single_id, nurse, NULL, NULL, "presenter", "tentative");
  add_participant (f->store, f->single_id, teacher, NULL, NULL, "recorder", "needs-action");
  add_participant (f->store, f->single_id, 0, "山田 花子の母", NULL, "family", "accepted");
  add_participant (f->store, f->single_id, 0, "小林 亮", "所沢市 障害福祉課", "attendee", "declined");

  council = new_meeting ("municipal-council", "川越市 医療的ケア児等支援協議の場",
                         tokyo (2026, 1, 13, 14, 0), tokyo (2026, 1, 13, 16, 0));
  tsu_meeting_set_rrule (council, "FREQ=MONTHLY;BYDAY=2TU");
  exdates = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                             tokyo (2026, 3, 10, 14, 0), tokyo (2026, 8, 11, 14, 0));
  tsu_meeting_set_exdates (council, exdates);
  tsu_meeting_set_municipality_id (council, kawagoe);
  f->series_id = save (f->store, council);
  add_participant (f->store, f->series_id, f->chair_id, NULL, NULL, "chair", "accepted");
  add_participant (f->store, f->series_id, nurse, NULL, NULL, "attendee", "needs-action");

  moved = new_meeting ("municipal-council", "川越市 協議の場（会場変更）",
                       tokyo (2026, 6, 10, 10, 0), tokyo (2026, 6, 10, 12, 0));
  tsu_meeting_set_uid (moved, tsu_meeting_get_uid (council));
  tsu_meeting_set_series_id (moved, f->series_id);
  tsu_meeting_set_recurrence_id (moved, tokyo (2026, 6, 9, 14, 0));
  tsu_meeting_set_location (moved, "川越市役所 第二委員会室");
  f->moved_id = save (f->store, moved);

  dropped = new_meeting ("municipal-council", "川越市 医療的ケア児等支援協議の場",
                         tokyo (2026, 9, 8, 14, 0), tokyo (2026, 9, 8, 16, 0));
  tsu_meeting_set_uid (dropped, tsu_meeting_get_uid (council));
  tsu_meeting_set_series_id (dropped, f->series_id);
  tsu_meeting_set_recurrence_id (dropped, tokyo (2026, 9, 8, 14, 0));
  tsu_meeting_set_status (dropped, "cancelled");
  save (f->store, dropped);

  training = new_meeting ("training", "医療的ケア児等コーディネーター養成研修",
                          tokyo (2026, 12, 3, 0, 0), tokyo (2026, 12, 5, 0, 0));
  tsu_meeting_set_all_day (training, TRUE);
  save (f->store, training);

  cancelled = new_meeting ("liaison", "多機関連絡会議（中止）",
                           tokyo (2026, 12, 8, 10, 0), tokyo (2026, 12, 8, 11, 0));
  tsu_meeting_set_status (cancelled, "cancelled");
  tsu_meeting_set_organizer_id (cancelled, f->chair_id);
  f->cancelled_id = save (f->store, cancelled);
  add_participant (f->store, f->cancelled_id, nurse, NULL, NULL, "attendee", "accepted");
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

static char *
export_all (TsuStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  TsuIcalExportOptions options;

  tsu_ical_export_options_init (&options);
  options.now = NOW;
  bytes = tsu_ical_export_calendar (store, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
export_invitation (TsuStore                   *store,
                   gint64                      meeting_id,
                   const TsuIcalExportOptions *options,
                   GError                    **error)
{
  g_autoptr(GBytes) bytes = tsu_ical_export_invitation (store, meeting_id, options, error);

  if (bytes == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
unfolded (const char *ics)
{
  g_autoptr(GString) s = g_string_new (ics);

  g_string_replace (s, "\r\n ", "", 0);
  g_string_replace (s, "\r\n", "\n", 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
save_text (Fixture    *f,
           const char *name,
           const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static TsuIcalPlan *
import_text (TsuStore   *store,
             const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = tsu_ical_import_preview (store, bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (tsu_ical_import_apply (store, plan, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&plan);
}

/* Text as the export writes it: every variant of the child's name replaced by the code. */
static char *
masked (const char *text)
{
  g_autoptr(GString) s = g_string_new (text != NULL ? text : "");
  const char *names[] = { "山田 花子", "山田花子", "山田　花子", "やまだ はなこ", "やまだはなこ" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_replace (s, names[i], CASE_CODE, 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* One line per meeting row with everything an export carries, children's names masked,
 * people by name. */
static char *
describe (TsuStore *store)
{
  g_autoptr(GListModel) meetings = tsu_store_list (store, TSU_TYPE_MEETING, NULL, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(TsuMeeting) m = g_list_model_get_item (meetings, i);
      g_autoptr(GListModel) people = tsu_store_list_by (store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                                        tsu_record_get_id (TSU_RECORD (m)), NULL, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(TsuCase) kase = tsu_meeting_get_case_id (m) != 0
                                  ? tsu_store_load (store, TSU_TYPE_CASE, tsu_meeting_get_case_id (m), NULL) : NULL;
      g_autoptr(TsuMunicipality) muni = tsu_meeting_get_municipality_id (m) != 0
                                          ? tsu_store_load (store, TSU_TYPE_MUNICIPALITY,
                                                            tsu_meeting_get_municipality_id (m), NULL) : NULL;
      g_autoptr(TsuPerson) organizer = tsu_meeting_get_organizer_id (m) != 0
                                         ? tsu_store_load (store, TSU_TYPE_PERSON,
                                                           tsu_meeting_get_organizer_id (m), NULL) : NULL;
      g_autofree char *title = masked (tsu_meeting_get_title (m));
      g_autofree char *location = masked (tsu_meeting_get_location (m));
      g_autofree char *notes = masked (tsu_meeting_get_notes (m));
      g_autofree char *who = NULL;

      for (guint j = 0; j < g_list_model_get_n_items (people); j++)
        {
          g_autoptr(TsuParticipant) p = g_list_model_get_item (people, j);
          g_autoptr(TsuPerson) person = tsu_participant_get_person_id (p) != 0
                                          ? tsu_store_load (store, TSU_TYPE_PERSON,
                                                            tsu_participant_get_person_id (p), NULL) : NULL;
          g_autofree char *name = masked (person != NULL ? tsu_person_get_name (person)
                                                         : tsu_participant_get_name (p));

          g_ptr_array_add (names, g_strdup_printf ("%s/%s/%s/%s", name, tsu_participant_get_role (p),
                                                   tsu_participant_get_partstat (p),
                                                   tsu_participant_get_agency_name (p)));
        }
      g_ptr_array_sort (names, compare_strings);
      g_ptr_array_add (names, NULL);
      who = g_strjoinv (", ", (char **) names->pdata);

      g_ptr_array_add (lines, g_strdup_printf (
        "%s rid=%" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " allday=%d tz=%s "
        "rule=%s ex=%s %s %s loc=%s url=%s notes=%s case=%s muni=%s org=%s seq=%" G_GINT64_FORMAT
        " series=%s [%s]",
        tsu_meeting_get_uid (m), tsu_meeting_get_recurrence_id (m), title,
        tsu_meeting_get_starts_at (m), tsu_meeting_get_ends_at (m), tsu_meeting_get_all_day (m),
        tsu_meeting_get_tzid (m), tsu_meeting_get_rrule (m), tsu_meeting_get_exdates (m),
        tsu_meeting_get_status (m), tsu_meeting_get_kind (m), location, tsu_meeting_get_url (m),
        notes, kase != NULL ? tsu_case_get_code (kase) : "-",
        muni != NULL ? tsu_municipality_get_code (muni) : "-",
        organizer != NULL ? tsu_person_get_email (organizer) : "-",
        tsu_meeting_get_sequence (m), tsu_meeting_get_series_id (m) != 0 ? "yes" : "no", who));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
  return g_string_free (out, FALSE);
}

/* Export, then import into another database that knows the same case and people:
 * the same meetings come back. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *ics = export_all (f->store);
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-ical-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  g_autoptr(TsuStore) other = tsu_store_open (path, NULL);
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autoptr(TsuIcalPlan) again = NULL;
  g_autofree char *expected = describe (f->store);
  g_autofree char *got = NULL;

  tsu_case_set_code (kase, CASE_CODE);
  save (other, kase);
  add_person (other, "佐藤 恵子", "sato@center.example.jp");
  add_person (other, "高橋 真理子", "takahashi@visit-nurse.example.jp");
  add_person (other, "伊藤 学", NULL);

  plan = import_text (other, ics);
  g_assert_cmpuint (tsu_ical_plan_get_n_added (plan), ==, tsu_store_count (f->store, TSU_TYPE_MEETING));
  g_assert_cmpuint (tsu_ical_plan_get_n_skipped (plan), ==, 0);
  got = describe (other);
  if (g_getenv ("TSU_TEST_DUMP") != NULL)
    {
      g_file_set_contents ("/tmp/expected.txt", expected, -1, NULL);
      g_file_set_contents ("/tmp/got.txt", got, -1, NULL);
    }
  g_assert_cmpstr (got, ==, expected);

  /* The same file again: nothing to do. */
  again = import_text (other, ics);
  g_assert_cmpuint (tsu_ical_plan_get_n_skipped (again), ==, tsu_store_count (f->store, TSU_TYPE_MEETING));
  g_assert_true (tsu_ical_plan_is_empty (again));

  g_clear_object (&other);
  g_unlink (path);
  g_rmdir (dir);
}

static void
assert_no_child_name (const char *ics)
{
  g_autofree char *text = unfolded (ics);
  const char *names[] = { "山田 花子", "山田花子", "山田　花子", "やまだ はなこ", "やまだはなこ", "花子" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strstr (ics, names[i]) != NULL || strstr (text, names[i]) != NULL)
      g_error ("The child's name “%s” is in the export", names[i]);
  g_assert_nonnull (strstr (text, CASE_CODE));
}

/* The child's name never leaves in a file, however it was typed. */
static void
test_privacy (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *ics = export_all (f->store);
  g_autofree char *invitation = export_invitation (f->store, f->single_id, NULL, NULL);
  g_autofree char *text = unfolded (ics);

  assert_no_child_name (ics);
  assert_no_child_name (invitation);
  g_assert_nonnull (strstr (text, "SUMMARY:ケース会議 C-2026-0042（C-2026-0042さん）\n"));
  g_assert_nonnull (strstr (text, "CN=C-2026-0042の母"));
  g_assert_nonnull (strstr (text, "X-TSUNAGU-CASE:C-2026-0042\n"));
}

/* RFC 5545 as calendars read it. */
static void
test_format (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *ics = export_all (f->store);
  g_autofree char *text = unfolded (ics);
  g_auto(GStrv) lines = g_strsplit (ics, "\r\n", -1);
  const char *expected[] = {
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Tsunagu//Tsunagu ",
    "\nBEGIN:VTIMEZONE\nTZID:Asia/Tokyo\n",
    "BEGIN:STANDARD\nTZOFFSETFROM:+0900\nTZOFFSETTO:+0900\nTZNAME:JST\n",
    "\nDTSTAMP:20261124T000000Z\n",
    "\nDTSTART;TZID=Asia/Tokyo:20261124T140000\nDTEND;TZID=Asia/Tokyo:20261124T153000\n",
    "\nRRULE:FREQ=MONTHLY;BYDAY=2TU\nEXDATE;TZID=Asia/Tokyo:20260310T140000\n"
    "EXDATE;TZID=Asia/Tokyo:20260811T140000\n",
    "\nRECURRENCE-ID;TZID=Asia/Tokyo:20260609T140000\nDTSTART;TZID=Asia/Tokyo:20260610T100000\n",
    "\nDTSTART;VALUE=DATE:20261203\nDTEND;VALUE=DATE:20261205\n",
    "\nLOCATION:所沢市保健センター 2階 相談室\\; 駐車場あり\\, 車椅子可\n",
    "\nURL:https://meet.example.jp/abc-defg-hij?pwd=1;2\n",
    "\nDESCRIPTION:本人（C-2026-0042）の人工呼吸器の電源確保について。\\nC-2026-0042さんの母も出席。\n",
    "\nCATEGORIES:Case conference\n",
    "\nCATEGORIES:Municipal council\n",
    "\nSTATUS:CANCELLED\n",
    "\nORGANIZER;CN=佐藤 恵子:mailto:sato@center.example.jp\n",
    "\nATTENDEE;CUTYPE=INDIVIDUAL;ROLE=CHAIR;PARTSTAT=ACCEPTED;CN=佐藤 恵子:mailto:sato@center.example.jp\n",
    ";ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;CN=小林 亮;X-TSUNAGU-AGENCY=所沢市 障害福祉課:urn:uuid:",
    "\nX-TSUNAGU-MUNICIPALITY:11201\n",
    "\nEND:VCALENDAR\n",
  };

  g_assert_true (g_utf8_validate (ics, -1, NULL));
  g_assert_true (g_str_has_suffix (ics, "END:VCALENDAR\r\n"));
  g_assert_null (strstr (ics, "freeassociation"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));   /* never folded inside a character */
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("Not in the export: %s", expected[i]);
}

/* Invitations: REQUEST with the stored SEQUENCE, CANCEL for a cancelled meeting, the
 * series with its changed occurrences, one occurrence alone. */
static void
test_invitation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *request = export_invitation (f->store, f->single_id, NULL, &error);
  g_autofree char *request_text = unfolded (request);
  g_autofree char *cancel = export_invitation (f->store, f->cancelled_id, NULL, &error);
  g_autofree char *series = export_invitation (f->store, f->series_id, NULL, &error);
  g_autofree char *occurrence = export_invitation (f->store, f->moved_id, NULL, &error);
  g_autofree char *changed = NULL;
  g_autofree char *orphan = NULL;
  g_autofree char *with_fallback = NULL;
  g_autoptr(TsuMeeting) conference = tsu_store_load (f->store, TSU_TYPE_MEETING, f->single_id, NULL);
  g_autoptr(TsuMeeting) lonely = new_meeting ("internal", "センター内打合せ",
                                              tokyo (2026, 12, 1, 9, 0), tokyo (2026, 12, 1, 10, 0));
  g_auto(GStrv) recipients = NULL;
  TsuIcalExportOptions options;
  gint64 lonely_id;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (request_text, "\nMETHOD:REQUEST\n"));
  g_assert_nonnull (strstr (request_text, "\nSEQUENCE:0\n"));
  g_assert_nonnull (strstr (request_text, "\nORGANIZER;CN=佐藤 恵子:mailto:sato@center.example.jp\n"));
  g_assert_nonnull (strstr (request_text, "PARTSTAT=TENTATIVE;CN=高橋 真理子;X-TSUNAGU-ROLE=presenter:mailto:"));
  /* RSVP only where a reply can come back. */
  g_assert_nonnull (strstr (request_text, "PARTSTAT=NEEDS-ACTION;CN=伊藤 学;X-TSUNAGU-ROLE=recorder:urn:uuid:"));
  g_assert_null (strstr (request_text, "X-WR-CALNAME"));

  tsu_meeting_set_location (conference, "所沢市保健センター 3階 会議室");
  save (f->store, conference);
  {
    g_autofree char *raw = export_invitation (f->store, f->single_id, NULL, NULL);

    changed = unfolded (raw);
  }
  g_assert_nonnull (strstr (changed, "\nSEQUENCE:1\n"));

  g_assert_nonnull (strstr (cancel, "\r\nMETHOD:CANCEL\r\n"));
  g_assert_nonnull (strstr (cancel, "\r\nSTATUS:CANCELLED\r\n"));

  g_assert_nonnull (strstr (series, "\r\nRRULE:FREQ=MONTHLY;BYDAY=2TU\r\n"));
  g_assert_nonnull (strstr (series, "\r\nRECURRENCE-ID;TZID=Asia/Tokyo:20260609T140000\r\n"));
  g_assert_nonnull (strstr (series, "\r\nRECURRENCE-ID;TZID=Asia/Tokyo:20260908T140000\r\n"));
  g_assert_nonnull (strstr (occurrence, "\r\nMETHOD:REQUEST\r\n"));
  g_assert_nonnull (strstr (occurrence, "\r\nRECURRENCE-ID;TZID=Asia/Tokyo:20260609T140000\r\n"));
  g_assert_null (strstr (occurrence, "RRULE"));
  /* An occurrence without its own list invites the series' participants. */
  g_assert_nonnull (strstr (occurrence, "mailto:takahashi@visit-nurse.example.jp"));

  /* Without an organizer or chair with an address, replies would go nowhere. */
  lonely_id = save (f->store, lonely);
  orphan = export_invitation (f->store, lonely_id, NULL, &error);
  g_assert_null (orphan);
  g_assert_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_NO_ORGANIZER);
  g_clear_error (&error);
  tsu_ical_export_options_init (&options);
  options.organizer_email = "center@support.example.jp";
  options.organizer_name = "医療的ケア児支援センター";
  with_fallback = export_invitation (f->store, lonely_id, &options, &error);
  g_assert_no_error (error);
  {
    g_autofree char *text = unfolded (with_fallback);

    g_assert_nonnull (strstr (text, "\nORGANIZER;CN=医療的ケア児支援センター:mailto:center@support.example.jp\n"));
  }

  recipients = tsu_ical_export_invitation_recipients (f->store, f->single_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (recipients), ==, 2);
  g_assert_cmpstr (recipients[0], ==, "sato@center.example.jp");
  g_assert_cmpstr (recipients[1], ==, "takahashi@visit-nurse.example.jp");
}

static char *
uids_in (const char *ics)
{
  g_auto(GStrv) lines = g_strsplit (ics, "\r\n", -1);
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "SUMMARY:"))
      g_ptr_array_add (uids, lines[i] + strlen ("SUMMARY:"));
  g_ptr_array_sort (uids, compare_strings);
  for (guint i = 0; i < uids->len; i++)
    g_string_append_printf (out, "%s|", (char *) uids->pdata[i]);
  return g_string_free (out, FALSE);
}

static char *
export_filtered (TsuStore   *store,
                 gint64      from,
                 gint64      to,
                 const char *kind,
                 gint64      case_id,
                 gint64      municipality)
{
  g_autoptr(GBytes) bytes = NULL;
  TsuIcalExportOptions options;
  g_autofree char *text = NULL;

  tsu_ical_export_options_init (&options);
  if (from != 0)
    {
      options.from = from;
      options.to = to;
    }
  options.kind = kind;
  options.case_id = case_id;
  options.municipality_id = municipality;
  bytes = tsu_ical_export_calendar (store, &options, NULL, NULL);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return uids_in (text);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *december = export_filtered (f->store, tokyo (2026, 12, 1, 0, 0), tokyo (2027, 1, 1, 0, 0), NULL, 0, 0);
  g_autofree char *before_series = export_filtered (f->store, tokyo (2025, 1, 1, 0, 0), tokyo (2026, 1, 1, 0, 0), NULL, 0, 0);
  g_autofree char *conferences = export_filtered (f->store, 0, 0, "case-conference", 0, 0);
  g_autofree char *of_case = export_filtered (f->store, 0, 0, NULL, f->case_id, 0);
  g_autofree char *kawagoe = export_filtered (f->store, 0, 0, NULL, 0, municipality_id (f->store, "11201"));

  /* A series that overlaps the period goes whole, with its changed occurrences. */
  g_assert_cmpstr (december, ==, "医療的ケア児等コーディネーター養成研修|多機関連絡会議（中止）|"
                                 "川越市 医療的ケア児等支援協議の場|川越市 医療的ケア児等支援協議の場|"
                                 "川越市 協議の場（会場変更）|");
  g_assert_cmpstr (before_series, ==, "");
  g_assert_cmpstr (conferences, ==, "ケース会議 C-2026-0042（C-2026-0042さん）|");
  g_assert_cmpstr (of_case, ==, conferences);
  g_assert_cmpstr (kawagoe, ==, "川越市 医療的ケア児等支援協議の場|川越市 医療的ケア児等支援協議の場|"
                                "川越市 協議の場（会場変更）|");
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

static GHashTable *
rule_parts (const char *rule)
{
  GHashTable *parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) items = g_strsplit (rule != NULL ? rule : "", ";", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (items[i], "=", 2);

      if (g_strv_length (kv) == 2 && strcmp (kv[0], "WKST") != 0)
        g_hash_table_insert (parts, g_strdup (kv[0]), g_strdup (kv[1]));
    }
  return parts;
}

static gboolean
same_rule (const char *a,
           const char *b)
{
  g_autoptr(GHashTable) pa = rule_parts (a);
  g_autoptr(GHashTable) pb = rule_parts (b);
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (pa) != g_hash_table_size (pb))
    return FALSE;
  g_hash_table_iter_init (&iter, pa);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (pb, key)) != 0)
      return FALSE;
  return TRUE;
}

static TsuMeeting *
meeting_for (TsuStore   *store,
             const char *uid,
             gint64      recurrence_id)
{
  g_autoptr(TsuMeeting) series = tsu_store_find_meeting_by_uid (store, uid, NULL);
  g_autoptr(GListModel) moved = NULL;

  g_assert_nonnull (series);
  if (recurrence_id == 0)
    return g_steal_pointer (&series);
  moved = tsu_store_list_by (store, TSU_TYPE_MEETING, "series_id",
                             tsu_record_get_id (TSU_RECORD (series)), NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (moved); i++)
    {
      TsuMeeting *m = g_list_model_get_item (moved, i);

      if (tsu_meeting_get_recurrence_id (m) == recurrence_id)
        return m;
      g_object_unref (m);
    }
  g_assert_not_reached ();
}

static guint
check_peer_events (TsuStore   *store,
                   const char *path)
{
  g_autofree char *out = run_peer ((const char *[]) { "events", path, NULL });
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++, n++)
    {
      g_auto(GStrv) col = g_strsplit (lines[i], "\t", -1);
      gint64 rid = col[1][0] != '\0' ? g_ascii_strtoll (col[1], NULL, 10) : 0;
      g_autoptr(TsuMeeting) m = NULL;
      g_autofree char *title = NULL;
      g_autofree char *exdates = NULL;
      g_autoptr(GListModel) people = NULL;
      g_auto(GStrv) attendees = NULL;
      guint n_attendees;

      g_assert_cmpuint (g_strv_length (col), ==, 11);
      m = meeting_for (store, col[0], rid);
      title = masked (tsu_meeting_get_title (m));
      g_strdelimit (title, "\t\r\n", ' ');
      g_assert_cmpstr (col[2], ==, title);
      g_assert_cmpint (g_ascii_strtoll (col[3], NULL, 10), ==, tsu_meeting_get_starts_at (m));
      g_assert_cmpint (g_ascii_strtoll (col[4], NULL, 10), ==, tsu_meeting_get_ends_at (m));
      g_assert_cmpint (atoi (col[5]), ==, tsu_meeting_get_all_day (m));
      if (rid == 0)
        g_assert_true (same_rule (col[6], tsu_meeting_get_rrule (m)));
      exdates = g_strdup (tsu_meeting_get_exdates (m) != NULL && rid == 0 ? tsu_meeting_get_exdates (m) : "");
      g_assert_cmpstr (col[7], ==, exdates);
      g_assert_cmpstr (col[8], ==, tsu_ical_kind_to_category (tsu_meeting_get_kind (m)));
      g_assert_cmpstr (col[9], ==, g_strcmp0 (tsu_meeting_get_status (m), "cancelled") == 0 ? "CANCELLED" : "CONFIRMED");

      people = tsu_store_list_by (store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                  tsu_record_get_id (TSU_RECORD (m)), NULL, NULL);
      attendees = g_strsplit (col[10], ";", -1);
      n_attendees = col[10][0] == '\0' ? 0 : g_strv_length (attendees);
      if (g_list_model_get_n_items (people) > 0)
        {
          g_autoptr(GHashTable) distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

          for (guint j = 0; j < g_list_model_get_n_items (people); j++)
            {
              g_autoptr(TsuParticipant) p = g_list_model_get_item (people, j);

              g_hash_table_add (distinct, tsu_participant_get_person_id (p) != 0
                                            ? g_strdup_printf ("%" G_GINT64_FORMAT, tsu_participant_get_person_id (p))
                                            : g_strdup (tsu_participant_get_name (p)));
            }
          g_assert_cmpuint (n_attendees, ==, g_hash_table_size (distinct));
        }
    }
  return n;
}

/* python3-icalendar reads the export with the same events. */
static void
test_peer_parse (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *ics = export_all (f->store);
  g_autofree char *path = save_text (f, "export.ics", ics);
  g_autofree char *invitation = export_invitation (f->store, f->series_id, NULL, NULL);
  g_autofree char *invitation_path = save_text (f, "invitation.ics", invitation);

  g_assert_cmpuint (check_peer_events (f->store, path), ==, tsu_store_count (f->store, TSU_TYPE_MEETING));
  g_assert_cmpuint (check_peer_events (f->store, invitation_path), ==, 3);
}

static int
compare_lines (gconstpointer a,
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
  g_ptr_array_sort (kept, compare_lines);
  for (guint i = 0; i < kept->len; i++)
    g_string_append_printf (out, "%s\n", (char *) kept->pdata[i]);
  return g_string_free (out, FALSE);
}

static char *
our_occurrences (TsuStore *store)
{
  g_autoptr(GListModel) all = tsu_store_list_occurrences (store, PERIOD_FROM, PERIOD_TO, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (all, i);

      g_string_append_printf (out, "%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n",
                              tsu_meeting_get_uid (tsu_occurrence_get_meeting (o)),
                              tsu_occurrence_get_starts_at (o), tsu_occurrence_get_ends_at (o));
    }
  return g_string_free (out, FALSE);
}

static void
check_peer_occurrences (TsuStore   *store,
                        const char *path)
{
  g_autofree char *from = g_strdup_printf ("%d", PERIOD_FROM);
  g_autofree char *to = g_strdup_printf ("%d", PERIOD_TO);
  g_autofree char *theirs = run_peer ((const char *[]) { "occurrences", path, from, to, NULL });
  g_autofree char *ours = our_occurrences (store);
  g_autofree char *a = normalized (ours);
  g_autofree char *b = normalized (theirs);

  g_assert_cmpstr (a, ==, b);
}

/* python3-recurring-ical-events expands the exported file to the occurrences Tsunagu
 * shows, one by one. */
static void
test_peer_occurrences (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *ics = export_all (f->store);
  g_autofree char *path = save_text (f, "export.ics", ics);

  check_peer_occurrences (f->store, path);
}

/* Generated demo data: export, the peer reads every event, import into an empty
 * database gives the same number of meetings and the same occurrences. */
static void
test_demo_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-ical-XXXXXX", NULL);
  g_autofree char *demo_path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.db", NULL);
  g_autoptr(TsuStore) demo = tsu_store_open (demo_path, NULL);
  g_autoptr(TsuStore) other = tsu_store_open (other_path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *back = NULL;
  TsuDemoOptions options;

  tsu_demo_options_init (&options);
  options.scale = 0.02;
  options.years = 3;
  options.end = NOW;
  g_assert_true (tsu_demo_generate (demo, &options, &error));
  g_assert_no_error (error);

  ics = export_all (demo);
  path = save_text (f, "demo.ics", ics);
  g_assert_cmpuint (check_peer_events (demo, path), ==, tsu_store_count (demo, TSU_TYPE_MEETING));
  check_peer_occurrences (demo, path);

  plan = import_text (other, ics);
  g_assert_cmpuint (tsu_ical_plan_get_n_added (plan), ==, tsu_store_count (demo, TSU_TYPE_MEETING));
  /* A person listed twice in one meeting is one attendee. */
  g_assert_cmpint (tsu_store_count (other, TSU_TYPE_PARTICIPANT), ==,
                   count_rows (demo, "SELECT count (*) FROM (SELECT DISTINCT meeting_id, "
                                     "coalesce (person_id, name) FROM participant)"));
  ours = our_occurrences (demo);
  back = our_occurrences (other);
  g_assert_cmpstr (ours, ==, back);

  g_clear_object (&demo);
  g_clear_object (&other);
  remove_tree (dir);
}

/* Meetings imported from elsewhere keep their zone on the way out: UTC times as UTC,
 * a New York series with New York's VTIMEZONE (from tzdata, its TZID plain). */
static void
test_foreign_zones (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "ical", "google.ics", NULL);
  g_autofree char *text = NULL;
  g_autoptr(TsuIcalPlan) plan = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *path = NULL;
  g_autofree char *unfolded_ics = NULL;

  g_assert_true (g_file_get_contents (sample, &text, NULL, NULL));
  plan = import_text (f->store, text);
  g_assert_cmpuint (tsu_ical_plan_get_n_added (plan), ==, 7);

  ics = export_all (f->store);
  unfolded_ics = unfolded (ics);
  g_assert_nonnull (strstr (unfolded_ics, "\nBEGIN:VTIMEZONE\nTZID:America/New_York\n"));
  g_assert_nonnull (strstr (unfolded_ics, "\nDTSTART;TZID=America/New_York:20260302T190000\n"));
  g_assert_nonnull (strstr (unfolded_ics, "\nDTSTART:20261124T050000Z\n"));
  g_assert_null (strstr (unfolded_ics, "freeassociation"));

  path = save_text (f, "foreign.ics", ics);
  g_assert_cmpuint (check_peer_events (f->store, path), ==, tsu_store_count (f->store, TSU_TYPE_MEETING));
  check_peer_occurrences (f->store, path);
}

/* Performance (run with -m perf): the scale-1 demo calendar. */
static void
test_perf_export (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-ical-XXXXXX", NULL);
  g_autofree char *demo_path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(TsuStore) demo = tsu_store_open (demo_path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree char *ics = NULL;
  TsuDemoOptions options;
  double seconds;

  tsu_demo_options_init (&options);
  options.end = NOW;
  g_assert_true (tsu_demo_generate (demo, &options, &error));
  g_assert_no_error (error);

  timer = g_timer_new ();
  ics = export_all (demo);
  seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("export of the scale-1 demo calendar: %" G_GINT64_FORMAT " meetings, %"
                  G_GINT64_FORMAT " participants, %.1f MB in %.3f s",
                  tsu_store_count (demo, TSU_TYPE_MEETING), tsu_store_count (demo, TSU_TYPE_PARTICIPANT),
                  strlen (ics) / 1e6, seconds);
  g_test_minimized_result (seconds, "export of the scale-1 demo calendar: %.3f s", seconds);

  g_clear_object (&demo);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ical-export/round-trip", test_round_trip);
  ADD ("/ical-export/privacy", test_privacy);
  ADD ("/ical-export/format", test_format);
  ADD ("/ical-export/invitation", test_invitation);
  ADD ("/ical-export/filters", test_filters);
  ADD ("/ical-export/peer-parse", test_peer_parse);
  ADD ("/ical-export/peer-occurrences", test_peer_occurrences);
  ADD ("/ical-export/foreign-zones", test_foreign_zones);
  ADD ("/ical-export/demo-round-trip", test_demo_round_trip);
  if (g_test_perf ())
    ADD ("/ical-export/perf/demo-scale-1", test_perf_export);

  return g_test_run ();
}
