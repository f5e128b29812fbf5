/* tsu-agency.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_AGENCY_FIELD_NAME,
  TSU_AGENCY_FIELD_KANA,
  TSU_AGENCY_FIELD_KIND,
  TSU_AGENCY_FIELD_MUNICIPALITY_ID,
  TSU_AGENCY_FIELD_ADDRESS,
  TSU_AGENCY_FIELD_PHONE,
  TSU_AGENCY_FIELD_FAX,
  TSU_AGENCY_FIELD_EMAIL,
  TSU_AGENCY_FIELD_SERVICES,
  TSU_AGENCY_FIELD_NOTES,
  TSU_AGENCY_N_FIELDS
} TsuAgencyField;

#define TSU_TYPE_AGENCY (tsu_agency_get_type ())
G_DECLARE_FINAL_TYPE (TsuAgency, tsu_agency, TSU, AGENCY, TsuRecord)

TsuAgency *tsu_agency_new (void);

TSU_RECORD_DECLARE_TEXT (tsu_agency, TsuAgency, name)
TSU_RECORD_DECLARE_TEXT (tsu_agency, TsuAgency, kana)
TSU_RECORD_DECLARE_TEXT (tsu_agency, TsuAgency, kind)
TSU_RECORD_DECLARE_INT (tsu_agency, TsuAgency, municipality_id)
TSU_RECORD_DECLARE_TEXT (tsu_agency, TsuAgency, address)
TSU_RECORD_DECLARE_TEXT (tsu_agency, TsuAgency, phone)
TSU_RECORD_DECLARE_TEXT (tsu_agency, TsuAgency, fax)
TSU_RECORD_DECLARE_TEXT (tsu_agency, TsuAgency, email)
TSU_RECORD_DECLARE_TEXT (tsu_agency, TsuAgency, services)
TSU_RECORD_DECLARE_TEXT (tsu_agency, TsuAgency, notes)

G_END_DECLS
