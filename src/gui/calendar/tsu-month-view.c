/* tsu-month-view.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-month-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsunagu-core.h"
#include "tsu-calendar-draw.h"
#include "tsu-format.h"
#include "tsu-month-view.h"

/* Six weeks of a month, drawn in snapshot: one widget however many meetings the month
 * holds. TsuCalendarLayout decides which meeting takes which line of which day; the
 * text of each bar is laid out once and kept, for later months too, until the width
 * or the fonts change.
 *
 * Clicking a meeting activates win.open-meeting; clicking "+N more" or pressing Enter
 * on a busy day emits ::show-day; clicking a day selects it (::day-selected) and a
 * double click on it asks for a new meeting there. Dragging a meeting to another day
 * emits ::move-occurrence with its new start (same time of day); the page asks and
 * writes. */

#define N_DAYS      42
#define HEADER      28   /* the row of weekday names */
#define LANE_TOP    26   /* the day number above the first lane */
#define LANE_HEIGHT 20
#define PADDING     3

/* Laid-out texts kept across months, at most this many (see cached_text()). */
#define TEXT_CACHE_MAX 1024

struct _TsuMonthView
{
  GtkWidget          parent_instance;

  GDate              month;          /* the first of the month */
  GDate              first_day;      /* the Sunday starting the grid */
  GDate              selected;
  GDate              today;
  gint64             first_unix;

  GPtrArray         *occurrences;    /* of TsuOccurrence, sorted by start */
  TsuCalendarLayout *layout;
  GArray            *spans;
  guint              max_lanes;

  PangoLayout       *weekdays[7];
  PangoLayout       *numbers[N_DAYS];
  PangoLayout       *holidays[N_DAYS];
  TsuDayKind         day_kinds[N_DAYS];
  GPtrArray         *bar_texts;      /* PangoLayout per bar, made when first drawn */
  PangoLayout       *more_texts[N_DAYS];
  int                text_width;     /* the width the texts were laid out for */
  GHashTable        *text_cache;     /* what a layout shows → PangoLayout */

  double             drag_x;         /* where a drag started */
  double             drag_y;
  int                drag_item;      /* the occurrence dragged, or -1 */
  int                drop_day;       /* the day under the pointer while dragging, or -1 */
  gboolean           drag_moved;     /* the press became a drag: no click */
};

G_DEFINE_FINAL_TYPE (TsuMonthView, tsu_month_view, GTK_TYPE_WIDGET)

enum {
  DAY_SELECTED,
  SHOW_DAY,
  MOVE_OCCURRENCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Geometry */

static double
cell_width (TsuMonthView *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self)) / 7.0;
}

static double
cell_height (TsuMonthView *self)
{
  return MAX (gtk_widget_get_height (GTK_WIDGET (self)) - HEADER, 6) / 6.0;
}

static void
cell_rect (TsuMonthView    *self,
           guint            day,
           graphene_rect_t *rect)
{
  double w = cell_width (self), h = cell_height (self);

  graphene_rect_init (rect, (day % 7) * w, HEADER + (day / 7) * h, w, h);
}

static void
bar_rect (TsuMonthView         *self,
          const TsuCalendarBar *bar,
          graphene_rect_t      *rect)
{
  double w = cell_width (self), h = cell_height (self);
  double x0 = bar->first_column * w + (bar->continues_before ? 0 : PADDING);
  double x1 = (bar->last_column + 1) * w - (bar->continues_after ? 0 : PADDING);

  graphene_rect_init (rect, x0, HEADER + bar->row * h + LANE_TOP + bar->lane * LANE_HEIGHT,
                      MAX (x1 - x0, 1), LANE_HEIGHT - 2);
}

static void
more_rect (TsuMonthView    *self,
           guint            day,
           graphene_rect_t *rect)
{
  graphene_rect_t cell;
  guint lane = self->max_lanes > 0 ? self->max_lanes - 1 : 0;

  cell_rect (self, day, &cell);
  graphene_rect_init (rect, cell.origin.x + PADDING, cell.origin.y + LANE_TOP + lane * LANE_HEIGHT,
                      cell.size.width - 2 * PADDING, LANE_HEIGHT - 2);
}

static guint
lanes_for_height (TsuMonthView *self)
{
  double room = cell_height (self) - LANE_TOP - 2;

  return room > 0 ? (guint) (room / LANE_HEIGHT) : 0;
}

