/* tsu-agenda-item.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_AGENDA_ITEM_FIELD_MEETING_ID,
  TSU_AGENDA_ITEM_FIELD_POSITION,
  TSU_AGENDA_ITEM_FIELD_TITLE,
  TSU_AGENDA_ITEM_FIELD_PRESENTER,
  TSU_AGENDA_ITEM_FIELD_PLANNED_MINUTES,
  TSU_AGENDA_ITEM_N_FIELDS
} TsuAgendaItemField;

#define TSU_TYPE_AGENDA_ITEM (tsu_agenda_item_get_type ())
G_DECLARE_FINAL_TYPE (TsuAgendaItem, tsu_agenda_item, TSU, AGENDA_ITEM, TsuRecord)

TsuAgendaItem *tsu_agenda_item_new (void);

TSU_RECORD_DECLARE_INT (tsu_agenda_item, TsuAgendaItem, meeting_id)
TSU_RECORD_DECLARE_INT (tsu_agenda_item, TsuAgendaItem, position)
TSU_RECORD_DECLARE_TEXT (tsu_agenda_item, TsuAgendaItem, title)
TSU_RECORD_DECLARE_TEXT (tsu_agenda_item, TsuAgendaItem, presenter)
TSU_RECORD_DECLARE_INT (tsu_agenda_item, TsuAgendaItem, planned_minutes)

G_END_DECLS
