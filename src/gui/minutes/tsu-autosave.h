/* tsu-autosave.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_AUTOSAVE_DEFAULT_DELAY 500

#define TSU_TYPE_AUTOSAVE (tsu_autosave_get_type ())
G_DECLARE_FINAL_TYPE (TsuAutosave, tsu_autosave, TSU, AUTOSAVE, GObject)

TsuAutosave *tsu_autosave_new         (const char   *path);
const char  *tsu_autosave_get_path    (TsuAutosave  *self);
void         tsu_autosave_set_store   (TsuAutosave  *self,
                                       TsuStore     *store);
void         tsu_autosave_set_delay   (TsuAutosave  *self,
                                       guint         delay_ms);
void         tsu_autosave_queue       (TsuAutosave  *self,
                                       GType         type,
                                       gint64        id,
                                       const char   *property,
                                       const char   *text);
void         tsu_autosave_forget      (TsuAutosave  *self,
                                       GType         type,
                                       gint64        id);
gboolean     tsu_autosave_get_pending (TsuAutosave  *self);
gboolean     tsu_autosave_flush       (TsuAutosave  *self,
                                       GError      **error);

G_END_DECLS