static int
day_at (TsuMonthView *self,
        double        x,
        double        y)
{
  int column, row;

  if (y < HEADER)
    return -1;
  column = CLAMP ((int) (x / cell_width (self)), 0, 6);
  row = CLAMP ((int) ((y - HEADER) / cell_height (self)), 0, 5);
  return row * 7 + column;
}

/* Texts */

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
clear_texts (TsuMonthView *self)
{
  g_ptr_array_set_size (self->bar_texts, 0);
  for (guint i = 0; i < N_DAYS; i++)
    g_clear_object (&self->more_texts[i]);
}

/* The layout kept for @key, if any: day numbers, the texts of bars and "+N more" come
 * back month after month (and the weeks at either end of the grid show in two
 * months), and laying out a text costs far more than drawing it. Nothing changes a
 * cached layout after it is made; the cache empties when the fonts change and when
 * it is full. */
static PangoLayout *
cached_text (TsuMonthView *self,
             const char   *key)
{
  return g_hash_table_lookup (self->text_cache, key);
}

/* Keeps @layout for @key and returns it (transfer none). */
static PangoLayout *
cache_text (TsuMonthView *self,
            char         *key,
            PangoLayout  *layout)
{
  if (g_hash_table_size (self->text_cache) >= TEXT_CACHE_MAX)
    g_hash_table_remove_all (self->text_cache);
  g_hash_table_insert (self->text_cache, key, layout);
  return layout;
}

static PangoLayout *
small_layout (TsuMonthView *self,
              const char   *text,
              int           width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  return layout;
}

static void
update_day_texts (TsuMonthView *self)
{
  for (guint i = 0; i < N_DAYS; i++)
    {
      GDate date = self->first_day;
      const char *holiday = NULL;
      char number[8];

      g_date_add_days (&date, i);
      self->day_kinds[i] = tsu_calendar_day_kind (&date, &holiday);
      g_snprintf (number, sizeof number, "%u", g_date_get_day (&date));

      g_clear_object (&self->numbers[i]);
      g_clear_object (&self->holidays[i]);
      {
        g_autofree char *key = g_strdup_printf ("day\x1f%s", number);
        PangoLayout *layout = cached_text (self, key);

        if (layout == NULL)
          layout = cache_text (self, g_steal_pointer (&key),
                               gtk_widget_create_pango_layout (GTK_WIDGET (self), number));
        self->numbers[i] = g_object_ref (layout);
      }
      if (holiday != NULL)
        self->holidays[i] = small_layout (self, holiday, 1);
    }
}

static void
update_weekday_texts (TsuMonthView *self)
{
  /* 2026-03-01 is a Sunday. */
  g_autoptr(GDateTime) sunday = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);

  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (sunday, i);
      g_autofree char *name = g_date_time_format (day, "%a");

      g_clear_object (&self->weekdays[i]);
      self->weekdays[i] = small_layout (self, name, 200);
      pango_layout_set_width (self->weekdays[i], -1);
    }
}

static PangoLayout *
bar_text (TsuMonthView         *self,
          guint                 index,
          const TsuCalendarBar *bar,
          double                width)
{
  PangoLayout *layout;
  TsuOccurrence *o;
  TsuMeeting *meeting;
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  gboolean timed, cancelled;
  int text_width;

  if (index < self->bar_texts->len && g_ptr_array_index (self->bar_texts, index) != NULL)
    return g_ptr_array_index (self->bar_texts, index);

  o = g_ptr_array_index (self->occurrences, bar->item);
  meeting = tsu_occurrence_get_meeting (o);
  timed = !tsu_meeting_get_all_day (meeting) &&
          bar->first_column == bar->last_column && !bar->continues_before && !bar->continues_after;

  if (timed)
    {
      g_autoptr(GDateTime) start = tsu_format_local_time (tsu_occurrence_get_starts_at (o));
      /* Translators: a time of day in the format of g_date_time_format() */
      g_autofree char *time = g_date_time_format (start, _("%H:%M"));

      text = g_strdup_printf ("%s %s", time, tsu_occurrence_get_title (o));
    }
  else
    text = g_strdup (tsu_occurrence_get_title (o));

  text_width = (int) width - (timed ? 16 : 10);
  cancelled = g_strcmp0 (tsu_meeting_get_status (meeting), "cancelled") == 0;
  key = g_strdup_printf ("bar\x1f%d\x1f%d\x1f%s", text_width, cancelled, text);
  layout = cached_text (self, key);
  if (layout == NULL)
    {
      layout = small_layout (self, text, text_width);
      if (cancelled)
        {
          PangoAttrList *attrs = pango_layout_get_attributes (layout);

          pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
        }
      cache_text (self, g_steal_pointer (&key), layout);
    }

  if (self->bar_texts->len <= index)
    g_ptr_array_set_size (self->bar_texts, index + 1);
  g_ptr_array_index (self->bar_texts, index) = g_object_ref (layout);
  return layout;
}

