/* test-audit.c: the audit log of a case, its CSV export (core and tsunagu-cli), and
 * two programs writing to one file: no lost update, changes noticed
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tsunagu-core.h"

#define CHILD_NAME "山田 花子"

static const char *cli;

typedef struct {
  char     *dir;
  char     *path;
  TsuStore *store;
} Fixture;

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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("tsunagu-audit-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "tsunagu.db", NULL);
  f->store = tsu_store_open (f->path, &error);
  g_assert_no_error (error);
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

static void
save (TsuStore  *store,
      gpointer   record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tsu_store_save (store, TSU_RECORD (record), &error));
  g_assert_no_error (error);
}

static TsuCase *
add_case (TsuStore   *store,
          const char *code,
          const char *name)
{
  TsuCase *kase = tsu_case_new ();

  tsu_case_set_code (kase, code);
  tsu_case_set_child_name (kase, name);
  tsu_case_set_status (kase, "active");
  tsu_case_set_opened_on (kase, "2026-04-01");
  save (store, kase);
  return kase;
}

static TsuMeeting *
add_meeting (TsuStore   *store,
             gint64      case_id,
             const char *title)
{
  TsuMeeting *m = tsu_meeting_new ();

  tsu_meeting_set_kind (m, case_id != 0 ? "case-conference" : "internal");
  tsu_meeting_set_title (m, title);
  tsu_meeting_set_starts_at (m, 1780000000);
  tsu_meeting_set_ends_at (m, 1780003600);
  tsu_meeting_set_case_id (m, case_id);
  save (store, m);
  return m;
}

/* "action entity" for each line, newest first. */
static char *
describe (GListModel *lines)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(TsuAuditLine) line = g_list_model_get_item (lines, i);

      g_string_append_printf (out, "%s%s %s", i ? ", " : "", tsu_audit_line_get_action (line),
                              tsu_audit_line_get_entity (line));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A case's whole life: each step is one line, newest first, by this OS user; lines
 * of rows deleted since and of the deleted case itself are kept. */
static gint64
make_history (TsuStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuCase) kase = add_case (store, "A-0001", CHILD_NAME);
  g_autoptr(TsuCase) other = add_case (store, "B-0002", "佐藤 次郎");
  g_autoptr(TsuAgency) agency = tsu_agency_new ();
  g_autoptr(TsuTeamMember) member = tsu_team_member_new ();
  g_autoptr(TsuConsent) consent = tsu_consent_new ();
  g_autoptr(TsuConsultation) consultation = tsu_consultation_new ();
  g_autoptr(TsuMeeting) meeting = NULL;
  g_autoptr(TsuMeeting) elsewhere = NULL;
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();
  g_autoptr(TsuActionItem) action = tsu_action_item_new ();
  gint64 case_id = tsu_record_get_id (TSU_RECORD (kase));

  tsu_agency_set_name (agency, "さいたま訪問看護ステーション");
  tsu_agency_set_kind (agency, "visiting-nursing");
  save (store, agency);

  tsu_team_member_set_case_id (member, case_id);
  tsu_team_member_set_agency_id (member, tsu_record_get_id (TSU_RECORD (agency)));
  tsu_team_member_set_role (member, "訪問看護");
  save (store, member);

  tsu_consent_set_case_id (consent, case_id);
  tsu_consent_set_agency_id (consent, tsu_record_get_id (TSU_RECORD (agency)));
  tsu_consent_set_given_on (consent, "2026-04-02");
  save (store, consent);

  tsu_consultation_set_case_id (consultation, case_id);
  tsu_consultation_set_occurred_at (consultation, 1775000000);
  tsu_consultation_set_channel (consultation, "phone");
  tsu_consultation_set_topics (consultation, CHILD_NAME "さんの通園について");
  save (store, consultation);

  /* The child's name in a title and in free text must not reach a summary. */
  meeting = add_meeting (store, case_id, CHILD_NAME "さんのケース会議");
  elsewhere = add_meeting (store, tsu_record_get_id (TSU_RECORD (other)), "佐藤さんのケース会議");

  tsu_minutes_set_meeting_id (minutes, tsu_record_get_id (TSU_RECORD (meeting)));
  tsu_minutes_set_summary (minutes, CHILD_NAME "さんの在宅移行");
  save (store, minutes);
  g_assert_true (tsu_store_confirm_minutes (store, TSU_RECORD (minutes), "センター長", &error));
  g_assert_no_error (error);

  tsu_action_item_set_case_id (action, case_id);
  tsu_action_item_set_minutes_id (action, tsu_record_get_id (TSU_RECORD (minutes)));
  tsu_action_item_set_what (action, CHILD_NAME "さんの短期入所先を探す");
  tsu_action_item_set_due_on (action, "2026-06-30");
  save (store, action);

  tsu_case_set_notes (kase, "変更");
  save (store, kase);

  g_assert_true (tsu_store_delete (store, TSU_RECORD (consultation), &error));
  g_assert_no_error (error);
  return case_id;
}

