/* tsu-ical-export.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-ical-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "tsu-database.h"
#include "tsu-ical-export.h"
#include "tsu-recurrence.h"
#include "model/tsu-case.h"
#include "model/tsu-meeting.h"
#include "model/tsu-municipality.h"
#include "model/tsu-participant.h"
#include "model/tsu-person.h"

/* Writes meetings as RFC 5545 text. The text is written here rather than through
 * libical's serializer so that every line is exactly what calendars expect: TZIDs
 * without libical's prefix, CRLF line ends, lines folded at 75 octets between UTF-8
 * characters, one EXDATE per line as Google and Outlook write them.
 *
 * Privacy: a case is named by its code. The children's names (and kana) of every case
 * are replaced by the case code wherever they appear in exported text, so that a name
 * typed into a title, a note or a participant's name never leaves in a file. */

typedef struct {
  char      *tzid;  /* the TZID written, or NULL for UTC ("Z") times */
  GTimeZone *tz;
} Zone;

typedef struct {
  char  *pattern;
  gsize  len;
  char  *code;
} MaskEntry;

/* A participant as written: a plain copy, since a whole calendar has many. */
typedef struct {
  gint64  person_id;
  char   *name;
  char   *agency_name;
  char   *role;
  char   *partstat;
} Attendee;

typedef struct {
  TsuStore                   *store;
  const TsuIcalExportOptions *options;
  GString                    *body;
  GString                    *line;
  char                       *dtstamp;
  GHashTable                 *persons;         /* id → TsuPerson */
  GHashTable                 *cases;           /* id → TsuCase */
  GHashTable                 *municipalities;  /* id → TsuMunicipality */
  GHashTable                 *zones;           /* meeting tzid → Zone */
  GPtrArray                  *used_zones;      /* TZIDs written, in order of first use */
  GHashTable                 *mask;            /* first character → GPtrArray of MaskEntry */
  gboolean                    invitation;
  gboolean                    sync;            /* CalDAV: calendar data only, no notes */
} Exporter;

static void
zone_free (gpointer data)
{
  Zone *zone = data;

  g_free (zone->tzid);
  g_clear_pointer (&zone->tz, g_time_zone_unref);
  g_free (zone);
}

static void
attendee_free (gpointer data)
{
  Attendee *a = data;

  g_free (a->name);
  g_free (a->agency_name);
  g_free (a->role);
  g_free (a->partstat);
  g_free (a);
}

static Attendee *
attendee_new (gint64      person_id,
              const char *name,
              const char *agency_name,
              const char *role,
              const char *partstat)
{
  Attendee *a = g_new0 (Attendee, 1);

  a->person_id = person_id;
  a->name = g_strdup (name);
  a->agency_name = g_strdup (agency_name);
  a->role = g_strdup (role);
  a->partstat = g_strdup (partstat);
  return a;
}

static void
mask_entry_free (gpointer data)
{
  MaskEntry *e = data;

  g_free (e->pattern);
  g_free (e->code);
  g_free (e);
}

static void
string_free (GString *s)
{
  g_string_free (s, TRUE);
}

static void
exporter_clear (Exporter *ex)
{
  g_clear_pointer (&ex->body, string_free);
  g_clear_pointer (&ex->line, string_free);
  g_clear_pointer (&ex->dtstamp, g_free);
  g_clear_pointer (&ex->persons, g_hash_table_unref);
  g_clear_pointer (&ex->cases, g_hash_table_unref);
  g_clear_pointer (&ex->municipalities, g_hash_table_unref);
  g_clear_pointer (&ex->zones, g_hash_table_unref);
  g_clear_pointer (&ex->used_zones, g_ptr_array_unref);
  g_clear_pointer (&ex->mask, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Exporter, exporter_clear)

static GHashTable *
new_id_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

static void
exporter_init (Exporter                   *ex,
               TsuStore                   *store,
               const TsuIcalExportOptions *options,
               gboolean                    invitation)
{
  g_autoptr(GDateTime) now = NULL;

  memset (ex, 0, sizeof *ex);
  ex->store = store;
  ex->options = options;
  ex->invitation = invitation;
  ex->body = g_string_sized_new (4096);
  ex->line = g_string_sized_new (256);
  ex->persons = new_id_table ();
  ex->cases = new_id_table ();
  ex->municipalities = new_id_table ();
  ex->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, zone_free);
  ex->used_zones = g_ptr_array_new_with_free_func (g_free);
  ex->mask = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                    (GDestroyNotify) g_ptr_array_unref);

  now = options->now != 0 ? g_date_time_new_from_unix_utc (options->now)
                          : g_date_time_new_now_utc ();
  ex->dtstamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
}

/* Records by id, loaded on first use (or all at once by preload()). */
static gpointer
lookup (Exporter   *ex,
        GHashTable *table,
        GType       type,
        gint64      id)
{
  TsuRecord *record;

  if (id == 0)
    return NULL;
  record = g_hash_table_lookup (table, &id);
  if (record == NULL && !g_hash_table_contains (table, &id))
    {
      record = tsu_store_load (ex->store, type, id, NULL);
      if (record != NULL)
        g_hash_table_insert (table, g_memdup2 (&id, sizeof id), record);
    }
  return record;
}

static gboolean
preload (Exporter    *ex,
         GHashTable  *table,
         GType        type,
         GError     **error)
{
  g_autoptr(GListModel) all = tsu_store_list (ex->store, type, NULL, error);

  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      TsuRecord *r = g_list_model_get_item (all, i);
      gint64 id = tsu_record_get_id (r);

      g_hash_table_insert (table, g_memdup2 (&id, sizeof id), r);
    }
  return TRUE;
}

/* Name masking ---------------------------------------------------------------------- */

static int
compare_longest_first (gconstpointer a,
                       gconstpointer b)
{
  const MaskEntry *ea = *(const MaskEntry **) a;
  const MaskEntry *eb = *(const MaskEntry **) b;

  return ea->len < eb->len ? 1 : ea->len > eb->len ? -1 : 0;
}

