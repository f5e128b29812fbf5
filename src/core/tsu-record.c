/* tsu-record.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-record"

#include "config.h"

#include "tsu-record.h"

/* A record is one row of one table. Subclasses describe their columns once, in a
 * TsuField table; the base class turns that table into GObject properties (so that
 * lists can bind and sort on them) and the store turns it into SQL. */

typedef union {
  char   *text;
  gint64  num;
} TsuValue;

typedef struct
{
  gint64    id;
  TsuValue *values;
} TsuRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TsuRecord, tsu_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_BASE_PROPS
};

static const TsuField *
field_at (TsuRecord *self,
          guint      field)
{
  TsuRecordClass *klass = TSU_RECORD_GET_CLASS (self);

  g_assert (field < klass->n_fields);
  return &klass->fields[field];
}

static TsuValue *
values_of (TsuRecord *self)
{
  TsuRecordPrivate *priv = tsu_record_get_instance_private (self);
  TsuRecordClass *klass = TSU_RECORD_GET_CLASS (self);

  if (priv->values == NULL)
    priv->values = g_new0 (TsuValue, MAX (klass->n_fields, 1));
  return priv->values;
}

static void
tsu_record_finalize (GObject *object)
{
  TsuRecord *self = TSU_RECORD (object);
  TsuRecordPrivate *priv = tsu_record_get_instance_private (self);
  TsuRecordClass *klass = TSU_RECORD_GET_CLASS (self);

  if (priv->values != NULL)
    {
      for (guint i = 0; i < klass->n_fields; i++)
        if (klass->fields[i].kind == TSU_FIELD_TEXT)
          g_free (priv->values[i].text);
      g_free (priv->values);
    }

  G_OBJECT_CLASS (tsu_record_parent_class)->finalize (object);
}

static void
tsu_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TsuRecord *self = TSU_RECORD (object);
  guint field;

  if (prop_id == PROP_ID)
    {
      g_value_set_int64 (value, tsu_record_get_id (self));
      return;
    }

  field = prop_id - N_BASE_PROPS;
  switch (field_at (self, field)->kind)
    {
    case TSU_FIELD_TEXT:
      g_value_set_string (value, tsu_record_get_text (self, field));
      break;
    case TSU_FIELD_BOOL:
      g_value_set_boolean (value, tsu_record_get_int (self, field) != 0);
      break;
    case TSU_FIELD_INT:
    case TSU_FIELD_REF:
    default:
      g_value_set_int64 (value, tsu_record_get_int (self, field));
      break;
    }
}

static void
tsu_record_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TsuRecord *self = TSU_RECORD (object);
  guint field;

  if (prop_id == PROP_ID)
    {
      tsu_record_set_id (self, g_value_get_int64 (value));
      return;
    }

  field = prop_id - N_BASE_PROPS;
  switch (field_at (self, field)->kind)
    {
    case TSU_FIELD_TEXT:
      tsu_record_set_text (self, field, g_value_get_string (value));
      break;
    case TSU_FIELD_BOOL:
      tsu_record_set_int (self, field, g_value_get_boolean (value));
      break;
    case TSU_FIELD_INT:
    case TSU_FIELD_REF:
    default:
      tsu_record_set_int (self, field, g_value_get_int64 (value));
      break;
    }
}

static void
tsu_record_class_init (TsuRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tsu_record_finalize;
  object_class->get_property = tsu_record_get_property;
  object_class->set_property = tsu_record_set_property;

  g_object_class_install_property (object_class, PROP_ID,
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

static void
tsu_record_init (TsuRecord *self)
{
}

/**
 * tsu_record_class_set_fields:
 * @klass: a record subclass
 * @table: the SQL table that holds the rows
 * @fields: (array length=n_fields): the columns, in the order of the subclass's field enum;
 *   must stay valid for the life of the program
 * @n_fields: the number of columns
 *
 * Describes the columns of a record class and installs one property per column.
 */
void
tsu_record_class_set_fields (TsuRecordClass *klass,
                             const char     *table,
                             const TsuField *fields,
                             guint           n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_NICK |
                            G_PARAM_STATIC_BLURB;

  /* GObject does not inherit these two: each class that installs properties sets them. */
  object_class->get_property = tsu_record_get_property;
  object_class->set_property = tsu_record_set_property;

  klass->table = table;
  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->pspecs = g_new0 (GParamSpec *, n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (fields[i].name), "_", '-');
      GParamSpec *pspec;

      switch (fields[i].kind)
        {
        case TSU_FIELD_TEXT:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case TSU_FIELD_BOOL:
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        case TSU_FIELD_INT:
          pspec = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case TSU_FIELD_REF:
        default:
          pspec = g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0, flags);
          break;
        }
      klass->pspecs[i] = pspec;
      g_object_class_install_property (object_class, N_BASE_PROPS + i, pspec);
    }
}