static void
test_case_history (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autofree char *actions = NULL;
  gint64 case_id = make_history (f->store);
  gint64 previous = G_MAXINT64;
  guint n;

  lines = tsu_audit_list (f->store, case_id, &error);
  g_assert_no_error (error);
  actions = describe (lines);
  g_assert_cmpstr (actions, ==,
                   "delete consultation, update child_case, insert action_item, "
                   "confirm minutes, insert minutes, insert meeting, insert consultation, "
                   "insert consent, insert team_member, insert child_case");

  n = g_list_model_get_n_items (lines);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuAuditLine) line = g_list_model_get_item (lines, i);
      const char *summary = tsu_audit_line_get_summary (line);

      g_assert_cmpstr (tsu_audit_line_get_user_name (line), ==, g_get_user_name ());
      g_assert_cmpint (tsu_audit_line_get_case_id (line), ==, case_id);
      g_assert_cmpint (tsu_audit_line_get_id (line), <, previous);
      previous = tsu_audit_line_get_id (line);
      g_assert_nonnull (summary);
      g_assert_null (strstr (summary, "山田"));
      g_assert_null (strstr (summary, "花子"));
      g_assert_null (strstr (summary, "佐藤"));
    }

  /* What each summary names: the code, the agency, a date, deleted rows as such. */
  {
    g_autoptr(TsuAuditLine) deleted = g_list_model_get_item (lines, 0);
    g_autoptr(TsuAuditLine) changed = g_list_model_get_item (lines, 1);
    g_autoptr(TsuAuditLine) team = g_list_model_get_item (lines, n - 2);

    g_assert_nonnull (strstr (tsu_audit_line_get_summary (deleted), "deleted"));
    g_assert_cmpstr (tsu_audit_line_get_summary (changed), ==, "Case A-0001");
    g_assert_cmpstr (tsu_audit_line_get_summary (team), ==, "Case team さいたま訪問看護ステーション");
  }

  /* The whole file has the other case's lines and the agency too. */
  all = tsu_audit_list (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, n + 3);
}

/* A case that was deleted keeps its history, and its children's deletions are in it. */
static void
test_deleted_case (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(TsuCase) kase = add_case (f->store, "C-0003", CHILD_NAME);
  g_autoptr(TsuConsultation) consultation = tsu_consultation_new ();
  g_autoptr(TsuAuditLine) first = NULL;
  g_autofree char *actions = NULL;
  g_autofree char *gone = NULL;
  gint64 case_id = tsu_record_get_id (TSU_RECORD (kase));

  tsu_consultation_set_case_id (consultation, case_id);
  tsu_consultation_set_occurred_at (consultation, 1775000000);
  tsu_consultation_set_channel (consultation, "phone");
  save (f->store, consultation);
  g_assert_true (tsu_store_delete (f->store, TSU_RECORD (kase), &error));
  g_assert_no_error (error);

  lines = tsu_audit_list (f->store, case_id, &error);
  g_assert_no_error (error);
  actions = describe (lines);
  g_assert_cmpstr (actions, ==, "delete child_case, insert consultation, insert child_case");
  first = g_list_model_get_item (lines, 0);
  gone = g_strdup_printf ("Case %" G_GINT64_FORMAT " (since deleted)", case_id);
  g_assert_cmpstr (tsu_audit_line_get_summary (first), ==, gone);
}

