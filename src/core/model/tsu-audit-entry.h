/* tsu-audit-entry.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_AUDIT_ENTRY_FIELD_AT,
  TSU_AUDIT_ENTRY_FIELD_USER_NAME,
  TSU_AUDIT_ENTRY_FIELD_ACTION,
  TSU_AUDIT_ENTRY_FIELD_ENTITY,
  TSU_AUDIT_ENTRY_FIELD_ENTITY_ID,
  TSU_AUDIT_ENTRY_N_FIELDS
} TsuAuditEntryField;

#define TSU_TYPE_AUDIT_ENTRY (tsu_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (TsuAuditEntry, tsu_audit_entry, TSU, AUDIT_ENTRY, TsuRecord)

TsuAuditEntry *tsu_audit_entry_new (void);

TSU_RECORD_DECLARE_INT (tsu_audit_entry, TsuAuditEntry, at)
TSU_RECORD_DECLARE_TEXT (tsu_audit_entry, TsuAuditEntry, user_name)
TSU_RECORD_DECLARE_TEXT (tsu_audit_entry, TsuAuditEntry, action)
TSU_RECORD_DECLARE_TEXT (tsu_audit_entry, TsuAuditEntry, entity)
TSU_RECORD_DECLARE_INT (tsu_audit_entry, TsuAuditEntry, entity_id)

G_END_DECLS
