/* test-export-pdf.c: the printed documents, read back from their PDF
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <string.h>

#include "tsunagu-core.h"
#include "tsunagu-export.h"

/* Every document is written as a PDF and read back with poppler, the way a person
 * would check a printout: the pages, their size, the Japanese text in the order it
 * is read, what a distribution copy must not show, and that nothing overlaps or runs
 * into the margins. Labels are checked in English (the C locale, untranslated);
 * names, titles and dates are the same in every locale. */

#define CHILD_NAME "山田 太郎"
#define CHILD_KANA "やまだ たろう"
#define CASE_CODE "C-2026-0042"

static const char *cli;

/* Pango 1.50 and fontconfig keep font patterns to the end of the process (found by
 * LeakSanitizer in the sanitizer build); they are not ours to free. The same list goes
 * to tsunagu-cli when the tests run it. */
#define LEAK_SUPPRESSIONS "leak:libfontconfig.so\nleak:libpangoft2-1.0.so\n"

#if defined(__SANITIZE_ADDRESS__)
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return LEAK_SUPPRESSIONS;
}
#endif

/* poppler-glib 22.12 defines no g_autoptr() cleanups; names of our own cannot clash
 * with those of a later poppler. */
typedef PopplerDocument TestPdf;
typedef PopplerPage TestPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPage, g_object_unref)

typedef struct {
  char      *dir;
  TsuStore  *store;
  gint64     case_id;
  gint64     meeting_id;
  gint64     agency_id;
  gint64     person_ids[4];
} Fixture;

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

  tsu_store_save (store, TSU_RECORD (record), &error);
  g_assert_no_error (error);
  return tsu_record_get_id (TSU_RECORD (record));
}

static gint64
add_agency (Fixture    *f,
            const char *name)
{
  g_autoptr(TsuAgency) a = tsu_agency_new ();

  tsu_agency_set_name (a, name);
  tsu_agency_set_kind (a, "hospital");
  return save (f->store, a);
}

static gint64
add_person (Fixture    *f,
            const char *name,
            gint64      agency_id,
            const char *profession)
{
  g_autoptr(TsuPerson) p = tsu_person_new ();

  tsu_person_set_name (p, name);
  tsu_person_set_agency_id (p, agency_id);
  tsu_person_set_profession (p, profession);
  return save (f->store, p);
}

static void
add_participant (Fixture    *f,
                 gint64      person_id,
                 const char *name,
                 const char *role,
                 const char *attendance)
{
  g_autoptr(TsuParticipant) p = tsu_participant_new ();

  tsu_participant_set_meeting_id (p, f->meeting_id);
  tsu_participant_set_person_id (p, person_id);
  tsu_participant_set_name (p, name);
  tsu_participant_set_role (p, role);
  tsu_participant_set_attendance (p, attendance);
  save (f->store, p);
}

static gint64
first_municipality (Fixture *f)
{
  g_autoptr(GListModel) list = tsu_store_list (f->store, TSU_TYPE_MUNICIPALITY, "id", NULL);
  g_autoptr(TsuMunicipality) m = g_list_model_get_item (list, 0);

  return tsu_record_get_id (TSU_RECORD (m));
}

