/* tsu-document-month.c: the meetings of a month on one page (月間予定表)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-document-month"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tsu-document-month.h"
#include "tsu-document-private.h"

/* One month on one landscape page, as the center pins it to the wall: a week to a
 * row from Sunday, Saturdays in blue and Sundays and public holidays in red with
 * the holiday's name, the year-end closing shaded, each meeting a line with the
 * colour of its kind, and a legend of the kinds. */

typedef struct {
  gint64   starts_at;
  gboolean all_day;
  gboolean cancelled;
  char    *kind;
  char    *title;
} Entry;

struct _TsuDocumentMonth
{
  TsuDocument  parent_instance;

  int          year;
  int          month;
  GPtrArray   *days;     /* for each day of the month, a GArray of Entry */
};

G_DEFINE_FINAL_TYPE (TsuDocumentMonth, tsu_document_month, TSU_TYPE_DOCUMENT)

#define SATURDAY_RGB      TSU_RGB (0x1f, 0x5f, 0xae)
#define SUNDAY_RGB        TSU_RGB (0xc0, 0x29, 0x2b)
#define SATURDAY_SHADE    TSU_RGB (0xed, 0xf3, 0xfb)
#define SUNDAY_SHADE      TSU_RGB (0xfc, 0xee, 0xee)
#define CLOSING_SHADE     TSU_RGB (0xee, 0xee, 0xee)
#define OUTSIDE_SHADE     TSU_RGB (0xf6, 0xf6, 0xf6)
#define GRID_RGB          TSU_RGB (0x90, 0x90, 0x90)

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  g_free (e->kind);
  g_free (e->title);
}

static GArray *
entries_new (void)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));

  g_array_set_clear_func (entries, entry_clear);
  return entries;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  /* All-day meetings first, then by the time. */
  if (ea->all_day != eb->all_day)
    return ea->all_day ? -1 : 1;
  return ea->starts_at < eb->starts_at ? -1 : ea->starts_at > eb->starts_at;
}

static gint64
month_start (int year,
             int month)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr(GDateTime) dt = NULL;

  if (tokyo == NULL)
    tokyo = g_time_zone_new_offset (9 * 3600);
  dt = g_date_time_new (tokyo, year, month, 1, 0, 0, 0);
  return g_date_time_to_unix (dt);
}

static gboolean
tsu_document_month_load (TsuDocument  *document,
                         TsuStore     *store,
                         GError      **error)
{
  TsuDocumentMonth *self = TSU_DOCUMENT_MONTH (document);
  int next_year = self->month == 12 ? self->year + 1 : self->year;
  int next_month = self->month == 12 ? 1 : self->month + 1;
  guint n_days = g_date_get_days_in_month (self->month, self->year);
  g_autoptr(GListModel) occurrences = NULL;
  g_autoptr(GHashTable) masked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_clear_pointer (&self->days, g_ptr_array_unref);
  self->days = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < n_days; i++)
    g_ptr_array_add (self->days, entries_new ());

  occurrences = tsu_store_list_occurrences (store, month_start (self->year, self->month),
                                            month_start (next_year, next_month), error);
  if (occurrences == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (occurrences); i++)
    {
      g_autoptr(TsuOccurrence) o = g_list_model_get_item (occurrences, i);
      TsuMeeting *m = tsu_occurrence_get_meeting (o);
      gint64 start = tsu_occurrence_get_starts_at (o);
      gint64 end = MAX (tsu_occurrence_get_ends_at (o), start);
      gint64 case_id = tsu_meeting_get_case_id (m);
      g_autoptr(GDateTime) first = tsu_document_local_time (start);
      g_autoptr(GDateTime) last = tsu_document_local_time (end > start ? end - 1 : end);
      GDate day, last_day, month_first, month_last;

      if (case_id != 0 && !g_hash_table_contains (masked, &case_id))
        {
          g_autoptr(TsuCase) child_case = tsu_store_load (store, TSU_TYPE_CASE, case_id, NULL);

          if (child_case != NULL)
            tsu_document_mask_child (document, child_case);
          g_hash_table_add (masked, g_memdup2 (&case_id, sizeof case_id));
        }

      /* A meeting over several days shows on each of them in the month. */
      g_date_clear (&day, 1);
      g_date_clear (&last_day, 1);
      g_date_clear (&month_first, 1);
      g_date_clear (&month_last, 1);
      g_date_set_dmy (&day, g_date_time_get_day_of_month (first), g_date_time_get_month (first),
                      g_date_time_get_year (first));
      g_date_set_dmy (&last_day, g_date_time_get_day_of_month (last), g_date_time_get_month (last),
                      g_date_time_get_year (last));
      g_date_set_dmy (&month_first, 1, self->month, self->year);
      g_date_set_dmy (&month_last, n_days, self->month, self->year);
      if (g_date_compare (&day, &month_first) < 0)
        day = month_first;
      if (g_date_compare (&last_day, &month_last) > 0)
        last_day = month_last;

      for (; g_date_compare (&day, &last_day) <= 0; g_date_add_days (&day, 1))
        {
          Entry e = {
            start, tsu_meeting_get_all_day (m),
            g_strcmp0 (tsu_meeting_get_status (m), "cancelled") == 0,
            g_strdup (tsu_meeting_get_kind (m)), g_strdup (tsu_occurrence_get_title (o)),
          };

          g_array_append_val (g_ptr_array_index (self->days, g_date_get_day (&day) - 1), e);
        }
    }

  for (guint i = 0; i < n_days; i++)
    g_array_sort (g_ptr_array_index (self->days, i), compare_entries);

  tsu_document_set_watermark (document, NULL);
  return TRUE;
}

