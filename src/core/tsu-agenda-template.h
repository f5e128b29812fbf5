/* tsu-agenda-template.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-store.h"

G_BEGIN_DECLS

#define TSU_TYPE_AGENDA_TEMPLATE (tsu_agenda_template_get_type ())
G_DECLARE_FINAL_TYPE (TsuAgendaTemplate, tsu_agenda_template, TSU, AGENDA_TEMPLATE, GObject)

GListModel  *tsu_agenda_template_list              (TsuStore           *store,
                                                    GError            **error);
gboolean     tsu_agenda_template_save              (TsuStore           *store,
                                                    const char         *name,
                                                    GListModel         *agenda_items,
                                                    GError            **error);
gboolean     tsu_agenda_template_delete            (TsuAgendaTemplate  *self,
                                                    TsuStore           *store,
                                                    GError            **error);
gboolean     tsu_agenda_template_apply             (TsuAgendaTemplate  *self,
                                                    TsuStore           *store,
                                                    gint64              meeting_id,
                                                    GError            **error);

gint64       tsu_agenda_template_get_id            (TsuAgendaTemplate  *self);
const char  *tsu_agenda_template_get_name          (TsuAgendaTemplate  *self);
const char  *tsu_agenda_template_get_meeting_kind  (TsuAgendaTemplate  *self);
guint        tsu_agenda_template_get_n_items       (TsuAgendaTemplate  *self);
const char  *tsu_agenda_template_get_item_title    (TsuAgendaTemplate  *self,
                                                    guint               position);
guint        tsu_agenda_template_get_item_minutes  (TsuAgendaTemplate  *self,
                                                    guint               position);

G_END_DECLS