static void
mask_add_pattern (Exporter   *ex,
                  const char *pattern,
                  const char *code)
{
  gunichar first;
  GPtrArray *entries;
  MaskEntry *e;

  /* A single character would mask half of every text; names have two or more. */
  if (pattern == NULL || g_utf8_strlen (pattern, -1) < 2)
    return;

  first = g_utf8_get_char (pattern);
  entries = g_hash_table_lookup (ex->mask, GUINT_TO_POINTER (first));
  if (entries == NULL)
    {
      entries = g_ptr_array_new_with_free_func (mask_entry_free);
      g_hash_table_insert (ex->mask, GUINT_TO_POINTER (first), entries);
    }
  for (guint i = 0; i < entries->len; i++)
    if (strcmp (((MaskEntry *) entries->pdata[i])->pattern, pattern) == 0)
      return;

  e = g_new0 (MaskEntry, 1);
  e->pattern = g_strdup (pattern);
  e->len = strlen (pattern);
  e->code = g_strdup (code);
  g_ptr_array_add (entries, e);
  g_ptr_array_sort (entries, compare_longest_first);
}

/* @name as typed, without its blanks, and with its blanks as ASCII or ideographic
 * spaces: "山田 花子", "山田花子", "山田　花子". */
static void
mask_add_name (Exporter   *ex,
               const char *name,
               const char *code)
{
  g_autoptr(GString) joined = NULL;
  g_autoptr(GString) ascii = NULL;
  g_autoptr(GString) wide = NULL;
  g_autofree char *trimmed = NULL;

  if (name == NULL)
    return;
  trimmed = g_strstrip (g_strdup (name));
  joined = g_string_new (NULL);
  ascii = g_string_new (NULL);
  wide = g_string_new (NULL);

  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          g_string_append_c (ascii, ' ');
          g_string_append (wide, "\u3000");
        }
      else
        {
          g_string_append_unichar (joined, c);
          g_string_append_unichar (ascii, c);
          g_string_append_unichar (wide, c);
        }
    }

  mask_add_pattern (ex, trimmed, code);
  mask_add_pattern (ex, joined->str, code);
  mask_add_pattern (ex, ascii->str, code);
  mask_add_pattern (ex, wide->str, code);
}

static void
build_mask (Exporter *ex)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, ex->cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TsuCase *c = value;

      mask_add_name (ex, tsu_case_get_child_name (c), tsu_case_get_code (c));
      mask_add_name (ex, tsu_case_get_child_kana (c), tsu_case_get_code (c));
    }
}

/* @text with every child's name replaced by the case code. */
static char *
mask_text (Exporter   *ex,
           const char *text)
{
  GString *out = NULL;
  const char *copied = text;

  if (text == NULL)
    return NULL;
  if (g_hash_table_size (ex->mask) == 0)
    return g_strdup (text);

  for (const char *p = text; *p != '\0';)
    {
      GPtrArray *entries = g_hash_table_lookup (ex->mask, GUINT_TO_POINTER (g_utf8_get_char (p)));
      const MaskEntry *hit = NULL;

      for (guint i = 0; entries != NULL && i < entries->len && hit == NULL; i++)
        {
          const MaskEntry *e = entries->pdata[i];

          if (strncmp (p, e->pattern, e->len) == 0)
            hit = e;
        }

      if (hit == NULL)
        {
          p = g_utf8_next_char (p);
          continue;
        }
      if (out == NULL)
        out = g_string_new (NULL);
      g_string_append_len (out, copied, p - copied);
      g_string_append (out, hit->code);
      p += hit->len;
      copied = p;
    }

  if (out == NULL)
    return g_strdup (text);
  g_string_append (out, copied);
  return g_string_free (out, FALSE);
}

/* Content lines ----------------------------------------------------------------------- */

/* Folds @line into @out: at most 75 octets a line, never inside a UTF-8 character. */
static void
fold_into (GString    *out,
           const char *line,
           gsize       len)
{
  const char *p = line;
  const char *end = line + len;
  gsize room = 75;

  while ((gsize) (end - p) > room)
    {
      const char *cut = p + room;

      /* Back up to the first byte of a character. */
      while (cut > p && ((guchar) *cut & 0xc0) == 0x80)
        cut--;
      g_string_append_len (out, p, cut - p);
      g_string_append_len (out, "\r\n ", 3);
      p = cut;
      room = 74;
    }
  g_string_append_len (out, p, end - p);
  g_string_append_len (out, "\r\n", 2);
}

static void
begin_line (Exporter   *ex,
            const char *name)
{
  g_string_assign (ex->line, name);
}

static void
end_line (Exporter *ex)
{
  fold_into (ex->body, ex->line->str, ex->line->len);
}

/* A parameter value cannot hold a double quote or a line break; one with ':', ';' or
 * ',' is quoted. */
static void
add_param (Exporter   *ex,
           const char *name,
           const char *value)
{
  gboolean quote = FALSE;
  gsize at;

  g_string_append_c (ex->line, ';');
  g_string_append (ex->line, name);
  g_string_append_c (ex->line, '=');
  at = ex->line->len;
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"')
        g_string_append_c (ex->line, '\'');
      else if (c < 0x20 || c == 0x7f)
        g_string_append_c (ex->line, ' ');
      else
        {
          if (c == ':' || c == ';' || c == ',')
            quote = TRUE;
          g_string_append_c (ex->line, c);
        }
    }
  if (quote)
    {
      g_string_insert_c (ex->line, at, '"');
      g_string_append_c (ex->line, '"');
    }
}

static void
add_text_value (Exporter   *ex,
                const char *text)
{
  g_string_append_c (ex->line, ':');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (ex->line, "\\\\");
          break;
        case ';':
          g_string_append (ex->line, "\\;");
          break;
        case ',':
          g_string_append (ex->line, "\\,");
          break;
        case '\n':
          g_string_append (ex->line, "\\n");
          break;
        case '\r':
          break;
        default:
          if ((guchar) *p >= 0x20 || *p == '\t')
            g_string_append_c (ex->line, *p);
          break;
        }
    }
}

