/* tsu-agenda-item.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-agenda-item"

#include "config.h"

#include "tsu-agenda-item.h"

/* TsuAgendaItem: an item of the agenda of a meeting (議題). */

struct _TsuAgendaItem
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuAgendaItem, tsu_agenda_item, TSU_TYPE_RECORD)

static const TsuField fields[TSU_AGENDA_ITEM_N_FIELDS] = {
  [TSU_AGENDA_ITEM_FIELD_MEETING_ID] = { "meeting_id", TSU_FIELD_REF, TSU_FIELD_REQUIRED },
  [TSU_AGENDA_ITEM_FIELD_POSITION] = { "position", TSU_FIELD_INT, 0 },
  [TSU_AGENDA_ITEM_FIELD_TITLE] = { "title", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_AGENDA_ITEM_FIELD_PRESENTER] = { "presenter", TSU_FIELD_TEXT, 0 },
  [TSU_AGENDA_ITEM_FIELD_PLANNED_MINUTES] = { "planned_minutes", TSU_FIELD_INT, 0 },
};

TSU_RECORD_INT_ACCESSORS (tsu_agenda_item, TsuAgendaItem, meeting_id, TSU_AGENDA_ITEM_FIELD_MEETING_ID)
TSU_RECORD_INT_ACCESSORS (tsu_agenda_item, TsuAgendaItem, position, TSU_AGENDA_ITEM_FIELD_POSITION)
TSU_RECORD_TEXT_ACCESSORS (tsu_agenda_item, TsuAgendaItem, title, TSU_AGENDA_ITEM_FIELD_TITLE)
TSU_RECORD_TEXT_ACCESSORS (tsu_agenda_item, TsuAgendaItem, presenter, TSU_AGENDA_ITEM_FIELD_PRESENTER)
TSU_RECORD_INT_ACCESSORS (tsu_agenda_item, TsuAgendaItem, planned_minutes, TSU_AGENDA_ITEM_FIELD_PLANNED_MINUTES)

static void
tsu_agenda_item_class_init (TsuAgendaItemClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "agenda_item", fields, G_N_ELEMENTS (fields));
}

static void
tsu_agenda_item_init (TsuAgendaItem *self)
{
}

TsuAgendaItem *
tsu_agenda_item_new (void)
{
  return g_object_new (TSU_TYPE_AGENDA_ITEM, NULL);
}
