/* test-caldav.c: two-way CalDAV sync through a real server (Radicale)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <string.h>

#include "tsunagu-core.h"
#include "caldav/tsu-test-radicale.h"

/* Radicale runs on 127.0.0.1 on a free port with a temporary folder and plain
 * htpasswd users; two stores (two coordinators' computers) sync through it. */

#define USER     "alice"
#define PASSWORD "s3cret-パス"

static const char *CHILD_NAME = "山田 花子";
static const char *CHILD_KANA = "やまだ はなこ";
static const char *CASE_CODE = "C-2026-0042";
static const char *NOTES = "在宅人工呼吸器の電源確保（内部メモ）";
static const char *MINUTES = "母親より夜間の吸引について相談あり";

static const char *cli_path;

typedef struct {
  char        *dir;
  char        *config;
  char        *storage;
  guint16      port;
  GSubprocess *process;
  char        *url;
} Server;

static Server server;
static guint calendar_serial;

/* The server ------------------------------------------------------------------------ */

static gboolean
server_answers (void)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", server.port, NULL, NULL);
  return connection != NULL;
}

static gboolean
server_start (GError **error)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "caldav", "run-radicale.py", NULL);

  server.process = tsu_test_radicale_spawn (script, server.config, error);
  if (server.process == NULL)
    return FALSE;
  for (int i = 0; i < 200; i++)
    {
      if (server_answers ())
        return TRUE;
      if (g_subprocess_get_identifier (server.process) == NULL)
        break;
      g_usleep (50 * 1000);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Radicale did not start");
  return FALSE;
}

static void
server_kill (void)
{
  /* SIGKILL, as a crash or a power cut would stop it. */
  tsu_test_radicale_stop (server.process, SIGKILL);
  g_clear_object (&server.process);
}

static gboolean
server_set_up (GError **error)
{
  g_autofree char *users = NULL;

  if (!tsu_test_radicale_available ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "Radicale is not installed (Debian package radicale)");
      return FALSE;
    }

  server.dir = g_dir_make_tmp ("tsunagu-caldav-XXXXXX", error);
  if (server.dir == NULL)
    return FALSE;
  server.port = tsu_test_free_port ();
  server.storage = g_build_filename (server.dir, "collections", NULL);
  users = g_strdup_printf ("%s:%s\nbob:other\n", USER, PASSWORD);
  server.config = tsu_test_radicale_write_config (server.dir, server.port, users, error);
  if (server.config == NULL)
    return FALSE;
  server.url = g_strdup_printf ("http://127.0.0.1:%u/", server.port);
  return server_start (error);
}

static TsuCaldavClient *
new_client (const char *password)
{
  g_autoptr(GError) error = NULL;
  TsuCaldavClient *client = tsu_caldav_client_new (server.url, USER, password, &error);

  g_assert_no_error (error);
  return client;
}

