/* tsu-week-view.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-week-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tsunagu-core.h"
#include "tsu-calendar-draw.h"
#include "tsu-format.h"
#include "tsu-week-view.h"

/* Seven days with an hour grid, drawn in snapshot like the month view. The days and the
 * all-day band stay at the top while the hours scroll under them: the view is
 * GtkScrollable and draws the grid shifted by its vertical adjustment. A red line marks
 * the current time in today's column. */

#define GUTTER      56   /* hour labels */
#define DAY_HEADER  46
#define LANE_HEIGHT 20
#define BAND_LANES  3
#define HOUR        48
#define PADDING     2

struct _TsuWeekView
{
  GtkWidget          parent_instance;

  GDate              first_day;   /* Sunday */
  GDate              selected;
  GDate              today;
  gint64             first_unix;

  GPtrArray         *occurrences;
  TsuCalendarLayout *layout;
  GArray            *spans;

  GtkAdjustment     *hadjustment;
  GtkAdjustment     *vadjustment;
  guint              hscroll_policy : 1;
  guint              vscroll_policy : 1;
  guint              scrolled_to_morning : 1;

  PangoLayout       *headers[7];
  PangoLayout       *holidays[7];
  TsuDayKind         day_kinds[7];
  PangoLayout       *hours[24];
  GHashTable        *texts;        /* "b<i>" or "k<i>" → PangoLayout of a bar or block */
  int                text_width;
  guint              clock;        /* redraws the current-time line */

  double             drag_x;       /* where a drag started */
  double             drag_y;
  int                drag_item;    /* the occurrence dragged, or -1 */
  gboolean           drag_moved;   /* the press became a drag: no click */
  gint64             drop_start;   /* where it would go while dragging, or 0 */
};

static void scrollable_iface_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TsuWeekView, tsu_week_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, scrollable_iface_init))

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  N_PROPS
};

enum {
  DAY_SELECTED,
  SHOW_DAY,
  MOVE_OCCURRENCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
scrollable_iface_init (GtkScrollableInterface *iface)
{
}

/* Geometry */

static guint
band_lanes (TsuWeekView *self)
{
  guint n = self->layout != NULL ? tsu_calendar_layout_n_lanes (self->layout, 0) : 0;

  return CLAMP (n, 1, BAND_LANES);
}

static double
header_height (TsuWeekView *self)
{
  return DAY_HEADER + band_lanes (self) * LANE_HEIGHT + 6;
}

static double
column_width (TsuWeekView *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - GUTTER, 7) / 7.0;
}

static double
scroll_offset (TsuWeekView *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static double
minute_y (TsuWeekView *self,
          int          minute)
{
  return header_height (self) + minute * (HOUR / 60.0) - scroll_offset (self);
}

static void
bar_rect (TsuWeekView          *self,
          const TsuCalendarBar *bar,
          graphene_rect_t      *rect)
{
  double w = column_width (self);
  double x0 = GUTTER + bar->first_column * w + (bar->continues_before ? 0 : PADDING);
  double x1 = GUTTER + (bar->last_column + 1) * w - (bar->continues_after ? 0 : PADDING);

  graphene_rect_init (rect, x0, DAY_HEADER + bar->lane * LANE_HEIGHT, MAX (x1 - x0, 1), LANE_HEIGHT - 2);
}

static void
more_rect (TsuWeekView     *self,
           guint            day,
           graphene_rect_t *rect)
{
  double w = column_width (self);

  graphene_rect_init (rect, GUTTER + day * w + PADDING, DAY_HEADER + (BAND_LANES - 1) * LANE_HEIGHT,
                      w - 2 * PADDING, LANE_HEIGHT - 2);
}

static void
block_rect (TsuWeekView            *self,
            const TsuCalendarBlock *block,
            graphene_rect_t        *rect)
{
  double w = column_width (self);
  double part = w / MAX (block->n_columns, 1);
  double y0 = minute_y (self, block->start_minute);
  double y1 = minute_y (self, block->end_minute);

  graphene_rect_init (rect, GUTTER + block->day * w + block->column * part + 1, y0 + 1,
                      MAX (part - 3, 1), MAX (y1 - y0 - 2, LANE_HEIGHT - 2));
}

/* Texts */

static PangoLayout *
small_layout (TsuWeekView *self,
              const char  *text,
              int          width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  return layout;
}

static void
update_day_texts (TsuWeekView *self)
{
  for (guint i = 0; i < 7; i++)
    {
      GDate date = self->first_day;
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *text = NULL;
      const char *holiday = NULL;

      g_date_add_days (&date, i);
      self->day_kinds[i] = tsu_calendar_day_kind (&date, &holiday);
      dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
      /* Translators: a day above a column of the week view, in the format of
       * g_date_time_format(); e.g. "%-d日(%a)" for Japanese */
      /* xgettext:no-c-format */
      text = g_date_time_format (dt, _("%a %-d"));

      g_clear_object (&self->headers[i]);
      g_clear_object (&self->holidays[i]);
      self->headers[i] = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      if (holiday != NULL)
        self->holidays[i] = small_layout (self, holiday, 1);
    }
}

static void
update_hour_texts (TsuWeekView *self)
{
  for (guint h = 0; h < 24; h++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 1, 1, h, 0, 0);
      g_autofree char *text = g_date_time_format (dt, _("%H:%M"));

      g_clear_object (&self->hours[h]);
      self->hours[h] = small_layout (self, text, GUTTER - 8);
      pango_layout_set_alignment (self->hours[h], PANGO_ALIGN_RIGHT);
    }
}

