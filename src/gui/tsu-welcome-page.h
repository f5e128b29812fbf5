/* tsu-welcome-page.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TSU_TYPE_WELCOME_PAGE (tsu_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (TsuWelcomePage, tsu_welcome_page, TSU, WELCOME_PAGE, AdwBin)

void tsu_welcome_page_set_path (TsuWelcomePage *self,
                                const char     *path);

G_END_DECLS
