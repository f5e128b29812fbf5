/* tsu-application.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The icon of the application, in the icon theme and in the resources. */
#define TSU_APPLICATION_ICON "io.github.tsunagu.Tsunagu"

#define TSU_TYPE_APPLICATION (tsu_application_get_type ())
G_DECLARE_FINAL_TYPE (TsuApplication, tsu_application, TSU, APPLICATION, AdwApplication)

TsuApplication *tsu_application_new           (const char        *application_id,
                                               GApplicationFlags  flags);
GtkWindow      *tsu_application_open_database (TsuApplication    *self,
                                               const char        *path,
                                               gboolean           demo);
GtkWindow      *tsu_application_report_error  (TsuApplication    *self,
                                               const char        *heading,
                                               const char        *message);

G_END_DECLS
