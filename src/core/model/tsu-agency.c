/* tsu-agency.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-agency"

#include "config.h"

#include "tsu-agency.h"

/* TsuAgency: an agency or social resource of the directory (関係機関). */

struct _TsuAgency
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuAgency, tsu_agency, TSU_TYPE_RECORD)

static const TsuField fields[TSU_AGENCY_N_FIELDS] = {
  [TSU_AGENCY_FIELD_NAME] = { "name", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_AGENCY_FIELD_KANA] = { "kana", TSU_FIELD_TEXT, 0 },
  [TSU_AGENCY_FIELD_KIND] = { "kind", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_AGENCY_FIELD_MUNICIPALITY_ID] = { "municipality_id", TSU_FIELD_REF, 0 },
  [TSU_AGENCY_FIELD_ADDRESS] = { "address", TSU_FIELD_TEXT, 0 },
  [TSU_AGENCY_FIELD_PHONE] = { "phone", TSU_FIELD_TEXT, 0 },
  [TSU_AGENCY_FIELD_FAX] = { "fax", TSU_FIELD_TEXT, 0 },
  [TSU_AGENCY_FIELD_EMAIL] = { "email", TSU_FIELD_TEXT, 0 },
  [TSU_AGENCY_FIELD_SERVICES] = { "services", TSU_FIELD_TEXT, 0 },
  [TSU_AGENCY_FIELD_NOTES] = { "notes", TSU_FIELD_TEXT, TSU_FIELD_LONG },
};

TSU_RECORD_TEXT_ACCESSORS (tsu_agency, TsuAgency, name, TSU_AGENCY_FIELD_NAME)
TSU_RECORD_TEXT_ACCESSORS (tsu_agency, TsuAgency, kana, TSU_AGENCY_FIELD_KANA)
TSU_RECORD_TEXT_ACCESSORS (tsu_agency, TsuAgency, kind, TSU_AGENCY_FIELD_KIND)
TSU_RECORD_INT_ACCESSORS (tsu_agency, TsuAgency, municipality_id, TSU_AGENCY_FIELD_MUNICIPALITY_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_agency, TsuAgency, address, TSU_AGENCY_FIELD_ADDRESS)
TSU_RECORD_TEXT_ACCESSORS (tsu_agency, TsuAgency, phone, TSU_AGENCY_FIELD_PHONE)
TSU_RECORD_TEXT_ACCESSORS (tsu_agency, TsuAgency, fax, TSU_AGENCY_FIELD_FAX)
TSU_RECORD_TEXT_ACCESSORS (tsu_agency, TsuAgency, email, TSU_AGENCY_FIELD_EMAIL)
TSU_RECORD_TEXT_ACCESSORS (tsu_agency, TsuAgency, services, TSU_AGENCY_FIELD_SERVICES)
TSU_RECORD_TEXT_ACCESSORS (tsu_agency, TsuAgency, notes, TSU_AGENCY_FIELD_NOTES)

static void
tsu_agency_class_init (TsuAgencyClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "agency", fields, G_N_ELEMENTS (fields));
}

static void
tsu_agency_init (TsuAgency *self)
{
}

TsuAgency *
tsu_agency_new (void)
{
  TsuAgency *self = g_object_new (TSU_TYPE_AGENCY, NULL);

  tsu_agency_set_kind (self, "other");

  return self;
}