/* Layout */

static void
relayout (TsuMonthView *self)
{
  g_clear_pointer (&self->layout, tsu_calendar_layout_free);
  clear_texts (self);

  g_array_set_size (self->spans, 0);
  for (guint i = 0; self->occurrences != NULL && i < self->occurrences->len; i++)
    {
      TsuOccurrence *o = g_ptr_array_index (self->occurrences, i);
      TsuCalendarSpan span = {
        tsu_occurrence_get_starts_at (o),
        tsu_occurrence_get_ends_at (o),
        tsu_meeting_get_all_day (tsu_occurrence_get_meeting (o)),
      };

      g_array_append_val (self->spans, span);
    }

  self->layout = tsu_calendar_layout_new_month (self->first_unix, N_DAYS, self->max_lanes,
                                                (const TsuCalendarSpan *) (gpointer) self->spans->data,
                                                self->spans->len);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Hit testing */

typedef enum {
  HIT_NONE,
  HIT_BAR,
  HIT_MORE,
  HIT_DAY,
} HitKind;

static HitKind
hit_test (TsuMonthView    *self,
          double           x,
          double           y,
          guint           *index,
          graphene_rect_t *area)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);
  int day;

  if (self->layout == NULL)
    return HIT_NONE;

  for (guint i = 0; i < self->layout->bars->len; i++)
    {
      const TsuCalendarBar *bar = &g_array_index (self->layout->bars, TsuCalendarBar, i);
      graphene_rect_t rect;

      bar_rect (self, bar, &rect);
      if (graphene_rect_contains_point (&rect, &point))
        {
          *index = bar->item;
          *area = rect;
          return HIT_BAR;
        }
    }

  day = day_at (self, x, y);
  if (day < 0)
    return HIT_NONE;

  if (tsu_calendar_layout_get_more (self->layout, day) > 0)
    {
      graphene_rect_t rect;

      more_rect (self, day, &rect);
      if (graphene_rect_contains_point (&rect, &point))
        {
          *index = day;
          *area = rect;
          return HIT_MORE;
        }
    }

  *index = day;
  cell_rect (self, day, area);
  return HIT_DAY;
}

static guint
julian_of (TsuMonthView *self,
           guint         day)
{
  return g_date_get_julian (&self->first_day) + day;
}

static void
open_occurrence (GtkWidget     *widget,
                 TsuOccurrence *o)
{
  gtk_widget_activate_action (widget, "win.open-meeting", "(xx)",
                              tsu_record_get_id (TSU_RECORD (tsu_occurrence_get_meeting (o))),
                              tsu_occurrence_get_starts_at (o));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            TsuMonthView    *self)
{
  graphene_rect_t area;
  guint index;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  switch (hit_test (self, x, y, &index, &area))
    {
    case HIT_BAR:
      /* Opened on release, unless the press turns into a drag. */
      break;

    case HIT_MORE:
      g_signal_emit (self, signals[SHOW_DAY], 0, julian_of (self, index));
      break;

    case HIT_DAY:
      g_signal_emit (self, signals[DAY_SELECTED], 0, julian_of (self, index));
      if (n_press == 2)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.new-meeting", NULL);
      break;

    case HIT_NONE:
    default:
      break;
    }
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             TsuMonthView    *self)
{
  graphene_rect_t area;
  guint index;

  if (n_press == 1 && !self->drag_moved && hit_test (self, x, y, &index, &area) == HIT_BAR)
    open_occurrence (GTK_WIDGET (self), g_ptr_array_index (self->occurrences, index));
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TsuMonthView   *self)
{
  graphene_rect_t area;
  guint index;

  self->drag_moved = FALSE;
  self->drop_day = -1;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_item = hit_test (self, x, y, &index, &area) == HIT_BAR ? (int) index : -1;
  if (self->drag_item < 0)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                TsuMonthView   *self)
{
  int day;

  if (self->drag_item < 0)
    return;
  if (!self->drag_moved && !gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, (int) dx, (int) dy))
    return;
  if (!self->drag_moved)
    {
      self->drag_moved = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }
  day = day_at (self, self->drag_x + dx, self->drag_y + dy);
  if (day != self->drop_day)
    {
      self->drop_day = day;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             TsuMonthView   *self)
{
  gboolean moved = self->drag_moved && self->drag_item >= 0;

  self->drag_item = -1;
  self->drop_day = -1;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (moved)
    tsu_month_view_drop (self, self->drag_x, self->drag_y, self->drag_x + dx, self->drag_y + dy);
}

