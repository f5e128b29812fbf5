/* tsu-document-report.c: cases, meetings and open actions by region (地域別集計)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-document-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "tsu-document-report.h"
#include "tsu-document-private.h"

/* The figures that make regional differences visible (地域差をなくす): for each of
 * the prefecture's regions, the cases open in the period, the difficult ones among
 * them, the cases opened in the period, the meetings held in it and the action
 * items still open, as a table and a bar chart. A meeting counts for the region of
 * its municipality, else of its case's; meetings of neither count as
 * prefecture-wide. */

enum {
  COUNT_CASES,
  COUNT_DIFFICULT,
  COUNT_NEW,
  COUNT_MEETINGS,
  COUNT_ACTIONS,
  N_COUNTS
};

typedef struct {
  char  *region;
  guint  counts[N_COUNTS];
} Row;

struct _TsuDocumentReport
{
  TsuDocument  parent_instance;

  GDate        from;
  GDate        to;
  GArray      *rows;      /* Row: the regions in the order of the reference data, then the rest */
};

G_DEFINE_FINAL_TYPE (TsuDocumentReport, tsu_document_report, TSU_TYPE_DOCUMENT)

static const guint32 series_rgb[N_COUNTS] = {
  TSU_RGB (0x1f, 0x5f, 0xae),
  TSU_RGB (0xc0, 0x39, 0x2b),
  TSU_RGB (0x7d, 0x4b, 0xa8),
  TSU_RGB (0x2e, 0x8b, 0x57),
  TSU_RGB (0xd9, 0x82, 0x1e),
};

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->region);
}

static const char *
count_name (guint count)
{
  switch (count)
    {
    /* TRANSLATORS: the columns of the region report: ケース数, 困難ケース, 新規ケース,
     * 会議, 未完了の役割分担 */
    case COUNT_CASES:
      return _("Cases");
    case COUNT_DIFFICULT:
      return _("Difficult cases");
    case COUNT_NEW:
      return _("New cases");
    case COUNT_MEETINGS:
      return _("Meetings");
    case COUNT_ACTIONS:
      return _("Open action items");
    default:
      g_assert_not_reached ();
    }
}

static char *
iso_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static gint64
day_start (const GDate *date)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) dt = NULL;

  if (tokyo == NULL)
    tokyo = g_time_zone_new_offset (9 * 3600);
  dt = g_date_time_new (tokyo, g_date_get_year (date), g_date_get_month (date),
                        g_date_get_day (date), 0, 0, 0);
  return g_date_time_to_unix (dt);
}

static guint
row_for (TsuDocumentReport *self,
         GHashTable        *index,
         const char        *region)
{
  gpointer found;
  Row row = { 0 };

  if (region == NULL || *region == '\0')
    /* TRANSLATORS: the row of the region report for what belongs to no region */
    region = _("Prefecture-wide or not set");
  if (g_hash_table_lookup_extended (index, region, NULL, &found))
    return GPOINTER_TO_UINT (found);

  row.region = g_strdup (region);
  g_array_append_val (self->rows, row);
  g_hash_table_insert (index, row.region, GUINT_TO_POINTER (self->rows->len - 1));
  return self->rows->len - 1;
}

