/* tsu-consultation.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-consultation"

#include "config.h"

#include "tsu-consultation.h"

/* TsuConsultation: one entry of the consultation log of a case (相談記録). */

struct _TsuConsultation
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuConsultation, tsu_consultation, TSU_TYPE_RECORD)

static const TsuField fields[TSU_CONSULTATION_N_FIELDS] = {
  [TSU_CONSULTATION_FIELD_CASE_ID] = { "case_id", TSU_FIELD_REF, TSU_FIELD_REQUIRED },
  [TSU_CONSULTATION_FIELD_OCCURRED_AT] = { "occurred_at", TSU_FIELD_INT, 0 },
  [TSU_CONSULTATION_FIELD_CHANNEL] = { "channel", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_CONSULTATION_FIELD_ASKED_BY] = { "asked_by", TSU_FIELD_TEXT, 0 },
  [TSU_CONSULTATION_FIELD_TOPICS] = { "topics", TSU_FIELD_TEXT, 0 },
  [TSU_CONSULTATION_FIELD_REFERRED_TO] = { "referred_to", TSU_FIELD_TEXT, 0 },
  [TSU_CONSULTATION_FIELD_STAFF_ID] = { "staff_id", TSU_FIELD_REF, 0 },
  [TSU_CONSULTATION_FIELD_NOTES] = { "notes", TSU_FIELD_TEXT, TSU_FIELD_LONG },
};

TSU_RECORD_INT_ACCESSORS (tsu_consultation, TsuConsultation, case_id, TSU_CONSULTATION_FIELD_CASE_ID)
TSU_RECORD_INT_ACCESSORS (tsu_consultation, TsuConsultation, occurred_at, TSU_CONSULTATION_FIELD_OCCURRED_AT)
TSU_RECORD_TEXT_ACCESSORS (tsu_consultation, TsuConsultation, channel, TSU_CONSULTATION_FIELD_CHANNEL)
TSU_RECORD_TEXT_ACCESSORS (tsu_consultation, TsuConsultation, asked_by, TSU_CONSULTATION_FIELD_ASKED_BY)
TSU_RECORD_TEXT_ACCESSORS (tsu_consultation, TsuConsultation, topics, TSU_CONSULTATION_FIELD_TOPICS)
TSU_RECORD_TEXT_ACCESSORS (tsu_consultation, TsuConsultation, referred_to, TSU_CONSULTATION_FIELD_REFERRED_TO)
TSU_RECORD_INT_ACCESSORS (tsu_consultation, TsuConsultation, staff_id, TSU_CONSULTATION_FIELD_STAFF_ID)
TSU_RECORD_TEXT_ACCESSORS (tsu_consultation, TsuConsultation, notes, TSU_CONSULTATION_FIELD_NOTES)

static void
tsu_consultation_class_init (TsuConsultationClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "consultation", fields, G_N_ELEMENTS (fields));
}

static void
tsu_consultation_init (TsuConsultation *self)
{
}

TsuConsultation *
tsu_consultation_new (void)
{
  TsuConsultation *self = g_object_new (TSU_TYPE_CONSULTATION, NULL);

  tsu_consultation_set_channel (self, "phone");

  return self;
}
