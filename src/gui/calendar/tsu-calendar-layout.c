/* tsu-calendar-layout.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-calendar-layout"

#include "config.h"

#include "tsu-calendar-layout.h"

/* Where the month and week views draw each meeting: which lines of which day cells a
 * bar takes, which meetings hide behind "+N more", and how overlapping meetings share
 * a day of the hour grid. It knows no widget, so tests build it without a display.
 *
 * Weeks start on Sunday, as Japanese wall calendars do (Sunday in red at the left). */

typedef struct {
  guint item;
  guint row;
  guint first_column;
  guint last_column;
  gint64 starts_at;
  gboolean continues_before;
  gboolean continues_after;
  guint lane;
} Segment;

static gint64
day_index (gint64 first_day,
           gint64 t)
{
  gint64 d = t - first_day;

  /* Floor division: a meeting may start before the first day. */
  return d >= 0 ? d / TSU_CALENDAR_DAY : -((-d + TSU_CALENDAR_DAY - 1) / TSU_CALENDAR_DAY);
}

/* First and last day (inclusive) a span covers, unclipped. */
static void
span_days (gint64                 first_day,
           const TsuCalendarSpan *span,
           gint64                *first,
           gint64                *last)
{
  *first = day_index (first_day, span->starts_at);
  if (span->ends_at > span->starts_at)
    *last = day_index (first_day, span->ends_at - 1);
  else
    *last = *first;
  if (*last < *first)
    *last = *first;
}

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const Segment *sa = a;
  const Segment *sb = b;
  guint la = sa->last_column - sa->first_column;
  guint lb = sb->last_column - sb->first_column;

  if (sa->row != sb->row)
    return sa->row < sb->row ? -1 : 1;
  if (sa->first_column != sb->first_column)
    return sa->first_column < sb->first_column ? -1 : 1;
  /* Longer bars first, so that they keep a straight line across the week. */
  if (la != lb)
    return la > lb ? -1 : 1;
  if (sa->starts_at != sb->starts_at)
    return sa->starts_at < sb->starts_at ? -1 : 1;
  return sa->item < sb->item ? -1 : (sa->item > sb->item);
}

static TsuCalendarLayout *
layout_new (gint64 first_day,
            guint  n_days,
            guint  max_lanes)
{
  TsuCalendarLayout *self = g_new0 (TsuCalendarLayout, 1);

  self->first_day = first_day;
  self->n_days = n_days;
  self->max_lanes = max_lanes;
  self->bars = g_array_new (FALSE, FALSE, sizeof (TsuCalendarBar));
  self->blocks = g_array_new (FALSE, FALSE, sizeof (TsuCalendarBlock));
  self->counts = g_new0 (guint, n_days);
  self->more = g_new0 (guint, n_days);
  return self;
}

/* Cuts the span into one segment per week row it touches. */
static void
add_segments (TsuCalendarLayout     *self,
              GArray                *segments,
              guint                  item,
              const TsuCalendarSpan *span)
{
  gint64 first, last;

  span_days (self->first_day, span, &first, &last);
  if (last < 0 || first >= (gint64) self->n_days)
    return;

  for (gint64 row = MAX (first, 0) / 7; row * 7 <= MIN (last, (gint64) self->n_days - 1); row++)
    {
      gint64 row_first = row * 7, row_last = row * 7 + 6;
      Segment s = {
        .item = item,
        .row = row,
        .first_column = MAX (first, row_first) - row_first,
        .last_column = MIN (last, row_last) - row_first,
        .starts_at = span->starts_at,
        .continues_before = first < row_first,
        .continues_after = last > row_last,
      };

      g_array_append_val (segments, s);
    }
}

/* Gives each segment the first lane free on all its days, then keeps only what fits:
 * a day with more meetings than lanes shows one lane less and "+N more" in it. */