static gboolean
query_tooltip_cb (TsuMonthView *self,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip)
{
  graphene_rect_t area;
  guint index;
  HitKind hit;

  if (keyboard)
    return FALSE;

  hit = hit_test (self, x, y, &index, &area);
  if (hit == HIT_BAR)
    {
      g_autofree char *markup = tsu_calendar_describe (g_ptr_array_index (self->occurrences, index), TRUE);

      gtk_tooltip_set_markup (tooltip, markup);
    }
  else if (hit == HIT_MORE)
    gtk_tooltip_set_text (tooltip, _("Show all meetings of this day"));
  else
    {
      const char *holiday = NULL;
      GDate date;

      if (hit != HIT_DAY)
        return FALSE;
      g_date_set_julian (&date, julian_of (self, index));
      tsu_calendar_day_kind (&date, &holiday);
      if (holiday == NULL)
        return FALSE;
      gtk_tooltip_set_text (tooltip, holiday);
    }

  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { area.origin.x, area.origin.y,
                                                       area.size.width, area.size.height });
  return TRUE;
}

static void
move_selection (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsuMonthView *self = TSU_MONTH_VIEW (widget);
  int days = g_variant_get_int32 (parameter);
  guint julian = g_date_get_julian (&self->selected);

  if ((int) julian + days < 1)
    return;
  g_signal_emit (self, signals[DAY_SELECTED], 0, (guint) ((int) julian + days));
}

static void
activate_day (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsuMonthView *self = TSU_MONTH_VIEW (widget);
  gint64 from = tsu_calendar_date_to_unix (&self->selected);
  gint64 to = from + TSU_CALENDAR_DAY;
  TsuOccurrence *only = NULL;
  guint n = 0;

  for (guint i = 0; self->occurrences != NULL && i < self->occurrences->len; i++)
    {
      TsuOccurrence *o = g_ptr_array_index (self->occurrences, i);

      if (tsu_occurrence_get_starts_at (o) < to &&
          (tsu_occurrence_get_ends_at (o) > from || tsu_occurrence_get_starts_at (o) >= from))
        {
          only = o;
          n++;
        }
    }

  if (n == 1)
    open_occurrence (widget, only);
  else if (n > 1)
    g_signal_emit (self, signals[SHOW_DAY], 0, g_date_get_julian (&self->selected));
}

/* Drawing */