/* A case conference of 2026-11-24 (a Tuesday) with its minutes. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TsuCase) c = tsu_case_new ();
  g_autoptr(TsuMeeting) m = tsu_meeting_new ();
  gint64 city;

  f->dir = g_dir_make_tmp ("tsunagu-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "tsunagu.db", NULL);
  f->store = tsu_store_open (path, &error);
  g_assert_no_error (error);

  city = first_municipality (f);
  f->agency_id = add_agency (f, "さくら訪問看護ステーション");
  f->person_ids[0] = add_person (f, "佐藤 花子", f->agency_id, "看護師");
  f->person_ids[1] = add_person (f, "高橋 健一", add_agency (f, "県医療的ケア児支援センター"),
                                 "医療的ケア児等コーディネーター");
  f->person_ids[2] = add_person (f, "鈴木 一郎", add_agency (f, "川口市役所 障害福祉課"), "市町村職員");
  f->person_ids[3] = add_person (f, "伊藤 美咲", f->agency_id, "理学療法士");

  tsu_case_set_code (c, CASE_CODE);
  tsu_case_set_child_name (c, CHILD_NAME);
  tsu_case_set_child_kana (c, CHILD_KANA);
  tsu_case_set_birth_date (c, "2019-06-15");
  tsu_case_set_municipality_id (c, city);
  tsu_case_set_medical_care (c, "ventilator,tube_feeding");
  tsu_case_set_guardians (c, "母: 山田 花子");
  tsu_case_set_status (c, "difficult");
  tsu_case_set_coordinator_id (c, f->person_ids[1]);
  tsu_case_set_opened_on (c, "2025-04-01");
  f->case_id = save (f->store, c);

  tsu_meeting_set_kind (m, "case-conference");
  tsu_meeting_set_title (m, "山田 太郎さん ケース会議");
  tsu_meeting_set_starts_at (m, tokyo (2026, 11, 24, 14, 0));
  tsu_meeting_set_ends_at (m, tokyo (2026, 11, 24, 15, 30));
  tsu_meeting_set_location (m, "県庁第二庁舎 会議室B");
  tsu_meeting_set_case_id (m, f->case_id);
  tsu_meeting_set_municipality_id (m, city);
  tsu_meeting_set_organizer_id (m, f->person_ids[1]);
  tsu_meeting_set_status (m, "held");
  f->meeting_id = save (f->store, m);

  add_participant (f, f->person_ids[1], NULL, "chair", "present");
  add_participant (f, f->person_ids[0], NULL, "recorder", "present");
  add_participant (f, f->person_ids[2], NULL, "attendee", "absent");
  add_participant (f, f->person_ids[3], NULL, "presenter", "online");
  add_participant (f, 0, "山田 花子", "family", "present");
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
}

static const char *decisions[] = {
  "訪問看護を週3回に増やす。",
  "短期入所の利用を12月から開始する。",
};

/* The agenda, and minutes with @n_actions action items and @n_paragraphs of discussion. */
static gint64
add_minutes (Fixture    *f,
             const char *state,
             guint       n_actions,
             guint       n_paragraphs)
{
  g_autoptr(TsuAgendaItem) item1 = tsu_agenda_item_new ();
  g_autoptr(TsuAgendaItem) item2 = tsu_agenda_item_new ();
  g_autoptr(TsuMinutes) minutes = tsu_minutes_new ();
  g_autoptr(GError) error = NULL;
  gint64 minutes_id;

  tsu_agenda_item_set_meeting_id (item1, f->meeting_id);
  tsu_agenda_item_set_position (item1, 0);
  tsu_agenda_item_set_title (item1, "現状の確認");
  tsu_agenda_item_set_presenter (item1, "伊藤 美咲");
  tsu_agenda_item_set_planned_minutes (item1, 20);
  save (f->store, item1);
  tsu_agenda_item_set_meeting_id (item2, f->meeting_id);
  tsu_agenda_item_set_position (item2, 1);
  tsu_agenda_item_set_title (item2, "今後の支援方針");
  tsu_agenda_item_set_presenter (item2, "高橋 健一");
  tsu_agenda_item_set_planned_minutes (item2, 30);
  save (f->store, item2);

  tsu_minutes_set_meeting_id (minutes, f->meeting_id);
  tsu_minutes_set_state (minutes, state);
  if (g_str_equal (state, "confirmed"))
    {
      tsu_minutes_set_confirmed_by (minutes, "木村 恵子");
      tsu_minutes_set_confirmed_at (minutes, tokyo (2026, 11, 27, 10, 0));
    }
  tsu_minutes_set_next_meeting_at (minutes, tokyo (2027, 1, 12, 10, 0));
  minutes_id = save (f->store, minutes);

  g_assert_true (tsu_store_begin (f->store, &error));
  for (guint i = 0; i < n_paragraphs; i++)
    {
      g_autoptr(TsuDiscussion) d = tsu_discussion_new ();
      g_autofree char *body = NULL;

      if (i == 0)
        body = g_strdup ("太郎くんは夜間の吸引回数が増えている。母（山田 花子さん）の睡眠不足が続いている。");
      else
        body = g_strdup_printf ("【段落%u】訪問看護ステーションから、夜間の吸引回数が増えているとの報告があった。"
                                "主治医は「人工呼吸器の設定変更は、来月の外来受診時に検討する」と述べた。"
                                "母親の睡眠不足が続いており、短期入所の利用を早めに調整する必要がある、"
                                "との意見で一致した。", i);
      tsu_discussion_set_minutes_id (d, minutes_id);
      tsu_discussion_set_agenda_item_id (d, tsu_record_get_id (TSU_RECORD (i % 2 ? item2 : item1)));
      tsu_discussion_set_position (d, i);
      tsu_discussion_set_body (d, body);
      save (f->store, d);
    }
  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    {
      g_autoptr(TsuDecision) d = tsu_decision_new ();

      tsu_decision_set_minutes_id (d, minutes_id);
      tsu_decision_set_position (d, i);
      tsu_decision_set_body (d, decisions[i]);
      save (f->store, d);
    }
  for (guint i = 0; i < n_actions; i++)
    {
      g_autoptr(TsuActionItem) a = tsu_action_item_new ();
      g_autofree char *what = g_strdup_printf ("【役割%u】短期入所の受け入れ先を照会し、結果を報告する。", i + 1);

      tsu_action_item_set_minutes_id (a, minutes_id);
      tsu_action_item_set_case_id (a, f->case_id);
      tsu_action_item_set_what (a, what);
      tsu_action_item_set_assignee_person_id (a, f->person_ids[i % 4]);
      tsu_action_item_set_due_on (a, "2026-12-15");
      save (f->store, a);
    }
  g_assert_true (tsu_store_commit (f->store, &error));
  return minutes_id;
}

/* Reading PDFs */

static PopplerDocument *
write_and_open (Fixture     *f,
                TsuDocument *document,
                const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PopplerDocument *pdf;

  g_assert_true (tsu_document_write_pdf (document, file, &error));
  g_assert_no_error (error);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, tsu_document_get_n_pages (document));
  return pdf;
}

/* The text of a page without white space: wrapped lines come back broken. */
static char *
strip_space (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
page_text (PopplerDocument *pdf,
           int              index)
{
  g_autoptr(TestPage) page = poppler_document_get_page (pdf, index);
  g_autofree char *text = poppler_page_get_text (page);

  return strip_space (text);
}

static char *
document_text (PopplerDocument *pdf)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *text = page_text (pdf, i);

      g_string_append (out, text);
    }
  return g_string_free (out, FALSE);
}

/* Each string comes after the one before it. */
static void
assert_in_order (const char *text,
                 ...)
{
  const char *from = text;
  const char *needle;
  va_list ap;

  va_start (ap, text);
  while ((needle = va_arg (ap, const char *)) != NULL)
    {
      g_autofree char *stripped = strip_space (needle);
      const char *found = strstr (from, stripped);

      if (found == NULL)
        g_error ("“%s” missing, or not after what precedes it, in: %.3000s", needle, text);
      from = found + strlen (stripped);
    }
  va_end (ap);
}

static void
assert_absent (const char *text,
               const char *needle)
{
  g_autofree char *stripped = strip_space (needle);

  if (strstr (text, stripped) != NULL)
    g_error ("“%s” should not be in: %.2000s", needle, text);
}

static guint
count_of (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
assert_page_size (PopplerDocument *pdf,
                  double           width,
                  double           height)
{
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (pdf, i);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, width, 0.5);
      g_assert_cmpfloat_with_epsilon (h, height, 0.5);
    }
}

/* The pale red of the watermark, in a rendering of the first page. */
static guint
watermark_pixels (PopplerDocument *pdf)
{
  g_autoptr(TestPage) page = poppler_document_get_page (pdf, 0);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
  cairo_t *cr = cairo_create (surface);
  guint n = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 0.5, 0.5);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (int y = 0; y < 421; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < 298; x++)
        {
          guint r = (row[x] >> 16) & 0xff, g = (row[x] >> 8) & 0xff, b = row[x] & 0xff;

          if (r > 0xe0 && r > g + 12 && r > b + 12)
            n++;
        }
    }
  cairo_surface_destroy (surface);
  return n;
}

static int
compare_rect_top (gconstpointer a,
                  gconstpointer b)
{
  const PopplerRectangle *ra = a;
  const PopplerRectangle *rb = b;

  return ra->y1 < rb->y1 ? -1 : ra->y1 > rb->y1;
}

