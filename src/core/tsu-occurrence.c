/* tsu-occurrence.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-occurrence"

#include "config.h"

#include "tsu-occurrence.h"

/* One occurrence of a meeting in time: a single meeting, one expanded instance of a
 * series (recurrence-id is its original start), or an overridden instance. */

struct _TsuOccurrence
{
  GObject     parent_instance;

  TsuMeeting *meeting;
  gint64      starts_at;
  gint64      ends_at;
  gint64      recurrence_id;
};

G_DEFINE_FINAL_TYPE (TsuOccurrence, tsu_occurrence, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEETING,
  PROP_STARTS_AT,
  PROP_ENDS_AT,
  PROP_RECURRENCE_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tsu_occurrence_dispose (GObject *object)
{
  TsuOccurrence *self = TSU_OCCURRENCE (object);

  g_clear_object (&self->meeting);

  G_OBJECT_CLASS (tsu_occurrence_parent_class)->dispose (object);
}

static void
tsu_occurrence_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TsuOccurrence *self = TSU_OCCURRENCE (object);

  switch (prop_id)
    {
    case PROP_MEETING:
      g_value_set_object (value, self->meeting);
      break;
    case PROP_STARTS_AT:
      g_value_set_int64 (value, self->starts_at);
      break;
    case PROP_ENDS_AT:
      g_value_set_int64 (value, self->ends_at);
      break;
    case PROP_RECURRENCE_ID:
      g_value_set_int64 (value, self->recurrence_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, tsu_occurrence_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_occurrence_class_init (TsuOccurrenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tsu_occurrence_dispose;
  object_class->get_property = tsu_occurrence_get_property;

  properties[PROP_MEETING] =
    g_param_spec_object ("meeting", NULL, NULL, TSU_TYPE_MEETING,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARTS_AT] =
    g_param_spec_int64 ("starts-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENDS_AT] =
    g_param_spec_int64 ("ends-at", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECURRENCE_ID] =
    g_param_spec_int64 ("recurrence-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tsu_occurrence_init (TsuOccurrence *self)
{
}

/**
 * tsu_occurrence_new:
 * @meeting: the meeting row (a single meeting, a series master or an override)
 * @starts_at: start of this occurrence, Unix seconds
 * @ends_at: end of this occurrence
 * @recurrence_id: original start of the occurrence within its series; 0 for a single meeting
 */
TsuOccurrence *
tsu_occurrence_new (TsuMeeting *meeting,
                    gint64      starts_at,
                    gint64      ends_at,
                    gint64      recurrence_id)
{
  TsuOccurrence *self;

  g_return_val_if_fail (TSU_IS_MEETING (meeting), NULL);

  self = g_object_new (TSU_TYPE_OCCURRENCE, NULL);
  self->meeting = g_object_ref (meeting);
  self->starts_at = starts_at;
  self->ends_at = ends_at;
  self->recurrence_id = recurrence_id;
  return self;
}

TsuMeeting *
tsu_occurrence_get_meeting (TsuOccurrence *self)
{
  g_return_val_if_fail (TSU_IS_OCCURRENCE (self), NULL);
  return self->meeting;
}

gint64
tsu_occurrence_get_starts_at (TsuOccurrence *self)
{
  g_return_val_if_fail (TSU_IS_OCCURRENCE (self), 0);
  return self->starts_at;
}

gint64
tsu_occurrence_get_ends_at (TsuOccurrence *self)
{
  g_return_val_if_fail (TSU_IS_OCCURRENCE (self), 0);
  return self->ends_at;
}

gint64
tsu_occurrence_get_recurrence_id (TsuOccurrence *self)
{
  g_return_val_if_fail (TSU_IS_OCCURRENCE (self), 0);
  return self->recurrence_id;
}

const char *
tsu_occurrence_get_title (TsuOccurrence *self)
{
  g_return_val_if_fail (TSU_IS_OCCURRENCE (self), NULL);
  return tsu_meeting_get_title (self->meeting);
}
