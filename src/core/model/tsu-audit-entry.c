/* tsu-audit-entry.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-audit-entry"

#include "config.h"

#include "tsu-audit-entry.h"

/* TsuAuditEntry: one line of the audit log: who changed what, when. */

struct _TsuAuditEntry
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuAuditEntry, tsu_audit_entry, TSU_TYPE_RECORD)

static const TsuField fields[TSU_AUDIT_ENTRY_N_FIELDS] = {
  [TSU_AUDIT_ENTRY_FIELD_AT] = { "at", TSU_FIELD_INT, 0 },
  [TSU_AUDIT_ENTRY_FIELD_USER_NAME] = { "user_name", TSU_FIELD_TEXT, 0 },
  [TSU_AUDIT_ENTRY_FIELD_ACTION] = { "action", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_AUDIT_ENTRY_FIELD_ENTITY] = { "entity", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_AUDIT_ENTRY_FIELD_ENTITY_ID] = { "entity_id", TSU_FIELD_INT, 0 },
};

TSU_RECORD_INT_ACCESSORS (tsu_audit_entry, TsuAuditEntry, at, TSU_AUDIT_ENTRY_FIELD_AT)
TSU_RECORD_TEXT_ACCESSORS (tsu_audit_entry, TsuAuditEntry, user_name, TSU_AUDIT_ENTRY_FIELD_USER_NAME)
TSU_RECORD_TEXT_ACCESSORS (tsu_audit_entry, TsuAuditEntry, action, TSU_AUDIT_ENTRY_FIELD_ACTION)
TSU_RECORD_TEXT_ACCESSORS (tsu_audit_entry, TsuAuditEntry, entity, TSU_AUDIT_ENTRY_FIELD_ENTITY)
TSU_RECORD_INT_ACCESSORS (tsu_audit_entry, TsuAuditEntry, entity_id, TSU_AUDIT_ENTRY_FIELD_ENTITY_ID)

static void
tsu_audit_entry_class_init (TsuAuditEntryClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "audit_log", fields, G_N_ELEMENTS (fields));
}

static void
tsu_audit_entry_init (TsuAuditEntry *self)
{
}

TsuAuditEntry *
tsu_audit_entry_new (void)
{
  return g_object_new (TSU_TYPE_AUDIT_ENTRY, NULL);
}
