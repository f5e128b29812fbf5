/* tsu-export-actions.h: the window actions that preview and print documents
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void tsu_export_actions_install (GtkWidgetClass *window_class);

G_END_DECLS
