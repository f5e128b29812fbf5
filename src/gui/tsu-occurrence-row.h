/* tsu-occurrence-row.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_OCCURRENCE_ROW (tsu_occurrence_row_get_type ())
G_DECLARE_FINAL_TYPE (TsuOccurrenceRow, tsu_occurrence_row, TSU, OCCURRENCE_ROW, AdwBin)

GtkWidget *tsu_occurrence_row_new      (void);
void       tsu_occurrence_row_set      (TsuOccurrenceRow *self,
                                        TsuOccurrence    *occurrence,
                                        gboolean          first_of_day,
                                        GDateTime        *today);
void       tsu_occurrence_row_clear    (TsuOccurrenceRow *self);
TsuOccurrence *tsu_occurrence_row_get_occurrence (TsuOccurrenceRow *self);

G_END_DECLS
