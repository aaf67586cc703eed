/* mb-follow-up-cli.h – the follow-up's command line: `--update-kolada --strategy S`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

extern const GOptionEntry mb_follow_up_cli_entries[];

/* Handles the follow-up's options; -1 when none of them was given. */
int mb_follow_up_cli_handle_options (GVariantDict *options,
                                     const char   *library_path);

G_END_DECLS