static gboolean
tsu_document_report_load (TsuDocument  *document,
                          TsuStore     *store,
                          GError      **error)
{
  TsuDocumentReport *self = TSU_DOCUMENT_REPORT (document);
  TsuDatabase *db = tsu_store_get_database (store);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) municipality_region = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                                     g_free, g_free);
  g_autoptr(GHashTable) case_region = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GListModel) municipalities = NULL;
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GListModel) occurrences = NULL;
  g_autofree char *from = iso_date (&self->from);
  g_autofree char *to = iso_date (&self->to);
  GDate after;
  sqlite3_stmt *stmt;
  int rc;

  g_clear_pointer (&self->rows, g_array_unref);
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);

  /* The regions in the order of the reference data. */
  municipalities = tsu_store_list (store, TSU_TYPE_MUNICIPALITY, "id", error);
  if (municipalities == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (municipalities); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (municipalities, i);
      gint64 id = tsu_record_get_id (TSU_RECORD (m));

      row_for (self, index, tsu_municipality_get_region (m));
      g_hash_table_insert (municipality_region, g_memdup2 (&id, sizeof id),
                           g_strdup (tsu_municipality_get_region (m)));
    }

  /* Cases open in the period: opened by its end and not closed. */
  cases = tsu_store_list (store, TSU_TYPE_CASE, "id", error);
  if (cases == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(TsuCase) c = g_list_model_get_item (cases, i);
      gint64 id = tsu_record_get_id (TSU_RECORD (c));
      gint64 municipality_id = tsu_case_get_municipality_id (c);
      const char *region = g_hash_table_lookup (municipality_region, &municipality_id);
      const char *opened = tsu_case_get_opened_on (c);
      const char *status = tsu_case_get_status (c);
      guint r = row_for (self, index, region);
      Row *row = &g_array_index (self->rows, Row, r);

      g_hash_table_insert (case_region, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (r));
      if (opened != NULL && g_strcmp0 (opened, to) > 0)
        continue;
      if (opened != NULL && g_strcmp0 (opened, from) >= 0)
        row->counts[COUNT_NEW]++;
      if (g_strcmp0 (status, "closed") == 0)
        continue;
      row->counts[COUNT_CASES]++;
      if (g_strcmp0 (status, "difficult") == 0)
        row->counts[COUNT_DIFFICULT]++;
    }

  /* Meetings held in the period, recurrences expanded, cancelled ones left out. */
  after = self->to;
  g_date_add_days (&after, 1);
  occurrences = tsu_store_list_occurrences (store, day_start (&self->from), day_start (&after), error);
  if (occurrences == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (occurrences); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (occurrences, i);
      TsuMeeting *m = tsu_occurrence_get_meeting (o);
      gint64 municipality_id = tsu_meeting_get_municipality_id (m);
      gint64 case_id = tsu_meeting_get_case_id (m);
      const char *region = g_hash_table_lookup (municipality_region, &municipality_id);
      guint r;

      if (g_strcmp0 (tsu_meeting_get_status (m), "cancelled") == 0)
        continue;
      if (region == NULL && g_hash_table_contains (case_region, &case_id))
        r = GPOINTER_TO_UINT (g_hash_table_lookup (case_region, &case_id));
      else
        r = row_for (self, index, region);
      g_array_index (self->rows, Row, r).counts[COUNT_MEETINGS]++;
    }

  /* Action items still open, by the region of their case. */
  stmt = tsu_database_prepare (db, "SELECT case_id, count(*) FROM action_item "
                                   "WHERE status = 'open' GROUP BY case_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);
      guint r;

      if (g_hash_table_contains (case_region, &case_id))
        r = GPOINTER_TO_UINT (g_hash_table_lookup (case_region, &case_id));
      else
        r = row_for (self, index, NULL);
      g_array_index (self->rows, Row, r).counts[COUNT_ACTIONS] += sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tsu_database_set_error (db, rc, error);

  /* TRANSLATORS: the title of the region report: 地域別集計 */
  tsu_document_set_title (document, _("Report by region"));
  tsu_document_set_watermark (document, NULL);
  return TRUE;
}

