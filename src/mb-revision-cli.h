/* mb-revision-cli.h – revisions on the command line: `--snapshot NAME`,
 * `--revisions` and `--compare FROM [--to TO]`, each with `--strategy S`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

extern const GOptionEntry mb_revision_cli_entries[];

/* Handles the revisions' options; -1 when none of them was given. */
int mb_revision_cli_handle_options (GVariantDict *options,
                                    const char   *library_path);

G_END_DECLS
