/* tsu-document-minutes.h: the minutes of a meeting (議事録)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-document.h"

G_BEGIN_DECLS

#define TSU_TYPE_DOCUMENT_MINUTES (tsu_document_minutes_get_type ())
G_DECLARE_FINAL_TYPE (TsuDocumentMinutes, tsu_document_minutes, TSU, DOCUMENT_MINUTES, TsuDocument)

TsuDocument *tsu_document_minutes_new (TsuStore *store,
                                       gint64    meeting_id);
void         tsu_document_minutes_set_occurrence (TsuDocument *document,
                                                  gint64       starts_at,
                                                  gint64       ends_at);

G_END_DECLS
