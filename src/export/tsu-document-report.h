/* tsu-document-report.h: cases, meetings and open actions by region (地域別集計)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-document.h"

G_BEGIN_DECLS

#define TSU_TYPE_DOCUMENT_REPORT (tsu_document_report_get_type ())
G_DECLARE_FINAL_TYPE (TsuDocumentReport, tsu_document_report, TSU, DOCUMENT_REPORT, TsuDocument)

TsuDocument *tsu_document_report_new (TsuStore    *store,
                                      const GDate *from,
                                      const GDate *to);

G_END_DECLS
