/* test-case-summary.c: the rows of the case list, computed by one query
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tsunagu-core.h"
#include "tsu-demo.h"

/* 2026-11-24 14:00 in Tokyo (a Tuesday) is "now" in every test. */
#define NOW ((gint64) 1795496400)
#define DAY ((gint64) 24 * 3600)

typedef struct {
  char     *dir;
  TsuStore *store;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tsunagu-summary-XXXXXX", NULL);
  path = g_build_filename (f->dir, "t.db", NULL);
  f->store = tsu_store_open (path, &error);
  g_assert_no_error (error);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  const char *names[] = { "t.db", "t.db-wal", "t.db-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (f->dir, names[i], NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
save (Fixture *f, gpointer record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tsu_store_save (f->store, record, &error));
  g_assert_no_error (error);
}

static gint64
municipality_id (Fixture *f, const char *name, char **region)
{
  g_autoptr(GListModel) all = tsu_store_list (f->store, TSU_TYPE_MUNICIPALITY, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (all, i);

      if (g_strcmp0 (tsu_municipality_get_name (m), name) == 0)
        {
          *region = g_strdup (tsu_municipality_get_region (m));
          return tsu_record_get_id (TSU_RECORD (m));
        }
    }
  g_assert_not_reached ();
}

static TsuCase *
add_case (Fixture *f, const char *code, const char *status, const char *opened_on)
{
  TsuCase *kase = tsu_case_new ();

  tsu_case_set_code (kase, code);
  tsu_case_set_status (kase, status);
  tsu_case_set_opened_on (kase, opened_on);
  save (f, kase);
  return kase;
}

static TsuMeeting *
add_conference (Fixture *f, TsuCase *kase, gint64 start, const char *rrule, const char *status)
{
  TsuMeeting *m = tsu_meeting_new ();

  tsu_meeting_set_kind (m, "case-conference");
  tsu_meeting_set_title (m, "ケース会議");
  tsu_meeting_set_starts_at (m, start);
  tsu_meeting_set_ends_at (m, start + 3600);
  tsu_meeting_set_case_id (m, tsu_record_get_id (TSU_RECORD (kase)));
  tsu_meeting_set_rrule (m, rrule);
  if (status != NULL)
    tsu_meeting_set_status (m, status);
  save (f, m);
  return m;
}

static TsuCaseSummary *
find (GListModel *list, const char *code)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TsuCaseSummary) s = g_list_model_get_item (list, i);

      if (g_strcmp0 (tsu_case_summary_get_code (s), code) == 0)
        return s;
    }
  g_assert_not_reached ();
}