/* A new, empty calendar on the server. */
static char *
new_calendar (void)
{
  g_autoptr(TsuCaldavClient) client = new_client (PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/calendar-%u/", USER, ++calendar_serial);
  char *url = tsu_caldav_client_resolve (client, NULL, path);
  guint status;

  status = tsu_caldav_client_send (client, "MKCALENDAR", url, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 201);
  return url;
}

/* The stores ------------------------------------------------------------------------- */

typedef TsuTestStore Side;

static void
side_open (Side       *side,
           const char *name)
{
  tsu_test_store_open (side, "tsunagu-caldav-store-XXXXXX", name);
}

static gboolean
sync_side (Side                *side,
           const char          *calendar,
           TsuCaldavSyncStats  *stats,
           GError             **error)
{
  g_autoptr(TsuCaldavClient) client = new_client (PASSWORD);

  return tsu_caldav_sync (side->store, client, calendar, stats, NULL, error);
}

static void
sync_ok (Side       *side,
         const char *calendar)
{
  g_autoptr(GError) error = NULL;
  TsuCaldavSyncStats stats;

  g_assert_true (sync_side (side, calendar, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tsu_caldav_sync_count_pending (side->store), ==, 0);
}

/* A syncs, then B, whose change meets A's on the server (one conflict), then A again. */
static void
sync_conflict (Side       *a,
               Side       *b,
               const char *calendar)
{
  g_autoptr(GError) error = NULL;
  TsuCaldavSyncStats stats;

  sync_ok (a, calendar);
  g_assert_true (sync_side (b, calendar, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.conflicts, ==, 1);
  sync_ok (a, calendar);
}

static gint64
tokyo (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) dt = g_date_time_new (tz, y, mo, d, h, mi, 0);

  return g_date_time_to_unix (dt);
}

static gint64
save (TsuStore *store,
      gpointer  record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tsu_store_save (store, TSU_RECORD (record), &error));
  g_assert_no_error (error);
  return tsu_record_get_id (TSU_RECORD (record));
}

static TsuMeeting *
add_meeting (TsuStore   *store,
             const char *title,
             gint64      start)
{
  TsuMeeting *m = tsu_meeting_new ();

  tsu_meeting_set_kind (m, "case-conference");
  tsu_meeting_set_title (m, title);
  tsu_meeting_set_starts_at (m, start);
  tsu_meeting_set_ends_at (m, start + 5400);
  save (store, m);
  return m;
}

static void
add_participant (TsuStore   *store,
                 TsuMeeting *meeting,
                 const char *name,
                 const char *agency)
{
  g_autoptr(TsuParticipant) p = tsu_participant_new ();

  tsu_participant_set_meeting_id (p, tsu_record_get_id (TSU_RECORD (meeting)));
  tsu_participant_set_name (p, name);
  tsu_participant_set_agency_name (p, agency);
  save (store, p);
}

static TsuMeeting *
find (TsuStore   *store,
      const char *uid)
{
  return tsu_store_find_meeting_by_uid (store, uid, NULL);
}

static GStrv
titles (TsuStore *store)
{
  g_autoptr(GListModel) all = tsu_store_list (store, TSU_TYPE_MEETING, "title", NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TsuMeeting) m = g_list_model_get_item (all, i);

      if (tsu_meeting_get_series_id (m) == 0)
        g_strv_builder_add (builder, tsu_meeting_get_title (m));
    }
  return g_strv_builder_end (builder);
}

/* Occurrences of a range as "start title" lines, to compare two stores. */
static char *
occurrences (TsuStore *store,
             gint64    from,
             gint64    to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = tsu_store_list_occurrences (store, from, to, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (list, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s\n",
                              tsu_occurrence_get_starts_at (o), tsu_occurrence_get_ends_at (o),
                              tsu_occurrence_get_title (o));
    }
  return g_string_free (out, FALSE);
}

/* Tests ------------------------------------------------------------------------------- */

static void
test_discover (void)
{
  g_autoptr(TsuCaldavClient) client = new_client (PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) calendars = NULL;
  g_autofree char *calendar = new_calendar ();
  gboolean found = FALSE;

  calendars = tsu_caldav_client_discover (client, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (calendars); i++)
    {
      g_autoptr(TsuCaldavCalendar) c = g_list_model_get_item (calendars, i);

      found |= g_strcmp0 (tsu_caldav_calendar_get_url (c), calendar) == 0;
    }
  g_assert_true (found);
}

