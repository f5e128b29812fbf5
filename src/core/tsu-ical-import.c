/* tsu-ical-import.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-ical-import"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "tsu-database.h"
#include "tsu-ical-import.h"
#include "tsu-ical-plan-private.h"
#include "tsu-recurrence.h"
#include "model/tsu-meeting.h"
#include "model/tsu-participant.h"

/* Import of .ics files in two steps: a preview that reads the whole file and decides,
 * event by event, what will be added, updated (same UID) or skipped and why; then
 * apply, which writes that plan in one transaction.
 *
 * The file is checked whole before anything is planned: at most
 * TSU_ICAL_MAX_FILE_SIZE bytes, UTF-8, every BEGIN with its END (a truncated file is
 * refused, never half read). It is then cut into its components here and each is
 * parsed by libical on its own, so that memory stays bounded by one event and a
 * broken event costs only itself. Time zones named by TZID are taken from libical's
 * built-in (tzdata) zones when the name is an Olson name (Outlook's Windows names are
 * mapped), else from the file's own VTIMEZONE if it is sane; floating times and dates
 * are Japan time. */

#define MAX_DEPTH 16
#define MAX_OBSERVANCES 200
#define MAX_ZONE_RDATES 400

typedef struct {
  gsize  offset;  /* in the unfolded text */
  gsize  len;     /* with the line ends */
  guint  line;    /* physical line of the BEGIN */
  char  *kind;    /* VEVENT, VTODO, … */
} Chunk;

typedef struct {
  icaltimezone *zone;     /* what times are converted with (owned when from the file) */
  char         *tzid;     /* the meeting tzid stored */
  char         *warning;  /* set when the zone is approximated */
  gboolean      utc;
  gboolean      owned;
} Zone;

typedef struct {
  char       *method;
  Zone       *floating;   /* the zone of floating times: X-WR-TIMEZONE or Japan */
  GHashTable *vtimezones; /* TZID → icalcomponent (VTIMEZONE, owned) */
  GHashTable *zones;      /* TZID → Zone */
  GArray     *timezone_chunks;
  GArray     *chunks;
} Calendar;

typedef struct {
  gint64 id;
  gint64 sequence;
  gboolean recurring;
} Existing;

typedef struct {
  TsuStore     *store;
  GCancellable *cancellable;
  const char   *text;        /* unfolded, '\n'-separated */
  GPtrArray    *rows;
  GHashTable   *persons;     /* lower-case e-mail → person id */
  GHashTable   *cases;       /* code → case id (0: no such case) */
  GHashTable   *municipalities; /* code → municipality id */
  GHashTable   *masters;     /* UID → Existing */
  GHashTable   *overrides;   /* "series_id/recurrence_id" → Existing */
  GHashTable   *valid_rules; /* RRULE texts tsu_recurrence_validate() took */
  icaltimezone *tokyo;
  Zone         *tokyo_zone;
  Zone         *utc_zone;
  guint         n_components;
} Importer;

/* An event's time as read from one property. */
typedef struct {
  gint64               t;
  gboolean             is_date;
  const Zone          *zone;
  struct icaltimetype  tt;
} Time;

static const struct {
  const char *windows;
  const char *olson;
} windows_zones[] = {
  { "Tokyo Standard Time", "Asia/Tokyo" },
  { "Korea Standard Time", "Asia/Seoul" },
  { "China Standard Time", "Asia/Shanghai" },
  { "Taipei Standard Time", "Asia/Taipei" },
  { "Singapore Standard Time", "Asia/Singapore" },
  { "AUS Eastern Standard Time", "Australia/Sydney" },
  { "GMT Standard Time", "Europe/London" },
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "Romance Standard Time", "Europe/Paris" },
  { "Eastern Standard Time", "America/New_York" },
  { "Central Standard Time", "America/Chicago" },
  { "Mountain Standard Time", "America/Denver" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "Hawaiian Standard Time", "Pacific/Honolulu" },
  { "UTC", "UTC" },
  { "Coordinated Universal Time", "UTC" },
};

static void
zone_free (gpointer data)
{
  Zone *zone = data;

  if (zone->owned && zone->zone != NULL)
    icaltimezone_free (zone->zone, 1);
  g_free (zone->tzid);
  g_free (zone->warning);
  g_free (zone);
}

static Zone *
zone_new (icaltimezone *ical,
          const char   *tzid,
          gboolean      owned)
{
  Zone *zone = g_new0 (Zone, 1);

  zone->zone = ical;
  zone->tzid = g_strdup (tzid);
  zone->owned = owned;
  zone->utc = ical == icaltimezone_get_utc_timezone ();
  return zone;
}

static void
chunk_clear (gpointer data)
{
  g_free (((Chunk *) data)->kind);
}

static void
calendar_free (Calendar *cal)
{
  g_free (cal->method);
  g_clear_pointer (&cal->floating, zone_free);
  g_clear_pointer (&cal->vtimezones, g_hash_table_unref);
  g_clear_pointer (&cal->zones, g_hash_table_unref);
  g_clear_pointer (&cal->timezone_chunks, g_array_unref);
  g_clear_pointer (&cal->chunks, g_array_unref);
  g_free (cal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Calendar, calendar_free)

static Calendar *
calendar_new (void)
{
  Calendar *cal = g_new0 (Calendar, 1);

  cal->vtimezones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) icalcomponent_free);
  cal->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, zone_free);
  cal->timezone_chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  g_array_set_clear_func (cal->timezone_chunks, chunk_clear);
  cal->chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  g_array_set_clear_func (cal->chunks, chunk_clear);
  return cal;
}

static void
importer_clear (Importer *imp)
{
  g_clear_pointer (&imp->rows, g_ptr_array_unref);
  g_clear_pointer (&imp->persons, g_hash_table_unref);
  g_clear_pointer (&imp->cases, g_hash_table_unref);
  g_clear_pointer (&imp->municipalities, g_hash_table_unref);
  g_clear_pointer (&imp->masters, g_hash_table_unref);
  g_clear_pointer (&imp->overrides, g_hash_table_unref);
  g_clear_pointer (&imp->valid_rules, g_hash_table_unref);
  g_clear_pointer (&imp->tokyo_zone, zone_free);
  g_clear_pointer (&imp->utc_zone, zone_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Importer, importer_clear)

/* What is stored already ------------------------------------------------------------------- */

static char *
override_key (gint64 series_id,
              gint64 recurrence_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, series_id, recurrence_id);
}

