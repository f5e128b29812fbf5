/* tsu-date-entry.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-date-entry"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tsu-contact-check.h"
#include "tsu-date-entry.h"
#include "tsunagu-core.h"
#include "tsu-format.h"
#include "tsu-settings.h"

/* A form row for a date: typed (2026-04-01, 2026/4/1, 2026年4月1日, 令和8年4月1日,
 * R8.4.1, full-width digits from an input method) or picked on a calendar behind the
 * button at the end of the row. The day written out stands beside what was typed, in
 * the Japanese era when the window is in Japanese and the date style is "era", so
 * that a mistyped year shows at once. Dates are kept as YYYY-MM-DD, as the store
 * keeps them. */

struct _TsuDateEntry
{
  AdwEntryRow     parent_instance;

  GtkMenuButton  *button;
  GtkCalendar    *calendar;
  GtkLabel       *hint;
  GtkPopover     *popover;
  gboolean        syncing;
  gboolean        clicked;
};

G_DEFINE_FINAL_TYPE (TsuDateEntry, tsu_date_entry, ADW_TYPE_ENTRY_ROW)

typedef struct {
  const char *prefix;
  int         first_year;   /* the Gregorian year that is 元年 */
  int         month;        /* the era's first day */
  int         day;
} EraStart;

/* Longer prefixes first: "明治" before "M". */
static const EraStart era_starts[] = {
  { "令和", 2019, 5, 1 },
  { "平成", 1989, 1, 8 },
  { "昭和", 1926, 12, 25 },
  { "大正", 1912, 7, 30 },
  { "明治", 1868, 1, 1 },
  { "R", 2019, 5, 1 },
  { "H", 1989, 1, 8 },
  { "S", 1926, 12, 25 },
  { "T", 1912, 7, 30 },
  { "M", 1868, 1, 1 },
};

/* Helpers */

static const char *
bad_date_message (void)
{
  /* Translators: keep the Japanese-era example as it is */
  return _("Enter a date such as 2026-04-01 or 令和8年4月1日.");
}

static gboolean
window_in_japanese (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] != NULL && g_str_has_prefix (languages[0], "ja");
}

/* The numbers of @text in order; 元 (the first year of an era) counts as 1. */
static guint
read_numbers (const char *text,
              int         numbers[3],
              gboolean   *trailing)
{
  guint n = 0;
  const char *p = text;

  *trailing = FALSE;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (*p))
        {
          gint64 value = 0;
          guint digits = 0;

          while (g_ascii_isdigit (*p))
            {
              value = value * 10 + (*p - '0');
              digits++;
              p++;
            }
          if (n == 3 || digits > 8)
            return 0;
          numbers[n++] = (int) value;
          continue;
        }
      if (c == 0x5143 /* 元 */)
        {
          if (n != 0)
            return 0;
          numbers[n++] = 1;
        }
      else if (c == 0x65E5 /* 日 */)
        *trailing = TRUE;
      else if (c != 0x5E74 /* 年 */ && c != 0x6708 /* 月 */ && c != '/' && c != '.' &&
               c != '-' && c != ' ' && c != ',' && c != 0x3001 /* 、 */)
        return 0;
      else if (*trailing)
        return 0;
      p = g_utf8_next_char (p);
    }
  return n;
}

static void
update_hint (TsuDateEntry *self)
{
  g_autofree char *date = tsu_date_entry_parse (gtk_editable_get_text (GTK_EDITABLE (self)), NULL);
  g_autofree char *text = date != NULL ? tsu_date_entry_describe (date) : NULL;

  gtk_label_set_text (self->hint, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint), text != NULL);
}

/* What was typed, written as the store keeps it, once it is a date. */
static void
normalize_text (TsuDateEntry *self)
{
  g_autofree char *date = tsu_date_entry_parse (gtk_editable_get_text (GTK_EDITABLE (self)), NULL);

  if (date != NULL && g_strcmp0 (date, gtk_editable_get_text (GTK_EDITABLE (self))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), date);
}

/* Callbacks */

static void
changed_cb (TsuDateEntry *self)
{
  update_hint (self);
}