/* Create, change and delete go both ways; participants and places too; notes stay. */
static void
test_propagate (void)
{
  g_autofree char *calendar = new_calendar ();
  Side a = { 0 }, b = { 0 };
  g_autoptr(TsuMeeting) meeting = NULL;
  g_autoptr(TsuMeeting) in_b = NULL;
  g_autoptr(TsuMeeting) back_in_a = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autofree char *uid = NULL;

  side_open (&a, "a.db");
  side_open (&b, "b.db");

  meeting = add_meeting (a.store, "退院前カンファレンス", tokyo (2026, 12, 1, 14, 0));
  tsu_meeting_set_location (meeting, "県立小児医療センター 会議室3");
  tsu_meeting_set_notes (meeting, NOTES);
  save (a.store, meeting);
  add_participant (a.store, meeting, "高橋 真理子", "訪問看護ステーションひかり");
  uid = g_strdup (tsu_meeting_get_uid (meeting));

  sync_ok (&a, calendar);
  sync_ok (&b, calendar);
  in_b = find (b.store, uid);
  g_assert_nonnull (in_b);
  g_assert_cmpstr (tsu_meeting_get_title (in_b), ==, "退院前カンファレンス");
  g_assert_cmpstr (tsu_meeting_get_location (in_b), ==, "県立小児医療センター 会議室3");
  g_assert_cmpint (tsu_meeting_get_starts_at (in_b), ==, tokyo (2026, 12, 1, 14, 0));
  g_assert_null (tsu_meeting_get_notes (in_b));
  people = tsu_store_list_by (b.store, TSU_TYPE_PARTICIPANT, "meeting_id",
                              tsu_record_get_id (TSU_RECORD (in_b)), NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);

  /* Changed in B: moved an hour, another room. */
  tsu_meeting_set_starts_at (in_b, tokyo (2026, 12, 1, 15, 0));
  tsu_meeting_set_ends_at (in_b, tokyo (2026, 12, 1, 16, 30));
  tsu_meeting_set_location (in_b, "県立小児医療センター 会議室5");
  save (b.store, in_b);
  sync_ok (&b, calendar);
  sync_ok (&a, calendar);
  back_in_a = find (a.store, uid);
  g_assert_cmpint (tsu_meeting_get_starts_at (back_in_a), ==, tokyo (2026, 12, 1, 15, 0));
  g_assert_cmpstr (tsu_meeting_get_location (back_in_a), ==, "県立小児医療センター 会議室5");
  /* The notes never left A, and the update from B kept them. */
  g_assert_cmpstr (tsu_meeting_get_notes (back_in_a), ==, NOTES);
  g_assert_cmpint (tsu_record_get_id (TSU_RECORD (back_in_a)), ==, tsu_record_get_id (TSU_RECORD (meeting)));

  /* Deleted in A: gone from B. */
  g_assert_true (tsu_store_delete (a.store, TSU_RECORD (back_in_a), NULL));
  sync_ok (&a, calendar);
  sync_ok (&b, calendar);
  g_clear_object (&in_b);
  in_b = find (b.store, uid);
  g_assert_null (in_b);
  g_assert_cmpint (tsu_store_count (b.store, TSU_TYPE_MEETING), ==, 0);

  tsu_test_store_close (&a);
  tsu_test_store_close (&b);
}

/* A monthly series with an excluded date and a moved occurrence arrives whole. */
static void
test_recurring (void)
{
  g_autofree char *calendar = new_calendar ();
  Side a = { 0 }, b = { 0 };
  g_autoptr(TsuMeeting) council = NULL;
  g_autoptr(TsuMeeting) moved = NULL;
  g_autoptr(TsuMeeting) in_b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *after_change = NULL;
  g_autofree char *in_a = NULL;
  gint64 from = tokyo (2026, 1, 1, 0, 0), to = tokyo (2027, 1, 1, 0, 0);

  side_open (&a, "a.db");
  side_open (&b, "b.db");

  council = tsu_meeting_new ();
  tsu_meeting_set_kind (council, "municipal-council");
  tsu_meeting_set_title (council, "川越市 医療的ケア児等支援協議の場");
  tsu_meeting_set_starts_at (council, tokyo (2026, 1, 13, 14, 0));
  tsu_meeting_set_ends_at (council, tokyo (2026, 1, 13, 16, 0));
  tsu_meeting_set_rrule (council, "FREQ=MONTHLY;BYDAY=2TU");
  save (a.store, council);
  g_assert_true (tsu_store_exclude_occurrence (a.store, TSU_RECORD (council),
                                               tokyo (2026, 3, 10, 14, 0), &error));
  g_assert_no_error (error);
  moved = tsu_store_detach_occurrence (a.store, TSU_RECORD (council), tokyo (2026, 6, 9, 14, 0), &error);
  g_assert_no_error (error);
  g_assert_nonnull (moved);
  tsu_meeting_set_title (moved, "川越市 協議の場（会場変更）");
  tsu_meeting_set_starts_at (moved, tokyo (2026, 6, 10, 10, 0));
  tsu_meeting_set_ends_at (moved, tokyo (2026, 6, 10, 12, 0));
  save (a.store, moved);

  before = occurrences (a.store, from, to);
  g_assert_nonnull (strstr (before, "会場変更"));
  sync_ok (&a, calendar);
  sync_ok (&b, calendar);
  after = occurrences (b.store, from, to);
  g_assert_cmpstr (after, ==, before);

  /* A change to the series in B (one more excluded date) comes back to A. */
  in_b = find (b.store, tsu_meeting_get_uid (council));
  g_assert_true (tsu_store_exclude_occurrence (b.store, TSU_RECORD (in_b),
                                               tokyo (2026, 11, 10, 14, 0), &error));
  g_assert_no_error (error);
  after_change = occurrences (b.store, from, to);
  g_assert_cmpstr (after_change, !=, before);
  sync_ok (&b, calendar);
  sync_ok (&a, calendar);
  in_a = occurrences (a.store, from, to);
  g_assert_cmpstr (in_a, ==, after_change);

  tsu_test_store_close (&a);
  tsu_test_store_close (&b);
}

