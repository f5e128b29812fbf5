/* tsu-cell.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Returns the text of one cell for @item; the caller frees it. */
typedef char *(*TsuCellTextFunc) (gpointer item,
                                  gpointer user_data);

typedef enum {
  TSU_CELL_NONE    = 0,
  TSU_CELL_NUMERIC = 1 << 0,  /* tabular figures: codes, phone numbers */
  TSU_CELL_DIM     = 1 << 1,  /* secondary information */
} TsuCellFlags;

GtkListItemFactory *tsu_cell_factory_new (TsuCellTextFunc func,
                                          gpointer        user_data,
                                          TsuCellFlags    flags);

G_END_DECLS
