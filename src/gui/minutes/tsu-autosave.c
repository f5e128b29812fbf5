/* tsu-autosave.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-autosave"

#include "config.h"

#include <glib/gi18n.h>

#include "tsunagu-core.h"
#include "tsu-autosave.h"

/* Text typed into the minutes is written as it is typed. Each change to a text
 * property of a record is queued; a change waits for a pause in the typing of
 * @delay ms, but never longer than MAX_WAIT_FACTOR times that, so that steady typing
 * is still written at least every 0.75 s and a crash loses at most the last second.
 *
 * The writes run off the main thread, one batch at a time, in a store of their own on
 * the same database file. Every batch carries a generation: a batch older than the
 * last one written (possible when flush() overtakes a batch still on its way to the
 * worker) is dropped instead of overwriting newer text, and only the result of the
 * newest batch tells the window that everything is saved.
 *
 * The window's own store learns of each batch written (tsu_store_notify_saved()) back
 * on the main thread, so that the views that show the same rows — a case's open
 * actions, the search — read them again, and its next save of those rows is not
 * mistaken for a conflict with another program. */

#define MAX_WAIT_FACTOR 1.5

typedef struct {
  GType   type;
  gint64  id;
  char   *property;
  char   *text;
} Change;

typedef struct {
  TsuAutosave *self;
  GPtrArray   *changes;
  GPtrArray   *saved;        /* TsuRecord, as written */
  guint64      generation;
} Batch;

struct _TsuAutosave
{
  GObject     parent_instance;

  char       *path;
  guint       delay;
  TsuStore   *main_store;       /* told of what was written; main thread only */

  GHashTable *pending;          /* "type:id:property" → Change */
  gint64      first_pending_at; /* monotonic µs of the oldest unsaved change */
  guint       timeout_id;
  guint       in_flight : 1;

  guint64     generation;       /* of the newest batch handed to a writer */

  /* The writer's store and the generation it last wrote; touched only under lock. */
  GMutex      lock;
  TsuStore   *store;
  guint64     written;
};

G_DEFINE_FINAL_TYPE (TsuAutosave, tsu_autosave, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule (TsuAutosave *self);

static void
change_free (Change *change)
{
  g_free (change->property);
  g_free (change->text);
  g_free (change);
}

static void
batch_free (Batch *batch)
{
  g_clear_object (&batch->self);
  g_clear_pointer (&batch->changes, g_ptr_array_unref);
  g_clear_pointer (&batch->saved, g_ptr_array_unref);
  g_free (batch);
}

static char *
change_key (GType       type,
            gint64      id,
            const char *property)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%s", g_type_name (type), id, property);
}

static Batch *
take_batch (TsuAutosave *self)
{
  Batch *batch = g_new0 (Batch, 1);
  GHashTableIter iter;
  gpointer value;

  batch->self = g_object_ref (self);
  batch->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  batch->saved = g_ptr_array_new_with_free_func (g_object_unref);
  batch->generation = ++self->generation;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (batch->changes, value);
      g_hash_table_iter_steal (&iter);
    }
  self->first_pending_at = 0;
  return batch;
}

