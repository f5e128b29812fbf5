/* tsu-agenda-view.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Returns the meetings that start in [from, to), sorted by start, already filtered. */
typedef GPtrArray *(*TsuAgendaLoadFunc) (gint64   from,
                                         gint64   to,
                                         gpointer user_data);

#define TSU_TYPE_AGENDA_VIEW (tsu_agenda_view_get_type ())
G_DECLARE_FINAL_TYPE (TsuAgendaView, tsu_agenda_view, TSU, AGENDA_VIEW, AdwBin)

GtkWidget  *tsu_agenda_view_new         (void);
void        tsu_agenda_view_set_loader  (TsuAgendaView     *self,
                                         TsuAgendaLoadFunc  func,
                                         gpointer           user_data);
void        tsu_agenda_view_show_day    (TsuAgendaView     *self,
                                         const GDate       *day);
void        tsu_agenda_view_reload      (TsuAgendaView     *self);
GListModel *tsu_agenda_view_get_model   (TsuAgendaView     *self);
gboolean    tsu_agenda_view_get_top_day (TsuAgendaView     *self,
                                         GDate             *day);

G_END_DECLS
