/* tsu-demo.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "tsu-database.h"
#include "tsu-demo.h"
#include "tsu-recurrence.h"
#include "tsu-store.h"

/* Demo data: a prefectural center's years of work, made up but shaped like the real
 * thing — agencies of every kind across Saitama's municipalities, their staff, cases
 * with medical-care needs, teams and consent, a monthly council per municipality,
 * case conferences, trainings, and minutes with decisions and action items. Rows are
 * written with plain INSERTs in one transaction (the store's per-record checks and
 * audit lines would only slow a bulk load of data that is valid by construction).
 * The same options give the same rows. */

#define TOKYO_OFFSET (9 * 3600)
#define DAY (24 * 3600)

typedef struct {
  const char *kanji;
  const char *kana;
} Word;

static const Word family_names[] = {
  { "佐藤", "さとう" }, { "鈴木", "すずき" }, { "高橋", "たかはし" }, { "田中", "たなか" },
  { "伊藤", "いとう" }, { "渡辺", "わたなべ" }, { "山本", "やまもと" }, { "中村", "なかむら" },
  { "小林", "こばやし" }, { "加藤", "かとう" }, { "吉田", "よしだ" }, { "山田", "やまだ" },
  { "佐々木", "ささき" }, { "山口", "やまぐち" }, { "松本", "まつもと" }, { "井上", "いのうえ" },
  { "木村", "きむら" }, { "林", "はやし" }, { "斎藤", "さいとう" }, { "清水", "しみず" },
  { "山崎", "やまざき" }, { "森", "もり" }, { "池田", "いけだ" }, { "橋本", "はしもと" },
  { "阿部", "あべ" }, { "石川", "いしかわ" }, { "山下", "やました" }, { "中島", "なかじま" },
  { "石井", "いしい" }, { "小川", "おがわ" }, { "前田", "まえだ" }, { "岡田", "おかだ" },
  { "長谷川", "はせがわ" }, { "藤田", "ふじた" }, { "後藤", "ごとう" }, { "近藤", "こんどう" },
  { "村上", "むらかみ" }, { "遠藤", "えんどう" }, { "青木", "あおき" }, { "坂本", "さかもと" },
};

static const Word adult_names[] = {
  { "恵子", "けいこ" }, { "由美", "ゆみ" }, { "直子", "なおこ" }, { "真理", "まり" },
  { "智子", "ともこ" }, { "美穂", "みほ" }, { "裕子", "ゆうこ" }, { "明美", "あけみ" },
  { "久美子", "くみこ" }, { "陽子", "ようこ" }, { "麻衣", "まい" }, { "彩", "あや" },
  { "千尋", "ちひろ" }, { "香織", "かおり" }, { "浩", "ひろし" }, { "誠", "まこと" },
  { "健一", "けんいち" }, { "大輔", "だいすけ" }, { "拓也", "たくや" }, { "直樹", "なおき" },
  { "和也", "かずや" }, { "哲也", "てつや" }, { "隆", "たかし" }, { "修", "おさむ" },
  { "聡", "さとし" }, { "剛", "つよし" }, { "亮", "りょう" }, { "翔太", "しょうた" },
  { "美紀", "みき" }, { "沙織", "さおり" },
};

static const Word child_names[] = {
  { "陽菜", "ひな" }, { "結衣", "ゆい" }, { "葵", "あおい" }, { "凛", "りん" },
  { "芽依", "めい" }, { "莉子", "りこ" }, { "結菜", "ゆいな" }, { "さくら", "さくら" },
  { "心春", "こはる" }, { "紬", "つむぎ" }, { "蓮", "れん" }, { "湊", "みなと" },
  { "大翔", "ひろと" }, { "陽翔", "はると" }, { "悠真", "ゆうま" }, { "蒼", "あお" },
  { "樹", "いつき" }, { "律", "りつ" }, { "朝陽", "あさひ" }, { "颯", "はやて" },
  { "新", "あらた" }, { "奏太", "そうた" }, { "晴", "はる" }, { "一花", "いちか" },
};

static const Word nicknames[] = {
  { "ひまわり", "ひまわり" }, { "あおば", "あおば" }, { "すみれ", "すみれ" }, { "つばさ", "つばさ" },
  { "こもれび", "こもれび" }, { "ほほえみ", "ほほえみ" }, { "みらい", "みらい" }, { "さくら", "さくら" },
  { "あゆみ", "あゆみ" }, { "なごみ", "なごみ" }, { "たんぽぽ", "たんぽぽ" }, { "にじいろ", "にじいろ" },
  { "若葉", "わかば" }, { "青空", "あおぞら" }, { "虹", "にじ" }, { "陽だまり", "ひだまり" },
};

typedef struct {
  const char *kind;
  const char *prefix_kind;   /* "place", "nick" or "family" */
  const char *suffix;
  const char *suffix_kana;
  const char *services;
  guint       weight;
} AgencyShape;

