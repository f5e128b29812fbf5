/* test-store.c: the storage core
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tsunagu-core.h"

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

  f->dir = g_dir_make_tmp ("tsunagu-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "tsunagu.db", NULL);
  f->store = tsu_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
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

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static TsuAgency *
save_agency (TsuStore   *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  TsuAgency *a = tsu_agency_new ();

  tsu_agency_set_name (a, name);
  tsu_agency_set_kind (a, "hospital");
  tsu_store_save (store, TSU_RECORD (a), &error);
  g_assert_no_error (error);
  return a;
}

static TsuCase *
save_case (TsuStore   *store,
           const char *code)
{
  g_autoptr(GError) error = NULL;
  TsuCase *c = tsu_case_new ();

  tsu_case_set_code (c, code);
  tsu_case_set_child_name (c, "山田 花子");
  tsu_case_set_child_kana (c, "やまだ はなこ");
  tsu_case_set_status (c, "active");
  tsu_store_save (store, TSU_RECORD (c), &error);
  g_assert_no_error (error);
  return c;
}

static TsuMeeting *
save_meeting (TsuStore   *store,
              const char *title,
              gint64      start,
              gint64      minutes,
              const char *rrule)
{
  g_autoptr(GError) error = NULL;
  TsuMeeting *m = tsu_meeting_new ();

  tsu_meeting_set_title (m, title);
  tsu_meeting_set_kind (m, "municipal-council");
  tsu_meeting_set_starts_at (m, start);
  tsu_meeting_set_ends_at (m, start + minutes * 60);
  tsu_meeting_set_rrule (m, rrule);
  tsu_store_save (store, TSU_RECORD (m), &error);
  g_assert_no_error (error);
  return m;
}

/* A new database has the schema, the seed data and private permissions. */
static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GListModel) municipalities = NULL;
  g_autoptr(TsuMunicipality) first = NULL;
  GStatBuf st;

  g_assert_cmpint (tsu_database_get_schema_version (tsu_store_get_database (f->store)), ==,
                   TSU_SCHEMA_VERSION);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  municipalities = tsu_store_list (f->store, TSU_TYPE_MUNICIPALITY, "code", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (municipalities), ==, 63);
  first = g_list_model_get_item (municipalities, 0);
  g_assert_cmpstr (tsu_municipality_get_name (first), ==, "さいたま市");
  g_assert_cmpstr (tsu_municipality_get_kana (first), ==, "さいたまし");
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM municipality WHERE kind = '村'"), ==, 1);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM medical_care_type"), ==, 14);
  g_assert_cmpint (count_rows (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_true (tsu_database_check_integrity (tsu_store_get_database (f->store), FALSE, NULL));
}

/* Opening again keeps the data and migrates nothing twice; an empty file is adopted. */
static void
test_reopen_and_empty_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuAgency) a = save_agency (f->store, "県立小児医療センター");
  g_autoptr(TsuStore) again = NULL;
  g_autoptr(TsuStore) from_empty = NULL;
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(TsuAgency) loaded = NULL;

  g_clear_object (&f->store);
  again = tsu_store_open (f->path, &error);
  g_assert_no_error (error);
  loaded = tsu_store_load (again, TSU_TYPE_AGENCY, tsu_record_get_id (TSU_RECORD (a)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tsu_agency_get_name (loaded), ==, "県立小児医療センター");
  g_assert_cmpint (count_rows (again, "SELECT count(*) FROM municipality"), ==, 63);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  from_empty = tsu_store_open (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsu_store_count (from_empty, TSU_TYPE_MUNICIPALITY), ==, 63);
}

static void
assert_refused_unchanged (const char *path,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(TsuStore) store = tsu_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, TSU_DATABASE_ERROR, code);
  g_assert_true (strstr (error->message, "unchanged") != NULL);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Foreign files, another program's database and a newer schema are refused untouched. */
static void
test_refuse_foreign (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  sqlite3 *db;

  g_assert_true (g_file_set_contents (text, "これはデータベースではありません\n", -1, NULL));
  assert_refused_unchanged (text, TSU_DATABASE_ERROR_NOT_TSUNAGU);

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_unchanged (other, TSU_DATABASE_ERROR_NOT_TSUNAGU);

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_rename (f->path, newer) == 0);
  assert_refused_unchanged (newer, TSU_DATABASE_ERROR_TOO_NEW);
}

