/* tsu-case.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-case"

#include "config.h"

#include "tsu-case.h"

/* TsuCase: a child needing medical care and the support around them (ケース). */

struct _TsuCase
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuCase, tsu_case, TSU_TYPE_RECORD)

static const TsuField fields[TSU_CASE_N_FIELDS] = {
  [TSU_CASE_FIELD_CODE] = { "code", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_CASE_FIELD_CHILD_NAME] = { "child_name", TSU_FIELD_TEXT, 0 },
  [TSU_CASE_FIELD_CHILD_KANA] = { "child_kana", TSU_FIELD_TEXT, 0 },
  [TSU_CASE_FIELD_BIRTH_DATE] = { "birth_date", TSU_FIELD_TEXT, 0 },
  [TSU_CASE_FIELD_MUNICIPALITY_ID] = { "municipality_id", TSU_FIELD_REF, 0 },
  [TSU_CASE_FIELD_MEDICAL_CARE] = { "medical_care", TSU_FIELD_TEXT, 0 },
  [TSU_CASE_FIELD_GUARDIANS] = { "guardians", TSU_FIELD_TEXT, 0 },
  [TSU_CASE_FIELD_STATUS] = { "status", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_CASE_FIELD_COORDINATOR_ID] = { "coordinator_id", TSU_FIELD_REF, 0 },
  [TSU_CASE_FIELD_REGIONAL_COORDINATOR_ID] = { "regional_coordinator_id", TSU_FIELD_REF, 0 },
  [TSU_CASE_FIELD_OPENED_ON] = { "opened_on", TSU_FIELD_TEXT, 0 },
  [TSU_CASE_FIELD_NOTES] = { "notes", TSU_FIELD_TEXT, TSU_FIELD_LONG },
};

TSU_RECORD_TEXT_ACCESSORS (tsu_case, TsuCase, code, TSU_CASE_FIELD_CODE)
TSU_RECORD_TEXT_ACCESSORS (tsu_case, TsuCase, child_name, TSU_CASE_FIELD_CHILD_NAME)
TSU_RECORD_TEXT_ACCESSORS (tsu_case, TsuCase, child_kana, TSU_CASE_FIELD_CHILD_KANA)
TSU_RECORD_TEXT_ACCESSORS (tsu_case, TsuCase, birth_date, TSU_CASE_FIELD_BIRTH_DATE)
TSU_RECORD_INT_ACCESSORS (tsu_case, TsuCase, municipality_id, TSU_CASE_FIELD_MUNICIPALITY_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_case, TsuCase, medical_care, TSU_CASE_FIELD_MEDICAL_CARE)
TSU_RECORD_TEXT_ACCESSORS (tsu_case, TsuCase, guardians, TSU_CASE_FIELD_GUARDIANS)
TSU_RECORD_TEXT_ACCESSORS (tsu_case, TsuCase, status, TSU_CASE_FIELD_STATUS)
TSU_RECORD_INT_ACCESSORS (tsu_case, TsuCase, coordinator_id, TSU_CASE_FIELD_COORDINATOR_ID)
TSU_RECORD_INT_ACCESSORS (tsu_case, TsuCase, regional_coordinator_id, TSU_CASE_FIELD_REGIONAL_COORDINATOR_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_case, TsuCase, opened_on, TSU_CASE_FIELD_OPENED_ON)
TSU_RECORD_TEXT_ACCESSORS (tsu_case, TsuCase, notes, TSU_CASE_FIELD_NOTES)

static void
tsu_case_class_init (TsuCaseClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "child_case", fields, G_N_ELEMENTS (fields));
}

static void
tsu_case_init (TsuCase *self)
{
}

TsuCase *
tsu_case_new (void)
{
  TsuCase *self = g_object_new (TSU_TYPE_CASE, NULL);

  tsu_case_set_status (self, "intake");

  return self;
}
