/* tsunagu-export.h: everything of the export library
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-page-layout.h"
#include "tsu-document.h"
#include "tsu-document-agenda.h"
#include "tsu-document-case.h"
#include "tsu-document-minutes.h"
#include "tsu-document-month.h"
#include "tsu-document-report.h"