static void
append_rounded (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                float                  radius,
                const GdkRGBA         *color)
{
  GskRoundedRect rounded;

  gsk_rounded_rect_init_from_rect (&rounded, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_bar (TsuMonthView         *self,
          GtkSnapshot          *snapshot,
          guint                 index,
          const TsuCalendarBar *bar,
          const GdkRGBA        *fg)
{
  TsuOccurrence *o = g_ptr_array_index (self->occurrences, bar->item);
  TsuMeeting *meeting = tsu_occurrence_get_meeting (o);
  graphene_rect_t rect;
  PangoLayout *layout;
  GdkRGBA color, fill;
  gboolean timed;
  int text_height;

  bar_rect (self, bar, &rect);
  tsu_calendar_kind_color (tsu_meeting_get_kind (meeting), &color);
  timed = !tsu_meeting_get_all_day (meeting) && bar->first_column == bar->last_column &&
          !bar->continues_before && !bar->continues_after;
  layout = bar_text (self, index, bar, rect.size.width);
  pango_layout_get_pixel_size (layout, NULL, &text_height);

  if (timed)
    {
      graphene_rect_t dot = GRAPHENE_RECT_INIT (rect.origin.x + 3, rect.origin.y + rect.size.height / 2 - 4, 8, 8);

      append_rounded (snapshot, &dot, 4, &color);
      append_text (snapshot, layout, rect.origin.x + 14,
                   rect.origin.y + (rect.size.height - text_height) / 2, fg);
      return;
    }

  fill = color;
  fill.alpha = 0.28f;
  append_rounded (snapshot, &rect, 4, &fill);
  if (!bar->continues_before)
    {
      graphene_rect_t stripe = GRAPHENE_RECT_INIT (rect.origin.x, rect.origin.y, 4, rect.size.height);

      append_rounded (snapshot, &stripe, 2, &color);
    }
  gtk_snapshot_push_clip (snapshot, &rect);
  append_text (snapshot, layout, rect.origin.x + 7,
               rect.origin.y + (rect.size.height - text_height) / 2, fg);
  gtk_snapshot_pop (snapshot);
}

static void
tsu_month_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TsuMonthView *self = TSU_MONTH_VIEW (widget);
  double w = cell_width (self), h = cell_height (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint selected_day = g_date_get_julian (&self->selected) - g_date_get_julian (&self->first_day);
  guint today_day = g_date_get_julian (&self->today) - g_date_get_julian (&self->first_day);
  GdkRGBA fg, line, shade, accent, selected;

  tsu_calendar_fg_color (widget, &fg);
  tsu_calendar_accent (widget, &accent);
  line = fg;
  line.alpha = 0.12f;
  shade = fg;
  shade.alpha = 0.035f;
  selected = accent;
  selected.alpha = 0.14f;

  if ((int) w != self->text_width)
    {
      self->text_width = (int) w;
      clear_texts (self);
    }

  /* Weekday names */
  for (guint c = 0; c < 7; c++)
    {
      GdkRGBA color;
      int tw, th;

      tsu_calendar_day_color (widget, c == 0 ? TSU_DAY_SUNDAY : c == 6 ? TSU_DAY_SATURDAY : TSU_DAY_WEEKDAY,
                              &color);
      pango_layout_get_pixel_size (self->weekdays[c], &tw, &th);
      append_text (snapshot, self->weekdays[c], c * w + (w - tw) / 2, (HEADER - th) / 2, &color);
    }

  /* Day cells */
  for (guint day = 0; day < N_DAYS; day++)
    {
      GDate date = self->first_day;
      graphene_rect_t cell;
      GdkRGBA color;
      double x, y;
      int tw, th;

      g_date_add_days (&date, day);
      cell_rect (self, day, &cell);
      if (g_date_get_month (&date) != g_date_get_month (&self->month))
        gtk_snapshot_append_color (snapshot, &shade, &cell);
      if (day == selected_day)
        gtk_snapshot_append_color (snapshot, &selected, &cell);

      tsu_calendar_day_color (widget, self->day_kinds[day], &color);
      if (g_date_get_month (&date) != g_date_get_month (&self->month))
        color.alpha *= 0.5f;

      pango_layout_get_pixel_size (self->numbers[day], &tw, &th);
      x = cell.origin.x + 6;
      y = cell.origin.y + 3;
      if (day == today_day)
        {
          GdkRGBA white = { 1, 1, 1, 1 };
          double d = MAX (tw, th) + 4;
          graphene_rect_t circle = GRAPHENE_RECT_INIT (x - 3, y - 1, MAX (d, tw + 8), th + 2);

          append_rounded (snapshot, &circle, (th + 2) / 2.0f, &accent);
          append_text (snapshot, self->numbers[day], circle.origin.x + (circle.size.width - tw) / 2, y, &white);
        }
      else
        append_text (snapshot, self->numbers[day], x, y, &color);

      if (self->holidays[day] != NULL)
        {
          int hh;

          pango_layout_set_width (self->holidays[day], MAX ((int) (cell.size.width - tw - 22), 1) * PANGO_SCALE);
          pango_layout_get_pixel_size (self->holidays[day], NULL, &hh);
          append_text (snapshot, self->holidays[day], x + tw + 8, y + (th - hh) / 2.0, &color);
        }
    }

  /* Grid lines */
  for (guint c = 1; c < 7; c++)
    gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT ((int) (c * w), HEADER, 1, height - HEADER));
  for (guint r = 0; r < 6; r++)
    gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, (int) (HEADER + r * h), width, 1));

  /* Meetings */
  if (self->layout != NULL)
    {
      for (guint i = 0; i < self->layout->bars->len; i++)
        draw_bar (self, snapshot, i, &g_array_index (self->layout->bars, TsuCalendarBar, i), &fg);

      for (guint day = 0; day < N_DAYS; day++)
        {
          guint more = tsu_calendar_layout_get_more (self->layout, day);
          graphene_rect_t rect;
          GdkRGBA dim = fg;
          int th;

          if (more == 0)
            continue;

          more_rect (self, day, &rect);
          if (self->more_texts[day] == NULL)
            {
              /* Translators: shown in a day of the month view that has more meetings
               * than fit; clicking it shows them all */
              g_autofree char *text = g_strdup_printf (ngettext ("+%u more", "+%u more", more), more);
              g_autofree char *key = g_strdup_printf ("more\x1f%d\x1f%s", (int) rect.size.width - 6, text);
              PangoLayout *layout = cached_text (self, key);

              if (layout == NULL)
                {
                  layout = small_layout (self, text, (int) rect.size.width - 6);
                  pango_attr_list_insert (pango_layout_get_attributes (layout),
                                          pango_attr_weight_new (PANGO_WEIGHT_BOLD));
                  cache_text (self, g_steal_pointer (&key), layout);
                }
              self->more_texts[day] = g_object_ref (layout);
            }
          dim.alpha = 0.7f;
          pango_layout_get_pixel_size (self->more_texts[day], NULL, &th);
          append_text (snapshot, self->more_texts[day], rect.origin.x + 4,
                       rect.origin.y + (rect.size.height - th) / 2, &dim);
        }
    }

  /* Where a meeting dragged would go */
  if (self->drop_day >= 0)
    {
      graphene_rect_t cell;
      GdkRGBA target = accent;

      target.alpha = 0.25f;
      cell_rect (self, self->drop_day, &cell);
      gtk_snapshot_append_color (snapshot, &target, &cell);
    }

  /* The keyboard focus */
  if (gtk_widget_has_focus (widget) && gtk_window_get_focus_visible (GTK_WINDOW (gtk_widget_get_root (widget))) && selected_day < N_DAYS)
    {
      graphene_rect_t cell;
      GskRoundedRect outline;
      GdkRGBA colors[4] = { accent, accent, accent, accent };
      float widths[4] = { 2, 2, 2, 2 };

      cell_rect (self, selected_day, &cell);
      graphene_rect_inset (&cell, 1, 1);
      gsk_rounded_rect_init_from_rect (&outline, &cell, 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
tsu_month_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  TsuMonthView *self = TSU_MONTH_VIEW (widget);
  guint lanes = lanes_for_height (self);

  if (lanes != self->max_lanes || self->layout == NULL)
    {
      self->max_lanes = lanes;
      relayout (self);
    }
}

static void
tsu_month_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 7 * 40;
      *natural = 7 * 80;
    }
  else
    {
      *minimum = HEADER + 6 * (LANE_TOP + LANE_HEIGHT);
      *natural = HEADER + 6 * (LANE_TOP + 4 * LANE_HEIGHT);
    }
}

