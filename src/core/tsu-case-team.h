/* tsu-case-team.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-store.h"

G_BEGIN_DECLS

gboolean   tsu_case_team_role_is_family  (const char  *role);
GPtrArray *tsu_case_team_participants    (TsuStore    *store,
                                          gint64       case_id,
                                          gint64       meeting_id,
                                          GError     **error);

G_END_DECLS
