/* tsu-medical-care.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsunagu-core.h"

G_BEGIN_DECLS

GPtrArray *tsu_medical_care_list   (TsuStore   *store);
char      *tsu_medical_care_labels (GPtrArray  *types,
                                    const char *codes);

G_END_DECLS