static void
test_columns (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(TsuCase) kase = add_case (f, "C-2026-0002", "active", "2026-04-01");
  g_autoptr(TsuCase) other = add_case (f, "C-2026-0001", "difficult", "2026-04-01");
  g_autoptr(TsuPerson) coordinator = tsu_person_new ();
  g_autoptr(TsuPerson) regional = tsu_person_new ();
  g_autoptr(TsuMeeting) past = NULL;
  g_autoptr(TsuMeeting) cancelled = NULL;
  g_autoptr(TsuMeeting) next = NULL;
  g_autoptr(TsuMeeting) later = NULL;
  g_autofree char *region = NULL;
  gint64 city = municipality_id (f, "川越市", &region);
  TsuCaseSummary *s;

  tsu_person_set_name (coordinator, "佐藤 花子");
  save (f, coordinator);
  tsu_person_set_name (regional, "鈴木 一郎");
  save (f, regional);

  tsu_case_set_child_name (kase, "山田 陽菜");
  tsu_case_set_municipality_id (kase, city);
  tsu_case_set_coordinator_id (kase, tsu_record_get_id (TSU_RECORD (coordinator)));
  tsu_case_set_regional_coordinator_id (kase, tsu_record_get_id (TSU_RECORD (regional)));
  save (f, kase);

  /* Conferences: one past, one cancelled, the next in 10 days and one later. */
  past = add_conference (f, kase, NOW - 20 * DAY, NULL, NULL);
  cancelled = add_conference (f, kase, NOW + 2 * DAY, NULL, "cancelled");
  next = add_conference (f, kase, NOW + 10 * DAY, NULL, NULL);
  later = add_conference (f, kase, NOW + 40 * DAY, NULL, NULL);

  /* Action items: two open (one overdue), one done. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TsuActionItem) a = tsu_action_item_new ();

      tsu_action_item_set_case_id (a, tsu_record_get_id (TSU_RECORD (kase)));
      tsu_action_item_set_what (a, "訪問看護の調整");
      tsu_action_item_set_due_on (a, i == 0 ? "2026-11-01" : "2026-12-20");
      tsu_action_item_set_status (a, i == 2 ? "done" : "open");
      save (f, a);
    }

  /* Consultations: the latest was 3 days and a few hours ago. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TsuConsultation) c = tsu_consultation_new ();

      tsu_consultation_set_case_id (c, tsu_record_get_id (TSU_RECORD (kase)));
      tsu_consultation_set_channel (c, "phone");
      tsu_consultation_set_occurred_at (c, i == 0 ? NOW - 30 * DAY : NOW - 3 * DAY - 5 * 3600);
      save (f, c);
    }

  list = tsu_case_summary_list (f->store, NOW, 90, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  /* By case code. */
  {
    g_autoptr(TsuCaseSummary) first = g_list_model_get_item (list, 0);

    g_assert_cmpstr (tsu_case_summary_get_code (first), ==, "C-2026-0001");
  }

  s = find (list, "C-2026-0002");
  g_assert_cmpstr (tsu_case_get_child_name (tsu_case_summary_get_case (s)), ==, "山田 陽菜");
  g_assert_cmpint (tsu_case_summary_get_id (s), ==, tsu_record_get_id (TSU_RECORD (kase)));
  g_assert_cmpstr (tsu_case_summary_get_status (s), ==, "active");
  g_assert_cmpstr (tsu_case_summary_get_municipality_name (s), ==, "川越市");
  g_assert_cmpstr (tsu_case_summary_get_region (s), ==, region);
  g_assert_cmpstr (tsu_case_summary_get_coordinator_name (s), ==, "佐藤 花子");
  g_assert_cmpstr (tsu_case_summary_get_regional_coordinator_name (s), ==, "鈴木 一郎");
  g_assert_nonnull (strstr (tsu_case_summary_get_coordinators (s), "佐藤 花子"));
  g_assert_nonnull (strstr (tsu_case_summary_get_coordinators (s), "鈴木 一郎"));
  g_assert_cmpint (tsu_case_summary_get_next_conference (s), ==, NOW + 10 * DAY);
  g_assert_cmpuint (tsu_case_summary_get_open_actions (s), ==, 2);
  g_assert_cmpuint (tsu_case_summary_get_overdue_actions (s), ==, 1);
  g_assert_cmpint (tsu_case_summary_get_days_since_contact (s), ==, 3);
  g_assert_cmpint (tsu_case_summary_get_last_contact (s), ==, NOW - 3 * DAY - 5 * 3600);

  /* The other case has none of these. */
  s = find (list, "C-2026-0001");
  g_assert_null (tsu_case_summary_get_municipality_name (s));
  g_assert_null (tsu_case_summary_get_coordinators (s));
  g_assert_cmpint (tsu_case_summary_get_next_conference (s), ==, 0);
  g_assert_cmpuint (tsu_case_summary_get_open_actions (s), ==, 0);
  g_assert_cmpint (tsu_case_summary_get_days_since_contact (s), ==, -1);

  /* Properties serve sorters and filters. */
  {
    g_autofree char *municipality = NULL;
    gint64 next_conference = 0;

    s = find (list, "C-2026-0002");
    g_object_get (s, "municipality-name", &municipality, "next-conference", &next_conference,
                  NULL);
    g_assert_cmpstr (municipality, ==, "川越市");
    g_assert_cmpint (next_conference, ==, NOW + 10 * DAY);
  }

  /* One case alone, as the case page reloads it. */
  {
    g_autoptr(TsuCaseSummary) one = tsu_case_summary_load (f->store,
                                                           tsu_record_get_id (TSU_RECORD (kase)),
                                                           NOW, 90, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tsu_case_summary_get_code (one), ==, "C-2026-0002");
    g_assert_cmpuint (tsu_case_summary_get_open_actions (one), ==, 2);
  }
  {
    g_autoptr(TsuCaseSummary) none = tsu_case_summary_load (f->store, 99999, NOW, 90, &error);

    g_assert_null (none);
    g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND);
  }
}

