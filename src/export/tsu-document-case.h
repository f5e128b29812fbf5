/* tsu-document-case.h: the summary of a case (支援経過)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-document.h"

G_BEGIN_DECLS

#define TSU_TYPE_DOCUMENT_CASE (tsu_document_case_get_type ())
G_DECLARE_FINAL_TYPE (TsuDocumentCase, tsu_document_case, TSU, DOCUMENT_CASE, TsuDocument)

TsuDocument *tsu_document_case_new (TsuStore *store,
                                    gint64    case_id);

G_END_DECLS
