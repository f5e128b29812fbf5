/* tsu-contact-check.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *tsu_contact_normalize (const char  *text);
const char *tsu_contact_check_phone (const char *phone);
const char *tsu_contact_check_email (const char *email);
const char *tsu_contact_check_date  (const char *date);
int         tsu_contact_age_on      (const char *birth_date,
                                     GDateTime  *day);

G_END_DECLS