static void
draw_chart (TsuPageLayout *layout,
            double         x,
            double         y,
            double         width,
            double         height,
            gpointer       user_data)
{
  TsuDocumentReport *self = user_data;
  static const guint series[] = { COUNT_CASES, COUNT_DIFFICULT, COUNT_MEETINGS, COUNT_ACTIONS };
  double tiny = tsu_page_layout_get_line_height (layout, TSU_TEXT_TINY);
  double small = tsu_page_layout_get_line_height (layout, TSU_TEXT_SMALL);
  double label_width = 0, plot_x, plot_w, group_h, bar_h, top, scale;
  double legend_x = x;
  guint max = 0, step = 1;

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      label_width = MAX (label_width, tsu_page_layout_measure_text (layout, TSU_TEXT_SMALL,
                                                                    row->region, NULL));
      for (guint s = 0; s < G_N_ELEMENTS (series); s++)
        max = MAX (max, row->counts[series[s]]);
    }

  /* The legend on top. */
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    {
      const char *name = count_name (series[s]);
      double w = tsu_page_layout_measure_text (layout, TSU_TEXT_SMALL, name, NULL);

      tsu_page_layout_fill_rect (layout, legend_x, y + (small - 7) / 2, 7, 7, series_rgb[series[s]]);
      tsu_page_layout_draw_text (layout, legend_x + 10, y, w + 2, small, TSU_TEXT_SMALL,
                                 PANGO_ALIGN_LEFT, TSU_COLOR_TEXT, name);
      legend_x += 10 + w + 16;
    }

  top = y + small + 8;
  label_width = MIN (label_width + 6, width * 0.3);
  plot_x = x + label_width;
  plot_w = width - label_width - 28;
  group_h = (height - (top - y) - tiny - 4) / MAX (self->rows->len, 1);
  bar_h = MIN ((group_h - 4) / G_N_ELEMENTS (series), 7.0);

  /* A round step for the scale, and gridlines at each. */
  for (guint magnitude = 1; ; magnitude *= 10)
    {
      if (max <= 8 * magnitude)
        step = magnitude;
      else if (max <= 16 * magnitude)
        step = 2 * magnitude;
      else if (max <= 40 * magnitude)
        step = 5 * magnitude;
      else
        continue;
      break;
    }
  max = MAX ((max + step - 1) / step * step, step);
  scale = plot_w / max;
  for (guint v = 0; v <= max; v += step)
    {
      g_autofree char *label = g_strdup_printf ("%u", v);
      double gx = plot_x + v * scale;

      tsu_page_layout_draw_line (layout, gx, top, gx, top + group_h * self->rows->len, 0.3,
                                 TSU_RGB (0xc8, 0xc8, 0xc8));
      tsu_page_layout_draw_text (layout, gx - 20, top + group_h * self->rows->len + 2, 40, tiny,
                                 TSU_TEXT_TINY, PANGO_ALIGN_CENTER, TSU_COLOR_MUTED, label);
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);
      double gy = top + i * group_h;
      double by = gy + (group_h - bar_h * G_N_ELEMENTS (series)) / 2;

      tsu_page_layout_draw_text (layout, x, gy + (group_h - small) / 2, label_width - 6, small,
                                 TSU_TEXT_SMALL, PANGO_ALIGN_RIGHT, TSU_COLOR_TEXT, row->region);
      for (guint s = 0; s < G_N_ELEMENTS (series); s++)
        {
          guint value = row->counts[series[s]];
          g_autofree char *label = g_strdup_printf ("%u", value);
          double w = value * scale;

          if (value > 0)
            tsu_page_layout_fill_rect (layout, plot_x, by, w, bar_h - 0.8, series_rgb[series[s]]);
          tsu_page_layout_draw_text (layout, plot_x + w + 2, by + (bar_h - tiny) / 2, 26, tiny,
                                     TSU_TEXT_TINY, PANGO_ALIGN_LEFT, TSU_COLOR_MUTED, label);
          by += bar_h;
        }
    }
  tsu_page_layout_draw_line (layout, plot_x, top, plot_x, top + group_h * self->rows->len, 0.6,
                             TSU_COLOR_TEXT);
}

