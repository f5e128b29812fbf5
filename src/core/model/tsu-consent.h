/* tsu-consent.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_CONSENT_FIELD_CASE_ID,
  TSU_CONSENT_FIELD_AGENCY_ID,
  TSU_CONSENT_FIELD_GIVEN_ON,
  TSU_CONSENT_FIELD_SCOPE,
  TSU_CONSENT_FIELD_WITHDRAWN_ON,
  TSU_CONSENT_N_FIELDS
} TsuConsentField;

#define TSU_TYPE_CONSENT (tsu_consent_get_type ())
G_DECLARE_FINAL_TYPE (TsuConsent, tsu_consent, TSU, CONSENT, TsuRecord)

TsuConsent *tsu_consent_new (void);

TSU_RECORD_DECLARE_INT (tsu_consent, TsuConsent, case_id)
TSU_RECORD_DECLARE_INT (tsu_consent, TsuConsent, agency_id)
TSU_RECORD_DECLARE_TEXT (tsu_consent, TsuConsent, given_on)
TSU_RECORD_DECLARE_TEXT (tsu_consent, TsuConsent, scope)
TSU_RECORD_DECLARE_TEXT (tsu_consent, TsuConsent, withdrawn_on)

G_END_DECLS
