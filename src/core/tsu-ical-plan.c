/* tsu-ical-plan.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-ical-plan"

#include "config.h"

#include "tsu-ical-plan-private.h"

/* TsuIcalPlan: what importing an .ics file will do, one TsuIcalPlanRow per event, in
 * the order of the file. A GListModel, so that a preview dialog can show it in a
 * GtkColumnView as it is. Made by tsu_ical_import_preview(), carried out (once) by
 * tsu_ical_import_apply(). */

struct _TsuIcalPlan
{
  GObject    parent_instance;

  GPtrArray *rows;
  guint      n_added;
  guint      n_updated;
  guint      n_skipped;
  guint      applied : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TsuIcalPlan, tsu_ical_plan, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
tsu_ical_plan_get_item_type (GListModel *model)
{
  return TSU_TYPE_ICAL_PLAN_ROW;
}

static guint
tsu_ical_plan_get_n_items (GListModel *model)
{
  return TSU_ICAL_PLAN (model)->rows->len;
}

static gpointer
tsu_ical_plan_get_item (GListModel *model,
                        guint       position)
{
  TsuIcalPlan *self = TSU_ICAL_PLAN (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (self->rows->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tsu_ical_plan_get_item_type;
  iface->get_n_items = tsu_ical_plan_get_n_items;
  iface->get_item = tsu_ical_plan_get_item;
}

static void
tsu_ical_plan_finalize (GObject *object)
{
  TsuIcalPlan *self = TSU_ICAL_PLAN (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tsu_ical_plan_parent_class)->finalize (object);
}

static void
tsu_ical_plan_class_init (TsuIcalPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsu_ical_plan_finalize;
}

static void
tsu_ical_plan_init (TsuIcalPlan *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

TsuIcalPlan *
tsu_ical_plan_new (void)
{
  return g_object_new (TSU_TYPE_ICAL_PLAN, NULL);
}

/* Takes the rows (and @rows) and counts them. */
void
tsu_ical_plan_take_rows (TsuIcalPlan *self,
                         GPtrArray   *rows)
{
  g_return_if_fail (TSU_IS_ICAL_PLAN (self));

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;
  self->n_added = self->n_updated = self->n_skipped = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      TsuIcalPlanRow *row = rows->pdata[i];

      switch (row->action)
        {
        case TSU_ICAL_ACTION_ADD:
          self->n_added++;
          break;
        case TSU_ICAL_ACTION_UPDATE:
          self->n_updated++;
          break;
        case TSU_ICAL_ACTION_SKIP:
        default:
          self->n_skipped++;
          break;
        }
    }
}

/**
 * tsu_ical_plan_get_rows:
 *
 * Returns: (transfer none) (element-type TsuIcalPlanRow): the rows
 */
GPtrArray *
tsu_ical_plan_get_rows (TsuIcalPlan *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN (self), NULL);

  return self->rows;
}

void
tsu_ical_plan_set_applied (TsuIcalPlan *self)
{
  g_return_if_fail (TSU_IS_ICAL_PLAN (self));

  self->applied = TRUE;
}

/**
 * tsu_ical_plan_get_n_added:
 *
 * Returns: the events (meetings, series and overridden occurrences) the import adds
 */
guint
tsu_ical_plan_get_n_added (TsuIcalPlan *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN (self), 0);

  return self->n_added;
}

/**
 * tsu_ical_plan_get_n_updated:
 *
 * Returns: the stored meetings with the same UID that the import replaces
 */
guint
tsu_ical_plan_get_n_updated (TsuIcalPlan *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN (self), 0);

  return self->n_updated;
}

/**
 * tsu_ical_plan_get_n_skipped:
 *
 * Returns: the events left out, each with its reason
 */
guint
tsu_ical_plan_get_n_skipped (TsuIcalPlan *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN (self), 0);

  return self->n_skipped;
}

/**
 * tsu_ical_plan_is_empty:
 *
 * Returns: %TRUE when applying the plan would change nothing
 */
gboolean
tsu_ical_plan_is_empty (TsuIcalPlan *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN (self), TRUE);

  return self->n_added == 0 && self->n_updated == 0;
}

/**
 * tsu_ical_plan_get_applied:
 *
 * Returns: %TRUE once tsu_ical_import_apply() carried the plan out
 */
gboolean
tsu_ical_plan_get_applied (TsuIcalPlan *self)
{
  g_return_val_if_fail (TSU_IS_ICAL_PLAN (self), FALSE);

  return self->applied;
}