static void
place_segments (TsuCalendarLayout *self,
                GArray            *segments)
{
  g_autofree guint *top_lane = g_new0 (guint, self->n_days);   /* highest lane + 1 */
  g_autofree guint *limit = g_new0 (guint, self->n_days);
  g_autoptr(GArray) used = g_array_new (FALSE, TRUE, sizeof (guint8));  /* lanes × 7 bits */
  guint current_row = G_MAXUINT;

  g_array_sort (segments, compare_segments);

  for (guint i = 0; i < segments->len; i++)
    {
      Segment *s = &g_array_index (segments, Segment, i);
      guint8 mask = (guint8) (((1u << (s->last_column + 1)) - 1) & ~((1u << s->first_column) - 1));
      guint lane;

      if (s->row != current_row)
        {
          current_row = s->row;
          g_array_set_size (used, 0);
        }

      for (lane = 0; lane < used->len; lane++)
        if ((g_array_index (used, guint8, lane) & mask) == 0)
          break;
      if (lane == used->len)
        {
          guint8 zero = 0;
          g_array_append_val (used, zero);
        }
      g_array_index (used, guint8, lane) |= mask;
      s->lane = lane;

      for (guint c = s->first_column; c <= s->last_column; c++)
        {
          guint day = s->row * 7 + c;

          self->counts[day]++;
          top_lane[day] = MAX (top_lane[day], lane + 1);
        }
    }

  for (guint day = 0; day < self->n_days; day++)
    limit[day] = top_lane[day] <= self->max_lanes ? self->max_lanes
                                                   : (self->max_lanes > 0 ? self->max_lanes - 1 : 0);

  for (guint i = 0; i < segments->len; i++)
    {
      const Segment *s = &g_array_index (segments, Segment, i);
      gboolean open = FALSE;
      TsuCalendarBar bar = { 0 };

      for (guint c = s->first_column; c <= s->last_column + 1; c++)
        {
          guint day = s->row * 7 + c;
          gboolean shown = c <= s->last_column && s->lane < limit[day];

          if (c <= s->last_column && !shown)
            self->more[day]++;

          if (shown && !open)
            {
              open = TRUE;
              bar.item = s->item;
              bar.row = s->row;
              bar.lane = s->lane;
              bar.first_column = c;
              bar.continues_before = c > s->first_column || s->continues_before;
            }
          else if (!shown && open)
            {
              open = FALSE;
              bar.last_column = c - 1;
              bar.continues_after = c - 1 < s->last_column || s->continues_after;
              g_array_append_val (self->bars, bar);
            }
        }
    }
}

/**
 * tsu_calendar_layout_new_month:
 * @first_day: Unix seconds of midnight at the start of the first day of the grid
 * @n_days: days in the grid, a multiple of 7 (42 for a month)
 * @max_lanes: how many lines a day cell has room for
 * @spans: (array length=n_spans): the meetings
 *
 * Every meeting is a bar in the day cells it covers; a meeting of one day is a bar one
 * cell wide.
 *
 * Returns: (transfer full): the layout
 */
TsuCalendarLayout *
tsu_calendar_layout_new_month (gint64                 first_day,
                               guint                  n_days,
                               guint                  max_lanes,
                               const TsuCalendarSpan *spans,
                               guint                  n_spans)
{
  TsuCalendarLayout *self;
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));

  g_return_val_if_fail (n_days > 0 && n_days % 7 == 0, NULL);
  g_return_val_if_fail (spans != NULL || n_spans == 0, NULL);

  self = layout_new (first_day, n_days, max_lanes);
  for (guint i = 0; i < n_spans; i++)
    add_segments (self, segments, i, &spans[i]);
  place_segments (self, segments);
  return self;
}

typedef struct {
  guint item;
  int   start;
  int   end;
} Timed;

static int
compare_timed (gconstpointer a,
               gconstpointer b)
{
  const Timed *ta = a;
  const Timed *tb = b;

  if (ta->start != tb->start)
    return ta->start < tb->start ? -1 : 1;
  if (ta->end != tb->end)
    return ta->end > tb->end ? -1 : 1;
  return ta->item < tb->item ? -1 : (ta->item > tb->item);
}

/* Overlapping meetings of one day: a cluster is a run of meetings each overlapping the
 * ones before it; inside a cluster each meeting takes the first free column, and all of
 * them share the cluster's number of columns. */
static void
place_day (TsuCalendarLayout *self,
           guint              day,
           GArray            *timed)
{
  g_autoptr(GArray) column_ends = g_array_new (FALSE, FALSE, sizeof (int));
  guint cluster_start = self->blocks->len;
  int cluster_end = -1;

  g_array_sort (timed, compare_timed);

  for (guint i = 0; i < timed->len; i++)
    {
      const Timed *t = &g_array_index (timed, Timed, i);
      TsuCalendarBlock block = { t->item, day, 0, 1, t->start, t->end };
      int end = MAX (t->end, t->start + 1);
      guint column;

      if (t->start >= cluster_end)
        {
          for (guint j = cluster_start; j < self->blocks->len; j++)
            g_array_index (self->blocks, TsuCalendarBlock, j).n_columns = column_ends->len;
          cluster_start = self->blocks->len;
          g_array_set_size (column_ends, 0);
        }

      for (column = 0; column < column_ends->len; column++)
        if (g_array_index (column_ends, int, column) <= t->start)
          break;
      if (column == column_ends->len)
        g_array_append_val (column_ends, end);
      else
        g_array_index (column_ends, int, column) = end;

      block.column = column;
      cluster_end = MAX (cluster_end, end);
      g_array_append_val (self->blocks, block);
      self->counts[day]++;
    }

  for (guint j = cluster_start; j < self->blocks->len; j++)
    g_array_index (self->blocks, TsuCalendarBlock, j).n_columns = column_ends->len;
}

