/* tsu-person.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_PERSON_FIELD_NAME,
  TSU_PERSON_FIELD_KANA,
  TSU_PERSON_FIELD_AGENCY_ID,
  TSU_PERSON_FIELD_PROFESSION,
  TSU_PERSON_FIELD_PHONE,
  TSU_PERSON_FIELD_EMAIL,
  TSU_PERSON_FIELD_NOTES,
  TSU_PERSON_N_FIELDS
} TsuPersonField;

#define TSU_TYPE_PERSON (tsu_person_get_type ())
G_DECLARE_FINAL_TYPE (TsuPerson, tsu_person, TSU, PERSON, TsuRecord)

TsuPerson *tsu_person_new (void);

TSU_RECORD_DECLARE_TEXT (tsu_person, TsuPerson, name)
TSU_RECORD_DECLARE_TEXT (tsu_person, TsuPerson, kana)
TSU_RECORD_DECLARE_INT (tsu_person, TsuPerson, agency_id)
TSU_RECORD_DECLARE_TEXT (tsu_person, TsuPerson, profession)
TSU_RECORD_DECLARE_TEXT (tsu_person, TsuPerson, phone)
TSU_RECORD_DECLARE_TEXT (tsu_person, TsuPerson, email)
TSU_RECORD_DECLARE_TEXT (tsu_person, TsuPerson, notes)

G_END_DECLS
