/* tsu-vocabulary.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-vocabulary"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tsu-vocabulary.h"

/* One table per list: the code kept in the database, the English word of the UI
 * (translated through gettext) and the Japanese word of GLOSSARY.md, which CSV files
 * use whatever the locale so that a file round-trips between machines. */

typedef struct {
  const char *code;
  const char *label;
  const char *japanese;
} Term;

static const Term meeting_kinds[] = {
  { "case-conference",   N_("Case conference"), "ケース会議" },
  { "municipal-council", N_("Municipal council"), "協議の場" },
  { "liaison",           N_("Multi-agency liaison meeting"), "多機関連絡会議" },
  { "training",          N_("Training"), "研修" },
  { "internal",          N_("Internal meeting"), "センター内会議" },
  { "other",             N_("Other"), "その他" },
  { NULL }
};

static const Term meeting_statuses[] = {
  { "scheduled", N_("Scheduled"), "予定" },
  { "held",      N_("Held"), "開催済み" },
  { "cancelled", N_("Cancelled"), "中止" },
  { NULL }
};

static const Term case_statuses[] = {
  { "intake",    N_("Intake"), "受付" },
  { "active",    N_("Active"), "支援中" },
  { "difficult", N_("Difficult case"), "困難ケース" },
  { "closed",    N_("Closed"), "終結" },
  { NULL }
};

static const Term agency_kinds[] = {
  { "municipality",         N_("Municipality"), "市町村" },
  { "prefecture",           N_("Prefecture"), "県" },
  { "health-center",        N_("Public health center"), "保健所・保健センター" },
  { "hospital",             N_("Hospital"), "病院" },
  { "clinic",               N_("Clinic"), "診療所" },
  { "visiting-nursing",     N_("Home-visit nursing station"), "訪問看護ステーション" },
  { "consultation-support", N_("Consultation support office"), "相談支援事業所" },
  { "child-development",    N_("Child development support"), "障害児通所支援事業所" },
  { "short-stay",           N_("Short-term stay"), "短期入所" },
  { "home-help",            N_("Home help"), "居宅介護" },
  { "medical-day-care",     N_("Day care for medical needs"), "医療型児童発達支援" },
  { "school",               N_("School"), "学校" },
  { "board-of-education",   N_("Board of education"), "教育委員会" },
  { "nursery",              N_("Nursery"), "保育所・幼稚園・認定こども園" },
  { "child-guidance",       N_("Child guidance center"), "児童相談所" },
  { "residential",          N_("Residential facility for children with disabilities"), "障害児入所施設" },
  { "support-programme",    N_("Specialised support programme"), "障害児等療育支援事業" },
  { "pharmacy",             N_("Pharmacy"), "薬局" },
  { "equipment",            N_("Medical equipment supplier"), "医療機器事業者" },
  { "other",                N_("Other"), "その他" },
  { NULL }
};

static const Term services[] = {
  { "visiting-nursing",     N_("Home-visit nursing"), "訪問看護" },
  { "short-stay",           N_("Short-term stay"), "短期入所" },
  { "medical-day-care",     N_("Day care for medical needs"), "医療型児童発達支援" },
  { "day-care",             N_("Day-time temporary care"), "日中一時支援" },
  { "consultation-support", N_("Consultation support"), "相談支援" },
  { "child-development",    N_("Child development support"), "児童発達支援" },
  { "after-school",         N_("After-school day service"), "放課後等デイサービス" },
  { "home-help",            N_("Home help"), "居宅介護" },
  { "rehabilitation",       N_("Rehabilitation"), "リハビリテーション" },
  { "respite",              N_("Respite care"), "レスパイト" },
  { NULL }
};

static const Term participant_roles[] = {
  { "chair",     N_("Chair"), "司会" },
  { "recorder",  N_("Recorder"), "記録" },
  { "presenter", N_("Presenter"), "説明者" },
  { "family",    N_("Family"), "家族" },
  { "attendee",  N_("Attendee"), "出席者" },
  { NULL }
};

static const Term partstats[] = {
  { "needs-action", N_("Not answered"), "未回答" },
  { "accepted",     N_("Accepted"), "出席" },
  { "declined",     N_("Declined"), "欠席" },
  { "tentative",    N_("Tentative"), "未定" },
  { NULL }
};