/* Create, read, update and delete every kind of record. */
static void
test_crud_all (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuAgency) agency = save_agency (f->store, "川口訪問看護ステーション");
  g_autoptr(TsuCase) kase = save_case (f->store, "C-2026-0001");
  g_autoptr(TsuMeeting) meeting = save_meeting (f->store, "ケース会議 C-2026-0001",
                                                tokyo (2026, 11, 24, 14, 0), 90, NULL);
  g_autoptr(TsuPerson) person = tsu_person_new ();
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 case_id = tsu_record_get_id (TSU_RECORD (kase));
  gint64 meeting_id = tsu_record_get_id (TSU_RECORD (meeting));
  gint64 agency_id = tsu_record_get_id (TSU_RECORD (agency));

  tsu_person_set_name (person, "佐藤 恵子");
  tsu_person_set_kana (person, "さとう けいこ");
  tsu_person_set_profession (person, "保健師");
  tsu_person_set_agency_id (person, agency_id);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (person), &error));
  g_assert_no_error (error);

  tsu_minutes_set_meeting_id (minutes, meeting_id);
  tsu_minutes_set_summary (minutes, "支援方針を確認した。");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (minutes), &error));
  g_assert_no_error (error);

  {
    TsuTeamMember *t = tsu_team_member_new ();
    TsuConsent *c = tsu_consent_new ();
    TsuConsultation *q = tsu_consultation_new ();
    TsuParticipant *p = tsu_participant_new ();
    TsuAgendaItem *ai = tsu_agenda_item_new ();
    TsuDiscussion *d = tsu_discussion_new ();
    TsuDecision *dec = tsu_decision_new ();
    TsuActionItem *act = tsu_action_item_new ();

    tsu_team_member_set_case_id (t, case_id);
    tsu_team_member_set_person_id (t, tsu_record_get_id (TSU_RECORD (person)));
    tsu_team_member_set_role (t, "保健師");
    tsu_consent_set_case_id (c, case_id);
    tsu_consent_set_agency_id (c, agency_id);
    tsu_consent_set_given_on (c, "2026-04-01");
    tsu_consultation_set_case_id (q, case_id);
    tsu_consultation_set_channel (q, "phone");
    tsu_consultation_set_topics (q, "レスパイト");
    tsu_participant_set_meeting_id (p, meeting_id);
    tsu_participant_set_person_id (p, tsu_record_get_id (TSU_RECORD (person)));
    tsu_participant_set_role (p, "chair");
    tsu_agenda_item_set_meeting_id (ai, meeting_id);
    tsu_agenda_item_set_title (ai, "支援方針の検討");
    tsu_agenda_item_set_planned_minutes (ai, 30);
    tsu_discussion_set_minutes_id (d, tsu_record_get_id (TSU_RECORD (minutes)));
    tsu_discussion_set_body (d, "短期入所の受け入れ先を検討した。");
    tsu_decision_set_minutes_id (dec, tsu_record_get_id (TSU_RECORD (minutes)));
    tsu_decision_set_body (dec, "訪問看護を週3回に増やす。");
    tsu_decision_set_good_practice (dec, TRUE);
    tsu_action_item_set_case_id (act, case_id);
    tsu_action_item_set_minutes_id (act, tsu_record_get_id (TSU_RECORD (minutes)));
    tsu_action_item_set_what (act, "短期入所先に照会する");
    tsu_action_item_set_due_on (act, "2026-12-10");

    g_ptr_array_add (records, t);
    g_ptr_array_add (records, c);
    g_ptr_array_add (records, q);
    g_ptr_array_add (records, p);
    g_ptr_array_add (records, ai);
    g_ptr_array_add (records, d);
    g_ptr_array_add (records, dec);
    g_ptr_array_add (records, act);
  }

  g_ptr_array_add (records, g_object_ref (agency));
  g_ptr_array_add (records, g_object_ref (person));
  g_ptr_array_add (records, g_object_ref (kase));
  g_ptr_array_add (records, g_object_ref (meeting));
  g_ptr_array_add (records, g_object_ref (minutes));

  for (guint i = 0; i < records->len; i++)
    {
      TsuRecord *r = records->pdata[i];
      g_autoptr(TsuRecord) loaded = NULL;
      g_autoptr(TsuRecord) updated = NULL;
      const TsuField *fields;
      guint n_fields;

      if (tsu_record_get_id (r) == 0)
        g_assert_true (tsu_store_save (f->store, r, &error));
      g_assert_no_error (error);
      g_assert_cmpint (tsu_record_get_id (r), >, 0);

      /* Every field comes back as it was written. */
      loaded = tsu_store_load (f->store, G_OBJECT_TYPE (r), tsu_record_get_id (r), &error);
      g_assert_no_error (error);
      fields = tsu_record_get_fields (r, &n_fields);
      for (guint j = 0; j < n_fields; j++)
        {
          if (fields[j].kind == TSU_FIELD_TEXT)
            g_assert_cmpstr (tsu_record_get_text (loaded, j), ==, tsu_record_get_text (r, j));
          else
            g_assert_cmpint (tsu_record_get_int (loaded, j), ==, tsu_record_get_int (r, j));
        }

      /* Update: change the first text field that is free to change. */
      for (guint j = 0; j < n_fields; j++)
        if (fields[j].kind == TSU_FIELD_TEXT && g_strcmp0 (fields[j].name, "status") != 0 &&
            g_strcmp0 (fields[j].name, "channel") != 0 && g_strcmp0 (fields[j].name, "role") != 0 &&
            g_strcmp0 (fields[j].name, "kind") != 0 && g_strcmp0 (fields[j].name, "state") != 0 &&
            g_strcmp0 (fields[j].name, "partstat") != 0 && g_strcmp0 (fields[j].name, "attendance") != 0 &&
            g_strcmp0 (fields[j].name, "tzid") != 0 && g_strcmp0 (fields[j].name, "uid") != 0)
          {
            tsu_record_set_text (loaded, j, "更新済み");
            g_assert_true (tsu_store_save (f->store, loaded, &error));
            g_assert_no_error (error);
            updated = tsu_store_load (f->store, G_OBJECT_TYPE (r), tsu_record_get_id (r), &error);
            g_assert_cmpstr (tsu_record_get_text (updated, j), ==, "更新済み");
            break;
          }
    }

  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM audit_log WHERE action = 'update'"), >=, 10);
  g_assert_cmpint (count_rows (f->store, "SELECT count(DISTINCT entity) FROM audit_log"), ==, 13);

  /* Delete each in reverse order; then none of them loads. */
  for (guint i = records->len; i-- > 0;)
    {
      TsuRecord *r = records->pdata[i];
      gint64 id = tsu_record_get_id (r);
      g_autoptr(TsuRecord) gone = NULL;

      g_assert_true (tsu_store_delete (f->store, r, &error));
      g_assert_no_error (error);
      gone = tsu_store_load (f->store, G_OBJECT_TYPE (r), id, &error);
      g_assert_null (gone);
      g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }
}

