/* tsu-search-window.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_SEARCH_WINDOW (tsu_search_window_get_type ())
G_DECLARE_FINAL_TYPE (TsuSearchWindow, tsu_search_window, TSU, SEARCH_WINDOW, AdwWindow)

TsuSearchWindow *tsu_search_window_new         (GtkWindow       *parent,
                                                TsuStore        *store);
void             tsu_search_window_set_query   (TsuSearchWindow *self,
                                                const char      *query,
                                                gboolean         good_practice);
guint            tsu_search_window_get_n_results (TsuSearchWindow *self);
char            *tsu_search_markup             (const char      *text,
                                                const char      *query);

G_END_DECLS
