/* tsu-case-view.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_CASE_VIEW (tsu_case_view_get_type ())
G_DECLARE_FINAL_TYPE (TsuCaseView, tsu_case_view, TSU, CASE_VIEW, AdwBin)

gboolean   tsu_case_view_set_case         (TsuCaseView *self,
                                           TsuStore    *store,
                                           gint64       case_id);
gint64     tsu_case_view_get_case_id      (TsuCaseView *self);
void       tsu_case_view_refresh          (TsuCaseView *self);
GtkWindow *tsu_case_view_add_consultation (TsuCaseView *self);
GtkWindow *tsu_case_view_edit_case        (TsuCaseView *self);
GtkWindow *tsu_case_view_schedule_conference (TsuCaseView *self);
AdwMessageDialog *tsu_case_view_delete_case (TsuCaseView *self);
GtkWindow *tsu_case_view_edit_consultation (TsuCaseView     *self,
                                            TsuConsultation *consultation);
AdwMessageDialog *tsu_case_view_edit_member (TsuCaseView   *self,
                                             TsuTeamMember *member);
AdwMessageDialog *tsu_case_view_edit_consent (TsuCaseView *self,
                                              TsuConsent  *consent);

G_END_DECLS