/* Foreign keys hold, and deleting a case or meeting takes its own rows with it. */
static void
test_foreign_keys_cascade (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuCase) kase = save_case (f->store, "C-2026-0002");
  g_autoptr(TsuAgency) agency = save_agency (f->store, "さいたま市保健所");
  g_autoptr(TsuMeeting) meeting = save_meeting (f->store, "ケース会議", tokyo (2026, 12, 1, 10, 0), 60, NULL);
  g_autoptr(TsuConsent) consent = tsu_consent_new ();
  g_autoptr(TsuParticipant) orphan = tsu_participant_new ();
  g_autoptr(TsuParticipant) p = tsu_participant_new ();
  g_autoptr(TsuPerson) person = tsu_person_new ();

  tsu_meeting_set_case_id (meeting, tsu_record_get_id (TSU_RECORD (kase)));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (meeting), &error));

  tsu_consent_set_case_id (consent, tsu_record_get_id (TSU_RECORD (kase)));
  tsu_consent_set_agency_id (consent, tsu_record_get_id (TSU_RECORD (agency)));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (consent), &error));
  g_assert_no_error (error);

  /* A participant of a meeting that does not exist is refused. */
  tsu_participant_set_meeting_id (orphan, 999999);
  tsu_participant_set_name (orphan, "保護者");
  g_assert_false (tsu_store_save (f->store, TSU_RECORD (orphan), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (tsu_record_get_id (TSU_RECORD (orphan)), ==, 0);

  tsu_person_set_name (person, "田中 一郎");
  tsu_person_set_agency_id (person, tsu_record_get_id (TSU_RECORD (agency)));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (person), &error));
  tsu_participant_set_meeting_id (p, tsu_record_get_id (TSU_RECORD (meeting)));
  tsu_participant_set_person_id (p, tsu_record_get_id (TSU_RECORD (person)));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (p), &error));
  g_assert_no_error (error);

  /* Deleting the agency: its consent goes, the person stays without an agency. */
  g_assert_true (tsu_store_delete (f->store, TSU_RECORD (agency), &error));
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM consent"), ==, 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM person WHERE agency_id IS NULL"), ==, 1);

  /* Deleting the case keeps the meeting (its minutes are the center's record). */
  g_assert_true (tsu_store_delete (f->store, TSU_RECORD (kase), &error));
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM meeting WHERE case_id IS NULL"), ==, 1);

  /* Deleting the meeting takes its participants. */
  g_assert_true (tsu_store_delete (f->store, TSU_RECORD (meeting), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM participant"), ==, 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

/* Invalid UTF-8 and oversized text are refused and nothing is written; 1 MB of
 * minutes is stored whole. */
static void
test_invalid_and_huge (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuAgency) bad = tsu_agency_new ();
  g_autoptr(TsuMeeting) meeting = save_meeting (f->store, "協議の場", tokyo (2026, 11, 10, 14, 0), 120, NULL);
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();
  g_autoptr(TsuMinutes) loaded = NULL;
  g_autofree char *huge = g_malloc (TSU_RECORD_MAX_LONG_TEXT + 2);
  gint64 before = count_rows (f->store, "SELECT count(*) FROM agency");

  tsu_agency_set_name (bad, "\xe6\x97\xff\xfe broken");
  tsu_agency_set_kind (bad, "hospital");
  g_assert_false (tsu_store_save (f->store, TSU_RECORD (bad), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* A name of a megabyte is refused. */
  memset (huge, 'a', TSU_RECORD_MAX_LONG_TEXT);
  huge[TSU_RECORD_MAX_LONG_TEXT] = '\0';
  tsu_agency_set_name (bad, huge);
  g_assert_false (tsu_store_save (f->store, TSU_RECORD (bad), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM agency"), ==, before);

  /* Minutes of exactly 1 MiB are kept whole; one byte more is refused. */
  tsu_minutes_set_meeting_id (minutes, tsu_record_get_id (TSU_RECORD (meeting)));
  tsu_minutes_set_summary (minutes, huge);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (minutes), &error));
  g_assert_no_error (error);
  loaded = tsu_store_load (f->store, TSU_TYPE_MINUTES, tsu_record_get_id (TSU_RECORD (minutes)), &error);
  g_assert_cmpuint (strlen (tsu_minutes_get_summary (loaded)), ==, TSU_RECORD_MAX_LONG_TEXT);

  huge[TSU_RECORD_MAX_LONG_TEXT] = 'a';
  huge[TSU_RECORD_MAX_LONG_TEXT + 1] = '\0';
  tsu_minutes_set_summary (loaded, huge);
  g_assert_false (tsu_store_save (f->store, TSU_RECORD (loaded), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
}

/* Quotes and SQL fragments are names like any other. */
static void
test_sql_literal (Fixture       *f,
                  gconstpointer  data)
{
  const char *names[] = {
    "O'Brien \"Clinic\"",
    "x'); DROP TABLE agency; --",
    "%_\\ 100% 'quoted' `tick`",
    "佐藤'; DELETE FROM person WHERE '1'='1",
  };
  g_autoptr(GListModel) hits = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(TsuAgency) a = save_agency (f->store, names[i]);
      g_autoptr(TsuAgency) back = tsu_store_load (f->store, TSU_TYPE_AGENCY,
                                                  tsu_record_get_id (TSU_RECORD (a)), NULL);

      g_assert_cmpstr (tsu_agency_get_name (back), ==, names[i]);
    }
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_AGENCY), ==, G_N_ELEMENTS (names));

  /* Search with FTS syntax in it is a plain phrase, not a query language. */
  hits = tsu_store_search (f->store, "DROP TABLE", 10, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  g_clear_object (&hits);
  hits = tsu_store_search (f->store, "\"Clinic\" OR NEAR(", 10, NULL);
  g_assert_nonnull (hits);
}

typedef struct {
  const char *path;
  const char *prefix;
  int         n;
  int         saved;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *w = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) store = tsu_store_open (w->path, &error);

  g_assert_no_error (error);
  for (int i = 0; i < w->n; i++)
    {
      g_autoptr(TsuPerson) p = tsu_person_new ();
      g_autofree char *name = g_strdup_printf ("%s %d", w->prefix, i);

      tsu_person_set_name (p, name);
      if (tsu_store_save (store, TSU_RECORD (p), &error))
        w->saved++;
      g_assert_no_error (error);
    }
  return NULL;
}

/* Two connections writing at once: every write they were told was saved is there. */
static void
test_two_writers (Fixture       *f,
                  gconstpointer  data)
{
  WriterData a = { f->path, "甲", 150, 0 };
  WriterData b = { f->path, "乙", 150, 0 };
  GThread *ta = g_thread_new ("writer-a", writer_thread, &a);
  GThread *tb = g_thread_new ("writer-b", writer_thread, &b);

  g_thread_join (ta);
  g_thread_join (tb);
  g_assert_cmpint (a.saved + b.saved, ==, 300);
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_PERSON), ==, 300);
}

