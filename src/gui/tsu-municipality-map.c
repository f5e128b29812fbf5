/* tsu-municipality-map.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-municipality-map"

#include "config.h"

#include "tsu-municipality-map.h"

/* Rows name their municipality by id. The municipalities are few (Saitama has 63) and
 * fixed, so a list shows their names through a table read once, instead of a query
 * per row. */

/**
 * tsu_municipality_map_new:
 * @store: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a table from the id (a #gint64) to the
 *   #TsuMunicipality of every municipality in @store
 */
GHashTable *
tsu_municipality_map_new (TsuStore  *store,
                          GError   **error)
{
  g_autoptr(GListModel) list = NULL;
  GHashTable *map;
  guint n;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  list = tsu_store_list (store, TSU_TYPE_MUNICIPALITY, "code", error);
  if (list == NULL)
    return NULL;

  map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      TsuMunicipality *municipality = g_list_model_get_item (list, i);
      gint64 *id = g_new (gint64, 1);

      *id = tsu_record_get_id (TSU_RECORD (municipality));
      g_hash_table_insert (map, id, municipality);
    }

  return map;
}

/**
 * tsu_municipality_map_lookup:
 * @map: (nullable): a table made by tsu_municipality_map_new()
 * @id: a municipality id; 0 is none
 *
 * Returns: (transfer none) (nullable): the municipality
 */
TsuMunicipality *
tsu_municipality_map_lookup (GHashTable *map,
                             gint64      id)
{
  if (map == NULL || id == 0)
    return NULL;

  return g_hash_table_lookup (map, &id);
}
