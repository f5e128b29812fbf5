/* tsu-audit.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-store.h"

G_BEGIN_DECLS

#define TSU_TYPE_AUDIT_LINE (tsu_audit_line_get_type ())
G_DECLARE_FINAL_TYPE (TsuAuditLine, tsu_audit_line, TSU, AUDIT_LINE, GObject)

gint64       tsu_audit_line_get_id           (TsuAuditLine *self);
gint64       tsu_audit_line_get_at           (TsuAuditLine *self);
const char  *tsu_audit_line_get_user_name    (TsuAuditLine *self);
const char  *tsu_audit_line_get_action       (TsuAuditLine *self);
const char  *tsu_audit_line_get_entity       (TsuAuditLine *self);
gint64       tsu_audit_line_get_entity_id    (TsuAuditLine *self);
gint64       tsu_audit_line_get_case_id      (TsuAuditLine *self);
const char  *tsu_audit_line_get_summary      (TsuAuditLine *self);

const char  *tsu_audit_action_label          (const char   *action);
const char  *tsu_audit_entity_label          (const char   *entity);

GListModel  *tsu_audit_list                  (TsuStore     *store,
                                              gint64        case_id,
                                              GError      **error);
GBytes      *tsu_audit_export_csv            (GListModel   *lines);

G_END_DECLS