/* A multi-row write that fails leaves nothing behind. */
static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuAgency) a = tsu_agency_new ();
  g_autoptr(TsuAgency) b = tsu_agency_new ();

  g_assert_true (tsu_store_begin (f->store, &error));
  tsu_agency_set_name (a, "一件目");
  tsu_agency_set_kind (a, "clinic");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (a), &error));
  tsu_agency_set_kind (b, "clinic");  /* no name: refused */
  g_assert_false (tsu_store_save (f->store, TSU_RECORD (b), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  tsu_store_rollback (f->store);
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_AGENCY), ==, 0);
}

static gint64
nth_weekday (int y, int mo, int weekday, int n, int h)
{
  for (int d = 1; d <= 31; d++)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
      g_autoptr(GDateTime) dt = g_date_time_new (tz, y, mo, d, h, 0, 0);

      if (g_date_time_get_day_of_week (dt) == weekday && --n == 0)
        return g_date_time_to_unix (dt);
    }
  g_assert_not_reached ();
}

/* A monthly council on the second Tuesday at 14:00 Tokyo time, with one date
 * excluded and one occurrence moved. */
static void
test_second_tuesday (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = nth_weekday (2026, 1, 2, 2, 14);
  g_autoptr(TsuMeeting) series = save_meeting (f->store, "川越市 医療的ケア児等支援協議の場",
                                               first, 120, "FREQ=MONTHLY;BYDAY=2TU");
  g_autoptr(TsuMeeting) moved = tsu_meeting_new ();
  g_autoptr(GListModel) year = NULL;
  g_autofree char *exdates = NULL;
  gint64 march = nth_weekday (2026, 3, 2, 2, 14);
  gint64 june = nth_weekday (2026, 6, 2, 2, 14);

  g_assert_cmpint (first, ==, tokyo (2026, 1, 13, 14, 0));

  exdates = g_strdup_printf ("%" G_GINT64_FORMAT, march);
  tsu_meeting_set_exdates (series, exdates);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (series), &error));
  g_assert_no_error (error);

  tsu_meeting_set_uid (moved, tsu_meeting_get_uid (series));
  tsu_meeting_set_title (moved, "川越市 協議の場(会場変更)");
  tsu_meeting_set_kind (moved, "municipal-council");
  tsu_meeting_set_series_id (moved, tsu_record_get_id (TSU_RECORD (series)));
  tsu_meeting_set_recurrence_id (moved, june);
  tsu_meeting_set_starts_at (moved, june + 86400);
  tsu_meeting_set_ends_at (moved, june + 86400 + 7200);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (moved), &error));
  g_assert_no_error (error);

  year = tsu_store_list_occurrences (f->store, tokyo (2026, 1, 1, 0, 0), tokyo (2027, 1, 1, 0, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (year), ==, 11);

  for (guint i = 0; i < g_list_model_get_n_items (year); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (year, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (tsu_occurrence_get_starts_at (o));
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
      g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, tz);

      g_assert_cmpint (tsu_occurrence_get_ends_at (o) - tsu_occurrence_get_starts_at (o), ==, 7200);
      g_assert_cmpint (g_date_time_get_hour (dt), ==, 14);
      if (tsu_occurrence_get_recurrence_id (o) == june)
        {
          g_assert_cmpint (g_date_time_get_day_of_week (dt), ==, 3);  /* moved to Wednesday */
          g_assert_cmpstr (tsu_occurrence_get_title (o), ==, "川越市 協議の場(会場変更)");
        }
      else
        {
          g_assert_cmpint (g_date_time_get_day_of_week (dt), ==, 2);
          g_assert_cmpint ((g_date_time_get_day_of_month (dt) - 1) / 7, ==, 1);
          g_assert_cmpint (g_date_time_get_month (dt), !=, 3);
        }
    }
}

/* Single meetings overlapping the edges of a range, a counted series, all-day events. */
static void
test_range_edges (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GListModel) day = NULL;
  g_autoptr(TsuMeeting) overnight = save_meeting (f->store, "研修(2日間)", tokyo (2026, 11, 23, 9, 0),
                                                  60 * 33, NULL);
  g_autoptr(TsuMeeting) later = save_meeting (f->store, "翌日", tokyo (2026, 11, 25, 0, 0), 60, NULL);
  g_autoptr(TsuMeeting) counted = save_meeting (f->store, "週次", tokyo (2026, 11, 3, 9, 0), 30,
                                                "FREQ=WEEKLY;COUNT=4");
  g_autoptr(GListModel) after = NULL;

  g_assert_true (overnight != NULL && later != NULL && counted != NULL);
  day = tsu_store_list_occurrences (f->store, tokyo (2026, 11, 24, 0, 0), tokyo (2026, 11, 25, 0, 0), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (day), ==, 2);  /* overnight + the 4th weekly */

  after = tsu_store_list_occurrences (f->store, tokyo (2026, 11, 25, 0, 0), tokyo (2027, 1, 1, 0, 0), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);  /* the series ended */
}

static char *
first_title (GListModel *occurrences)
{
  g_autoptr(TsuOccurrence) o = g_list_model_get_item (occurrences, 0);

  g_assert_nonnull (o);
  return g_strdup (tsu_occurrence_get_title (o));
}

/* The recurring series a range query keeps between queries never hide a change: one
 * made by another program, one undone by a rollback, or a caller changing what it
 * was given without saving it. */
