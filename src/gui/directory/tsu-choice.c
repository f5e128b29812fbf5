/* tsu-choice.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-choice"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "tsu-choice.h"
#include "tsu-contact-check.h"

/* The labels go into a GtkStringList (the model of the widget) and the keys into an
 * array kept on the widget; the selected position maps one to the other. The label
 * expression lets a GtkDropDown search as the person types. */

struct _TsuChoiceItems
{
  GPtrArray *keys;    /* char*, NULL for "none" */
  GPtrArray *labels;  /* char* */
};

#define KEYS_DATA "tsu-choice-keys"

/**
 * tsu_choice_items_new:
 * @none_label: (nullable): the label of a first item that chooses nothing
 *
 * Returns: (transfer full): items to give to tsu_choice_set_items()
 */
TsuChoiceItems *
tsu_choice_items_new (const char *none_label)
{
  TsuChoiceItems *items = g_new0 (TsuChoiceItems, 1);

  items->keys = g_ptr_array_new_with_free_func (g_free);
  items->labels = g_ptr_array_new_with_free_func (g_free);
  if (none_label != NULL)
    tsu_choice_items_add (items, NULL, none_label);
  return items;
}

void
tsu_choice_items_add (TsuChoiceItems *items,
                      const char     *key,
                      const char     *label)
{
  g_return_if_fail (items != NULL);

  g_ptr_array_add (items->keys, g_strdup (key));
  g_ptr_array_add (items->labels, g_strdup (label != NULL ? label : ""));
}

void
tsu_choice_items_add_id (TsuChoiceItems *items,
                         gint64          id,
                         const char     *label)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  tsu_choice_items_add (items, key, label);
}

/**
 * tsu_choice_set_items:
 * @widget: a #GtkDropDown or an AdwComboRow
 * @items: (transfer full): the items
 *
 * Replaces the items of @widget; the first is selected.
 */
void
tsu_choice_set_items (gpointer        widget,
                      TsuChoiceItems *items)
{
  g_autoptr(GtkStringList) model = NULL;

  g_return_if_fail (G_IS_OBJECT (widget));
  g_return_if_fail (items != NULL);

  g_ptr_array_add (items->labels, NULL);
  model = gtk_string_list_new ((const char * const *) items->labels->pdata);
  g_object_set_data_full (G_OBJECT (widget), KEYS_DATA, items->keys,
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set (widget, "model", model, "selected", 0, NULL);

  g_ptr_array_unref (items->labels);
  g_free (items);
}

/**
 * tsu_choice_get_key:
 *
 * Returns: (nullable): the key of the selected item, %NULL for "none"
 */
const char *
tsu_choice_get_key (gpointer widget)
{
  GPtrArray *keys = g_object_get_data (G_OBJECT (widget), KEYS_DATA);
  guint selected = GTK_INVALID_LIST_POSITION;

  if (keys == NULL)
    return NULL;
  g_object_get (widget, "selected", &selected, NULL);
  if (selected >= keys->len)
    return NULL;
  return g_ptr_array_index (keys, selected);
}

/**
 * tsu_choice_get_id:
 *
 * Returns: the selected id, or 0 for "none"
 */
gint64
tsu_choice_get_id (gpointer widget)
{
  const char *key = tsu_choice_get_key (widget);

  return key != NULL ? g_ascii_strtoll (key, NULL, 10) : 0;
}

/**
 * tsu_choice_set_key:
 * @key: (nullable): a key, or %NULL for "none"
 *
 * Returns: whether an item has @key (when none has, the first is selected)
 */
gboolean
tsu_choice_set_key (gpointer    widget,
                    const char *key)
{
  GPtrArray *keys = g_object_get_data (G_OBJECT (widget), KEYS_DATA);

  if (keys == NULL)
    return FALSE;
  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (keys, i), key) == 0)
      {
        g_object_set (widget, "selected", i, NULL);
        return TRUE;
      }
  g_object_set (widget, "selected", 0, NULL);
  return FALSE;
}

gboolean
tsu_choice_set_id (gpointer widget,
                   gint64   id)
{
  g_autofree char *key = NULL;

  if (id != 0)
    key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  return tsu_choice_set_key (widget, key);
}

/**
 * tsu_choice_expression_new:
 *
 * Returns: (transfer full): the expression of an item's label, for searching
 */
GtkExpression *
tsu_choice_expression_new (void)
{
  return gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
}

/**
 * tsu_form_set_row_error:
 * @row: an #AdwPreferencesRow
 * @title: the row's title
 * @message: (nullable): what is wrong with the value, or %NULL when nothing is
 *
 * Shows @message in place of the title, where the person is looking, and marks the
 * row in the error colour.
 */
void
tsu_form_set_row_error (gpointer    row,
                        const char *title,
                        const char *message)
{
  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  if (message == NULL)
    {
      adw_preferences_row_set_title (row, title);
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
  else
    {
      /* Translators: a form field's name and what is wrong with it */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), title, message);

      adw_preferences_row_set_title (row, text);
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
}

/**
 * tsu_form_dup_text:
 *
 * Names and free text are kept as typed: NFKC would change the compatibility kanji
 * of some family names (﨑, 髙).
 *
 * Returns: (transfer full) (nullable): the text of @editable without surrounding
 *   blanks, or %NULL when it is blank
 */
char *
tsu_form_dup_text (gpointer editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/**
 * tsu_form_dup_code:
 *
 * Returns: (transfer full) (nullable): the text of @editable as a phone number, an
 *   address, a date or a code: full-width forms and dashes made ASCII, or %NULL
 */
char *
tsu_form_dup_code (gpointer editable)
{
  return tsu_contact_normalize (gtk_editable_get_text (GTK_EDITABLE (editable)));
}

char *
tsu_form_dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

void
tsu_form_set_text_view (GtkTextView *view,
                        const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}