static gboolean
strv_has (GStrv       strv,
          const char *text)
{
  return g_strv_contains ((const char * const *) strv, text);
}

/* The same meeting changed on both sides: both versions are kept, on both sides. */
static void
test_conflict (void)
{
  g_autofree char *calendar = new_calendar ();
  Side a = { 0 }, b = { 0 };
  g_autoptr(TsuMeeting) meeting = NULL;
  g_autoptr(TsuMeeting) in_b = NULL;
  g_autoptr(TsuMeeting) again_a = NULL;
  g_auto(GStrv) in_a_titles = NULL;
  g_auto(GStrv) in_b_titles = NULL;
  g_autofree char *uid = NULL;

  side_open (&a, "a.db");
  side_open (&b, "b.db");
  meeting = add_meeting (a.store, "支援会議", tokyo (2026, 12, 2, 10, 0));
  uid = g_strdup (tsu_meeting_get_uid (meeting));
  sync_ok (&a, calendar);
  sync_ok (&b, calendar);

  /* Round 1: A's change reaches the server first and is the later one. */
  in_b = find (b.store, uid);
  tsu_meeting_set_title (in_b, "支援会議（Bの変更）");
  save (b.store, in_b);
  tsu_meeting_set_title (meeting, "支援会議（Aの変更）");
  save (a.store, meeting);
  g_assert_true (tsu_database_exec (tsu_store_get_database (a.store),
                                    "UPDATE meeting SET updated_at = updated_at + 60", NULL));
  sync_conflict (&a, &b, calendar);

  in_a_titles = titles (a.store);
  in_b_titles = titles (b.store);
  g_assert_cmpuint (g_strv_length (in_a_titles), ==, 2);
  g_assert_cmpuint (g_strv_length (in_b_titles), ==, 2);
  g_assert_true (strv_has (in_a_titles, "支援会議（Aの変更）"));
  g_assert_true (strv_has (in_a_titles, "支援会議（Bの変更） (conflict copy)"));
  g_assert_true (strv_has (in_b_titles, "支援会議（Aの変更）"));
  g_assert_true (strv_has (in_b_titles, "支援会議（Bの変更） (conflict copy)"));
  /* The UID stays with the later version, on both sides. */
  again_a = find (a.store, uid);
  g_assert_cmpstr (tsu_meeting_get_title (again_a), ==, "支援会議（Aの変更）");
  g_clear_object (&in_b);
  in_b = find (b.store, uid);
  g_assert_cmpstr (tsu_meeting_get_title (in_b), ==, "支援会議（Aの変更）");

  /* Round 2: B's change is the later one although A's reached the server first. */
  tsu_meeting_set_location (again_a, "A会議室");
  save (a.store, again_a);
  tsu_meeting_set_location (in_b, "B会議室");
  save (b.store, in_b);
  g_assert_true (tsu_database_exec (tsu_store_get_database (b.store),
                                    "UPDATE meeting SET updated_at = updated_at + 600", NULL));
  sync_conflict (&a, &b, calendar);
  g_clear_object (&again_a);
  again_a = find (a.store, uid);
  g_assert_cmpstr (tsu_meeting_get_location (again_a), ==, "B会議室");
  g_clear_pointer (&in_a_titles, g_strfreev);
  in_a_titles = titles (a.store);
  g_assert_cmpuint (g_strv_length (in_a_titles), ==, 3);
  g_assert_true (strv_has (in_a_titles, "支援会議（Aの変更） (conflict copy)"));
  g_assert_cmpint (tsu_store_count (a.store, TSU_TYPE_MEETING), ==, tsu_store_count (b.store, TSU_TYPE_MEETING));

  tsu_test_store_close (&a);
  tsu_test_store_close (&b);
}