static char *
read_csv (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (size, >, 3);
  g_assert_cmpmem (data, 3, "\xef\xbb\xbf", 3);
  g_assert_true (g_utf8_validate (data + 3, size - 3, NULL));
  return g_strndup (data + 3, size - 3);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) rows = NULL;
  g_autofree char *by_me = g_strdup_printf (",%s,", g_get_user_name ());
  gint64 case_id = make_history (f->store);

  lines = tsu_audit_list (f->store, case_id, &error);
  g_assert_no_error (error);
  bytes = tsu_audit_export_csv (lines);
  text = read_csv (bytes);
  rows = g_strsplit (text, "\r\n", -1);

  g_assert_cmpstr (rows[0], ==, "日時,ユーザー,操作,対象,ID,内容");
  g_assert_cmpuint (g_strv_length (rows), ==, g_list_model_get_n_items (lines) + 2);
  g_assert_cmpstr (rows[g_strv_length (rows) - 1], ==, "");
  g_assert_nonnull (strstr (rows[1], by_me));
  g_assert_nonnull (strstr (rows[1], ",削除,相談記録,"));
  g_assert_nonnull (strstr (rows[1], "（削除済み）"));
  g_assert_nonnull (strstr (rows[2], ",変更,ケース,"));
  g_assert_nonnull (strstr (rows[2], "ケース A-0001"));
  g_assert_nonnull (strstr (text, ",確定,議事録,"));
  g_assert_nonnull (strstr (text, ",作成,会議,"));
  g_assert_null (strstr (text, "山田"));
  g_assert_null (strstr (text, "花子"));
}

static int
run_cli (const char *database,
         char      **out,
         char      **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, (char *) database);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *output = g_build_filename (f->dir, "audit.csv", NULL);
  g_autofree char *whole = g_build_filename (f->dir, "all.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *by_me = g_strdup_printf (",%s,", g_get_user_name ());
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) rows = NULL;
  GStatBuf st;
  gsize size;

  make_history (f->store);
  g_clear_object (&f->store);

  g_assert_cmpint (run_cli (f->path, &out, &err, "export", "audit", "--case", "A-0001",
                            "--output", output, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (output, &contents, &size, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
  text = read_csv (bytes);
  rows = g_strsplit (text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 10 + 2);
  g_assert_nonnull (strstr (rows[1], by_me));
  g_assert_nonnull (strstr (rows[1], ",削除,相談記録,"));
  g_assert_nonnull (strstr (text, ",確定,議事録,"));
  g_assert_null (strstr (text, "山田"));
  g_assert_null (strstr (text, "佐藤"));
  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The whole file: the other case and the agency too. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->path, NULL, &err, "export", "audit", "--output", whole, NULL), ==, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (whole, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "ケース B-0002"));
  g_assert_nonnull (strstr (contents, ",作成,関係機関,"));

  /* Wrong use says so. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->path, NULL, &err, "export", "audit", "--case", "Z-9999",
                            "--output", output, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Z-9999"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f->path, NULL, &err, "export", "audit", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--output"));
}

/* A file whose audit log is of schema version 2 gets the case of each line. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) lines = NULL;
  g_autofree char *actions = NULL;
  sqlite3 *db;
  gint64 case_id = make_history (f->store);

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "BEGIN;"
                                 "CREATE TABLE old AS SELECT id, at, user_name, "
                                 "  replace (action, 'confirm', 'update') AS action, entity, entity_id "
                                 "  FROM audit_log;"
                                 "DROP TABLE audit_log;"
                                 "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, "
                                 "  user_name TEXT NOT NULL, action TEXT NOT NULL "
                                 "  CHECK (action IN ('insert', 'update', 'delete')), entity TEXT NOT NULL, "
                                 "  entity_id INTEGER NOT NULL);"
                                 "INSERT INTO audit_log SELECT * FROM old; DROP TABLE old;"
                                 "PRAGMA user_version = 2; COMMIT;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = tsu_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsu_database_get_schema_version (tsu_store_get_database (f->store)), ==,
                   TSU_SCHEMA_VERSION);
  lines = tsu_audit_list (f->store, case_id, &error);
  g_assert_no_error (error);
  /* The deleted consultation's lines cannot be traced to the case any more. */
  actions = describe (lines);
  g_assert_cmpstr (actions, ==,
                   "update child_case, insert action_item, update minutes, insert minutes, "
                   "insert meeting, insert consent, insert team_member, insert child_case");
}

/* Two programs on one file: an update of a row that the other changed since it was
 * read fails and leaves the other's change; an update of a fresh read goes through. */
