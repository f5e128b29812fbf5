/* tsu-meeting-editor.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-meeting-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tsu-calendar-draw.h"
#include "tsu-calendar-layout.h"
#include "tsu-conflicts.h"
#include "tsu-deleted-meeting.h"
#include "tsu-format.h"
#include "tsu-meeting-editor.h"
#include "tsu-settings.h"
#include "tsu-window.h"

/* The details of a meeting: kind, title, case, time, repetition, place, organizer,
 * status and notes. Nothing is written until Save, and nothing invalid is written:
 * each problem is said under its section and the window stays open with the edit.
 *
 * A meeting that repeats is one row (the series, with an RRULE); editing one of its
 * occurrences asks whether the change is for that meeting only (the store detaches it
 * into a row of its own) or for the whole series. Deleting one occurrence adds an
 * EXDATE to the series. */

enum {
  REPEAT_NONE,
  REPEAT_WEEKLY,
  REPEAT_EVERY_N_WEEKS,
  REPEAT_MONTHLY_DATE,
  REPEAT_MONTHLY_WEEKDAY,
  REPEAT_YEARLY,
  REPEAT_CUSTOM,
};

enum {
  ENDS_NEVER,
  ENDS_ON_DATE,
  ENDS_AFTER_COUNT,
};

typedef enum {
  SCOPE_UNKNOWN,
  SCOPE_THIS,
  SCOPE_ALL,
} Scope;

typedef struct {
  const char *kind;
  char       *title;
  gint64      case_id;
  gboolean    all_day;
  gint64      starts_at;
  gint64      ends_at;
  char       *rrule;
  char       *location;
  char       *url;
  gint64      municipality_id;
  gint64      organizer_id;
  const char *status;
  char       *notes;
} Values;

struct _TsuMeetingEditor
{
  AdwWindow          parent_instance;

  TsuStore          *store;
  GSettings         *settings;
  TsuMeeting        *meeting;          /* the row edited; NULL for a new meeting */
  gint64             recurrence_id;    /* the occurrence of a series edited, or 0 */
  char              *custom_rrule;     /* a rule the choices cannot show, kept as it is */
  char              *auto_title;       /* the title made from the case, while untouched */
  GStrv              kinds;
  GStrv              statuses;
  GArray            *case_ids;
  GArray            *municipality_ids;
  GArray            *organizer_ids;
  GHashTable        *case_codes;       /* case id → code */
  GDate              start_date;
  GDate              end_date;
  GDate              until_date;
  gboolean           filling;
  gboolean           endless_confirmed;
  gboolean           conflicts_confirmed;
  guint              conflicts_timeout;
  Scope              scope;
  char              *message;          /* the first problem shown, for tests */

  GtkSwitch         *all_day_switch;
  GtkDropDown       *case_dropdown;
  AdwActionRow      *case_row;
  AdwPreferencesGroup *conflicts_group;
  AdwActionRow      *conflicts_row;
  GtkSpinButton     *count_spin;
  AdwActionRow      *count_row;
  GtkButton         *delete_button;
  GtkMenuButton     *end_date_button;
  GtkCalendar       *end_calendar;
  GtkEntry          *end_time_entry;
  AdwComboRow       *ends_row;
  AdwActionRow      *interval_row;
  GtkSpinButton     *interval_spin;
  AdwComboRow       *kind_row;
  AdwEntryRow       *location_row;
  GtkDropDown       *municipality_dropdown;
  GtkTextView       *notes_view;
  GtkDropDown       *organizer_dropdown;
  GtkLabel          *repeat_error;
  AdwPreferencesGroup *repeat_group;
  AdwComboRow       *repeat_row;
  GtkMenuButton     *start_date_button;
  GtkCalendar       *start_calendar;
  GtkEntry          *start_time_entry;
  AdwComboRow       *status_row;
  GtkLabel          *time_error;
  GtkLabel          *title_error;
  AdwEntryRow       *title_row;
  AdwToastOverlay   *toast_overlay;
  GtkMenuButton     *until_button;
  GtkCalendar       *until_calendar;
  AdwActionRow      *until_row;
  AdwEntryRow       *url_row;
  AdwWindowTitle    *window_title;
};

G_DEFINE_FINAL_TYPE (TsuMeetingEditor, tsu_meeting_editor, ADW_TYPE_WINDOW)

static void save (TsuMeetingEditor *self);

static void
values_clear (Values *v)
{
  g_clear_pointer (&v->title, g_free);
  g_clear_pointer (&v->rrule, g_free);
  g_clear_pointer (&v->location, g_free);
  g_clear_pointer (&v->url, g_free);
  g_clear_pointer (&v->notes, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Values, values_clear)

/* Helpers */

static guint
strv_index (GStrv       strv,
            const char *value)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_strcmp0 (strv[i], value) == 0)
      return i;
  return 0;
}

static GtkStringList *
choices_model (GtkDropDown *dropdown)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_drop_down_set_expression (dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  g_object_unref (list);
  return list;
}

static void
select_id (GtkDropDown *dropdown,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (dropdown, 0);
}

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  return i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static char *
format_date (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                 g_date_get_day (date), 12, 0, 0);

  /* Translators: a date on a button of the meeting editor, in the format of
   * g_date_time_format(); e.g. "%Y年%-m月%-d日(%a)" for Japanese */
  return g_date_time_format (dt, _("%a, %b %-d, %Y"));
}

static void
show_date (GtkMenuButton *button,
           GtkCalendar   *calendar,
           const GDate   *date)
{
  g_autofree char *label = format_date (date);
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  gtk_menu_button_set_label (button, label);
  gtk_calendar_select_day (calendar, dt);
}

static void
calendar_date (GtkCalendar *calendar,
               GDate       *date)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

static void
set_time_text (GtkEntry *entry,
               gint64    unix_time)
{
  g_autoptr(GDateTime) dt = tsu_format_local_time (unix_time);
  g_autofree char *text = g_date_time_format (dt, "%H:%M");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* "14:00", "1400", "14", "１４：００": minutes after midnight, or -1. */
static int
parse_time (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *stripped = g_strstrip (g_strdup (normal != NULL ? normal : ""));
  int h = -1, m = 0;
  char extra;

  if (sscanf (stripped, "%d:%d%c", &h, &m, &extra) == 2 ||
      sscanf (stripped, "%d.%d%c", &h, &m, &extra) == 2)
    ;
  else if (strlen (stripped) == 4 && g_ascii_isdigit (stripped[0]) && sscanf (stripped, "%2d%2d", &h, &m) == 2)
    ;
  else if (sscanf (stripped, "%d%c", &h, &extra) == 1)
    m = 0;
  else
    return -1;

  if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0))
    return -1;
  return h * 60 + m;
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* Repetition */