static const AgencyShape agency_shapes[] = {
  { "municipality", "place", "障害福祉課", "しょうがいふくしか", "consultation-support", 3 },
  { "health-center", "place", "保健センター", "ほけんせんたー", NULL, 3 },
  { "hospital", "place", "中央病院", "ちゅうおうびょういん", "short-stay,rehabilitation", 4 },
  { "clinic", "family", "小児科クリニック", "しょうにかくりにっく", NULL, 8 },
  { "visiting-nursing", "nick", "訪問看護ステーション", "ほうもんかんごすてーしょん", "visiting-nursing", 14 },
  { "consultation-support", "nick", "相談支援事業所", "そうだんしえんじぎょうしょ", "consultation-support", 12 },
  { "child-development", "nick", "児童発達支援センター", "じどうはったつしえんせんたー", "child-development,after-school", 12 },
  { "short-stay", "nick", "短期入所ホーム", "たんきにゅうしょほーむ", "short-stay,respite,day-care", 6 },
  { "home-help", "nick", "ヘルパーステーション", "へるぱーすてーしょん", "home-help", 8 },
  { "medical-day-care", "nick", "医療型児童発達支援", "いりょうがたじどうはったつしえん", "medical-day-care,day-care", 5 },
  { "school", "place", "特別支援学校", "とくべつしえんがっこう", NULL, 5 },
  { "board-of-education", "place", "教育委員会", "きょういくいいんかい", NULL, 2 },
  { "nursery", "nick", "保育園", "ほいくえん", NULL, 8 },
  { "child-guidance", "place", "児童相談所", "じどうそうだんじょ", NULL, 1 },
  { "pharmacy", "nick", "薬局", "やっきょく", NULL, 5 },
  { "equipment", "nick", "メディカル", "めでぃかる", NULL, 2 },
  { "support-programme", "place", "療育支援事業", "りょういくしえんじぎょう", "rehabilitation", 1 },
};

static const char *professions[] = {
  "保健師", "相談支援専門員", "医療的ケア児等コーディネーター", "看護師", "医師", "教員",
  "市町村職員", "理学療法士", "作業療法士", "保育士", "医療ソーシャルワーカー", "言語聴覚士",
};

static const char *care_codes[] = {
  "ventilator", "tracheostomy", "suction", "tube_feeding", "oxygen", "nebulizer",
  "central_venous", "catheterization", "blood_glucose", "seizure_care",
};

static const char *topics[] = {
  "医療連携", "就学", "経済的困窮", "保護者の心身の不調", "レスパイト", "就労", "きょうだい児", "災害時の備え",
};

static const char *conference_agenda[] = {
  "開会・出席者紹介", "ケース概要", "現状と課題", "支援方針の検討", "役割分担", "次回日程",
};

static const char *council_agenda[] = {
  "開会", "前回の振り返り", "医療的ケア児の実態把握について", "社会資源の状況報告", "事例検討",
  "災害時個別避難計画について", "意見交換", "閉会",
};

static const char *discussion_openers[] = {
  "主治医より、", "訪問看護より、", "保護者より、", "学校より、", "相談支援専門員より、", "保健師より、",
};

static const char *discussion_bodies[] = {
  "夜間の吸引回数が増えており、保護者の睡眠不足が続いているとの報告があった。",
  "人工呼吸器の設定変更後、状態は安定しているとの説明があった。",
  "短期入所の受け入れ先が見つからず、レスパイトの確保が課題であるとの意見があった。",
  "就学に向けて看護師の配置と通学手段の検討が必要であるとの意見があった。",
  "経管栄養の手技について、ヘルパーへの研修を行う必要があるとの指摘があった。",
  "災害時の電源確保について、個別避難計画の作成を進めることが確認された。",
  "きょうだい児の支援について、保育所との連携を強めたいとの要望があった。",
  "医療機器の更新に伴い、訪問看護の回数を見直すことが提案された。",
};

static const char *decision_bodies[] = {
  "訪問看護を週3回に増やす。",
  "短期入所の利用に向けて、県立小児医療センターと受け入れ条件を調整する。",
  "就学先について、特別支援学校と教育委員会で協議の場を設ける。",
  "喀痰吸引等研修の修了者をヘルパー事業所に配置する。",
  "個別避難計画を次回までに作成し、関係機関で共有する。",
  "保護者のレスパイトとして日中一時支援を月2回利用する。",
  "相談支援専門員がサービス等利用計画を見直す。",
  "主治医意見書をもとに、医療的ケアの手順書を作成する。",
};

static const char *action_bodies[] = {
  "短期入所先への照会", "サービス等利用計画の見直し", "個別避難計画の作成", "主治医への情報提供依頼",
  "学校との就学相談の日程調整", "ヘルパー向け研修の実施", "医療機器業者への非常用電源の確認",
  "保護者面談の実施",
};

static const char *locations[] = {
  "県庁 第3会議室", "市役所 会議室A", "保健センター 2階研修室", "医療的ケア児支援センター 相談室",
  "特別支援学校 会議室", "オンライン(Zoom)",
};