static void
test_no_lost_update (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) other = tsu_store_open (f->path, &error);
  g_autoptr(TsuCase) kase = add_case (f->store, "D-0004", CHILD_NAME);
  g_autoptr(TsuMeeting) meeting = add_meeting (f->store, 0, "センター内会議");
  g_autoptr(TsuCase) mine = NULL;
  g_autoptr(TsuCase) theirs = NULL;
  g_autoptr(TsuCase) reread = NULL;
  g_autoptr(TsuMeeting) my_meeting = NULL;
  g_autoptr(TsuMeeting) their_meeting = NULL;
  g_autoptr(TsuMeeting) stored = NULL;
  gint64 id = tsu_record_get_id (TSU_RECORD (kase));

  g_assert_no_error (error);
  mine = tsu_store_load (f->store, TSU_TYPE_CASE, id, &error);
  theirs = tsu_store_load (other, TSU_TYPE_CASE, id, &error);
  g_assert_no_error (error);

  tsu_case_set_notes (theirs, "他の端末で追記");
  save (other, theirs);

  tsu_case_set_notes (mine, "古い画面から保存");
  g_assert_false (tsu_store_save (f->store, TSU_RECORD (mine), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Nothing was saved"));
  g_clear_error (&error);
  /* The edit is still in memory, and the other's change is in the file. */
  g_assert_cmpstr (tsu_case_get_notes (mine), ==, "古い画面から保存");
  reread = tsu_store_load (f->store, TSU_TYPE_CASE, id, &error);
  g_assert_cmpstr (tsu_case_get_notes (reread), ==, "他の端末で追記");

  /* Read again, the change goes in; then the other one is behind. */
  tsu_case_set_notes (reread, "読み直して保存");
  save (f->store, reread);
  tsu_case_set_notes (theirs, "もう一度");
  g_assert_false (tsu_store_save (other, TSU_RECORD (theirs), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Meetings too; and a copy this program itself saved meanwhile is no conflict. */
  id = tsu_record_get_id (TSU_RECORD (meeting));
  my_meeting = tsu_store_load (f->store, TSU_TYPE_MEETING, id, &error);
  their_meeting = tsu_store_load (other, TSU_TYPE_MEETING, id, &error);
  tsu_meeting_set_location (meeting, "会議室A");
  save (f->store, meeting);
  tsu_meeting_set_location (my_meeting, "会議室B");
  save (f->store, my_meeting);
  tsu_meeting_set_location (their_meeting, "会議室C");
  g_assert_false (tsu_store_save (other, TSU_RECORD (their_meeting), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);
  stored = tsu_store_load (other, TSU_TYPE_MEETING, id, &error);
  g_assert_cmpstr (tsu_meeting_get_location (stored), ==, "会議室B");
}

static void
count_changed_cb (TsuStore   *store,
                  const char *table,
                  GHashTable *seen)
{
  g_hash_table_add (seen, g_strdup (table));
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

/* A commit of another program is noticed: "changed" for the tables it touched. */
static void
test_external_changes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuStore) other = tsu_store_open (f->path, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TsuMeeting) mine = NULL;
  g_autoptr(TsuMeeting) theirs = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_assert_no_error (error);
  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed_cb), seen);
  tsu_store_watch_external_changes (f->store, TRUE);

  /* Its own writes are not news. */
  mine = add_meeting (f->store, 0, "自分の会議");
  g_hash_table_remove_all (seen);
  g_assert_false (tsu_store_check_external_changes (f->store));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 0);

  theirs = add_meeting (other, 0, "他の端末の会議");
  g_assert_true (tsu_store_check_external_changes (f->store));
  g_assert_true (g_hash_table_contains (seen, "meeting"));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 1);
  g_assert_false (tsu_store_check_external_changes (f->store));

  /* The watch finds it by itself within a couple of seconds. */
  g_hash_table_remove_all (seen);
  tsu_meeting_set_location (theirs, "会議室");
  save (other, theirs);
  g_timeout_add (2500, quit_cb, loop);
  g_main_loop_run (loop);
  g_assert_true (g_hash_table_contains (seen, "meeting"));

  g_signal_handlers_disconnect_by_data (f->store, seen);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: test-audit PATH-TO-tsunagu-cli");
  cli = argv[1];

  g_test_add ("/audit/case-history", Fixture, NULL, fixture_set_up, test_case_history, fixture_tear_down);
  g_test_add ("/audit/deleted-case", Fixture, NULL, fixture_set_up, test_deleted_case, fixture_tear_down);
  g_test_add ("/audit/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/audit/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/audit/migration", Fixture, NULL, fixture_set_up, test_migration, fixture_tear_down);
  g_test_add ("/store-sync/no-lost-update", Fixture, NULL, fixture_set_up, test_no_lost_update,
              fixture_tear_down);
  g_test_add ("/store-sync/external-changes", Fixture, NULL, fixture_set_up, test_external_changes,
              fixture_tear_down);

  return g_test_run ();
}
