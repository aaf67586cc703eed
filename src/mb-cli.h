/* mb-cli.h – the headless command line: --import, --export, --validate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exit statuses of the command line (design.md). */
enum
{
  MB_CLI_EXIT_OK = 0,
  MB_CLI_EXIT_BAD_INPUT = 1,
  MB_CLI_EXIT_USAGE = 2,
};

/* Runs --import, --export or --validate from @options, without a display
 * (GTK is not initialised before handle_local_options returns), against the
 * library at @library_path; @database_given says whether --database named
 * it (--validate checks references against a library only then). Returns
 * an exit status, or -1 when none of these options was given. Errors go to
 * stderr, one line each: "FILE: JSON-PATH: reason". */
int mb_cli_handle_options (GVariantDict *options,
                           const char   *library_path,
                           gboolean      database_given);

/* --init and --print-init-sql: a shared library's schema on PostgreSQL
 * (mb-remote.h). They read --database as given, a URI and not a path. */
extern const GOptionEntry mb_cli_remote_entries[];

/* Runs --init (the library at --database's URI) or --print-init-sql (the
 * SQL to stdout). Returns an exit status, or -1 when neither was given.
 * Errors: one line on stderr naming the database (without its password)
 * and the reason. */
int mb_cli_handle_remote_options (GVariantDict *options);

/* Whether the library a command names is there: a file that exists, or a
 * server's URI (which the store's opening answers for). */
gboolean mb_cli_library_exists (const char *library);

/* GApplication exits with 1 on an unknown option or a missing argument;
 * design.md wants 2 for usage errors. Call from the application's init, before
 * the command line is parsed: an option group of no options whose error hook
 * prints the one-line reason and exits with MB_CLI_EXIT_USAGE. */
void mb_cli_install_usage_hook (GApplication *application);

G_END_DECLS
