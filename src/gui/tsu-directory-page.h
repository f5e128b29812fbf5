/* tsu-directory-page.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

#define TSU_TYPE_DIRECTORY_PAGE (tsu_directory_page_get_type ())
G_DECLARE_FINAL_TYPE (TsuDirectoryPage, tsu_directory_page, TSU, DIRECTORY_PAGE, AdwBin)

TsuStore   *tsu_directory_page_get_store        (TsuDirectoryPage *self);
void        tsu_directory_page_set_store        (TsuDirectoryPage *self,
                                                 TsuStore         *store);
GListModel *tsu_directory_page_get_model        (TsuDirectoryPage *self);
GListModel *tsu_directory_page_get_person_model (TsuDirectoryPage *self);
void        tsu_directory_page_show_list        (TsuDirectoryPage *self,
                                                 const char       *name);
gboolean    tsu_directory_page_set_filter       (TsuDirectoryPage *self,
                                                 const char       *filter,
                                                 const char       *key);
GtkWindow  *tsu_directory_page_edit             (TsuDirectoryPage *self,
                                                 TsuRecord        *record);
GtkWindow  *tsu_directory_page_import_file      (TsuDirectoryPage *self,
                                                 GFile            *file);
void        tsu_directory_page_reload           (TsuDirectoryPage *self);

G_END_DECLS