static void
update_repeat_choices (TsuMeetingEditor *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (&self->start_date),
                                                 g_date_get_month (&self->start_date),
                                                 g_date_get_day (&self->start_date), 12, 0, 0);
  g_autofree char *weekday = g_date_time_format (dt, "%A");
  g_autofree char *monthly = NULL;
  g_autofree char *nth = NULL;
  guint day = g_date_get_day (&self->start_date);
  guint selected = adw_combo_row_get_selected (self->repeat_row);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  gboolean was_filling = self->filling;

  /* Translators: %u is a day of the month */
  monthly = g_strdup_printf (_("Every Month on Day %u"), day);
  /* Translators: %s is a day of the week, e.g. "Every Month on the Second Tuesday" */
  switch ((day - 1) / 7)
    {
    case 0: nth = g_strdup_printf (_("Every Month on the First %s"), weekday); break;
    case 1: nth = g_strdup_printf (_("Every Month on the Second %s"), weekday); break;
    case 2: nth = g_strdup_printf (_("Every Month on the Third %s"), weekday); break;
    case 3: nth = g_strdup_printf (_("Every Month on the Fourth %s"), weekday); break;
    default: nth = g_strdup_printf (_("Every Month on the Last %s"), weekday); break;
    }

  gtk_string_list_append (list, _("Does Not Repeat"));
  gtk_string_list_append (list, _("Every Week"));
  gtk_string_list_append (list, _("Every Few Weeks"));
  gtk_string_list_append (list, monthly);
  gtk_string_list_append (list, nth);
  gtk_string_list_append (list, _("Every Year"));
  if (self->custom_rrule != NULL)
    {
      /* Translators: %s is an iCalendar RRULE the editor cannot show otherwise */
      g_autofree char *custom = g_strdup_printf (_("Custom (%s)"), self->custom_rrule);

      gtk_string_list_append (list, custom);
    }

  self->filling = TRUE;
  adw_combo_row_set_model (self->repeat_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->repeat_row, MIN (selected, g_list_model_get_n_items (G_LIST_MODEL (list)) - 1));
  self->filling = was_filling;
}

static void
update_repeat_rows (TsuMeetingEditor *self)
{
  guint repeat = adw_combo_row_get_selected (self->repeat_row);
  guint ends = adw_combo_row_get_selected (self->ends_row);
  gboolean repeats = repeat != REPEAT_NONE && repeat != GTK_INVALID_LIST_POSITION;
  gboolean custom = repeat == REPEAT_CUSTOM;

  gtk_widget_set_visible (GTK_WIDGET (self->interval_row), repeat == REPEAT_EVERY_N_WEEKS);
  gtk_widget_set_visible (GTK_WIDGET (self->ends_row), repeats && !custom);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row), repeats && !custom && ends == ENDS_ON_DATE);
  gtk_widget_set_visible (GTK_WIDGET (self->count_row), repeats && !custom && ends == ENDS_AFTER_COUNT);
}

static const char * const weekday_codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

/**
 * tsu_meeting_editor_build_rrule:
 *
 * Returns: (transfer full) (nullable): the RRULE the repetition rows describe, or %NULL
 */
char *
tsu_meeting_editor_build_rrule (TsuMeetingEditor *self)
{
  guint repeat = adw_combo_row_get_selected (self->repeat_row);
  g_autoptr(GString) rule = g_string_new (NULL);
  guint day = g_date_get_day (&self->start_date);

  switch (repeat)
    {
    case REPEAT_WEEKLY:
      g_string_append (rule, "FREQ=WEEKLY");
      break;

    case REPEAT_EVERY_N_WEEKS:
      g_string_append_printf (rule, "FREQ=WEEKLY;INTERVAL=%d", gtk_spin_button_get_value_as_int (self->interval_spin));
      break;

    case REPEAT_MONTHLY_DATE:
      g_string_append_printf (rule, "FREQ=MONTHLY;BYMONTHDAY=%u", day);
      break;

    case REPEAT_MONTHLY_WEEKDAY:
      {
        int nth = (day - 1) / 7 + 1;

        g_string_append_printf (rule, "FREQ=MONTHLY;BYDAY=%d%s", nth > 4 ? -1 : nth,
                                weekday_codes[g_date_get_weekday (&self->start_date) - 1]);
      }
      break;

    case REPEAT_YEARLY:
      g_string_append (rule, "FREQ=YEARLY");
      break;

    case REPEAT_CUSTOM:
      return g_strdup (self->custom_rrule);

    case REPEAT_NONE:
    default:
      return NULL;
    }

  switch (adw_combo_row_get_selected (self->ends_row))
    {
    case ENDS_ON_DATE:
      if (gtk_switch_get_active (self->all_day_switch))
        g_string_append_printf (rule, ";UNTIL=%04u%02u%02u", g_date_get_year (&self->until_date),
                                g_date_get_month (&self->until_date), g_date_get_day (&self->until_date));
      else
        {
          /* The end of the last day in Japan, in UTC as RFC 5545 asks. */
          GDate next = self->until_date;
          g_autoptr(GDateTime) until = NULL;
          g_autofree char *text = NULL;

          g_date_add_days (&next, 1);
          until = g_date_time_new_from_unix_utc (tsu_calendar_date_to_unix (&next) - 1);
          text = g_date_time_format (until, "%Y%m%dT%H%M%SZ");
          g_string_append_printf (rule, ";UNTIL=%s", text);
        }
      break;

    case ENDS_AFTER_COUNT:
      g_string_append_printf (rule, ";COUNT=%d", gtk_spin_button_get_value_as_int (self->count_spin));
      break;

    case ENDS_NEVER:
    default:
      break;
    }

  return g_string_free (g_steal_pointer (&rule), FALSE);
}

