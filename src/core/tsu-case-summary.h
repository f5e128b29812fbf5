/* tsu-case-summary.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-store.h"
#include "model/tsu-case.h"

G_BEGIN_DECLS

#define TSU_TYPE_CASE_SUMMARY (tsu_case_summary_get_type ())
G_DECLARE_FINAL_TYPE (TsuCaseSummary, tsu_case_summary, TSU, CASE_SUMMARY, GObject)

TsuCase    *tsu_case_summary_get_case               (TsuCaseSummary *self);
gint64      tsu_case_summary_get_id                 (TsuCaseSummary *self);
const char *tsu_case_summary_get_code               (TsuCaseSummary *self);
const char *tsu_case_summary_get_status             (TsuCaseSummary *self);
const char *tsu_case_summary_get_municipality_name  (TsuCaseSummary *self);
const char *tsu_case_summary_get_municipality_kana  (TsuCaseSummary *self);
const char *tsu_case_summary_get_region             (TsuCaseSummary *self);
const char *tsu_case_summary_get_coordinator_name   (TsuCaseSummary *self);
const char *tsu_case_summary_get_regional_coordinator_name (TsuCaseSummary *self);
const char *tsu_case_summary_get_coordinators       (TsuCaseSummary *self);
gint64      tsu_case_summary_get_next_conference    (TsuCaseSummary *self);
guint       tsu_case_summary_get_open_actions       (TsuCaseSummary *self);
guint       tsu_case_summary_get_overdue_actions    (TsuCaseSummary *self);
guint       tsu_case_summary_get_team_size          (TsuCaseSummary *self);
gint64      tsu_case_summary_get_last_contact       (TsuCaseSummary *self);
int         tsu_case_summary_get_days_since_contact (TsuCaseSummary *self);
gboolean    tsu_case_summary_get_unsupported        (TsuCaseSummary *self);

GListModel *tsu_case_summary_list                   (TsuStore       *store,
                                                     gint64          now,
                                                     guint           unsupported_days,
                                                     GError        **error);
TsuCaseSummary *tsu_case_summary_load               (TsuStore       *store,
                                                     gint64          case_id,
                                                     gint64          now,
                                                     guint           unsupported_days,
                                                     GError        **error);

G_END_DECLS
