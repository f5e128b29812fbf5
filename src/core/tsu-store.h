/* tsu-store.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-database.h"
#include "tsu-record.h"

G_BEGIN_DECLS

#define TSU_TYPE_STORE (tsu_store_get_type ())
G_DECLARE_FINAL_TYPE (TsuStore, tsu_store, TSU, STORE, GObject)

TsuStore    *tsu_store_new                  (TsuDatabase  *database);
TsuStore    *tsu_store_open                 (const char   *path,
                                             GError      **error);
TsuDatabase *tsu_store_get_database         (TsuStore     *self);
void         tsu_store_set_audit            (TsuStore     *self,
                                             gboolean      audit);

/* Transactions: every write that spans rows goes between begin and commit. Nested
 * calls join the outer transaction. */
gboolean     tsu_store_begin                (TsuStore     *self,
                                             GError      **error);
gboolean     tsu_store_commit               (TsuStore     *self,
                                             GError      **error);
void         tsu_store_rollback             (TsuStore     *self);

/* CRUD for every record type (TsuAgency, TsuMeeting, …). */
gboolean     tsu_store_save                 (TsuStore     *self,
                                             TsuRecord    *record,
                                             GError      **error);
gboolean     tsu_store_delete               (TsuStore     *self,
                                             TsuRecord    *record,
                                             GError      **error);
gpointer     tsu_store_load                 (TsuStore     *self,
                                             GType         type,
                                             gint64        id,
                                             GError      **error);
GListModel  *tsu_store_list                 (TsuStore     *self,
                                             GType         type,
                                             const char   *order_by,
                                             GError      **error);
GListModel  *tsu_store_list_by              (TsuStore     *self,
                                             GType         type,
                                             const char   *column,
                                             gint64        value,
                                             const char   *order_by,
                                             GError      **error);
gint64       tsu_store_count                (TsuStore     *self,
                                             GType         type);

/* Bulk inserts (imports), inside an open transaction: the audit lines of what was
 * inserted are written in one statement before the commit. */
gboolean     tsu_store_bulk_insert          (TsuStore     *self,
                                             TsuRecord    *record,
                                             GError      **error);
gboolean     tsu_store_bulk_insert_many     (TsuStore     *self,
                                             TsuRecord   **records,
                                             guint         n_records,
                                             guint        *failed,
                                             GError      **error);
gboolean     tsu_store_bulk_audit           (TsuStore     *self,
                                             GType         type,
                                             gint64        after_id,
                                             GError      **error);

/* Queries. */
gpointer     tsu_store_find_meeting_by_uid  (TsuStore     *self,
                                             const char   *uid,
                                             GError      **error);
gpointer     tsu_store_find_case_by_code    (TsuStore     *self,
                                             const char   *code,
                                             GError      **error);
GListModel  *tsu_store_list_occurrences     (TsuStore     *self,
                                             gint64        from,
                                             gint64        to,
                                             GError      **error);
GListModel  *tsu_store_list_open_actions    (TsuStore     *self,
                                             gint64        case_id,
                                             GError      **error);
gpointer     tsu_store_detach_occurrence    (TsuStore     *self,
                                             TsuRecord    *series,
                                             gint64        recurrence_id,
                                             GError      **error);
gboolean     tsu_store_exclude_occurrence   (TsuStore     *self,
                                             TsuRecord    *series,
                                             gint64        recurrence_id,
                                             GError      **error);
gpointer     tsu_store_get_current_minutes  (TsuStore     *self,
                                             gint64        meeting_id,
                                             GError      **error);
gboolean     tsu_store_confirm_minutes      (TsuStore     *self,
                                             TsuRecord    *minutes,
                                             const char   *confirmed_by,
                                             GError      **error);
gpointer     tsu_store_revise_minutes       (TsuStore     *self,
                                             TsuRecord    *minutes,
                                             GError      **error);
GListModel  *tsu_store_search               (TsuStore     *self,
                                             const char   *query,
                                             guint         limit,
                                             GError      **error);

/* Commits of other programs: "changed" is emitted for what they touched. An update
 * of a record that another program changed since it was read fails with
 * TSU_DATABASE_ERROR_CONFLICT. */
gboolean     tsu_store_check_external_changes (TsuStore   *self);
gboolean     tsu_store_check_unchanged        (TsuStore   *self,
                                               TsuRecord  *record,
                                               GError    **error);
void         tsu_store_watch_external_changes (TsuStore   *self,
                                               gboolean    watch);

/* Writes of another store of this program on the same file (the autosave's). */
void         tsu_store_notify_saved         (TsuStore          *self,
                                             TsuRecord * const *records,
                                             guint              n_records);

G_END_DECLS
