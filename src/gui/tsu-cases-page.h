/* tsu-cases-page.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_CASES_PAGE (tsu_cases_page_get_type ())
G_DECLARE_FINAL_TYPE (TsuCasesPage, tsu_cases_page, TSU, CASES_PAGE, AdwBin)

TsuStore   *tsu_cases_page_get_store        (TsuCasesPage *self);
void        tsu_cases_page_set_store        (TsuCasesPage *self,
                                             TsuStore     *store);
GListModel *tsu_cases_page_get_model        (TsuCasesPage *self);
char       *tsu_cases_page_dup_display_name (TsuCasesPage *self,
                                             TsuCase      *kase);
gboolean    tsu_cases_page_open_case        (TsuCasesPage *self,
                                             gint64        case_id);
GtkWidget  *tsu_cases_page_get_case_view    (TsuCasesPage *self);
gboolean    tsu_cases_page_set_filter       (TsuCasesPage *self,
                                             const char   *filter,
                                             const char   *key);
void        tsu_cases_page_show_difficult   (TsuCasesPage *self,
                                             gboolean      difficult);
GtkWindow  *tsu_cases_page_new_case         (TsuCasesPage *self);
void        tsu_cases_page_reload           (TsuCasesPage *self);

G_END_DECLS
