/* tsu-contact-check.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-contact-check"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tsu-contact-check.h"

/* What the directory and case forms accept: the same rules as the CSV import, so that
 * a record typed in and one imported meet the same bar. A Japanese input method types
 * full-width digits and hyphens (０４８－１２３), which are taken as their ASCII forms. */

/**
 * tsu_contact_normalize:
 * @text: (nullable): what was typed
 *
 * Returns: (transfer full) (nullable): @text in NFKC without surrounding blanks, or
 *   %NULL when nothing is left
 */
char *
tsu_contact_normalize (const char *text)
{
  g_autofree char *normal = NULL;

  if (text == NULL)
    return NULL;
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normal == NULL)
    return NULL;
  /* NFKC leaves the full-width "ー" and "−" of some input methods as they are. */
  {
    GString *out = g_string_new (NULL);

    for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c == 0x2212 || c == 0x30FC || c == 0x2010 || c == 0x2015 || c == 0x2013)
          g_string_append_c (out, '-');
        else
          g_string_append_unichar (out, c);
      }
    g_free (normal);
    normal = g_string_free (out, FALSE);
  }
  g_strstrip (normal);
  if (*normal == '\0')
    return NULL;
  return g_steal_pointer (&normal);
}

/**
 * tsu_contact_check_phone:
 * @phone: (nullable): a normalized phone or fax number
 *
 * Returns: (nullable): why @phone is not a phone number, or %NULL when it is one or empty
 */
const char *
tsu_contact_check_phone (const char *phone)
{
  guint digits = 0;

  if (phone == NULL || *phone == '\0')
    return NULL;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr ("-+() ", *p) == NULL)
        return _("Use digits, hyphens and parentheses only, such as 048-123-4567.");
    }
  if (digits < 6 || digits > 15)
    return _("A phone number has 6 to 15 digits, such as 048-123-4567.");
  return NULL;
}

/**
 * tsu_contact_check_email:
 *
 * Returns: (nullable): why @email is not an e-mail address, or %NULL
 */
const char *
tsu_contact_check_email (const char *email)
{
  const char *at;

  if (email == NULL || *email == '\0')
    return NULL;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL ||
      strchr (at + 1, '.') == NULL || strpbrk (email, " \t,;") != NULL ||
      g_str_has_suffix (email, "."))
    return _("Enter an address such as name@example.jp.");
  return NULL;
}

/**
 * tsu_contact_check_date:
 *
 * Returns: (nullable): why @date is not a date written YYYY-MM-DD, or %NULL
 */
const char *
tsu_contact_check_date (const char *date)
{
  int y, m, d;
  char tail;

  if (date == NULL || *date == '\0')
    return NULL;
  if (sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (date) != 10 ||
      !g_date_valid_dmy (d, m, y))
    return _("Enter a date as year-month-day, such as 2026-04-01.");
  return NULL;
}

/**
 * tsu_contact_age_on:
 * @birth_date: (nullable): YYYY-MM-DD
 * @day: the day to count to
 *
 * Returns: the age in whole years on @day, or -1 when @birth_date is not a date
 */
int
tsu_contact_age_on (const char *birth_date,
                    GDateTime  *day)
{
  int y, m, d, age;

  if (birth_date == NULL || tsu_contact_check_date (birth_date) != NULL || *birth_date == '\0')
    return -1;
  sscanf (birth_date, "%4d-%2d-%2d", &y, &m, &d);
  age = g_date_time_get_year (day) - y;
  if (g_date_time_get_month (day) < m ||
      (g_date_time_get_month (day) == m && g_date_time_get_day_of_month (day) < d))
    age--;
  return MAX (age, -1);
}
