/* tsu-conflicts.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsunagu-core.h"

G_BEGIN_DECLS

/* One person or room booked twice: @who (a person's name or the location text) is
 * already in @title from @starts_at to @ends_at. */
typedef struct {
  char     *who;
  gboolean  room;
  gint64    meeting_id;
  char     *title;
  gint64    starts_at;
  gint64    ends_at;
  gboolean  all_day;
} TsuConflict;

void       tsu_conflict_free     (TsuConflict       *conflict);
char      *tsu_conflict_describe (const TsuConflict *conflict);
char      *tsu_conflicts_describe (GPtrArray        *conflicts);

GPtrArray *tsu_conflicts_find    (TsuStore    *store,
                                  gint64       meeting_id,
                                  gint64       organizer_id,
                                  const char  *location,
                                  gint64       starts_at,
                                  gint64       ends_at,
                                  GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsuConflict, tsu_conflict_free)

G_END_DECLS
