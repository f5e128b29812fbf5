/* tsu-bench-probe.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-bench-probe"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsu-bench-probe.h"

/* For build-aux/bench only: with TSUNAGU_BENCH_FIRST_FRAME set, the first frame
 * painted after @widget shows its content prints a line with the peak memory and
 * the application quits. Does nothing otherwise.
 *
 * With TSUNAGU_BENCH_SWITCH_MONTHS=N set too, the application does not quit at the
 * first frame: it then moves the calendar forward N times through "calendar.next",
 * the action Page Down triggers, activated from the focused widget as the key would
 * be, and prints for each move a line with
 *
 *   work-ms     the action itself plus the frame that paints its result, from the
 *               frame clock's "before-paint" to the end of its "after-paint";
 *   latency-ms  from the action to the end of that frame's "after-paint", waiting
 *               for the frame clock included;
 *   action-ms   and frame-ms, the two parts of work-ms.
 *
 * Moves are 100 ms apart, so that each starts on an idle frame clock. */

#define SWITCH_INTERVAL_MS 100

typedef struct {
  GtkWidget     *widget;
  GdkFrameClock *clock;
  int            remaining;
  gint64         action_start;
  gint64         action_end;
  gint64         frame_start;   /* 0 until the frame after the action starts */
} Switcher;

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static void
quit (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)) != NULL)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root))));
}

static void switcher_after_paint_cb (GdkFrameClock *clock, Switcher *switcher);
static void switcher_frame_start_cb (GdkFrameClock *clock, Switcher *switcher);

static void
switcher_finish (Switcher *switcher)
{
  g_signal_handlers_disconnect_by_data (switcher->clock, switcher);
  quit (switcher->widget);
  g_object_unref (switcher->widget);
  g_free (switcher);
}

static gboolean
switch_once_cb (gpointer data)
{
  Switcher *switcher = data;
  GtkRoot *root = gtk_widget_get_root (switcher->widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean done;

  switcher->frame_start = 0;
  switcher->action_start = g_get_monotonic_time ();
  done = gtk_widget_activate_action (focus != NULL ? focus : switcher->widget, "calendar.next", NULL);
  switcher->action_end = g_get_monotonic_time ();
  if (!done)
    {
      printf ("month-switch failed: no calendar.next action from the focused widget\n");
      fflush (stdout);
      switcher_finish (switcher);
      return G_SOURCE_REMOVE;
    }
  /* A move that changes nothing on screen still ends with a painted frame. */
  gtk_widget_queue_draw (switcher->widget);
  return G_SOURCE_REMOVE;
}

static void
switcher_frame_start_cb (GdkFrameClock *clock,
                         Switcher      *switcher)
{
  if (switcher->frame_start == 0 && switcher->action_end != 0)
    switcher->frame_start = g_get_monotonic_time ();
}

static void
switcher_after_paint_cb (GdkFrameClock *clock,
                         Switcher      *switcher)
{
  gint64 now = g_get_monotonic_time ();

  if (switcher->action_end == 0 || switcher->frame_start == 0)
    return;

  printf ("month-switch work-ms=%.3f latency-ms=%.3f action-ms=%.3f frame-ms=%.3f\n",
          ((switcher->action_end - switcher->action_start) + (now - switcher->frame_start)) / 1000.0,
          (now - switcher->action_start) / 1000.0,
          (switcher->action_end - switcher->action_start) / 1000.0,
          (now - switcher->frame_start) / 1000.0);
  fflush (stdout);
  switcher->action_end = 0;

  if (--switcher->remaining <= 0)
    {
      switcher_finish (switcher);
      return;
    }
  g_timeout_add (SWITCH_INTERVAL_MS, switch_once_cb, switcher);
}

static void
start_switching (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 int            count)
{
  Switcher *switcher = g_new0 (Switcher, 1);

  switcher->widget = g_object_ref (widget);
  switcher->clock = clock;
  switcher->remaining = count;
  /* Every frame starts with "before-paint", then the update, layout and paint. */
  g_signal_connect (clock, "before-paint", G_CALLBACK (switcher_frame_start_cb), switcher);
  g_signal_connect (clock, "after-paint", G_CALLBACK (switcher_after_paint_cb), switcher);
  g_timeout_add (SWITCH_INTERVAL_MS, switch_once_cb, switcher);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *widget)
{
  const char *switches = g_getenv ("TSUNAGU_BENCH_SWITCH_MONTHS");
  int count = switches != NULL ? atoi (switches) : 0;

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, widget);
  printf ("first-frame peak-rss-kb=%ld\n", peak_rss_kb ());
  fflush (stdout);
  if (count > 0)
    start_switching (widget, clock, count);
  else
    quit (widget);
}

static void
map_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, map_cb, NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), widget);
  gtk_widget_queue_draw (widget);
}

void
tsu_bench_probe_first_frame (GtkWidget *widget)
{
  static gboolean done;

  if (done || g_getenv ("TSUNAGU_BENCH_FIRST_FRAME") == NULL)
    return;
  done = TRUE;

  if (gtk_widget_get_mapped (widget))
    map_cb (widget);
  else
    g_signal_connect (widget, "map", G_CALLBACK (map_cb), NULL);
}