/* No two characters of a page overlap, and every one lies inside the margins (the
 * page header and footer sit in the top and bottom margins, above and below the body). */
static void
assert_no_overlap (PopplerDocument *pdf)
{
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *rects = NULL;
      guint n_rects = 0;
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      g_assert_cmpuint (n_rects, >, 0);

      /* Boxes of white space are not drawn glyphs. */
      {
        guint kept = 0;
        const char *p = text;

        for (guint r = 0; r < n_rects && *p != '\0'; r++, p = g_utf8_next_char (p))
          if (!g_unichar_isspace (g_utf8_get_char (p)) && rects[r].x2 > rects[r].x1)
            rects[kept++] = rects[r];
        n_rects = kept;
      }

      qsort (rects, n_rects, sizeof *rects, compare_rect_top);
      for (guint a = 0; a < n_rects; a++)
        {
          const PopplerRectangle *ra = &rects[a];

          /* 20 mm at the sides, 16 mm on B5. */
          if (ra->x1 < TSU_MM (16) - 1 || ra->x2 > w - TSU_MM (16) + 1 ||
              ra->y1 < TSU_MM (8) || ra->y2 > h - TSU_MM (8))
            g_error ("page %d: a character at (%.1f, %.1f)–(%.1f, %.1f) is in the margin",
                     i + 1, ra->x1, ra->y1, ra->x2, ra->y2);

          /* Boxes are as tall as the font's ascent and descent; a line's next
           * neighbours in y are the characters of the same line. */
          for (guint b = a + 1; b < n_rects && rects[b].y1 < ra->y2 - 1.0; b++)
            {
              const PopplerRectangle *rb = &rects[b];
              double ox = MIN (ra->x2, rb->x2) - MAX (ra->x1, rb->x1);
              double oy = MIN (ra->y2, rb->y2) - MAX (ra->y1, rb->y1);

              if (ox > 1.0 && oy > 1.0)
                g_error ("page %d: characters overlap at (%.1f, %.1f) and (%.1f, %.1f)",
                         i + 1, ra->x1, ra->y1, rb->x1, rb->y1);
            }
        }
    }
}

static void
assert_no_line_starts_with (PopplerDocument *pdf,
                            const char      *characters)
{
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          const char *line = lines[l];

          while (*line == ' ')
            line++;
          if (*line != '\0' && g_utf8_strchr (characters, -1, g_utf8_get_char (line)) != NULL)
            g_error ("page %d: a line starts with a closing character: “%s”", i + 1, line);
        }
    }
}

/* Tests: the minutes */

static void
test_minutes_content (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  add_minutes (f, "confirmed", 3, 2);
  pdf = write_and_open (f, doc, "minutes.pdf");
  text = document_text (pdf);

  g_assert_cmpint (poppler_document_get_n_pages (pdf), <=, 2);
  assert_page_size (pdf, 595.28, 841.89);

  /* The header block, the discussion of each item, then the rest, in that order. */
  assert_in_order (text,
                   "Minutes of 山田 太郎さん ケース会議",
                   "Date and time", "令和8年11月24日(火) 14時00分～15時30分",
                   "Place", "県庁第二庁舎 会議室B",
                   "Attendees", "県医療的ケア児支援センター（医療的ケア児等コーディネーター）",
                   "高橋 健一（Chair）",
                   "さくら訪問看護ステーション（看護師）", "佐藤 花子（Recorder）",
                   "鈴木 一郎（Absent）",
                   "Absentees", "鈴木 一郎（川口市役所 障害福祉課）",
                   "Agenda items", "1. 現状の確認", "2. 今後の支援方針",
                   "Discussion", "1. 現状の確認", "Presenter: 伊藤 美咲",
                   "太郎くんは夜間の吸引回数が増えている。",
                   "2. 今後の支援方針",
                   "Decisions", "(1)", decisions[0], "(2)", decisions[1],
                   "Action items", "Person in charge", "Task", "Due",
                   "【役割1】短期入所の受け入れ先を照会し、結果を報告する。",
                   "【役割3】",
                   "Next meeting", "令和9年1月12日(火) 10時00分",
                   "Recorded by", "佐藤 花子", "Confirmed by", "木村 恵子",
                   "Confirmed on", "令和8年11月27日",
                   NULL);
  assert_in_order (text, "伊藤 美咲（Presenter）（Online）", NULL);
  assert_in_order (text, "令和8年12月15日", NULL);
  /* Confirmed minutes carry no draft mark; the header and footer are on the page. */
  g_assert_cmpuint (watermark_pixels (pdf), ==, 0);
  assert_in_order (text, CASE_CODE, "Page 1 of", "Printed on", NULL);

  title = poppler_document_get_title (pdf);
  g_assert_cmpstr (title, ==, "Minutes of 山田 太郎さん ケース会議");
}

static void
test_minutes_draft (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;

  add_minutes (f, "draft", 1, 1);
  tsu_document_set_japanese_era (doc, FALSE);
  pdf = write_and_open (f, doc, "draft.pdf");
  text = document_text (pdf);

  /* The watermark (not in the text, not to spoil copying), and dates in the Western
   * calendar. */
  g_assert_cmpuint (watermark_pixels (pdf), >, 2000);
  assert_absent (text, "Draft");
  assert_in_order (text, "Tue 24 November 2026 14:00–15:30", NULL);
  assert_absent (text, "令和");
  assert_absent (text, "木村 恵子");
}

/* A meeting without minutes gives the empty form. */
static void
test_minutes_none_yet (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
  g_autoptr(TestPdf) pdf = write_and_open (f, doc, "form.pdf");
  g_autofree char *text = document_text (pdf);

  g_assert_cmpuint (watermark_pixels (pdf), >, 2000);
  assert_in_order (text, "Discussion", "Decisions", "None", "Action items", "None",
                   "Next meeting", "To be decided", NULL);
}

static void
test_minutes_missing_meeting (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, 999999);
  g_autoptr(GError) error = NULL;

  g_assert_false (tsu_document_paginate (doc, &error));
  g_assert_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "999999"));
}

