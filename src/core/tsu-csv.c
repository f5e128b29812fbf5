/* tsu-csv.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tsu-csv.h"
#include "tsu-vocabulary.h"
#include "model/tsu-agency.h"
#include "model/tsu-municipality.h"
#include "model/tsu-person.h"

/* CSV files of the directory as Excel in Japan reads and writes them: exported as
 * UTF-8 with a byte order mark and CRLF; imported from UTF-8 (with or without the
 * mark) or Shift_JIS (CP932). An import is planned first — new rows, duplicates that
 * are skipped, bad rows by line number — and applied in one transaction only when no
 * row is bad. */

typedef struct {
  const char *key;       /* column name, English */
  const char *japanese;  /* column name as exported */
} Column;

static const Column agency_columns[] = {
  { "name", "名称" }, { "kana", "ふりがな" }, { "kind", "種別" }, { "municipality", "市町村" },
  { "address", "住所" }, { "phone", "電話" }, { "fax", "FAX" }, { "email", "メール" },
  { "services", "サービス" }, { "notes", "備考" },
};

static const Column person_columns[] = {
  { "name", "氏名" }, { "kana", "ふりがな" }, { "agency", "所属" }, { "profession", "職種" },
  { "phone", "電話" }, { "email", "メール" }, { "notes", "備考" },
};

struct _TsuCsvPlan
{
  TsuCsvKind  kind;
  const char *encoding;
  GPtrArray  *new_records;  /* TsuRecord */
  GPtrArray  *duplicates;   /* TsuCsvProblem: line and what it duplicates */
  GPtrArray  *problems;     /* TsuCsvProblem */
};

static void
problem_free (gpointer data)
{
  TsuCsvProblem *p = data;

  g_free (p->message);
  g_free (p);
}

static void
add_problem (GPtrArray  *list,
             guint       line,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (GPtrArray  *list,
             guint       line,
             const char *format,
             ...)
{
  TsuCsvProblem *p = g_new0 (TsuCsvProblem, 1);
  va_list args;

  va_start (args, format);
  p->line = line;
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (list, p);
}

gboolean
tsu_csv_kind_from_string (const char *text,
                          TsuCsvKind *kind)
{
  if (g_strcmp0 (text, "agencies") == 0)
    *kind = TSU_CSV_AGENCIES;
  else if (g_strcmp0 (text, "persons") == 0)
    *kind = TSU_CSV_PERSONS;
  else
    return FALSE;
  return TRUE;
}

/* Decodes the file to UTF-8 text. */
static char *
decode (GBytes          *contents,
        TsuCsvEncoding   encoding,
        const char     **used,
        GError         **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (contents, &len);

  if (len == 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 && encoding != TSU_CSV_ENCODING_CP932)
    {
      data += 3;
      len -= 3;
      encoding = TSU_CSV_ENCODING_UTF8;
    }

  if (encoding != TSU_CSV_ENCODING_CP932 && g_utf8_validate_len (data, len, NULL))
    {
      *used = "UTF-8";
      if (memchr (data, '\0', len) != NULL)
        goto binary;
      return g_strndup (data, len);
    }

  if (encoding == TSU_CSV_ENCODING_UTF8)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("The file is not valid UTF-8. If Excel saved it as “CSV (comma delimited)”, "
                     "choose the Shift_JIS encoding."));
      return NULL;
    }

  {
    g_autoptr(GError) local_error = NULL;
    gsize written = 0;
    char *text = g_convert (data, len, "UTF-8", "CP932", NULL, &written, &local_error);

    if (text == NULL)
      {
        g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                     _("The file is neither UTF-8 nor Shift_JIS text, so it cannot be read."));
        return NULL;
      }
    *used = "Shift_JIS";
    if (strlen (text) != written)
      {
        g_free (text);
        goto binary;
      }
    return text;
  }

binary:
  g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
               _("The file holds binary data, not CSV text."));
  return NULL;
}

typedef struct {
  GPtrArray *fields;  /* char* */
  guint      line;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_ptr_array_unref (row->fields);
  g_free (row);
}

