/* tsu-consent-marker.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

GtkWidget *tsu_consent_marker_new     (TsuStore        *store,
                                       TsuParticipant  *participant);
char      *tsu_consent_warning_body   (TsuConsentCover  cover);

G_END_DECLS