/* A distribution copy shows the case code wherever the child's name would be. */
static void
test_minutes_distribution (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  add_minutes (f, "confirmed", 2, 3);
  tsu_document_set_distribution (doc, TRUE);
  pdf = write_and_open (f, doc, "distribution.pdf");
  text = document_text (pdf);

  assert_absent (text, CHILD_NAME);
  assert_absent (text, "山田太郎");
  assert_absent (text, "太郎");
  assert_absent (text, CHILD_KANA);
  /* The family is not named either. */
  assert_absent (text, "山田 花子");
  assert_in_order (text, "Minutes of " CASE_CODE "さん ケース会議", NULL);
  assert_in_order (text, CASE_CODE "くんは夜間の吸引回数が増えている。", NULL);
  assert_in_order (text, "Distribution copy", NULL);

  title = poppler_document_get_title (pdf);
  g_assert_null (strstr (title, "太郎"));
}

/* A long list of action items: the table's header comes again on every page. */
static void
test_minutes_header_repeated (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *all = NULL;
  int n_pages;

  add_minutes (f, "confirmed", 120, 2);
  pdf = write_and_open (f, doc, "actions.pdf");
  n_pages = poppler_document_get_n_pages (pdf);
  g_assert_cmpint (n_pages, >=, 3);

  for (int i = 1; i < n_pages - 1; i++)
    {
      g_autofree char *text = page_text (pdf, i);

      assert_in_order (text, "Person in charge", "Task", "Due", "【役割", NULL);
    }

  /* Every row once, none lost or doubled at a page break. */
  all = document_text (pdf);
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *marker = g_strdup_printf ("【役割%u】", i);

      g_assert_cmpuint (count_of (all, marker), ==, 1);
    }
  assert_no_overlap (pdf);
}

static void
test_minutes_thousand_actions (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *all = NULL;
  g_autofree char *last = NULL;

  add_minutes (f, "confirmed", 1000, 2);
  pdf = write_and_open (f, doc, "thousand.pdf");
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >, 20);
  assert_page_size (pdf, 595.28, 841.89);
  assert_no_overlap (pdf);

  all = document_text (pdf);
  g_assert_cmpuint (count_of (all, "【役割1000】"), ==, 1);
  g_assert_cmpuint (count_of (all, "【役割"), ==, 1000);
  last = page_text (pdf, poppler_document_get_n_pages (pdf) - 1);
  assert_in_order (last, "Confirmed by", "木村 恵子", NULL);
}

/* A character the document font (IPAex Gothic) lacks still reaches the page, from
 * another font of the system. */
static void
test_minutes_other_script (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
  g_autoptr(TsuDecision) decision = tsu_decision_new ();
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  FcPattern *pattern = FcNameParse ((const FcChar8 *) ":charset=10d0");
  FcObjectSet *objects = FcObjectSetBuild (FC_FILE, NULL);
  FcFontSet *georgian = FcFontList (NULL, pattern, objects);
  gboolean has_georgian = georgian != NULL && georgian->nfont > 0;

  g_clear_pointer (&georgian, FcFontSetDestroy);
  FcObjectSetDestroy (objects);
  FcPatternDestroy (pattern);
  if (!has_georgian)
    {
      g_test_skip ("No font for Georgian is installed");
      return;
    }

  tsu_decision_set_minutes_id (decision, add_minutes (f, "confirmed", 1, 1));
  tsu_decision_set_position (decision, 10);
  tsu_decision_set_body (decision, "ジョージア語の資料「გამარჯობა」を配布する。");
  save (f->store, decision);
  pdf = write_and_open (f, doc, "georgian.pdf");
  text = document_text (pdf);

  assert_in_order (text, "Decisions", "ジョージア語の資料「გამარჯობა」を配布する。", "Action items", NULL);
}

/* About 100 KB of discussion, with one paragraph longer than a page. */
static void
test_minutes_long_discussion (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(TsuDiscussion) huge = tsu_discussion_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *all = NULL;
  gint64 minutes_id;

  minutes_id = add_minutes (f, "confirmed", 5, 240);
  for (guint i = 0; i < 120; i++)
    g_string_append_printf (body, "〈長文%u〉「主治医の意見」では、呼吸状態は安定している、とのことであった。", i);
  tsu_discussion_set_minutes_id (huge, minutes_id);
  tsu_discussion_set_position (huge, 1000);
  tsu_discussion_set_body (huge, body->str);
  save (f->store, huge);

  g_assert_cmpuint (body->len, >, 12000);
  pdf = write_and_open (f, doc, "discussion.pdf");
  /* 240 paragraphs of about 500 bytes and the long one: more than 100 KB. */
  g_assert_cmpint (poppler_document_get_n_pages (pdf), >, 15);
  assert_no_overlap (pdf);
  /* Pango's line breaking keeps closing punctuation off the start of a line. */
  assert_no_line_starts_with (pdf, "。、」）");

  all = document_text (pdf);
  for (guint i = 1; i < 240; i++)
    {
      g_autofree char *marker = g_strdup_printf ("【段落%u】", i);

      g_assert_cmpuint (count_of (all, marker), ==, 1);
    }
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *marker = g_strdup_printf ("〈長文%u〉", i);

      g_assert_cmpuint (count_of (all, marker), ==, 1);
    }
  assert_in_order (all, "〈長文0〉", "〈長文119〉", "Decisions", NULL);
}

/* Tests: the other documents */

static void
test_agenda (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_agenda_new (f->store, f->meeting_id);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;

  add_minutes (f, "draft", 0, 0);
  pdf = write_and_open (f, doc, "agenda.pdf");
  text = document_text (pdf);

  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  assert_page_size (pdf, 595.28, 841.89);
  assert_in_order (text, "山田 太郎さん ケース会議", "Notice of meeting and agenda",
                   "Date and time", "令和8年11月24日(火) 14時00分～15時30分",
                   "Place", "県庁第二庁舎 会議室B", "Kind", "Case conference",
                   "Organizer", "高橋 健一",
                   "Agenda items", "1", "現状の確認", "伊藤 美咲", "14:00～14:20",
                   "2", "今後の支援方針", "高橋 健一", "14:20～14:50",
                   "Participants", NULL);
  /* Participants by agency: the agency once, its people under it. */
  assert_in_order (text, "さくら訪問看護ステーション", "佐藤 花子（看護師）", "伊藤 美咲（理学療法士）", NULL);
  g_assert_cmpuint (count_of (text, "さくら訪問看護ステーション"), ==, 1);
  assert_in_order (text, "川口市役所 障害福祉課", "鈴木 一郎（市町村職員）", NULL);
  g_assert_cmpuint (watermark_pixels (pdf), ==, 0);
}