static gboolean
load_existing (Importer  *imp,
               GError   **error)
{
  TsuDatabase *db = tsu_store_get_database (imp->store);
  sqlite3_stmt *stmt;
  int rc;

  imp->masters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->cases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->municipalities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  stmt = tsu_database_prepare (db, "SELECT uid, id, sequence, rrule IS NOT NULL, series_id, "
                                   "recurrence_id FROM meeting", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Existing *e = g_new0 (Existing, 1);

      e->id = sqlite3_column_int64 (stmt, 1);
      e->sequence = sqlite3_column_int64 (stmt, 2);
      e->recurring = sqlite3_column_int (stmt, 3);
      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        g_hash_table_insert (imp->masters, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), e);
      else
        g_hash_table_insert (imp->overrides,
                             override_key (sqlite3_column_int64 (stmt, 4),
                                           sqlite3_column_int64 (stmt, 5)), e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tsu_database_set_error (db, rc, error);

  stmt = tsu_database_prepare (db, "SELECT id, lower (trim (email)) FROM person "
                                   "WHERE email IS NOT NULL AND email <> '' ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *email = (const char *) sqlite3_column_text (stmt, 1);

      /* Two persons with one address: the first keeps it. */
      if (!g_hash_table_contains (imp->persons, email))
        g_hash_table_insert (imp->persons, g_strdup (email),
                             g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tsu_database_set_error (db, rc, error);

  stmt = tsu_database_prepare (db, "SELECT id, code FROM municipality", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (imp->municipalities, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tsu_database_set_error (db, rc, error);

  stmt = tsu_database_prepare (db, "SELECT id, code FROM child_case", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (imp->cases, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                         g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tsu_database_set_error (db, rc, error);

  return TRUE;
}

static gint64
id_in (GHashTable *table,
       const char *key)
{
  gint64 *id = key != NULL ? g_hash_table_lookup (table, key) : NULL;

  return id != NULL ? *id : 0;
}

/* Time zones ---------------------------------------------------------------------------------- */

static gboolean
is_utc_name (const char *name)
{
  return g_ascii_strcasecmp (name, "UTC") == 0 || g_ascii_strcasecmp (name, "GMT") == 0 ||
         g_ascii_strcasecmp (name, "Etc/UTC") == 0 || g_ascii_strcasecmp (name, "Etc/GMT") == 0 ||
         g_ascii_strcasecmp (name, "Z") == 0;
}

/* The Olson name in a TZID: as it is, without a vendor prefix
 * ("/mozilla.org/20050126_1/Asia/Tokyo", "/freeassociation.sourceforge.net/Asia/Tokyo"),
 * or for a Windows name. NULL when none is known to libical. */
static const char *
olson_name (const char  *tzid,
            icaltimezone **builtin)
{
  const char *name = tzid;

  *builtin = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (windows_zones); i++)
    if (g_ascii_strcasecmp (tzid, windows_zones[i].windows) == 0)
      name = windows_zones[i].olson;

  if (is_utc_name (name))
    {
      *builtin = icaltimezone_get_utc_timezone ();
      return "UTC";
    }

  /* Olson names have at most three parts ("America/Argentina/Buenos_Aires"); try the
   * last three, two and one parts of a prefixed TZID. */
  for (int parts = 3; parts >= 1; parts--)
    {
      const char *p = name + strlen (name);
      int seen = 0;

      while (p > name && seen < parts)
        {
          p--;
          if (*p == '/')
            seen++;
        }
      if (*p == '/')
        p++;
      if (*p == '\0' || strlen (p) > 64)
        continue;
      *builtin = icaltimezone_get_builtin_timezone (p);
      if (*builtin != NULL)
        return p;
    }
  return NULL;
}

/* A file's VTIMEZONE is used only when libical can expand it quickly: yearly rules or
 * a bounded number of dates, offsets a clock can have. */
static gboolean
vtimezone_is_sane (icalcomponent *vtz)
{
  guint observances = 0, rdates = 0;

  for (icalcomponent *o = icalcomponent_get_first_component (vtz, ICAL_ANY_COMPONENT);
       o != NULL;
       o = icalcomponent_get_next_component (vtz, ICAL_ANY_COMPONENT))
    {
      icalcomponent_kind kind = icalcomponent_isa (o);
      icalproperty *from = icalcomponent_get_first_property (o, ICAL_TZOFFSETFROM_PROPERTY);
      icalproperty *to = icalcomponent_get_first_property (o, ICAL_TZOFFSETTO_PROPERTY);
      icalproperty *start = icalcomponent_get_first_property (o, ICAL_DTSTART_PROPERTY);
      struct icaltimetype tt;

      if (kind != ICAL_XSTANDARD_COMPONENT && kind != ICAL_XDAYLIGHT_COMPONENT)
        return FALSE;
      if (++observances > MAX_OBSERVANCES || from == NULL || to == NULL || start == NULL)
        return FALSE;
      if (ABS (icalproperty_get_tzoffsetfrom (from)) > 18 * 3600 ||
          ABS (icalproperty_get_tzoffsetto (to)) > 18 * 3600)
        return FALSE;
      tt = icalproperty_get_dtstart (start);
      if (icaltime_is_null_time (tt) || tt.year < 1583 || tt.year > 2200)
        return FALSE;

      for (icalproperty *r = icalcomponent_get_first_property (o, ICAL_RRULE_PROPERTY);
           r != NULL;
           r = icalcomponent_get_next_property (o, ICAL_RRULE_PROPERTY))
        {
          struct icalrecurrencetype recur = icalproperty_get_rrule (r);

          if (recur.freq != ICAL_YEARLY_RECURRENCE || recur.interval < 1)
            return FALSE;
        }
      for (icalproperty *r = icalcomponent_get_first_property (o, ICAL_RDATE_PROPERTY);
           r != NULL;
           r = icalcomponent_get_next_property (o, ICAL_RDATE_PROPERTY))
        if (++rdates > MAX_ZONE_RDATES)
          return FALSE;
    }
  return observances > 0;
}

/* The meeting tzid for a zone only the file defines: Japan when it is always +09:00. */
static const char *
tzid_for_file_zone (icalcomponent *vtz,
                    gboolean      *approximated)
{
  gboolean all_jst = TRUE, all_utc = TRUE;

  for (icalcomponent *o = icalcomponent_get_first_component (vtz, ICAL_ANY_COMPONENT);
       o != NULL;
       o = icalcomponent_get_next_component (vtz, ICAL_ANY_COMPONENT))
    {
      icalproperty *to = icalcomponent_get_first_property (o, ICAL_TZOFFSETTO_PROPERTY);
      int offset = to != NULL ? icalproperty_get_tzoffsetto (to) : -1;

      all_jst = all_jst && offset == 9 * 3600;
      all_utc = all_utc && offset == 0;
    }
  *approximated = !all_jst && !all_utc;
  return all_utc ? "UTC" : TSU_ICAL_DEFAULT_TZID;
}

static const Zone *
resolve_zone (Importer   *imp,
              Calendar   *cal,
              const char *tzid)
{
  Zone *zone = g_hash_table_lookup (cal->zones, tzid);
  icaltimezone *builtin = NULL;
  icalcomponent *vtz;
  const char *olson;

  if (zone != NULL)
    return zone;

  olson = olson_name (tzid, &builtin);
  vtz = g_hash_table_lookup (cal->vtimezones, tzid);

  if (olson != NULL)
    zone = zone_new (builtin, olson, FALSE);
  else if (vtz != NULL && vtimezone_is_sane (vtz))
    {
      icaltimezone *own = icaltimezone_new ();
      gboolean approximated = FALSE;
      const char *stored = tzid_for_file_zone (vtz, &approximated);

      if (icaltimezone_set_component (own, icalcomponent_new_clone (vtz)))
        {
          zone = zone_new (own, stored, TRUE);
          if (approximated)
            zone->warning = g_strdup_printf (_("The time zone “%s” is not one Tsunagu knows; the "
                                               "times were converted with the file's definition "
                                               "and repeats follow Japan time."), tzid);
        }
      else
        icaltimezone_free (own, 1);
    }

  if (zone == NULL)
    {
      zone = zone_new (cal->floating->zone, cal->floating->tzid, FALSE);
      zone->warning = g_strdup_printf (_("The time zone “%s” is unknown; its times were read as "
                                         "%s time."), tzid, cal->floating->tzid);
    }

  g_hash_table_insert (cal->zones, g_strdup (tzid), zone);
  return zone;
}

static gboolean
time_is_sane (struct icaltimetype tt)
{
  if (icaltime_is_null_time (tt) || tt.year < 1900 || tt.year > 2200 || tt.month < 1 ||
      tt.month > 12 || tt.day < 1 || tt.day > icaltime_days_in_month (tt.month, tt.year))
    return FALSE;
  return tt.is_date || (tt.hour >= 0 && tt.hour < 24 && tt.minute >= 0 && tt.minute < 60 &&
                        tt.second >= 0 && tt.second <= 60);
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
static gint64
days_since_epoch (int year,
                  int month,
                  int day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 year_of_era = y - era * 400;
  gint64 day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * 146097 + day_of_era - 719468;
}

/* Unix seconds of a wall time in @zone (a date is its midnight). UTC, and Japan time
 * since 1952 (always +09:00), are counted here: libical's conversion is a large part
 * of reading an event. */
static gint64
to_unix (struct icaltimetype  tt,
         icaltimezone        *zone)
{
  static gsize tokyo = 0;
  int offset;

  if (g_once_init_enter (&tokyo))
    g_once_init_leave (&tokyo, (gsize) icaltimezone_get_builtin_timezone (TSU_ICAL_DEFAULT_TZID));

  if (tt.is_date)
    {
      tt.is_date = 0;
      tt.hour = tt.minute = tt.second = 0;
    }
  if (tt.second == 60)
    tt.second = 59;
  tt.zone = NULL;

  if (zone == icaltimezone_get_utc_timezone ())
    offset = 0;
  else if (zone == (icaltimezone *) tokyo && tt.year >= 1952)
    offset = 9 * 3600;
  else
    return icaltime_as_timet_with_zone (tt, zone);
  return days_since_epoch (tt.year, tt.month, tt.day) * 86400 + tt.hour * 3600 + tt.minute * 60 +
         tt.second - offset;
}

/* An event's time from its wall time @tt and the TZID it names (or NULL). Dates are
 * Japan dates (a day in the calendar of the center); UTC times stay UTC; TZID times
 * use their zone; floating times the calendar's X-WR-TIMEZONE or Japan time. */
static gboolean
time_of (Importer            *imp,
         Calendar            *cal,
         struct icaltimetype  tt,
         const char          *tzid,
         Time                *out)
{
  if (!time_is_sane (tt))
    return FALSE;

  out->tt = tt;
  out->is_date = tt.is_date;
  if (tt.is_date)
    out->zone = imp->tokyo_zone;
  else if (icaltime_is_utc (tt))
    out->zone = imp->utc_zone;
  else if (tzid != NULL && *tzid != '\0')
    out->zone = resolve_zone (imp, cal, tzid);
  else
    out->zone = cal->floating;

  out->t = to_unix (tt, out->zone->zone);
  return TRUE;
}

/* Reads a DATE or DATE-TIME property. */
static gboolean
read_time (Importer     *imp,
           Calendar     *cal,
           icalproperty *prop,
           Time         *out)
{
  icalvalue *value = icalproperty_get_value (prop);
  icalparameter *tzparam;
  struct icaltimetype tt;

  if (value == NULL)
    return FALSE;
  switch (icalvalue_isa (value))
    {
    case ICAL_DATETIME_VALUE:
      tt = icalvalue_get_datetime (value);
      break;
    case ICAL_DATE_VALUE:
      tt = icalvalue_get_date (value);
      break;
    default:
      return FALSE;
    }
  tzparam = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  return time_of (imp, cal, tt, tzparam != NULL ? icalparameter_get_tzid (tzparam) : NULL, out);
}

/* Text ---------------------------------------------------------------------------------------- */

/* At most @limit bytes of @text, cut between characters. */
static char *
clip (const char *text,
      gsize       limit,
      gboolean   *clipped)
{
  const char *end;

  if (text == NULL)
    return NULL;
  if (strlen (text) <= limit)
    return g_strdup (text);

  end = text + limit;
  while (end > text && ((guchar) *end & 0xc0) == 0x80)
    end--;
  *clipped = TRUE;
  return g_strndup (text, end - text);
}

/* The text of a TEXT or URI property as libical read it (unescaped); NULL when none. */
static const char *
text_of (icalcomponent     *comp,
         icalproperty_kind  kind)
{
  icalproperty *prop = icalcomponent_get_first_property (comp, kind);
  icalvalue *value;
  const char *text = NULL;

  if (prop == NULL || (value = icalproperty_get_value (prop)) == NULL)
    return NULL;
  if (icalvalue_isa (value) == ICAL_TEXT_VALUE)
    text = icalvalue_get_text (value);
  else if (icalvalue_isa (value) == ICAL_URI_VALUE)
    text = icalvalue_get_uri (value);
  return text != NULL && g_utf8_validate (text, -1, NULL) ? text : NULL;
}

/* @text without surrounding white space and cut to @limit bytes; NULL when empty. */
static char *
tidy_text (const char *text,
           gsize       limit,
           gboolean   *clipped)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;
  return clip (stripped, limit, clipped);
}

static const char *
x_property (icalcomponent *comp,
            const char    *name)
{
  for (icalproperty *p = icalcomponent_get_first_property (comp, ICAL_X_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (comp, ICAL_X_PROPERTY))
    if (g_strcmp0 (icalproperty_get_x_name (p), name) == 0)
      {
        const char *value = icalproperty_get_x (p);

        return value != NULL && g_utf8_validate (value, -1, NULL) ? value : NULL;
      }
  return NULL;
}

static const char *
x_parameter (icalproperty *prop,
             const char   *name)
{
  for (icalparameter *p = icalproperty_get_first_parameter (prop, ICAL_X_PARAMETER);
       p != NULL;
       p = icalproperty_get_next_parameter (prop, ICAL_X_PARAMETER))
    if (g_strcmp0 (icalparameter_get_xname (p), name) == 0)
      {
        const char *value = icalparameter_get_xvalue (p);

        return value != NULL && g_utf8_validate (value, -1, NULL) ? value : NULL;
      }
  return NULL;
}

/* The address in "mailto:someone@example.org", lower case; NULL for other URIs. */
static char *
email_of (const char *cal_address)
{
  g_autofree char *trimmed = NULL;

  if (cal_address == NULL || !g_utf8_validate (cal_address, -1, NULL))
    return NULL;
  trimmed = g_strstrip (g_strdup (cal_address));
  if (g_ascii_strncasecmp (trimmed, "mailto:", 7) != 0 || strchr (trimmed + 7, '@') == NULL)
    return NULL;
  return g_utf8_strdown (trimmed + 7, -1);
}

/* Events -------------------------------------------------------------------------------------- */

static const char *
partstat_of (icalproperty *attendee)
{
  icalparameter *param = icalproperty_get_first_parameter (attendee, ICAL_PARTSTAT_PARAMETER);

  switch (param != NULL ? icalparameter_get_partstat (param) : ICAL_PARTSTAT_NEEDSACTION)
    {
    case ICAL_PARTSTAT_ACCEPTED:
    case ICAL_PARTSTAT_COMPLETED:
    case ICAL_PARTSTAT_INPROCESS:
      return "accepted";
    case ICAL_PARTSTAT_DECLINED:
      return "declined";
    case ICAL_PARTSTAT_TENTATIVE:
      return "tentative";
    default:
      return "needs-action";
    }
}

static const char *
role_of (icalproperty *attendee)
{
  icalparameter *param = icalproperty_get_first_parameter (attendee, ICAL_ROLE_PARAMETER);
  const char *own = x_parameter (attendee, "X-TSUNAGU-ROLE");

  if (own != NULL && (strcmp (own, "chair") == 0 || strcmp (own, "recorder") == 0 ||
                      strcmp (own, "presenter") == 0 || strcmp (own, "family") == 0 ||
                      strcmp (own, "attendee") == 0))
    return own;
  if (param != NULL && icalparameter_get_role (param) == ICAL_ROLE_CHAIR)
    return "chair";
  return "attendee";
}

static gboolean
is_room (icalproperty *attendee)
{
  icalparameter *param = icalproperty_get_first_parameter (attendee, ICAL_CUTYPE_PARAMETER);

  if (param == NULL)
    return FALSE;
  return icalparameter_get_cutype (param) == ICAL_CUTYPE_ROOM ||
         icalparameter_get_cutype (param) == ICAL_CUTYPE_RESOURCE;
}

/* An ATTENDEE as read_attendees () takes it. */
typedef struct {
  const char *address;   /* its cal-address */
  const char *cn;
  const char *role;      /* Tsunagu's role */
  const char *partstat;  /* Tsunagu's answer */
  const char *agency;    /* X-TSUNAGU-AGENCY */
  gboolean    room;      /* a room or resource, not a person */
} Attendee;

static Attendee
attendee_of (icalproperty *a)
{
  icalparameter *cn = icalproperty_get_first_parameter (a, ICAL_CN_PARAMETER);

  return (Attendee) {
    .address = icalproperty_get_attendee (a),
    .cn = cn != NULL ? icalparameter_get_cn (cn) : NULL,
    .role = role_of (a),
    .partstat = partstat_of (a),
    .agency = x_parameter (a, "X-TSUNAGU-AGENCY"),
    .room = is_room (a),
  };
}

static void
read_attendees (Importer       *imp,
                GArray         *attendees,
                TsuIcalPlanRow *row)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < attendees->len; i++)
    {
      const Attendee *a = &g_array_index (attendees, Attendee, i);
      g_autoptr(TsuParticipant) p = NULL;
      g_autofree char *email = email_of (a->address);
      g_autofree char *name = NULL;
      g_autofree char *agency = NULL;
      gboolean clipped = FALSE;
      gint64 person_id = id_in (imp->persons, email);
      const char *key;

      if (a->room)
        continue;
      if (a->cn != NULL && g_utf8_validate (a->cn, -1, NULL))
        name = g_strstrip (clip (a->cn, TSU_RECORD_MAX_TEXT, &clipped));
      if ((name == NULL || *name == '\0') && email != NULL)
        {
          g_free (name);
          name = clip (email, TSU_RECORD_MAX_TEXT, &clipped);
        }
      if (person_id == 0 && (name == NULL || *name == '\0'))
        continue;

      key = email != NULL ? email : name;
      if (g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_strdup (key));

      agency = clip (a->agency, TSU_RECORD_MAX_TEXT, &clipped);

      p = tsu_participant_new ();
      tsu_participant_set_person_id (p, person_id);
      /* A person of the directory goes by the directory's name. */
      tsu_participant_set_name (p, person_id != 0 ? NULL : name);
      tsu_participant_set_agency_name (p, agency != NULL && *agency != '\0' ? agency : NULL);
      tsu_participant_set_role (p, a->role);
      tsu_participant_set_partstat (p, a->partstat);
      g_ptr_array_add (row->participants, g_steal_pointer (&p));
    }
}

static const char *
kind_of (icalcomponent *ev)
{
  const char *own = x_property (ev, "X-TSUNAGU-KIND");

  if (own != NULL && tsu_ical_is_kind (own))
    return own;

  for (icalproperty *p = icalcomponent_get_first_property (ev, ICAL_CATEGORIES_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (ev, ICAL_CATEGORIES_PROPERTY))
    {
      const char *category = icalproperty_get_categories (p);
      const char *kind;

      if (category == NULL || !g_utf8_validate (category, -1, NULL))
        continue;
      kind = tsu_ical_kind_from_category (category);
      if (kind != NULL)
        return kind;
    }
  return NULL;
}

/* The same day as @date at the wall time of @at (an EXDATE given as a date for a
 * series that has times). */
static struct icaltimetype
at_time_of (struct icaltimetype date,
            struct icaltimetype at)
{
  date.is_date = 0;
  date.hour = at.hour;
  date.minute = at.minute;
  date.second = at.second;
  return date;
}

static gboolean
values_within (const short *values,
               guint        size,
               int          low,
               int          high,
               gboolean     signed_range)
{
  for (guint i = 0; i < size && values[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    {
      int v = values[i];

      if (signed_range ? (v == 0 || ABS (v) < low || ABS (v) > high) : (v < low || v > high))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_values (const short *values)
{
  return values[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

/* The ranges of RFC 5545 3.3.10. libical reads some rules it cannot expand (BYDAY=6TH,
 * BYMONTHDAY=40): the store would then fail on them, or spend long looking for an
 * occurrence that never comes. */
static gboolean
rule_is_sane (const struct icalrecurrencetype *r)
{
  for (guint i = 0; i < ICAL_BY_DAY_SIZE && r->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    {
      int position = icalrecurrencetype_day_position (r->by_day[i]);
      int weekday = icalrecurrencetype_day_day_of_week (r->by_day[i]);

      if (weekday < ICAL_SUNDAY_WEEKDAY || weekday > ICAL_SATURDAY_WEEKDAY)
        return FALSE;
      if (position != 0 &&
          !(r->freq == ICAL_MONTHLY_RECURRENCE && ABS (position) <= 5 && !has_values (r->by_week_no)) &&
          !(r->freq == ICAL_YEARLY_RECURRENCE && ABS (position) <= 53))
        return FALSE;
    }
  for (guint i = 0; i < ICAL_BY_MONTH_SIZE && r->by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    if (icalrecurrencetype_month_is_leap (r->by_month[i]) ||
        icalrecurrencetype_month_month (r->by_month[i]) < 1 ||
        icalrecurrencetype_month_month (r->by_month[i]) > 12)
      return FALSE;

  if (has_values (r->by_week_no) && r->freq != ICAL_YEARLY_RECURRENCE)
    return FALSE;
  if (has_values (r->by_year_day) && (r->freq == ICAL_DAILY_RECURRENCE ||
                                      r->freq == ICAL_WEEKLY_RECURRENCE ||
                                      r->freq == ICAL_MONTHLY_RECURRENCE))
    return FALSE;
  if (has_values (r->by_month_day) && r->freq == ICAL_WEEKLY_RECURRENCE)
    return FALSE;

  return values_within (r->by_second, ICAL_BY_SECOND_SIZE, 0, 60, FALSE) &&
         values_within (r->by_minute, ICAL_BY_MINUTE_SIZE, 0, 59, FALSE) &&
         values_within (r->by_hour, ICAL_BY_HOUR_SIZE, 0, 23, FALSE) &&
         values_within (r->by_month_day, ICAL_BY_MONTHDAY_SIZE, 1, 31, TRUE) &&
         values_within (r->by_year_day, ICAL_BY_YEARDAY_SIZE, 1, 366, TRUE) &&
         values_within (r->by_week_no, ICAL_BY_WEEKNO_SIZE, 1, 53, TRUE) &&
         values_within (r->by_set_pos, ICAL_BY_SETPOS_SIZE, 1, 366, TRUE) &&
         r->interval >= 1 && r->interval <= 1000 && r->count >= 0;
}

/* RRULE as Tsunagu keeps it: libical's form, UNTIL in UTC for timed series and a date
 * for all-day ones (RFC 5545 3.3.10), sub-daily rules refused. */
static char *
read_rule (Importer                  *imp,
           struct icalrecurrencetype  recur,
           const Time                *start,
           TsuIcalPlanRow            *row)
{
  g_autoptr(GError) error = NULL;
  char *text;

  if (recur.freq == ICAL_NO_RECURRENCE)
    {
      tsu_ical_plan_row_skip (row, _("Its recurrence rule (RRULE) cannot be read."));
      return NULL;
    }
  if (recur.freq == ICAL_SECONDLY_RECURRENCE || recur.freq == ICAL_MINUTELY_RECURRENCE ||
      recur.freq == ICAL_HOURLY_RECURRENCE)
    {
      tsu_ical_plan_row_skip (row, _("It repeats more often than daily; Tsunagu keeps daily, "
                                     "weekly, monthly and yearly repeats."));
      return NULL;
    }
  if (recur.interval < 1)
    recur.interval = 1;
  if (!rule_is_sane (&recur))
    {
      tsu_ical_plan_row_skip (row, _("Its recurrence rule (RRULE) is malformed or can never occur."));
      return NULL;
    }

  if (!icaltime_is_null_time (recur.until))
    {
      struct icaltimetype until = recur.until;

      if (!time_is_sane (until))
        {
          tsu_ical_plan_row_skip (row, _("The end of its recurrence rule (UNTIL) cannot be read."));
          return NULL;
        }
      if (start->is_date)
        {
          if (!until.is_date)
            {
              gint64 u = to_unix (until, icaltime_is_utc (until) ? imp->utc_zone->zone
                                                                  : imp->tokyo);
              until = icaltime_convert_to_zone (icaltime_from_timet_with_zone ((time_t) u, 0,
                                                                               icaltimezone_get_utc_timezone ()),
                                                imp->tokyo);
              until.is_date = 1;
              until.hour = until.minute = until.second = 0;
              until.zone = NULL;
            }
        }
      else if (until.is_date || !icaltime_is_utc (until))
        {
          gint64 u;

          /* A date or a floating time: the end of that day or that time in the
           * series' zone. */
          if (until.is_date)
            until = at_time_of (until, (struct icaltimetype) { .hour = 23, .minute = 59, .second = 59 });
          u = to_unix (until, start->zone->zone);
          until = icaltime_from_timet_with_zone ((time_t) u, 0, icaltimezone_get_utc_timezone ());
        }
      recur.until = until;
    }

  /* A file repeats the same few rules: each is validated once. */
  text = icalrecurrencetype_as_string_r (&recur);
  if (text == NULL ||
      (!g_hash_table_contains (imp->valid_rules, text) && !tsu_recurrence_validate (text, &error)))
    {
      free (text);
      tsu_ical_plan_row_skip (row, _("Its recurrence rule (RRULE) cannot be read."));
      return NULL;
    }
  g_hash_table_add (imp->valid_rules, g_strdup (text));

  /* What the store will do with it: a rule libical cannot start expanding would make
   * the whole import fail at apply, or be left out of every view. */
  {
    TsuRecurrence check = {
      .rrule = text,
      .dtstart = start->t,
      .duration = 0,
      .tzid = start->is_date ? TSU_ICAL_DEFAULT_TZID : start->zone->tzid,
      .all_day = start->is_date,
    };
    g_autoptr(GArray) first = tsu_recurrence_expand (&check, start->t, start->t + 1, NULL);

    if (first == NULL)
      {
        free (text);
        tsu_ical_plan_row_skip (row, _("Its recurrence rule (RRULE) is malformed or can never occur."));
        return NULL;
      }
    if (first->len == 0)
      tsu_ical_plan_row_add_warning (row, _("Its start is not one of its repeats; Tsunagu shows "
                                            "only the repeats (calendars differ here)."));
  }
  return text;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static char *
read_exdates (Importer   *imp,
              GArray     *exdates,
              const Time *start)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint kept = 0;

  for (guint i = 0; i < exdates->len; i++)
    {
      Time ex = g_array_index (exdates, Time, i);

      if (ex.is_date && !start->is_date)
        ex.t = to_unix (at_time_of (ex.tt, start->tt), start->zone->zone);
      else if (!ex.is_date && start->is_date)
        ex.t = to_unix ((struct icaltimetype) { .year = ex.tt.year, .month = ex.tt.month,
                                                .day = ex.tt.day, .is_date = 1 },
                        imp->tokyo);
      g_array_append_val (starts, ex.t);
    }
  if (starts->len == 0)
    return NULL;

  g_array_sort (starts, compare_gint64);
  for (guint i = 0; i < starts->len; i++)
    if (kept == 0 || g_array_index (starts, gint64, i) != g_array_index (starts, gint64, kept - 1))
      g_array_index (starts, gint64, kept++) = g_array_index (starts, gint64, i);
  return tsu_recurrence_format_exdates ((const gint64 *) (gpointer) starts->data, kept);
}

static gint64
utc_of (icalcomponent     *ev,
        icalproperty_kind  kind)
{
  icalproperty *p = icalcomponent_get_first_property (ev, kind);
  struct icaltimetype tt;

  if (p == NULL || icalproperty_get_value (p) == NULL ||
      icalvalue_isa (icalproperty_get_value (p)) != ICAL_DATETIME_VALUE)
    return 0;
  tt = icalvalue_get_datetime (icalproperty_get_value (p));
  if (!time_is_sane (tt))
    return 0;
  return to_unix (tt, icaltimezone_get_utc_timezone ());
}

/* libical drops a property it cannot read and leaves an X-LIC-ERROR in its place;
 * without these an event would be imported wrong rather than not at all. */
static const char *
broken_property (icalcomponent *ev)
{
  static const char *const vital[] = { "DTSTART", "RRULE", "EXDATE", "RECURRENCE-ID" };

  for (icalproperty *p = icalcomponent_get_first_property (ev, ICAL_XLICERROR_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (ev, ICAL_XLICERROR_PROPERTY))
    {
      const char *text = icalproperty_get_xlicerror (p);

      for (guint i = 0; text != NULL && i < G_N_ELEMENTS (vital); i++)
        {
          g_autofree char *needle = g_strdup_printf (" in %s property", vital[i]);

          if (strstr (text, needle) != NULL)
            return vital[i];
        }
    }
  return NULL;
}

static void
note_zone (TsuIcalPlanRow *row,
           const Time     *time,
           GHashTable     *warned)
{
  if (time->zone->warning != NULL && !g_hash_table_contains (warned, time->zone))
    {
      g_hash_table_add (warned, (gpointer) time->zone);
      tsu_ical_plan_row_add_warning (row, time->zone->warning);
    }
}

/* What read_event() needs of a VEVENT, read either by libical (read_ical_event ()) or,
 * for the plain events most files consist of, straight from the text
 * (read_plain_event ()). Texts are unescaped but not yet tidied. */
typedef struct {
  GPtrArray     *owned;         /* texts the event owns (read from the text) */
  const char    *broken;        /* a vital property libical could not read */
  const char    *uid;
  const char    *title;
  const char    *location;
  const char    *notes;
  const char    *url;
  const char    *kind;          /* from X-TSUNAGU-KIND or CATEGORIES */
  const char    *ms_all_day;    /* X-MICROSOFT-CDO-ALLDAYEVENT */
  const char    *case_code;     /* X-TSUNAGU-CASE */
  const char    *municipality;  /* X-TSUNAGU-MUNICIPALITY */
  const char    *organizer;     /* the cal-address of ORGANIZER */
  gboolean       has_start, start_ok;
  Time           start;
  gboolean       has_end, end_ok;
  Time           end;
  gboolean       has_duration;
  int            duration;      /* seconds */
  gboolean       has_rid, rid_ok, rid_range;
  Time           rid;
  gboolean       has_rrule, more_rrules, has_rdate;
  struct icalrecurrencetype recur;
  GArray        *exdates;       /* Time, the readable ones */
  GArray        *attendees;     /* Attendee */
  gboolean       cancelled;
  gboolean       has_sequence;
  int            sequence;
  gint64         dtstamp, last_modified;
} Event;

static void
event_clear (Event *ev)
{
  g_clear_pointer (&ev->owned, g_ptr_array_unref);
  g_clear_pointer (&ev->exdates, g_array_unref);
  g_clear_pointer (&ev->attendees, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Event, event_clear)

static void
read_ical_event (Importer      *imp,
                 Calendar      *cal,
                 icalcomponent *comp,
                 Event         *ev)
{
  icalproperty *p;

  ev->broken = broken_property (comp);
  ev->uid = text_of (comp, ICAL_UID_PROPERTY);
  ev->title = text_of (comp, ICAL_SUMMARY_PROPERTY);
  ev->location = text_of (comp, ICAL_LOCATION_PROPERTY);
  ev->notes = text_of (comp, ICAL_DESCRIPTION_PROPERTY);
  ev->url = text_of (comp, ICAL_URL_PROPERTY);
  ev->kind = kind_of (comp);
  ev->ms_all_day = x_property (comp, "X-MICROSOFT-CDO-ALLDAYEVENT");
  ev->case_code = x_property (comp, "X-TSUNAGU-CASE");
  ev->municipality = x_property (comp, "X-TSUNAGU-MUNICIPALITY");

  if ((p = icalcomponent_get_first_property (comp, ICAL_ORGANIZER_PROPERTY)) != NULL)
    ev->organizer = icalproperty_get_organizer (p);
  if ((p = icalcomponent_get_first_property (comp, ICAL_DTSTART_PROPERTY)) != NULL)
    {
      ev->has_start = TRUE;
      ev->start_ok = read_time (imp, cal, p, &ev->start);
    }
  if ((p = icalcomponent_get_first_property (comp, ICAL_DTEND_PROPERTY)) != NULL)
    {
      ev->has_end = TRUE;
      ev->end_ok = read_time (imp, cal, p, &ev->end);
    }
  if ((p = icalcomponent_get_first_property (comp, ICAL_DURATION_PROPERTY)) != NULL)
    {
      ev->has_duration = TRUE;
      ev->duration = icaldurationtype_as_int (icalproperty_get_duration (p));
    }
  if ((p = icalcomponent_get_first_property (comp, ICAL_RECURRENCEID_PROPERTY)) != NULL)
    {
      ev->has_rid = TRUE;
      ev->rid_ok = read_time (imp, cal, p, &ev->rid);
      ev->rid_range = icalproperty_get_first_parameter (p, ICAL_RANGE_PARAMETER) != NULL;
    }
  if ((p = icalcomponent_get_first_property (comp, ICAL_RRULE_PROPERTY)) != NULL)
    {
      ev->has_rrule = TRUE;
      ev->recur = icalproperty_get_rrule (p);
      ev->more_rrules = icalcomponent_get_next_property (comp, ICAL_RRULE_PROPERTY) != NULL;
    }
  ev->has_rdate = icalcomponent_get_first_property (comp, ICAL_RDATE_PROPERTY) != NULL;

  ev->exdates = g_array_new (FALSE, FALSE, sizeof (Time));
  for (p = icalcomponent_get_first_property (comp, ICAL_EXDATE_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (comp, ICAL_EXDATE_PROPERTY))
    {
      Time ex;

      if (read_time (imp, cal, p, &ex))
        g_array_append_val (ev->exdates, ex);
    }

  ev->attendees = g_array_new (FALSE, FALSE, sizeof (Attendee));
  for (p = icalcomponent_get_first_property (comp, ICAL_ATTENDEE_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (comp, ICAL_ATTENDEE_PROPERTY))
    {
      Attendee a = attendee_of (p);

      g_array_append_val (ev->attendees, a);
    }

  p = icalcomponent_get_first_property (comp, ICAL_STATUS_PROPERTY);
  ev->cancelled = p != NULL && icalproperty_get_status (p) == ICAL_STATUS_CANCELLED;
  if ((p = icalcomponent_get_first_property (comp, ICAL_SEQUENCE_PROPERTY)) != NULL)
    {
      ev->has_sequence = TRUE;
      ev->sequence = icalproperty_get_sequence (p);
    }
  ev->dtstamp = utc_of (comp, ICAL_DTSTAMP_PROPERTY);
  ev->last_modified = utc_of (comp, ICAL_LASTMODIFIED_PROPERTY);
}

/* Reading plain events from the text ---------------------------------------------------------
 *
 * libical builds a tree of allocated properties, parameters and values for every
 * event, which costs more than all the rest of an import. Most events of a calendar
 * use a few properties in their plain form; those are read here straight from the
 * text, to the same values libical gives. Anything else — DURATION, RDATE, the X-
 * parameters Tsunagu reads, a parameter not known here, a value in another form, a
 * lower-case name — sends the event to libical: this reader says no rather than
 * guess. A test compares both readers on every test file. */

#define MAX_PARAMS 8

typedef struct {
  const char *name;
  gsize       name_len;
  const char *value;
  gsize       value_len;
} Param;

typedef struct {
  const char *name;
  gsize       name_len;
  Param       params[MAX_PARAMS];
  guint       n_params;
  const char *value;
  gsize       value_len;
} ContentLine;

static gboolean
is_name_char (char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/* Cuts a content line (RFC 5545 3.1) into name, parameters and value. */
static gboolean
split_line (const char  *p,
            const char  *end,
            ContentLine *line)
{
  line->name = p;
  while (p < end && is_name_char (*p))
    p++;
  line->name_len = p - line->name;
  line->n_params = 0;
  if (line->name_len == 0)
    return FALSE;

  while (p < end && *p == ';')
    {
      Param *param;

      if (line->n_params == MAX_PARAMS)
        return FALSE;
      param = &line->params[line->n_params++];
      param->name = ++p;
      while (p < end && is_name_char (*p))
        p++;
      param->name_len = p - param->name;
      if (param->name_len == 0 || p == end || *p != '=')
        return FALSE;
      p++;
      if (p < end && *p == '"')
        {
          param->value = ++p;
          while (p < end && *p != '"')
            p++;
          if (p == end)
            return FALSE;
          param->value_len = p - param->value;
          p++;
        }
      else
        {
          param->value = p;
          while (p < end && *p != ';' && *p != ':' && *p != '"' && *p != ',')
            p++;
          param->value_len = p - param->value;
        }
    }
  if (p == end || *p != ':')
    return FALSE;
  line->value = p + 1;
  line->value_len = end - line->value;
  return TRUE;
}

static gboolean
is (const char *text,
    gsize       len,
    const char *literal)
{
  return len == strlen (literal) && memcmp (text, literal, len) == 0;
}

/* Whether every parameter of @line is one of the NULL-terminated names or, when
 * @other_x, an X- parameter Tsunagu does not read. */
static gboolean
params_among (const ContentLine *line,
              gboolean           other_x,
              ...)
{
  for (guint i = 0; i < line->n_params; i++)
    {
      const Param *param = &line->params[i];
      const char *name;
      gboolean known = other_x && param->name_len > 2 && memcmp (param->name, "X-", 2) == 0 &&
                       !(param->name_len >= 10 && memcmp (param->name, "X-TSUNAGU-", 10) == 0);
      va_list args;

      va_start (args, other_x);
      while (!known && (name = va_arg (args, const char *)) != NULL)
        known = is (param->name, param->name_len, name);
      va_end (args);
      if (!known)
        return FALSE;
    }
  return TRUE;
}

static const Param *
param_of (const ContentLine *line,
          const char        *name)
{
  for (guint i = 0; i < line->n_params; i++)
    if (is (line->params[i].name, line->params[i].name_len, name))
      return &line->params[i];
  return NULL;
}

/* A TEXT value unescaped (\\n, \\N, \\\\, \\; and \\,); NULL for any other escape. */
static char *
unescape (const ContentLine *line)
{
  char *out = g_malloc (line->value_len + 1), *o = out;

  for (gsize i = 0; i < line->value_len; i++)
    {
      char c = line->value[i];

      if (c == '\\')
        {
          c = i + 1 < line->value_len ? line->value[++i] : '\0';
          if (c == 'n' || c == 'N')
            c = '\n';
          else if (c != '\\' && c != ';' && c != ',')
            {
              g_free (out);
              return NULL;
            }
        }
      *o++ = c;
    }
  *o = '\0';
  return out;
}

static gboolean
all_digits (const char *p,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return len > 0;
}

static int
number (const char *p,
        guint       digits)
{
  int n = 0;

  for (guint i = 0; i < digits; i++)
    n = n * 10 + (p[i] - '0');
  return n;
}

/* Whether @v is YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ. */
static gboolean
is_basic_date_time (const char *v,
                    gsize       len)
{
  return (len == 15 || (len == 16 && v[15] == 'Z')) && all_digits (v, 8) && v[8] == 'T' &&
         all_digits (v + 9, 6);
}

/* The time in @v, checked to be YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ, as
 * icaltime_from_string () reads it. */
static struct icaltimetype
basic_time (const char *v,
            gsize       len)
{
  struct icaltimetype tt = icaltime_null_time ();

  tt.year = number (v, 4);
  tt.month = number (v + 4, 2);
  tt.day = number (v + 6, 2);
  if (len == 8)
    {
      tt.is_date = 1;
      return tt;
    }
  tt.hour = number (v + 9, 2);
  tt.minute = number (v + 11, 2);
  tt.second = number (v + 13, 2);
  if (len == 16)
    tt.zone = icaltimezone_get_utc_timezone ();
  return tt;
}

/* A DATE (with VALUE=DATE) or DATE-TIME value in its basic form, as libical reads it. */
static gboolean
plain_time (Importer          *imp,
            Calendar          *cal,
            const ContentLine *line,
            Time              *out)
{
  const Param *value = param_of (line, "VALUE");
  const Param *tzid = param_of (line, "TZID");
  const char *v = line->value;
  gsize len = line->value_len;
  char zone_name[256];
  gboolean date = value != NULL && is (value->value, value->value_len, "DATE");

  if (!params_among (line, FALSE, "VALUE", "TZID", NULL) ||
      (value != NULL && !date && !is (value->value, value->value_len, "DATE-TIME")))
    return FALSE;
  if (date ? !(len == 8 && all_digits (v, 8)) : !is_basic_date_time (v, len))
    return FALSE;
  if (tzid != NULL && tzid->value_len >= sizeof zone_name)
    return FALSE;

  if (tzid != NULL)
    {
      memcpy (zone_name, tzid->value, tzid->value_len);
      zone_name[tzid->value_len] = '\0';
    }
  return time_of (imp, cal, basic_time (v, len), tzid != NULL ? zone_name : NULL, out);
}

/* Seconds since 1970 of a UTC DATE-TIME such as DTSTAMP, as utc_of () reads it. */
static gboolean
plain_stamp (const ContentLine *line,
             gint64            *out)
{
  const char *v = line->value;
  struct icaltimetype tt;

  if (line->n_params > 0 || !is_basic_date_time (v, line->value_len))
    return FALSE;
  tt = basic_time (v, line->value_len);
  *out = time_is_sane (tt) ? to_unix (tt, icaltimezone_get_utc_timezone ()) : 0;
  return TRUE;
}

/* A TEXT property once: later copies are ignored, as libical's first property is used. */
static gboolean
plain_text (Event             *ev,
            const ContentLine *line,
            const char       **out)
{
  char *text;

  if (*out != NULL)
    return TRUE;
  if (!params_among (line, FALSE, "LANGUAGE", "ALTREP", NULL) || (text = unescape (line)) == NULL)
    return FALSE;
  g_ptr_array_add (ev->owned, text);
  *out = text;
  return TRUE;
}

/* An X- property Tsunagu reads, once, when its value is a plain word or code (letters,
 * digits, '-', '_', '.'), which libical keeps as it is. */
static gboolean
plain_x (Event             *ev,
         const ContentLine *line,
         const char       **out)
{
  char *value;

  if (line->n_params > 0)
    return FALSE;
  for (gsize i = 0; i < line->value_len; i++)
    if (!g_ascii_isalnum (line->value[i]) && strchr ("-_.", line->value[i]) == NULL)
      return FALSE;
  if (*out != NULL)
    return TRUE;
  value = g_strndup (line->value, line->value_len);
  g_ptr_array_add (ev->owned, value);
  *out = value;
  return TRUE;
}

/* The value of parameter @name when it is one of the NULL-terminated @values (or
 * absent: ""); NULL for any other value. */
static const char *
param_one_of (const ContentLine *line,
              const char        *name,
              ...)
{
  const Param *param = param_of (line, name);
  const char *value, *found = NULL;
  va_list args;

  if (param == NULL)
    return "";
  va_start (args, name);
  while (found == NULL && (value = va_arg (args, const char *)) != NULL)
    if (is (param->value, param->value_len, value))
      found = value;
  va_end (args);
  return found;
}

/* An ATTENDEE with the parameters libical reads to the same values. */
static gboolean
plain_attendee (Event             *ev,
                const ContentLine *line)
{
  const char *cutype = param_one_of (line, "CUTYPE", "INDIVIDUAL", "GROUP", "RESOURCE", "ROOM",
                                     "UNKNOWN", NULL);
  const char *role = param_one_of (line, "ROLE", "CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT",
                                   "NON-PARTICIPANT", NULL);
  const char *partstat = param_one_of (line, "PARTSTAT", "NEEDS-ACTION", "ACCEPTED", "DECLINED",
                                       "TENTATIVE", "DELEGATED", "COMPLETED", "IN-PROCESS", NULL);
  const char *rsvp = param_one_of (line, "RSVP", "TRUE", "FALSE", NULL);
  const Param *cn = param_of (line, "CN");
  Attendee a = { 0 };
  char *text;

  if (!params_among (line, TRUE, "CN", "CUTYPE", "ROLE", "PARTSTAT", "RSVP", "LANGUAGE", NULL) ||
      cutype == NULL || role == NULL || partstat == NULL || rsvp == NULL)
    return FALSE;

  text = g_strndup (line->value, line->value_len);
  g_ptr_array_add (ev->owned, text);
  a.address = text;
  if (cn != NULL)
    {
      text = g_strndup (cn->value, cn->value_len);
      g_ptr_array_add (ev->owned, text);
      a.cn = text;
    }
  a.room = strcmp (cutype, "ROOM") == 0 || strcmp (cutype, "RESOURCE") == 0;
  a.role = strcmp (role, "CHAIR") == 0 ? "chair" : "attendee";
  if (strcmp (partstat, "ACCEPTED") == 0 || strcmp (partstat, "COMPLETED") == 0 ||
      strcmp (partstat, "IN-PROCESS") == 0)
    a.partstat = "accepted";
  else if (strcmp (partstat, "DECLINED") == 0)
    a.partstat = "declined";
  else if (strcmp (partstat, "TENTATIVE") == 0)
    a.partstat = "tentative";
  else
    a.partstat = "needs-action";
  g_array_append_val (ev->attendees, a);
  return TRUE;
}

/* Reads the VEVENT in @text (from its BEGIN line to its END line) into @ev; FALSE
 * when it is not a plain event, and libical must read it. */
static gboolean
read_plain_event (Importer   *imp,
                  Calendar   *cal,
                  const char *text,
                  gsize       len,
                  Event      *ev)
{
  const char *p = text, *end = text + len;
  const char *own_kind = NULL, *category_kind = NULL;
  gboolean has_status = FALSE;
  guint depth = 0;

  ev->owned = g_ptr_array_new_with_free_func (g_free);
  ev->exdates = g_array_new (FALSE, FALSE, sizeof (Time));
  ev->attendees = g_array_new (FALSE, FALSE, sizeof (Attendee));

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      ContentLine line;

      if (eol == NULL)
        eol = end;
      if (!split_line (p, eol, &line))
        return FALSE;
      p = eol + 1;

      /* Nested components (VALARM) say nothing read_event () reads. */
      if (is (line.name, line.name_len, "BEGIN"))
        {
          depth++;
          continue;
        }
      if (is (line.name, line.name_len, "END"))
        {
          depth--;
          continue;
        }
      if (depth != 1)
        continue;

#define NAME(literal) is (line.name, line.name_len, literal)
      if (NAME ("UID"))
        {
          if (!plain_text (ev, &line, &ev->uid))
            return FALSE;
        }
      else if (NAME ("SUMMARY"))
        {
          if (!plain_text (ev, &line, &ev->title))
            return FALSE;
        }
      else if (NAME ("LOCATION"))
        {
          if (!plain_text (ev, &line, &ev->location))
            return FALSE;
        }
      else if (NAME ("DESCRIPTION"))
        {
          if (!plain_text (ev, &line, &ev->notes))
            return FALSE;
        }
      else if (NAME ("URL"))
        {
          char *url;

          if (line.n_params > 0)
            return FALSE;
          if (ev->url == NULL)
            {
              url = g_strndup (line.value, line.value_len);
              g_ptr_array_add (ev->owned, url);
              ev->url = url;
            }
        }
      else if (NAME ("DTSTART") || NAME ("DTEND") || NAME ("RECURRENCE-ID"))
        {
          gboolean *has = NAME ("DTSTART") ? &ev->has_start : NAME ("DTEND") ? &ev->has_end : &ev->has_rid;
          gboolean *ok = NAME ("DTSTART") ? &ev->start_ok : NAME ("DTEND") ? &ev->end_ok : &ev->rid_ok;
          Time *time = NAME ("DTSTART") ? &ev->start : NAME ("DTEND") ? &ev->end : &ev->rid;
          Time read;

          if (!plain_time (imp, cal, &line, &read))
            return FALSE;
          if (!*has)
            {
              *has = *ok = TRUE;
              *time = read;
            }
        }
      else if (NAME ("EXDATE"))
        {
          Time read;

          if (memchr (line.value, ',', line.value_len) != NULL || !plain_time (imp, cal, &line, &read))
            return FALSE;
          g_array_append_val (ev->exdates, read);
        }
      else if (NAME ("RRULE"))
        {
          g_autofree char *value = g_strndup (line.value, line.value_len);
          struct icalrecurrencetype recur;

          if (line.n_params > 0)
            return FALSE;
          recur = icalrecurrencetype_from_string (value);
          if (recur.freq == ICAL_NO_RECURRENCE)
            return FALSE;
          if (ev->has_rrule)
            ev->more_rrules = TRUE;
          else
            {
              ev->has_rrule = TRUE;
              ev->recur = recur;
            }
        }
      else if (NAME ("STATUS"))
        {
          gboolean cancelled = is (line.value, line.value_len, "CANCELLED");

          if (line.n_params > 0 ||
              !(cancelled || is (line.value, line.value_len, "CONFIRMED") ||
                is (line.value, line.value_len, "TENTATIVE")))
            return FALSE;
          if (!has_status)
            ev->cancelled = cancelled;
          has_status = TRUE;
        }
      else if (NAME ("SEQUENCE"))
        {
          if (line.n_params > 0 || line.value_len > 9 || !all_digits (line.value, line.value_len))
            return FALSE;
          if (!ev->has_sequence)
            {
              ev->has_sequence = TRUE;
              ev->sequence = (int) g_ascii_strtoll (line.value, NULL, 10);
            }
        }
      else if (NAME ("DTSTAMP") || NAME ("LAST-MODIFIED"))
        {
          gint64 *stamp = NAME ("DTSTAMP") ? &ev->dtstamp : &ev->last_modified;
          gint64 read;

          if (!plain_stamp (&line, &read))
            return FALSE;
          if (*stamp == 0)
            *stamp = read;
        }
      else if (NAME ("CATEGORIES"))
        {
          g_autofree char *category = NULL;

          if (!params_among (&line, FALSE, "LANGUAGE", NULL) ||
              memchr (line.value, ',', line.value_len) != NULL ||
              (category = unescape (&line)) == NULL)
            return FALSE;
          if (category_kind == NULL)
            category_kind = tsu_ical_kind_from_category (category);
        }
      else if (NAME ("ATTENDEE"))
        {
          if (!plain_attendee (ev, &line))
            return FALSE;
        }
      else if (NAME ("ORGANIZER"))
        {
          if (!params_among (&line, TRUE, "CN", "LANGUAGE", NULL))
            return FALSE;
          if (ev->organizer == NULL)
            {
              char *address = g_strndup (line.value, line.value_len);

              g_ptr_array_add (ev->owned, address);
              ev->organizer = address;
            }
        }
      else if (NAME ("X-TSUNAGU-KIND") || NAME ("X-TSUNAGU-CASE") ||
               NAME ("X-TSUNAGU-MUNICIPALITY") || NAME ("X-MICROSOFT-CDO-ALLDAYEVENT"))
        {
          const char **value = NAME ("X-TSUNAGU-KIND") ? &own_kind
                               : NAME ("X-TSUNAGU-CASE") ? &ev->case_code
                               : NAME ("X-TSUNAGU-MUNICIPALITY") ? &ev->municipality
                               : &ev->ms_all_day;

          if (!plain_x (ev, &line, value))
            return FALSE;
        }
      else if (NAME ("DURATION") || NAME ("RDATE"))
        return FALSE;
#undef NAME
      /* Anything else (CREATED, TRANSP, CLASS, other X- properties) read_event ()
       * does not read. */
    }
  /* As kind_of () chooses. */
  ev->kind = own_kind != NULL && tsu_ical_is_kind (own_kind) ? own_kind : category_kind;
  return depth == 0;
}

/* Off only in the test that compares both readers. */
static gboolean plain_events = TRUE;

void
tsu_ical_import_set_plain_reader (gboolean enabled)
{
  plain_events = enabled;
}

/* Fills @row from a VEVENT: the meeting and participants as the file has them. */
static void
read_event (Importer       *imp,
            Calendar       *cal,
            Event          *ev,
            TsuIcalPlanRow *row)
{
  g_autoptr(TsuMeeting) m = tsu_meeting_new ();
  g_autoptr(GHashTable) warned = g_hash_table_new (NULL, NULL);
  g_autofree char *title = NULL;
  g_autofree char *location = NULL;
  g_autofree char *url = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *organizer = NULL;
  gboolean clipped = FALSE, long_url = FALSE;
  gint64 end;
  Time start;

  uid = tidy_text (ev->uid, G_MAXSIZE, &clipped);
  title = tidy_text (ev->title, TSU_RECORD_MAX_TEXT, &clipped);
  row->title = g_strdup (title != NULL ? title : _("Untitled event"));

  if (ev->broken != NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("Its %s cannot be read."), ev->broken);

      row->uid = g_steal_pointer (&uid);
      tsu_ical_plan_row_skip (row, reason);
      return;
    }
  if (!ev->has_start || !ev->start_ok)
    {
      row->uid = g_steal_pointer (&uid);
      tsu_ical_plan_row_skip (row, _("Its start (DTSTART) is missing or cannot be read."));
      return;
    }
  start = ev->start;
  note_zone (row, &start, warned);
  row->starts_at = start.t;

  if (uid == NULL)
    {
      /* Some old exports have no UID: one made from the event itself keeps a second
       * import of the same file from adding it twice. */
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s", start.t, row->title);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);

      uid = g_strdup_printf ("%s@import.tsunagu", hash);
      tsu_ical_plan_row_add_warning (row, _("It had no UID; one was made for it."));
    }
  row->uid = g_strdup (uid);
  if (strlen (uid) > TSU_RECORD_MAX_TEXT)
    {
      tsu_ical_plan_row_skip (row, _("Its UID is too long."));
      return;
    }

  /* Outlook marks some all-day events only with its own property. */
  if (!start.is_date && g_strcmp0 (ev->ms_all_day, "TRUE") == 0 && start.tt.hour == 0 &&
      start.tt.minute == 0 && start.tt.second == 0)
    {
      start.tt.is_date = 1;
      start.is_date = TRUE;
      start.zone = imp->tokyo_zone;
      start.t = to_unix (start.tt, imp->tokyo);
      row->starts_at = start.t;
    }

  if (ev->has_end && ev->end_ok)
    {
      const Time *finish = &ev->end;

      note_zone (row, finish, warned);
      end = finish->t;
      if (start.is_date && !finish->is_date)
        end = to_unix ((struct icaltimetype) { .year = finish->tt.year, .month = finish->tt.month,
                                               .day = finish->tt.day, .is_date = 1 },
                       imp->tokyo) + (finish->tt.hour || finish->tt.minute ? 86400 : 0);
    }
  else if (ev->has_duration)
    end = start.t + CLAMP (ev->duration, 0, 400 * 86400);
  else
    end = start.is_date ? start.t + 86400 : start.t;

  if (end < start.t || (start.is_date && end == start.t))
    end = start.is_date ? start.t + 86400 : start.t;

  tsu_meeting_set_uid (m, uid);
  tsu_meeting_set_title (m, row->title);
  tsu_meeting_set_starts_at (m, start.t);
  tsu_meeting_set_ends_at (m, end);
  tsu_meeting_set_all_day (m, start.is_date);
  tsu_meeting_set_tzid (m, start.zone->tzid);
  tsu_meeting_set_kind (m, ev->kind != NULL ? ev->kind : "other");
  row->kind_given = ev->kind != NULL;

  location = tidy_text (ev->location, TSU_RECORD_MAX_TEXT, &clipped);
  notes = tidy_text (ev->notes, TSU_RECORD_MAX_LONG_TEXT, &clipped);
  url = tidy_text (ev->url, TSU_RECORD_MAX_TEXT, &long_url);
  tsu_meeting_set_location (m, location);
  tsu_meeting_set_notes (m, notes);
  tsu_meeting_set_url (m, long_url ? NULL : url);
  if (clipped)
    tsu_ical_plan_row_add_warning (row, _("Text longer than Tsunagu keeps was shortened."));
  if (long_url)
    tsu_ical_plan_row_add_warning (row, _("Its URL is too long and was left out."));

  if (ev->cancelled || g_strcmp0 (cal->method, "CANCEL") == 0)
    tsu_meeting_set_status (m, "cancelled");

  row->sequence = ev->has_sequence ? CLAMP (ev->sequence, 0, G_MAXINT32) : 0;
  row->stamp = MAX (ev->last_modified, ev->dtstamp);
  tsu_meeting_set_sequence (m, row->sequence);

  tsu_meeting_set_case_id (m, id_in (imp->cases, ev->case_code));
  tsu_meeting_set_municipality_id (m, id_in (imp->municipalities, ev->municipality));
  if (ev->organizer != NULL)
    {
      organizer = email_of (ev->organizer);
      tsu_meeting_set_organizer_id (m, id_in (imp->persons, organizer));
    }

  if (ev->has_rid)
    {
      if (!ev->rid_ok)
        {
          tsu_ical_plan_row_skip (row, _("Its RECURRENCE-ID cannot be read."));
          return;
        }
      row->recurrence_id = ev->rid.t;
      tsu_meeting_set_recurrence_id (m, ev->rid.t);
      if (ev->rid_range)
        tsu_ical_plan_row_add_warning (row, _("It changes this and later occurrences "
                                              "(RANGE=THISANDFUTURE); only this one was changed."));
    }
  else if (ev->has_rrule)
    {
      g_autofree char *rule = read_rule (imp, ev->recur, &start, row);
      g_autofree char *exdates = NULL;

      if (rule == NULL)
        return;
      exdates = read_exdates (imp, ev->exdates, &start);
      if (exdates != NULL && strlen (exdates) > TSU_RECORD_MAX_TEXT)
        {
          tsu_ical_plan_row_skip (row, _("It excludes more dates (EXDATE) than Tsunagu keeps."));
          return;
        }
      tsu_meeting_set_rrule (m, rule);
      tsu_meeting_set_exdates (m, exdates);
      if (ev->more_rrules)
        tsu_ical_plan_row_add_warning (row, _("Only its first recurrence rule was kept."));
    }
  if ((ev->has_rrule || !ev->has_rid) && ev->has_rdate)
    tsu_ical_plan_row_add_warning (row, _("Its extra dates (RDATE) were left out."));

  read_attendees (imp, ev->attendees, row);
  row->file_people = g_ptr_array_ref (row->participants);
  row->meeting = g_steal_pointer (&m);
}

static char *
chunk_text (Importer    *imp,
            const Chunk *chunk)
{
  return g_strndup (imp->text + chunk->offset, chunk->len);
}

static void
plan_calendar (Importer *imp,
               Calendar *cal)
{
  icaltimezone *floating_zone = NULL;
  const char *floating_tzid = NULL;

  /* The calendar's zones first: a VTIMEZONE may come after the events using it. */
  for (guint i = 0; i < cal->timezone_chunks->len; i++)
    {
      g_autofree char *text = chunk_text (imp, &g_array_index (cal->timezone_chunks, Chunk, i));
      icalcomponent *vtz = icalparser_parse_string (text);
      icalproperty *tzid;

      if (vtz == NULL)
        continue;
      tzid = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);
      if (icalcomponent_isa (vtz) == ICAL_VTIMEZONE_COMPONENT && tzid != NULL &&
          icalproperty_get_tzid (tzid) != NULL &&
          g_utf8_validate (icalproperty_get_tzid (tzid), -1, NULL) &&
          !g_hash_table_contains (cal->vtimezones, icalproperty_get_tzid (tzid)))
        g_hash_table_insert (cal->vtimezones, g_strdup (icalproperty_get_tzid (tzid)), vtz);
      else
        icalcomponent_free (vtz);
    }

  if (cal->floating == NULL)
    cal->floating = zone_new (imp->tokyo, TSU_ICAL_DEFAULT_TZID, FALSE);
  else
    {
      /* X-WR-TIMEZONE was given: it is used when libical knows it. */
      floating_tzid = olson_name (cal->floating->tzid, &floating_zone);
      if (floating_tzid != NULL)
        {
          char *copy = g_strdup (floating_tzid);

          g_free (cal->floating->tzid);
          cal->floating->tzid = copy;
          cal->floating->zone = floating_zone;
          cal->floating->utc = floating_zone == icaltimezone_get_utc_timezone ();
        }
      else
        {
          g_free (cal->floating->tzid);
          cal->floating->tzid = g_strdup (TSU_ICAL_DEFAULT_TZID);
          cal->floating->zone = imp->tokyo;
        }
    }

  for (guint i = 0; i < cal->chunks->len; i++)
    {
      const Chunk *chunk = &g_array_index (cal->chunks, Chunk, i);
      g_autoptr(TsuIcalPlanRow) row = tsu_ical_plan_row_new ();

      row->line = chunk->line;
      row->action = TSU_ICAL_ACTION_ADD;

      if (g_strcmp0 (chunk->kind, "VEVENT") != 0)
        {
          row->title = g_strdup (chunk->kind);
          row->reason = g_strdup_printf (_("Not an event (%s): only events are imported."),
                                         chunk->kind);
          row->action = TSU_ICAL_ACTION_SKIP;
        }
      else if (cal->method != NULL && strcmp (cal->method, "PUBLISH") != 0 &&
               strcmp (cal->method, "REQUEST") != 0 && strcmp (cal->method, "CANCEL") != 0 &&
               strcmp (cal->method, "REPLY") != 0)
        {
          row->title = g_strdup (_("Untitled event"));
          row->reason = g_strdup_printf (_("Calendar messages of the kind METHOD:%s are not "
                                           "imported."), cal->method);
          row->action = TSU_ICAL_ACTION_SKIP;
        }
      else
        {
          g_auto(Event) ev = { 0 };

          row->reply = g_strcmp0 (cal->method, "REPLY") == 0;

          if (plain_events && read_plain_event (imp, cal, imp->text + chunk->offset, chunk->len, &ev))
            read_event (imp, cal, &ev, row);
          else
            {
              g_autofree char *text = chunk_text (imp, chunk);
              icalcomponent *comp = icalparser_parse_string (text);

              event_clear (&ev);
              ev = (Event) { 0 };
              if (comp == NULL || icalcomponent_isa (comp) != ICAL_VEVENT_COMPONENT)
                {
                  row->title = g_strdup (_("Untitled event"));
                  tsu_ical_plan_row_skip (row, _("The event cannot be read."));
                }
              else
                {
                  read_ical_event (imp, cal, comp, &ev);
                  read_event (imp, cal, &ev, row);
                }
              if (comp != NULL)
                icalcomponent_free (comp);
            }
        }
      g_ptr_array_add (imp->rows, g_steal_pointer (&row));
    }
}

/* Cutting the file -------------------------------------------------------------------------- */

typedef struct {
  gsize offset;
  guint line;
} Line;

/* Joins folded lines: a line that starts with a space or a tab continues the one
 * before (RFC 5545 3.1). Line ends may be CRLF, LF or CR. */
static char *
unfold (const char *data,
        gsize       len,
        GArray     *lines)
{
  GString *out = g_string_sized_new (len + 1);
  const char *p = data, *end = data + len;
  guint physical = 0;
  gboolean open = FALSE;

  while (p < end)
    {
      const char *eol = p;
      const char *next;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      /* CRLF, LF or a lone CR ends the line. */
      next = eol;
      if (next < end && *next == '\r')
        next++;
      if (next < end && *next == '\n')
        next++;
      physical++;

      if (eol > p && (*p == ' ' || *p == '\t') && open)
        g_string_append_len (out, p + 1, eol - p - 1);
      else if (eol > p)
        {
          Line l = { out->len + (open ? 1 : 0), physical };

          if (open)
            g_string_append_c (out, '\n');
          g_array_append_val (lines, l);
          g_string_append_len (out, p, eol - p);
          open = TRUE;
        }
      p = next;
    }
  if (open)
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* The name of a content line (before ':' or ';') and, for BEGIN and END, the value. */
static gboolean
is_line (const char  *line,
         gsize        len,
         const char  *name,
         char       **value)
{
  gsize n = strlen (name);
  const char *v;

  /* Most lines differ at once. */
  if (len == 0 || g_ascii_toupper (*line) != *name)
    return FALSE;
  if (len <= n || g_ascii_strncasecmp (line, name, n) != 0 || (line[n] != ':' && line[n] != ';'))
    return FALSE;
  v = memchr (line, ':', len);
  if (v == NULL)
    return FALSE;
  if (value != NULL)
    {
      g_autofree char *raw = g_strndup (v + 1, len - (v + 1 - line));

      *value = g_ascii_strup (g_strstrip (raw), -1);
    }
  return TRUE;
}

static gboolean
split_and_plan (Importer    *imp,
                const char  *text,
                GArray      *lines,
                GError     **error)
{
  g_autoptr(Calendar) cal = NULL;
  char *stack[MAX_DEPTH] = { NULL };
  guint stack_lines[MAX_DEPTH] = { 0 };
  guint depth = 0, n_calendars = 0;
  gsize chunk_start = 0;
  gboolean ok = FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      gsize next = i + 1 < lines->len ? g_array_index (lines, Line, i + 1).offset : strlen (text);
      const char *line = text + l->offset;
      gsize len = next - l->offset - 1;   /* without its '\n' */
      g_autofree char *value = NULL;

      if (is_line (line, len, "BEGIN", &value))
        {
          if (depth == MAX_DEPTH)
            {
              g_set_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_MALFORMED,
                           _("The file nests components too deeply (line %u)."), l->line);
              goto out;
            }
          if (depth == 0 && strcmp (value, "VCALENDAR") != 0)
            {
              g_set_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_MALFORMED,
                           _("The file is not an iCalendar file: line %u begins %s outside a "
                             "calendar."), l->line, value);
              goto out;
            }
          if (depth == 0)
            cal = calendar_new ();
          if (depth == 1)
            chunk_start = l->offset;
          stack_lines[depth] = l->line;
          stack[depth++] = g_steal_pointer (&value);
        }
      else if (is_line (line, len, "END", &value))
        {
          if (depth == 0 || strcmp (stack[depth - 1], value) != 0)
            {
              g_set_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_MALFORMED,
                           _("The file is damaged: line %u ends %s, which was not begun there."),
                           l->line, value);
              goto out;
            }
          depth--;
          if (depth == 1)
            {
              Chunk chunk = { chunk_start, next - chunk_start, stack_lines[1], NULL };

              if (strcmp (stack[1], "VTIMEZONE") == 0)
                g_array_append_val (cal->timezone_chunks, chunk);
              else
                {
                  chunk.kind = g_strdup (stack[1]);
                  g_array_append_val (cal->chunks, chunk);
                  if (++imp->n_components % 256 == 0 &&
                      g_cancellable_set_error_if_cancelled (imp->cancellable, error))
                    goto out;
                }
            }
          else if (depth == 0)
            {
              plan_calendar (imp, cal);
              g_clear_pointer (&cal, calendar_free);
              n_calendars++;
              if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
                goto out;
            }
          g_clear_pointer (&stack[depth], g_free);
        }
      else if (depth == 1 && is_line (line, len, "METHOD", &value))
        {
          g_free (cal->method);
          cal->method = g_steal_pointer (&value);
        }
      else if (depth == 1 && is_line (line, len, "X-WR-TIMEZONE", NULL))
        {
          const char *v = memchr (line, ':', len);
          g_autofree char *name = g_strstrip (g_strndup (v + 1, len - (v + 1 - line)));

          if (cal->floating == NULL && *name != '\0')
            cal->floating = zone_new (NULL, name, FALSE);
        }
    }

  if (depth > 0)
    {
      g_set_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_TRUNCATED,
                   _("The file ends inside %s begun on line %u: it is incomplete (truncated?). "
                     "Nothing was imported."), stack[depth - 1], stack_lines[depth - 1]);
      goto out;
    }
  if (n_calendars == 0)
    {
      g_set_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_MALFORMED,
                   _("The file is not an iCalendar file: it has no BEGIN:VCALENDAR."));
      goto out;
    }
  ok = TRUE;

out:
  for (guint i = 0; i < MAX_DEPTH; i++)
    g_free (stack[i]);
  return ok;
}

/* Deciding ------------------------------------------------------------------------------------ */

/* Rows of one event (its UID and RECURRENCE-ID) hash alike and are equal. */
static guint
row_hash (gconstpointer data)
{
  const TsuIcalPlanRow *row = data;

  return g_str_hash (row->uid) ^ g_int64_hash (&row->recurrence_id);
}

static gboolean
row_equal (gconstpointer a,
           gconstpointer b)
{
  const TsuIcalPlanRow *ra = a, *rb = b;

  return ra->recurrence_id == rb->recurrence_id && strcmp (ra->uid, rb->uid) == 0;
}

/* Of two copies of one event in the file, the higher SEQUENCE (then the later stamp,
 * then the later copy) is kept. */
static void
drop_duplicates (Importer *imp)
{
  g_autoptr(GHashTable) kept = g_hash_table_new (row_hash, row_equal);

  for (guint i = 0; i < imp->rows->len; i++)
    {
      TsuIcalPlanRow *row = imp->rows->pdata[i];
      TsuIcalPlanRow *other;
      g_autofree char *reason = NULL;

      if (row->action == TSU_ICAL_ACTION_SKIP)
        continue;
      other = g_hash_table_lookup (kept, row);
      if (other == NULL)
        {
          g_hash_table_add (kept, row);
          continue;
        }

      if (row->sequence > other->sequence ||
          (row->sequence == other->sequence && row->stamp >= other->stamp))
        {
          reason = g_strdup_printf (_("A newer copy of this event is on line %u."), row->line);
          tsu_ical_plan_row_skip (other, reason);
          g_hash_table_remove (kept, other);
          g_hash_table_add (kept, row);
        }
      else
        {
          reason = g_strdup_printf (_("A newer copy of this event is on line %u."), other->line);
          tsu_ical_plan_row_skip (row, reason);
        }
    }
}

static gboolean
same_text (TsuRecord *a,
           TsuRecord *b,
           guint      field)
{
  return g_strcmp0 (tsu_record_get_text (a, field), tsu_record_get_text (b, field)) == 0;
}

static gboolean
same_meeting (TsuMeeting *a,
              TsuMeeting *b)
{
  const TsuField *fields;
  guint n_fields;

  fields = tsu_record_get_fields (TSU_RECORD (a), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (i == TSU_MEETING_FIELD_SEQUENCE)
        continue;
      if (fields[i].kind == TSU_FIELD_TEXT ? !same_text (TSU_RECORD (a), TSU_RECORD (b), i)
                                           : tsu_record_get_int (TSU_RECORD (a), i) !=
                                             tsu_record_get_int (TSU_RECORD (b), i))
        return FALSE;
    }
  return TRUE;
}

/* The stored meeting with the file's version of what the file says; what the file
 * does not say (a kind Tsunagu cannot tell, the case, the municipality, the
 * organizer, "held") stays as stored. */
static TsuMeeting *
merge_meeting (TsuMeeting *stored,
               TsuMeeting *incoming,
               gboolean    kind_given)
{
  TsuMeeting *m = tsu_meeting_new ();
  const TsuField *fields;
  guint n_fields;

  fields = tsu_record_get_fields (TSU_RECORD (incoming), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      TsuRecord *from = TSU_RECORD (incoming);

      if ((i == TSU_MEETING_FIELD_KIND && !kind_given) ||
          (i == TSU_MEETING_FIELD_CASE_ID && tsu_meeting_get_case_id (incoming) == 0) ||
          (i == TSU_MEETING_FIELD_MUNICIPALITY_ID && tsu_meeting_get_municipality_id (incoming) == 0) ||
          (i == TSU_MEETING_FIELD_ORGANIZER_ID && tsu_meeting_get_organizer_id (incoming) == 0) ||
          i == TSU_MEETING_FIELD_SERIES_ID)
        from = TSU_RECORD (stored);

      if (fields[i].kind == TSU_FIELD_TEXT)
        tsu_record_set_text (TSU_RECORD (m), i, tsu_record_get_text (from, i));
      else
        tsu_record_set_int (TSU_RECORD (m), i, tsu_record_get_int (from, i));
    }
  if (g_strcmp0 (tsu_meeting_get_status (stored), "held") == 0 &&
      g_strcmp0 (tsu_meeting_get_status (incoming), "cancelled") != 0)
    tsu_meeting_set_status (m, "held");
  tsu_record_set_id (TSU_RECORD (m), tsu_record_get_id (TSU_RECORD (stored)));
  return m;
}

static gboolean
same_participant (TsuParticipant *stored,
                  TsuParticipant *incoming)
{
  if (tsu_participant_get_person_id (incoming) != 0)
    return tsu_participant_get_person_id (stored) == tsu_participant_get_person_id (incoming);
  return tsu_participant_get_person_id (stored) == 0 &&
         g_strcmp0 (tsu_participant_get_name (stored), tsu_participant_get_name (incoming)) == 0;
}

/* The participants after the update: the stored ones the file names keep their row,
 * their attendance and the roles iCalendar has no word for; the file's status wins.
 * Returns whether anything changes. */
static gboolean
merge_participants (TsuStore        *store,
                    TsuIcalPlanRow  *row,
                    gint64           meeting_id,
                    GError         **error)
{
  g_autoptr(GListModel) stored = tsu_store_list_by (store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                                    meeting_id, NULL, error);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_stored, n_kept = 0;
  gboolean changed = FALSE;

  if (stored == NULL)
    return FALSE;
  n_stored = g_list_model_get_n_items (stored);

  for (guint i = 0; i < row->participants->len; i++)
    {
      TsuParticipant *in = row->participants->pdata[i];
      TsuParticipant *match = NULL;

      for (guint j = 0; j < n_stored && match == NULL; j++)
        {
          g_autoptr(TsuParticipant) s = g_list_model_get_item (stored, j);

          if (same_participant (s, in))
            match = g_steal_pointer (&s);
        }

      if (match == NULL)
        {
          g_ptr_array_add (merged, g_object_ref (in));
          changed = TRUE;
          continue;
        }

      n_kept++;
      if (g_strcmp0 (tsu_participant_get_partstat (match), tsu_participant_get_partstat (in)) != 0)
        {
          tsu_participant_set_partstat (match, tsu_participant_get_partstat (in));
          changed = TRUE;
        }
      if (g_strcmp0 (tsu_participant_get_role (in), "attendee") != 0 &&
          g_strcmp0 (tsu_participant_get_role (match), tsu_participant_get_role (in)) != 0)
        {
          tsu_participant_set_role (match, tsu_participant_get_role (in));
          changed = TRUE;
        }
      g_ptr_array_add (merged, match);
    }

  if (n_kept != n_stored)
    changed = TRUE;
  g_ptr_array_unref (row->participants);
  row->participants = g_steal_pointer (&merged);
  return changed;
}

static gboolean
decide_update (Importer        *imp,
               TsuIcalPlanRow  *row,
               const Existing  *existing,
               GError         **error)
{
  g_autoptr(TsuMeeting) stored = NULL;
  g_autoptr(TsuMeeting) merged = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;
  gboolean participants_changed;

  if (row->sequence < existing->sequence)
    {
      reason = g_strdup_printf (_("Tsunagu has a newer version (SEQUENCE %" PRId64
                                  ") than the file (%" PRId64 ")."),
                                existing->sequence, row->sequence);
      tsu_ical_plan_row_skip (row, reason);
      return TRUE;
    }

  stored = tsu_store_load (imp->store, TSU_TYPE_MEETING, existing->id, error);
  if (stored == NULL)
    return FALSE;
  merged = merge_meeting (stored, row->meeting, row->kind_given);
  participants_changed = merge_participants (imp->store, row, existing->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (row->sequence == existing->sequence && !participants_changed && same_meeting (stored, merged))
    {
      tsu_ical_plan_row_skip (row, _("Tsunagu has this version already."));
      return TRUE;
    }

  g_set_object (&row->meeting, merged);
  row->action = TSU_ICAL_ACTION_UPDATE;
  row->existing_id = existing->id;
  row->existing_sequence = existing->sequence;
  return TRUE;
}

/* An overridden occurrence is of its series' kind unless the file says otherwise;
 * the rest (case, municipality) is the series' already. */
static void
inherit_from_series (TsuIcalPlanRow *row,
                     TsuMeeting     *series)
{
  if (!row->kind_given)
    tsu_meeting_set_kind (row->meeting, tsu_meeting_get_kind (series));
}

static gboolean
same_people (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      TsuParticipant *pa = a->pdata[i], *pb = b->pdata[i];

      if (tsu_participant_get_person_id (pa) != tsu_participant_get_person_id (pb) ||
          g_strcmp0 (tsu_participant_get_name (pa), tsu_participant_get_name (pb)) != 0 ||
          g_strcmp0 (tsu_participant_get_role (pa), tsu_participant_get_role (pb)) != 0 ||
          g_strcmp0 (tsu_participant_get_partstat (pa), tsu_participant_get_partstat (pb)) != 0 ||
          g_strcmp0 (tsu_participant_get_agency_name (pa), tsu_participant_get_agency_name (pb)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Calendars repeat the series' attendees on each changed occurrence; Tsunagu keeps a
 * list of its own only where it differs. */
static void
drop_people (TsuIcalPlanRow *row)
{
  g_ptr_array_unref (row->participants);
  row->participants = g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
decide_override (Importer        *imp,
                 TsuIcalPlanRow  *row,
                 GHashTable      *masters_in_file,
                 GError         **error)
{
  TsuIcalPlanRow *master = g_hash_table_lookup (masters_in_file, row->uid);
  const Existing *stored_series = g_hash_table_lookup (imp->masters, row->uid);
  g_autoptr(TsuMeeting) series = NULL;
  g_autofree char *key = NULL;
  const Existing *stored;
  gboolean recurring;

  if (master != NULL && master->action == TSU_ICAL_ACTION_ADD)
    {
      if (tsu_meeting_get_rrule (master->meeting) == NULL)
        {
          tsu_ical_plan_row_skip (row, _("It is an occurrence of an event that does not repeat."));
          return TRUE;
        }
      row->master = master;
      inherit_from_series (row, master->meeting);
      if (same_people (row->participants, master->file_people))
        drop_people (row);
      return TRUE;
    }

  if (stored_series == NULL)
    {
      tsu_ical_plan_row_skip (row, master != NULL
                                     ? _("Its series was skipped.")
                                     : _("It is one occurrence of a series that is neither in "
                                         "the file nor in Tsunagu."));
      return TRUE;
    }

  recurring = master != NULL && master->action == TSU_ICAL_ACTION_UPDATE
                ? tsu_meeting_get_rrule (master->meeting) != NULL
                : stored_series->recurring;
  if (!recurring)
    {
      tsu_ical_plan_row_skip (row, _("It is an occurrence of an event that does not repeat."));
      return TRUE;
    }

  series = tsu_store_load (imp->store, TSU_TYPE_MEETING, stored_series->id, error);
  if (series == NULL)
    return FALSE;
  inherit_from_series (row, master != NULL && master->meeting != NULL ? master->meeting : series);
  if (master != NULL && master->file_people != NULL)
    {
      if (same_people (row->participants, master->file_people))
        drop_people (row);
    }
  else
    {
      g_autoptr(GListModel) listed = tsu_store_list_by (imp->store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                                        stored_series->id, NULL, error);
      g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);

      if (listed == NULL)
        return FALSE;
      for (guint i = 0; i < g_list_model_get_n_items (listed); i++)
        g_ptr_array_add (people, g_list_model_get_item (listed, i));
      if (same_people (row->participants, people))
        drop_people (row);
    }
  row->series_id = stored_series->id;
  tsu_meeting_set_series_id (row->meeting, stored_series->id);

  key = override_key (stored_series->id, row->recurrence_id);
  stored = g_hash_table_lookup (imp->overrides, key);
  if (stored != NULL)
    return decide_update (imp, row, stored, error);
  return TRUE;
}

/* A reply to an invitation (METHOD:REPLY, what Outlook and Google send back): the
 * answers of the attendees it names, nothing else. */
static gboolean
decide_reply (Importer        *imp,
              TsuIcalPlanRow  *row,
              GError         **error)
{
  const Existing *stored = g_hash_table_lookup (imp->masters, row->uid);
  g_autoptr(TsuMeeting) meeting = NULL;
  g_autoptr(GListModel) listed = NULL;
  g_autoptr(GPtrArray) people = NULL;
  gboolean changed = FALSE;

  if (stored != NULL && row->recurrence_id != 0)
    {
      g_autofree char *key = override_key (stored->id, row->recurrence_id);

      /* An answer for one occurrence that has no row of its own: the series'. */
      if (g_hash_table_lookup (imp->overrides, key) != NULL)
        stored = g_hash_table_lookup (imp->overrides, key);
    }
  if (stored == NULL)
    {
      tsu_ical_plan_row_skip (row, _("It answers an invitation to a meeting Tsunagu does not have."));
      return TRUE;
    }

  meeting = tsu_store_load (imp->store, TSU_TYPE_MEETING, stored->id, error);
  if (meeting == NULL)
    return FALSE;
  listed = tsu_store_list_by (imp->store, TSU_TYPE_PARTICIPANT, "meeting_id", stored->id, NULL, error);
  if (listed == NULL)
    return FALSE;

  people = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (listed); i++)
    {
      g_autoptr(TsuParticipant) s = g_list_model_get_item (listed, i);

      for (guint j = 0; j < row->file_people->len; j++)
        {
          TsuParticipant *answer = row->file_people->pdata[j];

          if (same_participant (s, answer) &&
              g_strcmp0 (tsu_participant_get_partstat (s), tsu_participant_get_partstat (answer)) != 0)
            {
              tsu_participant_set_partstat (s, tsu_participant_get_partstat (answer));
              changed = TRUE;
            }
        }
      g_ptr_array_add (people, g_steal_pointer (&s));
    }

  if (!changed)
    {
      tsu_ical_plan_row_skip (row, _("Tsunagu has this answer already."));
      return TRUE;
    }

  g_free (row->title);
  row->title = g_strdup (tsu_meeting_get_title (meeting));
  g_set_object (&row->meeting, meeting);
  g_ptr_array_unref (row->participants);
  row->participants = g_steal_pointer (&people);
  row->sequence = stored->sequence;
  row->action = TSU_ICAL_ACTION_UPDATE;
  row->existing_id = stored->id;
  row->existing_sequence = stored->sequence;
  return TRUE;
}

static gboolean
decide (Importer  *imp,
        GError   **error)
{
  g_autoptr(GHashTable) masters_in_file = g_hash_table_new (g_str_hash, g_str_equal);

  drop_duplicates (imp);

  for (guint i = 0; i < imp->rows->len; i++)
    {
      TsuIcalPlanRow *row = imp->rows->pdata[i];
      const Existing *stored;

      if (row->action == TSU_ICAL_ACTION_SKIP || row->recurrence_id != 0)
        continue;
      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (imp->cancellable, error))
        return FALSE;

      if (row->reply)
        {
          if (!decide_reply (imp, row, error))
            return FALSE;
          continue;
        }
      stored = g_hash_table_lookup (imp->masters, row->uid);
      if (stored != NULL && !decide_update (imp, row, stored, error))
        return FALSE;
      g_hash_table_insert (masters_in_file, row->uid, row);
    }

  for (guint i = 0; i < imp->rows->len; i++)
    {
      TsuIcalPlanRow *row = imp->rows->pdata[i];

      if (row->action == TSU_ICAL_ACTION_SKIP || row->recurrence_id == 0)
        continue;
      if (row->reply ? !decide_reply (imp, row, error)
                     : !decide_override (imp, row, masters_in_file, error))
        return FALSE;
    }
  return TRUE;
}

/* Public API ------------------------------------------------------------------------------- */

/* The line of the file where @offset of the unfolded text is. */
static guint
physical_line (GArray *lines,
               gsize   offset)
{
  guint lo = 0, hi = lines->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (lines, Line, mid).offset <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lines->len > 0 ? g_array_index (lines, Line, lo).line : 1;
}

static guint
line_at (const char *data,
         gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/**
 * tsu_ical_import_preview:
 * @store: the store to import into
 * @data: the contents of an .ics file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #TsuIcalError, a #TsuDatabaseError or
 *   %G_IO_ERROR_CANCELLED
 *
 * Reads @data and decides what importing it does, without writing anything: each
 * VEVENT becomes a row that adds a meeting, updates the stored one with the same UID
 * (and, for an overridden occurrence, the same RECURRENCE-ID), or is skipped with a
 * reason (an older SEQUENCE than stored, the same version, a rule Tsunagu does not
 * keep, no start, …). A file that cannot be read whole (too large, not UTF-8,
 * truncated, not iCalendar) gives an error instead, and nothing is planned.
 *
 * Runs in a worker thread (GTask) given a store of its own; the plan can be shown
 * on the main thread and applied with tsu_ical_import_apply().
 *
 * Returns: (transfer full) (nullable): the plan
 */
TsuIcalPlan *
tsu_ical_import_preview (TsuStore      *store,
                         GBytes        *data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_auto(Importer) imp = { 0 };
  g_autoptr(GArray) lines = NULL;
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  g_autofree char *limit = NULL;
  TsuIcalPlan *plan;
  const char *bytes, *invalid;
  gsize len = 0;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if (len > TSU_ICAL_MAX_FILE_SIZE)
    {
      size = g_format_size_full (len, G_FORMAT_SIZE_IEC_UNITS);
      limit = g_format_size_full (TSU_ICAL_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);
      g_set_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_TOO_LARGE,
                   _("The file is too large (%s): Tsunagu imports calendars of up to %s."),
                   size, limit);
      return NULL;
    }
  if (bytes == NULL)
    bytes = "";

  /* Outlook and Windows tools may begin the file with a byte order mark. */
  if (len >= 3 && memcmp (bytes, "\xef\xbb\xbf", 3) == 0)
    {
      bytes += 3;
      len -= 3;
    }

  imp.store = store;
  imp.cancellable = cancellable;
  imp.rows = g_ptr_array_new_with_free_func (g_object_unref);
  imp.valid_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.tokyo = icaltimezone_get_builtin_timezone (TSU_ICAL_DEFAULT_TZID);
  if (imp.tokyo == NULL)
    imp.tokyo = icaltimezone_get_utc_timezone ();
  imp.tokyo_zone = zone_new (imp.tokyo, TSU_ICAL_DEFAULT_TZID, FALSE);
  imp.utc_zone = zone_new (icaltimezone_get_utc_timezone (), "UTC", FALSE);

  if (!load_existing (&imp, error))
    return NULL;

  /* Checked once unfolded: some writers fold lines inside a UTF-8 character. */
  lines = g_array_new (FALSE, FALSE, sizeof (Line));
  text = unfold (bytes, len, lines);
  if (!g_utf8_validate (text, -1, &invalid) ||
      memchr (bytes, '\0', len) != NULL)
    {
      g_set_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_ENCODING,
                   _("The file is not UTF-8 text (line %u). Save it as UTF-8 and import it "
                     "again. Nothing was imported."),
                   memchr (bytes, '\0', len) != NULL
                     ? line_at (bytes, (const char *) memchr (bytes, '\0', len) - bytes)
                     : physical_line (lines, invalid - text));
      return NULL;
    }
  imp.text = text;

  if (!split_and_plan (&imp, text, lines, error))
    return NULL;
  g_clear_pointer (&lines, g_array_unref);
  if (!decide (&imp, error))
    return NULL;

  plan = tsu_ical_plan_new ();
  tsu_ical_plan_take_rows (plan, g_steal_pointer (&imp.rows));
  return plan;
}

/* Reads at most @limit + 1 bytes, so that a huge file (or an endless stream) is not
 * read whole only to be refused. */
static GBytes *
read_capped (GFile         *file,
             gsize          limit,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr(GByteArray) buffer = NULL;
  guint8 chunk[64 * 1024];

  if (in == NULL)
    return NULL;
  buffer = g_byte_array_new ();
  while (buffer->len <= limit)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), chunk, sizeof chunk, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (buffer, chunk, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * tsu_ical_import_preview_file:
 * @store: the store to import into
 * @file: an .ics file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Like tsu_ical_import_preview(), reading @file first. A file larger than
 * %TSU_ICAL_MAX_FILE_SIZE is refused before it is read.
 *
 * Returns: (transfer full) (nullable): the plan
 */
TsuIcalPlan *
tsu_ical_import_preview_file (TsuStore      *store,
                              GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL && g_file_info_get_size (info) > TSU_ICAL_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size_full (g_file_info_get_size (info), G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (TSU_ICAL_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_TOO_LARGE,
                   _("The file is too large (%s): Tsunagu imports calendars of up to %s."),
                   size, limit);
      return NULL;
    }

  bytes = read_capped (file, TSU_ICAL_MAX_FILE_SIZE, cancellable, error);
  if (bytes == NULL)
    return NULL;
  return tsu_ical_import_preview (store, bytes, cancellable, error);
}

/* Gives @into, a record of the same class, every value of @record and its id.
 * Nothing listens to @into: its fields are set without notifications. */
static gpointer
load_record (TsuRecord *into,
             TsuRecord *record)
{
  const TsuField *fields;
  guint n_fields;

  fields = tsu_record_get_fields (record, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].kind == TSU_FIELD_TEXT)
        tsu_record_load_value (into, i, tsu_record_get_text (record, i), 0);
      else
        tsu_record_load_value (into, i, NULL, tsu_record_get_int (record, i));
    }
  tsu_record_set_id (into, tsu_record_get_id (record));
  return into;
}

static gpointer
copy_record (TsuRecord *record)
{
  return load_record (g_object_new (G_OBJECT_TYPE (record), NULL), record);
}

/* New meetings are written BATCH at a time (tsu_store_bulk_insert_many()). */
#define BATCH 64

/* The plan's records are left as they are (a plan can be shown while it is applied,
 * and applied again after a failure). Updates are written from copies; new rows from
 * records that take the values of one row after the other: for thousands of rows,
 * making and freeing a record for each cost more than the rest of preparing their
 * INSERTs. The new meetings waiting to be written are kept with their rows. */
typedef struct {
  TsuRecord      *meetings[BATCH];
  TsuIcalPlanRow *rows[BATCH];
  guint           n_waiting;
  TsuParticipant *participant;
  GPtrArray      *people;       /* records for the participants of new meetings */
  GPtrArray      *people_rows;  /* the row of each */
} Scratch;

static gboolean
set_stale (GError **error)
{
  g_set_error (error, TSU_ICAL_ERROR, TSU_ICAL_ERROR_STALE,
               _("The calendar changed since the preview. Preview the import again. "
                 "Nothing was imported."));
  return FALSE;
}

static gboolean
check_unchanged (TsuStore        *store,
                 TsuIcalPlanRow  *row,
                 GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean same;
  int rc;

  stmt = tsu_database_prepare (tsu_store_get_database (store),
                               "SELECT sequence FROM meeting WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->existing_id);
  rc = sqlite3_step (stmt);
  same = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == row->existing_sequence;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tsu_database_set_error (tsu_store_get_database (store), rc, error);
  return same ? TRUE : set_stale (error);
}

/* The participants of an updated meeting: those no longer in the file go. */
static gboolean
update_participants (TsuStore        *store,
                     TsuIcalPlanRow  *row,
                     gint64           meeting_id,
                     Scratch         *scratch,
                     GError         **error)
{
  g_autoptr(GListModel) stored = tsu_store_list_by (store, TSU_TYPE_PARTICIPANT, "meeting_id",
                                                    meeting_id, NULL, error);

  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    {
      g_autoptr(TsuRecord) s = g_list_model_get_item (stored, i);
      gboolean kept = FALSE;

      for (guint j = 0; j < row->participants->len && !kept; j++)
        kept = tsu_record_get_id (row->participants->pdata[j]) == tsu_record_get_id (s);
      if (!kept && !tsu_store_delete (store, s, error))
        return FALSE;
    }

  for (guint i = 0; i < row->participants->len; i++)
    {
      TsuRecord *from = row->participants->pdata[i];
      g_autoptr(TsuParticipant) p = tsu_record_get_id (from) == 0
                                    ? g_object_ref (load_record (TSU_RECORD (scratch->participant), from))
                                    : copy_record (from);

      tsu_participant_set_meeting_id (p, meeting_id);
      if (tsu_record_get_id (TSU_RECORD (p)) == 0
            ? !tsu_store_bulk_insert (store, TSU_RECORD (p), error)
            : !tsu_store_save (store, TSU_RECORD (p), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
drop_overrides (TsuStore  *store,
                gint64     series_id,
                GError   **error)
{
  g_autoptr(GListModel) moved = tsu_store_list_by (store, TSU_TYPE_MEETING, "series_id",
                                                   series_id, NULL, error);

  if (moved == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (moved); i++)
    {
      g_autoptr(TsuRecord) o = g_list_model_get_item (moved, i);

      if (!tsu_store_delete (store, o, error))
        return FALSE;
    }
  return TRUE;
}

/* The error of writing @row: a conflict with what is stored means the calendar changed
 * since the preview. */
static gboolean
row_failed (TsuIcalPlanRow  *row,
            GError          *local_error,
            GError         **error)
{
  if (g_error_matches (local_error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_CONSTRAINT) ||
      g_error_matches (local_error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND))
    {
      g_error_free (local_error);
      return set_stale (error);
    }
  g_propagate_prefixed_error (error, local_error, _("Event on line %u: "), row->line);
  return FALSE;
}

static void
set_series (TsuMeeting     *m,
            TsuIcalPlanRow *row,
            GHashTable     *saved)
{
  if (row->master != NULL)
    {
      gint64 *series = g_hash_table_lookup (saved, row->master);

      g_assert (series != NULL);
      tsu_meeting_set_series_id (m, *series);
    }
}

/* An update: the stored meeting, its participants, and the overridden occurrences of
 * a series that is no longer one. */
static gboolean
apply_update (TsuStore        *store,
              TsuIcalPlanRow  *row,
              GHashTable      *saved,
              Scratch         *scratch,
              GError         **error)
{
  g_autoptr(TsuMeeting) m = copy_record (TSU_RECORD (row->meeting));
  GError *local_error = NULL;
  gint64 id;

  if (!check_unchanged (store, row, error))
    return FALSE;
  /* The store raises SEQUENCE by one on update: the file's is what is kept. */
  tsu_meeting_set_sequence (m, row->sequence - 1);
  set_series (m, row, saved);
  if (!tsu_store_save (store, TSU_RECORD (m), &local_error))
    return row_failed (row, local_error, error);
  id = tsu_record_get_id (TSU_RECORD (m));
  if (row->recurrence_id == 0)
    g_hash_table_insert (saved, row, g_memdup2 (&id, sizeof id));
  if (!update_participants (store, row, id, scratch, error))
    return FALSE;
  return row->recurrence_id != 0 || tsu_meeting_get_rrule (m) != NULL || drop_overrides (store, id, error);
}

/* Writes the new meetings waiting in @scratch. New rows are audited together at the
 * end (end_bulk ()). */
static gboolean
flush_new (TsuStore    *store,
           GHashTable  *saved,
           Scratch     *scratch,
           GError     **error)
{
  GError *local_error = NULL;
  guint n = scratch->n_waiting, failed = 0;

  scratch->n_waiting = 0;
  if (!tsu_store_bulk_insert_many (store, scratch->meetings, n, &failed, &local_error))
    return row_failed (scratch->rows[failed], local_error, error);

  /* Then all their participants. */
  g_ptr_array_set_size (scratch->people_rows, 0);
  for (guint i = 0; i < n; i++)
    {
      TsuIcalPlanRow *row = scratch->rows[i];
      gint64 id = tsu_record_get_id (scratch->meetings[i]);

      if (row->recurrence_id == 0)
        g_hash_table_insert (saved, row, g_memdup2 (&id, sizeof id));
      for (guint j = 0; j < row->participants->len; j++)
        {
          guint k = scratch->people_rows->len;

          if (k == scratch->people->len)
            g_ptr_array_add (scratch->people, tsu_participant_new ());
          load_record (scratch->people->pdata[k], row->participants->pdata[j]);
          tsu_record_set_id (scratch->people->pdata[k], 0);
          tsu_participant_set_meeting_id (scratch->people->pdata[k], id);
          g_ptr_array_add (scratch->people_rows, row);
        }
    }
  if (!tsu_store_bulk_insert_many (store, (TsuRecord **) scratch->people->pdata,
                                   scratch->people_rows->len, &failed, &local_error))
    return row_failed (scratch->people_rows->pdata[failed], local_error, error);
  return TRUE;
}

static gboolean
apply_row (TsuStore        *store,
           TsuIcalPlanRow  *row,
           GHashTable      *saved,
           Scratch         *scratch,
           GError         **error)
{
  TsuMeeting *m;

  if (row->action == TSU_ICAL_ACTION_UPDATE)
    return (scratch->n_waiting == 0 || flush_new (store, saved, scratch, error)) &&
           apply_update (store, row, saved, scratch, error);

  m = load_record (scratch->meetings[scratch->n_waiting], TSU_RECORD (row->meeting));
  tsu_record_set_id (TSU_RECORD (m), 0);
  tsu_meeting_set_sequence (m, row->sequence);
  set_series (m, row, saved);
  scratch->rows[scratch->n_waiting++] = row;
  return scratch->n_waiting < BATCH || flush_new (store, saved, scratch, error);
}

/* Writing many rows --------------------------------------------------------------------------- */

/* Each new meeting fires triggers: one adds its search document, whose own trigger
 * feeds the search index (FTS5); the CalDAV ones do nothing until a calendar is set
 * up. Inside a transaction SQLite wraps every INSERT that fires triggers in a
 * statement savepoint, and FTS5 flushes what it holds into a segment of its own at
 * each savepoint release: 10,000 events made 10,000 one-row segments, merged again
 * and again. For the length of its transaction the import therefore lifts these
 * triggers and does their work for all the rows it added in a few statements before
 * committing (the CalDAV ones only while no calendar is set, when they have none to
 * do). The DDL belongs to the transaction, so a rollback brings the triggers back
 * too. Only a trigger exactly as the schema defines it is lifted; anything else
 * stays and runs row by row. The import never updates or deletes a row it added, so
 * no other trigger misses one. */
typedef enum {
  LIFT_SEARCH_INDEX,
  LIFT_MEETING_SEARCH,
  LIFT_CALDAV_MEETING,
  LIFT_CALDAV_PARTICIPANT,
  N_LIFTED
} Lifted;

static const struct {
  const char *name;
  const char *sql;
  gboolean    without_calendar;  /* lifted only while no CalDAV calendar is set */
} lifted_triggers[N_LIFTED] = {
  [LIFT_SEARCH_INDEX] = {
    "search_doc_ai",
    "CREATE TRIGGER search_doc_ai AFTER INSERT ON search_doc BEGIN\n"
    "  INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);\n"
    "END",
    FALSE },
  [LIFT_MEETING_SEARCH] = {
    "meeting_search_ai",
    "CREATE TRIGGER meeting_search_ai AFTER INSERT ON meeting BEGIN\n"
    "  INSERT INTO search_doc (kind, ref_id, title, body)\n"
    "  VALUES ('meeting', new.id, coalesce(new.title, ''), coalesce(new.location, '') || ' ' || "
    "coalesce(new.notes, ''));\n"
    "END",
    FALSE },
  [LIFT_CALDAV_MEETING] = {
    "caldav_meeting_insert",
    "CREATE TRIGGER caldav_meeting_insert AFTER INSERT ON meeting\n"
    "WHEN EXISTS (SELECT 1 FROM caldav_calendar)\n"
    "BEGIN\n"
    "  INSERT INTO caldav_item (uid, dirty) VALUES (NEW.uid, 1)\n"
    "  ON CONFLICT (uid) DO UPDATE SET dirty = dirty + 1, deleted = 0;\n"
    "END",
    TRUE },
  [LIFT_CALDAV_PARTICIPANT] = {
    "caldav_participant_insert",
    "CREATE TRIGGER caldav_participant_insert AFTER INSERT ON participant\n"
    "WHEN EXISTS (SELECT 1 FROM caldav_calendar)\n"
    "BEGIN\n"
    "  UPDATE caldav_item SET dirty = dirty + 1\n"
    "  WHERE uid = (SELECT uid FROM meeting WHERE id = NEW.meeting_id);\n"
    "END",
    TRUE },
};

/* The tables an import adds rows to, directly or through triggers (those of FTS5 and
 * caldav_item, which have no CHECK constraints, aside). */
typedef enum {
  CHECKED_MEETING,
  CHECKED_PARTICIPANT,
  CHECKED_AUDIT_LOG,
  CHECKED_SEARCH_DOC,
  N_CHECKED
} Checked;

static const char * const checked_tables[N_CHECKED] = {
  [CHECKED_MEETING] = "meeting",
  [CHECKED_PARTICIPANT] = "participant",
  [CHECKED_AUDIT_LOG] = "audit_log",
  [CHECKED_SEARCH_DOC] = "search_doc",
};

typedef struct {
  gint64   last_id[N_CHECKED];  /* the largest ids before the import */
  gint64   cache_size;          /* PRAGMA cache_size before the import */
  gboolean cache_set;
  gboolean checks_deferred;
  gboolean lifted[N_LIFTED];
} Bulk;

/* SQLite builds the value list of a CHECK (x IN (…)) constraint anew for every row it
 * checks on INSERT or UPDATE, even within one INSERT … SELECT: more than a third of
 * the cost of inserting a meeting. An import therefore writes its rows with the CHECK
 * constraints off and then checks the rows it wrote, each table in one SELECT (which
 * builds such a list once): a row that breaks one fails the import as it would have
 * on its own INSERT. The constraints checked are those of the schema itself, read
 * from the CREATE TABLE statements that SQLite keeps. */
static gboolean
defer_checks (TsuDatabase  *db,
              Bulk         *bulk,
              GError      **error)
{
  if (!tsu_database_exec (db, "PRAGMA ignore_check_constraints = ON", error))
    return FALSE;
  bulk->checks_deferred = TRUE;
  return TRUE;
}

/* Skips a string, a quoted name or a comment of SQL at @p; returns where it ends, or
 * @p when there is none at @p. */
static const char *
skip_sql_quoted (const char *p)
{
  const char *end;
  char close;

  switch (*p)
    {
    case '\'':
    case '"':
    case '`':
      close = *p;
      break;
    case '[':
      close = ']';
      break;
    case '-':
      if (p[1] != '-')
        return p;
      end = strchr (p, '\n');
      return end != NULL ? end : p + strlen (p);
    case '/':
      if (p[1] != '*')
        return p;
      end = strstr (p + 2, "*/");
      return end != NULL ? end + 2 : p + strlen (p);
    default:
      return p;
    }
  /* A doubled quote stands for itself. */
  for (p++; *p != '\0'; p++)
    if (*p == close && p[1] != close)
      return p + 1;
    else if (*p == close)
      p++;
  return p;
}

static gboolean
is_sql_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$' || (c & 0x80) != 0;
}

/* Appends to @where "NOT coalesce ((expression), 1)" for each CHECK constraint in
 * the CREATE TABLE statement @sql, joined by OR: true for a row that breaks one (a
 * CHECK fails when its expression is false, not when it is NULL). */
static void
append_checks (GString    *where,
               const char *sql)
{
  const char *p = sql;

  while (*p != '\0')
    {
      const char *after = skip_sql_quoted (p);
      const char *word;

      if (after != p)
        {
          p = after;
          continue;
        }
      if (!is_sql_name_char (*p))
        {
          p++;
          continue;
        }
      word = p;
      while (is_sql_name_char (*p))
        p++;
      if (p - word != 5 || g_ascii_strncasecmp (word, "CHECK", 5) != 0)
        continue;

      while (g_ascii_isspace (*p) || skip_sql_quoted (p) != p)
        p = g_ascii_isspace (*p) ? p + 1 : skip_sql_quoted (p);
      if (*p == '(')
        {
          const char *open = p;
          guint depth = 0;

          do
            {
              after = skip_sql_quoted (p);
              if (after != p)
                {
                  p = after;
                  continue;
                }
              depth += *p == '(';
              depth -= *p == ')';
              p++;
            }
          while (depth > 0 && *p != '\0');
          g_string_append_printf (where, "%sNOT coalesce (%.*s, 1)",
                                  where->len > 0 ? " OR " : "", (int) (p - open), open);
        }
    }
}

/* Runs @sql, a SELECT of the ids of the rows that break a CHECK constraint among
 * those chosen by @id: the set error when there is one. */
static gboolean
check_rows (TsuDatabase  *db,
            const char   *sql,
            gint64        id,
            const char   *table,
            GError      **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_debug ("An import broke a CHECK constraint of %s (row %" G_GINT64_FORMAT ")",
             table, (gint64) sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return set_stale (error);
  if (rc != SQLITE_DONE)
    return tsu_database_set_error (db, rc, error);
  return TRUE;
}

/* Checks the rows of @table the import added, and those it updated, against the
 * CHECK constraints of the table. */
static gboolean
check_table (TsuDatabase  *db,
             Bulk         *bulk,
             GPtrArray    *rows,
             Checked       table,
             GError      **error)
{
  const char *name = checked_tables[table];
  g_autoptr(GString) broken = g_string_new (NULL);
  g_autofree char *added = NULL;
  g_autofree char *updated = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = tsu_database_prepare (db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    append_checks (broken, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tsu_database_set_error (db, rc, error);
  if (broken->len == 0)
    return TRUE;

  added = g_strdup_printf ("SELECT id FROM %s WHERE id > ? AND (%s) LIMIT 1", name, broken->str);
  if (!check_rows (db, added, bulk->last_id[table], name, error))
    return FALSE;

  /* The older rows the import updated: meetings and their participants. */
  updated = g_strdup_printf ("SELECT id FROM %s WHERE id = ? AND (%s)", name, broken->str);
  for (guint i = 0; i < rows->len; i++)
    {
      TsuIcalPlanRow *row = rows->pdata[i];

      if (row->action != TSU_ICAL_ACTION_UPDATE)
        continue;
      if (table == CHECKED_MEETING && !check_rows (db, updated, row->existing_id, name, error))
        return FALSE;
      for (guint j = 0; table == CHECKED_PARTICIPANT && j < row->participants->len; j++)
        {
          gint64 id = tsu_record_get_id (row->participants->pdata[j]);

          if (id != 0 && !check_rows (db, updated, id, name, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Turns the CHECK constraints back on (also after a failure) and, when @verify,
 * checks what was written without them. */
static gboolean
end_deferred_checks (TsuDatabase  *db,
                     Bulk         *bulk,
                     GPtrArray    *rows,
                     gboolean      verify,
                     GError      **error)
{
  if (!bulk->checks_deferred)
    return TRUE;
  bulk->checks_deferred = FALSE;
  if (!tsu_database_exec (db, "PRAGMA ignore_check_constraints = OFF", verify ? error : NULL))
    return FALSE;
  for (guint i = 0; verify && i < N_CHECKED; i++)
    if (!check_table (db, bulk, rows, i, error))
      return FALSE;
  return TRUE;
}

/* What the transaction of a large import writes stays in memory until the commit:
 * with SQLite's default page cache (2 MB) it would be spilled to the file and read
 * back, again and again. */
#define BULK_CACHE_SIZE "-65536"

static gboolean
query_int (TsuDatabase  *db,
           const char   *sql,
           gint64       *value,
           GError      **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return tsu_database_set_error (db, rc, error);
  return TRUE;
}

static gboolean
trigger_is (TsuDatabase  *db,
            const char   *name,
            const char   *sql,
            gboolean     *same,
            GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *same = FALSE;
  stmt = tsu_database_prepare (db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                   "AND name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), sql) == 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tsu_database_set_error (db, rc, error);
  return TRUE;
}

static gboolean
begin_bulk (TsuDatabase  *db,
            Bulk         *bulk,
            GError      **error)
{
  gint64 calendars = 0;

  for (guint i = 0; i < N_CHECKED; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM %s", checked_tables[i]);

      if (!query_int (db, sql, &bulk->last_id[i], error))
        return FALSE;
    }
  if (!query_int (db, "SELECT EXISTS (SELECT 1 FROM caldav_calendar)", &calendars, error) ||
      !query_int (db, "PRAGMA cache_size", &bulk->cache_size, error) ||
      !tsu_database_exec (db, "PRAGMA cache_size = " BULK_CACHE_SIZE, error))
    return FALSE;
  bulk->cache_set = TRUE;

  for (guint i = 0; i < N_LIFTED; i++)
    {
      g_autofree char *drop = NULL;
      gboolean same;

      if (!trigger_is (db, lifted_triggers[i].name, lifted_triggers[i].sql, &same, error))
        return FALSE;
      if (!same || (lifted_triggers[i].without_calendar && calendars != 0))
        continue;
      drop = g_strdup_printf ("DROP TRIGGER %s", lifted_triggers[i].name);
      if (!tsu_database_exec (db, drop, error))
        return FALSE;
      bulk->lifted[i] = TRUE;
    }
  return TRUE;
}

static gboolean
exec_after (TsuDatabase  *db,
            const char   *sql,
            gint64        after,
            GError      **error)
{
  sqlite3_stmt *stmt = tsu_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tsu_database_set_error (db, rc, error);
  return TRUE;
}

/* Does for the rows the import added what the lifted triggers would have done, puts
 * the triggers back and writes the audit lines of the new rows. */
static gboolean
end_bulk (TsuStore  *store,
          Bulk      *bulk,
          GError   **error)
{
  TsuDatabase *db = tsu_store_get_database (store);

  if (bulk->lifted[LIFT_MEETING_SEARCH] &&
      !exec_after (db, "INSERT INTO search_doc (kind, ref_id, title, body) "
                       "SELECT 'meeting', id, coalesce (title, ''), "
                       "coalesce (location, '') || ' ' || coalesce (notes, '') "
                       "FROM meeting WHERE id > ? ORDER BY id",
                   bulk->last_id[CHECKED_MEETING], error))
    return FALSE;
  if (bulk->lifted[LIFT_SEARCH_INDEX] &&
      !exec_after (db, "INSERT INTO search_fts (rowid, title, body) "
                       "SELECT id, title, body FROM search_doc WHERE id > ?",
                   bulk->last_id[CHECKED_SEARCH_DOC], error))
    return FALSE;

  for (guint i = 0; i < N_LIFTED; i++)
    if (bulk->lifted[i] && !tsu_database_exec (db, lifted_triggers[i].sql, error))
      return FALSE;

  return tsu_store_bulk_audit (store, TSU_TYPE_MEETING, bulk->last_id[CHECKED_MEETING], error) &&
         tsu_store_bulk_audit (store, TSU_TYPE_PARTICIPANT, bulk->last_id[CHECKED_PARTICIPANT], error);
}

/* After the commit or the rollback. */
static void
restore_cache_size (TsuDatabase *db,
                    Bulk        *bulk)
{
  g_autofree char *pragma = NULL;

  if (!bulk->cache_set)
    return;
  bulk->cache_set = FALSE;
  pragma = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, bulk->cache_size);
  if (!tsu_database_exec (db, pragma, NULL))
    g_warning ("Could not restore the page cache size after an import");
}

/**
 * tsu_ical_import_apply:
 * @store: the store the plan was made for
 * @plan: a plan from tsu_ical_import_preview(), not applied yet
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes what @plan says in one transaction: all of it, or on any error (or when
 * cancelled) nothing. Series are written before their overridden occurrences. When
 * a meeting the plan updates was changed in the meantime, %TSU_ICAL_ERROR_STALE.
 * The store emits ::changed for each record in the calling thread.
 *
 * Returns: %TRUE when the plan was committed
 */
gboolean
tsu_ical_import_apply (TsuStore      *store,
                       TsuIcalPlan   *plan,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GHashTable) saved = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(TsuParticipant) new_participant = NULL;
  Scratch scratch = { 0 };
  TsuDatabase *db;
  gboolean ok = FALSE;
  GPtrArray *rows;
  Bulk bulk = { 0 };

  g_return_val_if_fail (TSU_IS_STORE (store), FALSE);
  g_return_val_if_fail (TSU_IS_ICAL_PLAN (plan), FALSE);
  g_return_val_if_fail (!tsu_ical_plan_get_applied (plan), FALSE);

  db = tsu_store_get_database (store);

  if (tsu_ical_plan_is_empty (plan))
    {
      tsu_ical_plan_set_applied (plan);
      return TRUE;
    }

  rows = tsu_ical_plan_get_rows (plan);
  new_participant = tsu_participant_new ();
  scratch.participant = new_participant;
  scratch.people = g_ptr_array_new_with_free_func (g_object_unref);
  scratch.people_rows = g_ptr_array_new ();
  for (guint i = 0; i < BATCH; i++)
    scratch.meetings[i] = TSU_RECORD (tsu_meeting_new ());
  if (!tsu_store_begin (store, error))
    goto out;
  if (!begin_bulk (db, &bulk, error) || !defer_checks (db, &bulk, error))
    goto fail;

  /* Series before their overridden occurrences, which need their ids. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < rows->len; i++)
        {
          TsuIcalPlanRow *row = rows->pdata[i];

          if (row->action == TSU_ICAL_ACTION_SKIP || (row->recurrence_id != 0) != (pass == 1))
            continue;
          if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          if (!apply_row (store, row, saved, &scratch, error))
            goto fail;
        }
      if (scratch.n_waiting > 0 && !flush_new (store, saved, &scratch, error))
        goto fail;
    }
  if (!end_bulk (store, &bulk, error))
    goto fail;
  if (!end_deferred_checks (db, &bulk, rows, TRUE, error))
    goto fail;
  ok = tsu_store_commit (store, error);
  if (ok)
    tsu_ical_plan_set_applied (plan);
  restore_cache_size (db, &bulk);
  goto out;

fail:
  tsu_store_rollback (store);
  end_deferred_checks (db, &bulk, rows, FALSE, NULL);
  restore_cache_size (db, &bulk);
out:
  for (guint i = 0; i < BATCH; i++)
    g_object_unref (scratch.meetings[i]);
  g_ptr_array_unref (scratch.people);
  g_ptr_array_unref (scratch.people_rows);
  return ok;
}