static void
draw_legend (TsuPageLayout *layout,
             double         x,
             double         y,
             double         width)
{
  double line = tsu_page_layout_get_line_height (layout, TSU_TEXT_SMALL);
  double box = 7;

  for (guint i = 0; tsu_document_kind_at (i) != NULL; i++)
    {
      const char *kind = tsu_document_kind_at (i);
      const char *name = tsu_document_kind_name (kind);
      double w = tsu_page_layout_measure_text (layout, TSU_TEXT_SMALL, name, NULL);

      tsu_page_layout_fill_rect (layout, x, y + (line - box) / 2, box, box,
                                 tsu_document_kind_color (kind));
      tsu_page_layout_draw_text (layout, x + box + 3, y, w + 2, line, TSU_TEXT_SMALL,
                                 PANGO_ALIGN_LEFT, TSU_COLOR_TEXT, name);
      x += box + 3 + w + 14;
    }

  /* The colours of the days. */
  {
    /* TRANSLATORS: in the legend of a month calendar: 日曜・祝日 */
    const char *holiday = _("Sunday or public holiday");
    /* TRANSLATORS: in the legend of a month calendar: 土曜 */
    const char *saturday = _("Saturday");
    double w = tsu_page_layout_measure_text (layout, TSU_TEXT_SMALL, holiday, NULL);

    x += 6;
    tsu_page_layout_fill_rect (layout, x, y + (line - box) / 2, box, box, SUNDAY_SHADE);
    tsu_page_layout_draw_rect (layout, x, y + (line - box) / 2, box, box, 0.5, SUNDAY_RGB);
    tsu_page_layout_draw_text (layout, x + box + 3, y, w + 2, line, TSU_TEXT_SMALL,
                               PANGO_ALIGN_LEFT, SUNDAY_RGB, holiday);
    x += box + 3 + w + 14;
    w = tsu_page_layout_measure_text (layout, TSU_TEXT_SMALL, saturday, NULL);
    tsu_page_layout_fill_rect (layout, x, y + (line - box) / 2, box, box, SATURDAY_SHADE);
    tsu_page_layout_draw_rect (layout, x, y + (line - box) / 2, box, box, 0.5, SATURDAY_RGB);
    tsu_page_layout_draw_text (layout, x + box + 3, y, w + 2, line, TSU_TEXT_SMALL,
                               PANGO_ALIGN_LEFT, SATURDAY_RGB, saturday);
  }
}

