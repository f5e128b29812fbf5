/* tsu-document-month.h: the meetings of a month on one page (月間予定表)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-document.h"

G_BEGIN_DECLS

#define TSU_TYPE_DOCUMENT_MONTH (tsu_document_month_get_type ())
G_DECLARE_FINAL_TYPE (TsuDocumentMonth, tsu_document_month, TSU, DOCUMENT_MONTH, TsuDocument)

TsuDocument *tsu_document_month_new (TsuStore *store,
                                     int       year,
                                     int       month);

G_END_DECLS
