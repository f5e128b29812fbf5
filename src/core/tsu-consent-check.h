/* tsu-consent-check.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-store.h"
#include "model/tsu-agency.h"
#include "model/tsu-participant.h"

G_BEGIN_DECLS

/**
 * TsuConsentCover:
 * @TSU_CONSENT_COVER_NOT_NEEDED: nothing to check: the meeting has no case, the
 *   participant is the family, or belongs to no agency of the directory
 * @TSU_CONSENT_COVER_GIVEN: the family agreed to share with the participant's agency
 * @TSU_CONSENT_COVER_NONE: no consent was recorded for the agency
 * @TSU_CONSENT_COVER_WITHDRAWN: the family withdrew its consent
 *
 * Whether the family's consent covers sharing information with a participant.
 */
typedef enum {
  TSU_CONSENT_COVER_NOT_NEEDED,
  TSU_CONSENT_COVER_GIVEN,
  TSU_CONSENT_COVER_NONE,
  TSU_CONSENT_COVER_WITHDRAWN,
} TsuConsentCover;

gboolean        tsu_consent_cover_is_missing          (TsuConsentCover  cover);
TsuAgency      *tsu_consent_find_agency_by_name       (TsuStore        *store,
                                                       const char      *name,
                                                       GError         **error);
gboolean        tsu_consent_check_agency              (TsuStore        *store,
                                                       gint64           case_id,
                                                       gint64           agency_id,
                                                       TsuConsentCover *cover,
                                                       GError         **error);
gboolean        tsu_consent_check_participant         (TsuStore        *store,
                                                       TsuParticipant  *participant,
                                                       TsuConsentCover *cover,
                                                       char           **agency_name,
                                                       GError         **error);

G_END_DECLS