static void
tsu_document_report_build (TsuDocument   *document,
                           TsuPageLayout *layout)
{
  TsuDocumentReport *self = TSU_DOCUMENT_REPORT (document);
  g_autofree char *from = tsu_document_format_day (document, &self->from, FALSE);
  g_autofree char *to = tsu_document_format_day (document, &self->to, FALSE);
  g_autofree char *period = g_strdup_printf ("%s%s%s", from,
                                             tsu_document_get_japanese_era (document) ? "～" : " – ",
                                             to);
  g_autofree char *period_line = NULL;
  TsuColumn columns[1 + N_COUNTS];
  guint totals[N_COUNTS] = { 0 };
  double width, height;

  tsu_document_set_subject (document, period);
  tsu_page_layout_add_title (layout, tsu_document_get_title (document));
  /* TRANSLATORS: the period of the region report: 対象期間 */
  period_line = g_strdup_printf (_("Period: %s"), period);
  tsu_page_layout_add_text_full (layout, TSU_TEXT_BODY, PANGO_ALIGN_CENTER, 0, NULL, period_line);
  tsu_page_layout_add_space (layout, 6);

  /* TRANSLATORS: 圏域 */
  columns[0] = (TsuColumn) { _("Region"), 0.25, PANGO_ALIGN_LEFT, 0 };
  for (guint c = 0; c < N_COUNTS; c++)
    columns[1 + c] = (TsuColumn) { count_name (c), 0.15, PANGO_ALIGN_RIGHT, 0 };

  tsu_page_layout_begin_table (layout, columns, G_N_ELEMENTS (columns));
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);
      char *numbers[N_COUNTS] = { NULL };
      const char *cells[2 + N_COUNTS];

      cells[0] = row->region;
      for (guint c = 0; c < N_COUNTS; c++)
        {
          numbers[c] = g_strdup_printf ("%u", row->counts[c]);
          cells[1 + c] = numbers[c];
          totals[c] += row->counts[c];
        }
      cells[1 + N_COUNTS] = NULL;
      tsu_page_layout_add_row (layout, cells, 0);
      for (guint c = 0; c < N_COUNTS; c++)
        g_free (numbers[c]);
    }
  {
    char *numbers[N_COUNTS] = { NULL };
    const char *cells[2 + N_COUNTS];

    /* TRANSLATORS: the last row of the region report: 合計 */
    cells[0] = _("Total");
    for (guint c = 0; c < N_COUNTS; c++)
      cells[1 + c] = numbers[c] = g_strdup_printf ("%u", totals[c]);
    cells[1 + N_COUNTS] = NULL;
    tsu_page_layout_add_row (layout, cells, TSU_ROW_SHADED);
    for (guint c = 0; c < N_COUNTS; c++)
      g_free (numbers[c]);
  }
  tsu_page_layout_end_table (layout);

  tsu_page_layout_get_body (layout, NULL, NULL, &width, &height);
  tsu_page_layout_add_drawing (layout, MIN (height * 0.55, 40 + self->rows->len * 30.0), draw_chart,
                               g_object_ref (self), g_object_unref);

  tsu_page_layout_add_text (layout, TSU_TEXT_SMALL,
                            /* TRANSLATORS: the notes under the region report */
                            _("Cases: cases opened by the end of the period and not closed. "
                              "New cases: opened in the period. Meetings: held in the period, "
                              "by the region of their municipality or else of their case; "
                              "cancelled meetings are not counted. Open action items: not yet done, "
                              "by the region of their case."));
}

static void
tsu_document_report_finalize (GObject *object)
{
  TsuDocumentReport *self = TSU_DOCUMENT_REPORT (object);

  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (tsu_document_report_parent_class)->finalize (object);
}

static void
tsu_document_report_class_init (TsuDocumentReportClass *klass)
{
  TsuDocumentClass *document_class = TSU_DOCUMENT_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = tsu_document_report_finalize;
  document_class->load = tsu_document_report_load;
  document_class->build = tsu_document_report_build;
}

static void
tsu_document_report_init (TsuDocumentReport *self)
{
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
}

/**
 * tsu_document_report_new:
 * @store: the store
 * @from: the first day of the period
 * @to: the last day of the period, included
 *
 * Returns: (transfer full): the region report of the period
 */
TsuDocument *
tsu_document_report_new (TsuStore    *store,
                         const GDate *from,
                         const GDate *to)
{
  TsuDocumentReport *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  self = g_object_new (TSU_TYPE_DOCUMENT_REPORT, "store", store, NULL);
  self->from = *from;
  self->to = *to;
  return TSU_DOCUMENT (self);
}
