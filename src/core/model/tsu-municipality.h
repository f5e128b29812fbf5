/* tsu-municipality.h
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsu-record.h"

G_BEGIN_DECLS

typedef enum {
  TSU_MUNICIPALITY_FIELD_CODE,
  TSU_MUNICIPALITY_FIELD_NAME,
  TSU_MUNICIPALITY_FIELD_KANA,
  TSU_MUNICIPALITY_FIELD_KIND,
  TSU_MUNICIPALITY_FIELD_REGION,
  TSU_MUNICIPALITY_N_FIELDS
} TsuMunicipalityField;

#define TSU_TYPE_MUNICIPALITY (tsu_municipality_get_type ())
G_DECLARE_FINAL_TYPE (TsuMunicipality, tsu_municipality, TSU, MUNICIPALITY, TsuRecord)

TsuMunicipality *tsu_municipality_new (void);

TSU_RECORD_DECLARE_TEXT (tsu_municipality, TsuMunicipality, code)
TSU_RECORD_DECLARE_TEXT (tsu_municipality, TsuMunicipality, name)
TSU_RECORD_DECLARE_TEXT (tsu_municipality, TsuMunicipality, kana)
TSU_RECORD_DECLARE_TEXT (tsu_municipality, TsuMunicipality, kind)
TSU_RECORD_DECLARE_TEXT (tsu_municipality, TsuMunicipality, region)

G_END_DECLS