static PangoLayout *
item_text (TsuWeekView *self,
           char         prefix,
           guint        index,
           guint        item,
           double       width,
           gboolean     with_time)
{
  g_autofree char *key = g_strdup_printf ("%c%u", prefix, index);
  PangoLayout *layout = g_hash_table_lookup (self->texts, key);
  TsuOccurrence *o;
  TsuMeeting *meeting;
  g_autofree char *text = NULL;

  if (layout != NULL)
    return layout;

  o = g_ptr_array_index (self->occurrences, item);
  meeting = tsu_occurrence_get_meeting (o);
  if (with_time)
    {
      g_autofree char *times = tsu_format_time_range (tsu_occurrence_get_starts_at (o),
                                                      tsu_occurrence_get_ends_at (o), FALSE);

      text = g_strdup_printf ("%s\n%s", tsu_occurrence_get_title (o), times);
    }
  else
    text = g_strdup (tsu_occurrence_get_title (o));

  layout = small_layout (self, text, (int) width - 10);
  if (with_time)
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  else
    pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (g_strcmp0 (tsu_meeting_get_status (meeting), "cancelled") == 0)
    pango_attr_list_insert (pango_layout_get_attributes (layout), pango_attr_strikethrough_new (TRUE));

  g_hash_table_insert (self->texts, g_steal_pointer (&key), layout);
  return layout;
}

