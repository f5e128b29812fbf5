/* tsu-municipality-map.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsunagu-core.h"

G_BEGIN_DECLS

GHashTable      *tsu_municipality_map_new    (TsuStore    *store,
                                              GError     **error);
TsuMunicipality *tsu_municipality_map_lookup (GHashTable  *map,
                                              gint64       id);

G_END_DECLS
