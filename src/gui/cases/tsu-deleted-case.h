/* tsu-deleted-case.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_DELETED_CASE (tsu_deleted_case_get_type ())
G_DECLARE_FINAL_TYPE (TsuDeletedCase, tsu_deleted_case, TSU, DELETED_CASE, GObject)

/**
 * TsuCaseRecords:
 * @consultations: consultations in the log
 * @team: members of the case team
 * @consents: consents recorded
 * @meetings: meetings of the case (they stay, without the case)
 * @minutes: minutes of those meetings, and action items that came from minutes
 *
 * What a case has, counted before deleting it.
 */
typedef struct {
  guint consultations;
  guint team;
  guint consents;
  guint meetings;
  guint minutes;
} TsuCaseRecords;

gboolean        tsu_deleted_case_count        (TsuStore        *store,
                                               gint64           case_id,
                                               TsuCaseRecords  *records,
                                               GError         **error);
TsuDeletedCase *tsu_deleted_case_new          (TsuStore        *store,
                                               gint64           case_id,
                                               GError         **error);
gboolean        tsu_deleted_case_delete       (TsuDeletedCase  *self,
                                               GError         **error);
gboolean        tsu_deleted_case_restore      (TsuDeletedCase  *self,
                                               GError         **error);
gint64          tsu_deleted_case_get_restored_id (TsuDeletedCase *self);
const char     *tsu_deleted_case_get_code     (TsuDeletedCase  *self);

G_END_DECLS
