/* tsu-invitation.h: sending a meeting's invitation by e-mail
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "tsunagu-core.h"

G_BEGIN_DECLS

/* An invitation written to a file, ready to attach to an e-mail. */
typedef struct {
  GFile    *file;        /* the iTIP file */
  GBytes   *ics;         /* its contents */
  char     *subject;     /* the e-mail's subject: the summary as exported (names masked) */
  GStrv     recipients;  /* the participants' e-mail addresses */
  gboolean  cancel;      /* METHOD:CANCEL, for a cancelled meeting */
} TsuInvitation;

void           tsu_invitation_free       (TsuInvitation      *self);
TsuInvitation *tsu_invitation_write      (TsuStore           *store,
                                          gint64              meeting_id,
                                          const char         *folder,
                                          GError            **error);
GStrv          tsu_invitation_mail_argv  (TsuInvitation      *self,
                                          const char         *program);
char          *tsu_invitation_mailto_uri (TsuInvitation      *self);

GtkWindow     *tsu_invitation_send       (GtkWindow          *parent,
                                          TsuStore           *store,
                                          gint64              meeting_id);
void           tsu_invitation_save       (GtkWindow          *parent,
                                          TsuStore           *store,
                                          gint64              meeting_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsuInvitation, tsu_invitation_free)

G_END_DECLS
