/* tsu-record.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The kinds of value a stored field holds. */
typedef enum {
  TSU_FIELD_TEXT,   /* UTF-8 text; NULL is "not set" */
  TSU_FIELD_INT,    /* gint64 */
  TSU_FIELD_BOOL,   /* gboolean stored as 0/1 */
  TSU_FIELD_REF,    /* id of another row; 0 is "none" and is stored as NULL */
} TsuFieldKind;

typedef enum {
  TSU_FIELD_REQUIRED = 1 << 0,  /* text must be non-empty, a reference non-zero */
  TSU_FIELD_LONG     = 1 << 1,  /* long free text: up to TSU_RECORD_MAX_LONG_TEXT bytes */
  TSU_FIELD_UNSET_0  = 1 << 2,  /* an INT where 0 means "not set" and is stored as NULL */
} TsuFieldFlags;

/* Limits on text fields, in bytes; longer text is refused by the store. */
#define TSU_RECORD_MAX_TEXT      4096
#define TSU_RECORD_MAX_LONG_TEXT (1024 * 1024)

typedef struct {
  const char   *name;   /* column name; the property name is the same with '-' for '_' */
  TsuFieldKind  kind;
  TsuFieldFlags flags;
} TsuField;

#define TSU_TYPE_RECORD (tsu_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (TsuRecord, tsu_record, TSU, RECORD, GObject)

struct _TsuRecordClass
{
  GObjectClass parent_class;

  /*< private >*/
  const char     *table;
  const TsuField *fields;
  guint           n_fields;
  GParamSpec    **pspecs;
};

void            tsu_record_class_set_fields (TsuRecordClass *klass,
                                             const char     *table,
                                             const TsuField *fields,
                                             guint           n_fields);

gint64          tsu_record_get_id           (TsuRecord      *self);
void            tsu_record_set_id           (TsuRecord      *self,
                                             gint64          id);

const char     *tsu_record_get_text         (TsuRecord      *self,
                                             guint           field);
void            tsu_record_set_text         (TsuRecord      *self,
                                             guint           field,
                                             const char     *value);
void            tsu_record_take_text        (TsuRecord      *self,
                                             guint           field,
                                             char           *value);
gint64          tsu_record_get_int          (TsuRecord      *self,
                                             guint           field);
void            tsu_record_set_int          (TsuRecord      *self,
                                             guint           field,
                                             gint64          value);

void            tsu_record_load_value       (TsuRecord      *self,
                                             guint           field,
                                             const char     *text,
                                             gint64          number);

const char     *tsu_record_get_table        (TsuRecord      *self);
const TsuField *tsu_record_get_fields       (TsuRecord      *self,
                                             guint          *n_fields);
const TsuField *tsu_record_class_get_fields (TsuRecordClass *klass,
                                             const char    **table,
                                             guint          *n_fields);

/* Typed accessors for an entity, written once here instead of by hand in every class.
 * TSU_RECORD_TEXT_ACCESSORS (tsu_meeting, TsuMeeting, title, FIELD_TITLE) gives
 * tsu_meeting_get_title() and tsu_meeting_set_title(). */
#define TSU_RECORD_TEXT_ACCESSORS(prefix, Type, name, field)                        \
  const char *prefix##_get_##name (Type *self)                                      \
  { return tsu_record_get_text (TSU_RECORD (self), field); }                        \
  void prefix##_set_##name (Type *self, const char *value)                          \
  { tsu_record_set_text (TSU_RECORD (self), field, value); }

#define TSU_RECORD_INT_ACCESSORS(prefix, Type, name, field)                         \
  gint64 prefix##_get_##name (Type *self)                                           \
  { return tsu_record_get_int (TSU_RECORD (self), field); }                         \
  void prefix##_set_##name (Type *self, gint64 value)                               \
  { tsu_record_set_int (TSU_RECORD (self), field, value); }

#define TSU_RECORD_BOOL_ACCESSORS(prefix, Type, name, field)                        \
  gboolean prefix##_get_##name (Type *self)                                         \
  { return tsu_record_get_int (TSU_RECORD (self), field) != 0; }                    \
  void prefix##_set_##name (Type *self, gboolean value)                             \
  { tsu_record_set_int (TSU_RECORD (self), field, value); }

#define TSU_RECORD_DECLARE_BOOL(prefix, Type, name)                                 \
  gboolean prefix##_get_##name (Type *self);                                        \
  void prefix##_set_##name (Type *self, gboolean value);

#define TSU_RECORD_DECLARE_TEXT(prefix, Type, name)                                 \
  const char *prefix##_get_##name (Type *self);                                     \
  void prefix##_set_##name (Type *self, const char *value);

#define TSU_RECORD_DECLARE_INT(prefix, Type, name)                                  \
  gint64 prefix##_get_##name (Type *self);                                          \
  void prefix##_set_##name (Type *self, gint64 value);

G_END_DECLS