/* Shows a rule in the rows; a rule they cannot show is kept as "Custom". */
static void
show_rrule (TsuMeetingEditor *self,
            const char       *rrule)
{
  g_auto(GStrv) parts = NULL;
  const char *freq = NULL, *byday = NULL, *until = NULL;
  int interval = 1, count = 0;
  gboolean other = FALSE;
  guint repeat = REPEAT_NONE, ends = ENDS_NEVER;

  g_clear_pointer (&self->custom_rrule, g_free);

  if (rrule != NULL && *rrule != '\0')
    {
      parts = g_strsplit (rrule, ";", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *eq = strchr (parts[i], '=');

          if (eq == NULL)
            continue;
          *eq = '\0';
          if (g_ascii_strcasecmp (parts[i], "FREQ") == 0)
            freq = eq + 1;
          else if (g_ascii_strcasecmp (parts[i], "INTERVAL") == 0)
            interval = atoi (eq + 1);
          else if (g_ascii_strcasecmp (parts[i], "BYDAY") == 0)
            byday = eq + 1;
          else if (g_ascii_strcasecmp (parts[i], "COUNT") == 0)
            count = atoi (eq + 1);
          else if (g_ascii_strcasecmp (parts[i], "UNTIL") == 0)
            until = eq + 1;
          else if (g_ascii_strcasecmp (parts[i], "BYMONTHDAY") == 0 || g_ascii_strcasecmp (parts[i], "WKST") == 0)
            ;
          else
            other = TRUE;
        }

      if (g_strcmp0 (freq, "WEEKLY") == 0 && (byday == NULL || strchr (byday, ',') == NULL))
        repeat = interval > 1 ? REPEAT_EVERY_N_WEEKS : REPEAT_WEEKLY;
      else if (g_strcmp0 (freq, "MONTHLY") == 0 && interval <= 1)
        repeat = byday != NULL ? REPEAT_MONTHLY_WEEKDAY : REPEAT_MONTHLY_DATE;
      else if (g_strcmp0 (freq, "YEARLY") == 0 && interval <= 1 && byday == NULL)
        repeat = REPEAT_YEARLY;
      else
        repeat = REPEAT_CUSTOM;
      if (other)
        repeat = REPEAT_CUSTOM;
    }

  if (repeat == REPEAT_CUSTOM)
    self->custom_rrule = g_strdup (rrule);

  if (count > 0)
    {
      ends = ENDS_AFTER_COUNT;
      gtk_spin_button_set_value (self->count_spin, count);
    }
  else if (until != NULL && strlen (until) >= 8)
    {
      int y = 0, mo = 0, d = 0;

      ends = ENDS_ON_DATE;
      if (sscanf (until, "%4d%2d%2d", &y, &mo, &d) == 3 && g_date_valid_dmy (d, mo, y))
        {
          g_date_clear (&self->until_date, 1);
          g_date_set_dmy (&self->until_date, d, mo, y);
          /* A UTC time late in the evening is the next day in Japan. */
          if (strchr (until, 'T') != NULL && g_str_has_suffix (until, "Z"))
            {
              g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
              g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (until, utc);

              if (dt != NULL)
                tsu_calendar_unix_to_date (g_date_time_to_unix (dt), &self->until_date);
            }
        }
    }
  if (interval > 1)
    gtk_spin_button_set_value (self->interval_spin, interval);

  show_date (self->until_button, self->until_calendar, &self->until_date);
  update_repeat_choices (self);
  adw_combo_row_set_selected (self->repeat_row, repeat);
  adw_combo_row_set_selected (self->ends_row, ends);
  update_repeat_rows (self);
}

/* Lists */

static void
fill_lists (TsuMeetingEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GListModel) municipalities = NULL;
  g_autoptr(GListModel) persons = NULL;
  gboolean hide_names = g_settings_get_boolean (self->settings, "hide-names");
  GtkStringList *list;
  gint64 none = 0;

  for (guint i = 0; self->kinds[i] != NULL; i++)
    gtk_string_list_append (kinds, tsu_vocabulary_label (TSU_VOCABULARY_MEETING_KIND, self->kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  for (guint i = 0; self->statuses[i] != NULL; i++)
    gtk_string_list_append (statuses, tsu_vocabulary_label (TSU_VOCABULARY_MEETING_STATUS, self->statuses[i]));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  list = choices_model (self->case_dropdown);
  gtk_string_list_append (list, _("None"));
  g_array_append_val (self->case_ids, none);
  cases = tsu_store_list (self->store, TSU_TYPE_CASE, "code", NULL);
  for (guint i = 0; cases != NULL && i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(TsuCase) c = g_list_model_get_item (cases, i);
      gint64 id = tsu_record_get_id (TSU_RECORD (c));
      const char *name = tsu_case_get_child_name (c);
      g_autofree char *label = NULL;

      /* Case data is personal: with hide-names on, only the code is shown. */
      if (hide_names || name == NULL || *name == '\0')
        label = g_strdup (tsu_case_get_code (c));
      else
        label = g_strdup_printf ("%s  %s", tsu_case_get_code (c), name);
      gtk_string_list_append (list, label);
      g_array_append_val (self->case_ids, id);
      g_hash_table_insert (self->case_codes, g_memdup2 (&id, sizeof id), g_strdup (tsu_case_get_code (c)));
    }

  list = choices_model (self->municipality_dropdown);
  gtk_string_list_append (list, _("None"));
  g_array_append_val (self->municipality_ids, none);
  municipalities = tsu_store_list (self->store, TSU_TYPE_MUNICIPALITY, "code", NULL);
  for (guint i = 0; municipalities != NULL && i < g_list_model_get_n_items (municipalities); i++)
    {
      g_autoptr(TsuMunicipality) m = g_list_model_get_item (municipalities, i);
      gint64 id = tsu_record_get_id (TSU_RECORD (m));

      gtk_string_list_append (list, tsu_municipality_get_name (m));
      g_array_append_val (self->municipality_ids, id);
    }

  list = choices_model (self->organizer_dropdown);
  gtk_string_list_append (list, _("None"));
  g_array_append_val (self->organizer_ids, none);
  persons = tsu_store_list (self->store, TSU_TYPE_PERSON, "kana", NULL);
  for (guint i = 0; persons != NULL && i < g_list_model_get_n_items (persons); i++)
    {
      g_autoptr(TsuPerson) p = g_list_model_get_item (persons, i);
      gint64 id = tsu_record_get_id (TSU_RECORD (p));

      gtk_string_list_append (list, tsu_person_get_name (p));
      g_array_append_val (self->organizer_ids, id);
    }
}

/* Callbacks */

static const char *
selected_kind (TsuMeetingEditor *self)
{
  guint i = adw_combo_row_get_selected (self->kind_row);

  return i < g_strv_length (self->kinds) ? self->kinds[i] : "other";
}

static void
update_auto_title (TsuMeetingEditor *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  gint64 case_id = selected_id (self->case_dropdown, self->case_ids);
  const char *code = g_hash_table_lookup (self->case_codes, &case_id);
  g_autofree char *made = NULL;

  if (g_strcmp0 (selected_kind (self), "case-conference") != 0 || code == NULL)
    return;
  /* Only a title the person has not written themselves is replaced. */
  if (*title != '\0' && g_strcmp0 (title, self->auto_title) != 0)
    return;

  /* Translators: the default title of a case conference; %s is the case code */
  made = g_strdup_printf (_("Case conference %s"), code);
  g_free (self->auto_title);
  self->auto_title = g_strdup (made);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), made);
}