typedef struct {
  TsuDatabase  *db;
  GRand        *rand;
  double        scale;
  gint64        first_day;    /* days since 1970 (Tokyo) of the first meeting day */
  gint64        today;        /* days since 1970 (Tokyo) */
  gint64        last_day;
  GArray       *municipality_ids;
  GPtrArray    *municipality_names;
  GPtrArray    *municipality_kana;
  GPtrArray    *municipality_regions;
  GArray       *agency_ids;
  GArray       *person_ids;
  GArray       *person_agency;        /* index into agency_ids */
  GPtrArray    *person_names;
  GArray       *case_ids;
  GPtrArray    *case_codes;
  GArray       *case_municipality;
  GArray       *case_opened;          /* day the case was opened */
  GArray       *case_team;            /* 6 person indices per case */
  guint         uid_counter;
} Demo;

static guint
count_of (Demo *d, double base)
{
  return MAX (1, (guint) (base * d->scale + 0.5));
}

static guint
pick (Demo *d, guint n)
{
  return (guint) g_rand_int_range (d->rand, 0, (gint32) n);
}

static gboolean
chance (Demo *d, double p)
{
  return g_rand_double (d->rand) < p;
}

/* Runs one INSERT: each character of @types says how to bind the next argument:
 * 's' text (NULL stays NULL), 'i' gint64, 'r' gint64 reference (0 is NULL). */
static gint64
insert (Demo       *d,
        GError    **error,
        const char *sql,
        const char *types,
        ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  if (*error != NULL)
    return 0;
  stmt = tsu_database_prepare (d->db, sql, error);
  if (stmt == NULL)
    return 0;

  va_start (args, types);
  for (int i = 0; types[i] != '\0'; i++)
    {
      if (types[i] == 's')
        sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
      else
        {
          gint64 v = va_arg (args, gint64);

          if (types[i] == 'r' && v == 0)
            sqlite3_bind_null (stmt, i + 1);
          else
            sqlite3_bind_int64 (stmt, i + 1, v);
        }
    }
  va_end (args);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (d->db, rc, error);
      return 0;
    }
  return sqlite3_last_insert_rowid (tsu_database_get_handle (d->db));
}

static gint64
local_time (gint64 day, int hour, int minute)
{
  return day * DAY + hour * 3600 + minute * 60 - TOKYO_OFFSET;
}

/* 0 is Sunday. */
static int
weekday_of (gint64 day)
{
  return (int) (((day + 4) % 7 + 7) % 7);
}

static char *
date_text (gint64 day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (day * DAY);

  return g_date_time_format (dt, "%Y-%m-%d");
}

static char *
phone_number (Demo *d)
{
  static const char *areas[] = { "048", "049", "04", "0480", "0493", "0494", "0495" };
  const char *area = areas[pick (d, G_N_ELEMENTS (areas))];

  return g_strdup_printf ("%s-%03u-%04u", area, 200 + pick (d, 700), pick (d, 10000));
}