/* A URI or other value that is not TEXT: written as it is, without line breaks. */
static void
add_raw_value (Exporter   *ex,
               const char *value)
{
  g_string_append_c (ex->line, ':');
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p >= 0x20 && *p != 0x7f)
      g_string_append_c (ex->line, *p);
}

static void
write_raw (Exporter   *ex,
           const char *name,
           const char *value)
{
  begin_line (ex, name);
  add_raw_value (ex, value);
  end_line (ex);
}

/* Text a person typed: children's names masked. */
static void
write_text (Exporter   *ex,
            const char *name,
            const char *text)
{
  g_autofree char *masked = NULL;

  if (text == NULL || *text == '\0')
    return;
  masked = mask_text (ex, text);
  begin_line (ex, name);
  add_text_value (ex, masked);
  end_line (ex);
}

/* Text that identifies something (a UID, a code): written unchanged. */
static void
write_id (Exporter   *ex,
          const char *name,
          const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  begin_line (ex, name);
  add_text_value (ex, text);
  end_line (ex);
}

/* Times -------------------------------------------------------------------------------- */

static gboolean
is_utc_name (const char *tzid)
{
  return g_strcmp0 (tzid, "UTC") == 0 || g_strcmp0 (tzid, "Etc/UTC") == 0 ||
         g_strcmp0 (tzid, "GMT") == 0 || g_strcmp0 (tzid, "Z") == 0;
}

/* The zone a meeting's times are written in: its own, when both GLib and libical know
 * it; UTC otherwise (the same instants, and no VTIMEZONE needed). */
static const Zone *
zone_of (Exporter   *ex,
         const char *tzid)
{
  Zone *zone;

  if (tzid == NULL || *tzid == '\0')
    tzid = TSU_ICAL_DEFAULT_TZID;

  zone = g_hash_table_lookup (ex->zones, tzid);
  if (zone != NULL)
    return zone;

  zone = g_new0 (Zone, 1);
  if (!is_utc_name (tzid))
    {
      zone->tz = g_time_zone_new_identifier (tzid);
      if (zone->tz != NULL &&
          (strcmp (tzid, TSU_ICAL_DEFAULT_TZID) == 0 || icaltimezone_get_builtin_timezone (tzid) != NULL))
        zone->tzid = g_strdup (tzid);
      else
        g_clear_pointer (&zone->tz, g_time_zone_unref);
    }
  if (zone->tz == NULL)
    zone->tz = g_time_zone_new_utc ();

  g_hash_table_insert (ex->zones, g_strdup (tzid), zone);
  return zone;
}

static void
use_zone (Exporter   *ex,
          const Zone *zone)
{
  if (zone->tzid == NULL)
    return;
  for (guint i = 0; i < ex->used_zones->len; i++)
    if (strcmp (ex->used_zones->pdata[i], zone->tzid) == 0)
      return;
  g_ptr_array_add (ex->used_zones, g_strdup (zone->tzid));
}

static GDateTime *
local_date_time (const Zone *zone,
                 gint64      t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  return g_date_time_to_timezone (utc, zone->tz);
}

/* Appends ";VALUE=DATE:20261124", ";TZID=Asia/Tokyo:20261124T140000" or
 * ":20261124T050000Z" to the current line. */
static void
add_time (Exporter   *ex,
          const Zone *zone,
          gint64      t,
          gboolean    is_date,
          int         add_days)
{
  g_autoptr(GDateTime) local = local_date_time (zone, t);
  g_autoptr(GDateTime) shifted = g_date_time_add_days (local, add_days);
  g_autofree char *text = NULL;

  if (is_date)
    {
      text = g_date_time_format (shifted, "%Y%m%d");
      g_string_append_printf (ex->line, ";VALUE=DATE:%s", text);
    }
  else if (zone->tzid == NULL)
    {
      text = g_date_time_format (shifted, "%Y%m%dT%H%M%SZ");
      g_string_append_printf (ex->line, ":%s", text);
    }
  else
    {
      use_zone (ex, zone);
      text = g_date_time_format (shifted, "%Y%m%dT%H%M%S");
      add_param (ex, "TZID", zone->tzid);
      g_string_append_printf (ex->line, ":%s", text);
    }
}

static void
write_time (Exporter   *ex,
            const char *name,
            const Zone *zone,
            gint64      t,
            gboolean    is_date,
            int         add_days)
{
  begin_line (ex, name);
  add_time (ex, zone, t, is_date, add_days);
  end_line (ex);
}

/* Participants -------------------------------------------------------------------------- */

static gboolean
is_plain_email (const char *email)
{
  const char *at;

  if (email == NULL || *email == '\0')
    return FALSE;
  at = strchr (email, '@');
  if (at == NULL || at == email || at[1] == '\0')
    return FALSE;
  for (const char *p = email; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == '<' || *p == '>' || *p == '"' || *p == ':')
      return FALSE;
  return TRUE;
}

/* A stable address for a participant without e-mail: a name-based URN. */
static char *
urn_for (const char *uid,
         const char *name)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", uid, name != NULL ? name : "");
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);

  hex[12] = '5';
  hex[16] = "89ab"[g_ascii_xdigit_value (hex[16]) & 3];
  return g_strdup_printf ("urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12,
                          hex + 16, hex + 20);
}

static const char *
partstat_value (const char *partstat)
{
  if (g_strcmp0 (partstat, "accepted") == 0)
    return "ACCEPTED";
  if (g_strcmp0 (partstat, "declined") == 0)
    return "DECLINED";
  if (g_strcmp0 (partstat, "tentative") == 0)
    return "TENTATIVE";
  return "NEEDS-ACTION";
}

typedef struct {
  char *name;   /* masked */
  char *email;  /* NULL without a usable address */
} Who;

