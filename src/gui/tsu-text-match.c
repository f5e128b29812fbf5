/* tsu-text-match.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-text-match"

#include "config.h"

#include <string.h>

#include "tsu-text-match.h"

/* Matching what is typed into a search entry against the text of a row. Japanese text
 * is typed in full-width or half-width forms (０３ or 03, ｶﾅ or カナ) and Latin text in
 * either case; NFKC and case folding make these the same. */

/**
 * tsu_text_match_key:
 * @text: (nullable): what the person typed
 *
 * Returns: (transfer full) (nullable): the text to match with, or %NULL when @text
 *   is empty and everything matches
 */
char *
tsu_text_match_key (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *normal = NULL;

  if (text == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;

  normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normal == NULL)
    return NULL;

  return g_utf8_casefold (normal, -1);
}

/**
 * tsu_text_match:
 * @key: (nullable): a key made by tsu_text_match_key()
 * @text: (nullable): the text of a row
 *
 * Returns: whether @text contains @key; everything contains a %NULL key
 */
gboolean
tsu_text_match (const char *key,
                const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;

  if (key == NULL)
    return TRUE;
  if (text == NULL || *text == '\0')
    return FALSE;

  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normal == NULL)
    return FALSE;
  folded = g_utf8_casefold (normal, -1);

  return strstr (folded, key) != NULL;
}

/**
 * tsu_text_match_change:
 * @old_key: (nullable): the key before
 * @new_key: (nullable): the key now
 *
 * Tells a filter whether the new key can only remove rows (typing on) or only add
 * them (deleting), so that it need not look at every row again.
 *
 * Returns: how the filter changed
 */
GtkFilterChange
tsu_text_match_change (const char *old_key,
                       const char *new_key)
{
  if (old_key == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_key == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  if (strstr (new_key, old_key) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (old_key, new_key) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}
