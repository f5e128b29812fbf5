/* tsu-caldav-secret.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsu-caldav-secret"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "tsu-caldav-secret.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".CalDAV", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static char *
label_for (const char *server_url,
           const char *user)
{
  /* TRANSLATORS: the name of the password in the keyring; %s are a user and a server */
  return g_strdup_printf (_("Tsunagu shared calendar: %s on %s"), user, server_url);
}

gboolean
tsu_caldav_secret_store (const char    *server_url,
                         const char    *user,
                         const char    *password,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *label = label_for (server_url, user);

  return secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                     cancellable, error,
                                     "server", server_url, "user", user, NULL);
}

/* Returns: (transfer full) (nullable): the password, or %NULL without an error when
 * the keyring has none */
char *
tsu_caldav_secret_lookup (const char    *server_url,
                          const char    *user,
                          GCancellable  *cancellable,
                          GError       **error)
{
  char *secret = secret_password_lookup_sync (get_schema (), cancellable, error,
                                              "server", server_url, "user", user, NULL);
  char *copy = g_strdup (secret);

  secret_password_free (secret);
  return copy;
}

void
tsu_caldav_secret_store_async (const char          *server_url,
                               const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *label = label_for (server_url, user);

  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         callback, user_data, "server", server_url, "user", user, NULL);
}

gboolean
tsu_caldav_secret_store_finish (GAsyncResult  *result,
                                GError       **error)
{
  return secret_password_store_finish (result, error);
}

void
tsu_caldav_secret_lookup_async (const char          *server_url,
                                const char          *user,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  secret_password_lookup (get_schema (), cancellable, callback, user_data,
                          "server", server_url, "user", user, NULL);
}

char *
tsu_caldav_secret_lookup_finish (GAsyncResult  *result,
                                 GError       **error)
{
  char *secret = secret_password_lookup_finish (result, error);
  char *copy = g_strdup (secret);

  secret_password_free (secret);
  return copy;
}
