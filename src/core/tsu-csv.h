/* tsu-csv.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tsu-store.h"

G_BEGIN_DECLS

typedef enum {
  TSU_CSV_AGENCIES,
  TSU_CSV_PERSONS,
} TsuCsvKind;

typedef enum {
  TSU_CSV_ENCODING_AUTO,
  TSU_CSV_ENCODING_UTF8,
  TSU_CSV_ENCODING_CP932,
} TsuCsvEncoding;

/* Files larger than this are refused before they are read. */
#define TSU_CSV_MAX_BYTES (32 * 1024 * 1024)

typedef struct {
  guint  line;     /* the line of the file where the row starts */
  char  *message;
} TsuCsvProblem;

typedef struct _TsuCsvPlan TsuCsvPlan;

TsuCsvPlan  *tsu_csv_plan_new            (TsuStore        *store,
                                          TsuCsvKind       kind,
                                          GBytes          *contents,
                                          TsuCsvEncoding   encoding,
                                          GError         **error);
void         tsu_csv_plan_free           (TsuCsvPlan      *plan);
const char  *tsu_csv_plan_get_encoding   (TsuCsvPlan      *plan);
GPtrArray   *tsu_csv_plan_get_new        (TsuCsvPlan      *plan);
GPtrArray   *tsu_csv_plan_get_duplicates (TsuCsvPlan      *plan);
GPtrArray   *tsu_csv_plan_get_problems   (TsuCsvPlan      *plan);
gboolean     tsu_csv_plan_apply          (TsuCsvPlan      *plan,
                                          TsuStore        *store,
                                          GError         **error);

/* UTF-8 byte order mark: Excel reads a CSV file as UTF-8 only with it. */
#define TSU_CSV_BOM "\xef\xbb\xbf"

void         tsu_csv_append_field        (GString         *out,
                                          const char      *text,
                                          gboolean         last);

GBytes      *tsu_csv_export              (TsuStore        *store,
                                          TsuCsvKind       kind,
                                          GError         **error);

gboolean     tsu_csv_kind_from_string    (const char      *text,
                                          TsuCsvKind      *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsuCsvPlan, tsu_csv_plan_free)

G_END_DECLS
