/* tsu-consent.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-consent"

#include "config.h"

#include "tsu-consent.h"

/* TsuConsent: the family's consent to share information with one agency. */

struct _TsuConsent
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuConsent, tsu_consent, TSU_TYPE_RECORD)

static const TsuField fields[TSU_CONSENT_N_FIELDS] = {
  [TSU_CONSENT_FIELD_CASE_ID] = { "case_id", TSU_FIELD_REF, TSU_FIELD_REQUIRED },
  [TSU_CONSENT_FIELD_AGENCY_ID] = { "agency_id", TSU_FIELD_REF, TSU_FIELD_REQUIRED },
  [TSU_CONSENT_FIELD_GIVEN_ON] = { "given_on", TSU_FIELD_TEXT, 0 },
  [TSU_CONSENT_FIELD_SCOPE] = { "scope", TSU_FIELD_TEXT, 0 },
  [TSU_CONSENT_FIELD_WITHDRAWN_ON] = { "withdrawn_on", TSU_FIELD_TEXT, 0 },
};

TSU_RECORD_INT_ACCESSORS (tsu_consent, TsuConsent, case_id, TSU_CONSENT_FIELD_CASE_ID)
TSU_RECORD_INT_ACCESSORS (tsu_consent, TsuConsent, agency_id, TSU_CONSENT_FIELD_AGENCY_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_consent, TsuConsent, given_on, TSU_CONSENT_FIELD_GIVEN_ON)
TSU_RECORD_TEXT_ACCESSORS (tsu_consent, TsuConsent, scope, TSU_CONSENT_FIELD_SCOPE)
TSU_RECORD_TEXT_ACCESSORS (tsu_consent, TsuConsent, withdrawn_on, TSU_CONSENT_FIELD_WITHDRAWN_ON)

static void
tsu_consent_class_init (TsuConsentClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "consent", fields, G_N_ELEMENTS (fields));
}

static void
tsu_consent_init (TsuConsent *self)
{
}

TsuConsent *
tsu_consent_new (void)
{
  return g_object_new (TSU_TYPE_CONSENT, NULL);
}