static void
who_clear (Who *who)
{
  g_clear_pointer (&who->name, g_free);
  g_clear_pointer (&who->email, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Who, who_clear)

static void
who_of_participant (Exporter *ex,
                    Attendee *p,
                    Who      *who)
{
  TsuPerson *person = lookup (ex, ex->persons, TSU_TYPE_PERSON, p->person_id);
  const char *name = p->name;

  if (person != NULL)
    {
      if (name == NULL || *name == '\0')
        name = tsu_person_get_name (person);
      if (is_plain_email (tsu_person_get_email (person)))
        who->email = g_strdup (tsu_person_get_email (person));
    }
  who->name = mask_text (ex, name != NULL ? name : "");
}

/* One ATTENDEE per calendar address: a person listed twice (say as chair and as
 * attendee) is written once, with the first role. */
static void
write_attendee (Exporter   *ex,
                const char *uid,
                Attendee   *p,
                GHashTable *written)
{
  g_auto(Who) who = { 0 };
  const char *role = p->role;
  const char *partstat = partstat_value (p->partstat);
  const char *agency = p->agency_name;
  g_autofree char *address = NULL;

  who_of_participant (ex, p, &who);

  begin_line (ex, "ATTENDEE");
  add_param (ex, "CUTYPE", "INDIVIDUAL");
  add_param (ex, "ROLE", g_strcmp0 (role, "chair") == 0 ? "CHAIR" : "REQ-PARTICIPANT");
  add_param (ex, "PARTSTAT", partstat);
  if (ex->invitation && strcmp (partstat, "NEEDS-ACTION") == 0 && who.email != NULL)
    add_param (ex, "RSVP", "TRUE");
  if (*who.name != '\0')
    add_param (ex, "CN", who.name);
  /* Roles iCalendar has no word for, kept for Tsunagu's own import. */
  if (role != NULL && strcmp (role, "chair") != 0 && strcmp (role, "attendee") != 0)
    add_param (ex, "X-TSUNAGU-ROLE", role);
  if (agency != NULL && *agency != '\0')
    {
      g_autofree char *masked = mask_text (ex, agency);

      add_param (ex, "X-TSUNAGU-AGENCY", masked);
    }
  address = who.email != NULL ? g_strconcat ("mailto:", who.email, NULL) : urn_for (uid, who.name);
  if (g_hash_table_contains (written, address))
    return;
  add_raw_value (ex, address);
  end_line (ex);
  g_hash_table_add (written, g_steal_pointer (&address));
}

/* The organizer: the meeting's; for an invitation, which needs one, else the chair
 * with an e-mail address, else the one the options give. */
static gboolean
find_organizer (Exporter   *ex,
                TsuMeeting *meeting,
                GPtrArray  *participants,
                Who        *who)
{
  TsuPerson *person = lookup (ex, ex->persons, TSU_TYPE_PERSON, tsu_meeting_get_organizer_id (meeting));

  if (person != NULL && is_plain_email (tsu_person_get_email (person)))
    {
      who->name = mask_text (ex, tsu_person_get_name (person));
      who->email = g_strdup (tsu_person_get_email (person));
      return TRUE;
    }
  if (!ex->invitation)
    return FALSE;

  for (guint i = 0; participants != NULL && i < participants->len; i++)
    {
      Attendee *p = participants->pdata[i];

      if (g_strcmp0 (p->role, "chair") != 0)
        continue;
      who_of_participant (ex, p, who);
      if (who->email != NULL)
        return TRUE;
      who_clear (who);
    }

  if (is_plain_email (ex->options->organizer_email))
    {
      who->name = mask_text (ex, ex->options->organizer_name != NULL ? ex->options->organizer_name : "");
      who->email = g_strdup (ex->options->organizer_email);
      return TRUE;
    }
  return FALSE;
}

/* Events ---------------------------------------------------------------------------------- */

static void
write_event (Exporter   *ex,
             TsuMeeting *meeting,
             TsuMeeting *master,     /* the series of an override, else NULL */
             GPtrArray  *participants)
{
  const Zone *zone = zone_of (ex, tsu_meeting_get_tzid (meeting));
  gboolean all_day = tsu_meeting_get_all_day (meeting);
  gint64 start = tsu_meeting_get_starts_at (meeting);
  gint64 end = tsu_meeting_get_ends_at (meeting);
  const char *uid = tsu_meeting_get_uid (meeting);
  const char *rrule = tsu_meeting_get_rrule (meeting);
  TsuCase *kase = lookup (ex, ex->cases, TSU_TYPE_CASE, tsu_meeting_get_case_id (meeting));
  TsuMunicipality *municipality = lookup (ex, ex->municipalities, TSU_TYPE_MUNICIPALITY,
                                          tsu_meeting_get_municipality_id (meeting));
  g_auto(Who) organizer = { 0 };
  g_autoptr(GHashTable) written = NULL;
  g_autofree char *sequence = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               MAX (tsu_meeting_get_sequence (meeting), 0));

  g_string_append (ex->body, "BEGIN:VEVENT\r\n");
  write_id (ex, "UID", uid);
  write_raw (ex, "DTSTAMP", ex->dtstamp);
  write_raw (ex, "SEQUENCE", sequence);

  if (master != NULL)
    {
      const Zone *series_zone = zone_of (ex, tsu_meeting_get_tzid (master));

      write_time (ex, "RECURRENCE-ID", series_zone, tsu_meeting_get_recurrence_id (meeting),
                  tsu_meeting_get_all_day (master), 0);
    }

  if (all_day)
    {
      /* DTEND of a date is the day after the last one. */
      write_time (ex, "DTSTART", zone, start, TRUE, 0);
      if (end <= start)
        write_time (ex, "DTEND", zone, start, TRUE, 1);
      else
        write_time (ex, "DTEND", zone, end - 1, TRUE, 1);
    }
  else
    {
      write_time (ex, "DTSTART", zone, start, FALSE, 0);
      write_time (ex, "DTEND", zone, MAX (end, start), FALSE, 0);
    }

  if (master == NULL && rrule != NULL && *rrule != '\0')
    {
      g_autoptr(GArray) exdates = tsu_recurrence_parse_exdates (tsu_meeting_get_exdates (meeting));

      write_raw (ex, "RRULE", rrule);
      for (guint i = 0; i < exdates->len; i++)
        write_time (ex, "EXDATE", zone, g_array_index (exdates, gint64, i), all_day, 0);
    }

  write_text (ex, "SUMMARY", tsu_meeting_get_title (meeting));
  write_text (ex, "LOCATION", tsu_meeting_get_location (meeting));
  if (tsu_meeting_get_url (meeting) != NULL && *tsu_meeting_get_url (meeting) != '\0')
    write_raw (ex, "URL", tsu_meeting_get_url (meeting));
  /* Notes stay on this computer: a shared calendar gets the calendar data only. */
  if (!ex->sync)
    write_text (ex, "DESCRIPTION", tsu_meeting_get_notes (meeting));
  write_id (ex, "CATEGORIES", tsu_ical_kind_to_category (tsu_meeting_get_kind (meeting)));
  write_raw (ex, "STATUS",
             g_strcmp0 (tsu_meeting_get_status (meeting), "cancelled") == 0 ? "CANCELLED" : "CONFIRMED");

  if (find_organizer (ex, master != NULL ? master : meeting, participants, &organizer))
    {
      g_autofree char *mailto = g_strconcat ("mailto:", organizer.email, NULL);

      begin_line (ex, "ORGANIZER");
      if (*organizer.name != '\0')
        add_param (ex, "CN", organizer.name);
      add_raw_value (ex, mailto);
      end_line (ex);
    }

  for (guint i = 0; participants != NULL && i < participants->len; i++)
    {
      if (written == NULL)
        written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      write_attendee (ex, uid, participants->pdata[i], written);
    }

  /* For Tsunagu's own import: the exact kind, the case by its code, the municipality. */
  write_raw (ex, "X-TSUNAGU-KIND", tsu_meeting_get_kind (meeting));
  if (kase != NULL)
    write_id (ex, "X-TSUNAGU-CASE", tsu_case_get_code (kase));
  if (municipality != NULL)
    write_id (ex, "X-TSUNAGU-MUNICIPALITY", tsu_municipality_get_code (municipality));

  g_string_append (ex->body, "END:VEVENT\r\n");
}

