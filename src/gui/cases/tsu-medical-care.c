/* tsu-medical-care.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-medical-care"

#include "config.h"

#include <glib/gi18n.h>

#include "tsu-medical-care.h"

/* The kinds of medical care (人工呼吸器, 気管切開, …) are reference data of the database
 * (data/medical-care-types.tsv), in Japanese with an English name. A case keeps the
 * codes, comma-separated. */

static gboolean
japanese_locale (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "ja");
}

/**
 * tsu_medical_care_list:
 *
 * Returns: (transfer full): code, label, code, label, … in the order of the table
 */
GPtrArray *
tsu_medical_care_list (TsuStore *store)
{
  GPtrArray *types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gboolean japanese = japanese_locale ();

  stmt = tsu_database_prepare (tsu_store_get_database (store),
                               "SELECT code, name, english FROM medical_care_type ORDER BY position",
                               &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot read the kinds of medical care: %s", error->message);
      return types;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (types, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (types, g_strdup ((const char *) sqlite3_column_text (stmt, japanese ? 1 : 2)));
    }
  sqlite3_reset (stmt);
  return types;
}

/**
 * tsu_medical_care_labels:
 * @types: from tsu_medical_care_list()
 * @codes: (nullable): comma-separated codes
 *
 * Returns: (transfer full) (nullable): the labels, comma-separated
 */
char *
tsu_medical_care_labels (GPtrArray  *types,
                         const char *codes)
{
  g_auto(GStrv) list = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (codes == NULL || *codes == '\0')
    return NULL;
  list = g_strsplit (codes, ",", -1);
  for (guint i = 0; list[i] != NULL; i++)
    {
      const char *code = g_strstrip (list[i]);
      const char *label = code;

      if (*code == '\0')
        continue;
      for (guint j = 0; j + 1 < types->len; j += 2)
        if (g_strcmp0 (types->pdata[j], code) == 0)
          label = types->pdata[j + 1];
      if (out->len > 0)
        g_string_append (out, _(", "));
      g_string_append (out, label);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