static void
test_case_summary (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_case_new (f->store, f->case_id);
  g_autoptr(TsuDocument) copy = tsu_document_case_new (f->store, f->case_id);
  g_autoptr(TsuTeamMember) member = tsu_team_member_new ();
  g_autoptr(TsuConsent) consent = tsu_consent_new ();
  g_autoptr(TsuConsultation) consultation = tsu_consultation_new ();
  g_autoptr(GDateTime) printed = g_date_time_new_local (2026, 11, 30, 9, 0, 0);
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(TestPdf) copy_pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy_text = NULL;

  add_minutes (f, "confirmed", 2, 1);
  tsu_team_member_set_case_id (member, f->case_id);
  tsu_team_member_set_person_id (member, f->person_ids[0]);
  tsu_team_member_set_role (member, "訪問看護");
  save (f->store, member);
  tsu_consent_set_case_id (consent, f->case_id);
  tsu_consent_set_agency_id (consent, f->agency_id);
  tsu_consent_set_given_on (consent, "2025-04-10");
  tsu_consent_set_scope (consent, "支援に必要な医療・生活情報");
  save (f->store, consent);
  tsu_consultation_set_case_id (consultation, f->case_id);
  tsu_consultation_set_occurred_at (consultation, tokyo (2026, 10, 1, 10, 0));
  tsu_consultation_set_channel (consultation, "phone");
  tsu_consultation_set_topics (consultation, "レスパイト");
  save (f->store, consultation);

  tsu_document_set_printed_at (doc, printed);
  pdf = write_and_open (f, doc, "case.pdf");
  text = document_text (pdf);
  assert_in_order (text, "Case summary " CASE_CODE,
                   "Profile", "Case code", CASE_CODE, "Child's name", CHILD_NAME "（" CHILD_KANA "）",
                   "Date of birth", "令和元年6月15日（7 years old）",
                   "Medical care", "人工呼吸器", "Guardians", "母: 山田 花子", "Status", "Difficult case",
                   "Coordinator", "高橋 健一",
                   "Case team", "訪問看護", "佐藤 花子", "さくら訪問看護ステーション（看護師）",
                   "Consent to share information", "さくら訪問看護ステーション", "令和7年4月10日",
                   "支援に必要な医療・生活情報",
                   "Support history", "令和8年10月1日", "Consultation (Phone)", "レスパイト",
                   "令和8年11月24日", "Case conference", "山田 太郎さん ケース会議", decisions[0],
                   "Open action items", "【役割1】", "【役割2】", NULL);

  tsu_document_set_distribution (copy, TRUE);
  tsu_document_set_printed_at (copy, printed);
  copy_pdf = write_and_open (f, copy, "case-copy.pdf");
  copy_text = document_text (copy_pdf);
  assert_absent (copy_text, "太郎");
  assert_absent (copy_text, CHILD_KANA);
  assert_absent (copy_text, "山田 花子");
  assert_absent (copy_text, "2019");
  assert_absent (copy_text, "令和元年6月15日");
  assert_in_order (copy_text, "Child's name", "(withheld)", "Date of birth", "7 years old",
                   "Guardians", "(withheld)", NULL);
  /* The mother's given name alone is no mask: 佐藤 花子 of the team keeps her name. */
  assert_in_order (copy_text, "Case team", "佐藤 花子", NULL);
}

static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_month_new (f->store, 2026, 11);
  g_autoptr(TsuDocument) copy = tsu_document_month_new (f->store, 2026, 11);
  g_autoptr(TsuMeeting) council = tsu_meeting_new ();
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(TestPdf) copy_pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *copy_text = NULL;

  tsu_meeting_set_kind (council, "municipal-council");
  tsu_meeting_set_title (council, "協議の場");
  tsu_meeting_set_starts_at (council, tokyo (2026, 11, 10, 14, 0));
  tsu_meeting_set_ends_at (council, tokyo (2026, 11, 10, 16, 0));
  tsu_meeting_set_rrule (council, "FREQ=WEEKLY;COUNT=3");
  save (f->store, council);

  /* Landscape even when asked for portrait: a month is one landscape page. */
  tsu_document_set_landscape (doc, FALSE);
  pdf = write_and_open (f, doc, "month.pdf");
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  assert_page_size (pdf, 841.89, 595.28);
  text = document_text (pdf);

  assert_in_order (text, "令和8年11月", "Monthly schedule", NULL);
  /* 3 and 23 November are holidays; the weekly council shows three times; titles
   * too long for a day are shortened. */
  assert_in_order (text, "Culture Day", "Labor Thanksgiving Day", NULL);
  g_assert_cmpuint (count_of (text, "14:00協議の場"), ==, 3);
  assert_in_order (text, "14:00山田太郎", NULL);
  assert_in_order (text, "Case conference", "Municipal council", "Training", NULL);

  tsu_document_set_distribution (copy, TRUE);
  copy_pdf = write_and_open (f, copy, "month-copy.pdf");
  copy_text = document_text (copy_pdf);
  assert_absent (copy_text, "太郎");
  assert_in_order (copy_text, "14:00" CASE_CODE, NULL);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  GDate from, to;
  g_autoptr(TsuDocument) doc = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *row = NULL;
  g_autoptr(GListModel) municipalities = tsu_store_list (f->store, TSU_TYPE_MUNICIPALITY, "id", NULL);
  g_autoptr(TsuMunicipality) city = g_list_model_get_item (municipalities, 0);

  add_minutes (f, "confirmed", 4, 1);
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, 4, 2026);
  g_date_set_dmy (&to, 31, 3, 2027);
  doc = tsu_document_report_new (f->store, &from, &to);
  pdf = write_and_open (f, doc, "report.pdf");
  text = document_text (pdf);

  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  assert_in_order (text, "Report by region", "Period:", "令和8年4月1日～令和9年3月31日",
                   "Region", "Cases", "Difficult cases", "New cases", "Meetings", "Open action items",
                   NULL);
  /* The case's region: one case, difficult, opened before the period, one meeting,
   * four open action items. */
  row = g_strdup_printf ("%s11014", tsu_municipality_get_region (city));
  assert_in_order (text, row, "Total11014", NULL);
}

