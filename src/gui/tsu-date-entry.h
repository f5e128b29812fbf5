/* tsu-date-entry.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TSU_TYPE_DATE_ENTRY (tsu_date_entry_get_type ())
G_DECLARE_FINAL_TYPE (TsuDateEntry, tsu_date_entry, TSU, DATE_ENTRY, AdwEntryRow)

GtkWidget   *tsu_date_entry_new          (const char    *title);
char        *tsu_date_entry_dup_date     (TsuDateEntry  *self,
                                          const char   **problem);
void         tsu_date_entry_set_date     (TsuDateEntry  *self,
                                          const char    *date);
GtkCalendar *tsu_date_entry_get_calendar (TsuDateEntry  *self);
void         tsu_date_entry_popup        (TsuDateEntry  *self);
char        *tsu_date_entry_describe     (const char    *date);
char        *tsu_date_entry_parse        (const char    *text,
                                          const char   **problem);

G_END_DECLS
