/* tsu-search-hit.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-search-hit"

#include "config.h"

#include "tsu-search-hit.h"

/* One search result: which kind of row (case, agency, person, meeting, agenda,
 * minutes, discussion, decision), its id, a title and the text around the match. */

struct _TsuSearchHit
{
  GObject  parent_instance;

  char    *kind;
  gint64   ref_id;
  char    *title;
  char    *snippet;
};

G_DEFINE_FINAL_TYPE (TsuSearchHit, tsu_search_hit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_REF_ID,
  PROP_TITLE,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tsu_search_hit_finalize (GObject *object)
{
  TsuSearchHit *self = TSU_SEARCH_HIT (object);

  g_free (self->kind);
  g_free (self->title);
  g_free (self->snippet);

  G_OBJECT_CLASS (tsu_search_hit_parent_class)->finalize (object);
}

static void
tsu_search_hit_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TsuSearchHit *self = TSU_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_REF_ID:
      g_value_set_int64 (value, self->ref_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_search_hit_class_init (TsuSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tsu_search_hit_finalize;
  object_class->get_property = tsu_search_hit_get_property;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REF_ID] =
    g_param_spec_int64 ("ref-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tsu_search_hit_init (TsuSearchHit *self)
{
}

TsuSearchHit *
tsu_search_hit_new (const char *kind,
                    gint64      ref_id,
                    const char *title,
                    const char *snippet)
{
  TsuSearchHit *self = g_object_new (TSU_TYPE_SEARCH_HIT, NULL);

  self->kind = g_strdup (kind);
  self->ref_id = ref_id;
  self->title = g_strdup (title);
  self->snippet = g_strdup (snippet);
  return self;
}

const char *
tsu_search_hit_get_kind (TsuSearchHit *self)
{
  g_return_val_if_fail (TSU_IS_SEARCH_HIT (self), NULL);
  return self->kind;
}

gint64
tsu_search_hit_get_ref_id (TsuSearchHit *self)
{
  g_return_val_if_fail (TSU_IS_SEARCH_HIT (self), 0);
  return self->ref_id;
}

const char *
tsu_search_hit_get_title (TsuSearchHit *self)
{
  g_return_val_if_fail (TSU_IS_SEARCH_HIT (self), NULL);
  return self->title;
}

const char *
tsu_search_hit_get_snippet (TsuSearchHit *self)
{
  g_return_val_if_fail (TSU_IS_SEARCH_HIT (self), NULL);
  return self->snippet;
}
