/* tsu-municipality.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-municipality"

#include "config.h"

#include "tsu-municipality.h"

/* TsuMunicipality: a municipality of the prefecture (seed data). */

struct _TsuMunicipality
{
  TsuRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (TsuMunicipality, tsu_municipality, TSU_TYPE_RECORD)

static const TsuField fields[TSU_MUNICIPALITY_N_FIELDS] = {
  [TSU_MUNICIPALITY_FIELD_CODE] = { "code", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_MUNICIPALITY_FIELD_NAME] = { "name", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
  [TSU_MUNICIPALITY_FIELD_KANA] = { "kana", TSU_FIELD_TEXT, 0 },
  [TSU_MUNICIPALITY_FIELD_KIND] = { "kind", TSU_FIELD_TEXT, 0 },
  [TSU_MUNICIPALITY_FIELD_REGION] = { "region", TSU_FIELD_TEXT, TSU_FIELD_REQUIRED },
};

TSU_RECORD_TEXT_ACCESSORS (tsu_municipality, TsuMunicipality, code, TSU_MUNICIPALITY_FIELD_CODE)
TSU_RECORD_TEXT_ACCESSORS (tsu_municipality, TsuMunicipality, name, TSU_MUNICIPALITY_FIELD_NAME)
TSU_RECORD_TEXT_ACCESSORS (tsu_municipality, TsuMunicipality, kana, TSU_MUNICIPALITY_FIELD_KANA)
TSU_RECORD_TEXT_ACCESSORS (tsu_municipality, TsuMunicipality, kind, TSU_MUNICIPALITY_FIELD_KIND)
TSU_RECORD_TEXT_ACCESSORS (tsu_municipality, TsuMunicipality, region, TSU_MUNICIPALITY_FIELD_REGION)

static void
tsu_municipality_class_init (TsuMunicipalityClass *klass)
{
  tsu_record_class_set_fields (TSU_RECORD_CLASS (klass), "municipality", fields, G_N_ELEMENTS (fields));
}

static void
tsu_municipality_init (TsuMunicipality *self)
{
}

TsuMunicipality *
tsu_municipality_new (void)
{
  return g_object_new (TSU_TYPE_MUNICIPALITY, NULL);
}