/* The VTIMEZONE of a zone other than Asia/Tokyo, from libical with its TZID plain. */
static void
append_vtimezone (GString    *out,
                  const char *tzid)
{
  icaltimezone *builtin;
  icalcomponent *comp;
  icalproperty *prop;
  char *text;

  if (strcmp (tzid, TSU_ICAL_DEFAULT_TZID) == 0)
    {
      g_string_append (out, tsu_ical_tokyo_vtimezone ());
      return;
    }

  builtin = icaltimezone_get_builtin_timezone (tzid);
  if (builtin == NULL || icaltimezone_get_component (builtin) == NULL)
    return;
  comp = icalcomponent_new_clone (icaltimezone_get_component (builtin));
  prop = icalcomponent_get_first_property (comp, ICAL_TZID_PROPERTY);
  if (prop != NULL)
    icalproperty_set_tzid (prop, tzid);
  text = icalcomponent_as_ical_string_r (comp);
  g_string_append (out, text);
  free (text);
  icalcomponent_free (comp);
}

static GBytes *
finish (Exporter   *ex,
        const char *method)
{
  GString *out = g_string_sized_new (ex->body->len + 1024);

  g_string_append (out, "BEGIN:VCALENDAR\r\n"
                        "VERSION:2.0\r\n"
                        "PRODID:-//Tsunagu//Tsunagu " PACKAGE_VERSION "//EN\r\n"
                        "CALSCALE:GREGORIAN\r\n");
  if (method != NULL)
    g_string_append_printf (out, "METHOD:%s\r\n", method);
  else
    g_string_append (out, "X-WR-CALNAME:Tsunagu\r\n");
  for (guint i = 0; i < ex->used_zones->len; i++)
    append_vtimezone (out, ex->used_zones->pdata[i]);
  g_string_append_len (out, ex->body->str, ex->body->len);
  g_string_append (out, "END:VCALENDAR\r\n");
  return g_string_free_to_bytes (out);
}

/* Public API ---------------------------------------------------------------------------- */

/**
 * tsu_ical_export_options_init:
 * @options: options to set to "everything, stamped now"
 */
void
tsu_ical_export_options_init (TsuIcalExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->from = G_MININT64;
  options->to = G_MAXINT64;
}

