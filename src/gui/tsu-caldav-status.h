/* tsu-caldav-status.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TSU_TYPE_CALDAV_STATUS (tsu_caldav_status_get_type ())
G_DECLARE_FINAL_TYPE (TsuCaldavStatus, tsu_caldav_status, TSU, CALDAV_STATUS, AdwBin)

void tsu_caldav_status_sync_now (TsuCaldavStatus *self);

G_END_DECLS