/* Runs in any one thread at a time (the lock). */
static gboolean
write_batch (Batch   *batch,
             GError **error)
{
  TsuAutosave *self = batch->self;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (batch->generation <= self->written)
    return TRUE;

  if (self->store == NULL)
    {
      self->store = tsu_store_open (self->path, error);
      if (self->store == NULL)
        return FALSE;
      tsu_store_set_audit (self->store, FALSE);
    }

  if (!tsu_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < batch->changes->len; i++)
    {
      Change *change = g_ptr_array_index (batch->changes, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(TsuRecord) record = tsu_store_load (self->store, change->type, change->id,
                                                    &local_error);

      /* A row deleted in the meantime (an agenda item removed) has nothing to keep. */
      if (record == NULL)
        {
          if (g_error_matches (local_error, TSU_DATABASE_ERROR, TSU_DATABASE_ERROR_NOT_FOUND))
            continue;
          tsu_store_rollback (self->store);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_object_set (record, change->property, change->text, NULL);
      if (!tsu_store_save (self->store, record, error))
        {
          tsu_store_rollback (self->store);
          g_ptr_array_set_size (batch->saved, 0);
          return FALSE;
        }
      g_ptr_array_add (batch->saved, g_steal_pointer (&record));
    }
  if (!tsu_store_commit (self->store, error))
    {
      g_ptr_array_set_size (batch->saved, 0);
      return FALSE;
    }

  self->written = batch->generation;
  return TRUE;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (write_batch (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* In the main thread, after a batch was committed. */
static void
notify_main_store (TsuAutosave *self,
                   Batch       *batch)
{
  if (self->main_store == NULL || batch->saved->len == 0)
    return;
  tsu_store_notify_saved (self->main_store, (TsuRecord * const *) batch->saved->pdata,
                          batch->saved->len);
}

static void
update_pending (TsuAutosave *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TsuAutosave *self = TSU_AUTOSAVE (object);
  Batch *batch = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->in_flight = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Autosave failed: %s", error->message);
      g_signal_emit (self, signals[FAILED], 0, error->message);
    }
  else
    {
      notify_main_store (self, batch);
      if (batch->generation == self->generation && g_hash_table_size (self->pending) == 0)
        g_signal_emit (self, signals[SAVED], 0);
    }

  if (g_hash_table_size (self->pending) > 0)
    schedule (self);
  update_pending (self);
}

static gboolean
write_cb_timeout (gpointer user_data)
{
  TsuAutosave *self = user_data;
  g_autoptr(GTask) task = NULL;
  Batch *batch;

  self->timeout_id = 0;
  if (g_hash_table_size (self->pending) == 0)
    return G_SOURCE_REMOVE;

  /* One writer at a time: the changes wait for the batch before them. */
  if (self->in_flight)
    return G_SOURCE_REMOVE;

  batch = take_batch (self);
  self->in_flight = TRUE;
  task = g_task_new (self, NULL, write_cb, NULL);
  g_task_set_source_tag (task, write_cb_timeout);
  g_task_set_task_data (task, batch, (GDestroyNotify) batch_free);
  g_task_run_in_thread (task, write_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule (TsuAutosave *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 deadline, wait_ms;

  if (self->first_pending_at == 0)
    self->first_pending_at = now;
  deadline = self->first_pending_at + (gint64) (self->delay * MAX_WAIT_FACTOR * 1000);
  wait_ms = MIN ((gint64) self->delay, MAX (0, (deadline - now) / 1000));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, wait_ms, write_cb_timeout,
                                         self, NULL);
}

static void
tsu_autosave_dispose (GObject *object)
{
  TsuAutosave *self = TSU_AUTOSAVE (object);
  g_autoptr(GError) error = NULL;

  if (g_hash_table_size (self->pending) > 0 && !tsu_autosave_flush (self, &error))
    g_warning ("Could not save the last changes: %s", error->message);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  G_OBJECT_CLASS (tsu_autosave_parent_class)->dispose (object);
}

static void
tsu_autosave_finalize (GObject *object)
{
  TsuAutosave *self = TSU_AUTOSAVE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->main_store);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tsu_autosave_parent_class)->finalize (object);
}

static void
tsu_autosave_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TsuAutosave *self = TSU_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_boolean (value, tsu_autosave_get_pending (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tsu_autosave_class_init (TsuAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tsu_autosave_dispose;
  object_class->finalize = tsu_autosave_finalize;
  object_class->get_property = tsu_autosave_get_property;

  /**
   * TsuAutosave:pending:
   *
   * Whether changes wait to be written or are being written.
   */
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TsuAutosave::saved:
   *
   * Every change queued so far is in the database.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TsuAutosave::failed:
   * @message: why
   *
   * A batch of changes could not be written; the text stays where it was typed.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tsu_autosave_init (TsuAutosave *self)
{
  self->delay = TSU_AUTOSAVE_DEFAULT_DELAY;
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) change_free);
  g_mutex_init (&self->lock);
}

/**
 * tsu_autosave_new:
 * @path: the database file the changes go to
 *
 * Returns: (transfer full): a new autosave
 */
TsuAutosave *
tsu_autosave_new (const char *path)
{
  TsuAutosave *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (TSU_TYPE_AUTOSAVE, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
tsu_autosave_get_path (TsuAutosave *self)
{
  g_return_val_if_fail (TSU_IS_AUTOSAVE (self), NULL);

  return self->path;
}

/**
 * tsu_autosave_set_store:
 * @store: (nullable): the store of the window that queues the changes
 *
 * After each write, @store is told what was written (tsu_store_notify_saved()) and
 * emits #TsuStore::changed for it.
 */
void
tsu_autosave_set_store (TsuAutosave *self,
                        TsuStore    *store)
{
  g_return_if_fail (TSU_IS_AUTOSAVE (self));
  g_return_if_fail (store == NULL || TSU_IS_STORE (store));

  g_set_object (&self->main_store, store);
}

/**
 * tsu_autosave_set_delay:
 * @delay_ms: the pause in typing after which changes are written
 */
void
tsu_autosave_set_delay (TsuAutosave *self,
                        guint        delay_ms)
{
  g_return_if_fail (TSU_IS_AUTOSAVE (self));

  self->delay = delay_ms;
}

/**
 * tsu_autosave_queue:
 * @type: a #TsuRecord type
 * @id: the saved record's id
 * @property: a text property of the record
 * @text: (nullable): its new value
 *
 * Queues a change; an earlier queued change of the same property is replaced.
 */
void
tsu_autosave_queue (TsuAutosave *self,
                    GType        type,
                    gint64       id,
                    const char  *property,
                    const char  *text)
{
  Change *change;
  gboolean was_pending;

  g_return_if_fail (TSU_IS_AUTOSAVE (self));
  g_return_if_fail (g_type_is_a (type, TSU_TYPE_RECORD));
  g_return_if_fail (id > 0);
  g_return_if_fail (property != NULL);

  was_pending = tsu_autosave_get_pending (self);

  change = g_new0 (Change, 1);
  change->type = type;
  change->id = id;
  change->property = g_strdup (property);
  change->text = g_strdup (text);
  g_hash_table_replace (self->pending, change_key (type, id, property), change);

  schedule (self);
  if (!was_pending)
    update_pending (self);
}

/**
 * tsu_autosave_forget:
 *
 * Drops the queued changes of one record (it is about to be deleted).
 */
void
tsu_autosave_forget (TsuAutosave *self,
                     GType        type,
                     gint64       id)
{
  g_autofree char *prefix = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (TSU_IS_AUTOSAVE (self));

  prefix = g_strdup_printf ("%s:%" G_GINT64_FORMAT ":", g_type_name (type), id);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);
}

gboolean
tsu_autosave_get_pending (TsuAutosave *self)
{
  g_return_val_if_fail (TSU_IS_AUTOSAVE (self), FALSE);

  return self->in_flight || g_hash_table_size (self->pending) > 0;
}

/**
 * tsu_autosave_flush:
 * @error: return location for a #TsuDatabaseError
 *
 * Writes the queued changes now, in the calling thread (the main thread), after a
 * batch that a worker is writing. Call it before a window closes or before the
 * minutes are confirmed.
 *
 * Returns: %TRUE when every change is in the database
 */
gboolean
tsu_autosave_flush (TsuAutosave  *self,
                    GError      **error)
{
  Batch *batch;
  gboolean ok;

  g_return_val_if_fail (TSU_IS_AUTOSAVE (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (g_hash_table_size (self->pending) == 0)
    return TRUE;

  batch = take_batch (self);
  ok = write_batch (batch, error);
  if (ok)
    notify_main_store (self, batch);
  /* Dispose calls this: no reference to a disposing object stays behind. */
  g_clear_object (&batch->self);
  batch_free (batch);
  if (!self->in_flight)
    update_pending (self);
  return ok;
}