static void
test_paper_sizes (Fixture       *f,
                  gconstpointer  data)
{
  static const struct {
    TsuPaper paper;
    gboolean landscape;
    double   width, height;
  } sizes[] = {
    { TSU_PAPER_A3, FALSE, 841.89, 1190.55 },
    { TSU_PAPER_B5, FALSE, 515.91, 728.50 },
    { TSU_PAPER_LETTER, FALSE, 612, 792 },
    { TSU_PAPER_A4, TRUE, 841.89, 595.28 },
  };

  add_minutes (f, "confirmed", 30, 20);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
      g_autofree char *name = g_strdup_printf ("paper-%u.pdf", i);
      g_autoptr(TestPdf) pdf = NULL;
      g_autofree char *text = NULL;

      tsu_document_set_paper (doc, sizes[i].paper);
      tsu_document_set_landscape (doc, sizes[i].landscape);
      pdf = write_and_open (f, doc, name);
      assert_page_size (pdf, sizes[i].width, sizes[i].height);
      assert_no_overlap (pdf);
      text = document_text (pdf);
      assert_in_order (text, "【段落19】", "【役割30】", "木村 恵子", NULL);
    }
}

/* Any paper a print dialog chooses: A5 here. */
static void
test_custom_size (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
  g_autoptr(TsuDocument) month = tsu_document_month_new (f->store, 2026, 11);
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(TestPdf) month_pdf = NULL;
  g_autofree char *text = NULL;

  add_minutes (f, "confirmed", 10, 10);
  tsu_document_set_page_size (doc, TSU_MM (148), TSU_MM (210));
  pdf = write_and_open (f, doc, "a5.pdf");
  assert_page_size (pdf, 419.53, 595.28);
  text = document_text (pdf);
  assert_in_order (text, "【段落9】", "【役割10】", "木村 恵子", NULL);

  tsu_document_set_page_size (month, TSU_MM (148), TSU_MM (210));
  month_pdf = write_and_open (f, month, "a5-month.pdf");
  assert_page_size (month_pdf, 595.28, 419.53);
}

/* The same pages draw on any cairo_t, as GtkPrintOperation's draw-page gives one. */
static void
test_draw_on_any_surface (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_minutes_new (f->store, f->meeting_id);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;
  guint dark = 0;

  add_minutes (f, "confirmed", 3, 3);
  g_assert_true (tsu_document_paginate (doc, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tsu_document_get_n_pages (doc), >=, 1);
  tsu_document_get_page_size (doc, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.01);

  /* At 144 dpi, as a printer's context is scaled. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (width * 2), (int) (height * 2));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 2, 2);
  tsu_document_draw_page (doc, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (int y = 0; y < cairo_image_surface_get_height (surface); y += 3)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < cairo_image_surface_get_width (surface); x += 3)
        if ((row[x] & 0xff) < 0x80)
          dark++;
    }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (dark, >, 1000);
}

/* The preview writes into memory and reads the PDF back from there. */
static void
test_pdf_in_memory (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TsuDocument) doc = tsu_document_agenda_new (f->store, f->meeting_id);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;

  g_assert_true (tsu_document_write_pdf_to_stream (doc, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  pdf = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  text = document_text (pdf);
  assert_in_order (text, "山田 太郎さん ケース会議", "県庁第二庁舎 会議室B", NULL);
}

/* Tests: the engine */

/* Writes @layout as a PDF file, as tsunagu-cli does, and reads it back. */
static PopplerDocument *
write_engine_pdf (TsuPageLayout *layout,
                  const char    *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tsunagu-engine-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "engine.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  PopplerDocument *pdf;

  g_assert_true (tsu_page_layout_write_pdf (layout, file, title, &error));
  g_assert_no_error (error);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  pdf = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
  return pdf;
}

/* A paragraph never leaves one line alone at the foot or the head of a page. */
static void
test_engine_widows (void)
{
  const double space_left[] = { 1.5, 5.5, 3.5 };
  const guint on_first[] = { 0, 4, 3 };

  for (guint t = 0; t < G_N_ELEMENTS (space_left); t++)
    {
      g_autoptr(TsuPageLayout) layout = tsu_page_layout_new (TSU_PAPER_A4, FALSE);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(TestPdf) pdf = NULL;
      g_autoptr(TestPage) page = NULL;
      g_autofree char *first = NULL;
      double body, line = tsu_page_layout_get_line_height (layout, TSU_TEXT_BODY);
      guint lines = 0;

      /* Six lines of 40 characters. */
      for (guint i = 0; i < 6; i++)
        for (guint j = 0; j < 40; j++)
          g_string_append (text, "あ");
      tsu_page_layout_get_body (layout, NULL, NULL, NULL, &body);
      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, "最初の行");
      tsu_page_layout_add_space (layout, body - line - 2.0 - space_left[t] * line);
      tsu_page_layout_add_text (layout, TSU_TEXT_BODY, text->str);
      pdf = write_engine_pdf (layout, NULL);
      g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 2);
      page = poppler_document_get_page (pdf, 0);
      first = poppler_page_get_text (page);
      {
        g_auto(GStrv) page_lines = g_strsplit (first, "\n", -1);

        for (guint l = 0; page_lines[l] != NULL; l++)
          if (strstr (page_lines[l], "あ") != NULL)
            lines++;
      }
      g_assert_cmpuint (lines, ==, on_first[t]);
    }
}

/* What is written stays the text that was given: no look-alike characters. */
static void
test_engine_exact_text (void)
{
  g_autoptr(TsuPageLayout) layout = tsu_page_layout_new (TSU_PAPER_A4, FALSE);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  const char *sample = "一日一善、人は入る。長い月日。医療的ケア児支援センター「つなぐ」ABC 123 café";

  tsu_page_layout_set_header (layout, "左", "右");
  tsu_page_layout_add_replacement (layout, "つなぐ", "ツナグ");
  tsu_page_layout_add_text (layout, TSU_TEXT_BODY, sample);
  pdf = write_engine_pdf (layout, "題");
  text = document_text (pdf);
  assert_in_order (text, "左", "右",
                   "一日一善、人は入る。長い月日。医療的ケア児支援センター「ツナグ」ABC123café",
                   "Page1of1", NULL);
}

/* Japanese body text is set solid: each full-width character one em (10.5 points)
 * after the one before, not rounded to whole points. */
static void
test_engine_solid_setting (void)
{
  g_autoptr(TsuPageLayout) layout = tsu_page_layout_new (TSU_PAPER_A4, FALSE);
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(TestPage) page = NULL;
  g_autofree PopplerRectangle *rects = NULL;
  g_autofree char *text = NULL;
  guint n_rects = 0, measured = 0;
  const char *p;

  tsu_page_layout_add_text (layout, TSU_TEXT_BODY, "相談支援専門員より就学に向けて看護師の配置と通学手段の検討が必要");
  pdf = write_engine_pdf (layout, NULL);
  page = poppler_document_get_page (pdf, 0);
  text = poppler_page_get_text (page);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));

  p = strstr (text, "相談");
  g_assert_nonnull (p);
  for (guint r = g_utf8_pointer_to_offset (text, p); r + 1 < n_rects && measured < 20; r++, measured++)
    g_assert_cmpfloat_with_epsilon (rects[r + 1].x1 - rects[r].x1, 10.5, 0.02);
  g_assert_cmpuint (measured, ==, 20);
}