/* RFC 4180, as Excel writes it: quoted fields may hold commas, quotes ("") and line
 * breaks; lines end with CRLF or LF. */
static GPtrArray *
parse_rows (const char  *text,
            GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GString) field = g_string_new (NULL);
  Row *row = NULL;
  guint line = 1;
  const char *p = text;

  while (*p != '\0')
    {
      gboolean quoted = FALSE;

      if (row == NULL)
        {
          row = g_new0 (Row, 1);
          row->fields = g_ptr_array_new_with_free_func (g_free);
          row->line = line;
        }

      g_string_truncate (field, 0);
      if (*p == '"')
        {
          quoted = TRUE;
          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                               _("Line %u: a quoted field is not closed."), row->line);
                  row_free (row);
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  if (*p == '\n')
                    line++;
                  g_string_append_c (field, *p++);
                }
            }
        }

      while (*p != '\0' && *p != ',' && *p != '\n' && *p != '\r')
        {
          if (quoted && *p != ' ')
            {
              g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                           _("Line %u: text follows a closing quote."), line);
              row_free (row);
              return NULL;
            }
          g_string_append_c (field, *p++);
        }

      g_ptr_array_add (row->fields, g_strdup (field->str));

      if (*p == ',')
        {
          p++;
          continue;
        }
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
      line++;

      /* Rows of nothing but empty fields are blank lines. */
      {
        gboolean blank = TRUE;

        for (guint i = 0; i < row->fields->len && blank; i++)
          blank = *(char *) row->fields->pdata[i] == '\0';
        if (blank)
          row_free (row);
        else
          g_ptr_array_add (rows, row);
        row = NULL;
      }
    }

  if (row != NULL)
    g_ptr_array_add (rows, row);
  return g_steal_pointer (&rows);
}

static const Column *
columns_for (TsuCsvKind  kind,
             guint      *n)
{
  if (kind == TSU_CSV_AGENCIES)
    {
      *n = G_N_ELEMENTS (agency_columns);
      return agency_columns;
    }
  *n = G_N_ELEMENTS (person_columns);
  return person_columns;
}

/* Maps each known column to its position in the header, or -1. */
static gboolean
map_header (TsuCsvKind   kind,
            Row         *header,
            int         *positions,
            GError     **error)
{
  guint n;
  const Column *columns = columns_for (kind, &n);

  for (guint c = 0; c < n; c++)
    {
      positions[c] = -1;
      for (guint i = 0; i < header->fields->len; i++)
        {
          g_autofree char *name = g_strstrip (g_strdup (header->fields->pdata[i]));

          if (g_ascii_strcasecmp (name, columns[c].key) == 0 || strcmp (name, columns[c].japanese) == 0)
            positions[c] = i;
        }
    }

  if (positions[0] < 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("The first line must name the columns, with a “%s” column."),
                   columns[0].japanese);
      return FALSE;
    }
  return TRUE;
}

static const char *
cell (Row       *row,
      const int *positions,
      guint      column)
{
  int i = positions[column];
  const char *text;

  if (i < 0 || (guint) i >= row->fields->len)
    return NULL;
  text = row->fields->pdata[i];
  if (text[0] == '\'' && (text[1] == '=' || text[1] == '@'))
    text++;
  return *text != '\0' ? text : NULL;
}

static gboolean
phone_valid (const char *phone)
{
  guint digits = 0;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr ("-+() ", *p) == NULL)
        return FALSE;
    }
  return digits >= 6 && digits <= 15;
}

static gboolean
email_valid (const char *email)
{
  const char *at = strchr (email, '@');

  return at != NULL && at != email && strchr (at + 1, '@') == NULL &&
         strchr (at + 1, '.') != NULL && strpbrk (email, " \t,;") == NULL;
}