static const Term attendances[] = {
  { "unknown", N_("Not recorded"), "未記録" },
  { "present", N_("Present"), "出席" },
  { "online",  N_("Online"), "オンライン出席" },
  { "absent",  N_("Absent"), "欠席" },
  { NULL }
};

static const Term channels[] = {
  { "phone",    N_("Phone"), "電話" },
  { "visit",    N_("Visit"), "来所" },
  { "online",   N_("Online"), "オンライン" },
  { "outreach", N_("Outreach"), "訪問" },
  { "mail",     N_("Mail"), "メール" },
  { "other",    N_("Other"), "その他" },
  { NULL }
};

static const Term action_statuses[] = {
  { "open",    N_("Open"), "未完了" },
  { "done",    N_("Done"), "完了" },
  { "dropped", N_("Dropped"), "取りやめ" },
  { NULL }
};

static const Term *vocabularies[TSU_N_VOCABULARIES] = {
  [TSU_VOCABULARY_MEETING_KIND] = meeting_kinds,
  [TSU_VOCABULARY_MEETING_STATUS] = meeting_statuses,
  [TSU_VOCABULARY_CASE_STATUS] = case_statuses,
  [TSU_VOCABULARY_AGENCY_KIND] = agency_kinds,
  [TSU_VOCABULARY_SERVICE] = services,
  [TSU_VOCABULARY_PARTICIPANT_ROLE] = participant_roles,
  [TSU_VOCABULARY_PARTSTAT] = partstats,
  [TSU_VOCABULARY_ATTENDANCE] = attendances,
  [TSU_VOCABULARY_CHANNEL] = channels,
  [TSU_VOCABULARY_ACTION_STATUS] = action_statuses,
};

static const Term *
find (TsuVocabulary  vocabulary,
      const char    *code)
{
  g_return_val_if_fail (vocabulary < TSU_N_VOCABULARIES, NULL);

  for (const Term *t = vocabularies[vocabulary]; code != NULL && t->code != NULL; t++)
    if (strcmp (t->code, code) == 0)
      return t;
  return NULL;
}

/**
 * tsu_vocabulary_label:
 *
 * Returns: (transfer none): the translated word for @code; a code this version does
 *   not know is returned as it is rather than hidden
 */
const char *
tsu_vocabulary_label (TsuVocabulary  vocabulary,
                      const char    *code)
{
  const Term *t = find (vocabulary, code);

  return t != NULL ? g_dgettext (GETTEXT_PACKAGE, t->label) : (code != NULL ? code : "");
}

/**
 * tsu_vocabulary_japanese:
 *
 * Returns: (transfer none): the Japanese word for @code whatever the locale
 */
const char *
tsu_vocabulary_japanese (TsuVocabulary  vocabulary,
                         const char    *code)
{
  const Term *t = find (vocabulary, code);

  return t != NULL ? t->japanese : (code != NULL ? code : "");
}

/**
 * tsu_vocabulary_lookup:
 * @text: a code, its English word, its Japanese word or its translated word
 *
 * Returns: (transfer none) (nullable): the code, or %NULL when @text names none
 */
const char *
tsu_vocabulary_lookup (TsuVocabulary  vocabulary,
                       const char    *text)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (vocabulary < TSU_N_VOCABULARIES, NULL);
  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));

  for (const Term *t = vocabularies[vocabulary]; t->code != NULL; t++)
    if (strcmp (t->code, stripped) == 0 || strcmp (t->japanese, stripped) == 0 ||
        g_ascii_strcasecmp (t->label, stripped) == 0 ||
        strcmp (g_dgettext (GETTEXT_PACKAGE, t->label), stripped) == 0)
      return t->code;
  return NULL;
}

/**
 * tsu_vocabulary_codes:
 *
 * Returns: (transfer full): the codes of @vocabulary, in the order people see them
 */
GStrv
tsu_vocabulary_codes (TsuVocabulary vocabulary)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (vocabulary < TSU_N_VOCABULARIES, NULL);

  for (const Term *t = vocabularies[vocabulary]; t->code != NULL; t++)
    g_strv_builder_add (builder, t->code);
  return g_strv_builder_end (builder);
}
