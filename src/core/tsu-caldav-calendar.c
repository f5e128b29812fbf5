/* tsu-caldav-calendar.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-caldav-calendar"

#include "config.h"

#include <string.h>

#include "tsu-caldav-calendar.h"

struct _TsuCaldavCalendar
{
  GObject  parent_instance;

  char    *url;
  char    *display_name;
};

G_DEFINE_FINAL_TYPE (TsuCaldavCalendar, tsu_caldav_calendar, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tsu_caldav_calendar_finalize (GObject *object)
{
  TsuCaldavCalendar *self = TSU_CALDAV_CALENDAR (object);

  g_free (self->url);
  g_free (self->display_name);
  G_OBJECT_CLASS (tsu_caldav_calendar_parent_class)->finalize (object);
}

static void
tsu_caldav_calendar_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TsuCaldavCalendar *self = TSU_CALDAV_CALENDAR (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_caldav_calendar_class_init (TsuCaldavCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tsu_caldav_calendar_finalize;
  object_class->get_property = tsu_caldav_calendar_get_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tsu_caldav_calendar_init (TsuCaldavCalendar *self)
{
}

/**
 * tsu_caldav_calendar_new:
 * @url: the calendar's absolute URL
 * @display_name: (nullable): its name, or %NULL to show the last part of the URL
 */
TsuCaldavCalendar *
tsu_caldav_calendar_new (const char *url,
                         const char *display_name)
{
  TsuCaldavCalendar *self;

  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (TSU_TYPE_CALDAV_CALENDAR, NULL);
  self->url = g_strdup (url);
  if (display_name != NULL && *display_name != '\0')
    self->display_name = g_strdup (display_name);
  else
    {
      g_autofree char *trimmed = g_strdup (url);
      char *slash;

      while (g_str_has_suffix (trimmed, "/"))
        trimmed[strlen (trimmed) - 1] = '\0';
      slash = strrchr (trimmed, '/');
      self->display_name = g_uri_unescape_string (slash != NULL ? slash + 1 : trimmed, NULL);
      if (self->display_name == NULL)
        self->display_name = g_strdup (url);
    }
  return self;
}

const char *
tsu_caldav_calendar_get_url (TsuCaldavCalendar *self)
{
  g_return_val_if_fail (TSU_IS_CALDAV_CALENDAR (self), NULL);
  return self->url;
}

const char *
tsu_caldav_calendar_get_display_name (TsuCaldavCalendar *self)
{
  g_return_val_if_fail (TSU_IS_CALDAV_CALENDAR (self), NULL);
  return self->display_name;
}
