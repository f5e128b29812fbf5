/* tsu-recurrence.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-recurrence"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "tsu-database.h"
#include "tsu-recurrence.h"

/* Recurrence expansion with libical. Rules are expanded in the meeting's own time zone
 * so that "every 2nd Tuesday at 14:00" stays at 14:00 local time. */

/* More occurrences than a person could mean: an endless daily rule over centuries. */
#define MAX_OCCURRENCES 100000

/* libical looks its built-in zones up one by one (600 string comparisons), and a month
 * view asks for the zone of every series: remember them (they live as long as the
 * process). */
G_LOCK_DEFINE_STATIC (zones);
static GHashTable *zones;

static icaltimezone *
zone_for (const char *tzid)
{
  icaltimezone *zone = NULL;

  if (tzid == NULL || *tzid == '\0')
    return icaltimezone_get_utc_timezone ();

  G_LOCK (zones);
  if (zones == NULL)
    zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  zone = g_hash_table_lookup (zones, tzid);
  G_UNLOCK (zones);
  if (zone != NULL)
    return zone;

  /* libical's built-in zones are looked up by location; the TZID form carries a prefix. */
  zone = icaltimezone_get_builtin_timezone (tzid);
  if (zone == NULL)
    return icaltimezone_get_utc_timezone ();

  G_LOCK (zones);
  g_hash_table_replace (zones, g_strdup (tzid), zone);
  G_UNLOCK (zones);
  return zone;
}

static struct icaltimetype
local_time (gint64        t,
            icaltimezone *zone,
            gboolean      all_day)
{
  struct icaltimetype tt;

  tt = icaltime_from_timet_with_zone ((time_t) t, 0, icaltimezone_get_utc_timezone ());
  tt = icaltime_convert_to_zone (tt, zone);
  if (all_day)
    {
      tt.is_date = 1;
      tt.hour = tt.minute = tt.second = 0;
    }
  return tt;
}

static gboolean iterate (const TsuRecurrence *recurrence,
                         gint64               skip_to,
                         gboolean           (*func) (gint64 start, gpointer data),
                         gpointer             data,
                         GError             **error);

static gboolean
parse_rule (const char                 *rrule,
            struct icalrecurrencetype  *recur,
            GError                    **error)
{
  if (rrule == NULL || *rrule == '\0')
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("The recurrence rule is empty."));
      return FALSE;
    }

  icalerror_clear_errno ();
  *recur = icalrecurrencetype_from_string (rrule);
  if (recur->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR)
    {
      icalerror_clear_errno ();
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("“%s” is not a recurrence rule Tsunagu understands."), rrule);
      return FALSE;
    }
  return TRUE;
}

static gboolean
first_occurrence (gint64   start,
                  gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return FALSE;
}

/**
 * tsu_recurrence_validate:
 *
 * Checks that libical reads @rrule and that it gives at least one occurrence (a rule
 * such as BYDAY=6TH parses but never occurs).
 */
gboolean
tsu_recurrence_validate (const char  *rrule,
                         GError     **error)
{
  TsuRecurrence r = { rrule, 1767225600 /* 2026-01-01 */, 0, "Asia/Tokyo", FALSE, NULL };
  gboolean occurs = FALSE;

  if (!iterate (&r, 0, first_occurrence, &occurs, error))
    return FALSE;
  if (!occurs)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("The recurrence rule “%s” never gives a meeting."), rrule);
      return FALSE;
    }
  return TRUE;
}

GArray *
tsu_recurrence_parse_exdates (const char *exdates)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *p = exdates;

  while (p != NULL && *p != '\0')
    {
      char *end = NULL;
      gint64 t = g_ascii_strtoll (p, &end, 10);

      if (end == p)
        break;
      g_array_append_val (starts, t);
      p = *end == ',' ? end + 1 : end;
    }
  return starts;
}

