/* tsu-test-radicale.c: a throw-away Radicale server for the CalDAV tests and bench
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "tsu-test-radicale.h"

gboolean
tsu_test_radicale_available (void)
{
  return g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) &&
         g_file_test ("/usr/lib/python3/dist-packages/radicale/__init__.py", G_FILE_TEST_EXISTS);
}

guint16
tsu_test_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

void
tsu_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        tsu_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

char *
tsu_test_radicale_write_config (const char  *dir,
                                guint16      port,
                                const char  *users,
                                GError     **error)
{
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *storage = g_build_filename (dir, "collections", NULL);
  g_autofree char *htpasswd = g_build_filename (dir, "users", NULL);
  g_autofree char *auth = NULL;
  g_autofree char *text = NULL;

  if (users != NULL)
    {
      if (!g_file_set_contents (htpasswd, users, -1, error))
        return NULL;
      auth = g_strdup_printf ("[auth]\ntype = htpasswd\nhtpasswd_filename = %s\nhtpasswd_encryption = plain\n"
                              "[rights]\ntype = owner_only\n", htpasswd);
    }
  else
    auth = g_strdup ("[auth]\ntype = none\n[rights]\ntype = authenticated\n");
  text = g_strdup_printf ("[server]\nhosts = 127.0.0.1:%u\n%s[storage]\nfilesystem_folder = %s\n"
                          "[logging]\nlevel = warning\n", port, auth, storage);
  if (!g_file_set_contents (config, text, -1, error))
    return NULL;
  return g_steal_pointer (&config);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

GSubprocess *
tsu_test_radicale_spawn (const char  *script,
                         const char  *config,
                         GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  const char *argv[] = { "/usr/bin/python3", script, config, "--no-fsync", NULL };

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

gboolean
tsu_test_radicale_make_calendar (TsuCaldavClient *client,
                                 const char      *url)
{
  for (int i = 0; i < 200; i++)
    {
      if (tsu_caldav_client_send (client, "MKCALENDAR", url, NULL, NULL, NULL, NULL, NULL, NULL, NULL) == 201)
        return TRUE;
      g_usleep (50 * 1000);
    }
  return FALSE;
}

void
tsu_test_radicale_stop (GSubprocess *process,
                        int          signal)
{
  g_subprocess_send_signal (process, signal);
  g_subprocess_wait (process, NULL, NULL);
}

void
tsu_test_store_open (TsuTestStore *side,
                     const char   *prefix,
                     const char   *name)
{
  g_autoptr(GError) error = NULL;

  side->dir = g_dir_make_tmp (prefix, &error);
  g_assert_no_error (error);
  side->path = g_build_filename (side->dir, name, NULL);
  side->store = tsu_store_open (side->path, &error);
  g_assert_no_error (error);
}

void
tsu_test_store_close (TsuTestStore *side)
{
  g_clear_object (&side->store);
  tsu_test_remove_tree (side->dir);
  g_clear_pointer (&side->dir, g_free);
  g_clear_pointer (&side->path, g_free);
}
