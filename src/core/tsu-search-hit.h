/* tsu-search-hit.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TSU_TYPE_SEARCH_HIT (tsu_search_hit_get_type ())
G_DECLARE_FINAL_TYPE (TsuSearchHit, tsu_search_hit, TSU, SEARCH_HIT, GObject)

TsuSearchHit *tsu_search_hit_new         (const char   *kind,
                                          gint64        ref_id,
                                          const char   *title,
                                          const char   *snippet);
const char   *tsu_search_hit_get_kind    (TsuSearchHit *self);
gint64        tsu_search_hit_get_ref_id  (TsuSearchHit *self);
const char   *tsu_search_hit_get_title   (TsuSearchHit *self);
const char   *tsu_search_hit_get_snippet (TsuSearchHit *self);

G_END_DECLS