static void
relayout (TsuWeekView *self)
{
  g_clear_pointer (&self->layout, tsu_calendar_layout_free);
  g_hash_table_remove_all (self->texts);

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

  self->layout = tsu_calendar_layout_new_week (self->first_unix, BAND_LANES,
                                               (const TsuCalendarSpan *) (gpointer) self->spans->data,
                                               self->spans->len);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Hit testing */

typedef enum {
  HIT_NONE,
  HIT_ITEM,
  HIT_MORE,
  HIT_DAY,
} HitKind;

static HitKind
hit_test (TsuWeekView     *self,
          double           x,
          double           y,
          guint           *index,
          graphene_rect_t *area)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);
  double w = column_width (self);
  int day;

  if (self->layout == NULL || x < GUTTER)
    return HIT_NONE;

  day = CLAMP ((int) ((x - GUTTER) / w), 0, 6);

  if (y < header_height (self))
    {
      for (guint i = 0; i < self->layout->bars->len; i++)
        {
          const TsuCalendarBar *bar = &g_array_index (self->layout->bars, TsuCalendarBar, i);

          bar_rect (self, bar, area);
          if (graphene_rect_contains_point (area, &point))
            {
              *index = bar->item;
              return HIT_ITEM;
            }
        }
      if (tsu_calendar_layout_get_more (self->layout, day) > 0)
        {
          more_rect (self, day, area);
          if (graphene_rect_contains_point (area, &point))
            {
              *index = day;
              return HIT_MORE;
            }
        }
    }
  else
    {
      for (guint i = 0; i < self->layout->blocks->len; i++)
        {
          const TsuCalendarBlock *block = &g_array_index (self->layout->blocks, TsuCalendarBlock, i);

          block_rect (self, block, area);
          if (graphene_rect_contains_point (area, &point))
            {
              *index = block->item;
              return HIT_ITEM;
            }
        }
    }

  *index = day;
  graphene_rect_init (area, GUTTER + day * w, 0, w, gtk_widget_get_height (GTK_WIDGET (self)));
  return HIT_DAY;
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
            TsuWeekView     *self)
{
  graphene_rect_t area;
  guint index;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  switch (hit_test (self, x, y, &index, &area))
    {
    case HIT_ITEM:
      /* Opened on release, unless the press turns into a drag. */
      break;

    case HIT_MORE:
      g_signal_emit (self, signals[SHOW_DAY], 0, g_date_get_julian (&self->first_day) + index);
      break;

    case HIT_DAY:
      g_signal_emit (self, signals[DAY_SELECTED], 0, g_date_get_julian (&self->first_day) + index);
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
             TsuWeekView     *self)
{
  graphene_rect_t area;
  guint index;

  if (n_press == 1 && !self->drag_moved && hit_test (self, x, y, &index, &area) == HIT_ITEM)
    open_occurrence (GTK_WIDGET (self), g_ptr_array_index (self->occurrences, index));
}

/* The new start of the meeting dragged from one point to another: whole days across
 * the columns, and in the hour grid the time moved too, on a 15-minute step. Returns
 * 0 when the start point is on no meeting. */
static gint64
drop_start (TsuWeekView *self,
            double       from_x,
            double       from_y,
            double       to_x,
            double       to_y,
            guint       *item)
{
  graphene_rect_t area;
  double w = column_width (self), top = header_height (self);
  int from_day, to_day;
  TsuOccurrence *o;
  gint64 start;

  if (hit_test (self, from_x, from_y, item, &area) != HIT_ITEM)
    return 0;
  o = g_ptr_array_index (self->occurrences, *item);
  from_day = CLAMP ((int) ((from_x - GUTTER) / w), 0, 6);
  to_day = CLAMP ((int) ((MAX (to_x, GUTTER) - GUTTER) / w), 0, 6);
  start = tsu_occurrence_get_starts_at (o) + (gint64) (to_day - from_day) * 24 * 3600;

  if (from_y >= top && to_y >= top && !tsu_meeting_get_all_day (tsu_occurrence_get_meeting (o)))
    {
      const gint64 step = 15 * 60;
      double minutes = (to_y - from_y) / (HOUR / 60.0);

      start += (gint64) (minutes * 60);
      start = (start + step / 2) / step * step;
    }
  return start;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TsuWeekView    *self)
{
  graphene_rect_t area;
  guint index;

  self->drag_moved = FALSE;
  self->drop_start = 0;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_item = hit_test (self, x, y, &index, &area) == HIT_ITEM ? (int) index : -1;
  if (self->drag_item < 0)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                TsuWeekView    *self)
{
  guint item;
  gint64 start;

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
  start = drop_start (self, self->drag_x, self->drag_y, self->drag_x + dx, self->drag_y + dy, &item);
  if (start != self->drop_start)
    {
      self->drop_start = start;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             TsuWeekView    *self)
{
  gboolean moved = self->drag_moved && self->drag_item >= 0;

  self->drag_item = -1;
  self->drop_start = 0;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (moved)
    tsu_week_view_drop (self, self->drag_x, self->drag_y, self->drag_x + dx, self->drag_y + dy);
}

static gboolean
query_tooltip_cb (TsuWeekView *self,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip)
{
  graphene_rect_t area;
  guint index;

  if (keyboard)
    return FALSE;

  switch (hit_test (self, x, y, &index, &area))
    {
    case HIT_ITEM:
      {
        g_autofree char *markup = tsu_calendar_describe (g_ptr_array_index (self->occurrences, index), TRUE);

        gtk_tooltip_set_markup (tooltip, markup);
      }
      break;

    case HIT_MORE:
      gtk_tooltip_set_text (tooltip, _("Show all meetings of this day"));
      break;

    case HIT_DAY:
      if (self->holidays[index] == NULL || y > DAY_HEADER)
        return FALSE;
      gtk_tooltip_set_text (tooltip, pango_layout_get_text (self->holidays[index]));
      break;

    case HIT_NONE:
    default:
      return FALSE;
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
  TsuWeekView *self = TSU_WEEK_VIEW (widget);
  int days = g_variant_get_int32 (parameter);
  guint julian = g_date_get_julian (&self->selected);

  if ((int) julian + days >= 1)
    g_signal_emit (self, signals[DAY_SELECTED], 0, (guint) ((int) julian + days));
}

static void
activate_day (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsuWeekView *self = TSU_WEEK_VIEW (widget);
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

/* Scrolling */

static void
configure_adjustment (TsuWeekView *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double upper = header_height (self) + 24 * HOUR;
  double value;

  if (self->vadjustment == NULL)
    return;

  value = gtk_adjustment_get_value (self->vadjustment);
  if (!self->scrolled_to_morning && height > 0)
    {
      /* Open on the working day, not at midnight. */
      value = 8 * HOUR;
      self->scrolled_to_morning = TRUE;
    }
  gtk_adjustment_configure (self->vadjustment,
                            CLAMP (value, 0, MAX (upper - height, 0)),
                            0, upper, HOUR / 2.0, height * 0.9, height);
}

static void
adjustment_changed_cb (TsuWeekView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (TsuWeekView    *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, adjustment_changed_cb, self);
  g_clear_object (slot);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_changed_cb), self);
  if (slot == &self->vadjustment)
    configure_adjustment (self);
}

static gboolean
clock_cb (gpointer data)
{
  TsuWeekView *self = data;
  GDate today;

  tsu_calendar_get_today (&today);
  if (g_date_compare (&today, &self->today) != 0)
    {
      self->today = today;
      update_day_texts (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_CONTINUE;
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
draw_item (TsuWeekView           *self,
           GtkSnapshot           *snapshot,
           const graphene_rect_t *rect,
           PangoLayout           *layout,
           TsuOccurrence         *o,
           gboolean               stripe,
           const GdkRGBA         *fg)
{
  GdkRGBA color, fill;

  tsu_calendar_kind_color (tsu_meeting_get_kind (tsu_occurrence_get_meeting (o)), &color);
  fill = color;
  fill.alpha = 0.28f;
  append_rounded (snapshot, rect, 4, &fill);
  if (stripe)
    append_rounded (snapshot, &GRAPHENE_RECT_INIT (rect->origin.x, rect->origin.y, 4, rect->size.height),
                    2, &color);
  gtk_snapshot_push_clip (snapshot, rect);
  append_text (snapshot, layout, rect->origin.x + 7, rect->origin.y + 2, fg);
  gtk_snapshot_pop (snapshot);
}

static void
tsu_week_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TsuWeekView *self = TSU_WEEK_VIEW (widget);
  double w = column_width (self);
  double top = header_height (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int selected = (int) g_date_get_julian (&self->selected) - (int) g_date_get_julian (&self->first_day);
  int today = (int) g_date_get_julian (&self->today) - (int) g_date_get_julian (&self->first_day);
  GdkRGBA fg, line, accent, tint, red;

  tsu_calendar_fg_color (widget, &fg);
  tsu_calendar_accent (widget, &accent);
  tsu_calendar_day_color (widget, TSU_DAY_SUNDAY, &red);
  line = fg;
  line.alpha = 0.12f;
  tint = accent;
  tint.alpha = 0.10f;

  if ((int) w != self->text_width)
    {
      self->text_width = (int) w;
      g_hash_table_remove_all (self->texts);
    }

  /* The hour grid, under the header */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, top, width, MAX (height - top, 0)));

  if (selected >= 0 && selected < 7)
    gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (GUTTER + selected * w, top, w, height));

  for (guint h = 0; h < 24; h++)
    {
      double y = minute_y (self, h * 60);
      GdkRGBA dim = fg;
      int th;

      dim.alpha = 0.6f;
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (GUTTER, (int) y, width - GUTTER, 1));
      pango_layout_get_pixel_size (self->hours[h], NULL, &th);
      if (h > 0)
        append_text (snapshot, self->hours[h], 0, y - th / 2.0, &dim);
    }
  for (guint c = 0; c < 7; c++)
    gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT ((int) (GUTTER + c * w), top, 1, height));

  if (self->layout != NULL)
    for (guint i = 0; i < self->layout->blocks->len; i++)
      {
        const TsuCalendarBlock *block = &g_array_index (self->layout->blocks, TsuCalendarBlock, i);
        graphene_rect_t rect;

        block_rect (self, block, &rect);
        if (rect.origin.y > height || rect.origin.y + rect.size.height < top)
          continue;
        draw_item (self, snapshot, &rect,
                   item_text (self, 'k', i, block->item, rect.size.width, TRUE),
                   g_ptr_array_index (self->occurrences, block->item), TRUE, &fg);
      }

  if (today >= 0 && today < 7)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (tsu_format_get_time_zone ());
      int minute = g_date_time_get_hour (now) * 60 + g_date_time_get_minute (now);
      double y = minute_y (self, minute);

      gtk_snapshot_append_color (snapshot, &red, &GRAPHENE_RECT_INIT (GUTTER + today * w, y - 1, w, 2));
      append_rounded (snapshot, &GRAPHENE_RECT_INIT (GUTTER + today * w - 4, y - 4, 8, 8), 4, &red);
    }

  gtk_snapshot_pop (snapshot);

  /* The header: days, holidays and the all-day band */
  if (selected >= 0 && selected < 7)
    gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (GUTTER + selected * w, 0, w, top));

  for (guint c = 0; c < 7; c++)
    {
      GdkRGBA color;
      int tw, th;

      tsu_calendar_day_color (widget, self->day_kinds[c], &color);
      pango_layout_get_pixel_size (self->headers[c], &tw, &th);
      if ((int) c == today)
        {
          GdkRGBA white = { 1, 1, 1, 1 };
          graphene_rect_t pill = GRAPHENE_RECT_INIT (GUTTER + c * w + 4, 4, tw + 12, th + 2);

          append_rounded (snapshot, &pill, (th + 2) / 2.0f, &accent);
          append_text (snapshot, self->headers[c], pill.origin.x + 6, 5, &white);
        }
      else
        append_text (snapshot, self->headers[c], GUTTER + c * w + 10, 5, &color);

      if (self->holidays[c] != NULL)
        {
          pango_layout_set_width (self->holidays[c], MAX ((int) w - 14, 1) * PANGO_SCALE);
          append_text (snapshot, self->holidays[c], GUTTER + c * w + 10, 7 + th, &color);
        }
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT ((int) (GUTTER + c * w), 0, 1, top));
    }

  if (self->layout != NULL)
    {
      for (guint i = 0; i < self->layout->bars->len; i++)
        {
          const TsuCalendarBar *bar = &g_array_index (self->layout->bars, TsuCalendarBar, i);
          graphene_rect_t rect;

          bar_rect (self, bar, &rect);
          draw_item (self, snapshot, &rect, item_text (self, 'b', i, bar->item, rect.size.width, FALSE),
                     g_ptr_array_index (self->occurrences, bar->item), !bar->continues_before, &fg);
        }

      for (guint day = 0; day < 7; day++)
        {
          guint more = tsu_calendar_layout_get_more (self->layout, day);
          g_autofree char *text = NULL;
          g_autoptr(PangoLayout) layout = NULL;
          graphene_rect_t rect;

          if (more == 0)
            continue;
          more_rect (self, day, &rect);
          text = g_strdup_printf (ngettext ("+%u more", "+%u more", more), more);
          layout = small_layout (self, text, (int) rect.size.width);
          append_text (snapshot, layout, rect.origin.x + 4, rect.origin.y + 2, &fg);
        }
    }

  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, top - 1, width, 1));

  if (gtk_widget_has_focus (widget) && gtk_window_get_focus_visible (GTK_WINDOW (gtk_widget_get_root (widget))) && selected >= 0 && selected < 7)
    {
      GskRoundedRect outline;
      GdkRGBA colors[4] = { accent, accent, accent, accent };
      float widths[4] = { 2, 2, 2, 2 };

      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (GUTTER + selected * w + 1, 1, w - 2, height - 2), 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }

  /* Where a meeting dragged would go */
  if (self->drop_start != 0 && self->drag_item >= 0)
    {
      TsuOccurrence *o = g_ptr_array_index (self->occurrences, self->drag_item);
      gint64 offset = self->drop_start - self->first_unix;
      gint64 length = tsu_occurrence_get_ends_at (o) - tsu_occurrence_get_starts_at (o);
      int day = (int) (offset / (24 * 3600));
      GdkRGBA target = accent;

      target.alpha = 0.3f;
      if (day >= 0 && day < 7 && !tsu_meeting_get_all_day (tsu_occurrence_get_meeting (o)) && self->drag_y >= top)
        {
          int minute = (int) ((offset % (24 * 3600)) / 60);
          double y0 = minute_y (self, minute);
          double y1 = minute_y (self, minute + (int) MIN (length / 60, 24 * 60 - minute));

          gtk_snapshot_append_color (snapshot, &target,
                                     &GRAPHENE_RECT_INIT (GUTTER + day * w + 1, MAX (y0, top), w - 3,
                                                          MAX (y1 - MAX (y0, top), 4)));
        }
      else if (day >= 0 && day < 7)
        gtk_snapshot_append_color (snapshot, &target, &GRAPHENE_RECT_INIT (GUTTER + day * w, 0, w, top));
    }
}