static void
tsu_month_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  TsuMonthView *self = TSU_MONTH_VIEW (widget);

  GTK_WIDGET_CLASS (tsu_month_view_parent_class)->css_changed (widget, change);

  /* Fonts may have changed: lay out the texts again. */
  g_hash_table_remove_all (self->text_cache);
  update_weekday_texts (self);
  update_day_texts (self);
  clear_texts (self);
  gtk_widget_queue_draw (widget);
}

static void
tsu_month_view_dispose (GObject *object)
{
  TsuMonthView *self = TSU_MONTH_VIEW (object);

  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  for (guint i = 0; i < 7; i++)
    g_clear_object (&self->weekdays[i]);
  for (guint i = 0; i < N_DAYS; i++)
    {
      g_clear_object (&self->numbers[i]);
      g_clear_object (&self->holidays[i]);
    }
  if (self->bar_texts != NULL)
    clear_texts (self);
  if (self->text_cache != NULL)
    g_hash_table_remove_all (self->text_cache);

  G_OBJECT_CLASS (tsu_month_view_parent_class)->dispose (object);
}

static void
tsu_month_view_finalize (GObject *object)
{
  TsuMonthView *self = TSU_MONTH_VIEW (object);

  g_clear_pointer (&self->layout, tsu_calendar_layout_free);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->bar_texts, g_ptr_array_unref);
  g_clear_pointer (&self->text_cache, g_hash_table_unref);

  G_OBJECT_CLASS (tsu_month_view_parent_class)->finalize (object);
}