static void
popover_show_cb (TsuDateEntry *self)
{
  g_autofree char *date = tsu_date_entry_parse (gtk_editable_get_text (GTK_EDITABLE (self)), NULL);
  g_autoptr(GDateTime) day = NULL;

  if (date != NULL)
    {
      int y, m, d;

      sscanf (date, "%4d-%2d-%2d", &y, &m, &d);
      day = g_date_time_new (tsu_format_get_time_zone (), y, m, d, 0, 0, 0);
    }
  if (day == NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();

      day = tsu_format_local_time (g_date_time_to_unix (utc));
    }
  self->syncing = TRUE;
  self->clicked = FALSE;
  gtk_calendar_select_day (self->calendar, day);
  self->syncing = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
day_selected_cb (TsuDateEntry *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;

  if (self->syncing)
    return;
  day = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (day, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  /* A click on a day picks it; arrow keys only move through the month. */
  if (self->clicked)
    {
      self->clicked = FALSE;
      gtk_popover_popdown (self->popover);
    }
}

static void
calendar_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     TsuDateEntry    *self)
{
  self->clicked = TRUE;
}

static void
calendar_cancel_cb (GtkGesture       *gesture,
                    GdkEventSequence *sequence,
                    TsuDateEntry     *self)
{
  self->clicked = FALSE;
}

static gboolean
calendar_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         TsuDateEntry          *self)
{
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      day_selected_cb (self);
      gtk_popover_popdown (self->popover);
      return TRUE;
    }
  return FALSE;
}

static void
today_clicked_cb (TsuDateEntry *self)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) now = tsu_format_local_time (g_date_time_to_unix (utc));
  g_autofree char *text = g_date_time_format (now, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self), text);
  gtk_popover_popdown (self->popover);
}

static void
focus_leave_cb (TsuDateEntry *self)
{
  /* Not while the form closes: its handlers may have let go of their fields. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    normalize_text (self);
}

/* Overrides */

static void
tsu_date_entry_class_init (TsuDateEntryClass *klass)
{
}

static void
tsu_date_entry_init (TsuDateEntry *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *today = gtk_button_new_with_mnemonic (_("_Today"));
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
  gtk_widget_set_valign (GTK_WIDGET (self->hint), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self->hint), FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->hint));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), today);
  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a date"), -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->button));

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (calendar_pressed_cb), self);
  g_signal_connect (click, "cancel", G_CALLBACK (calendar_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (key, "key-pressed", G_CALLBACK (calendar_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), key);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (popover_show_cb), self);
  g_signal_connect_swapped (today, "clicked", G_CALLBACK (today_clicked_cb), self);

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);
  g_signal_connect_swapped (self, "entry-activated", G_CALLBACK (normalize_text), self);
}

/* Public API */

GtkWidget *
tsu_date_entry_new (const char *title)
{
  return g_object_new (TSU_TYPE_DATE_ENTRY, "title", title, "use-underline", TRUE, NULL);
}

/**
 * tsu_date_entry_parse:
 * @text: (nullable): what was typed
 * @problem: (out) (optional) (transfer none): why @text is not a date
 *
 * Reads a date written YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYYMMDD, YYYY年M月D日, or in a
 * Japanese era: 令和8年4月1日, 令和元年5月1日, R8.4.1, H31/4/30. Full-width digits
 * and the one-character era signs (㋿) are taken as their plain forms.
 *
 * Returns: (transfer full) (nullable): the date as YYYY-MM-DD; %NULL when @text is
 *   empty (@problem stays %NULL) or not a date (@problem says why)
 */
