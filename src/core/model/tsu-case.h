/* tsu-case.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_CASE_FIELD_CODE,
  TSU_CASE_FIELD_CHILD_NAME,
  TSU_CASE_FIELD_CHILD_KANA,
  TSU_CASE_FIELD_BIRTH_DATE,
  TSU_CASE_FIELD_MUNICIPALITY_ID,
  TSU_CASE_FIELD_MEDICAL_CARE,
  TSU_CASE_FIELD_GUARDIANS,
  TSU_CASE_FIELD_STATUS,
  TSU_CASE_FIELD_COORDINATOR_ID,
  TSU_CASE_FIELD_REGIONAL_COORDINATOR_ID,
  TSU_CASE_FIELD_OPENED_ON,
  TSU_CASE_FIELD_NOTES,
  TSU_CASE_N_FIELDS
} TsuCaseField;

#define TSU_TYPE_CASE (tsu_case_get_type ())
G_DECLARE_FINAL_TYPE (TsuCase, tsu_case, TSU, CASE, TsuRecord)

TsuCase *tsu_case_new (void);

TSU_RECORD_DECLARE_TEXT (tsu_case, TsuCase, code)
TSU_RECORD_DECLARE_TEXT (tsu_case, TsuCase, child_name)
TSU_RECORD_DECLARE_TEXT (tsu_case, TsuCase, child_kana)
TSU_RECORD_DECLARE_TEXT (tsu_case, TsuCase, birth_date)
TSU_RECORD_DECLARE_INT (tsu_case, TsuCase, municipality_id)
TSU_RECORD_DECLARE_TEXT (tsu_case, TsuCase, medical_care)
TSU_RECORD_DECLARE_TEXT (tsu_case, TsuCase, guardians)
TSU_RECORD_DECLARE_TEXT (tsu_case, TsuCase, status)
TSU_RECORD_DECLARE_INT (tsu_case, TsuCase, coordinator_id)
TSU_RECORD_DECLARE_INT (tsu_case, TsuCase, regional_coordinator_id)
TSU_RECORD_DECLARE_TEXT (tsu_case, TsuCase, opened_on)
TSU_RECORD_DECLARE_TEXT (tsu_case, TsuCase, notes)

G_END_DECLS
