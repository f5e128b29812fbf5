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

#include "tsu-database.h"
#include "tsu-recurrence.h"

/* Recurrence expansion with libical. Rules are expanded in the meeting's own time zone
 * so that "every 2nd Tuesday at 14:00" stays at 14:00 local time. */

/* More occurrences than a person could mean: an endless daily rule over centuries. */
#define MAX_OCCURRENCES 100000

static icaltimezone *
zone_for (const char *tzid)
{
  icaltimezone *zone = NULL;

  /* libical's built-in zones are looked up by location; the TZID form carries a prefix. */
  if (tzid != NULL && *tzid != '\0')
    zone = icaltimezone_get_builtin_timezone (tzid);
  return zone != NULL ? zone : icaltimezone_get_utc_timezone ();
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

/* Calls @func for each occurrence start in order until it returns FALSE. */
static gboolean
iterate (const TsuRecurrence *recurrence,
         gint64               skip_to,
         gboolean           (*func) (gint64 start, gpointer data),
         gpointer             data,
         GError             **error)
{
  struct icalrecurrencetype recur;
  icalrecur_iterator *iter;
  icaltimezone *zone;
  struct icaltimetype next;
  guint n = 0;

  if (!parse_rule (recurrence->rrule, &recur, error))
    return FALSE;

  zone = zone_for (recurrence->tzid);
  iter = icalrecur_iterator_new (recur, local_time (recurrence->dtstart, zone, recurrence->all_day));
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

      next.zone = zone;
      start = icaltime_as_timet_with_zone (next, zone);
      if (!func (start, data))
        break;
    }

  icalrecur_iterator_free (iter);
  return TRUE;
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
  g_autoptr(GArray) exdates = tsu_recurrence_parse_exdates (recurrence->exdates);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  ExpandData data = { recurrence, exdates, starts, from, to };

  if (!iterate (recurrence, from - MAX (recurrence->duration, 0) - 24 * 3600, expand_one, &data, error))
    return NULL;
  return g_steal_pointer (&starts);
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