static char *
key_of (const char *name,
        gint64      scope)
{
  g_autofree char *folded = g_utf8_normalize (name, -1, G_NORMALIZE_ALL_COMPOSE);
  GString *key = g_string_new (NULL);

  /* Spaces (half or full width) do not make a different name. */
  for (const char *p = folded != NULL ? folded : name; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (key, *p);
  g_string_append_printf (key, "\t%" G_GINT64_FORMAT, scope);
  return g_string_free (key, FALSE);
}

static void
check_contact (GPtrArray  *problems,
               guint       line,
               const char *phone,
               const char *email)
{
  if (phone != NULL && !phone_valid (phone))
    add_problem (problems, line, _("“%s” is not a phone number."), phone);
  if (email != NULL && !email_valid (email))
    add_problem (problems, line, _("“%s” is not an e-mail address."), email);
}

static void
plan_rows (TsuCsvPlan *plan,
           TsuStore   *store,
           GPtrArray  *rows,
           const int  *positions)
{
  g_autoptr(GHashTable) municipalities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) agencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) list = NULL;

  list = tsu_store_list (store, TSU_TYPE_MUNICIPALITY, NULL, NULL);
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (list, i);
      g_hash_table_insert (municipalities, g_strdup (tsu_municipality_get_name (m)),
                           GSIZE_TO_POINTER (tsu_record_get_id (TSU_RECORD (m))));
    }
  g_clear_object (&list);

  list = tsu_store_list (store, TSU_TYPE_AGENCY, NULL, NULL);
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TsuAgency) a = g_list_model_get_item (list, i);
      gint64 id = tsu_record_get_id (TSU_RECORD (a));

      g_hash_table_insert (agencies, g_strdup (tsu_agency_get_name (a)), GSIZE_TO_POINTER (id));
      if (plan->kind == TSU_CSV_AGENCIES)
        g_hash_table_insert (existing, key_of (tsu_agency_get_name (a), tsu_agency_get_municipality_id (a)),
                             GUINT_TO_POINTER (0));
    }
  g_clear_object (&list);

  if (plan->kind == TSU_CSV_PERSONS)
    {
      list = tsu_store_list (store, TSU_TYPE_PERSON, NULL, NULL);
      for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(TsuPerson) p = g_list_model_get_item (list, i);
          g_hash_table_insert (existing, key_of (tsu_person_get_name (p), tsu_person_get_agency_id (p)),
                               GUINT_TO_POINTER (0));
        }
    }

  for (guint r = 1; r < rows->len; r++)
    {
      Row *row = rows->pdata[r];
      guint before = plan->problems->len;
      const char *name = cell (row, positions, 0);
      g_autofree char *key = NULL;
      gpointer seen_line;

      if (name == NULL)
        {
          add_problem (plan->problems, row->line, _("The name is empty."));
          continue;
        }

      if (plan->kind == TSU_CSV_AGENCIES)
        {
          g_autoptr(TsuAgency) a = tsu_agency_new ();
          const char *kind_text = cell (row, positions, 2);
          const char *municipality = cell (row, positions, 3);
          const char *services = cell (row, positions, 8);
          const char *kind = kind_text != NULL ? tsu_vocabulary_lookup (TSU_VOCABULARY_AGENCY_KIND, kind_text)
                                               : "other";
          gint64 municipality_id = 0;

          if (kind == NULL)
            add_problem (plan->problems, row->line, _("“%s” is not a kind of agency."), kind_text);
          if (municipality != NULL)
            {
              municipality_id = GPOINTER_TO_SIZE (g_hash_table_lookup (municipalities, municipality));
              if (municipality_id == 0)
                add_problem (plan->problems, row->line, _("“%s” is not a municipality of the prefecture."),
                             municipality);
            }
          check_contact (plan->problems, row->line, cell (row, positions, 5), cell (row, positions, 7));
          if (cell (row, positions, 6) != NULL && !phone_valid (cell (row, positions, 6)))
            add_problem (plan->problems, row->line, _("“%s” is not a fax number."), cell (row, positions, 6));

          if (services != NULL)
            {
              g_autoptr(GString) separated = g_string_new (services);
              g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
              g_auto(GStrv) parts = NULL;
              g_auto(GStrv) list_codes = NULL;
              g_autofree char *joined = NULL;

              /* Japanese lists are separated by 、 as often as by commas. */
              g_string_replace (separated, "、", ",", 0);
              g_string_replace (separated, "；", ",", 0);
              parts = g_strsplit_set (separated->str, ",;", -1);

              for (guint i = 0; parts[i] != NULL; i++)
                {
                  const char *code;

                  if (*g_strstrip (parts[i]) == '\0')
                    continue;
                  code = tsu_vocabulary_lookup (TSU_VOCABULARY_SERVICE, parts[i]);
                  if (code == NULL)
                    add_problem (plan->problems, row->line, _("“%s” is not a service."), parts[i]);
                  else
                    g_strv_builder_add (codes, code);
                }
              list_codes = g_strv_builder_end (codes);
              joined = g_strjoinv (",", list_codes);
              tsu_agency_set_services (a, *joined != '\0' ? joined : NULL);
            }

          if (plan->problems->len > before)
            continue;

          tsu_agency_set_name (a, name);
          tsu_agency_set_kana (a, cell (row, positions, 1));
          tsu_agency_set_kind (a, kind);
          tsu_agency_set_municipality_id (a, municipality_id);
          tsu_agency_set_address (a, cell (row, positions, 4));
          tsu_agency_set_phone (a, cell (row, positions, 5));
          tsu_agency_set_fax (a, cell (row, positions, 6));
          tsu_agency_set_email (a, cell (row, positions, 7));
          tsu_agency_set_notes (a, cell (row, positions, 9));
          key = key_of (name, municipality_id);
          if (g_hash_table_lookup_extended (existing, key, NULL, &seen_line))
            {
              if (GPOINTER_TO_UINT (seen_line) == 0)
                add_problem (plan->duplicates, row->line, _("“%s” is already in the directory."), name);
              else
                add_problem (plan->duplicates, row->line, _("“%s” repeats line %u."), name,
                             GPOINTER_TO_UINT (seen_line));
              continue;
            }
          g_hash_table_insert (existing, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
          g_ptr_array_add (plan->new_records, g_steal_pointer (&a));
        }
      else
        {
          g_autoptr(TsuPerson) p = tsu_person_new ();
          const char *agency = cell (row, positions, 2);
          gint64 agency_id = 0;

          if (agency != NULL)
            {
              agency_id = GPOINTER_TO_SIZE (g_hash_table_lookup (agencies, agency));
              if (agency_id == 0)
                add_problem (plan->problems, row->line,
                             _("The agency “%s” is not in the directory; import the agencies first."),
                             agency);
            }
          check_contact (plan->problems, row->line, cell (row, positions, 4), cell (row, positions, 5));
          if (plan->problems->len > before)
            continue;

          tsu_person_set_name (p, name);
          tsu_person_set_kana (p, cell (row, positions, 1));
          tsu_person_set_agency_id (p, agency_id);
          tsu_person_set_profession (p, cell (row, positions, 3));
          tsu_person_set_phone (p, cell (row, positions, 4));
          tsu_person_set_email (p, cell (row, positions, 5));
          tsu_person_set_notes (p, cell (row, positions, 6));
          key = key_of (name, agency_id);
          if (g_hash_table_lookup_extended (existing, key, NULL, &seen_line))
            {
              if (GPOINTER_TO_UINT (seen_line) == 0)
                add_problem (plan->duplicates, row->line, _("“%s” is already in the directory."), name);
              else
                add_problem (plan->duplicates, row->line, _("“%s” repeats line %u."), name,
                             GPOINTER_TO_UINT (seen_line));
              continue;
            }
          g_hash_table_insert (existing, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
          g_ptr_array_add (plan->new_records, g_steal_pointer (&p));
        }
    }
}

/**
 * tsu_csv_plan_new:
 * @store: the store to import into
 * @kind: agencies or persons
 * @contents: the file's bytes
 * @encoding: the file's encoding, or %TSU_CSV_ENCODING_AUTO to tell UTF-8 from Shift_JIS
 * @error: set when the file cannot be read as CSV at all
 *
 * Reads the file and plans the import without writing anything. Rows that are bad
 * are listed with their line number in the plan's problems.
 *
 * Returns: (transfer full) (nullable): the plan
 */
TsuCsvPlan *
tsu_csv_plan_new (TsuStore        *store,
                  TsuCsvKind       kind,
                  GBytes          *contents,
                  TsuCsvEncoding   encoding,
                  GError         **error)
{
  g_autoptr(TsuCsvPlan) plan = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  int positions[G_N_ELEMENTS (agency_columns)];
  const char *used = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  if (g_bytes_get_size (contents) > TSU_CSV_MAX_BYTES)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("The file is larger than %d MB; split it into smaller files."),
                   TSU_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  text = decode (contents, encoding, &used, error);
  if (text == NULL)
    return NULL;
  rows = parse_rows (text, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }
  if (!map_header (kind, rows->pdata[0], positions, error))
    return NULL;

  plan = g_new0 (TsuCsvPlan, 1);
  plan->kind = kind;
  plan->encoding = used;
  plan->new_records = g_ptr_array_new_with_free_func (g_object_unref);
  plan->duplicates = g_ptr_array_new_with_free_func (problem_free);
  plan->problems = g_ptr_array_new_with_free_func (problem_free);
  plan_rows (plan, store, rows, positions);
  return g_steal_pointer (&plan);
}

void
tsu_csv_plan_free (TsuCsvPlan *plan)
{
  if (plan == NULL)
    return;
  g_ptr_array_unref (plan->new_records);
  g_ptr_array_unref (plan->duplicates);
  g_ptr_array_unref (plan->problems);
  g_free (plan);
}

/** tsu_csv_plan_get_encoding: Returns: "UTF-8" or "Shift_JIS" */
const char *
tsu_csv_plan_get_encoding (TsuCsvPlan *plan)
{
  return plan->encoding;
}

/** tsu_csv_plan_get_new: Returns: (transfer none) (element-type TsuRecord): rows to add */
GPtrArray *
tsu_csv_plan_get_new (TsuCsvPlan *plan)
{
  return plan->new_records;
}

/** tsu_csv_plan_get_duplicates: Returns: (transfer none): skipped rows (TsuCsvProblem) */
GPtrArray *
tsu_csv_plan_get_duplicates (TsuCsvPlan *plan)
{
  return plan->duplicates;
}

/** tsu_csv_plan_get_problems: Returns: (transfer none): bad rows (TsuCsvProblem) */
GPtrArray *
tsu_csv_plan_get_problems (TsuCsvPlan *plan)
{
  return plan->problems;
}

/**
 * tsu_csv_plan_apply:
 *
 * Adds the plan's new rows in one transaction. A plan with bad rows is refused
 * whole: nothing is imported until the file is corrected.
 */
gboolean
tsu_csv_plan_apply (TsuCsvPlan  *plan,
                    TsuStore    *store,
                    GError     **error)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->problems->len > 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row is not correct; nothing was imported.",
                                "%u rows are not correct; nothing was imported.",
                                plan->problems->len),
                   plan->problems->len);
      return FALSE;
    }

  if (!tsu_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < plan->new_records->len; i++)
    if (!tsu_store_save (store, plan->new_records->pdata[i], error))
      {
        tsu_store_rollback (store);
        for (guint j = 0; j < plan->new_records->len; j++)
          tsu_record_set_id (plan->new_records->pdata[j], 0);
        return FALSE;
      }
  return tsu_store_commit (store, error);
}

