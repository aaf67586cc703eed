/* mb-conflict-dialog.h – a colleague changed the field meanwhile: whose value stays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The responses: "theirs" (also on Escape) and "mine". */
#define MB_CONFLICT_THEIRS "theirs"
#define MB_CONFLICT_MINE   "mine"

/* A dialog over @parent saying that @author changed @field (its label) at
 * @when to @theirs, while the user made it @mine (the values as the field
 * shows them; NULL for empty), and asking whose value stays. */
GtkWidget  *mb_conflict_dialog_new      (GtkWindow   *parent,
                                         const char  *field,
                                         const char  *author,
                                         GDateTime   *when,
                                         const char  *theirs,
                                         const char  *mine);

/* @when as people read a moment of the last days or years, in local time:
 * "7 December 10:42" (with the year when it is not this one). */
char       *mb_format_change_time       (GDateTime   *when);

G_END_DECLS
