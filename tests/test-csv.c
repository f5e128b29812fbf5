/* test-csv.c: the directory as CSV, as Excel in Japan writes and reads it
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tsunagu-core.h"

typedef struct {
  char     *dir;
  TsuStore *store;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("tsunagu-csv-XXXXXX", NULL);
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

static TsuCsvPlan *
plan_text (Fixture        *f,
           TsuCsvKind      kind,
           const char     *text,
           gssize          len,
           TsuCsvEncoding  encoding,
           GError        **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);

  return tsu_csv_plan_new (f->store, kind, bytes, encoding, error);
}

static void
assert_no_problems (TsuCsvPlan *plan)
{
  GPtrArray *problems = tsu_csv_plan_get_problems (plan);

  for (guint i = 0; i < problems->len; i++)
    {
      TsuCsvProblem *p = problems->pdata[i];
      g_error ("line %u: %s", p->line, p->message);
    }
}

static const char agencies_csv[] =
  "名称,ふりがな,種別,市町村,住所,電話,FAX,メール,サービス,備考\r\n"
  "川越訪問看護ステーションあおば,かわごえほうもんかんごすてーしょんあおば,訪問看護ステーション,川越市,"
  "埼玉県川越市1-2-3,049-222-1111,049-222-1112,aoba@example.jp,\"訪問看護、短期入所\",\"夜間も対応\r\n(要相談)\"\r\n"
  "\"県立小児医療センター \"\"本院\"\"\",けんりつしょうにいりょうせんたー,病院,さいたま市,,048-601-2200,,,,\r\n"
  "\r\n"
  "秩父市障害福祉課,ちちぶししょうがいふくしか,市町村,秩父市,,0494-22-2211,,,相談支援,\r\n";

/* Import with a BOM, quoted fields with commas, quotes and a line break; export
 * writes it back with the BOM and CRLF, and a second import finds only duplicates. */
static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", agencies_csv, NULL);
  g_autoptr(TsuCsvPlan) plan = plan_text (f, TSU_CSV_AGENCIES, with_bom, -1, TSU_CSV_ENCODING_AUTO, &error);
  g_autoptr(TsuCsvPlan) again = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GListModel) agencies = NULL;
  g_autoptr(TsuAgency) aoba = NULL;
  const char *text;

  g_assert_no_error (error);
  g_assert_cmpstr (tsu_csv_plan_get_encoding (plan), ==, "UTF-8");
  assert_no_problems (plan);
  g_assert_cmpuint (tsu_csv_plan_get_new (plan)->len, ==, 3);
  g_assert_true (tsu_csv_plan_apply (plan, f->store, &error));
  g_assert_no_error (error);

  agencies = tsu_store_list (f->store, TSU_TYPE_AGENCY, "kana", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (agencies), ==, 3);
  aoba = g_list_model_get_item (agencies, 0);
  g_assert_cmpstr (tsu_agency_get_kind (aoba), ==, "visiting-nursing");
  g_assert_cmpstr (tsu_agency_get_services (aoba), ==, "visiting-nursing,short-stay");
  g_assert_cmpstr (tsu_agency_get_notes (aoba), ==, "夜間も対応\r\n(要相談)");

  exported = tsu_csv_export (f->store, TSU_CSV_AGENCIES, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (exported, NULL);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf名称,ふりがな,種別,市町村"));
  g_assert_nonnull (strstr (text, "\"県立小児医療センター \"\"本院\"\"\""));
  g_assert_nonnull (strstr (text, "\r\n"));

  again = tsu_csv_plan_new (f->store, TSU_CSV_AGENCIES, exported, TSU_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tsu_csv_plan_get_new (again)->len, ==, 0);
  g_assert_cmpuint (tsu_csv_plan_get_duplicates (again)->len, ==, 3);
}

/* A file saved by Excel as Shift_JIS is detected and read. */
static void
test_shift_jis (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *sjis = g_convert (agencies_csv, -1, "CP932", "UTF-8", NULL, &len, &error);
  g_autoptr(TsuCsvPlan) plan = NULL;
  g_autoptr(TsuCsvPlan) forced = NULL;

  g_assert_no_error (error);
  plan = plan_text (f, TSU_CSV_AGENCIES, sjis, len, TSU_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tsu_csv_plan_get_encoding (plan), ==, "Shift_JIS");
  g_assert_cmpuint (tsu_csv_plan_get_new (plan)->len, ==, 3);
  g_assert_cmpstr (tsu_agency_get_name (tsu_csv_plan_get_new (plan)->pdata[2]), ==, "秩父市障害福祉課");

  /* Told it is UTF-8, the same bytes are refused with advice. */
  forced = plan_text (f, TSU_CSV_AGENCIES, sjis, len, TSU_CSV_ENCODING_UTF8, &error);
  g_assert_null (forced);
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Shift_JIS"));
}

