/* tsu-text-match.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char            *tsu_text_match_key    (const char *text);
gboolean         tsu_text_match        (const char *key,
                                        const char *text);
GtkFilterChange  tsu_text_match_change (const char *old_key,
                                        const char *new_key);

G_END_DECLS
