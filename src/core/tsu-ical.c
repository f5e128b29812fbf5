/* tsu-ical.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-ical"

#include "config.h"

#include <string.h>

#include "tsu-ical.h"

/* The meeting kinds as CATEGORIES. The English labels are written (calendars show them
 * as they are, whatever the reader's language); the Japanese terms of the glossary are
 * understood too, since councils label their own files that way. */

typedef struct {
  const char *kind;
  const char *label;
  const char *aliases[3];
} KindLabel;

static const KindLabel kind_labels[] = {
  { "case-conference", "Case conference", { "ケース会議", "個別ケース検討会議", NULL } },
  { "municipal-council", "Municipal council", { "市町村の協議の場", "協議の場", NULL } },
  { "liaison", "Multi-agency liaison meeting", { "多機関連絡会議", "Liaison meeting", NULL } },
  { "training", "Training", { "研修", NULL, NULL } },
  { "internal", "Internal meeting", { "センター内会議", NULL, NULL } },
  { "other", "Other", { NULL, NULL, NULL } },
};

G_DEFINE_QUARK (tsu-ical-error-quark, tsu_ical_error)

/**
 * tsu_ical_kind_to_category:
 * @kind: a meeting kind ("case-conference", …)
 *
 * Returns: (transfer none): the CATEGORIES value written for @kind
 */
const char *
tsu_ical_kind_to_category (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind, kind_labels[i].kind) == 0)
      return kind_labels[i].label;
  return "Other";
}

/**
 * tsu_ical_kind_from_category:
 * @category: one value of a CATEGORIES property
 *
 * Returns: (transfer none) (nullable): the meeting kind @category names (the kind
 *   itself, its English label or its Japanese term, case and surrounding blanks
 *   ignored), or %NULL
 */
const char *
tsu_ical_kind_from_category (const char *category)
{
  g_autofree char *trimmed = NULL;

  if (category == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (category));

  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    {
      const KindLabel *k = &kind_labels[i];

      if (g_ascii_strcasecmp (trimmed, k->kind) == 0 || g_ascii_strcasecmp (trimmed, k->label) == 0)
        return k->kind;
      for (guint j = 0; j < G_N_ELEMENTS (k->aliases) && k->aliases[j] != NULL; j++)
        if (strcmp (trimmed, k->aliases[j]) == 0)
          return k->kind;
    }
  return NULL;
}

gboolean
tsu_ical_is_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind, kind_labels[i].kind) == 0)
      return TRUE;
  return FALSE;
}

/**
 * tsu_ical_tokyo_vtimezone:
 *
 * Japan has kept +09:00 without daylight saving time since 1951, so one STANDARD
 * observance describes every meeting Tsunagu holds. Written out here rather than taken
 * from libical, whose zones carry a "/freeassociation.sourceforge.net/" TZID.
 *
 * Returns: (transfer none): the VTIMEZONE of Asia/Tokyo, lines ending in CRLF
 */
const char *
tsu_ical_tokyo_vtimezone (void)
{
  return "BEGIN:VTIMEZONE\r\n"
         "TZID:Asia/Tokyo\r\n"
         "X-LIC-LOCATION:Asia/Tokyo\r\n"
         "BEGIN:STANDARD\r\n"
         "TZOFFSETFROM:+0900\r\n"
         "TZOFFSETTO:+0900\r\n"
         "TZNAME:JST\r\n"
         "DTSTART:19700101T000000\r\n"
         "END:STANDARD\r\n"
         "END:VTIMEZONE\r\n";
}
