/* tsu-seed.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-database.h"

G_BEGIN_DECLS

gboolean tsu_seed_reference_data (TsuDatabase  *db,
                                  GError      **error);

G_END_DECLS
