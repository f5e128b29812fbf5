/* tsu-choice.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A GtkDropDown or AdwComboRow whose items carry a key (a code or an id as text),
 * with labels people read. The first item may stand for "none" (key NULL). */

typedef struct _TsuChoiceItems TsuChoiceItems;

TsuChoiceItems *tsu_choice_items_new       (const char     *none_label);
void            tsu_choice_items_add       (TsuChoiceItems *items,
                                            const char     *key,
                                            const char     *label);
void            tsu_choice_items_add_id    (TsuChoiceItems *items,
                                            gint64          id,
                                            const char     *label);

void            tsu_choice_set_items       (gpointer        widget,
                                            TsuChoiceItems *items);
const char     *tsu_choice_get_key         (gpointer        widget);
gint64          tsu_choice_get_id          (gpointer        widget);
gboolean        tsu_choice_set_key         (gpointer        widget,
                                            const char     *key);
gboolean        tsu_choice_set_id          (gpointer        widget,
                                            gint64          id);
GtkExpression  *tsu_choice_expression_new  (void);

/* Form helpers shared by the editors of the directory and of cases. */
void            tsu_form_set_row_error     (gpointer        row,
                                            const char     *title,
                                            const char     *message);
char           *tsu_form_dup_text          (gpointer        editable);
char           *tsu_form_dup_code          (gpointer        editable);
char           *tsu_form_dup_text_view     (GtkTextView    *view);
void            tsu_form_set_text_view     (GtkTextView    *view,
                                            const char     *text);

G_END_DECLS