/* Bad rows are reported by line and nothing is imported; duplicates within the file
 * are skipped. */
static void
test_bad_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *csv =
    "name,kana,kind,municipality,phone,email\n"
    "よつば相談支援センター,よつば,相談支援事業所,所沢市,04-2999-0000,info@example.jp\n"
    "よつば相談支援センター,よつば,相談支援事業所,所沢市,04-2999-0000,info@example.jp\n"
    "ひかり園,ひかりえん,動物園,所沢市,,\n"
    "みどり病院,みどりびょういん,病院,東京都港区,03-0000-0000,\n"
    "あおぞら,あおぞら,診療所,狭山市,電話なし,not-an-address\n";
  g_autoptr(TsuCsvPlan) plan = plan_text (f, TSU_CSV_AGENCIES, csv, -1, TSU_CSV_ENCODING_AUTO, &error);
  GPtrArray *problems;

  g_assert_no_error (error);
  problems = tsu_csv_plan_get_problems (plan);
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_cmpuint (((TsuCsvProblem *) problems->pdata[0])->line, ==, 4);
  g_assert_cmpuint (((TsuCsvProblem *) problems->pdata[1])->line, ==, 5);
  g_assert_cmpuint (((TsuCsvProblem *) problems->pdata[2])->line, ==, 6);
  g_assert_cmpuint (((TsuCsvProblem *) problems->pdata[3])->line, ==, 6);
  g_assert_cmpuint (tsu_csv_plan_get_duplicates (plan)->len, ==, 1);
  g_assert_cmpuint (((TsuCsvProblem *) tsu_csv_plan_get_duplicates (plan)->pdata[0])->line, ==, 3);

  g_assert_false (tsu_csv_plan_apply (plan, f->store, &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  g_assert_cmpint (tsu_store_count (f->store, TSU_TYPE_AGENCY), ==, 0);
}

/* Persons refer to agencies by name; broken files give a clear message. */
static void
test_persons_and_broken (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuCsvPlan) agencies = plan_text (f, TSU_CSV_AGENCIES, agencies_csv, -1, TSU_CSV_ENCODING_AUTO, &error);
  g_autoptr(TsuCsvPlan) persons = NULL;
  g_autoptr(TsuCsvPlan) unclosed = NULL;
  g_autoptr(TsuCsvPlan) binary = NULL;
  g_autoptr(TsuCsvPlan) headless = NULL;
  g_autoptr(GBytes) exported = NULL;
  const char *persons_csv =
    "氏名,ふりがな,所属,職種,電話,メール\n"
    "小林 真理,こばやし まり,秩父市障害福祉課,保健師,0494-22-2211,m.kobayashi@example.jp\n"
    "=HYPERLINK(\"x\"),はいぱー,,医師,,\n";

  g_assert_true (tsu_csv_plan_apply (agencies, f->store, &error));
  persons = plan_text (f, TSU_CSV_PERSONS, persons_csv, -1, TSU_CSV_ENCODING_AUTO, &error);
  g_assert_no_error (error);
  assert_no_problems (persons);
  g_assert_true (tsu_csv_plan_apply (persons, f->store, &error));
  g_assert_cmpint (tsu_person_get_agency_id (tsu_csv_plan_get_new (persons)->pdata[0]), >, 0);

  /* A formula-like name is written so that Excel shows it as text. */
  exported = tsu_csv_export (f->store, TSU_CSV_PERSONS, &error);
  g_assert_nonnull (strstr (g_bytes_get_data (exported, NULL), "\"'=HYPERLINK(\"\"x\"\")\""));

  unclosed = plan_text (f, TSU_CSV_PERSONS, "氏名\n\"開いたまま\n", -1, TSU_CSV_ENCODING_AUTO, &error);
  g_assert_null (unclosed);
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_clear_error (&error);

  binary = plan_text (f, TSU_CSV_PERSONS, "\x89PNG\r\n\x1a\n\0\0\0", 11, TSU_CSV_ENCODING_AUTO, &error);
  g_assert_null (binary);
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  headless = plan_text (f, TSU_CSV_PERSONS, "a,b,c\n1,2,3\n", -1, TSU_CSV_ENCODING_AUTO, &error);
  g_assert_null (headless);
  g_assert_nonnull (strstr (error->message, "氏名"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/csv/round-trip", Fixture, NULL, set_up, test_round_trip, tear_down);
  g_test_add ("/csv/shift-jis", Fixture, NULL, set_up, test_shift_jis, tear_down);
  g_test_add ("/csv/bad-rows", Fixture, NULL, set_up, test_bad_rows, tear_down);
  g_test_add ("/csv/persons-and-broken", Fixture, NULL, set_up, test_persons_and_broken, tear_down);
  return g_test_run ();
}
