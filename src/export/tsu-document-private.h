/* tsu-document-private.h: what the documents share
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-document.h"

G_BEGIN_DECLS

/* A participant of a meeting as the documents print them. */
typedef struct {
  char     *name;
  char     *agency;
  char     *profession;
  char     *role;         /* chair, recorder, presenter, family, attendee */
  char     *attendance;   /* unknown, present, online, absent */
  gboolean  family;
} TsuDocumentParticipant;

TsuPerson *tsu_document_load_person           (TsuDocument                  *self,
                                               gint64                        person_id);
TsuAgency *tsu_document_load_agency           (TsuDocument                  *self,
                                               gint64                        agency_id);
GPtrArray *tsu_document_load_participants     (TsuDocument                  *self,
                                               gint64                        meeting_id,
                                               GError                      **error);
char      *tsu_document_agency_and_profession (const TsuDocumentParticipant *p);
char      *tsu_document_load_assignee         (TsuDocument                  *self,
                                               TsuActionItem                *item);
char      *tsu_document_load_person_name      (TsuDocument                  *self,
                                               gint64                        person_id);

G_END_DECLS