static void
kind_changed_cb (TsuMeetingEditor *self)
{
  if (self->filling)
    return;
  update_auto_title (self);
}

static void
case_changed_cb (TsuMeetingEditor *self)
{
  if (self->filling)
    return;
  update_auto_title (self);
}

static void
title_changed_cb (TsuMeetingEditor *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->title_error)) &&
      *gtk_editable_get_text (GTK_EDITABLE (self->title_row)) != '\0')
    {
      show_error (self->title_error, NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
    }
}

static void
all_day_changed_cb (TsuMeetingEditor *self)
{
  gboolean all_day = gtk_switch_get_active (self->all_day_switch);

  gtk_widget_set_visible (GTK_WIDGET (self->start_time_entry), !all_day);
  gtk_widget_set_visible (GTK_WIDGET (self->end_time_entry), !all_day);
}

static void
start_day_selected_cb (TsuMeetingEditor *self)
{
  GDate old = self->start_date;
  int shift;

  calendar_date (self->start_calendar, &self->start_date);
  if (self->filling)
    return;

  /* The end moves with the start, keeping the length. */
  shift = (int) g_date_get_julian (&self->start_date) - (int) g_date_get_julian (&old);
  if (shift > 0)
    g_date_add_days (&self->end_date, shift);
  else if (shift < 0)
    g_date_subtract_days (&self->end_date, -shift);

  self->filling = TRUE;
  show_date (self->start_date_button, self->start_calendar, &self->start_date);
  show_date (self->end_date_button, self->end_calendar, &self->end_date);
  self->filling = FALSE;
  gtk_menu_button_popdown (self->start_date_button);
  update_repeat_choices (self);
}

static void
end_day_selected_cb (TsuMeetingEditor *self)
{
  calendar_date (self->end_calendar, &self->end_date);
  if (self->filling)
    return;
  self->filling = TRUE;
  show_date (self->end_date_button, self->end_calendar, &self->end_date);
  self->filling = FALSE;
  gtk_menu_button_popdown (self->end_date_button);
}

static void
until_day_selected_cb (TsuMeetingEditor *self)
{
  calendar_date (self->until_calendar, &self->until_date);
  if (self->filling)
    return;
  self->filling = TRUE;
  show_date (self->until_button, self->until_calendar, &self->until_date);
  self->filling = FALSE;
  gtk_menu_button_popdown (self->until_button);
}

static void
repeat_changed_cb (TsuMeetingEditor *self)
{
  update_repeat_rows (self);
}

/* Validation and saving */

/* The time chosen, or the problem with it. */
static const char *
read_times (TsuMeetingEditor *self,
            gint64           *starts_at,
            gint64           *ends_at)
{
  if (gtk_switch_get_active (self->all_day_switch))
    {
      GDate after = self->end_date;

      g_date_add_days (&after, 1);
      *starts_at = tsu_calendar_date_to_unix (&self->start_date);
      *ends_at = tsu_calendar_date_to_unix (&after);
      if (g_date_compare (&self->end_date, &self->start_date) < 0)
        return _("The last day cannot be before the first day.");
    }
  else
    {
      int from = parse_time (gtk_editable_get_text (GTK_EDITABLE (self->start_time_entry)));
      int to = parse_time (gtk_editable_get_text (GTK_EDITABLE (self->end_time_entry)));

      if (from < 0 || to < 0)
        return _("Enter times as hours and minutes, for example 14:00.");
      *starts_at = tsu_calendar_date_to_unix (&self->start_date) + from * 60;
      *ends_at = tsu_calendar_date_to_unix (&self->end_date) + to * 60;
      if (*ends_at <= *starts_at)
        return _("The meeting must end after it starts.");
    }
  return NULL;
}

/* Shows who or which room is already booked at the time chosen, and returns how many
 * conflicts there are. A cancelled meeting books nobody. */
static guint
update_conflicts (TsuMeetingEditor *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 starts_at = 0, ends_at = 0;
  const char *status;

  g_clear_handle_id (&self->conflicts_timeout, g_source_remove);

  status = self->statuses[MIN (adw_combo_row_get_selected (self->status_row), g_strv_length (self->statuses) - 1)];
  if (self->store != NULL && g_strcmp0 (status, "cancelled") != 0 &&
      read_times (self, &starts_at, &ends_at) == NULL)
    conflicts = tsu_conflicts_find (self->store,
                                    self->meeting != NULL ? tsu_record_get_id (TSU_RECORD (self->meeting)) : 0,
                                    selected_id (self->organizer_dropdown, self->organizer_ids),
                                    gtk_editable_get_text (GTK_EDITABLE (self->location_row)),
                                    starts_at, ends_at, &error);
  if (error != NULL)
    g_warning ("Could not look for conflicts: %s", error->message);

  if (conflicts == NULL || conflicts->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), FALSE);
      return 0;
    }

  text = tsu_conflicts_describe (conflicts);
  adw_action_row_set_subtitle (self->conflicts_row, text);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), TRUE);
  return conflicts->len;
}

static gboolean
conflicts_timeout_cb (gpointer data)
{
  TsuMeetingEditor *self = data;

  self->conflicts_timeout = 0;
  update_conflicts (self);
  return G_SOURCE_REMOVE;
}

/* Looked up again a moment after the time, place or organizer changed, not on every
 * key typed. */