/* A long document with every kind of block, written with its paragraphs laid out on
 * one thread or ahead on a second one. */
static GBytes *
long_document_pdf (gboolean  ahead,
                   guint    *n_pages)
{
  g_autoptr(TsuPageLayout) layout = tsu_page_layout_new (TSU_PAPER_A4, FALSE);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const TsuColumn columns[] = {
    { "担当", 0.25, PANGO_ALIGN_LEFT, TSU_COLUMN_LABEL },
    { "内容", 0.75, PANGO_ALIGN_LEFT, 0 },
  };
  GBytes *bytes;
  char *date;

  tsu_page_layout_set_lay_out_ahead (layout, ahead);
  tsu_page_layout_add_replacement (layout, "山田太郎", "S-0012");
  tsu_page_layout_set_header (layout, "困難事例検討会議 議事録", "山田太郎さん");
  tsu_page_layout_add_title (layout, "第3回 困難事例検討会議 議事録");
  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *heading = g_strdup_printf ("議題 %u 就学に向けた支援体制", i + 1);
      g_autofree char *text = g_strdup_printf ("山田太郎さんの通学について、看護師の配置と医療的ケアの"
                                               "引き継ぎを検討した。%u 回目の確認では、訪問看護"
                                               "ステーションと学校の連携が課題となり、Wi-Fi 環境と"
                                               "緊急時の連絡先を整理することとした。\n次回までに"
                                               "相談支援専門員が計画案を作成する。", i + 1);

      tsu_page_layout_add_heading (layout, i % 3 == 0 ? TSU_TEXT_HEADING : TSU_TEXT_SUBHEADING,
                                   heading);
      tsu_page_layout_add_text_full (layout, TSU_TEXT_BODY, PANGO_ALIGN_LEFT, 0, "・", text);
      if (i % 7 == 3)
        {
          tsu_page_layout_begin_keep (layout);
          tsu_page_layout_add_text (layout, TSU_TEXT_BOLD, "決定事項");
          tsu_page_layout_add_text (layout, TSU_TEXT_BODY, text);
          tsu_page_layout_end_keep (layout);
        }
      if (i % 10 == 5)
        {
          const char *row[] = { "山田太郎", text, NULL };

          tsu_page_layout_begin_table (layout, columns, G_N_ELEMENTS (columns));
          tsu_page_layout_add_row (layout, row, 0);
          tsu_page_layout_add_row (layout, row, TSU_ROW_MUTED);
          tsu_page_layout_end_table (layout);
        }
      if (i % 25 == 24)
        tsu_page_layout_add_page_break (layout);
    }

  g_assert_true (tsu_page_layout_write_pdf_to_stream (layout, stream, "議事録", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  *n_pages = tsu_page_layout_get_n_pages (layout);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));

  /* The one difference allowed: the second the file was made. */
  date = memmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "/CreationDate (D:",
                 strlen ("/CreationDate (D:"));
  g_assert_nonnull (date);
  memset (date + strlen ("/CreationDate (D:"), '0', 14);
  return bytes;
}

/* Laying out paragraphs ahead on a second thread changes nothing in the pages. */
static void
test_engine_lay_out_ahead (void)
{
  guint n_one = 0, n_ahead = 0;
  g_autoptr(GBytes) one = long_document_pdf (FALSE, &n_one);
  g_autoptr(GBytes) ahead = long_document_pdf (TRUE, &n_ahead);
  g_autoptr(GError) error = NULL;
  g_autoptr(TestPdf) pdf = poppler_document_new_from_bytes (ahead, NULL, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (n_one, >, 15);
  g_assert_cmpuint (n_ahead, ==, n_one);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, n_one);
  g_assert_true (g_bytes_equal (one, ahead));

  text = document_text (pdf);
  g_assert_null (strstr (text, "山田太郎"));
  assert_in_order (text, "第3回困難事例検討会議議事録", "議題1就学", "S-0012さんの通学", "議題2就学",
                   "決定事項", "議題79就学", "議題80就学", "次回までに", NULL);
}

static void
test_engine_write_error (void)
{
  g_autoptr(TsuPageLayout) layout = tsu_page_layout_new (TSU_PAPER_A4, FALSE);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-folder/x.pdf");
  g_autoptr(GError) error = NULL;

  tsu_page_layout_add_text (layout, TSU_TEXT_BODY, "本文");
  g_assert_false (tsu_page_layout_write_pdf (layout, file, NULL, &error));
  g_assert_nonnull (error);
}

/* Tests: the command line */

static char *lsan_options;

