/* tsu-caldav-module.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-caldav-module"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "tsu-caldav-module.h"

/* CalDAV sync needs libsoup, libxml2 and libsecret, and they bring Kerberos, GnuTLS's
 * friends and ICU's data with them: about twenty libraries that would be loaded and
 * relocated at every start, and that make every later symbol lookup (GTK's GL driver
 * loads Mesa) slower. The app and the command line are built without them; the CalDAV
 * half of the core is the module "tsunagu-caldav", loaded here the first time the
 * window syncs a shared calendar or Preferences looks for one, or on `tsunagu-cli
 * sync`. The module takes the rest of the core from the executable, which exports its
 * symbols for it (src/meson.build, src/cli/meson.build).
 *
 * The module is looked for in $TSUNAGU_MODULEDIR alone where it is set (the tests),
 * else next to the executable or in the folder above it (an uninstalled build:
 * build/src/, with the command line in build/src/cli/) and in the folder it is
 * installed to. */

#define MODULE_NAME "tsunagu-caldav"

typedef struct {
  void         (*sync_async)           (const char *, const char *, const char *, const char *,
                                        const char *, GCancellable *, GAsyncReadyCallback, gpointer);
  gboolean     (*sync_finish)          (GAsyncResult *, TsuCaldavSyncStats *, GError **);
  gint64       (*sync_count_pending)   (TsuStore *);
  void         (*discover_async)       (const char *, const char *, const char *, GCancellable *,
                                        GAsyncReadyCallback, gpointer);
  GListModel  *(*discover_finish)      (GAsyncResult *, GError **);
  void         (*secret_store_async)   (const char *, const char *, const char *, GCancellable *,
                                        GAsyncReadyCallback, gpointer);
  gboolean     (*secret_store_finish)  (GAsyncResult *, GError **);
  void         (*secret_lookup_async)  (const char *, const char *, GCancellable *,
                                        GAsyncReadyCallback, gpointer);
  char        *(*secret_lookup_finish) (GAsyncResult *, GError **);
} Functions;

static const struct {
  const char *name;
  gsize       offset;
} symbols[] = {
  { "tsu_caldav_sync_async", G_STRUCT_OFFSET (Functions, sync_async) },
  { "tsu_caldav_sync_finish", G_STRUCT_OFFSET (Functions, sync_finish) },
  { "tsu_caldav_sync_count_pending", G_STRUCT_OFFSET (Functions, sync_count_pending) },
  { "tsu_caldav_discover_async", G_STRUCT_OFFSET (Functions, discover_async) },
  { "tsu_caldav_discover_finish", G_STRUCT_OFFSET (Functions, discover_finish) },
  { "tsu_caldav_secret_store_async", G_STRUCT_OFFSET (Functions, secret_store_async) },
  { "tsu_caldav_secret_store_finish", G_STRUCT_OFFSET (Functions, secret_store_finish) },
  { "tsu_caldav_secret_lookup_async", G_STRUCT_OFFSET (Functions, secret_lookup_async) },
  { "tsu_caldav_secret_lookup_finish", G_STRUCT_OFFSET (Functions, secret_lookup_finish) },
};

static Functions functions;

static GModule *
open_module (GError **error)
{
  const char *override = g_getenv ("TSUNAGU_MODULEDIR");
  g_autofree char *executable = override == NULL ? g_file_read_link ("/proc/self/exe", NULL) : NULL;
  g_autofree char *executable_dir = executable != NULL ? g_path_get_dirname (executable) : NULL;
  g_autofree char *parent_dir = executable_dir != NULL ? g_path_get_dirname (executable_dir) : NULL;
  const char *folders[] = { override, executable_dir, parent_dir, override == NULL ? TSU_MODULEDIR : NULL };
  g_autofree char *last_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = NULL;
      GModule *module;

      if (folders[i] == NULL || folders[i][0] == '\0')
        continue;
      path = g_build_filename (folders[i], MODULE_NAME "." G_MODULE_SUFFIX, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      /* Local: the module's symbols are only looked up here. */
      module = g_module_open (path, G_MODULE_BIND_LOCAL);
      if (module != NULL)
        {
          g_module_make_resident (module);
          return module;
        }
      g_free (last_error);
      last_error = g_strdup (g_module_error ());
      g_warning ("%s", last_error);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("Tsunagu’s shared calendar support (%s) is not installed correctly: %s"), MODULE_NAME,
               last_error != NULL ? last_error : _("the file is missing"));
  return NULL;
}

/**
 * tsu_caldav_module_symbol:
 * @name: a function of src/core's CalDAV half, such as "tsu_caldav_sync"
 * @error: return location for an error
 *
 * Loads the module the first time.
 *
 * Returns: (nullable): the function's address, or %NULL with @error set
 */