static void
test_series_follow_changes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuMeeting) series = save_meeting (f->store, "定例会議", tokyo (2026, 4, 6, 10, 0), 60,
                                               "FREQ=WEEKLY");
  g_autoptr(TsuStore) other = tsu_store_open (f->path, &error);
  g_autoptr(TsuMeeting) theirs = NULL;
  g_autoptr(TsuMeeting) added = NULL;
  g_autoptr(GListModel) april = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(GListModel) inside = NULL;
  g_autoptr(GListModel) undone = NULL;
  g_autoptr(GListModel) renamed = NULL;
  g_autoptr(TsuOccurrence) first = NULL;
  g_autofree char *title = NULL;
  gint64 from = tokyo (2026, 4, 1, 0, 0), to = tokyo (2026, 5, 1, 0, 0);

  g_assert_no_error (error);
  april = tsu_store_list_occurrences (f->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (april), ==, 4);

  /* A caller's change to the meeting it was given stays with it. */
  first = g_list_model_get_item (april, 0);
  tsu_meeting_set_title (tsu_occurrence_get_meeting (first), "書き換え");
  again = tsu_store_list_occurrences (f->store, from, to, &error);
  title = first_title (again);
  g_assert_cmpstr (title, ==, "定例会議");
  g_clear_pointer (&title, g_free);

  /* Another program renames the series. */
  theirs = tsu_store_load (other, TSU_TYPE_MEETING, tsu_record_get_id (TSU_RECORD (series)), &error);
  g_assert_no_error (error);
  tsu_meeting_set_title (theirs, "定例会議(変更)");
  g_assert_true (tsu_store_save (other, TSU_RECORD (theirs), &error));
  g_assert_no_error (error);
  renamed = tsu_store_list_occurrences (f->store, from, to, &error);
  title = first_title (renamed);
  g_assert_cmpstr (title, ==, "定例会議(変更)");
  g_clear_pointer (&title, g_free);

  /* A series added in a transaction shows in it, and not after the rollback. */
  g_assert_true (tsu_store_begin (f->store, &error));
  added = save_meeting (f->store, "臨時会議", tokyo (2026, 4, 8, 15, 0), 60, "FREQ=WEEKLY");
  inside = tsu_store_list_occurrences (f->store, from, to, &error);
  g_assert_cmpuint (g_list_model_get_n_items (inside), ==, 8);
  tsu_store_rollback (f->store);
  undone = tsu_store_list_occurrences (f->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (undone), ==, 4);
}

/* A month's single meetings are read from one index alone: it holds every column of a
 * meeting (a new field must join it in a new schema version, or each meeting read
 * costs a page of its own again). */
static void
test_singles_index_covers (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (TSU_TYPE_MEETING);
  g_autoptr(GString) sql = g_string_new ("EXPLAIN QUERY PLAN SELECT id");
  const TsuField *fields;
  guint n_fields;
  sqlite3_stmt *stmt;
  gboolean covered = FALSE;

  fields = tsu_record_class_get_fields (TSU_RECORD_CLASS (klass), NULL, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (sql, ", %s", fields[i].name);
  g_string_append (sql, " FROM meeting WHERE rrule IS NULL AND starts_at >= ?1 AND starts_at < ?2 "
                        "AND (ends_at > ?3 OR starts_at >= ?3)");

  g_assert_cmpint (sqlite3_prepare_v2 (tsu_database_get_handle (tsu_store_get_database (f->store)),
                                       sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (strstr ((const char *) sqlite3_column_text (stmt, 3), "COVERING INDEX meeting_singles") != NULL)
      covered = TRUE;
  sqlite3_finalize (stmt);
  g_assert_true (covered);
}

/* Open action items of a case: overdue first, done ones left out. */
static void
test_open_actions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TsuCase) kase = save_case (f->store, "C-2026-0003");
  g_autoptr(GListModel) open = NULL;
  const char *due[] = { "2026-12-20", NULL, "2026-10-01", "2026-11-30" };
  const char *status[] = { "open", "open", "open", "done" };

  for (guint i = 0; i < G_N_ELEMENTS (due); i++)
    {
      g_autoptr(TsuActionItem) a = tsu_action_item_new ();
      g_autofree char *what = g_strdup_printf ("担当 %u", i);

      tsu_action_item_set_case_id (a, tsu_record_get_id (TSU_RECORD (kase)));
      tsu_action_item_set_what (a, what);
      tsu_action_item_set_due_on (a, due[i]);
      tsu_action_item_set_status (a, status[i]);
      g_assert_true (tsu_store_save (f->store, TSU_RECORD (a), NULL));
    }

  open = tsu_store_list_open_actions (f->store, tsu_record_get_id (TSU_RECORD (kase)), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 3);
  {
    g_autoptr(TsuActionItem) a0 = g_list_model_get_item (open, 0);
    g_autoptr(TsuActionItem) a1 = g_list_model_get_item (open, 1);
    g_autoptr(TsuActionItem) a2 = g_list_model_get_item (open, 2);

    g_assert_cmpstr (tsu_action_item_get_due_on (a0), ==, "2026-10-01");
    g_assert_cmpstr (tsu_action_item_get_due_on (a1), ==, "2026-12-20");
    g_assert_null (tsu_action_item_get_due_on (a2));
  }
}

static gboolean
hits_contain (GListModel *hits,
              const char *kind,
              gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(TsuSearchHit) h = g_list_model_get_item (hits, i);

      if (g_strcmp0 (tsu_search_hit_get_kind (h), kind) == 0 && tsu_search_hit_get_ref_id (h) == id)
        return TRUE;
    }
  return FALSE;
}