static GHashTable *
select_series (TsuStore                    *store,
               const TsuIcalExportOptions  *options,
               GError                     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  /* Singles that overlap the period, and series whose span does. */
  stmt = tsu_database_prepare (tsu_store_get_database (store),
                               "SELECT id FROM meeting WHERE series_id IS NULL "
                               "AND (?1 IS NULL OR kind = ?1) "
                               "AND (?2 = 0 OR case_id = ?2) "
                               "AND (?3 = 0 OR municipality_id = ?3) "
                               "AND starts_at < ?5 "
                               "AND CASE WHEN rrule IS NULL THEN (ends_at > ?4 OR starts_at >= ?4) "
                               "ELSE (recurs_until IS NULL OR recurs_until > ?4) END",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, options->kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, options->case_id);
  sqlite3_bind_int64 (stmt, 3, options->municipality_id);
  sqlite3_bind_int64 (stmt, 4, options->from);
  sqlite3_bind_int64 (stmt, 5, options->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (tsu_store_get_database (store), rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static GHashTable *
group_by (GListModel *records,
          guint       field)
{
  GHashTable *groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(TsuRecord) r = g_list_model_get_item (records, i);
      gint64 key = tsu_record_get_int (r, field);
      GPtrArray *group = g_hash_table_lookup (groups, &key);

      if (group == NULL)
        {
          group = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (groups, g_memdup2 (&key, sizeof key), group);
        }
      g_ptr_array_add (group, g_object_ref (r));
    }
  return groups;
}

/* Every participant, by meeting id, in the order they were added. */
static GHashTable *
load_attendees (TsuStore  *store,
                GError   **error)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;
  GPtrArray *group = NULL;
  gint64 current = 0;
  int rc;

  stmt = tsu_database_prepare (tsu_store_get_database (store),
                               "SELECT meeting_id, person_id, name, agency_name, role, partstat "
                               "FROM participant ORDER BY meeting_id, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 meeting_id = sqlite3_column_int64 (stmt, 0);

      if (group == NULL || meeting_id != current)
        {
          group = g_ptr_array_new_with_free_func (attendee_free);
          current = meeting_id;
          g_hash_table_insert (groups, g_memdup2 (&meeting_id, sizeof meeting_id), group);
        }
      g_ptr_array_add (group, attendee_new (sqlite3_column_int64 (stmt, 1),
                                            (const char *) sqlite3_column_text (stmt, 2),
                                            (const char *) sqlite3_column_text (stmt, 3),
                                            (const char *) sqlite3_column_text (stmt, 4),
                                            (const char *) sqlite3_column_text (stmt, 5)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (tsu_store_get_database (store), rc, error);
      return NULL;
    }
  return g_steal_pointer (&groups);
}

/**
 * tsu_ical_export_calendar:
 * @store: a store
 * @options: which meetings, and the DTSTAMP
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes the meetings @options select as one iCalendar file: each single meeting and
 * each series master (with its RRULE and EXDATEs) followed by its overridden
 * occurrences (RECURRENCE-ID), participants as ATTENDEEs, the VTIMEZONEs used. A series
 * is written whole when any part of it overlaps the period. Safe to call from a worker
 * thread that owns @store.
 *
 * Returns: (transfer full) (nullable): the file's bytes
 */
GBytes *
tsu_ical_export_calendar (TsuStore                    *store,
                          const TsuIcalExportOptions  *options,
                          GCancellable                *cancellable,
                          GError                     **error)
{
  g_auto(Exporter) ex = { 0 };
  g_autoptr(GHashTable) selected = NULL;
  g_autoptr(GListModel) meetings = NULL;
  g_autoptr(GHashTable) by_meeting = NULL;
  g_autoptr(GHashTable) overrides = NULL;
  g_autoptr(GListStore) override_list = NULL;
  TsuIcalExportOptions defaults;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  if (options == NULL)
    {
      tsu_ical_export_options_init (&defaults);
      options = &defaults;
    }

  exporter_init (&ex, store, options, FALSE);
  if (!preload (&ex, ex.persons, TSU_TYPE_PERSON, error) ||
      !preload (&ex, ex.cases, TSU_TYPE_CASE, error) ||
      !preload (&ex, ex.municipalities, TSU_TYPE_MUNICIPALITY, error))
    return NULL;
  build_mask (&ex);

  selected = select_series (store, options, error);
  if (selected == NULL)
    return NULL;
  meetings = tsu_store_list (store, TSU_TYPE_MEETING, "starts_at", error);
  if (meetings == NULL)
    return NULL;

  /* About a kilobyte an event: room for all of them at once. */
  g_string_set_size (ex.body, MIN ((gsize) g_list_model_get_n_items (meetings) * 1280, 256u << 20));
  g_string_truncate (ex.body, 0);
  by_meeting = load_attendees (store, error);
  if (by_meeting == NULL)
    return NULL;

  override_list = g_list_store_new (TSU_TYPE_MEETING);
  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(TsuMeeting) m = g_list_model_get_item (meetings, i);
      gint64 series_id = tsu_meeting_get_series_id (m);

      if (series_id != 0 && g_hash_table_contains (selected, &series_id))
        g_list_store_append (override_list, m);
    }
  overrides = group_by (G_LIST_MODEL (override_list), TSU_MEETING_FIELD_SERIES_ID);

  for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
    {
      g_autoptr(TsuMeeting) m = g_list_model_get_item (meetings, i);
      gint64 id = tsu_record_get_id (TSU_RECORD (m));
      GPtrArray *moved;

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (tsu_meeting_get_series_id (m) != 0 || !g_hash_table_contains (selected, &id))
        continue;

      write_event (&ex, m, NULL, g_hash_table_lookup (by_meeting, &id));

      moved = g_hash_table_lookup (overrides, &id);
      for (guint j = 0; moved != NULL && j < moved->len; j++)
        {
          TsuMeeting *o = moved->pdata[j];
          gint64 oid = tsu_record_get_id (TSU_RECORD (o));
          GPtrArray *own = g_hash_table_lookup (by_meeting, &oid);

          /* An occurrence without a participant list of its own has the series'. */
          write_event (&ex, o, m, own != NULL ? own : g_hash_table_lookup (by_meeting, &id));
        }
    }

  return finish (&ex, NULL);
}

static GPtrArray *
participants_of (TsuStore    *store,
                 gint64       meeting_id,
                 GError     **error)
{
  g_autoptr(GListModel) list = tsu_store_list_by (store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                                  meeting_id, NULL, error);
  GPtrArray *out;

  if (list == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func (attendee_free);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TsuParticipant) p = g_list_model_get_item (list, i);

      g_ptr_array_add (out, attendee_new (tsu_participant_get_person_id (p),
                                          tsu_participant_get_name (p),
                                          tsu_participant_get_agency_name (p),
                                          tsu_participant_get_role (p),
                                          tsu_participant_get_partstat (p)));
    }
  return out;
}

/**
 * tsu_ical_export_invitation:
 * @store: a store
 * @meeting_id: a single meeting, a series, or one overridden occurrence
 * @options: (nullable): the DTSTAMP and a fallback organizer
 * @error: return location for an error
 *
 * Writes an iTIP message (RFC 5546) to attach to an e-mail: METHOD:REQUEST, or
 * METHOD:CANCEL when the meeting (or the occurrence) is cancelled, with the SEQUENCE
 * the store keeps (it grows with every change). A series goes with its overridden
 * occurrences. The organizer is the meeting's, else the chair with an e-mail address,
 * else the one in @options; without any, %TSU_ICAL_ERROR_NO_ORGANIZER.
 *
 * Returns: (transfer full) (nullable): the file's bytes
 */
GBytes *
tsu_ical_export_invitation (TsuStore                    *store,
                            gint64                       meeting_id,
                            const TsuIcalExportOptions  *options,
                            GError                     **error)
{
  g_auto(Exporter) ex = { 0 };
  g_auto(Who) organizer = { 0 };
  g_autoptr(TsuMeeting) meeting = NULL;
  g_autoptr(TsuMeeting) master = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  TsuIcalExportOptions defaults;
  gboolean cancelled;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  if (options == NULL)
    {
      tsu_ical_export_options_init (&defaults);
      options = &defaults;
    }

  meeting = tsu_store_load (store, TSU_TYPE_MEETING, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  if (tsu_meeting_get_series_id (meeting) != 0)
    {
      master = tsu_store_load (store, TSU_TYPE_MEETING, tsu_meeting_get_series_id (meeting), error);
      if (master == NULL)
        return NULL;
    }

  exporter_init (&ex, store, options, TRUE);
  if (!preload (&ex, ex.cases, TSU_TYPE_CASE, error))
    return NULL;
  build_mask (&ex);

  participants = participants_of (store, meeting_id, error);
  if (participants == NULL)
    return NULL;
  if (participants->len == 0 && master != NULL)
    {
      g_clear_pointer (&participants, g_ptr_array_unref);
      participants = participants_of (store, tsu_record_get_id (TSU_RECORD (master)), error);
      if (participants == NULL)
        return NULL;
    }

  if (!find_organizer (&ex, master != NULL ? master : meeting, participants, &organizer))
    {
      g_set_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_NO_ORGANIZER,
                   _("The invitation needs an organizer with an e-mail address, for the replies. "
                     "Set the meeting's organizer or a chair with an e-mail address."));
      return NULL;
    }

  write_event (&ex, meeting, master, participants);

  if (master == NULL && tsu_meeting_get_rrule (meeting) != NULL)
    {
      g_autoptr(GListModel) moved = tsu_store_list_by (store, TSU_TYPE_MEETING, "series_id",
                                                       meeting_id, "recurrence_id", error);

      if (moved == NULL)
        return NULL;
      for (guint i = 0; i < g_list_model_get_n_items (moved); i++)
        {
          g_autoptr(TsuMeeting) o = g_list_model_get_item (moved, i);
          g_autoptr(GPtrArray) own = participants_of (store, tsu_record_get_id (TSU_RECORD (o)), error);

          if (own == NULL)
            return NULL;
          write_event (&ex, o, meeting, own->len > 0 ? own : participants);
        }
    }

  cancelled = g_strcmp0 (tsu_meeting_get_status (meeting), "cancelled") == 0;
  return finish (&ex, cancelled ? "CANCEL" : "REQUEST");
}

/**
 * tsu_ical_export_invitation_recipients:
 * @store: a store
 * @meeting_id: the meeting of the invitation
 * @error: return location for an error
 *
 * The e-mail addresses of the meeting's participants (those that have one), each
 * once, for the To: line of the message that carries the invitation.
 *
 * Returns: (transfer full) (nullable): the addresses
 */
GStrv
tsu_ical_export_invitation_recipients (TsuStore    *store,
                                       gint64       meeting_id,
                                       GError     **error)
{
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TsuMeeting) meeting = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  meeting = tsu_store_load (store, TSU_TYPE_MEETING, meeting_id, error);
  if (meeting == NULL)
    return NULL;
  participants = participants_of (store, meeting_id, error);
  if (participants != NULL && participants->len == 0 && tsu_meeting_get_series_id (meeting) != 0)
    {
      g_clear_pointer (&participants, g_ptr_array_unref);
      participants = participants_of (store, tsu_meeting_get_series_id (meeting), error);
    }
  if (participants == NULL)
    return NULL;

  for (guint i = 0; i < participants->len; i++)
    {
      g_autoptr(TsuPerson) person = NULL;
      const char *email;

      Attendee *a = participants->pdata[i];

      if (a->person_id == 0)
        continue;
      person = tsu_store_load (store, TSU_TYPE_PERSON, a->person_id, NULL);
      email = person != NULL ? tsu_person_get_email (person) : NULL;
      if (is_plain_email (email) && !g_hash_table_contains (seen, email))
        {
          g_hash_table_add (seen, g_strdup (email));
          g_strv_builder_add (builder, email);
        }
    }
  return g_strv_builder_end (builder);
}