typedef struct {
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Waiter;

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Waiter *w = user_data;

  w->ok = tsu_caldav_sync_finish (result, NULL, &w->error);
  g_main_loop_quit (w->loop);
}

static guint
count_files (const char *path,
             const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += count_files (child, suffix);
      else if (g_str_has_suffix (name, suffix))
        n++;
    }
  return n;
}

static gboolean
kill_when_half_there_cb (gpointer user_data)
{
  guint target = GPOINTER_TO_UINT (user_data);

  if (server.process != NULL && count_files (server.storage, ".ics") >= target)
    {
      server_kill ();
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* The server is killed (SIGKILL) in the middle of a sync and started again: the next
 * sync finishes the work, nothing is lost, nothing is doubled. */
static void
test_killed_server (void)
{
  g_autofree char *calendar = new_calendar ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Side a = { 0 }, b = { 0 };
  Waiter w = { loop, FALSE, NULL };
  g_autofree char *in_a = NULL;
  g_autofree char *in_b = NULL;
  TsuCaldavSyncStats stats;
  const guint n = 40;

  side_open (&a, "a.db");
  side_open (&b, "b.db");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("ケース会議 %02u", i);
      g_autoptr(TsuMeeting) m = add_meeting (a.store, title, tokyo (2026, 12, 1 + i % 28, 9 + i % 8, 0));
    }

  g_timeout_add (5, kill_when_half_there_cb, GUINT_TO_POINTER (n / 2));
  tsu_caldav_sync_async (a.path, server.url, USER, PASSWORD, calendar, NULL, sync_done_cb, &w);
  g_main_loop_run (loop);
  g_assert_false (w.ok);
  g_assert_error (w.error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_UNREACHABLE);
  g_clear_error (&w.error);
  g_assert_null (server.process);
  g_assert_cmpint (tsu_caldav_sync_count_pending (a.store), >, 0);

  /* Meanwhile A keeps working offline. */
  {
    g_autoptr(TsuMeeting) m = add_meeting (a.store, "オフラインで追加", tokyo (2026, 12, 20, 13, 0));
  }

  g_assert_true (server_start (&error));
  g_assert_no_error (error);
  g_assert_true (sync_side (&a, calendar, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.conflicts, ==, 0);
  g_assert_cmpint (tsu_caldav_sync_count_pending (a.store), ==, 0);
  sync_ok (&b, calendar);

  g_assert_cmpint (tsu_store_count (a.store, TSU_TYPE_MEETING), ==, n + 1);
  g_assert_cmpint (tsu_store_count (b.store, TSU_TYPE_MEETING), ==, n + 1);
  in_a = occurrences (a.store, tokyo (2026, 1, 1, 0, 0), tokyo (2027, 1, 1, 0, 0));
  in_b = occurrences (b.store, tokyo (2026, 1, 1, 0, 0), tokyo (2027, 1, 1, 0, 0));
  g_assert_cmpstr (in_a, ==, in_b);
  g_assert_cmpuint (count_files (server.storage, ".ics"), >=, n + 1);

  tsu_test_store_close (&a);
  tsu_test_store_close (&b);
}

/* A minimal web server that is not a CalDAV server. */
typedef struct {
  GMainContext *context;
  guint16       port;
  gint          stop;
  gint          ready;
} PlainServer;

static void
plain_handler (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  static const char page[] = "<html><body>Welcome</body></html>";

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

static gpointer
plain_server_thread (gpointer data)
{
  PlainServer *ps = data;
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (ps->context);
  soup_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (soup_server, NULL, plain_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (soup_server);
  ps->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_atomic_int_set (&ps->ready, 1);
  while (!g_atomic_int_get (&ps->stop))
    g_main_context_iteration (ps->context, TRUE);
  soup_server_disconnect (soup_server);
  g_main_context_pop_thread_default (ps->context);
  return NULL;
}

static void
test_errors (void)
{
  g_autofree char *calendar = new_calendar ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuCaldavClient) wrong = new_client ("wrong password");
  g_autoptr(TsuCaldavClient) nowhere = NULL;
  g_autoptr(TsuCaldavClient) plain = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autofree char *nowhere_url = g_strdup_printf ("http://127.0.0.1:%u/", tsu_test_free_port ());
  g_autofree char *plain_url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GThread) thread = NULL;
  PlainServer ps = { g_main_context_new (), 0, 0, 0 };
  Side a = { 0 };
  int status;

  side_open (&a, "a.db");
  {
    g_autoptr(TsuMeeting) m = add_meeting (a.store, "送れない会議", tokyo (2026, 12, 3, 9, 0));
  }

  /* A wrong password: said so, and nothing is lost. */
  g_assert_false (tsu_caldav_sync (a.store, wrong, calendar, NULL, NULL, &error));
  g_assert_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "password"));
  g_clear_error (&error);
  g_assert_cmpint (tsu_caldav_sync_count_pending (a.store), ==, 1);

  /* Nobody listening. */
  nowhere = tsu_caldav_client_new (nowhere_url, USER, PASSWORD, &error);
  g_assert_no_error (error);
  none = tsu_caldav_client_discover (nowhere, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_clear_error (&error);

  /* A web server that is no CalDAV server. */
  thread = g_thread_new ("plain-server", plain_server_thread, &ps);
  while (!g_atomic_int_get (&ps.ready))
    g_usleep (1000);
  plain_url = g_strdup_printf ("http://127.0.0.1:%u/", ps.port);
  plain = tsu_caldav_client_new (plain_url, USER, PASSWORD, &error);
  none = tsu_caldav_client_discover (plain, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_NOT_CALDAV);
  g_clear_error (&error);
  g_assert_false (tsu_caldav_sync (a.store, plain, plain_url, NULL, NULL, &error));
  g_assert_error (error, TSU_CALDAV_ERROR, TSU_CALDAV_ERROR_NOT_CALDAV);
  g_clear_error (&error);
  g_atomic_int_set (&ps.stop, 1);
  g_main_context_wakeup (ps.context);
  g_thread_join (g_steal_pointer (&thread));
  g_main_context_unref (ps.context);

  /* The same through tsunagu-cli. */
  {
    g_autofree char *calendar_path = tsu_caldav_client_path_of (calendar);
    const char *argv[] = { cli_path, "--database", a.path, "sync", "--url", server.url,
                           "--user", USER, "--calendar", calendar_path, NULL };
    g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "TSUNAGU_CALDAV_PASSWORD", "wrong", TRUE);

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "refused the user name or password"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    argv[5] = nowhere_url;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "Cannot reach the calendar server"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    /* And with the right password, the queued meeting goes. */
    argv[5] = server.url;
    g_strfreev (env);
    env = g_environ_setenv (g_get_environ (), "TSUNAGU_CALDAV_PASSWORD", PASSWORD, TRUE);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_cmpstr (err, ==, "");
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "1 sent"));
  }
  g_assert_cmpint (tsu_caldav_sync_count_pending (a.store), ==, 0);
  tsu_test_store_close (&a);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, strlen (needle)) != NULL;
}

