/* tsu-person.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-person"

#include "config.h"

#include "tsu-person.h"

/* TsuPerson: a person of an agency (関係者). */

struct _TsuPerson
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuPerson, tsu_person, TSU_TYPE_RECORD)

static const TsuField fields[TSU_PERSON_N_FIELDS] = {
  [TSU_PERSON_FIELD_NAME] = { "name", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_PERSON_FIELD_KANA] = { "kana", TSU_FIELD_TEXT, 0 },
  [TSU_PERSON_FIELD_AGENCY_ID] = { "agency_id", TSU_FIELD_REF, 0 },
  [TSU_PERSON_FIELD_PROFESSION] = { "profession", TSU_FIELD_TEXT, 0 },
  [TSU_PERSON_FIELD_PHONE] = { "phone", TSU_FIELD_TEXT, 0 },
  [TSU_PERSON_FIELD_EMAIL] = { "email", TSU_FIELD_TEXT, 0 },
  [TSU_PERSON_FIELD_NOTES] = { "notes", TSU_FIELD_TEXT, TSU_FIELD_LONG },
};

TSU_RECORD_TEXT_ACCESSORS (tsu_person, TsuPerson, name, TSU_PERSON_FIELD_NAME)
TSU_RECORD_TEXT_ACCESSORS (tsu_person, TsuPerson, kana, TSU_PERSON_FIELD_KANA)
TSU_RECORD_INT_ACCESSORS (tsu_person, TsuPerson, agency_id, TSU_PERSON_FIELD_AGENCY_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_person, TsuPerson, profession, TSU_PERSON_FIELD_PROFESSION)
TSU_RECORD_TEXT_ACCESSORS (tsu_person, TsuPerson, phone, TSU_PERSON_FIELD_PHONE)
TSU_RECORD_TEXT_ACCESSORS (tsu_person, TsuPerson, email, TSU_PERSON_FIELD_EMAIL)
TSU_RECORD_TEXT_ACCESSORS (tsu_person, TsuPerson, notes, TSU_PERSON_FIELD_NOTES)

static void
tsu_person_class_init (TsuPersonClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "person", fields, G_N_ELEMENTS (fields));
}

static void
tsu_person_init (TsuPerson *self)
{
}

TsuPerson *
tsu_person_new (void)
{
  return g_object_new (TSU_TYPE_PERSON, NULL);
}