/**
 * tsu_ical_export_save:
 * @ics: what an export returned
 * @path: the file to write
 * @error: return location for a #GFileError
 *
 * Writes @ics to @path atomically (a reader never sees half a file), readable by its
 * owner only: it may name cases and who meets about them.
 */
gboolean
tsu_ical_export_save (GBytes      *ics,
                      const char  *path,
                      GError     **error)
{
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (ics != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = g_bytes_get_data (ics, &len);
  return g_file_set_contents_full (path, data != NULL ? data : "", len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* CalDAV resources ------------------------------------------------------------------------ */

/* One series (or single meeting) as a VCALENDAR of its own, stamped with its last change:
 * DTSTAMP of an object without METHOD is when its information was last revised. */
static GBytes *
write_resource (Exporter   *ex,
                TsuMeeting *master,
                GPtrArray  *moved,
                GHashTable *by_meeting,
                gint64      updated_at)
{
  gint64 id = tsu_record_get_id (TSU_RECORD (master));
  g_autoptr(GDateTime) stamp = g_date_time_new_from_unix_utc (MAX (updated_at, 0));

  g_string_truncate (ex->body, 0);
  g_ptr_array_set_size (ex->used_zones, 0);
  g_free (ex->dtstamp);
  ex->dtstamp = g_date_time_format (stamp, "%Y%m%dT%H%M%SZ");

  write_event (ex, master, NULL, g_hash_table_lookup (by_meeting, &id));
  for (guint j = 0; moved != NULL && j < moved->len; j++)
    {
      TsuMeeting *o = moved->pdata[j];
      gint64 oid = tsu_record_get_id (TSU_RECORD (o));
      GPtrArray *own = g_hash_table_lookup (by_meeting, &oid);

      write_event (ex, o, master, own != NULL ? own : g_hash_table_lookup (by_meeting, &id));
    }
  return finish (ex, NULL);
}

static gboolean
load_updated_at (TsuStore    *store,
                 const char  *sql,
                 gint64       id,
                 GHashTable  *into,
                 GError     **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (tsu_store_get_database (store), sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (id != 0)
    sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      gint64 *value = g_new (gint64, 1);

      *value = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (into, g_memdup2 (&key, sizeof key), value);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tsu_database_set_error (tsu_store_get_database (store), rc, error);
  return TRUE;
}

/**
 * tsu_ical_export_resources:
 * @store: a store
 * @uids: (nullable) (array zero-terminated=1): UIDs of single meetings and series, or
 *   %NULL for all of them
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes each meeting (a series with its overridden occurrences) as a VCALENDAR of its
 * own, as a CalDAV server keeps them: the same events as tsu_ical_export_calendar(),
 * with children's names masked, but without notes, and with DTSTAMP set to the
 * meeting's last change. A UID that names no meeting is left out.
 *
 * Returns: (transfer full) (element-type utf8 GBytes): UID → the resource's bytes
 */
GHashTable *
tsu_ical_export_resources (TsuStore            *store,
                           const char * const  *uids,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_auto(Exporter) ex = { 0 };
  g_autoptr(GHashTable) out = NULL;
  g_autoptr(GHashTable) by_meeting = NULL;
  g_autoptr(GHashTable) updated = NULL;
  g_autoptr(GPtrArray) masters = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) overrides = NULL;
  TsuIcalExportOptions options;
  gboolean bulk;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  /* A few meetings are looked up one by one; many at once are read in one pass. */
  bulk = uids == NULL || g_strv_length ((char **) uids) > 64;

  tsu_ical_export_options_init (&options);
  exporter_init (&ex, store, &options, FALSE);
  ex.sync = TRUE;
  if ((bulk && !preload (&ex, ex.persons, TSU_TYPE_PERSON, error)) ||
      !preload (&ex, ex.cases, TSU_TYPE_CASE, error) ||
      !preload (&ex, ex.municipalities, TSU_TYPE_MUNICIPALITY, error))
    return NULL;
  build_mask (&ex);

  out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  updated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  if (bulk)
    {
      g_autoptr(GListModel) meetings = tsu_store_list (store, TSU_TYPE_MEETING, "starts_at", error);
      g_autoptr(GHashTable) wanted = NULL;
      g_autoptr(GListStore) override_list = NULL;

      if (meetings == NULL)
        return NULL;
      if (uids != NULL)
        {
          wanted = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; uids[i] != NULL; i++)
            g_hash_table_add (wanted, (gpointer) uids[i]);
        }
      by_meeting = load_attendees (store, error);
      if (by_meeting == NULL ||
          !load_updated_at (store, "SELECT coalesce (series_id, id), max (updated_at) FROM meeting "
                                   "GROUP BY coalesce (series_id, id)", 0, updated, error))
        return NULL;

      override_list = g_list_store_new (TSU_TYPE_MEETING);
      for (guint i = 0; i < g_list_model_get_n_items (meetings); i++)
        {
          g_autoptr(TsuMeeting) m = g_list_model_get_item (meetings, i);

          if (wanted != NULL && !g_hash_table_contains (wanted, tsu_meeting_get_uid (m)))
            continue;
          if (tsu_meeting_get_series_id (m) != 0)
            g_list_store_append (override_list, m);
          else
            g_ptr_array_add (masters, g_steal_pointer (&m));
        }
      overrides = group_by (G_LIST_MODEL (override_list), TSU_MEETING_FIELD_SERIES_ID);
    }
  else
    {
      by_meeting = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
      overrides = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; uids[i] != NULL; i++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(TsuMeeting) m = tsu_store_find_meeting_by_uid (store, uids[i], &local_error);
          g_autoptr(GListModel) moved = NULL;
          gint64 id;
          GPtrArray *people;

          if (m == NULL)
            {
              if (local_error == NULL)
                continue;
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          id = tsu_record_get_id (TSU_RECORD (m));
          moved = tsu_store_list_by (store, TSU_TYPE_MEETING, "series_id", id, "recurrence_id", error);
          if (moved == NULL ||
              !load_updated_at (store, "SELECT ?1, max (updated_at) FROM meeting "
                                       "WHERE id = ?1 OR series_id = ?1", id, updated, error))
            return NULL;

          if (g_list_model_get_n_items (moved) > 0)
            {
              GPtrArray *group = g_ptr_array_new_with_free_func (g_object_unref);

              for (guint j = 0; j < g_list_model_get_n_items (moved); j++)
                {
                  TsuMeeting *o = g_list_model_get_item (moved, j);
                  gint64 oid = tsu_record_get_id (TSU_RECORD (o));

                  g_ptr_array_add (group, o);
                  people = participants_of (store, oid, error);
                  if (people == NULL)
                    {
                      g_ptr_array_unref (group);
                      return NULL;
                    }
                  if (people->len > 0)
                    g_hash_table_insert (by_meeting, g_memdup2 (&oid, sizeof oid), people);
                  else
                    g_ptr_array_unref (people);
                }
              g_hash_table_insert (overrides, g_memdup2 (&id, sizeof id), group);
            }
          people = participants_of (store, id, error);
          if (people == NULL)
            return NULL;
          g_hash_table_insert (by_meeting, g_memdup2 (&id, sizeof id), people);
          g_ptr_array_add (masters, g_steal_pointer (&m));
        }
    }

  for (guint i = 0; i < masters->len; i++)
    {
      TsuMeeting *m = masters->pdata[i];
      gint64 id = tsu_record_get_id (TSU_RECORD (m));
      gint64 *when = g_hash_table_lookup (updated, &id);

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_hash_table_insert (out, g_strdup (tsu_meeting_get_uid (m)),
                           write_resource (&ex, m, g_hash_table_lookup (overrides, &id),
                                           by_meeting, when != NULL ? *when : 0));
    }
  return g_steal_pointer (&out);
}
