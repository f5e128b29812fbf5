/* tsu-document-agenda.h: the notice and agenda of a meeting (開催通知・次第)
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-document.h"

G_BEGIN_DECLS

#define TSU_TYPE_DOCUMENT_AGENDA (tsu_document_agenda_get_type ())
G_DECLARE_FINAL_TYPE (TsuDocumentAgenda, tsu_document_agenda, TSU, DOCUMENT_AGENDA, TsuDocument)

TsuDocument *tsu_document_agenda_new (TsuStore *store,
                                      gint64    meeting_id);
void         tsu_document_agenda_set_occurrence (TsuDocument *document,
                                                 gint64       starts_at,
                                                 gint64       ends_at);

G_END_DECLS