static void
tsu_week_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  configure_adjustment (TSU_WEEK_VIEW (widget));
}

static void
tsu_week_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = GUTTER + 7 * 40;
      *natural = GUTTER + 7 * 80;
    }
  else
    {
      *minimum = DAY_HEADER + BAND_LANES * LANE_HEIGHT + 4 * HOUR;
      *natural = *minimum;
    }
}

static void
tsu_week_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  TsuWeekView *self = TSU_WEEK_VIEW (widget);

  GTK_WIDGET_CLASS (tsu_week_view_parent_class)->css_changed (widget, change);

  update_day_texts (self);
  update_hour_texts (self);
  g_hash_table_remove_all (self->texts);
  gtk_widget_queue_draw (widget);
}

static void
tsu_week_view_map (GtkWidget *widget)
{
  TsuWeekView *self = TSU_WEEK_VIEW (widget);

  GTK_WIDGET_CLASS (tsu_week_view_parent_class)->map (widget);

  if (self->clock == 0)
    self->clock = g_timeout_add_seconds (30, clock_cb, self);
}

static void
tsu_week_view_unmap (GtkWidget *widget)
{
  TsuWeekView *self = TSU_WEEK_VIEW (widget);

  g_clear_handle_id (&self->clock, g_source_remove);

  GTK_WIDGET_CLASS (tsu_week_view_parent_class)->unmap (widget);
}

