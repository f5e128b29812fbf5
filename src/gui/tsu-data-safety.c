/* tsu-data-safety.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-data-safety"

#include "config.h"

#include "tsunagu-core.h"
#include "tsu-data-safety.h"

typedef struct {
  char  *database_path;
  char  *backup_path;
  char  *backup_folder;
  guint  keep;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->database_path);
  g_free (job->backup_path);
  g_free (job->backup_folder);
  g_free (job);
}

static GTask *
start (const char          *database_path,
       const char          *backup_path,
       const char          *backup_folder,
       guint                keep,
       gpointer             source_tag,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->database_path = g_strdup (database_path);
  job->backup_path = g_strdup (backup_path);
  job->backup_folder = g_strdup (backup_folder);
  job->keep = keep;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  return task;
}

/**
 * tsu_data_safety_get_backup_folder:
 *
 * Returns: (transfer full): the folder of the "backup-folder" setting, or the default
 *   one beside the database
 */
char *
tsu_data_safety_get_backup_folder (GSettings  *settings,
                                   const char *database_path)
{
  g_autofree char *chosen = g_settings_get_string (settings, "backup-folder");

  if (chosen != NULL && *chosen != '\0')
    return g_steal_pointer (&chosen);
  return tsu_backup_get_default_folder (database_path);
}

/* The check at start: SQLite's quick_check, then the day's backup (a damaged file is
 * never backed up over good backups). */
static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuDatabase) db = tsu_database_open (job->database_path, &error);
  g_autofree char *backup = NULL;

  if (db == NULL || !tsu_database_check_integrity (db, TRUE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  backup = tsu_backup_daily (db, job->backup_folder, job->keep, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, backup ? g_steal_pointer (&backup) : g_strdup (""), g_free);
}

void
tsu_data_safety_check_async (const char          *database_path,
                             const char          *backup_folder,
                             guint                keep,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = start (database_path, NULL, backup_folder, keep,
                                 tsu_data_safety_check_async, cancellable, callback, user_data);

  g_task_run_in_thread (task, check_thread);
}

/**
 * tsu_data_safety_check_finish:
 * @backup: (out) (optional): the path of today's new backup, or "" when none was needed
 *
 * Returns: %FALSE with %TSU_DATABASE_ERROR_CORRUPT when the database is damaged
 */
gboolean
tsu_data_safety_check_finish (GAsyncResult  *result,
                              char         **backup,
                              GError       **error)
{
  char *path = g_task_propagate_pointer (G_TASK (result), error);

  if (path == NULL)
    return FALSE;
  if (backup != NULL)
    *backup = path;
  else
    g_free (path);
  return TRUE;
}

static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsuDatabase) db = tsu_database_open (job->database_path, &error);
  char *path = db ? tsu_backup_now (db, job->backup_folder, job->keep, &error) : NULL;

  if (path == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, path, g_free);
}

void
tsu_data_safety_backup_async (const char          *database_path,
                              const char          *backup_folder,
                              guint                keep,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = start (database_path, NULL, backup_folder, keep,
                                 tsu_data_safety_backup_async, cancellable, callback, user_data);

  g_task_run_in_thread (task, backup_thread);
}

/** tsu_data_safety_backup_finish: Returns: (transfer full): the new backup's path */
char *
tsu_data_safety_backup_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  char *kept = tsu_backup_restore (job->database_path, job->backup_path, job->backup_folder, &error);

  if (kept == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, kept, g_free);
}

/**
 * tsu_data_safety_restore_async:
 *
 * Puts @backup_path in place of the database; nothing may have the database open.
 */
void
tsu_data_safety_restore_async (const char          *database_path,
                               const char          *backup_path,
                               const char          *backup_folder,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = start (database_path, backup_path, backup_folder, 0,
                                 tsu_data_safety_restore_async, cancellable, callback, user_data);

  g_task_run_in_thread (task, restore_thread);
}

/** tsu_data_safety_restore_finish: Returns: (transfer full): where the replaced database was kept ("" if none) */
char *
tsu_data_safety_restore_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tsu_data_safety_find_good_backup:
 *
 * Returns: (transfer full) (nullable): the newest backup of @database_path in @backup_folder that passes
 *   the checks, or %NULL
 */
char *
tsu_data_safety_find_good_backup (const char *backup_folder,
                                  const char *database_path)
{
  g_autoptr(GPtrArray) backups = tsu_backup_list (backup_folder, database_path);

  for (guint i = backups->len; i-- > 0;)
    if (tsu_backup_verify (backups->pdata[i], NULL))
      return g_strdup (backups->pdata[i]);
  return NULL;
}