static void
append_field (GString    *out,
              const char *text,
              gboolean    last)
{
  gboolean formula;

  if (text == NULL)
    text = "";
  /* Quote what needs it. A leading = or @ would be a formula to Excel: such text is
   * written after an apostrophe, which the import takes off again. */
  formula = text[0] == '=' || text[0] == '@';
  if (formula || strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

/**
 * tsu_csv_append_field:
 * @out: the CSV text being written
 * @text: (nullable): the field
 * @last: whether it ends the row
 *
 * Appends one field as the exports write it: quoted when needed, a leading = or @
 * kept from Excel's formulas, CRLF after the last field of a row. A file starts with
 * %TSU_CSV_BOM.
 */
void
tsu_csv_append_field (GString    *out,
                      const char *text,
                      gboolean    last)
{
  append_field (out, text, last);
}

/**
 * tsu_csv_export:
 *
 * Returns: (transfer full) (nullable): the agencies or persons as UTF-8 CSV with a
 *   byte order mark and CRLF line ends, Japanese column names, sorted by kana
 */
GBytes *
tsu_csv_export (TsuStore    *store,
                TsuCsvKind   kind,
                GError     **error)
{
  g_autoptr(GString) out = g_string_new ("\xef\xbb\xbf");
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GListModel) lookup = NULL;
  guint n;
  const Column *columns = columns_for (kind, &n);

  for (guint c = 0; c < n; c++)
    append_field (out, columns[c].japanese, c + 1 == n);

  /* Names of what the rows refer to: municipalities for agencies, agencies for persons. */
  lookup = tsu_store_list (store, kind == TSU_CSV_AGENCIES ? TSU_TYPE_MUNICIPALITY : TSU_TYPE_AGENCY,
                           NULL, error);
  if (lookup == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (lookup); i++)
    {
      g_autoptr(TsuRecord) r = g_list_model_get_item (lookup, i);
      gint64 id = tsu_record_get_id (r);

      g_hash_table_insert (names, g_memdup2 (&id, sizeof id),
                           g_strdup (TSU_IS_MUNICIPALITY (r) ? tsu_municipality_get_name (TSU_MUNICIPALITY (r))
                                                            : tsu_agency_get_name (TSU_AGENCY (r))));
    }

  rows = tsu_store_list (store, kind == TSU_CSV_AGENCIES ? TSU_TYPE_AGENCY : TSU_TYPE_PERSON, "kana", error);
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(TsuRecord) r = g_list_model_get_item (rows, i);

      if (kind == TSU_CSV_AGENCIES)
        {
          TsuAgency *a = TSU_AGENCY (r);
          gint64 m = tsu_agency_get_municipality_id (a);
          g_autoptr(GString) services = g_string_new (NULL);
          g_auto(GStrv) codes = g_strsplit (tsu_agency_get_services (a) ? tsu_agency_get_services (a) : "", ",", -1);

          for (guint s = 0; codes[s] != NULL; s++)
            if (*codes[s] != '\0')
              g_string_append_printf (services, "%s%s", services->len ? "、" : "",
                                      tsu_vocabulary_japanese (TSU_VOCABULARY_SERVICE, codes[s]));

          append_field (out, tsu_agency_get_name (a), FALSE);
          append_field (out, tsu_agency_get_kana (a), FALSE);
          append_field (out, tsu_vocabulary_japanese (TSU_VOCABULARY_AGENCY_KIND, tsu_agency_get_kind (a)), FALSE);
          append_field (out, g_hash_table_lookup (names, &m), FALSE);
          append_field (out, tsu_agency_get_address (a), FALSE);
          append_field (out, tsu_agency_get_phone (a), FALSE);
          append_field (out, tsu_agency_get_fax (a), FALSE);
          append_field (out, tsu_agency_get_email (a), FALSE);
          append_field (out, services->str, FALSE);
          append_field (out, tsu_agency_get_notes (a), TRUE);
        }
      else
        {
          TsuPerson *p = TSU_PERSON (r);
          gint64 agency = tsu_person_get_agency_id (p);

          append_field (out, tsu_person_get_name (p), FALSE);
          append_field (out, tsu_person_get_kana (p), FALSE);
          append_field (out, g_hash_table_lookup (names, &agency), FALSE);
          append_field (out, tsu_person_get_profession (p), FALSE);
          append_field (out, tsu_person_get_phone (p), FALSE);
          append_field (out, tsu_person_get_email (p), FALSE);
          append_field (out, tsu_person_get_notes (p), TRUE);
        }
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}