gint64
tsu_record_get_id (TsuRecord *self)
{
  TsuRecordPrivate *priv = tsu_record_get_instance_private (self);

  g_return_val_if_fail (TSU_IS_RECORD (self), 0);

  return priv->id;
}

void
tsu_record_set_id (TsuRecord *self,
                   gint64     id)
{
  TsuRecordPrivate *priv = tsu_record_get_instance_private (self);

  g_return_if_fail (TSU_IS_RECORD (self));

  if (priv->id != id)
    {
      priv->id = id;
      g_object_notify (G_OBJECT (self), "id");
    }
}

const char *
tsu_record_get_text (TsuRecord *self,
                     guint      field)
{
  g_return_val_if_fail (TSU_IS_RECORD (self), NULL);
  g_return_val_if_fail (field_at (self, field)->kind == TSU_FIELD_TEXT, NULL);

  return values_of (self)[field].text;
}

void
tsu_record_take_text (TsuRecord *self,
                      guint      field,
                      char      *value)
{
  TsuValue *values;

  g_return_if_fail (TSU_IS_RECORD (self));
  g_return_if_fail (field_at (self, field)->kind == TSU_FIELD_TEXT);

  values = values_of (self);
  if (g_strcmp0 (values[field].text, value) == 0)
    {
      g_free (value);
      return;
    }

  g_free (values[field].text);
  values[field].text = value;
  g_object_notify_by_pspec (G_OBJECT (self), TSU_RECORD_GET_CLASS (self)->pspecs[field]);
}

void
tsu_record_set_text (TsuRecord  *self,
                     guint       field,
                     const char *value)
{
  tsu_record_take_text (self, field, g_strdup (value));
}

gint64
tsu_record_get_int (TsuRecord *self,
                    guint      field)
{
  g_return_val_if_fail (TSU_IS_RECORD (self), 0);
  g_return_val_if_fail (field_at (self, field)->kind != TSU_FIELD_TEXT, 0);

  return values_of (self)[field].num;
}

void
tsu_record_set_int (TsuRecord *self,
                    guint      field,
                    gint64     value)
{
  TsuValue *values;

  g_return_if_fail (TSU_IS_RECORD (self));
  g_return_if_fail (field_at (self, field)->kind != TSU_FIELD_TEXT);

  if (field_at (self, field)->kind == TSU_FIELD_BOOL)
    value = value != 0;

  values = values_of (self);
  if (values[field].num == value)
    return;

  values[field].num = value;
  g_object_notify_by_pspec (G_OBJECT (self), TSU_RECORD_GET_CLASS (self)->pspecs[field]);
}

const char *
tsu_record_get_table (TsuRecord *self)
{
  g_return_val_if_fail (TSU_IS_RECORD (self), NULL);

  return TSU_RECORD_GET_CLASS (self)->table;
}

/**
 * tsu_record_get_fields:
 * @self: a record
 * @n_fields: (out): the number of fields
 *
 * Returns: (transfer none) (array length=n_fields): the column description of @self's class
 */
const TsuField *
tsu_record_get_fields (TsuRecord *self,
                       guint     *n_fields)
{
  g_return_val_if_fail (TSU_IS_RECORD (self), NULL);

  return tsu_record_class_get_fields (TSU_RECORD_GET_CLASS (self), NULL, n_fields);
}

const TsuField *
tsu_record_class_get_fields (TsuRecordClass  *klass,
                             const char     **table,
                             guint           *n_fields)
{
  if (table != NULL)
    *table = klass->table;
  if (n_fields != NULL)
    *n_fields = klass->n_fields;
  return klass->fields;
}

/**
 * tsu_record_load_value: (skip)
 *
 * For the store, filling a record it has just created from a row: sets a field
 * without notification (nothing can be listening yet). @text is used for text
 * fields, @number for the others.
 */
void
tsu_record_load_value (TsuRecord  *self,
                       guint       field,
                       const char *text,
                       gint64      number)
{
  TsuValue *values = values_of (self);

  if (field_at (self, field)->kind == TSU_FIELD_TEXT)
    {
      g_free (values[field].text);
      values[field].text = g_strdup (text);
    }
  else
    values[field].num = number;
}
