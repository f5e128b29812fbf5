/* tsunagu-core.h: everything of the core library
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-agenda-template.h"
#include "tsu-audit.h"
#include "tsu-backup.h"
#include "tsu-case-summary.h"
#include "tsu-caldav-calendar.h"
#include "tsu-caldav-client.h"
#include "tsu-caldav-secret.h"
#include "tsu-caldav-sync.h"
#include "tsu-case-team.h"
#include "tsu-consent-check.h"
#include "tsu-csv.h"
#include "tsu-database.h"
#include "tsu-era.h"
#include "tsu-holidays.h"
#include "tsu-ical.h"
#include "tsu-ical-export.h"
#include "tsu-ical-import.h"
#include "tsu-ical-plan.h"
#include "tsu-ical-plan-row.h"
#include "tsu-occurrence.h"
#include "tsu-record.h"
#include "tsu-recurrence.h"
#include "tsu-search-hit.h"
#include "tsu-store.h"
#include "tsu-vocabulary.h"
#include "model/tsu-action-item.h"
#include "model/tsu-agency.h"
#include "model/tsu-agenda-item.h"
#include "model/tsu-audit-entry.h"
#include "model/tsu-case.h"
#include "model/tsu-consent.h"
#include "model/tsu-consultation.h"
#include "model/tsu-decision.h"
#include "model/tsu-discussion.h"
#include "model/tsu-meeting.h"
#include "model/tsu-minutes.h"
#include "model/tsu-municipality.h"
#include "model/tsu-participant.h"
#include "model/tsu-person.h"
#include "model/tsu-team-member.h"