static void
schedule_conflicts_cb (TsuMeetingEditor *self)
{
  self->conflicts_confirmed = FALSE;
  if (self->filling)
    return;
  g_clear_handle_id (&self->conflicts_timeout, g_source_remove);
  self->conflicts_timeout = g_timeout_add (300, conflicts_timeout_cb, self);
}

static gboolean
validate (TsuMeetingEditor *self,
          Values           *v)
{
  const char *title_error = NULL, *time_error = NULL, *repeat_error = NULL;
  gboolean all_day = gtk_switch_get_active (self->all_day_switch);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  v->kind = selected_kind (self);
  v->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  v->case_id = selected_id (self->case_dropdown, self->case_ids);
  v->all_day = all_day;
  v->location = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->location_row))));
  v->url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  v->municipality_id = selected_id (self->municipality_dropdown, self->municipality_ids);
  v->organizer_id = selected_id (self->organizer_dropdown, self->organizer_ids);
  v->status = self->statuses[MIN (adw_combo_row_get_selected (self->status_row), g_strv_length (self->statuses) - 1)];
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  v->notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (*v->title == '\0')
    title_error = _("Enter a title for the meeting.");
  else if (g_strcmp0 (v->kind, "case-conference") == 0 && v->case_id == 0)
    title_error = _("A case conference needs a case: choose one.");

  time_error = read_times (self, &v->starts_at, &v->ends_at);

  if (gtk_widget_get_visible (GTK_WIDGET (self->repeat_group)))
    {
      g_autoptr(GError) error = NULL;

      v->rrule = tsu_meeting_editor_build_rrule (self);
      if (v->rrule != NULL && adw_combo_row_get_selected (self->ends_row) == ENDS_ON_DATE &&
          adw_combo_row_get_selected (self->repeat_row) != REPEAT_CUSTOM &&
          g_date_compare (&self->until_date, &self->start_date) < 0)
        repeat_error = _("The last day of the repetition cannot be before the first meeting.");
      else if (v->rrule != NULL && !tsu_recurrence_validate (v->rrule, &error))
        repeat_error = error->message;
    }

  show_error (self->title_error, title_error);
  show_error (self->time_error, time_error);
  show_error (self->repeat_error, repeat_error);
  if (title_error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");

  g_free (self->message);
  self->message = g_strdup (title_error != NULL ? title_error : time_error != NULL ? time_error : repeat_error);
  return self->message == NULL;
}

static void
apply_values (TsuMeeting   *m,
              const Values *v,
              gboolean      with_rrule)
{
  tsu_meeting_set_kind (m, v->kind);
  tsu_meeting_set_title (m, v->title);
  tsu_meeting_set_case_id (m, v->case_id);
  tsu_meeting_set_all_day (m, v->all_day);
  tsu_meeting_set_starts_at (m, v->starts_at);
  tsu_meeting_set_ends_at (m, v->ends_at);
  if (tsu_meeting_get_tzid (m) == NULL)
    tsu_meeting_set_tzid (m, "Asia/Tokyo");
  tsu_meeting_set_location (m, *v->location != '\0' ? v->location : NULL);
  tsu_meeting_set_url (m, *v->url != '\0' ? v->url : NULL);
  tsu_meeting_set_municipality_id (m, v->municipality_id);
  tsu_meeting_set_organizer_id (m, v->organizer_id);
  tsu_meeting_set_status (m, v->status);
  tsu_meeting_set_notes (m, *v->notes != '\0' ? v->notes : NULL);
  if (with_rrule)
    tsu_meeting_set_rrule (m, v->rrule);
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
report_saved (TsuMeetingEditor *self,
              const char       *message)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (TSU_IS_WINDOW (parent))
    tsu_window_add_toast (TSU_WINDOW (parent), adw_toast_new (message));

  /* A confirmation dialog may still be answering on top of the editor: the editor
   * goes once it has closed. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_cb, g_object_ref (self), g_object_unref);
}

static void
report_error (TsuMeetingEditor *self,
              const GError     *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
write_meeting (TsuMeetingEditor  *self,
               const Values      *v,
               GError           **error)
{
  g_autoptr(TsuMeeting) copy = NULL;

  if (self->meeting == NULL)
    {
      copy = tsu_meeting_new ();
      apply_values (copy, v, TRUE);
      return tsu_store_save (self->store, TSU_RECORD (copy), error);
    }

  if (self->recurrence_id != 0 && self->scope == SCOPE_THIS)
    {
      g_autoptr(TsuMeeting) occurrence = tsu_store_detach_occurrence (self->store, TSU_RECORD (self->meeting),
                                                                      self->recurrence_id, error);

      if (occurrence == NULL)
        return FALSE;
      apply_values (occurrence, v, FALSE);
      tsu_meeting_set_sequence (occurrence, tsu_meeting_get_sequence (occurrence) + 1);
      return tsu_store_save (self->store, TSU_RECORD (occurrence), error);
    }

  /* The row itself: a single meeting, an occurrence with its own row, or the whole
   * series. Edits are made on a copy so that a refused save leaves the row as read;
   * but not over what another Tsunagu or tsunagu-cli changed since it was read. */
  if (!tsu_store_check_unchanged (self->store, TSU_RECORD (self->meeting), error))
    return FALSE;
  copy = tsu_store_load (self->store, TSU_TYPE_MEETING, tsu_record_get_id (TSU_RECORD (self->meeting)), error);
  if (copy == NULL)
    return FALSE;

  if (self->recurrence_id != 0)
    {
      /* All meetings of the series move as the one edited moved. */
      gint64 shift = v->starts_at - self->recurrence_id;
      gint64 length = v->ends_at - v->starts_at;
      gint64 start = tsu_meeting_get_starts_at (copy) + shift;
      Values moved = *v;

      moved.starts_at = start;
      moved.ends_at = start + length;
      apply_values (copy, &moved, TRUE);
      if (shift != 0 && tsu_meeting_get_exdates (copy) != NULL)
        {
          g_autoptr(GArray) exdates = tsu_recurrence_parse_exdates (tsu_meeting_get_exdates (copy));

          for (guint i = 0; i < exdates->len; i++)
            g_array_index (exdates, gint64, i) += shift;
          tsu_record_take_text (TSU_RECORD (copy), TSU_MEETING_FIELD_EXDATES, tsu_recurrence_format_exdates ((const gint64 *) (gpointer) exdates->data,
                                                                         exdates->len));
        }
    }
  else
    apply_values (copy, v, tsu_meeting_get_series_id (copy) == 0);

  tsu_meeting_set_sequence (copy, tsu_meeting_get_sequence (copy) + 1);
  return tsu_store_save (self->store, TSU_RECORD (copy), error);
}

