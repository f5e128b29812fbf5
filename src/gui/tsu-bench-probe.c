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
 * the application quits. Does nothing otherwise. */

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
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, widget);
  printf ("first-frame peak-rss-kb=%ld\n", peak_rss_kb ());
  fflush (stdout);
  if (GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)) != NULL)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root))));
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