static void
test_recurring_conference (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(TsuCase) kase = add_case (f, "C-2026-0003", "difficult", "2026-01-10");
  g_autoptr(TsuMeeting) series = NULL;
  g_autoptr(TsuMeeting) single = NULL;
  /* 2026-01-13 14:00 Tokyo, a second Tuesday; monthly on the second Tuesday. */
  gint64 first = 1768280400;
  /* The next second Tuesday after 2026-11-24 is 2026-12-08. */
  gint64 expected = 1796706000;

  series = add_conference (f, kase, first, "FREQ=MONTHLY;BYDAY=2TU", NULL);
  single = add_conference (f, kase, NOW + 30 * DAY, NULL, NULL);

  list = tsu_case_summary_list (f->store, NOW, 90, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tsu_case_summary_get_next_conference (find (list, "C-2026-0003")), ==,
                   expected);
}

static void
test_unsupported (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(TsuCase) alone = add_case (f, "A-alone", "active", "2026-06-01");
  g_autoptr(TsuCase) recent = add_case (f, "B-recent", "intake", "2026-11-01");
  g_autoptr(TsuCase) teamed = add_case (f, "C-teamed", "active", "2026-06-01");
  g_autoptr(TsuCase) closed = add_case (f, "D-closed", "closed", "2026-01-01");
  g_autoptr(TsuCase) unknown = add_case (f, "E-unknown", "active", NULL);
  g_autoptr(TsuAgency) agency = tsu_agency_new ();
  g_autoptr(TsuTeamMember) member = tsu_team_member_new ();

  tsu_agency_set_name (agency, "ひまわり訪問看護ステーション");
  tsu_agency_set_kind (agency, "visiting-nursing");
  save (f, agency);
  tsu_team_member_set_case_id (member, tsu_record_get_id (TSU_RECORD (teamed)));
  tsu_team_member_set_agency_id (member, tsu_record_get_id (TSU_RECORD (agency)));
  tsu_team_member_set_role (member, "訪問看護");
  save (f, member);

  list = tsu_case_summary_list (f->store, NOW, 90, &error);
  g_assert_no_error (error);

  /* Opened 176 days ago with nobody on the team: flagged. */
  g_assert_true (tsu_case_summary_get_unsupported (find (list, "A-alone")));
  /* Opened 23 days ago: not yet. */
  g_assert_false (tsu_case_summary_get_unsupported (find (list, "B-recent")));
  g_assert_true (tsu_case_summary_get_unsupported (find (list, "E-unknown")));
  g_assert_false (tsu_case_summary_get_unsupported (find (list, "C-teamed")));
  g_assert_cmpuint (tsu_case_summary_get_team_size (find (list, "C-teamed")), ==, 1);
  g_assert_false (tsu_case_summary_get_unsupported (find (list, "D-closed")));

  /* The threshold is a setting: with 20 days, the recent case is flagged too. */
  g_clear_object (&list);
  list = tsu_case_summary_list (f->store, NOW, 20, &error);
  g_assert_no_error (error);
  g_assert_true (tsu_case_summary_get_unsupported (find (list, "B-recent")));
}

static void
test_scale (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  TsuDemoOptions options;
  gint64 start;

  tsu_demo_options_init (&options);
  options.scale = 0.1;
  options.seed = 3;
  g_assert_true (tsu_demo_generate (f->store, &options, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  list = tsu_case_summary_list (f->store, NOW, 90, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_list_model_get_n_items (list), ==, tsu_store_count (f->store, TSU_TYPE_CASE));
  g_test_message ("%u cases in %" G_GINT64_FORMAT " ms", g_list_model_get_n_items (list),
                  (g_get_monotonic_time () - start) / 1000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/case-summary/columns", Fixture, NULL, set_up, test_columns, tear_down);
  g_test_add ("/case-summary/recurring-conference", Fixture, NULL, set_up,
              test_recurring_conference, tear_down);
  g_test_add ("/case-summary/unsupported", Fixture, NULL, set_up, test_unsupported, tear_down);
  g_test_add ("/case-summary/scale", Fixture, NULL, set_up, test_scale, tear_down);

  return g_test_run ();
}