static void
endless_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TsuMeetingEditor *self)
{
  if (g_strcmp0 (response, "repeat") == 0)
    {
      self->endless_confirmed = TRUE;
      save (self);
    }
}

static void
conflicts_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       TsuMeetingEditor *self)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      self->conflicts_confirmed = TRUE;
      save (self);
    }
}

static void
scope_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TsuMeetingEditor *self)
{
  if (g_strcmp0 (response, "this") == 0)
    self->scope = SCOPE_THIS;
  else if (g_strcmp0 (response, "all") == 0)
    self->scope = SCOPE_ALL;
  else
    return;
  save (self);
}

static AdwMessageDialog *
ask (TsuMeetingEditor *self,
     const char       *heading,
     const char       *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

static void
save (TsuMeetingEditor *self)
{
  g_auto(Values) v = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean was_new = self->meeting == NULL;

  if (!validate (self, &v))
    return;

  if (v.rrule != NULL && strstr (v.rrule, "UNTIL=") == NULL && strstr (v.rrule, "COUNT=") == NULL &&
      !self->endless_confirmed && (self->recurrence_id == 0 || self->scope != SCOPE_THIS))
    {
      AdwMessageDialog *dialog = ask (self, _("Repeat Without End?"),
                                      _("The meeting will repeat every time, with no last day. You can set a last day or a number of meetings under Repeat."));

      adw_message_dialog_add_response (dialog, "repeat", _("_Repeat Without End"));
      g_signal_connect (dialog, "response", G_CALLBACK (endless_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (!self->conflicts_confirmed && update_conflicts (self) > 0)
    {
      AdwMessageDialog *dialog = ask (self, _("Already Booked"),
                                      _("Some participants or the room are booked at this time in another meeting, as listed under the time. Save the meeting anyway?"));

      adw_message_dialog_add_response (dialog, "save", _("_Save Anyway"));
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
      g_signal_connect (dialog, "response", G_CALLBACK (conflicts_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (self->recurrence_id != 0 && self->scope == SCOPE_UNKNOWN)
    {
      AdwMessageDialog *dialog = ask (self, _("Change a Repeating Meeting"),
                                      _("Change only this meeting, or every meeting in the series?"));

      adw_message_dialog_add_response (dialog, "this", _("_Only This Meeting"));
      adw_message_dialog_add_response (dialog, "all", _("_All Meetings in the Series"));
      adw_message_dialog_set_response_appearance (dialog, "this", ADW_RESPONSE_SUGGESTED);
      g_signal_connect (dialog, "response", G_CALLBACK (scope_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (!write_meeting (self, &v, &error))
    {
      /* The edit stays in the window; the next try asks again. */
      self->scope = SCOPE_UNKNOWN;
      report_error (self, error);
      return;
    }

  report_saved (self, was_new ? _("Meeting created") : _("Meeting saved"));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TsuMeetingEditor *self = TSU_MEETING_EDITOR (widget);

  self->scope = SCOPE_UNKNOWN;
  self->endless_confirmed = FALSE;
  self->conflicts_confirmed = FALSE;
  save (self);
}

/* Deleting */

static void
undo_clicked_cb (AdwToast          *toast,
                 TsuDeletedMeeting *deleted)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window = g_object_get_data (G_OBJECT (toast), "tsu-window");

  if (!tsu_deleted_meeting_restore (deleted, &error) && TSU_IS_WINDOW (window))
    {
      AdwToast *failed = adw_toast_new (error->message);

      adw_toast_set_timeout (failed, 0);
      tsu_window_add_toast (TSU_WINDOW (window), failed);
    }
}

/**
 * tsu_meeting_editor_toast_deleted:
 * @window: the main window
 * @deleted: the copy taken before the delete
 *
 * Says "Meeting deleted" with an Undo button that brings the meeting back.
 */
void
tsu_meeting_editor_toast_deleted (GtkWindow         *window,
                                  TsuDeletedMeeting *deleted)
{
  AdwToast *toast;

  g_return_if_fail (TSU_IS_DELETED_MEETING (deleted));

  if (!TSU_IS_WINDOW (window))
    return;
  toast = adw_toast_new (_("Meeting deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "tsu-window", window);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                         g_object_ref (deleted), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  tsu_window_add_toast (TSU_WINDOW (window), toast);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TsuMeetingEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuDeletedMeeting) deleted = NULL;
  gboolean done;

  if (g_strcmp0 (response, "this") == 0 && self->recurrence_id != 0)
    done = (deleted = tsu_deleted_meeting_new_excluded (self->store, tsu_record_get_id (TSU_RECORD (self->meeting)),
                                                        self->recurrence_id, &error)) != NULL &&
           tsu_store_exclude_occurrence (self->store, TSU_RECORD (self->meeting), self->recurrence_id, &error);
  else if (g_strcmp0 (response, "this") == 0 && tsu_meeting_get_series_id (self->meeting) != 0)
    {
      /* An occurrence with its own row: excluded from its series, row and all. */
      g_autoptr(TsuMeeting) series = tsu_store_load (self->store, TSU_TYPE_MEETING,
                                                     tsu_meeting_get_series_id (self->meeting), &error);

      done = series != NULL &&
             (deleted = tsu_deleted_meeting_new_excluded (self->store, tsu_record_get_id (TSU_RECORD (series)),
                                                          tsu_meeting_get_recurrence_id (self->meeting),
                                                          &error)) != NULL &&
             tsu_store_exclude_occurrence (self->store, TSU_RECORD (series),
                                           tsu_meeting_get_recurrence_id (self->meeting), &error);
    }
  else if (g_strcmp0 (response, "this") == 0 || g_strcmp0 (response, "all") == 0)
    done = (deleted = tsu_deleted_meeting_new (self->store, tsu_record_get_id (TSU_RECORD (self->meeting)),
                                               &error)) != NULL &&
           tsu_store_delete (self->store, TSU_RECORD (self->meeting), &error);
  else
    return;

  if (!done)
    {
      report_error (self, error);
      return;
    }
  tsu_meeting_editor_toast_deleted (gtk_window_get_transient_for (GTK_WINDOW (self)), deleted);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_cb, g_object_ref (self), g_object_unref);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsuMeetingEditor *self = TSU_MEETING_EDITOR (widget);
  AdwMessageDialog *dialog;

  if (self->meeting == NULL)
    return;

  if (self->recurrence_id != 0)
    {
      dialog = ask (self, _("Delete a Repeating Meeting?"),
                    _("Delete only this meeting, or every meeting in the series with its agenda and minutes?"));
      adw_message_dialog_add_response (dialog, "this", _("Delete _Only This Meeting"));
      adw_message_dialog_add_response (dialog, "all", _("Delete _All Meetings"));
      adw_message_dialog_set_response_appearance (dialog, "this", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "all", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      dialog = ask (self, _("Delete This Meeting?"),
                    _("The meeting is deleted with its participants, agenda and minutes."));
      adw_message_dialog_add_response (dialog, "this", _("_Delete"));
      adw_message_dialog_set_response_appearance (dialog, "this", ADW_RESPONSE_DESTRUCTIVE);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides */

static void
tsu_meeting_editor_dispose (GObject *object)
{
  TsuMeetingEditor *self = TSU_MEETING_EDITOR (object);

  g_clear_handle_id (&self->conflicts_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TSU_TYPE_MEETING_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->meeting);

  G_OBJECT_CLASS (tsu_meeting_editor_parent_class)->dispose (object);
}

static void
tsu_meeting_editor_finalize (GObject *object)
{
  TsuMeetingEditor *self = TSU_MEETING_EDITOR (object);

  g_clear_pointer (&self->custom_rrule, g_free);
  g_clear_pointer (&self->auto_title, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->kinds, g_strfreev);
  g_clear_pointer (&self->statuses, g_strfreev);
  g_clear_pointer (&self->case_ids, g_array_unref);
  g_clear_pointer (&self->municipality_ids, g_array_unref);
  g_clear_pointer (&self->organizer_ids, g_array_unref);
  g_clear_pointer (&self->case_codes, g_hash_table_unref);

  G_OBJECT_CLASS (tsu_meeting_editor_parent_class)->finalize (object);
}

static void
tsu_meeting_editor_class_init (TsuMeetingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tsu_meeting_editor_dispose;
  object_class->finalize = tsu_meeting_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tsunagu/Tsunagu/tsu-meeting-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, all_day_switch);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, case_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, case_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, conflicts_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, count_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, count_spin);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, end_calendar);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, end_date_button);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, end_time_entry);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, ends_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, interval_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, municipality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, organizer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, repeat_error);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, repeat_group);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, start_date_button);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, start_time_entry);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, time_error);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, title_error);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, until_button);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, until_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, TsuMeetingEditor, window_title);
  gtk_widget_class_bind_template_callback (widget_class, all_day_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, case_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, repeat_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, until_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tsu_meeting_editor_init (TsuMeetingEditor *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (TSU_SETTINGS_SCHEMA_ID);
  self->kinds = tsu_vocabulary_codes (TSU_VOCABULARY_MEETING_KIND);
  self->statuses = tsu_vocabulary_codes (TSU_VOCABULARY_MEETING_STATUS);
  self->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->municipality_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->organizer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->case_codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  tsu_calendar_get_today (&self->start_date);

  g_signal_connect_swapped (self->start_time_entry, "changed", G_CALLBACK (schedule_conflicts_cb), self);
  g_signal_connect_swapped (self->end_time_entry, "changed", G_CALLBACK (schedule_conflicts_cb), self);
  g_signal_connect_swapped (self->location_row, "changed", G_CALLBACK (schedule_conflicts_cb), self);
  g_signal_connect_swapped (self->start_calendar, "day-selected", G_CALLBACK (schedule_conflicts_cb), self);
  g_signal_connect_swapped (self->end_calendar, "day-selected", G_CALLBACK (schedule_conflicts_cb), self);
  g_signal_connect_swapped (self->all_day_switch, "notify::active", G_CALLBACK (schedule_conflicts_cb), self);
  g_signal_connect_swapped (self->organizer_dropdown, "notify::selected", G_CALLBACK (schedule_conflicts_cb), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (schedule_conflicts_cb), self);
  self->end_date = self->start_date;
  self->until_date = self->start_date;
}

/**
 * tsu_meeting_editor_new:
 * @parent: (nullable): the window the editor belongs to
 * @store: the store to write to
 *
 * Returns: (transfer floating): an editor; set it up with tsu_meeting_editor_set_new()
 *   or tsu_meeting_editor_load()
 */
TsuMeetingEditor *
tsu_meeting_editor_new (GtkWindow *parent,
                        TsuStore  *store)
{
  TsuMeetingEditor *self;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  self = g_object_new (TSU_TYPE_MEETING_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  fill_lists (self);
  return self;
}

static void
show_times (TsuMeetingEditor *self,
            gint64            starts_at,
            gint64            ends_at,
            gboolean          all_day)
{
  tsu_calendar_unix_to_date (starts_at, &self->start_date);
  /* An all-day meeting ends at the midnight after its last day. */
  tsu_calendar_unix_to_date (all_day && ends_at > starts_at ? ends_at - 1 : ends_at, &self->end_date);
  show_date (self->start_date_button, self->start_calendar, &self->start_date);
  show_date (self->end_date_button, self->end_calendar, &self->end_date);
  set_time_text (self->start_time_entry, starts_at);
  set_time_text (self->end_time_entry, ends_at);
  gtk_switch_set_active (self->all_day_switch, all_day);
  all_day_changed_cb (self);
}

/**
 * tsu_meeting_editor_set_new:
 * @day: (nullable): the day of the meeting, today when %NULL
 *
 * Prepares the editor for a new meeting on @day, lasting the default meeting length.
 */
void
tsu_meeting_editor_set_new (TsuMeetingEditor *self,
                            const GDate      *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (tsu_format_get_time_zone ());
  GDate today;
  gint64 start;
  int minutes;

  g_return_if_fail (TSU_IS_MEETING_EDITOR (self));

  tsu_calendar_get_today (&today);
  if (day == NULL || !g_date_valid (day))
    day = &today;

  /* Today the next full hour (within office hours), another day at ten. */
  start = tsu_calendar_date_to_unix (day) + 10 * 3600;
  if (g_date_compare (day, &today) == 0)
    start = tsu_calendar_date_to_unix (day) + CLAMP (g_date_time_get_hour (now) + 1, 9, 18) * 3600;
  minutes = g_settings_get_int (self->settings, "default-meeting-minutes");

  self->filling = TRUE;
  adw_window_title_set_title (self->window_title, _("New Meeting"));
  gtk_window_set_title (GTK_WINDOW (self), _("New Meeting"));
  adw_combo_row_set_selected (self->kind_row, strv_index (self->kinds, "case-conference"));
  adw_combo_row_set_selected (self->status_row, strv_index (self->statuses, "scheduled"));
  show_times (self, start, start + minutes * 60, FALSE);
  self->until_date = *day;
  g_date_add_years (&self->until_date, 1);
  show_rrule (self, NULL);
  adw_combo_row_set_selected (self->ends_row, ENDS_ON_DATE);
  update_repeat_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), FALSE);
  self->filling = FALSE;
  schedule_conflicts_cb (self);
}

/**
 * tsu_meeting_editor_load:
 * @meeting_id: the meeting (a single meeting, a series or an occurrence's own row)
 * @occurrence_start: the start of the occurrence of a series to edit, or 0 for the
 *   meeting row as it is
 *
 * Returns: whether the meeting could be read
 */
gboolean
tsu_meeting_editor_load (TsuMeetingEditor  *self,
                         gint64             meeting_id,
                         gint64             occurrence_start,
                         GError           **error)
{
  g_autoptr(TsuMeeting) m = NULL;
  gint64 starts_at, ends_at;
  gboolean series;
  GtkTextBuffer *buffer;

  g_return_val_if_fail (TSU_IS_MEETING_EDITOR (self), FALSE);

  m = tsu_store_load (self->store, TSU_TYPE_MEETING, meeting_id, error);
  if (m == NULL)
    return FALSE;

  g_set_object (&self->meeting, m);
  series = tsu_meeting_get_rrule (m) != NULL;
  starts_at = tsu_meeting_get_starts_at (m);
  ends_at = tsu_meeting_get_ends_at (m);
  self->recurrence_id = 0;
  if (series && occurrence_start != 0 && occurrence_start != starts_at)
    {
      self->recurrence_id = occurrence_start;
      ends_at = occurrence_start + (ends_at - starts_at);
      starts_at = occurrence_start;
    }
  else if (series && occurrence_start != 0)
    self->recurrence_id = occurrence_start;

  self->filling = TRUE;
  adw_window_title_set_title (self->window_title, _("Edit Meeting"));
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Meeting"));
  adw_window_title_set_subtitle (self->window_title,
                                 self->recurrence_id != 0 || tsu_meeting_get_series_id (m) != 0
                                 ? _("Repeating meeting") : NULL);
  adw_combo_row_set_selected (self->kind_row, strv_index (self->kinds, tsu_meeting_get_kind (m)));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), tsu_meeting_get_title (m));
  select_id (self->case_dropdown, self->case_ids, tsu_meeting_get_case_id (m));
  show_times (self, starts_at, ends_at, tsu_meeting_get_all_day (m));
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), tsu_meeting_get_location (m) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), tsu_meeting_get_url (m) ?: "");
  select_id (self->municipality_dropdown, self->municipality_ids, tsu_meeting_get_municipality_id (m));
  select_id (self->organizer_dropdown, self->organizer_ids, tsu_meeting_get_organizer_id (m));
  adw_combo_row_set_selected (self->status_row, strv_index (self->statuses, tsu_meeting_get_status (m)));
  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_set_text (buffer, tsu_meeting_get_notes (m) ?: "", -1);

  self->until_date = self->start_date;
  g_date_add_years (&self->until_date, 1);
  show_rrule (self, tsu_meeting_get_rrule (m));
  /* An occurrence with its own row keeps the rule of its series. */
  gtk_widget_set_visible (GTK_WIDGET (self->repeat_group), tsu_meeting_get_series_id (m) == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), TRUE);
  self->filling = FALSE;
  schedule_conflicts_cb (self);
  return TRUE;
}