static void
draw_day (TsuDocumentMonth *self,
          TsuPageLayout    *layout,
          const GDate      *date,
          double            x,
          double            y,
          double            w,
          double            h)
{
  GArray *entries = g_ptr_array_index (self->days, g_date_get_day (date) - 1);
  const char *holiday = tsu_holidays_get_display_name (date);
  GDateWeekday weekday = g_date_get_weekday (date);
  double tiny = tsu_page_layout_get_line_height (layout, TSU_TEXT_TINY);
  double number_height = tsu_page_layout_get_line_height (layout, TSU_TEXT_CELL_BOLD);
  guint32 number_rgb = TSU_COLOR_TEXT;
  g_autofree char *number = g_strdup_printf ("%d", g_date_get_day (date));
  double number_width;
  guint fit, shown;
  double ey;

  if (holiday != NULL || weekday == G_DATE_SUNDAY)
    {
      number_rgb = SUNDAY_RGB;
      tsu_page_layout_fill_rect (layout, x, y, w, h, SUNDAY_SHADE);
    }
  else if (weekday == G_DATE_SATURDAY)
    {
      number_rgb = SATURDAY_RGB;
      tsu_page_layout_fill_rect (layout, x, y, w, h, SATURDAY_SHADE);
    }
  else if (tsu_holidays_is_closing_day (date))
    tsu_page_layout_fill_rect (layout, x, y, w, h, CLOSING_SHADE);

  number_width = tsu_page_layout_measure_text (layout, TSU_TEXT_CELL_BOLD, number, NULL);
  tsu_page_layout_draw_text (layout, x + 3, y + 1, number_width + 2, number_height,
                             TSU_TEXT_CELL_BOLD, PANGO_ALIGN_LEFT, number_rgb, number);
  if (holiday != NULL)
    tsu_page_layout_draw_text (layout, x + number_width + 7, y + 1 + (number_height - tiny) / 2,
                               w - number_width - 9, tiny, TSU_TEXT_TINY, PANGO_ALIGN_LEFT,
                               SUNDAY_RGB, holiday);

  /* As many meetings as fit, then how many more there are. */
  ey = y + number_height + 1;
  fit = (guint) MAX (0, (h - (ey - y) - 1) / tiny);
  shown = entries->len <= fit ? entries->len : (fit > 0 ? fit - 1 : 0);
  for (guint i = 0; i < shown; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      g_autofree char *text = NULL;

      if (e->all_day)
        text = g_strdup (e->title);
      else
        {
          g_autoptr(GDateTime) start = tsu_document_local_time (e->starts_at);
          g_autofree char *clock = g_date_time_format (start, "%H:%M");

          text = g_strdup_printf ("%s %s", clock, e->title);
        }
      /* First, where shortening the title cannot cut it off. */
      if (e->cancelled)
        {
          char *marked = g_strdup_printf ("［%s］%s", C_("meeting", "Cancelled"), text);

          g_free (text);
          text = marked;
        }

      tsu_page_layout_fill_rect (layout, x + 3, ey + tiny * 0.2, 2.5, tiny * 0.65,
                                 tsu_document_kind_color (e->kind));
      tsu_page_layout_draw_text (layout, x + 7.5, ey, w - 9.5, tiny, TSU_TEXT_TINY, PANGO_ALIGN_LEFT,
                                 e->cancelled ? TSU_COLOR_MUTED : TSU_COLOR_TEXT, text);
      ey += tiny;
    }
  if (shown < entries->len)
    {
      /* TRANSLATORS: in a day of a month calendar: how many meetings did not fit: 他3件 */
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more", "%u more",
                                                            entries->len - shown),
                                               entries->len - shown);

      tsu_page_layout_draw_text (layout, x + 7.5, ey, w - 9.5, tiny, TSU_TEXT_TINY, PANGO_ALIGN_LEFT,
                                 TSU_COLOR_MUTED, more);
    }
}

