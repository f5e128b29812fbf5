/* tsu-assignee-picker.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

typedef enum {
  TSU_ASSIGNEE_NONE,
  TSU_ASSIGNEE_PERSON,
  TSU_ASSIGNEE_AGENCY,
  TSU_ASSIGNEE_NAME,
} TsuAssigneeKind;

#define TSU_TYPE_ASSIGNEE_PICKER (tsu_assignee_picker_get_type ())
G_DECLARE_FINAL_TYPE (TsuAssigneePicker, tsu_assignee_picker, TSU, ASSIGNEE_PICKER, GtkWidget)

GtkWidget       *tsu_assignee_picker_new        (void);
void             tsu_assignee_picker_set_store  (TsuAssigneePicker *self,
                                                 TsuStore          *store,
                                                 gint64             meeting_id);
void             tsu_assignee_picker_set_from   (TsuAssigneePicker *self,
                                                 TsuActionItem     *item);
void             tsu_assignee_picker_apply      (TsuAssigneePicker *self,
                                                 TsuActionItem     *item);
void             tsu_assignee_picker_select     (TsuAssigneePicker *self,
                                                 TsuAssigneeKind    kind,
                                                 gint64             id,
                                                 const char        *name);
TsuAssigneeKind  tsu_assignee_picker_get_kind   (TsuAssigneePicker *self);
const char      *tsu_assignee_picker_get_label  (TsuAssigneePicker *self);
void             tsu_assignee_picker_popup      (TsuAssigneePicker *self);
void             tsu_assignee_picker_popdown    (TsuAssigneePicker *self);

char            *tsu_assignee_describe          (TsuStore          *store,
                                                 TsuActionItem     *item);

G_END_DECLS
