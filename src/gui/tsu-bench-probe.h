/* tsu-bench-probe.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void tsu_bench_probe_first_frame (GtkWidget *widget);

G_END_DECLS