static void
tsu_week_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TsuWeekView *self = TSU_WEEK_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_week_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TsuWeekView *self = TSU_WEEK_VIEW (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;

    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;

    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_week_view_dispose (GObject *object)
{
  TsuWeekView *self = TSU_WEEK_VIEW (object);

  g_clear_handle_id (&self->clock, g_source_remove);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  for (guint i = 0; i < 7; i++)
    {
      g_clear_object (&self->headers[i]);
      g_clear_object (&self->holidays[i]);
    }
  for (guint i = 0; i < 24; i++)
    g_clear_object (&self->hours[i]);
  if (self->texts != NULL)
    g_hash_table_remove_all (self->texts);

  G_OBJECT_CLASS (tsu_week_view_parent_class)->dispose (object);
}

static void
tsu_week_view_finalize (GObject *object)
{
  TsuWeekView *self = TSU_WEEK_VIEW (object);

  g_clear_pointer (&self->layout, tsu_calendar_layout_free);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);

  G_OBJECT_CLASS (tsu_week_view_parent_class)->finalize (object);
}

static void
tsu_week_view_class_init (TsuWeekViewClass *klass)
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

  object_class->dispose = tsu_week_view_dispose;
  object_class->finalize = tsu_week_view_finalize;
  object_class->get_property = tsu_week_view_get_property;
  object_class->set_property = tsu_week_view_set_property;

  widget_class->snapshot = tsu_week_view_snapshot;
  widget_class->size_allocate = tsu_week_view_size_allocate;
  widget_class->measure = tsu_week_view_measure;
  widget_class->css_changed = tsu_week_view_css_changed;
  widget_class->map = tsu_week_view_map;
  widget_class->unmap = tsu_week_view_unmap;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * TsuWeekView::day-selected:
   * @julian: the day, as a Julian day number
   */
  signals[DAY_SELECTED] =
    g_signal_new ("day-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * TsuWeekView::show-day:
   * @julian: the day whose meetings should all be shown
   */
  signals[SHOW_DAY] =
    g_signal_new ("show-day", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * TsuWeekView::move-occurrence:
   * @occurrence: the meeting dragged
   * @starts_at: its new start, Unix seconds
   *
   * A meeting was dragged to another day or time.
   */
  signals[MOVE_OCCURRENCE] =
    g_signal_new ("move-occurrence", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, TSU_TYPE_OCCURRENCE, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "week.move", "i", move_selection);
  gtk_widget_class_install_action (widget_class, "week.activate-day", NULL, activate_day);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0, "week.move", "i", moves[i].days);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "week.activate-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "week.activate-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "week.activate-day", NULL);

  gtk_widget_class_set_css_name (widget_class, "week-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
tsu_week_view_init (TsuWeekView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->drag_item = -1;
  self->spans = g_array_new (FALSE, FALSE, sizeof (TsuCalendarSpan));
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  tsu_calendar_get_today (&self->today);
  self->selected = self->today;
  tsu_calendar_week_start (&self->today, &self->first_day);
  self->first_unix = tsu_calendar_date_to_unix (&self->first_day);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Week"),
                                  -1);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  update_day_texts (self);
  update_hour_texts (self);
}