static int
run_cli (const char  *database,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, (char *) database);
  g_ptr_array_add (argv, (char *) "export");
  va_start (ap, err);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LSAN_OPTIONS", lsan_options, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "tsunagu.db", NULL);
  g_autofree char *out = g_build_filename (f->dir, "cli.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (out, NULL, NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->meeting_id);
  g_autofree char *bad_out = g_build_filename (f->dir, "missing", "x.pdf", NULL);
  g_autofree char *council_id = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  static const char *kinds[][4] = {
    { "agenda", "--meeting", NULL, NULL },
    { "minutes", "--meeting", NULL, "--distribution" },
    { "case", "--case", CASE_CODE, "--landscape" },
    { "month", "--month", "2026-11", NULL },
    { "report", "--from", "2026-04-01", NULL },
  };

  add_minutes (f, "confirmed", 3, 3);
  {
    g_autoptr(TsuMeeting) council = tsu_meeting_new ();

    tsu_meeting_set_kind (council, "municipal-council");
    tsu_meeting_set_title (council, "川口市 協議の場");
    tsu_meeting_set_starts_at (council, tokyo (2026, 11, 10, 14, 0));
    tsu_meeting_set_ends_at (council, tokyo (2026, 11, 10, 16, 0));
    tsu_meeting_set_rrule (council, "FREQ=WEEKLY;COUNT=3");
    council_id = g_strdup_printf ("%" G_GINT64_FORMAT, save (f->store, council));
  }
  /* Close the store so that the tool has the database to itself. */
  g_clear_object (&f->store);

  {
    g_autofree char *suppressions = g_build_filename (f->dir, "lsan.supp", NULL);

    g_assert_true (g_file_set_contents (suppressions, LEAK_SUPPRESSIONS, -1, NULL));
    g_free (lsan_options);
    lsan_options = g_strdup_printf ("suppressions=%s:print_suppressions=0", suppressions);
  }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *err = NULL;
      const char *value = kinds[i][2] != NULL ? kinds[i][2] : id;
      int status;

      g_remove (out);
      if (g_str_equal (kinds[i][0], "report"))
        status = run_cli (db, &err, "report", "--from", "2026-04-01", "--to", "2027-03-31",
                          "--output", out, "--era", "western", "--paper", "b5", NULL);
      else
        status = run_cli (db, &err, kinds[i][0], kinds[i][1], value, "--output", out,
                          kinds[i][3], NULL);
      g_assert_cmpstr (err, ==, "");
      g_assert_cmpint (status, ==, 0);
      g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    }

  /* The last one: a report on B5 with Western dates. */
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  assert_page_size (pdf, 515.91, 728.50);
  text = document_text (pdf);
  assert_in_order (text, "Report by region", "1 April 2026 – 31 March 2027", NULL);

  /* One occurrence of a series. */
  {
    g_autofree char *err = NULL;
    g_autoptr(TestPdf) agenda = NULL;
    g_autofree char *agenda_text = NULL;

    g_assert_cmpint (run_cli (db, &err, "agenda", "--meeting", council_id, "--on", "2026-11-17",
                              "--output", out, NULL), ==, 0);
    agenda = poppler_document_new_from_file (uri, NULL, &error);
    g_assert_no_error (error);
    agenda_text = document_text (agenda);
    assert_in_order (agenda_text, "川口市 協議の場", "令和8年11月17日(火) 14時00分～16時00分", NULL);
  }

  /* Wrong usage: exit status 2 and a message. */
  {
    const char *usages[][8] = {
      { "minutes", "--meeting", "1", NULL },                                   /* no --output */
      { "minutes", "--output", "x.pdf", NULL },                                /* no meeting */
      { "minutes", "--meeting", "abc", "--output", "x.pdf", NULL },
      { "minutes", "--meeting", "1", "--output", "x.pdf", "--paper", "a5", NULL },
      { "agenda", "--meeting", "1", "--output", "x.pdf", "--era", "showa", NULL },
      { "month", "--month", "2026-13", "--output", "x.pdf", NULL },
      { "report", "--from", "2026-04-01", "--to", "2026-03-01", "--output", "x.pdf" },
      { "case", "--output", "x.pdf", "--bogus", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (usages); i++)
      {
        g_autofree char *err = NULL;
        int status = run_cli (db, &err, usages[i][0], usages[i][1], usages[i][2], usages[i][3],
                              usages[i][4], usages[i][5], usages[i][6], usages[i][7], NULL);

        g_assert_cmpint (status, ==, 2);
        g_assert_true (g_str_has_prefix (err, "tsunagu-cli"));
      }
  }

  /* What cannot be done: exit status 1 and the reason. */
  {
    g_autofree char *err1 = NULL;
    g_autofree char *err2 = NULL;
    g_autofree char *err3 = NULL;
    g_autofree char *err4 = NULL;

    g_assert_cmpint (run_cli (db, &err1, "minutes", "--meeting", "424242", "--output", out, NULL), ==, 1);
    g_assert_nonnull (strstr (err1, "424242"));
    g_assert_cmpint (run_cli (db, &err2, "case", "--case", "C-0000-0000", "--output", out, NULL), ==, 1);
    g_assert_nonnull (strstr (err2, "C-0000-0000"));
    g_assert_cmpint (run_cli (db, &err3, "agenda", "--meeting", id, "--output", bad_out, NULL), ==, 1);
    g_assert_true (g_str_has_prefix (err3, "tsunagu-cli export agenda: "));
    g_assert_cmpint (run_cli (db, &err4, "agenda", "--meeting", council_id, "--on", "2026-11-18",
                              "--output", out, NULL), ==, 1);
    g_assert_nonnull (strstr (err4, "2026-11-18"));
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Labels in English: the C locale, no translation. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  cli = argc > 1 ? argv[1] : NULL;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export/minutes/content", test_minutes_content);
  ADD ("/export/minutes/draft", test_minutes_draft);
  ADD ("/export/minutes/none-yet", test_minutes_none_yet);
  ADD ("/export/minutes/missing-meeting", test_minutes_missing_meeting);
  ADD ("/export/minutes/distribution", test_minutes_distribution);
  ADD ("/export/minutes/header-repeated", test_minutes_header_repeated);
  ADD ("/export/minutes/thousand-actions", test_minutes_thousand_actions);
  ADD ("/export/minutes/long-discussion", test_minutes_long_discussion);
  ADD ("/export/minutes/other-script", test_minutes_other_script);
  ADD ("/export/agenda", test_agenda);
  ADD ("/export/case", test_case_summary);
  ADD ("/export/month", test_month);
  ADD ("/export/report", test_report);
  ADD ("/export/paper-sizes", test_paper_sizes);
  ADD ("/export/draw-on-any-surface", test_draw_on_any_surface);
  ADD ("/export/pdf-in-memory", test_pdf_in_memory);
  ADD ("/export/custom-size", test_custom_size);
  if (cli != NULL)
    ADD ("/export/cli", test_cli);
#undef ADD
  g_test_add_func ("/export/engine/widows", test_engine_widows);
  g_test_add_func ("/export/engine/exact-text", test_engine_exact_text);
  g_test_add_func ("/export/engine/solid-setting", test_engine_solid_setting);
  g_test_add_func ("/export/engine/write-error", test_engine_write_error);
  g_test_add_func ("/export/engine/lay-out-ahead", test_engine_lay_out_ahead);

  status = g_test_run ();
  g_free (lsan_options);
  return status;
}