char *
tsu_recurrence_format_exdates (const gint64 *starts,
                               guint         n_starts)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_starts; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", starts[i]);
  return g_string_free (s, s->len == 0);
}

static gboolean
is_excluded (GArray *exdates,
             gint64  start)
{
  for (guint i = 0; i < exdates->len; i++)
    if (g_array_index (exdates, gint64, i) == start)
      return TRUE;
  return FALSE;
}

/* The own date arithmetic for the rules people actually write: libical (built with ICU)
 * creates an ICU calendar per iterator and recomputes all its fields at each step, which
 * costs ~0.3 ms a series, and a month view asks for hundreds of series. A rule is
 * expanded here period by period (day, week, month, year) as RFC 5545 describes, for
 * FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL, COUNT, UNTIL, WKST, BYDAY (ordinals
 * within a month), BYMONTHDAY and, for YEARLY, BYMONTH. Like libical it gives the
 * rule's days from DTSTART on, DTSTART itself only when it is one of them (RFC 5545
 * leaves an unsynchronised DTSTART undefined). UNTIL is compared with libical's own
 * icaltime_compare(). Any other rule goes to libical; test-recurrence holds the two
 * equal, occurrence by occurrence. */

/* Past this year libical's own limits (MAX_TIME_T_YEAR) apply: leave it to libical. */
#define FAST_MAX_YEAR 2400

typedef struct {
  int                 freq;
  int                 interval;
  int                 count;
  struct icaltimetype until;
  int                 week_start;   /* 0 = Sunday … 6 = Saturday */
  gboolean            has_by_day;
  guint8              every_day;    /* bit per weekday: BYDAY=MO without an ordinal */
  guint               n_nth;
  struct {
    gint8  position;                /* 1…5 or -1…-5 within the month */
    guint8 weekday;
  }                   nth[35];
  guint32             month_days;   /* bit d: BYMONTHDAY=d */
  guint32             month_days_from_end; /* bit d: BYMONTHDAY=-d */
  guint16             months;       /* bit m: BYMONTH=m */
} FastRule;

typedef enum {
  FAST_OCCURRENCE,
  FAST_END,
  FAST_GAVE_UP,
} FastStep;

typedef struct {
  FastRule            rule;
  icaltimezone       *zone;
  gboolean            fixed;        /* the zone keeps one offset: local time is arithmetic */
  int                 offset;
  struct icaltimetype dtstart;      /* local, in zone */
  struct icaltimetype istart;       /* local start of the walk, when skipping */
  gboolean            has_istart;
  gint64              first_day;    /* day number of DTSTART */
  gint64              period;       /* current day, week, month (y * 12 + m - 1) or year */
  gint64              days[372];    /* the rule's days in the current period, in order */
  guint               n_days;
  guint               i_day;
  int                 emitted;
} FastWalk;

