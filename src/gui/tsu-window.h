/* tsu-window.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"
#include "tsu-application.h"
#include "tsu-calendar-page.h"
#include "tsu-cases-page.h"
#include "tsu-directory-page.h"

G_BEGIN_DECLS

#define TSU_TYPE_WINDOW (tsu_window_get_type ())
G_DECLARE_FINAL_TYPE (TsuWindow, tsu_window, TSU, WINDOW, AdwApplicationWindow)

TsuWindow        *tsu_window_new                 (TsuApplication *application,
                                                  TsuStore       *store,
                                                  gboolean        demo);
TsuStore         *tsu_window_get_store           (TsuWindow      *self);
void              tsu_window_set_store           (TsuWindow      *self,
                                                  TsuStore       *store);
gboolean          tsu_window_get_demo            (TsuWindow      *self);
const char       *tsu_window_get_content         (TsuWindow      *self);
void              tsu_window_show_page           (TsuWindow      *self,
                                                  const char     *name);
const char       *tsu_window_get_visible_page    (TsuWindow      *self);
void              tsu_window_load_demo           (TsuWindow      *self,
                                                  TsuStore       *store,
                                                  double          scale);
TsuCalendarPage  *tsu_window_get_calendar_page   (TsuWindow      *self);
TsuCasesPage     *tsu_window_get_cases_page      (TsuWindow      *self);
TsuDirectoryPage *tsu_window_get_directory_page  (TsuWindow      *self);

void              tsu_window_add_toast           (TsuWindow      *self,
                                                  AdwToast       *toast);
GtkWindow        *tsu_window_import_calendar     (TsuWindow      *self,
                                                  GFile          *file);

G_END_DECLS