gpointer
tsu_caldav_module_symbol (const char  *name,
                          GError     **error)
{
  static gsize loaded;
  static GModule *module;
  static GError *open_error;
  gpointer address = NULL;

  if (g_once_init_enter (&loaded))
    {
      module = open_module (&open_error);
      g_once_init_leave (&loaded, 1);
    }

  if (module == NULL)
    g_propagate_error (error, g_error_copy (open_error));
  else if (!g_module_symbol (module, name, &address) || address == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Tsunagu’s shared calendar support (%s) is not installed correctly: %s"),
                 MODULE_NAME, g_module_error ());
  return address;
}

/* Returns: (nullable): the functions, or %NULL with @error set */
static const Functions *
load (GError **error)
{
  static gsize loaded;
  static GError *load_error;

  if (g_once_init_enter (&loaded))
    {
      for (guint i = 0; i < G_N_ELEMENTS (symbols) && load_error == NULL; i++)
        *(gpointer *) G_STRUCT_MEMBER_P (&functions, symbols[i].offset) =
          tsu_caldav_module_symbol (symbols[i].name, &load_error);
      g_once_init_leave (&loaded, 1);
    }

  if (load_error != NULL)
    {
      g_propagate_error (error, g_error_copy (load_error));
      return NULL;
    }
  return &functions;
}

/* A failed load goes to the callback as the operation's error. */
static void
report_load_error (GAsyncReadyCallback  callback,
                   gpointer             user_data,
                   gpointer             source_tag,
                   GError              *error)
{
  g_task_report_error (NULL, callback, user_data, source_tag, error);
}

void
tsu_caldav_module_sync_async (const char          *database_path,
                              const char          *server_url,
                              const char          *user,
                              const char          *password,
                              const char          *calendar_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GError *error = NULL;
  const Functions *f = load (&error);

  if (f == NULL)
    report_load_error (callback, user_data, tsu_caldav_module_sync_async, error);
  else
    f->sync_async (database_path, server_url, user, password, calendar_url, cancellable, callback, user_data);
}

gboolean
tsu_caldav_module_sync_finish (GAsyncResult        *result,
                               TsuCaldavSyncStats  *stats,
                               GError             **error)
{
  if (g_async_result_is_tagged (result, tsu_caldav_module_sync_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return load (NULL)->sync_finish (result, stats, error);
}

/* Returns: how many meetings wait to go to the server; -1 when the database does not
 *   sync or the module cannot be loaded (a sync then says why) */
gint64
tsu_caldav_module_sync_count_pending (TsuStore *store)
{
  const Functions *f = load (NULL);

  return f != NULL ? f->sync_count_pending (store) : -1;
}

void
tsu_caldav_module_discover_async (const char          *server_url,
                                  const char          *user,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GError *error = NULL;
  const Functions *f = load (&error);

  if (f == NULL)
    report_load_error (callback, user_data, tsu_caldav_module_discover_async, error);
  else
    f->discover_async (server_url, user, password, cancellable, callback, user_data);
}

GListModel *
tsu_caldav_module_discover_finish (GAsyncResult  *result,
                                   GError       **error)
{
  if (g_async_result_is_tagged (result, tsu_caldav_module_discover_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return load (NULL)->discover_finish (result, error);
}

void
tsu_caldav_module_secret_store_async (const char          *server_url,
                                      const char          *user,
                                      const char          *password,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GError *error = NULL;
  const Functions *f = load (&error);

  if (f == NULL)
    report_load_error (callback, user_data, tsu_caldav_module_secret_store_async, error);
  else
    f->secret_store_async (server_url, user, password, cancellable, callback, user_data);
}

gboolean
tsu_caldav_module_secret_store_finish (GAsyncResult  *result,
                                       GError       **error)
{
  if (g_async_result_is_tagged (result, tsu_caldav_module_secret_store_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return load (NULL)->secret_store_finish (result, error);
}

void
tsu_caldav_module_secret_lookup_async (const char          *server_url,
                                       const char          *user,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GError *error = NULL;
  const Functions *f = load (&error);

  if (f == NULL)
    report_load_error (callback, user_data, tsu_caldav_module_secret_lookup_async, error);
  else
    f->secret_lookup_async (server_url, user, cancellable, callback, user_data);
}

char *
tsu_caldav_module_secret_lookup_finish (GAsyncResult  *result,
                                        GError       **error)
{
  if (g_async_result_is_tagged (result, tsu_caldav_module_secret_lookup_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return load (NULL)->secret_lookup_finish (result, error);
}
