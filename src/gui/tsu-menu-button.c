/* tsu-menu-button.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tsu-menu-button.h"

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       model)
{
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

/**
 * tsu_menu_button_set_menu_model_lazily:
 * @button: a menu button
 * @model: its menu
 *
 * Gives @button the menu @model, built into a popover the first time it opens (by a
 * click, F10 or its mnemonic) rather than now: a popover menu is a few dozen widgets
 * that each start of the window would otherwise build and style.
 */
void
tsu_menu_button_set_menu_model_lazily (GtkMenuButton *button,
                                       GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  gtk_menu_button_set_create_popup_func (button, create_popup_cb, g_object_ref (model), g_object_unref);
}