GtkWidget *
tsu_week_view_new (void)
{
  return g_object_new (TSU_TYPE_WEEK_VIEW, NULL);
}

/**
 * tsu_week_view_get_range:
 * @day: a day
 * @from: (out): Unix seconds of the start of its week (Sunday)
 * @to: (out): the end of the week (exclusive)
 */
void
tsu_week_view_get_range (const GDate *day,
                         gint64      *from,
                         gint64      *to)
{
  GDate first;

  tsu_calendar_week_start (day, &first);
  *from = tsu_calendar_date_to_unix (&first);
  *to = *from + 7 * TSU_CALENDAR_DAY;
}

/**
 * tsu_week_view_set_range:
 * @selected: the selected day; the view shows its week
 */
void
tsu_week_view_set_range (TsuWeekView *self,
                         const GDate *selected)
{
  GDate first;

  g_return_if_fail (TSU_IS_WEEK_VIEW (self));
  g_return_if_fail (selected != NULL);

  self->selected = *selected;
  tsu_calendar_get_today (&self->today);
  tsu_calendar_week_start (selected, &first);
  if (g_date_compare (&first, &self->first_day) != 0)
    {
      self->first_day = first;
      self->first_unix = tsu_calendar_date_to_unix (&first);
      update_day_texts (self);
      g_clear_pointer (&self->layout, tsu_calendar_layout_free);
      g_hash_table_remove_all (self->texts);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * tsu_week_view_set_occurrences:
 * @occurrences: (element-type TsuOccurrence): the meetings of the week, by start
 */
void
tsu_week_view_set_occurrences (TsuWeekView *self,
                               GPtrArray   *occurrences)
{
  g_return_if_fail (TSU_IS_WEEK_VIEW (self));

  if (occurrences != NULL)
    g_ptr_array_ref (occurrences);
  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  self->occurrences = occurrences;
  relayout (self);
}

/**
 * tsu_week_view_get_layout:
 *
 * Returns: (transfer none) (nullable): where the meetings are drawn
 */
const TsuCalendarLayout *
tsu_week_view_get_layout (TsuWeekView *self)
{
  g_return_val_if_fail (TSU_IS_WEEK_VIEW (self), NULL);

  return self->layout;
}

/**
 * tsu_week_view_drop:
 * @self: the view
 * @from_x: where the drag started, on a meeting
 * @from_y:
 * @to_x: where it ended
 * @to_y:
 *
 * What the end of a drag does: the meeting under the start point moves to another
 * day, and in the hour grid to another time on a 15-minute step (::move-occurrence).
 *
 * Returns: whether a move was asked for
 */
gboolean
tsu_week_view_drop (TsuWeekView *self,
                    double       from_x,
                    double       from_y,
                    double       to_x,
                    double       to_y)
{
  guint item;
  gint64 start;
  TsuOccurrence *o;

  g_return_val_if_fail (TSU_IS_WEEK_VIEW (self), FALSE);

  start = drop_start (self, from_x, from_y, to_x, to_y, &item);
  if (start == 0)
    return FALSE;
  o = g_ptr_array_index (self->occurrences, item);
  if (start == tsu_occurrence_get_starts_at (o))
    return FALSE;
  g_signal_emit (self, signals[MOVE_OCCURRENCE], 0, o, start);
  return TRUE;
}

/**
 * tsu_week_view_get_point:
 * @self: the view
 * @occurrence: a meeting shown
 * @x: (out): a point near the top of its block (or on its bar)
 * @y: (out):
 *
 * Returns: whether the meeting is shown
 */
gboolean
tsu_week_view_get_point (TsuWeekView   *self,
                         TsuOccurrence *occurrence,
                         double        *x,
                         double        *y)
{
  graphene_rect_t rect;

  g_return_val_if_fail (TSU_IS_WEEK_VIEW (self), FALSE);

  for (guint i = 0; self->layout != NULL && i < self->layout->blocks->len; i++)
    {
      const TsuCalendarBlock *block = &g_array_index (self->layout->blocks, TsuCalendarBlock, i);

      if (g_ptr_array_index (self->occurrences, block->item) != occurrence)
        continue;
      block_rect (self, block, &rect);
      *x = rect.origin.x + rect.size.width / 2;
      *y = rect.origin.y + 4;
      return TRUE;
    }
  for (guint i = 0; self->layout != NULL && i < self->layout->bars->len; i++)
    {
      const TsuCalendarBar *bar = &g_array_index (self->layout->bars, TsuCalendarBar, i);

      if (g_ptr_array_index (self->occurrences, bar->item) != occurrence)
        continue;
      bar_rect (self, bar, &rect);
      *x = rect.origin.x + rect.size.width / 2;
      *y = rect.origin.y + rect.size.height / 2;
      return TRUE;
    }
  return FALSE;
}

/**
 * tsu_week_view_get_position:
 *
 * Returns: the middle of the column of @day (0 = Sunday) and the y of @minute of the
 *   day in the hour grid, as now scrolled
 */
void
tsu_week_view_get_position (TsuWeekView *self,
                            guint        day,
                            int          minute,
                            double      *x,
                            double      *y)
{
  g_return_if_fail (TSU_IS_WEEK_VIEW (self));

  *x = GUTTER + (day + 0.5) * column_width (self);
  *y = minute_y (self, minute);
}

/**
 * tsu_week_view_get_occurrences:
 *
 * Returns: (transfer none) (nullable) (element-type TsuOccurrence): the meetings shown
 */
GPtrArray *
tsu_week_view_get_occurrences (TsuWeekView *self)
{
  g_return_val_if_fail (TSU_IS_WEEK_VIEW (self), NULL);

  return self->occurrences;
}
