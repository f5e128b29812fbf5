/* tsu-audit-dialog.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_AUDIT_DIALOG (tsu_audit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TsuAuditDialog, tsu_audit_dialog, TSU, AUDIT_DIALOG, AdwWindow)

TsuAuditDialog *tsu_audit_dialog_new              (TsuStore       *store,
                                                   gint64          case_id,
                                                   const char     *case_code);
GListModel     *tsu_audit_dialog_get_shown        (TsuAuditDialog *self);
void            tsu_audit_dialog_set_action       (TsuAuditDialog *self,
                                                   const char     *action);
gboolean        tsu_audit_dialog_export_to        (TsuAuditDialog *self,
                                                   GFile          *file,
                                                   GError        **error);

G_END_DECLS