static void
tsu_month_view_class_init (TsuMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct {
    guint key;
    int   days;
  } moves[] = {
    { GDK_KEY_Left, -1 }, { GDK_KEY_KP_Left, -1 },
    { GDK_KEY_Right, 1 }, { GDK_KEY_KP_Right, 1 },
    { GDK_KEY_Up, -7 },   { GDK_KEY_KP_Up, -7 },
    { GDK_KEY_Down, 7 },  { GDK_KEY_KP_Down, 7 },
  };

  object_class->dispose = tsu_month_view_dispose;
  object_class->finalize = tsu_month_view_finalize;

  widget_class->snapshot = tsu_month_view_snapshot;
  widget_class->size_allocate = tsu_month_view_size_allocate;
  widget_class->measure = tsu_month_view_measure;
  widget_class->css_changed = tsu_month_view_css_changed;

  /**
   * TsuMonthView::day-selected:
   * @julian: the day, as a Julian day number (g_date_get_julian())
   *
   * A day was clicked or reached with the arrow keys.
   */
  signals[DAY_SELECTED] =
    g_signal_new ("day-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * TsuMonthView::show-day:
   * @julian: the day
   *
   * All meetings of a day should be shown ("+N more" was clicked).
   */
  signals[SHOW_DAY] =
    g_signal_new ("show-day", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * TsuMonthView::move-occurrence:
   * @occurrence: the meeting dragged
   * @starts_at: its new start, Unix seconds (the same time on another day)
   *
   * A meeting was dragged to another day.
   */
  signals[MOVE_OCCURRENCE] =
    g_signal_new ("move-occurrence", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, TSU_TYPE_OCCURRENCE, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "month.move", "i", move_selection);
  gtk_widget_class_install_action (widget_class, "month.activate-day", NULL, activate_day);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0, "month.move", "i", moves[i].days);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "month.activate-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "month.activate-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "month.activate-day", NULL);

  gtk_widget_class_set_css_name (widget_class, "month-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
tsu_month_view_init (TsuMonthView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->drag_item = -1;
  self->drop_day = -1;
  self->spans = g_array_new (FALSE, FALSE, sizeof (TsuCalendarSpan));
  /* g_ptr_array_set_size() fills with NULL, which the free function must skip. */
  self->bar_texts = g_ptr_array_new_with_free_func (unref_if_set);
  self->text_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->max_lanes = 3;

  tsu_calendar_get_today (&self->today);
  g_date_clear (&self->month, 1);
  g_date_set_dmy (&self->month, 1, g_date_get_month (&self->today), g_date_get_year (&self->today));
  self->selected = self->today;
  tsu_calendar_month_grid (g_date_get_year (&self->month), g_date_get_month (&self->month), &self->first_day);
  self->first_unix = tsu_calendar_date_to_unix (&self->first_day);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Month"),
                                  -1);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  update_weekday_texts (self);
  update_day_texts (self);
}

GtkWidget *
tsu_month_view_new (void)
{
  return g_object_new (TSU_TYPE_MONTH_VIEW, NULL);
}

/**
 * tsu_month_view_get_grid_range:
 * @month: a day of the month
 * @from: (out): Unix seconds of the start of the grid
 * @to: (out): Unix seconds of its end (exclusive)
 *
 * The six weeks the view shows for @month: the occurrences to give it.
 */
void
tsu_month_view_get_grid_range (const GDate *month,
                               gint64      *from,
                               gint64      *to)
{
  GDate first;

  tsu_calendar_month_grid (g_date_get_year (month), g_date_get_month (month), &first);
  *from = tsu_calendar_date_to_unix (&first);
  *to = *from + N_DAYS * TSU_CALENDAR_DAY;
}

/**
 * tsu_month_view_set_range:
 * @month: a day of the month to show
 * @selected: the selected day
 */
void
tsu_month_view_set_range (TsuMonthView *self,
                          const GDate  *month,
                          const GDate  *selected)
{
  GDate first;

  g_return_if_fail (TSU_IS_MONTH_VIEW (self));
  g_return_if_fail (month != NULL && selected != NULL);

  self->selected = *selected;
  tsu_calendar_get_today (&self->today);
  g_date_set_dmy (&first, 1, g_date_get_month (month), g_date_get_year (month));
  if (g_date_compare (&first, &self->month) != 0)
    {
      self->month = first;
      tsu_calendar_month_grid (g_date_get_year (month), g_date_get_month (month), &self->first_day);
      self->first_unix = tsu_calendar_date_to_unix (&self->first_day);
      update_day_texts (self);
      g_clear_pointer (&self->layout, tsu_calendar_layout_free);
      clear_texts (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * tsu_month_view_set_occurrences:
 * @occurrences: (element-type TsuOccurrence): the meetings of the grid's range, by start
 */
void
tsu_month_view_set_occurrences (TsuMonthView *self,
                                GPtrArray    *occurrences)
{
  g_return_if_fail (TSU_IS_MONTH_VIEW (self));

  if (occurrences != NULL)
    g_ptr_array_ref (occurrences);
  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  self->occurrences = occurrences;
  relayout (self);
}

/**
 * tsu_month_view_get_layout:
 *
 * Returns: (transfer none) (nullable): where the meetings are drawn
 */
const TsuCalendarLayout *
tsu_month_view_get_layout (TsuMonthView *self)
{
  g_return_val_if_fail (TSU_IS_MONTH_VIEW (self), NULL);

  return self->layout;
}

/**
 * tsu_month_view_get_occurrences:
 *
 * Returns: (transfer none) (nullable) (element-type TsuOccurrence): what the view shows
 */
GPtrArray *
tsu_month_view_get_occurrences (TsuMonthView *self)
{
  g_return_val_if_fail (TSU_IS_MONTH_VIEW (self), NULL);

  return self->occurrences;
}

/**
 * tsu_month_view_drop:
 * @self: the view
 * @from_x: where the drag started, on a meeting
 * @from_y:
 * @to_x: where it ended
 * @to_y:
 *
 * What the end of a drag does: the meeting under the start point moves by as many
 * days as lie between the two points, at the same time of day (::move-occurrence).
 *
 * Returns: whether a move was asked for
 */
gboolean
tsu_month_view_drop (TsuMonthView *self,
                     double        from_x,
                     double        from_y,
                     double        to_x,
                     double        to_y)
{
  graphene_rect_t area;
  guint index;
  int from_day, to_day;
  TsuOccurrence *o;

  g_return_val_if_fail (TSU_IS_MONTH_VIEW (self), FALSE);

  if (hit_test (self, from_x, from_y, &index, &area) != HIT_BAR)
    return FALSE;
  from_day = day_at (self, from_x, from_y);
  to_day = day_at (self, to_x, to_y);
  if (from_day < 0 || to_day < 0 || from_day == to_day)
    return FALSE;

  o = g_ptr_array_index (self->occurrences, index);
  g_signal_emit (self, signals[MOVE_OCCURRENCE], 0, o,
                 tsu_occurrence_get_starts_at (o) + (gint64) (to_day - from_day) * 24 * 3600);
  return TRUE;
}

/**
 * tsu_month_view_get_point:
 * @self: the view
 * @occurrence: (nullable): a meeting shown, or %NULL for the day itself
 * @day: the day
 * @x: (out): a point on the meeting's bar in that day, or in the day's cell
 * @y: (out):
 *
 * Returns: whether the meeting or the day is shown
 */
gboolean
tsu_month_view_get_point (TsuMonthView  *self,
                          TsuOccurrence *occurrence,
                          const GDate   *day,
                          double        *x,
                          double        *y)
{
  int index;
  graphene_rect_t rect;

  g_return_val_if_fail (TSU_IS_MONTH_VIEW (self), FALSE);

  index = (int) g_date_get_julian (day) - (int) g_date_get_julian (&self->first_day);
  if (index < 0 || index >= N_DAYS)
    return FALSE;
  cell_rect (self, index, &rect);

  if (occurrence != NULL && self->layout != NULL)
    {
      for (guint i = 0; i < self->layout->bars->len; i++)
        {
          const TsuCalendarBar *bar = &g_array_index (self->layout->bars, TsuCalendarBar, i);
          graphene_rect_t bar_area, inside;

          if (g_ptr_array_index (self->occurrences, bar->item) != occurrence)
            continue;
          bar_rect (self, bar, &bar_area);
          if (graphene_rect_intersection (&bar_area, &rect, &inside))
            {
              *x = inside.origin.x + inside.size.width / 2;
              *y = inside.origin.y + inside.size.height / 2;
              return TRUE;
            }
        }
      return FALSE;
    }

  *x = rect.origin.x + rect.size.width / 2;
  *y = rect.origin.y + rect.size.height / 2;
  return TRUE;
}
