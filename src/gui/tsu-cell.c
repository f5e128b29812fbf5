/* tsu-cell.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-cell"

#include "config.h"

#include "tsu-cell.h"

/* The cells of the column views are single labels. A factory made here creates one
 * label per visible cell and only sets its text when the cell is bound to another
 * row, so that scrolling through thousands of rows creates no widgets. */

typedef struct {
  TsuCellTextFunc func;
  gpointer        user_data;
  TsuCellFlags    flags;
} CellInfo;

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          CellInfo                 *info)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (info->flags & TSU_CELL_NUMERIC)
    gtk_widget_add_css_class (label, "numeric");
  if (info->flags & TSU_CELL_DIM)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         CellInfo                 *info)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  if (item != NULL)
    text = info->func (item, info->user_data);
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
}

/**
 * tsu_cell_factory_new:
 * @func: (scope notified): gives the text of a cell
 * @user_data: passed to @func; must outlive the factory
 * @flags: how the label looks
 *
 * Returns: (transfer full): a factory for a column of a #GtkColumnView
 */
GtkListItemFactory *
tsu_cell_factory_new (TsuCellTextFunc func,
                      gpointer        user_data,
                      TsuCellFlags    flags)
{
  GtkListItemFactory *factory;
  CellInfo *info;

  g_return_val_if_fail (func != NULL, NULL);

  info = g_new0 (CellInfo, 1);
  info->func = func;
  info->user_data = user_data;
  info->flags = flags;

  factory = gtk_signal_list_item_factory_new ();
  g_object_set_data_full (G_OBJECT (factory), "tsu-cell-info", info, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), info);

  return factory;
}