/* Days since 1970-01-01 in the proleptic Gregorian calendar, and back. */
static gint64
day_number (gint64 y,
            int    m,
            int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_date (gint64  z,
            int    *year,
            int    *month,
            int    *day)
{
  gint64 era, doe, yoe, doy, mp, y;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (y + (*month <= 2));
}

/* 0 = Sunday, as libical's weekdays minus one. */
static int
weekday_of (gint64 z)
{
  return (int) (((z + 4) % 7 + 7) % 7);
}

static int
days_in_month (int y,
               int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

static gboolean
array_is_empty (const short *array)
{
  return array[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

/* Digests @recur when the own arithmetic covers it exactly. */
static gboolean
fast_rule_init (FastRule                        *rule,
                const struct icalrecurrencetype *recur)
{
  memset (rule, 0, sizeof *rule);

  if (recur->rscale != NULL ||
      recur->interval < 1 ||
      recur->count < 0 ||
      !array_is_empty (recur->by_second) ||
      !array_is_empty (recur->by_minute) ||
      !array_is_empty (recur->by_hour) ||
      !array_is_empty (recur->by_year_day) ||
      !array_is_empty (recur->by_week_no) ||
      !array_is_empty (recur->by_set_pos) ||
      recur->week_start < ICAL_SUNDAY_WEEKDAY || recur->week_start > ICAL_SATURDAY_WEEKDAY)
    return FALSE;

  switch (recur->freq)
    {
    case ICAL_DAILY_RECURRENCE:
    case ICAL_WEEKLY_RECURRENCE:
      if (!array_is_empty (recur->by_month_day) || !array_is_empty (recur->by_month))
        return FALSE;
      break;
    case ICAL_MONTHLY_RECURRENCE:
      if (!array_is_empty (recur->by_month))
        return FALSE;
      break;
    case ICAL_YEARLY_RECURRENCE:
      /* Without BYMONTH, BYDAY ordinals count within the year and BYMONTHDAY means
       * every month: libical's business. */
      if (array_is_empty (recur->by_month) &&
          (!array_is_empty (recur->by_day) || !array_is_empty (recur->by_month_day)))
        return FALSE;
      break;
    default:
      return FALSE;
    }

  rule->freq = recur->freq;
  rule->interval = recur->interval;
  rule->count = recur->count;
  rule->until = recur->until;
  rule->week_start = recur->week_start - 1;

  for (guint i = 0; i < ICAL_BY_DAY_SIZE && recur->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    {
      int weekday = icalrecurrencetype_day_day_of_week (recur->by_day[i]);
      int position = icalrecurrencetype_day_position (recur->by_day[i]);

      if (weekday < ICAL_SUNDAY_WEEKDAY || weekday > ICAL_SATURDAY_WEEKDAY)
        return FALSE;
      rule->has_by_day = TRUE;
      if (position == 0)
        rule->every_day |= 1 << (weekday - 1);
      else if (recur->freq == ICAL_DAILY_RECURRENCE || recur->freq == ICAL_WEEKLY_RECURRENCE ||
               position < -5 || position > 5 || rule->n_nth == G_N_ELEMENTS (rule->nth))
        return FALSE;
      else
        {
          rule->nth[rule->n_nth].position = position;
          rule->nth[rule->n_nth].weekday = weekday - 1;
          rule->n_nth++;
        }
    }

  for (guint i = 0; i < ICAL_BY_MONTHDAY_SIZE && recur->by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    {
      int d = recur->by_month_day[i];

      if (d >= 1 && d <= 31)
        rule->month_days |= 1u << d;
      else if (d <= -1 && d >= -31)
        rule->month_days_from_end |= 1u << -d;
      else
        return FALSE;
    }

  for (guint i = 0; i < ICAL_BY_MONTH_SIZE && recur->by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    {
      int m = recur->by_month[i];

      if (m < 1 || m > 12)
        return FALSE;
      rule->months |= 1 << m;
    }

  return TRUE;
}

static gboolean
fast_rule_takes_weekday (const FastRule *rule,
                         int             weekday,
                         int             day,
                         int             n_days)
{
  if (rule->every_day & (1 << weekday))
    return TRUE;
  for (guint i = 0; i < rule->n_nth; i++)
    if (rule->nth[i].weekday == weekday &&
        (rule->nth[i].position > 0 ? (day - 1) / 7 + 1 == rule->nth[i].position
                                   : (n_days - day) / 7 + 1 == -rule->nth[i].position))
      return TRUE;
  return FALSE;
}

/* Appends the rule's days of one month; @default_day stands in for BYMONTHDAY and
 * BYDAY when the rule has neither (DTSTART's day). */
static void
fast_month_days (FastWalk *walk,
                 int       y,
                 int       m,
                 int       default_day)
{
  const FastRule *rule = &walk->rule;
  int n_days = days_in_month (y, m);
  gint64 first = day_number (y, m, 1);
  int first_weekday = weekday_of (first);

  /* Only "the 2nd Tuesday"s, the common case: place them directly. */
  if (rule->n_nth > 0 && rule->every_day == 0 &&
      rule->month_days == 0 && rule->month_days_from_end == 0)
    {
      guint32 taken = 0;

      for (guint i = 0; i < rule->n_nth; i++)
        {
          int first_day = 1 + (rule->nth[i].weekday - first_weekday + 7) % 7;
          int d = rule->nth[i].position > 0
                  ? first_day + 7 * (rule->nth[i].position - 1)
                  : first_day + 7 * ((n_days - first_day) / 7) + 7 * (rule->nth[i].position + 1);

          if (d >= 1 && d <= n_days)
            taken |= 1u << d;
        }
      for (int d = 1; taken != 0 && d <= n_days; d++)
        if (taken & (1u << d))
          walk->days[walk->n_days++] = first + d - 1;
      return;
    }

  for (int d = 1; d <= n_days; d++)
    {
      gboolean takes;

      if (rule->month_days != 0 || rule->month_days_from_end != 0)
        takes = (rule->month_days & (1u << d)) != 0 ||
                (rule->month_days_from_end & (1u << (n_days + 1 - d))) != 0;
      else
        takes = rule->has_by_day || d == default_day;
      if (takes && rule->has_by_day)
        takes = fast_rule_takes_weekday (rule, (first_weekday + d - 1) % 7, d, n_days);
      if (takes)
        walk->days[walk->n_days++] = first + d - 1;
    }
}

static gint64
fast_period_of (const FastWalk *walk,
                gint64          day)
{
  int y, m, d;

  switch (walk->rule.freq)
    {
    case ICAL_DAILY_RECURRENCE:
      return day;
    case ICAL_WEEKLY_RECURRENCE:
      /* Day 4 (1970-01-05) is a Monday; weeks start on WKST. */
      return floor_div (day - (walk->rule.week_start + 3), 7);
    case ICAL_MONTHLY_RECURRENCE:
      civil_date (day, &y, &m, &d);
      return (gint64) y * 12 + m - 1;
    default:
      civil_date (day, &y, &m, &d);
      return y;
    }
}

/* Fills walk->days with the rule's days of the current period. */
static void
fast_expand_period (FastWalk *walk)
{
  const FastRule *rule = &walk->rule;
  guint8 weekdays;

  walk->n_days = 0;
  walk->i_day = 0;

  switch (rule->freq)
    {
    case ICAL_DAILY_RECURRENCE:
      if (!rule->has_by_day || (rule->every_day & (1 << weekday_of (walk->period))))
        walk->days[walk->n_days++] = walk->period;
      break;
    case ICAL_WEEKLY_RECURRENCE:
      weekdays = rule->has_by_day ? rule->every_day : 1 << weekday_of (walk->first_day);
      for (int i = 0; i < 7; i++)
        {
          gint64 day = walk->period * 7 + rule->week_start + 3 + i;

          if (weekdays & (1 << weekday_of (day)))
            walk->days[walk->n_days++] = day;
        }
      break;
    case ICAL_MONTHLY_RECURRENCE:
      fast_month_days (walk, (int) floor_div (walk->period, 12),
                       (int) (walk->period - floor_div (walk->period, 12) * 12) + 1,
                       walk->dtstart.day);
      break;
    default:
      for (int m = 1; m <= 12; m++)
        if (rule->months == 0 ? m == walk->dtstart.month : (rule->months & (1 << m)) != 0)
          fast_month_days (walk, (int) walk->period, m, walk->dtstart.day);
      break;
    }
}

/* libical's iterator sets each occurrence on an ICU calendar in the meeting's zone,
 * which moves a wall time that daylight saving skips (02:30 on the morning clocks
 * spring forward) past the gap and, for some rules, keeps the later hour for every
 * occurrence after it, even when only a day it stepped over had the gap. Timed series
 * are therefore expanded here only in zones that keep one offset from 1970 on (Japan,
 * UTC, India, …), where local time is plain arithmetic too; the others stay with
 * libical. Checked once per zone, in the system's time zone database, or where it
 * lacks the zone in libical's, every 15 days up to 2100 (no offset zones ever used
 * lasted less). */
typedef struct {
  gboolean fixed;
  int      offset;   /* seconds east of UTC */
} ZoneOffset;

G_LOCK_DEFINE_STATIC (zone_offsets);
static GHashTable *zone_offsets;

static ZoneOffset
zone_offset (icaltimezone *zone)
{
  ZoneOffset *known;
  ZoneOffset found = { TRUE, 0 };
  icaltimezone *utc = icaltimezone_get_utc_timezone ();

  G_LOCK (zone_offsets);
  if (zone_offsets == NULL)
    zone_offsets = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  known = g_hash_table_lookup (zone_offsets, zone);
  if (known != NULL)
    found = *known;
  G_UNLOCK (zone_offsets);
  if (known != NULL)
    return found;

  if (zone != utc)
    {
      const char *location = icaltimezone_get_location (zone);
      GTimeZone *tz = location != NULL ? g_time_zone_new_identifier (location) : NULL;

      if (tz != NULL)
        {
          /* The system's time zone database: one interval from 1970 to 2100 is one
           * offset. Asking libical instead means expanding the zone to 2100 (about
           * 2 ms of every start). */
          int first = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, 0);

          found.fixed = first >= 0 &&
                        g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, G_GINT64_CONSTANT (4102444800)) == first;
          found.offset = first >= 0 ? g_time_zone_get_offset (tz, first) : 0;
          g_time_zone_unref (tz);
        }
      else
        {
          struct icaltimetype tt = icaltime_from_timet_with_zone (0, 0, utc);

          found.offset = icaltimezone_get_utc_offset_of_utc_time (zone, &tt, NULL);
          for (gint64 t = 0; found.fixed && t < G_GINT64_CONSTANT (4102444800); t += 15 * 86400)
            {
              tt = icaltime_from_timet_with_zone ((time_t) t, 0, utc);
              found.fixed = icaltimezone_get_utc_offset_of_utc_time (zone, &tt, NULL) == found.offset;
            }
        }
    }

  G_LOCK (zone_offsets);
  g_hash_table_replace (zone_offsets, zone, g_memdup2 (&found, sizeof found));
  G_UNLOCK (zone_offsets);
  return found;
}

/* Rules digested once: a month view reads the same few dozen rules for hundreds of
 * series. Bounded, for imports of many distinct rules. */
typedef struct {
  gboolean simple;
  FastRule rule;
} KnownRule;

G_LOCK_DEFINE_STATIC (known_rules);
static GHashTable *known_rules;

static gboolean
fast_rule_for (const char *rrule,
               FastRule   *rule)
{
  struct icalrecurrencetype recur;
  KnownRule *known;
  KnownRule found;

  if (rrule == NULL)
    return FALSE;

  G_LOCK (known_rules);
  if (known_rules == NULL)
    known_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  known = g_hash_table_lookup (known_rules, rrule);
  if (known != NULL)
    found = *known;
  G_UNLOCK (known_rules);
  if (known != NULL)
    {
      *rule = found.rule;
      return found.simple;
    }

  if (!parse_rule (rrule, &recur, NULL))
    return FALSE;
  found.simple = fast_rule_init (&found.rule, &recur);

  G_LOCK (known_rules);
  if (g_hash_table_size (known_rules) >= 4096)
    g_hash_table_remove_all (known_rules);
  g_hash_table_replace (known_rules, g_strdup (rrule), g_memdup2 (&found, sizeof found));
  G_UNLOCK (known_rules);

  *rule = found.rule;
  return found.simple;
}

/* Local time of @t in the walk's zone, as local_time() gives it. */
static struct icaltimetype
fast_local_time (const FastWalk *walk,
                 gint64          t,
                 gboolean        all_day)
{
  struct icaltimetype tt = icaltime_null_time ();
  gint64 local, day;
  int y, m, d;

  if (!walk->fixed)
    return local_time (t, walk->zone, all_day);

  local = t + walk->offset;
  day = floor_div (local, 86400);
  civil_date (day, &y, &m, &d);
  tt.year = y;
  tt.month = m;
  tt.day = d;
  tt.zone = walk->zone;
  if (all_day)
    tt.is_date = 1;
  else
    {
      gint64 seconds = local - day * 86400;

      tt.hour = (int) (seconds / 3600);
      tt.minute = (int) (seconds / 60 % 60);
      tt.second = (int) (seconds % 60);
    }
  return tt;
}

/* The Unix time of a local time, as icaltime_as_timet_with_zone() gives it. */
static gint64
fast_unix_time (const FastWalk      *walk,
                struct icaltimetype  tt)
{
  if (!walk->fixed)
    return icaltime_as_timet_with_zone (tt, walk->zone);
  return day_number (tt.year, tt.month, tt.day) * 86400 +
         (tt.is_date ? 0 : tt.hour * 3600 + tt.minute * 60 + tt.second) - walk->offset;
}

/* Sets the walk up at DTSTART, or at the period holding @skip_to where libical would
 * jump there too (icalrecur_iterator_set_start: not for counted rules, and only before
 * UNTIL). FALSE when the rule is not one the own arithmetic covers or the zone has
 * daylight saving for a timed series. */
static gboolean
fast_walk_init (FastWalk            *walk,
                const FastRule      *rule,
                icaltimezone        *zone,
                const TsuRecurrence *recurrence,
                gint64               skip_to)
{
  ZoneOffset offset = zone_offset (zone);
  gint64 first_period;

  if (recurrence->dtstart < 0 || (!recurrence->all_day && !offset.fixed))
    return FALSE;

  walk->rule = *rule;
  walk->zone = zone;
  walk->fixed = offset.fixed;
  walk->offset = offset.offset;
  walk->dtstart = fast_local_time (walk, recurrence->dtstart, recurrence->all_day);
  if (walk->dtstart.year > FAST_MAX_YEAR)
    return FALSE;
  walk->first_day = day_number (walk->dtstart.year, walk->dtstart.month, walk->dtstart.day);
  walk->period = first_period = fast_period_of (walk, walk->first_day);
  walk->emitted = 0;

  fast_expand_period (walk);

  walk->has_istart = skip_to > recurrence->dtstart && rule->count == 0 &&
                     (icaltime_is_null_time (rule->until) ||
                      skip_to < icaltime_as_timet_with_zone (rule->until, icaltime_is_utc (rule->until) ? icaltimezone_get_utc_timezone () : zone));
  if (walk->has_istart)
    {
      gint64 target;

      walk->istart = fast_local_time (walk, skip_to, recurrence->all_day);
      if (walk->istart.year > FAST_MAX_YEAR)
        return FALSE;
      target = fast_period_of (walk, day_number (walk->istart.year, walk->istart.month, walk->istart.day));
      if (target > first_period)
        {
          walk->period = first_period + (target - first_period) / walk->rule.interval * walk->rule.interval;
          fast_expand_period (walk);
        }
    }
  return TRUE;
}

static FastStep
fast_walk_next (FastWalk *walk,
                gint64   *start)
{
  while (TRUE)
    {
      struct icaltimetype tt;
      int y, m, d;

      while (walk->i_day == walk->n_days)
        {
          walk->period += walk->rule.interval;
          fast_expand_period (walk);
          if (walk->n_days == 0)
            {
              /* Periods without a day of the rule (BYMONTHDAY=31, Feb 29) go on; give
               * the rule to libical when it would walk past its horizon. */
              gint64 next = walk->period;

              if ((walk->rule.freq == ICAL_YEARLY_RECURRENCE && next > FAST_MAX_YEAR) ||
                  (walk->rule.freq == ICAL_MONTHLY_RECURRENCE && next / 12 > FAST_MAX_YEAR))
                return FAST_GAVE_UP;
            }
        }

      if (walk->rule.count > 0 && walk->emitted >= walk->rule.count)
        return FAST_END;

      civil_date (walk->days[walk->i_day++], &y, &m, &d);
      if (y > FAST_MAX_YEAR)
        return FAST_GAVE_UP;
      tt = walk->dtstart;
      tt.year = y;
      tt.month = m;
      tt.day = d;

      if (!icaltime_is_null_time (walk->rule.until) && icaltime_compare (tt, walk->rule.until) > 0)
        return FAST_END;
      if (icaltime_compare (tt, walk->has_istart ? walk->istart : walk->dtstart) < 0)
        continue;

      walk->emitted++;
      *start = fast_unix_time (walk, tt);
      return FAST_OCCURRENCE;
    }
}

/* Calls @func for each occurrence start in order until it returns FALSE; @use_libical
 * skips the own arithmetic (for the tests that hold both equal). */
static gboolean
iterate_full (const TsuRecurrence *recurrence,
              gint64               skip_to,
              gboolean             use_libical,
              gboolean           (*func) (gint64 start, gpointer data),
              gpointer             data,
              GError             **error)
{
  struct icalrecurrencetype recur;
  icalrecur_iterator *iter;
  icaltimezone *zone;
  struct icaltimetype dtstart, next;
  FastRule rule;
  guint n = 0;
  guint delivered = 0;

  zone = zone_for (recurrence->tzid);

  if (!use_libical && fast_rule_for (recurrence->rrule, &rule))
    {
      FastWalk walk;

      if (fast_walk_init (&walk, &rule, zone, recurrence, skip_to))
        {
          gint64 start;
          FastStep step;

          while (n < MAX_OCCURRENCES && (step = fast_walk_next (&walk, &start)) == FAST_OCCURRENCE)
            {
              n++;
              delivered++;
              if (!func (start, data))
                return TRUE;
            }
          if (n >= MAX_OCCURRENCES || step == FAST_END)
            return TRUE;
          /* Gave up past its horizon: libical goes on after what was delivered. */
          n = 0;
        }
    }

  if (!parse_rule (recurrence->rrule, &recur, error))
    return FALSE;

  dtstart = local_time (recurrence->dtstart, zone, recurrence->all_day);
  iter = icalrecur_iterator_new (recur, dtstart);
  if (iter == NULL)
    {
      icalerror_clear_errno ();
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("“%s” is not a recurrence rule Tsunagu understands."), recurrence->rrule);
      return FALSE;
    }

  /* Jump close to the range instead of walking every occurrence since the first: a
   * ten-year-old monthly council would cost a hundred steps per query. libical cannot
   * do this for counted rules, and only within DTSTART..UNTIL. */
  if (skip_to > recurrence->dtstart && recur.count == 0 &&
      (icaltime_is_null_time (recur.until) ||
       skip_to < icaltime_as_timet_with_zone (recur.until, icaltime_is_utc (recur.until) ? icaltimezone_get_utc_timezone () : zone)))
    icalrecur_iterator_set_start (iter, local_time (skip_to, zone, recurrence->all_day));

  for (next = icalrecur_iterator_next (iter);
       !icaltime_is_null_time (next) && n < MAX_OCCURRENCES;
       next = icalrecur_iterator_next (iter), n++)
    {
      gint64 start;

      if (n < delivered)
        continue;
      next.zone = zone;
      start = icaltime_as_timet_with_zone (next, zone);
      if (!func (start, data))
        break;
    }

  icalrecur_iterator_free (iter);
  return TRUE;
}

static gboolean
iterate (const TsuRecurrence *recurrence,
         gint64               skip_to,
         gboolean           (*func) (gint64 start, gpointer data),
         gpointer             data,
         GError             **error)
{
  return iterate_full (recurrence, skip_to, FALSE, func, data, error);
}

typedef struct {
  const TsuRecurrence *recurrence;
  GArray *exdates;
  GArray *starts;
  gint64 from;
  gint64 to;
} ExpandData;

static gboolean
expand_one (gint64   start,
            gpointer user_data)
{
  ExpandData *d = user_data;

  if (start >= d->to)
    return FALSE;
  if (start + MAX (d->recurrence->duration, 1) > d->from && !is_excluded (d->exdates, start))
    g_array_append_val (d->starts, start);
  return TRUE;
}

static GArray *
expand_full (const TsuRecurrence  *recurrence,
             gint64                from,
             gint64                to,
             gboolean              use_libical,
             GError              **error)
{
  g_autoptr(GArray) exdates = tsu_recurrence_parse_exdates (recurrence->exdates);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  ExpandData data = { recurrence, exdates, starts, from, to };

  if (!iterate_full (recurrence, from - MAX (recurrence->duration, 0) - 24 * 3600, use_libical,
                     expand_one, &data, error))
    return NULL;
  return g_steal_pointer (&starts);
}

/**
 * tsu_recurrence_expand:
 * @recurrence: the rule and its anchor
 * @from: start of the range, Unix seconds
 * @to: end of the range (exclusive)
 * @error: set when the rule cannot be read
 *
 * Returns: (transfer full) (nullable): the starts (gint64) of the occurrences that
 *   overlap the range, excluded dates left out, in order
 */
GArray *
tsu_recurrence_expand (const TsuRecurrence  *recurrence,
                       gint64                from,
                       gint64                to,
                       GError              **error)
{
  return expand_full (recurrence, from, to, FALSE, error);
}

/**
 * tsu_recurrence_expand_with_libical:
 *
 * As tsu_recurrence_expand(), always through libical's iterator, never the own date
 * arithmetic: for the tests that hold the two equal.
 *
 * Returns: (transfer full) (nullable): the starts (gint64) of the occurrences
 */
GArray *
tsu_recurrence_expand_with_libical (const TsuRecurrence  *recurrence,
                                    gint64                from,
                                    gint64                to,
                                    GError              **error)
{
  return expand_full (recurrence, from, to, TRUE, error);
}

/**
 * tsu_recurrence_is_simple:
 *
 * Whether the own date arithmetic expands @recurrence (otherwise libical does).
 */
gboolean
tsu_recurrence_is_simple (const TsuRecurrence *recurrence)
{
  FastRule rule;
  FastWalk walk;

  g_return_val_if_fail (recurrence != NULL, FALSE);

  return fast_rule_for (recurrence->rrule, &rule) &&
         fast_walk_init (&walk, &rule, zone_for (recurrence->tzid), recurrence, 0);
}

typedef struct {
  gint64 last;
  guint  n;
} LastData;

static gboolean
remember_last (gint64   start,
               gpointer user_data)
{
  LastData *d = user_data;

  d->last = start;
  d->n++;
  return TRUE;
}

/**
 * tsu_recurrence_get_last_end:
 * @recurrence: the rule and its anchor
 * @last_end: (out): the end of the last occurrence, or -1 when the rule never ends
 * @error: set when the rule cannot be read
 */
gboolean
tsu_recurrence_get_last_end (const TsuRecurrence  *recurrence,
                             gint64               *last_end,
                             GError              **error)
{
  struct icalrecurrencetype recur;
  LastData last = { recurrence->dtstart, 0 };

  if (!parse_rule (recurrence->rrule, &recur, error))
    return FALSE;

  if (recur.count == 0 && icaltime_is_null_time (recur.until))
    {
      *last_end = -1;
      return TRUE;
    }

  if (!iterate (recurrence, 0, remember_last, &last, error))
    return FALSE;
  /* More occurrences than are ever walked: as good as endless, and expanded as such
   * (always within the range asked for). */
  *last_end = last.n >= MAX_OCCURRENCES ? -1 : last.last + recurrence->duration;
  return TRUE;
}