/* Japanese queries of one, two and five characters find names, minutes and decisions. */
static void
test_search_japanese (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuPerson) person = tsu_person_new ();
  g_autoptr(TsuAgency) agency = save_agency (f->store, "蕨市保健センター");
  g_autoptr(TsuMeeting) meeting = save_meeting (f->store, "ケース会議 C-2026-0009", tokyo (2026, 11, 24, 10, 0), 60, NULL);
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();
  g_autoptr(TsuDecision) decision = tsu_decision_new ();
  g_autoptr(GListModel) one = NULL;
  g_autoptr(GListModel) two = NULL;
  g_autoptr(GListModel) five = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GListModel) both = NULL;
  g_autoptr(GListModel) latin = NULL;

  tsu_person_set_name (person, "林 陽菜");
  tsu_person_set_kana (person, "はやし ひな");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (person), &error));
  tsu_minutes_set_meeting_id (minutes, tsu_record_get_id (TSU_RECORD (meeting)));
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (minutes), &error));
  tsu_decision_set_minutes_id (decision, tsu_record_get_id (TSU_RECORD (minutes)));
  tsu_decision_set_body (decision, "喀痰吸引等研修の修了者を学校に配置する。");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (decision), &error));
  g_assert_no_error (error);

  one = tsu_store_search (f->store, "林", 50, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (one, "person", tsu_record_get_id (TSU_RECORD (person))));

  two = tsu_store_search (f->store, "蕨市", 50, &error);
  g_assert_true (hits_contain (two, "agency", tsu_record_get_id (TSU_RECORD (agency))));

  five = tsu_store_search (f->store, "喀痰吸引等", 50, &error);
  g_assert_true (hits_contain (five, "decision", tsu_record_get_id (TSU_RECORD (decision))));
  {
    g_autoptr(TsuSearchHit) h = g_list_model_get_item (five, 0);
    g_assert_true (strstr (tsu_search_hit_get_snippet (h), "喀痰吸引等") != NULL);
  }

  none = tsu_store_search (f->store, "存在しない語句", 50, &error);
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);

  /* Two words (one short, one long) must both occur; full-width Latin folds. */
  both = tsu_store_search (f->store, "学校　喀痰吸引", 50, &error);
  g_assert_cmpuint (g_list_model_get_n_items (both), ==, 1);
  latin = tsu_store_search (f->store, "Ｃ－２０２６", 50, &error);
  g_assert_no_error (error);

  /* A long term is found where it occurs whole, not where only its trigrams do (喀痰吸
   * and 痰吸引 apart), and letter case aside, Latin or not. */
  {
    g_autoptr(TsuAgency) scattered = save_agency (f->store, "喀痰吸入と痰吸引の研修");
    g_autoptr(TsuAgency) greek = save_agency (f->store, "ΣΧΟΛΕΙΟ Écoles Saitama");
    g_autoptr(GListModel) whole = tsu_store_search (f->store, "喀痰吸引", 50, &error);
    g_autoptr(GListModel) upper = tsu_store_search (f->store, "σχολειο ÉCOLE saitama", 50, &error);

    g_assert_no_error (error);
    g_assert_true (hits_contain (whole, "decision", tsu_record_get_id (TSU_RECORD (decision))));
    g_assert_false (hits_contain (whole, "agency", tsu_record_get_id (TSU_RECORD (scattered))));
    g_assert_cmpuint (g_list_model_get_n_items (upper), ==, 1);
    g_assert_true (hits_contain (upper, "agency", tsu_record_get_id (TSU_RECORD (greek))));
  }

  /* An edit is found under its new text only. */
  tsu_person_set_name (person, "森 陽菜");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (person), &error));
  g_clear_object (&one);
  one = tsu_store_search (f->store, "林", 50, &error);
  g_assert_false (hits_contain (one, "person", tsu_record_get_id (TSU_RECORD (person))));
}

/* A confirmed revision of the minutes refuses changes. */
static void
test_confirmed_minutes (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuMeeting) meeting = save_meeting (f->store, "ケース会議", tokyo (2026, 11, 2, 10, 0), 60, NULL);
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();

  tsu_minutes_set_meeting_id (minutes, tsu_record_get_id (TSU_RECORD (meeting)));
  tsu_minutes_set_summary (minutes, "下書き");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (minutes), &error));
  tsu_minutes_set_state (minutes, "confirmed");
  tsu_minutes_set_confirmed_by (minutes, "鈴木");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (minutes), &error));
  g_assert_no_error (error);

  tsu_minutes_set_summary (minutes, "書き換え");
  g_assert_false (tsu_store_save (f->store, TSU_RECORD (minutes), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
}

/* Meeting rules: an end before the start and an unreadable RRULE are refused; a
 * saved change raises SEQUENCE. */
static void
test_meeting_rules (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuMeeting) m = save_meeting (f->store, "会議", tokyo (2026, 11, 30, 10, 0), 60, NULL);
  g_autoptr(TsuMeeting) bad = tsu_meeting_new ();

  g_assert_true (g_str_has_suffix (tsu_meeting_get_uid (m), "@tsunagu"));
  g_assert_cmpint (tsu_meeting_get_sequence (m), ==, 0);
  tsu_meeting_set_location (m, "県庁 第3会議室");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (m), &error));
  g_assert_cmpint (tsu_meeting_get_sequence (m), ==, 1);

  tsu_meeting_set_title (bad, "逆転");
  tsu_meeting_set_starts_at (bad, 2000);
  tsu_meeting_set_ends_at (bad, 1000);
  g_assert_false (tsu_store_save (f->store, TSU_RECORD (bad), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  tsu_meeting_set_ends_at (bad, 3000);
  tsu_meeting_set_rrule (bad, "FREQ=SOMETIMES;BYDAY=XX");
  g_assert_false (tsu_store_save (f->store, TSU_RECORD (bad), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_MEETING), ==, 1);
}

/* One occurrence of a series gets its own row; another is deleted alone. */
static void
test_detach_and_exclude (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuMeeting) series = save_meeting (f->store, "所沢市 協議の場", tokyo (2026, 4, 14, 14, 0), 120,
                                               "FREQ=MONTHLY;BYDAY=2TU");
  g_autoptr(TsuMeeting) may = NULL;
  g_autoptr(TsuMeeting) again = NULL;
  g_autoptr(TsuMeeting) wrong = NULL;
  g_autoptr(GListModel) spring = NULL;
  gint64 may_start = tokyo (2026, 5, 12, 14, 0);
  gint64 june_start = tokyo (2026, 6, 9, 14, 0);

  may = tsu_store_detach_occurrence (f->store, TSU_RECORD (series), may_start, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsu_meeting_get_series_id (may), ==, tsu_record_get_id (TSU_RECORD (series)));
  g_assert_cmpstr (tsu_meeting_get_uid (may), ==, tsu_meeting_get_uid (series));
  g_assert_null (tsu_meeting_get_rrule (may));
  tsu_meeting_set_location (may, "所沢市役所 第2会議室");
  tsu_meeting_set_starts_at (may, may_start + 3600);
  tsu_meeting_set_ends_at (may, may_start + 3600 + 7200);
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (may), &error));

  /* Detaching again gives the same row. */
  again = tsu_store_detach_occurrence (f->store, TSU_RECORD (series), may_start, &error);
  g_assert_cmpint (tsu_record_get_id (TSU_RECORD (again)), ==, tsu_record_get_id (TSU_RECORD (may)));

  /* A time that is not an occurrence is refused. */
  wrong = tsu_store_detach_occurrence (f->store, TSU_RECORD (series), may_start + 60, &error);
  g_assert_null (wrong);
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (tsu_store_exclude_occurrence (f->store, TSU_RECORD (series), june_start, &error));
  g_assert_no_error (error);

  spring = tsu_store_list_occurrences (f->store, tokyo (2026, 4, 1, 0, 0), tokyo (2026, 7, 1, 0, 0), &error);
  g_assert_cmpuint (g_list_model_get_n_items (spring), ==, 2);
  {
    g_autoptr(TsuOccurrence) second = g_list_model_get_item (spring, 1);

    g_assert_cmpint (tsu_occurrence_get_starts_at (second), ==, may_start + 3600);
    g_assert_cmpstr (tsu_meeting_get_location (tsu_occurrence_get_meeting (second)), ==, "所沢市役所 第2会議室");
  }
}

