/* tsu-vocabulary.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The closed lists of the domain model: codes stored in the database, with their
 * words for people. */
typedef enum {
  TSU_VOCABULARY_MEETING_KIND,
  TSU_VOCABULARY_MEETING_STATUS,
  TSU_VOCABULARY_CASE_STATUS,
  TSU_VOCABULARY_AGENCY_KIND,
  TSU_VOCABULARY_SERVICE,
  TSU_VOCABULARY_PARTICIPANT_ROLE,
  TSU_VOCABULARY_PARTSTAT,
  TSU_VOCABULARY_ATTENDANCE,
  TSU_VOCABULARY_CHANNEL,
  TSU_VOCABULARY_ACTION_STATUS,
  TSU_N_VOCABULARIES
} TsuVocabulary;

const char  *tsu_vocabulary_label    (TsuVocabulary  vocabulary,
                                      const char    *code);
const char  *tsu_vocabulary_japanese (TsuVocabulary  vocabulary,
                                      const char    *code);
const char  *tsu_vocabulary_lookup   (TsuVocabulary  vocabulary,
                                      const char    *text);
GStrv        tsu_vocabulary_codes    (TsuVocabulary  vocabulary);

G_END_DECLS