static gboolean
load_municipalities (Demo *d, GError **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (d->db, "SELECT id, name, kana, region FROM municipality ORDER BY code", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (d->municipality_ids, id);
      g_ptr_array_add (d->municipality_names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (d->municipality_kana, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      g_ptr_array_add (d->municipality_regions, g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
    }
  sqlite3_reset (stmt);
  return d->municipality_ids->len > 0;
}

/* The place name without 市, 町 or 村, for names like "川越中央病院". */
static char *
place_stem (const char *name)
{
  gsize len = strlen (name);

  if (len > 3 && (g_str_has_suffix (name, "市") || g_str_has_suffix (name, "町") || g_str_has_suffix (name, "村")))
    return g_strndup (name, len - strlen ("市"));
  return g_strdup (name);
}

static void
make_agencies (Demo *d, GError **error)
{
  guint n = count_of (d, 3000);
  guint total_weight = 0;

  for (guint k = 0; k < G_N_ELEMENTS (agency_shapes); k++)
    total_weight += agency_shapes[k].weight;

  for (guint i = 0; i < n && *error == NULL; i++)
    {
      guint w = pick (d, total_weight), k = 0;
      guint m = pick (d, d->municipality_ids->len);
      const AgencyShape *shape;
      g_autofree char *name = NULL;
      g_autofree char *kana = NULL;
      g_autofree char *address = NULL;
      g_autofree char *phone = phone_number (d);
      g_autofree char *fax = phone_number (d);
      g_autofree char *email = NULL;
      gint64 id;

      while (w >= agency_shapes[k].weight)
        w -= agency_shapes[k++].weight;
      shape = &agency_shapes[k];

      if (strcmp (shape->prefix_kind, "place") == 0)
        {
          g_autofree char *stem = place_stem (d->municipality_names->pdata[m]);
          g_autofree char *kana_stem = g_strdup (d->municipality_kana->pdata[m]);
          gsize kl = strlen (kana_stem);

          /* さいたまし → さいたま: the reading loses its し/まち/むら with the kanji. */
          if (kl > 3 && g_str_has_suffix (kana_stem, "し"))
            kana_stem[kl - strlen ("し")] = '\0';
          name = g_strconcat (stem, shape->suffix, NULL);
          kana = g_strconcat (kana_stem, shape->suffix_kana, NULL);
        }
      else
        {
          const Word *w2 = strcmp (shape->prefix_kind, "family") == 0
                             ? &family_names[pick (d, G_N_ELEMENTS (family_names))]
                             : &nicknames[pick (d, G_N_ELEMENTS (nicknames))];
          g_autofree char *stem = place_stem (d->municipality_names->pdata[m]);

          /* Two agencies of a kind in one town get the town's name too. */
          name = g_strdup_printf ("%s%s%s", w2->kanji, shape->suffix, chance (d, 0.5) ? "" : stem);
          kana = g_strconcat (w2->kana, shape->suffix_kana, NULL);
        }

      address = g_strdup_printf ("埼玉県%s%u-%u-%u", (char *) d->municipality_names->pdata[m],
                                 1 + pick (d, 9), 1 + pick (d, 30), 1 + pick (d, 20));
      email = g_strdup_printf ("info%u@example.jp", i + 1);
      id = insert (d, error,
                   "INSERT INTO agency (name, kana, kind, municipality_id, address, phone, fax, email, services, notes) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "sssrssssss", name, kana, shape->kind, g_array_index (d->municipality_ids, gint64, m),
                   address, phone, fax, email, shape->services, NULL);
      g_array_append_val (d->agency_ids, id);
    }
}

static void
make_persons (Demo *d, GError **error)
{
  guint n = count_of (d, 8000);

  for (guint i = 0; i < n && *error == NULL; i++)
    {
      const Word *family = &family_names[pick (d, G_N_ELEMENTS (family_names))];
      const Word *given = &adult_names[pick (d, G_N_ELEMENTS (adult_names))];
      guint agency = i < d->agency_ids->len ? i : pick (d, d->agency_ids->len);
      g_autofree char *name = g_strdup_printf ("%s %s", family->kanji, given->kanji);
      g_autofree char *kana = g_strdup_printf ("%s %s", family->kana, given->kana);
      g_autofree char *phone = phone_number (d);
      g_autofree char *email = g_strdup_printf ("staff%u@example.jp", i + 1);
      gint64 id;

      id = insert (d, error,
                   "INSERT INTO person (name, kana, agency_id, profession, phone, email) VALUES (?, ?, ?, ?, ?, ?)",
                   "ssrsss", name, kana, g_array_index (d->agency_ids, gint64, agency),
                   professions[pick (d, G_N_ELEMENTS (professions))], phone, email);
      g_array_append_val (d->person_ids, id);
      g_array_append_val (d->person_agency, agency);
      g_ptr_array_add (d->person_names, g_steal_pointer (&name));
    }
}

static void
make_cases (Demo *d, GError **error)
{
  guint n = count_of (d, 1000);
  g_autoptr(GHashTable) serials = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < n && *error == NULL; i++)
    {
      const Word *family = &family_names[pick (d, G_N_ELEMENTS (family_names))];
      const Word *child = &child_names[pick (d, G_N_ELEMENTS (child_names))];
      const Word *mother = &adult_names[pick (d, 14)];
      guint m = pick (d, d->municipality_ids->len);
      gint64 opened = d->first_day + pick (d, MAX (1, (guint) (d->today - d->first_day)));
      gint64 born = opened - 30 - pick (d, 365 * 12);
      g_autoptr(GDateTime) opened_dt = g_date_time_new_from_unix_utc (opened * DAY);
      int year = g_date_time_get_year (opened_dt);
      guint serial = GPOINTER_TO_UINT (g_hash_table_lookup (serials, GINT_TO_POINTER (year))) + 1;
      g_autofree char *code = g_strdup_printf ("C-%d-%04u", year, serial);
      g_autofree char *name = g_strdup_printf ("%s %s", family->kanji, child->kanji);
      g_autofree char *kana = g_strdup_printf ("%s %s", family->kana, child->kana);
      g_autofree char *birth = date_text (born);
      g_autofree char *opened_on = date_text (opened);
      g_autofree char *guardians = g_strdup_printf ("母: %s %s", family->kanji, mother->kanji);
      g_autoptr(GString) care = g_string_new (care_codes[pick (d, 5)]);
      double r = g_rand_double (d->rand);
      const char *status = r < 0.10 ? "difficult" : r < 0.15 ? "intake" : r < 0.27 ? "closed" : "active";
      gint64 id;

      g_hash_table_insert (serials, GINT_TO_POINTER (year), GUINT_TO_POINTER (serial));
      for (guint c = pick (d, 3); c > 0; c--)
        {
          const char *more = care_codes[pick (d, G_N_ELEMENTS (care_codes))];
          if (strstr (care->str, more) == NULL)
            g_string_append_printf (care, ",%s", more);
        }

      id = insert (d, error,
                   "INSERT INTO child_case (code, child_name, child_kana, birth_date, municipality_id, medical_care, "
                   "guardians, status, coordinator_id, regional_coordinator_id, opened_on) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "ssssrsssrrs", code, name, kana, birth, g_array_index (d->municipality_ids, gint64, m),
                   care->str, guardians, status,
                   g_array_index (d->person_ids, gint64, pick (d, MIN (d->person_ids->len, 12))),
                   g_array_index (d->person_ids, gint64, pick (d, d->person_ids->len)), opened_on);
      g_array_append_val (d->case_ids, id);
      g_ptr_array_add (d->case_codes, g_steal_pointer (&code));
      g_array_append_val (d->case_municipality, m);
      g_array_append_val (d->case_opened, opened);

      /* The team: persons of the child's town where there are any. */
      for (guint t = 0; t < 6 && *error == NULL; t++)
        {
          guint p = pick (d, d->person_ids->len);
          guint agency = g_array_index (d->person_agency, guint, p);
          static const char *roles[] = { "主治医", "訪問看護", "相談支援", "学校", "市町村", "保健師" };

          g_array_append_val (d->case_team, p);
          insert (d, error, "INSERT INTO team_member (case_id, person_id, agency_id, role) VALUES (?, ?, ?, ?)",
                  "irrs", id, g_array_index (d->person_ids, gint64, p),
                  g_array_index (d->agency_ids, gint64, agency), roles[t]);
          if (t < 4)
            {
              g_autofree char *given = date_text (opened + pick (d, 30));
              g_autofree char *withdrawn = chance (d, 0.05) ? date_text (opened + 200 + pick (d, 300)) : NULL;

              insert (d, error,
                      "INSERT INTO consent (case_id, agency_id, given_on, scope, withdrawn_on) VALUES (?, ?, ?, ?, ?)",
                      "iisss", id, g_array_index (d->agency_ids, gint64, agency), given,
                      "支援に必要な医療・生活情報", withdrawn);
            }
        }

      for (guint c = 2 + pick (d, 6); c > 0 && *error == NULL; c--)
        {
          static const char *channels[] = { "phone", "phone", "visit", "online", "outreach", "mail" };
          gint64 day = MIN (d->today, opened + pick (d, 900));

          insert (d, error,
                  "INSERT INTO consultation (case_id, occurred_at, channel, asked_by, topics, referred_to, notes) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  "iisssss", id, local_time (day, 9 + pick (d, 8), 0), channels[pick (d, G_N_ELEMENTS (channels))],
                  "母", topics[pick (d, G_N_ELEMENTS (topics))], NULL, "相談内容を記録した。");
        }
    }
}

static char *
next_uid (Demo *d)
{
  return g_strdup_printf ("demo-%u@tsunagu.example", ++d->uid_counter);
}

static void
add_participants (Demo *d, gint64 meeting, gint64 kase, gboolean past, GError **error)
{
  /* A case conference: up to the six of the team and the family; otherwise persons
   * next to each other in the directory (each from another agency). No one twice. */
  guint n = kase >= 0 ? 3 + pick (d, 5) : 3 + pick (d, 6);
  guint base = pick (d, d->person_ids->len);

  for (guint i = 0; i < n && *error == NULL; i++)
    {
      static const char *roles[] = { "chair", "recorder", "presenter" };
      const char *role = i < 3 ? roles[i] : "attendee";
      const char *partstat = past ? (chance (d, 0.9) ? "accepted" : "declined")
                                  : (chance (d, 0.6) ? "accepted" : "needs-action");
      const char *attendance = !past ? "unknown" : strcmp (partstat, "declined") == 0 ? "absent"
                                                   : chance (d, 0.2) ? "online" : "present";
      guint p;

      if (kase >= 0 && i == n - 1)
        {
          insert (d, error,
                  "INSERT INTO participant (meeting_id, name, agency_name, role, partstat, attendance) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
                  "isssss", meeting, "保護者", NULL, "family", partstat, attendance);
          continue;
        }

      p = kase >= 0 ? g_array_index (d->case_team, guint, kase * 6 + i) : (base + i) % d->person_ids->len;
      insert (d, error,
              "INSERT INTO participant (meeting_id, person_id, role, partstat, attendance) VALUES (?, ?, ?, ?, ?)",
              "iisss", meeting, g_array_index (d->person_ids, gint64, p), role, partstat, attendance);
    }
}

static void
add_agenda_and_minutes (Demo *d, gint64 meeting, gint64 kase, gint64 day, gboolean past, GError **error)
{
  const char **items = kase >= 0 ? conference_agenda : council_agenda;
  guint n_items = kase >= 0 ? G_N_ELEMENTS (conference_agenda) : G_N_ELEMENTS (council_agenda);
  guint n = 3 + pick (d, 3);
  GArray *item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 minutes;

  for (guint i = 0; i < n && *error == NULL; i++)
    {
      guint which = n >= n_items ? i : (i * n_items) / n;
      gint64 id = insert (d, error,
                          "INSERT INTO agenda_item (meeting_id, position, title, presenter, planned_minutes) "
                          "VALUES (?, ?, ?, ?, ?)",
                          "iissi", meeting, (gint64) i, items[which],
                          i == 0 ? "司会" : (const char *) d->person_names->pdata[pick (d, d->person_names->len)],
                          (gint64) (5 + 5 * pick (d, 5)));
      g_array_append_val (item_ids, id);
    }

  if (past && *error == NULL)
    {
      gboolean confirmed = day < d->today - 21;
      g_autofree char *confirmer = confirmed ? g_strdup (d->person_names->pdata[pick (d, 12)]) : NULL;

      minutes = insert (d, error,
                        "INSERT INTO minutes (meeting_id, revision, state, confirmed_by, confirmed_at, summary, updated_at) "
                        "VALUES (?, 1, ?, ?, ?, ?, ?)",
                        "issrsi", meeting, confirmed ? "confirmed" : "draft", confirmer,
                        confirmed ? local_time (day + 7, 10, 0) : (gint64) 0,
                        "出席者の確認の後、議題に沿って協議した。", local_time (day, 18, 0));

      for (guint i = 0, n_disc = 1 + pick (d, 3); i < n_disc && *error == NULL; i++)
        {
          g_autofree char *body = g_strconcat (discussion_openers[pick (d, G_N_ELEMENTS (discussion_openers))],
                                               discussion_bodies[pick (d, G_N_ELEMENTS (discussion_bodies))],
                                               discussion_bodies[pick (d, G_N_ELEMENTS (discussion_bodies))], NULL);
          insert (d, error, "INSERT INTO discussion (minutes_id, agenda_item_id, position, body) VALUES (?, ?, ?, ?)",
                  "iris", minutes, g_array_index (item_ids, gint64, MIN (i + 1, item_ids->len - 1)), (gint64) i, body);
        }

      for (guint i = 0, n_dec = 1 + pick (d, 3); i < n_dec && *error == NULL; i++)
        insert (d, error, "INSERT INTO decision (minutes_id, position, body, good_practice) VALUES (?, ?, ?, ?)",
                "iisi", minutes, (gint64) i, decision_bodies[pick (d, G_N_ELEMENTS (decision_bodies))],
                (gint64) chance (d, 0.06));

      for (guint i = 0, n_act = kase >= 0 ? pick (d, 4) : 0; i < n_act && *error == NULL; i++)
        {
          gint64 due = day + 14 + pick (d, 45);
          g_autofree char *due_on = date_text (due);
          gboolean done = due < d->today - 30 || (due < d->today && chance (d, 0.7));
          guint p = g_array_index (d->case_team, guint, kase * 6 + pick (d, 6));

          insert (d, error,
                  "INSERT INTO action_item (minutes_id, case_id, what, assignee_person_id, due_on, status, done_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                  "iisrssr", minutes, g_array_index (d->case_ids, gint64, kase),
                  action_bodies[pick (d, G_N_ELEMENTS (action_bodies))], g_array_index (d->person_ids, gint64, p),
                  due_on, done ? "done" : "open", done ? local_time (due - pick (d, 10), 17, 0) : (gint64) 0);
        }
    }

  g_array_unref (item_ids);
}

/* One council series per municipality (more at larger scales), monthly or every other
 * month on a fixed weekday, with an excluded date now and then; past occurrences
 * carry their minutes on an overridden occurrence, as the app does when a recorder
 * writes minutes for one meeting of a series. Returns the number of occurrences. */
static guint
make_councils (Demo *d, GError **error)
{
  guint n = count_of (d, 63);
  guint occurrences = 0;
  static const char *days[] = { "MO", "TU", "WE", "TH", "FR" };

  for (guint s = 0; s < n && *error == NULL; s++)
    {
      guint m = s % d->municipality_ids->len;
      int ordinal = 1 + pick (d, 4);
      int weekday = 1 + pick (d, 5);
      gboolean bimonthly = chance (d, 0.3);
      g_autofree char *rrule = g_strdup_printf ("FREQ=MONTHLY;%sBYDAY=%d%s", bimonthly ? "INTERVAL=2;" : "",
                                                ordinal, days[weekday - 1]);
      g_autofree char *title = g_strdup_printf ("%s %s", (char *) d->municipality_names->pdata[m],
                                                s < d->municipality_ids->len ? "医療的ケア児等支援協議の場"
                                                                            : "医療的ケア児支援連絡会");
      g_autofree char *uid = next_uid (d);
      g_autoptr(GArray) starts = NULL;
      g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *exdates = NULL;
      gint64 first = d->first_day;
      gint64 dtstart, series, last_end = -1;
      TsuRecurrence r = { .rrule = rrule, .duration = 7200, .tzid = "Asia/Tokyo" };

      /* The first occurrence: the ordinal weekday of the first month. */
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (first * DAY);
        gint64 month_start = first - (g_date_time_get_day_of_month (dt) - 1);
        gint64 day = month_start + ((weekday - weekday_of (month_start)) + 7) % 7 + (ordinal - 1) * 7;

        dtstart = local_time (day, 14, 0);
      }
      r.dtstart = dtstart;
      starts = tsu_recurrence_expand (&r, dtstart, local_time (d->last_day, 0, 0), error);
      if (starts == NULL)
        return occurrences;

      for (guint i = 0; i < starts->len; i++)
        if (chance (d, 0.03))
          g_array_append_val (excluded, g_array_index (starts, gint64, i));
      exdates = tsu_recurrence_format_exdates ((gint64 *) (gpointer) excluded->data, excluded->len);
      r.exdates = exdates;

      series = insert (d, error,
                       "INSERT INTO meeting (uid, kind, title, starts_at, ends_at, tzid, location, municipality_id, "
                       "status, rrule, exdates, sequence) VALUES (?, 'municipal-council', ?, ?, ?, 'Asia/Tokyo', ?, ?, "
                       "'scheduled', ?, ?, 0)",
                       "ssiisrss", uid, title, dtstart, dtstart + 7200, "市役所 会議室A",
                       g_array_index (d->municipality_ids, gint64, m), rrule, exdates);
      if (tsu_recurrence_get_last_end (&r, &last_end, error) && last_end >= 0)
        insert (d, error, "UPDATE meeting SET recurs_until = ? WHERE id = ?", "ii", last_end, series);
      add_participants (d, series, -1, FALSE, error);

      for (guint i = 0; i < starts->len && *error == NULL; i++)
        {
          gint64 start = g_array_index (starts, gint64, i);
          gint64 day = (start + TOKYO_OFFSET) / DAY;
          gint64 override;
          gboolean past = day < d->today;
          gboolean skip = FALSE;

          for (guint e = 0; e < excluded->len; e++)
            skip |= g_array_index (excluded, gint64, e) == start;
          if (skip)
            continue;
          occurrences++;
          if (!past || !chance (d, 0.8))
            continue;

          override = insert (d, error,
                             "INSERT INTO meeting (uid, kind, title, starts_at, ends_at, tzid, location, "
                             "municipality_id, status, series_id, recurrence_id, sequence) "
                             "VALUES (?, 'municipal-council', ?, ?, ?, 'Asia/Tokyo', ?, ?, ?, ?, ?, 1)",
                             "ssiisrsii", uid, title, start, start + 7200, "市役所 会議室A",
                             g_array_index (d->municipality_ids, gint64, m), chance (d, 0.03) ? "cancelled" : "held",
                             series, start);
          add_participants (d, override, -1, TRUE, error);
          add_agenda_and_minutes (d, override, -1, day, TRUE, error);
        }
    }
  return occurrences;
}

static void
make_single_meetings (Demo *d, guint n, GError **error)
{
  gint64 span = MAX (1, d->last_day - d->first_day);

  for (guint i = 0; i < n && *error == NULL; i++)
    {
      double r = g_rand_double (d->rand);
      const char *kind = r < 0.70 ? "case-conference" : r < 0.82 ? "liaison" : r < 0.92 ? "training" : "internal";
      gint64 day = d->first_day + pick (d, span);
      gint64 kase = -1;
      gboolean all_day = FALSE, past;
      g_autofree char *title = NULL;
      g_autofree char *uid = next_uid (d);
      int hour = 9 + pick (d, 7);
      gint64 minutes = 60 + 30 * pick (d, 3);
      gint64 start, end, id;
      const char *status;

      if (strcmp (kind, "case-conference") == 0)
        {
          /* A conference of a case falls after the case was opened. */
          kase = pick (d, d->case_ids->len);
          day = MAX (day, g_array_index (d->case_opened, gint64, kase) + 7 + pick (d, 60));
        }
      while (weekday_of (day) == 0 || weekday_of (day) == 6)
        day++;
      past = day < d->today;

      if (kase >= 0)
        {
          title = g_strdup_printf ("ケース会議 %s", (char *) d->case_codes->pdata[kase]);
        }
      else if (strcmp (kind, "training") == 0)
        {
          static const char *trainings[] = { "医療的ケア児等コーディネーター養成研修", "支援者養成研修",
                                             "喀痰吸引等研修(第3号)" };
          title = g_strdup (trainings[pick (d, G_N_ELEMENTS (trainings))]);
          all_day = chance (d, 0.5);
        }
      else if (strcmp (kind, "liaison") == 0)
        title = g_strdup_printf ("%s圏域 多機関連絡会議",
                                 (char *) d->municipality_regions->pdata[pick (d, d->municipality_regions->len)]);
      else
        title = g_strdup ("センター内ケース検討会");

      start = all_day ? local_time (day, 0, 0) : local_time (day, hour, 30 * pick (d, 2));
      end = all_day ? start + DAY * (1 + pick (d, 2)) : start + minutes * 60;
      status = past ? (chance (d, 0.04) ? "cancelled" : "held") : "scheduled";

      id = insert (d, error,
                   "INSERT INTO meeting (uid, kind, title, starts_at, ends_at, tzid, all_day, location, url, "
                   "municipality_id, case_id, organizer_id, status, sequence) "
                   "VALUES (?, ?, ?, ?, ?, 'Asia/Tokyo', ?, ?, ?, ?, ?, ?, ?, 0)",
                   "sssiiissrrrs", uid, kind, title, start, end, (gint64) all_day,
                   locations[pick (d, G_N_ELEMENTS (locations))],
                   chance (d, 0.15) ? "https://meet.example.jp/tsunagu" : NULL,
                   kase >= 0 ? g_array_index (d->municipality_ids, gint64, g_array_index (d->case_municipality, guint, kase))
                             : g_array_index (d->municipality_ids, gint64, pick (d, d->municipality_ids->len)),
                   kase >= 0 ? g_array_index (d->case_ids, gint64, kase) : (gint64) 0,
                   g_array_index (d->person_ids, gint64, pick (d, MIN (d->person_ids->len, 12))), status);
      add_participants (d, id, kase, past, error);
      add_agenda_and_minutes (d, id, kase, day, past && strcmp (status, "held") == 0, error);
    }
}

/* The full-text index is filled once at the end (FTS5 'rebuild') instead of row by
 * row, which is several times faster for a bulk load. The triggers that keep it
 * current are set aside meanwhile and put back, all inside the one transaction. */
static GPtrArray *
suspend_index (Demo *d, GError **error)
{
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = tsu_database_prepare (d->db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
                                      "AND tbl_name = 'search_doc'", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (triggers, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (char *) names->pdata[i]);

      if (!tsu_database_exec (d->db, drop, error))
        return NULL;
    }
  return g_steal_pointer (&triggers);
}

static void
resume_index (Demo *d, GPtrArray *triggers, GError **error)
{
  if (*error != NULL || !tsu_database_exec (d->db, "INSERT INTO search_fts (search_fts) VALUES ('rebuild')", error))
    return;
  for (guint i = 0; i < triggers->len; i++)
    if (!tsu_database_exec (d->db, triggers->pdata[i], error))
      return;
}

void
tsu_demo_options_init (TsuDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->scale = 1.0;
  options->years = 10;
  options->seed = 1;
  options->end = 0;
}

/**
 * tsu_demo_generate:
 * @store: an empty store
 * @options: what to generate
 * @error: return location for an error
 *
 * Writes the demo data set in one transaction.
 */
gboolean
tsu_demo_generate (TsuStore              *store,
                   const TsuDemoOptions  *options,
                   GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  Demo d = { 0 };
  gint64 end;
  guint occurrences, singles;
  sqlite3_stmt *stmt;
  gboolean empty = FALSE;

  g_return_val_if_fail (TSU_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL && options->scale > 0 && options->years > 0, FALSE);

  d.db = tsu_store_get_database (store);
  stmt = tsu_database_prepare (d.db, "SELECT (SELECT count(*) FROM child_case) + (SELECT count(*) FROM meeting) "
                                     "+ (SELECT count(*) FROM agency)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int64 (stmt, 0) == 0;
  sqlite3_reset (stmt);
  if (!empty)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("The database already holds data; demo data goes into a new database."));
      return FALSE;
    }

  end = options->end != 0 ? options->end : g_get_real_time () / G_USEC_PER_SEC;
  d.rand = g_rand_new_with_seed (options->seed);
  d.scale = options->scale;
  d.today = (end + TOKYO_OFFSET) / DAY;
  d.first_day = d.today - (gint64) options->years * 365;
  d.last_day = d.today + 365;
  d.municipality_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  d.municipality_names = g_ptr_array_new_with_free_func (g_free);
  d.municipality_kana = g_ptr_array_new_with_free_func (g_free);
  d.municipality_regions = g_ptr_array_new_with_free_func (g_free);
  d.agency_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  d.person_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  d.person_agency = g_array_new (FALSE, FALSE, sizeof (guint));
  d.person_names = g_ptr_array_new_with_free_func (g_free);
  d.case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  d.case_codes = g_ptr_array_new_with_free_func (g_free);
  d.case_municipality = g_array_new (FALSE, FALSE, sizeof (guint));
  d.case_opened = g_array_new (FALSE, FALSE, sizeof (gint64));
  d.case_team = g_array_new (FALSE, FALSE, sizeof (guint));

  /* A bulk load wants a bigger page cache than everyday use (here 64 MB). */
  tsu_database_exec (d.db, "PRAGMA cache_size = -65536", NULL);

  if (tsu_store_begin (store, &local_error) && load_municipalities (&d, &local_error) &&
      (triggers = suspend_index (&d, &local_error)) != NULL)
    {
      make_agencies (&d, &local_error);
      make_persons (&d, &local_error);
      make_cases (&d, &local_error);
      occurrences = make_councils (&d, &local_error);
      singles = (guint) MAX (0.0, 20000.0 * d.scale - occurrences);
      make_single_meetings (&d, MAX (singles, 1), &local_error);
      resume_index (&d, triggers, &local_error);
    }

  if (local_error == NULL)
    tsu_store_commit (store, &local_error);
  else
    tsu_store_rollback (store);
  tsu_database_exec (d.db, "PRAGMA cache_size = -2000", NULL);

  g_rand_free (d.rand);
  g_array_unref (d.municipality_ids);
  g_ptr_array_unref (d.municipality_names);
  g_ptr_array_unref (d.municipality_kana);
  g_ptr_array_unref (d.municipality_regions);
  g_array_unref (d.agency_ids);
  g_array_unref (d.person_ids);
  g_array_unref (d.person_agency);
  g_ptr_array_unref (d.person_names);
  g_array_unref (d.case_ids);
  g_ptr_array_unref (d.case_codes);
  g_array_unref (d.case_municipality);
  g_array_unref (d.case_opened);
  g_array_unref (d.case_team);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
