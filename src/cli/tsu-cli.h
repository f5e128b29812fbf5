/* tsu-cli.h: what the commands of tsunagu-cli share
 *
 * Copyright 2026 The Tsunagu authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tsunagu-core.h"

G_BEGIN_DECLS

/* A command: gets the --database option (or NULL) and its own argv (argv[0] is the
 * command's name); returns the exit status (0 fine, 1 failed, 2 wrong usage). */
typedef int (*CommandFunc) (const char *database, int argc, char **argv);

char       *tsu_cli_database_path (const char    *option);
TsuStore   *tsu_cli_open_store    (const char    *database);
gboolean    tsu_cli_parse_options (const char    *command,
                                   const char    *args,
                                   const char    *summary,
                                   GOptionEntry  *entries,
                                   int           *argc,
                                   char        ***argv,
                                   int           *status);
GDateTime  *tsu_cli_parse_date    (const char    *text);
char       *tsu_cli_format_instant (gint64        t);
char       *tsu_cli_tsv_field     (const char    *text);
void        tsu_cli_json_string   (GString       *out,
                                   const char    *text);
gboolean    tsu_cli_check_format  (const char    *format);

int         tsu_cli_export_csv    (const char    *database,
                                   int            argc,
                                   char         **argv);
int         tsu_cli_import_csv    (const char    *database,
                                   int            argc,
                                   char         **argv);
int         tsu_cli_export_audit  (const char    *database,
                                   int            argc,
                                   char         **argv);

int         tsu_cli_export_ics        (const char *database,
                                       int         argc,
                                       char      **argv);
int         tsu_cli_export_invitation (const char *database,
                                       int         argc,
                                       char      **argv);
int         tsu_cli_import_ics        (const char *database,
                                       int         argc,
                                       char      **argv);

int         tsu_cli_export_pdf        (const char *database,
                                       int         argc,
                                       char      **argv);

int         tsu_cli_sync              (const char *database,
                                       int         argc,
                                       char      **argv);

G_END_DECLS
