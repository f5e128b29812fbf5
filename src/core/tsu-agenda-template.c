/* tsu-agenda-template.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-agenda-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tsu-agenda-template.h"
#include "model/tsu-agenda-item.h"

/* An agenda template is a named list of agenda item titles with their planned
 * minutes. Two come with the application, in the order a Saitama case conference and
 * a municipal council usually run; staff save their own from any meeting's agenda
 * (table agenda_template). Applying a template appends its items to a meeting. */

typedef struct {
  char  *title;
  guint  minutes;
} Item;

struct _TsuAgendaTemplate
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *meeting_kind;
  GArray  *items;
};

G_DEFINE_FINAL_TYPE (TsuAgendaTemplate, tsu_agenda_template, G_TYPE_OBJECT)

static const struct {
  const char *kind;
  const char *name;
  const char *titles[8];
  guint       minutes[8];
} builtins[] = {
  { "case-conference", N_("Case Conference"),
    { N_("Opening and introductions"), N_("Case overview"), N_("Current situation and issues"),
      N_("Discussion of the support plan"), N_("Division of roles"), N_("Next meeting"), NULL },
    { 5, 10, 20, 30, 15, 5 } },
  { "municipal-council", N_("Municipal Council"),
    { N_("Opening remarks"), N_("Report on activities since the last meeting"),
      N_("Reports from the agencies"), N_("Discussion of local issues"),
      N_("Information sharing"), N_("Other business and next meeting"), NULL },
    { 5, 20, 20, 30, 10, 5 } },
};

static void
item_clear (Item *item)
{
  g_clear_pointer (&item->title, g_free);
}

static void
tsu_agenda_template_finalize (GObject *object)
{
  TsuAgendaTemplate *self = TSU_AGENDA_TEMPLATE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->meeting_kind, g_free);
  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (tsu_agenda_template_parent_class)->finalize (object);
}

static void
tsu_agenda_template_class_init (TsuAgendaTemplateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tsu_agenda_template_finalize;
}

static void
tsu_agenda_template_init (TsuAgendaTemplate *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, (GDestroyNotify) item_clear);
}

static TsuAgendaTemplate *
template_new (gint64      id,
              const char *name,
              const char *meeting_kind)
{
  TsuAgendaTemplate *self = g_object_new (TSU_TYPE_AGENDA_TEMPLATE, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->meeting_kind = g_strdup (meeting_kind);
  return self;
}

static void
template_add (TsuAgendaTemplate *self,
              const char        *title,
              guint              minutes)
{
  Item item = { g_strdup (title), minutes };

  g_array_append_val (self->items, item);
}

/**
 * tsu_agenda_template_list:
 * @store: a store
 * @error: return location for a #TsuDatabaseError
 *
 * The built-in templates, then those staff saved, by name.
 *
 * Returns: (transfer full) (nullable): a list of #TsuAgendaTemplate
 */
GListModel *
tsu_agenda_template_list (TsuStore  *store,
                          GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (TSU_TYPE_AGENDA_TEMPLATE);
  g_autoptr(TsuAgendaTemplate) current = NULL;
  TsuDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSU_IS_STORE (store), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      g_autoptr(TsuAgendaTemplate) t = template_new (0, _(builtins[i].name), builtins[i].kind);

      for (guint j = 0; builtins[i].titles[j] != NULL; j++)
        template_add (t, _(builtins[i].titles[j]), builtins[i].minutes[j]);
      g_list_store_append (list, t);
    }

  database = tsu_store_get_database (store);
  stmt = tsu_database_prepare (database,
                               "SELECT t.id, t.name, i.title, i.planned_minutes "
                               "FROM agenda_template t "
                               "LEFT JOIN agenda_template_item i ON i.template_id = t.id "
                               "ORDER BY t.name, t.id, i.position, i.id", NULL);
  /* A database made before the table existed still offers the built-in templates. */
  if (stmt == NULL)
    return G_LIST_MODEL (g_steal_pointer (&list));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (current == NULL || current->id != id)
        {
          g_clear_object (&current);
          current = template_new (id, (const char *) sqlite3_column_text (stmt, 1), NULL);
          g_list_store_append (list, current);
        }
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        template_add (current, (const char *) sqlite3_column_text (stmt, 2),
                      sqlite3_column_int (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tsu_database_set_error (database, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * tsu_agenda_template_save:
 * @store: a store
 * @name: the template's name; a saved template of the same name is replaced
 * @agenda_items: a list of #TsuAgendaItem, in order
 * @error: return location for a #TsuDatabaseError
 *
 * Saves an agenda as a template.
 */
gboolean
tsu_agenda_template_save (TsuStore    *store,
                          const char  *name,
                          GListModel  *agenda_items,
                          GError     **error)
{
  g_autofree char *stripped = NULL;
  TsuDatabase *database;
  sqlite3_stmt *stmt;
  gint64 id;
  guint n;

  g_return_val_if_fail (TSU_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (agenda_items), FALSE);

  stripped = g_strstrip (g_strdup (name));
  n = g_list_model_get_n_items (agenda_items);
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL) || strlen (stripped) > 200)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("Give the template a name."));
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("The agenda is empty: there is nothing to save as a template."));
      return FALSE;
    }

  database = tsu_store_get_database (store);
  if (!tsu_store_begin (store, error))
    return FALSE;

  stmt = tsu_database_prepare (database, "DELETE FROM agenda_template WHERE name = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto sqlite_fail;
  sqlite3_reset (stmt);

  stmt = tsu_database_prepare (database, "INSERT INTO agenda_template (name) VALUES (?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto sqlite_fail;
  sqlite3_reset (stmt);
  id = sqlite3_last_insert_rowid (tsu_database_get_handle (database));

  stmt = tsu_database_prepare (database,
                               "INSERT INTO agenda_template_item "
                               "(template_id, position, title, planned_minutes) VALUES (?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TsuAgendaItem) item = g_list_model_get_item (agenda_items, i);

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, tsu_agenda_item_get_title (item), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, tsu_agenda_item_get_planned_minutes (item));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto sqlite_fail;
      sqlite3_reset (stmt);
    }

  return tsu_store_commit (store, error);

sqlite_fail:
  tsu_database_set_error (database, sqlite3_reset (stmt), error);
fail:
  tsu_store_rollback (store);
  return FALSE;
}