static void
assert_nowhere_in (const char *path,
                   const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        assert_nowhere_in (child, needle);
      else if (file_contains (child, needle))
        g_error ("“%s” found on the server in %s", needle, child);
    }
}

/* Only calendar data reaches the server: the child's name (in a title, in a
 * participant's name), the notes and the minutes never do. Another client
 * (python3-caldav) reads what Tsunagu wrote. */
static void
test_privacy_and_peer (void)
{
  g_autofree char *calendar = new_calendar ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuCase) kase = tsu_case_new ();
  g_autoptr(TsuMeeting) meeting = NULL;
  g_autoptr(TsuMeeting) series = NULL;
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "caldav", "caldav-read.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *title = g_strdup_printf ("ケース会議 %s（山田花子さん）", CASE_CODE);
  g_autofree char *expected_title = g_strdup_printf ("ケース会議 %s（%sさん）", CASE_CODE, CASE_CODE);
  Side a = { 0 };
  int status;

  side_open (&a, "a.db");
  tsu_case_set_code (kase, CASE_CODE);
  tsu_case_set_child_name (kase, CHILD_NAME);
  tsu_case_set_child_kana (kase, CHILD_KANA);
  save (a.store, kase);

  meeting = add_meeting (a.store, title, tokyo (2026, 12, 4, 14, 0));
  tsu_meeting_set_case_id (meeting, tsu_record_get_id (TSU_RECORD (kase)));
  tsu_meeting_set_notes (meeting, NOTES);
  save (a.store, meeting);
  add_participant (a.store, meeting, "山田 花子の母", NULL);
  add_participant (a.store, meeting, "小林 亮", "所沢市 障害福祉課");
  tsu_minutes_set_meeting_id (minutes, tsu_record_get_id (TSU_RECORD (meeting)));
  tsu_minutes_set_summary (minutes, MINUTES);
  save (a.store, minutes);

  series = tsu_meeting_new ();
  tsu_meeting_set_kind (series, "municipal-council");
  tsu_meeting_set_title (series, "所沢市 協議の場");
  tsu_meeting_set_starts_at (series, tokyo (2026, 1, 13, 14, 0));
  tsu_meeting_set_ends_at (series, tokyo (2026, 1, 13, 16, 0));
  tsu_meeting_set_rrule (series, "FREQ=MONTHLY;BYDAY=2TU");
  save (a.store, series);
  g_assert_true (tsu_store_exclude_occurrence (a.store, TSU_RECORD (series), tokyo (2026, 3, 10, 14, 0), &error));
  g_assert_no_error (error);

  sync_ok (&a, calendar);

  assert_nowhere_in (server.storage, "山田");
  assert_nowhere_in (server.storage, "花子");
  assert_nowhere_in (server.storage, "やまだ");
  assert_nowhere_in (server.storage, NOTES);
  assert_nowhere_in (server.storage, MINUTES);
  g_assert_cmpuint (count_files (server.storage, ".ics"), >, 0);

  {
    const char *argv[] = { "/usr/bin/python3", script, calendar, USER, PASSWORD, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("python3-caldav failed: %s", err);
  }
  g_assert_nonnull (strstr (out, expected_title));
  g_assert_nonnull (strstr (out, tsu_meeting_get_uid (meeting)));
  g_assert_nonnull (strstr (out, "FREQ=MONTHLY;BYDAY=2TU"));
  g_assert_nonnull (strstr (out, "2026-03-10T14:00:00+09:00"));
  g_assert_nonnull (strstr (out, "2026-12-04T14:00:00+09:00"));
  tsu_test_store_close (&a);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  cli_path = argc > 1 ? argv[1] : NULL;

  if (!server_set_up (&error))
    {
      g_test_skip_printf ("Radicale cannot run here, so CalDAV sync is not tested: %s", error->message);
      return g_test_run ();
    }

  g_test_add_func ("/caldav/discover", test_discover);
  g_test_add_func ("/caldav/propagate", test_propagate);
  g_test_add_func ("/caldav/recurring", test_recurring);
  g_test_add_func ("/caldav/conflict", test_conflict);
  g_test_add_func ("/caldav/killed-server", test_killed_server);
  g_test_add_func ("/caldav/errors", test_errors);
  g_test_add_func ("/caldav/privacy-and-peer", test_privacy_and_peer);
  status = g_test_run ();

  if (server.process != NULL)
    server_kill ();
  tsu_test_remove_tree (server.dir);
  return status;
}