char *
tsu_date_entry_parse (const char  *text,
                const char **problem)
{
  g_autofree char *normal = tsu_contact_normalize (text);
  const EraStart *era = NULL;
  const char *rest;
  int numbers[3] = { 0 };
  gboolean trailing;
  guint n;
  int y, m, d;

  if (problem != NULL)
    *problem = NULL;
  if (normal == NULL)
    return NULL;

  rest = normal;
  for (guint i = 0; i < G_N_ELEMENTS (era_starts); i++)
    if (g_ascii_strncasecmp (normal, era_starts[i].prefix, strlen (era_starts[i].prefix)) == 0)
      {
        era = &era_starts[i];
        rest = normal + strlen (era->prefix);
        break;
      }

  n = read_numbers (rest, numbers, &trailing);
  if (n == 1 && era == NULL && strlen (rest) == 8)
    {
      /* 20260401 */
      numbers[2] = numbers[0] % 100;
      numbers[1] = numbers[0] / 100 % 100;
      numbers[0] = numbers[0] / 10000;
      n = 3;
    }
  if (n != 3)
    goto bad;

  y = numbers[0];
  m = numbers[1];
  d = numbers[2];
  if (era != NULL)
    {
      if (y < 1 || y > 99)
        goto bad;
      y = era->first_year + y - 1;
      /* 令和元年4月1日 was still 平成; a year past an era's end (平成32年) is
       * still read, as some printed forms write it. */
      if (y == era->first_year && (m < era->month || (m == era->month && d < era->day)))
        goto bad;
    }
  else if (y < 1000)
    goto bad;
  if (!g_date_valid_dmy (d, m, y) || y > 9999)
    goto bad;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);

bad:
  if (problem != NULL)
    *problem = bad_date_message ();
  return NULL;
}

/**
 * tsu_date_entry_describe:
 * @date: a date, YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): @date written out with its weekday: 令和8年4月1日(水)
 *   in a Japanese window with the era date style, else as the translation writes dates
 */
char *
tsu_date_entry_describe (const char *date)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *style = NULL;
  int y, m, d;

  if (date == NULL || tsu_contact_check_date (date) != NULL || *date == '\0')
    return NULL;
  sscanf (date, "%4d-%2d-%2d", &y, &m, &d);

  settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  style = g_settings_get_string (settings, "date-style");
  if (window_in_japanese () && g_strcmp0 (style, "era") == 0)
    {
      GDate gdate;

      g_date_clear (&gdate, 1);
      g_date_set_dmy (&gdate, d, m, y);
      if (tsu_era_get (&gdate, NULL, NULL))
        return tsu_era_format_date (&gdate, TSU_ERA_FORMAT_ERA | TSU_ERA_FORMAT_WEEKDAY);
    }

  day = g_date_time_new (tsu_format_get_time_zone (), y, m, d, 0, 0, 0);
  if (day == NULL)
    return NULL;
  /* Translators: a date written out beside a date field, in the format of
   * g_date_time_format(); e.g. "%Y年%-m月%-d日(%a)" for Japanese */
  return g_date_time_format (day, _("%a, %b %-d, %Y"));
}

/**
 * tsu_date_entry_dup_date:
 * @problem: (out) (optional) (transfer none): why the text is not a date
 *
 * Returns: (transfer full) (nullable): the date typed or picked, YYYY-MM-DD; %NULL
 *   when the row is empty or does not hold a date
 */
char *
tsu_date_entry_dup_date (TsuDateEntry  *self,
                         const char   **problem)
{
  g_return_val_if_fail (TSU_IS_DATE_ENTRY (self), NULL);

  return tsu_date_entry_parse (gtk_editable_get_text (GTK_EDITABLE (self)), problem);
}

/**
 * tsu_date_entry_set_date:
 * @date: (nullable): a date, YYYY-MM-DD, or %NULL to empty the row
 */
void
tsu_date_entry_set_date (TsuDateEntry *self,
                         const char   *date)
{
  g_return_if_fail (TSU_IS_DATE_ENTRY (self));

  gtk_editable_set_text (GTK_EDITABLE (self), date != NULL ? date : "");
}

/**
 * tsu_date_entry_get_calendar:
 *
 * Returns: (transfer none): the calendar of the popover
 */
GtkCalendar *
tsu_date_entry_get_calendar (TsuDateEntry *self)
{
  g_return_val_if_fail (TSU_IS_DATE_ENTRY (self), NULL);

  return self->calendar;
}

/**
 * tsu_date_entry_popup:
 *
 * Shows the calendar, on the date of the row or today.
 */
void
tsu_date_entry_popup (TsuDateEntry *self)
{
  g_return_if_fail (TSU_IS_DATE_ENTRY (self));

  gtk_menu_button_popup (self->button);
}
