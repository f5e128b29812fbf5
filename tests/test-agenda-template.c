/* test-agenda-template.c: built-in and saved agenda templates
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "tsunagu-core.h"

typedef struct {
  char     *dir;
  char     *path;
  TsuStore *store;
  gint64    meeting_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuMeeting) m = tsu_meeting_new ();

  fixture->dir = g_dir_make_tmp ("tsunagu-template-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "tsunagu.db", NULL);
  fixture->store = tsu_store_open (fixture->path, &error);
  g_assert_no_error (error);

  tsu_meeting_set_title (m, "ケース会議（A-001）");
  tsu_meeting_set_kind (m, "case-conference");
  tsu_meeting_set_starts_at (m, 1795000000);
  tsu_meeting_set_ends_at (m, 1795005400);
  g_assert_true (tsu_store_save (fixture->store, TSU_RECORD (m), &error));
  fixture->meeting_id = tsu_record_get_id (TSU_RECORD (m));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GListModel *
agenda_of (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GListModel *items = tsu_store_list_by (fixture->store, TSU_TYPE_AGENDA_ITEM, "meeting_id",
                                         fixture->meeting_id, "position", &error);

  g_assert_no_error (error);
  return items;
}

static void
test_builtin (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) templates = tsu_agenda_template_list (fixture->store, &error);
  g_autoptr(TsuAgendaTemplate) conference = NULL;
  g_autoptr(GListModel) agenda = NULL;
  g_autoptr(TsuAgendaItem) first = NULL, last = NULL;
  guint total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 2);
  conference = g_list_model_get_item (templates, 0);
  g_assert_cmpstr (tsu_agenda_template_get_meeting_kind (conference), ==, "case-conference");
  g_assert_cmpint (tsu_agenda_template_get_id (conference), ==, 0);
  g_assert_cmpuint (tsu_agenda_template_get_n_items (conference), ==, 6);
  g_assert_cmpstr (tsu_agenda_template_get_item_title (conference, 0), ==,
                   "Opening and introductions");

  /* Applied twice: the second copy comes after the first, positions in order. */
  g_assert_true (tsu_agenda_template_apply (conference, fixture->store, fixture->meeting_id, &error));
  g_assert_true (tsu_agenda_template_apply (conference, fixture->store, fixture->meeting_id, &error));
  g_assert_no_error (error);
  agenda = agenda_of (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, 12);
  first = g_list_model_get_item (agenda, 0);
  last = g_list_model_get_item (agenda, 11);
  g_assert_cmpstr (tsu_agenda_item_get_title (first), ==, "Opening and introductions");
  g_assert_cmpstr (tsu_agenda_item_get_title (last), ==, "Next meeting");
  g_assert_cmpint (tsu_agenda_item_get_position (last), ==, 11);
  for (guint i = 0; i < 6; i++)
    total += tsu_agenda_template_get_item_minutes (conference, i);
  g_assert_cmpuint (total, <=, 90);

  g_assert_false (tsu_agenda_template_delete (conference, fixture->store, &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
}

static void
test_saved (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) items = g_list_store_new (TSU_TYPE_AGENDA_ITEM);
  g_autoptr(GListModel) templates = NULL;
  g_autoptr(TsuAgendaTemplate) mine = NULL;
  const char *titles[] = { "開会・出席者紹介", "前回の役割分担の確認", "学校生活の様子" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(TsuAgendaItem) item = tsu_agenda_item_new ();

      tsu_agenda_item_set_title (item, titles[i]);
      tsu_agenda_item_set_planned_minutes (item, 10 * (i + 1));
      g_list_store_append (items, item);
    }

  /* Bad input: nothing saved. */
  g_assert_false (tsu_agenda_template_save (fixture->store, "  ", G_LIST_MODEL (items), &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (tsu_agenda_template_save (fixture->store, "学齢期のケース会議", G_LIST_MODEL (items),
                                           &error));
  /* Saving under the same name replaces. */
  g_list_store_remove (items, 2);
  g_assert_true (tsu_agenda_template_save (fixture->store, "学齢期のケース会議", G_LIST_MODEL (items),
                                           &error));
  g_assert_no_error (error);

  templates = tsu_agenda_template_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 3);
  mine = g_list_model_get_item (templates, 2);
  g_assert_cmpstr (tsu_agenda_template_get_name (mine), ==, "学齢期のケース会議");
  g_assert_cmpuint (tsu_agenda_template_get_n_items (mine), ==, 2);
  g_assert_cmpstr (tsu_agenda_template_get_item_title (mine, 1), ==, "前回の役割分担の確認");
  g_assert_cmpuint (tsu_agenda_template_get_item_minutes (mine, 1), ==, 20);

  g_assert_true (tsu_agenda_template_delete (mine, fixture->store, &error));
  g_clear_object (&templates);
  templates = tsu_agenda_template_list (fixture->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/agenda-template/builtin", Fixture, NULL, fixture_set_up, test_builtin,
              fixture_tear_down);
  g_test_add ("/agenda-template/saved", Fixture, NULL, fixture_set_up, test_saved,
              fixture_tear_down);
  return g_test_run ();
}