static void
draw_month (TsuPageLayout *layout,
            double         x,
            double         y,
            double         width,
            double         height,
            gpointer       user_data)
{
  TsuDocumentMonth *self = user_data;
  TsuDocument *document = TSU_DOCUMENT (self);
  const char *heading = tsu_document_get_title (document);
  double title_height = tsu_page_layout_get_line_height (layout, TSU_TEXT_TITLE);
  double legend_height = tsu_page_layout_get_line_height (layout, TSU_TEXT_SMALL) + 6;
  double head_height = tsu_page_layout_get_line_height (layout, TSU_TEXT_CELL_BOLD) + 4;
  guint n_days = g_date_get_days_in_month (self->month, self->year);
  double cell_w = width / 7;
  double grid_top, cell_h;
  guint offset, n_weeks;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, self->month, self->year);
  offset = g_date_get_weekday (&date) % 7;   /* Sunday first */
  n_weeks = (offset + n_days + 6) / 7;

  tsu_page_layout_draw_text (layout, x, y, width, title_height, TSU_TEXT_TITLE, PANGO_ALIGN_LEFT,
                             TSU_COLOR_TEXT, heading);

  grid_top = y + title_height + 6;
  cell_h = (height - (grid_top - y) - head_height - legend_height) / n_weeks;

  /* The weekdays, from a Sunday. */
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) sunday = g_date_time_new_utc (2023, 1, 1 + i, 0, 0, 0);
      g_autofree char *name = g_date_time_format (sunday, "%a");
      guint32 rgb = i == 0 ? SUNDAY_RGB : i == 6 ? SATURDAY_RGB : TSU_COLOR_TEXT;

      tsu_page_layout_fill_rect (layout, x + i * cell_w, grid_top, cell_w, head_height,
                                 TSU_COLOR_SHADE);
      tsu_page_layout_draw_text (layout, x + i * cell_w, grid_top + 2, cell_w, head_height,
                                 TSU_TEXT_CELL_BOLD, PANGO_ALIGN_CENTER, rgb, name);
    }

  for (guint cell = 0; cell < n_weeks * 7; cell++)
    {
      double cx = x + (cell % 7) * cell_w;
      double cy = grid_top + head_height + (cell / 7) * cell_h;

      if (cell < offset || cell >= offset + n_days)
        {
          tsu_page_layout_fill_rect (layout, cx, cy, cell_w, cell_h, OUTSIDE_SHADE);
          continue;
        }
      g_date_set_dmy (&date, cell - offset + 1, self->month, self->year);
      draw_day (self, layout, &date, cx, cy, cell_w, cell_h);
    }

  /* The grid over the shading. */
  for (guint i = 0; i <= 7; i++)
    tsu_page_layout_draw_line (layout, x + i * cell_w, grid_top, x + i * cell_w,
                               grid_top + head_height + n_weeks * cell_h, 0.5, GRID_RGB);
  tsu_page_layout_draw_line (layout, x, grid_top, x + width, grid_top, 0.5, GRID_RGB);
  for (guint i = 0; i <= n_weeks; i++)
    tsu_page_layout_draw_line (layout, x, grid_top + head_height + i * cell_h, x + width,
                               grid_top + head_height + i * cell_h, 0.5, GRID_RGB);

  draw_legend (layout, x, grid_top + head_height + n_weeks * cell_h + 5, width);
}

static void
tsu_document_month_build (TsuDocument   *document,
                          TsuPageLayout *layout)
{
  TsuDocumentMonth *self = TSU_DOCUMENT_MONTH (document);
  g_autofree char *month = tsu_document_format_month (document, self->year, self->month);
  /* TRANSLATORS: the title of a month calendar: 令和8年11月 月間予定表 */
  g_autofree char *title = g_strdup_printf (_("%s  Monthly schedule"), month);
  double height;

  tsu_document_set_title (document, title);
  tsu_document_set_subject (document, NULL);
  tsu_page_layout_get_body (layout, NULL, NULL, NULL, &height);
  tsu_page_layout_add_drawing (layout, height - 1, draw_month, g_object_ref (self), g_object_unref);
}

static void
tsu_document_month_finalize (GObject *object)
{
  TsuDocumentMonth *self = TSU_DOCUMENT_MONTH (object);

  g_clear_pointer (&self->days, g_ptr_array_unref);

  G_OBJECT_CLASS (tsu_document_month_parent_class)->finalize (object);
}

static void
tsu_document_month_class_init (TsuDocumentMonthClass *klass)
{
  TsuDocumentClass *document_class = TSU_DOCUMENT_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = tsu_document_month_finalize;
  document_class->load = tsu_document_month_load;
  document_class->build = tsu_document_month_build;
  document_class->landscape_only = TRUE;
}

static void
tsu_document_month_init (TsuDocumentMonth *self)
{
}

/**
 * tsu_document_month_new:
 * @store: the store
 * @year: the year
 * @month: the month, 1 to 12
 *
 * Returns: (transfer full): the calendar of the month, on one landscape page
 */
TsuDocument *
tsu_document_month_new (TsuStore *store,
                        int       year,
                        int       month)
{
  TsuDocumentMonth *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (g_date_valid_dmy (1, month, year), NULL);

  self = g_object_new (TSU_TYPE_DOCUMENT_MONTH, "store", store, NULL);
  self->year = year;
  self->month = month;
  return TSU_DOCUMENT (self);
}