/**
 * tsu_meeting_editor_get_message:
 *
 * Returns: (nullable): the first problem the editor shows, or %NULL
 */
const char *
tsu_meeting_editor_get_message (TsuMeetingEditor *self)
{
  g_return_val_if_fail (TSU_IS_MEETING_EDITOR (self), NULL);

  return self->message;
}

/**
 * tsu_meeting_editor_present_new:
 * @parent: the main window
 * @day: (nullable): the day of the new meeting
 */
void
tsu_meeting_editor_present_new (GtkWindow   *parent,
                                TsuStore    *store,
                                const GDate *day)
{
  TsuMeetingEditor *self = tsu_meeting_editor_new (parent, store);

  tsu_meeting_editor_set_new (self, day);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/**
 * tsu_meeting_editor_present_edit:
 * @parent: the main window
 * @meeting_id: the meeting
 * @occurrence_start: the occurrence of a series, or 0
 */
void
tsu_meeting_editor_present_edit (GtkWindow *parent,
                                 TsuStore  *store,
                                 gint64     meeting_id,
                                 gint64     occurrence_start)
{
  TsuMeetingEditor *self = tsu_meeting_editor_new (parent, store);
  g_autoptr(GError) error = NULL;

  if (!tsu_meeting_editor_load (self, meeting_id, occurrence_start, &error))
    {
      if (TSU_IS_WINDOW (parent))
        tsu_window_add_toast (TSU_WINDOW (parent), adw_toast_new (error->message));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * tsu_meeting_editor_set_case_conference:
 * @case_id: the case of the conference
 *
 * Pre-fills a new meeting (after tsu_meeting_editor_set_new()) as a case conference
 * of @case_id, titled after the case code unless a title was typed.
 */
void
tsu_meeting_editor_set_case_conference (TsuMeetingEditor *self,
                                        gint64            case_id)
{
  g_return_if_fail (TSU_IS_MEETING_EDITOR (self));

  self->filling = TRUE;
  adw_combo_row_set_selected (self->kind_row, strv_index (self->kinds, "case-conference"));
  select_id (self->case_dropdown, self->case_ids, case_id);
  self->filling = FALSE;
  update_auto_title (self);
}