/**
 * tsu_agenda_template_delete:
 *
 * Deletes a saved template; the built-in ones cannot be deleted.
 */
gboolean
tsu_agenda_template_delete (TsuAgendaTemplate  *self,
                            TsuStore           *store,
                            GError            **error)
{
  TsuDatabase *database;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TSU_IS_AGENDA_TEMPLATE (self), FALSE);
  g_return_val_if_fail (TSU_IS_STORE (store), FALSE);

  if (self->id == 0)
    {
      g_set_error (error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_INVALID,
                   _("The templates that come with Tsunagu cannot be deleted."));
      return FALSE;
    }
  database = tsu_store_get_database (store);
  stmt = tsu_database_prepare (database, "DELETE FROM agenda_template WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tsu_database_set_error (database, rc, error);
  return TRUE;
}

/**
 * tsu_agenda_template_apply:
 * @meeting_id: a saved meeting
 *
 * Appends the template's items to the meeting's agenda, in one transaction.
 */
gboolean
tsu_agenda_template_apply (TsuAgendaTemplate  *self,
                           TsuStore           *store,
                           gint64              meeting_id,
                           GError            **error)
{
  g_autoptr(GListModel) existing = NULL;
  gint64 position = 0;
  guint n;

  g_return_val_if_fail (TSU_IS_AGENDA_TEMPLATE (self), FALSE);
  g_return_val_if_fail (TSU_IS_STORE (store), FALSE);

  existing = tsu_store_list_by (store, TSU_TYPE_AGENDA_ITEM, "meeting_id", meeting_id,
                                "position", error);
  if (existing == NULL)
    return FALSE;
  n = g_list_model_get_n_items (existing);
  if (n > 0)
    {
      g_autoptr(TsuAgendaItem) last = g_list_model_get_item (existing, n - 1);

      position = tsu_agenda_item_get_position (last) + 1;
    }

  if (!tsu_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      g_autoptr(TsuAgendaItem) row = tsu_agenda_item_new ();

      tsu_agenda_item_set_meeting_id (row, meeting_id);
      tsu_agenda_item_set_position (row, position + i);
      tsu_agenda_item_set_title (row, item->title);
      tsu_agenda_item_set_planned_minutes (row, item->minutes);
      if (!tsu_store_save (store, TSU_RECORD (row), error))
        {
          tsu_store_rollback (store);
          return FALSE;
        }
    }
  return tsu_store_commit (store, error);
}

/**
 * tsu_agenda_template_get_id:
 *
 * Returns: the saved template's id, 0 for a built-in one
 */
gint64
tsu_agenda_template_get_id (TsuAgendaTemplate *self)
{
  g_return_val_if_fail (TSU_IS_AGENDA_TEMPLATE (self), 0);
  return self->id;
}

const char *
tsu_agenda_template_get_name (TsuAgendaTemplate *self)
{
  g_return_val_if_fail (TSU_IS_AGENDA_TEMPLATE (self), NULL);
  return self->name;
}

/**
 * tsu_agenda_template_get_meeting_kind:
 *
 * Returns: (nullable): the kind of meeting a built-in template is made for
 */
const char *
tsu_agenda_template_get_meeting_kind (TsuAgendaTemplate *self)
{
  g_return_val_if_fail (TSU_IS_AGENDA_TEMPLATE (self), NULL);
  return self->meeting_kind;
}

guint
tsu_agenda_template_get_n_items (TsuAgendaTemplate *self)
{
  g_return_val_if_fail (TSU_IS_AGENDA_TEMPLATE (self), 0);
  return self->items->len;
}

const char *
tsu_agenda_template_get_item_title (TsuAgendaTemplate *self,
                                    guint              position)
{
  g_return_val_if_fail (TSU_IS_AGENDA_TEMPLATE (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);
  return g_array_index (self->items, Item, position).title;
}

guint
tsu_agenda_template_get_item_minutes (TsuAgendaTemplate *self,
                                      guint              position)
{
  g_return_val_if_fail (TSU_IS_AGENDA_TEMPLATE (self), 0);
  g_return_val_if_fail (position < self->items->len, 0);
  return g_array_index (self->items, Item, position).minutes;
}