/* Confirmed minutes are read-only; a new revision copies them and the old one stays. */
static void
test_minutes_revisions (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuMeeting) meeting = save_meeting (f->store, "ケース会議 C-2026-0100", tokyo (2026, 10, 5, 10, 0), 60, NULL);
  g_autoptr(TsuMinutes) first = tsu_minutes_new ();
  g_autoptr(TsuDecision) decision = tsu_decision_new ();
  g_autoptr(TsuMinutes) second = NULL;
  g_autoptr(TsuMinutes) current = NULL;
  g_autoptr(GListModel) copied = NULL;
  g_autoptr(GListModel) kept = NULL;

  tsu_minutes_set_meeting_id (first, tsu_record_get_id (TSU_RECORD (meeting)));
  tsu_minutes_set_summary (first, "初回の記録");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (first), &error));
  tsu_decision_set_minutes_id (decision, tsu_record_get_id (TSU_RECORD (first)));
  tsu_decision_set_body (decision, "訪問看護を週3回にする。");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (decision), &error));

  g_assert_false (tsu_store_confirm_minutes (f->store, TSU_RECORD (first), "", &error));
  g_clear_error (&error);
  g_assert_true (tsu_store_confirm_minutes (f->store, TSU_RECORD (first), "鈴木 誠", &error));
  g_assert_no_error (error);
  g_assert_cmpint (tsu_minutes_get_confirmed_at (first), >, 0);

  second = tsu_store_revise_minutes (f->store, TSU_RECORD (first), &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsu_minutes_get_revision (second), ==, 2);
  g_assert_cmpstr (tsu_minutes_get_state (second), ==, "draft");
  tsu_minutes_set_summary (second, "訂正した記録");
  g_assert_true (tsu_store_save (f->store, TSU_RECORD (second), &error));

  current = tsu_store_get_current_minutes (f->store, tsu_record_get_id (TSU_RECORD (meeting)), &error);
  g_assert_cmpint (tsu_record_get_id (TSU_RECORD (current)), ==, tsu_record_get_id (TSU_RECORD (second)));

  copied = tsu_store_list_by (f->store, TSU_TYPE_DECISION, "minutes_id", tsu_record_get_id (TSU_RECORD (second)), NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (copied), ==, 1);
  kept = tsu_store_list_by (f->store, TSU_TYPE_MINUTES, "meeting_id", tsu_record_get_id (TSU_RECORD (meeting)), "revision", &error);
  g_assert_cmpuint (g_list_model_get_n_items (kept), ==, 2);
  {
    g_autoptr(TsuMinutes) old = g_list_model_get_item (kept, 0);
    g_assert_cmpstr (tsu_minutes_get_summary (old), ==, "初回の記録");
    g_assert_cmpstr (tsu_minutes_get_state (old), ==, "confirmed");
  }
}

/* Action items of a case carry across three conferences until they are done. */
static void
test_carry_forward (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuCase) kase = save_case (f->store, "C-2026-0200");
  gint64 case_id = tsu_record_get_id (TSU_RECORD (kase));
  const char *whats[] = { "短期入所先への照会", "個別避難計画の作成", "主治医への情報提供依頼" };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* First conference: three action items. */
  for (guint i = 0; i < G_N_ELEMENTS (whats); i++)
    {
      TsuActionItem *a = tsu_action_item_new ();

      tsu_action_item_set_case_id (a, case_id);
      tsu_action_item_set_what (a, whats[i]);
      g_assert_true (tsu_store_save (f->store, TSU_RECORD (a), &error));
      g_ptr_array_add (items, a);
    }

  /* Second conference: all three are still open; one is done there. */
  {
    g_autoptr(GListModel) open = tsu_store_list_open_actions (f->store, case_id, &error);
    g_autoptr(TsuActionItem) first = g_list_model_get_item (open, 0);

    g_assert_cmpuint (g_list_model_get_n_items (open), ==, 3);
    tsu_action_item_set_status (first, "done");
    g_assert_true (tsu_store_save (f->store, TSU_RECORD (first), &error));
  }

  /* Third conference: two remain, and the done one is done everywhere. */
  {
    g_autoptr(GListModel) open = tsu_store_list_open_actions (f->store, case_id, &error);
    g_autoptr(TsuActionItem) reloaded = tsu_store_load (f->store, TSU_TYPE_ACTION_ITEM,
                                                        tsu_record_get_id (items->pdata[0]), &error);

    g_assert_cmpuint (g_list_model_get_n_items (open), ==, 2);
    g_assert_cmpstr (tsu_action_item_get_status (reloaded), ==, "done");
  }
}

