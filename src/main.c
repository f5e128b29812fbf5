/* main.c
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tsunagu"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gui/tsu-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TsuApplication) application = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* An uninstalled build (build-aux/run, the tests) finds its translation in <build>/po. */
  localedir = g_getenv ("TSUNAGU_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Tsunagu"));

  application = tsu_application_new (APPLICATION_ID, G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