/**
 * tsu_calendar_layout_new_week:
 * @first_day: Unix seconds of midnight at the start of the week
 * @max_lanes: lines of the all-day band
 * @spans: (array length=n_spans): the meetings
 *
 * All-day meetings and meetings that cross midnight are bars in the all-day band
 * (row 0); the others are blocks in the hour grid.
 *
 * Returns: (transfer full): the layout
 */
TsuCalendarLayout *
tsu_calendar_layout_new_week (gint64                 first_day,
                              guint                  max_lanes,
                              const TsuCalendarSpan *spans,
                              guint                  n_spans)
{
  TsuCalendarLayout *self;
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_autoptr(GPtrArray) per_day = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  g_return_val_if_fail (spans != NULL || n_spans == 0, NULL);

  self = layout_new (first_day, 7, max_lanes);
  for (guint day = 0; day < 7; day++)
    g_ptr_array_add (per_day, g_array_new (FALSE, FALSE, sizeof (Timed)));

  for (guint i = 0; i < n_spans; i++)
    {
      gint64 first, last;

      span_days (first_day, &spans[i], &first, &last);
      if (last < 0 || first >= 7)
        continue;

      if (spans[i].all_day || first != last)
        add_segments (self, segments, i, &spans[i]);
      else
        {
          gint64 day_start = first_day + first * TSU_CALENDAR_DAY;
          Timed t = {
            .item = i,
            .start = (int) ((spans[i].starts_at - day_start) / 60),
            .end = (int) (MIN (spans[i].ends_at - day_start, TSU_CALENDAR_DAY) / 60),
          };

          g_array_append_val (g_ptr_array_index (per_day, first), t);
        }
    }

  place_segments (self, segments);
  for (guint day = 0; day < 7; day++)
    place_day (self, day, g_ptr_array_index (per_day, day));
  return self;
}

void
tsu_calendar_layout_free (TsuCalendarLayout *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->bars);
  g_array_unref (self->blocks);
  g_free (self->counts);
  g_free (self->more);
  g_free (self);
}

/**
 * tsu_calendar_layout_get_more:
 *
 * Returns: how many meetings of @day the cells do not show
 */
guint
tsu_calendar_layout_get_more (const TsuCalendarLayout *self,
                              guint                    day)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (day < self->n_days, 0);

  return self->more[day];
}

/**
 * tsu_calendar_layout_get_count:
 *
 * Returns: how many meetings take place on @day
 */
guint
tsu_calendar_layout_get_count (const TsuCalendarLayout *self,
                               guint                    day)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (day < self->n_days, 0);

  return self->counts[day];
}

/**
 * tsu_calendar_layout_n_lanes:
 *
 * Returns: how many lanes the bars of week @row take (the height of the all-day band)
 */
guint
tsu_calendar_layout_n_lanes (const TsuCalendarLayout *self,
                             guint                    row)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->bars->len; i++)
    {
      const TsuCalendarBar *bar = &g_array_index (self->bars, TsuCalendarBar, i);

      if (bar->row == row)
        n = MAX (n, bar->lane + 1);
    }
  for (guint c = 0; c < 7 && row * 7 + c < self->n_days; c++)
    if (self->more[row * 7 + c] > 0)
      n = MAX (n, self->max_lanes);
  return n;
}

/**
 * tsu_calendar_month_grid:
 * @year: a year
 * @month: 1 … 12
 * @first_day: (out caller-allocates): the Sunday on or before the first of the month
 *
 * The six weeks a month view shows start here.
 */
void
tsu_calendar_month_grid (guint  year,
                         guint  month,
                         GDate *first_day)
{
  g_return_if_fail (first_day != NULL);
  g_return_if_fail (month >= 1 && month <= 12);

  g_date_clear (first_day, 1);
  g_date_set_dmy (first_day, 1, (GDateMonth) month, (GDateYear) year);
  tsu_calendar_week_start (first_day, first_day);
}

/**
 * tsu_calendar_week_start:
 * @day: a day
 * @first_day: (out caller-allocates): the Sunday on or before @day
 */
void
tsu_calendar_week_start (const GDate *day,
                         GDate       *first_day)
{
  GDateWeekday weekday;

  g_return_if_fail (day != NULL && g_date_valid (day));
  g_return_if_fail (first_day != NULL);

  weekday = g_date_get_weekday (day);
  *first_day = *day;
  /* GDate numbers Monday 1 … Sunday 7. */
  g_date_subtract_days (first_day, weekday == G_DATE_SUNDAY ? 0 : weekday);
}