/* Many new records in a few statements: each gets its own id and its own values (a
 * series its end), and a record that fails is named, with nothing of its statement
 * written. A new database has 16 KiB pages. */
static GPtrArray *
new_meetings (guint       n,
              const char *prefix)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      TsuMeeting *m = tsu_meeting_new ();
      g_autofree char *title = g_strdup_printf ("%s 第%u回", prefix, i);
      g_autofree char *uid = g_strdup_printf ("%s-%u@example.org", prefix, i);
      gint64 start = tokyo (2026, 1 + i % 12, 1 + i % 28, 10, 0);

      tsu_meeting_set_title (m, title);
      tsu_meeting_set_uid (m, uid);
      tsu_meeting_set_kind (m, "liaison");
      tsu_meeting_set_starts_at (m, start);
      tsu_meeting_set_ends_at (m, start + 3600);
      g_ptr_array_add (records, m);
    }
  return records;
}

static void
test_bulk_insert_many (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) first = new_meetings (150, "一括");
  g_autoptr(GPtrArray) clash = new_meetings (100, "重複");
  g_autoptr(GPtrArray) broken = new_meetings (20, "不正");
  TsuMeeting *series = first->pdata[5];
  g_autoptr(GError) error = NULL;
  guint failed = G_MAXUINT;

  g_assert_cmpint (count_rows (f->store, "PRAGMA page_size"), ==, 16384);

  tsu_meeting_set_rrule (series, "FREQ=WEEKLY;COUNT=3");
  g_assert_true (tsu_store_begin (f->store, &error));
  g_assert_true (tsu_store_bulk_insert_many (f->store, (TsuRecord **) first->pdata, first->len,
                                             &failed, &error));
  g_assert_no_error (error);
  g_assert_true (tsu_store_bulk_audit (f->store, TSU_TYPE_MEETING, 0, &error));
  g_assert_true (tsu_store_commit (f->store, &error));
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM meeting"), ==, 150);
  for (guint i = 0; i < first->len; i++)
    {
      gint64 id = tsu_record_get_id (first->pdata[i]);
      g_autoptr(TsuMeeting) stored = tsu_store_load (f->store, TSU_TYPE_MEETING, id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (tsu_meeting_get_title (stored), ==, tsu_meeting_get_title (first->pdata[i]));
      g_assert_cmpint (tsu_meeting_get_starts_at (stored), ==, tsu_meeting_get_starts_at (first->pdata[i]));
    }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT recurs_until FROM meeting WHERE id = %" G_GINT64_FORMAT,
                                            tsu_record_get_id (TSU_RECORD (series)));

    g_assert_cmpint (count_rows (f->store, sql), ==, tsu_meeting_get_starts_at (series) + 14 * 86400 + 3600);
  }

  /* The 71st record takes a UID already kept: its statement (records 64–127) fails in
   * the database, and the record is named. */
  tsu_meeting_set_uid (clash->pdata[70], "一括-3@example.org");
  g_assert_true (tsu_store_begin (f->store, &error));
  g_assert_false (tsu_store_bulk_insert_many (f->store, (TsuRecord **) clash->pdata, clash->len,
                                              &failed, &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CONSTRAINT);
  g_assert_cmpuint (failed, ==, 70);
  g_clear_error (&error);
  tsu_store_rollback (f->store);

  /* A record the store refuses is named before anything is written. */
  tsu_meeting_set_title (broken->pdata[10], "\xe6\x97");
  g_assert_true (tsu_store_begin (f->store, &error));
  g_assert_false (tsu_store_bulk_insert_many (f->store, (TsuRecord **) broken->pdata, broken->len,
                                              &failed, &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  g_assert_cmpuint (failed, ==, 10);
  tsu_store_rollback (f->store);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM meeting"), ==, 150);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/create", test_create);
  ADD ("/store/reopen-and-empty-file", test_reopen_and_empty_file);
  ADD ("/store/refuse-foreign", test_refuse_foreign);
  ADD ("/store/crud-all", test_crud_all);
  ADD ("/store/foreign-keys-cascade", test_foreign_keys_cascade);
  ADD ("/store/invalid-and-huge", test_invalid_and_huge);
  ADD ("/store/sql-literal", test_sql_literal);
  ADD ("/store/two-writers", test_two_writers);
  ADD ("/store/transaction-rollback", test_transaction_rollback);
  ADD ("/store/second-tuesday", test_second_tuesday);
  ADD ("/store/range-edges", test_range_edges);
  ADD ("/store/series-follow-changes", test_series_follow_changes);
  ADD ("/store/singles-index-covers", test_singles_index_covers);
  ADD ("/store/open-actions", test_open_actions);
  ADD ("/store/search-japanese", test_search_japanese);
  ADD ("/store/confirmed-minutes", test_confirmed_minutes);
  ADD ("/store/meeting-rules", test_meeting_rules);
  ADD ("/store/detach-and-exclude", test_detach_and_exclude);
  ADD ("/store/minutes-revisions", test_minutes_revisions);
  ADD ("/store/carry-forward", test_carry_forward);
  ADD ("/store/bulk-insert-many", test_bulk_insert_many);

  return g_test_run ();
}
