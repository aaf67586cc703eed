/* mb-revision-compare.h – what changed in a strategy between two revisions, or since one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-core.h"

G_BEGIN_DECLS

#define MB_TYPE_REVISION_COMPARE (mb_revision_compare_get_type ())
G_DECLARE_FINAL_TYPE (MbRevisionCompare, mb_revision_compare, MB, REVISION_COMPARE, GtkWidget)

/* Compares @strategy_id from revision @from_id (NULL or "": its newest) to
 * now. "compared" is emitted after every comparison (the sides chosen, the
 * library changed what it found, at an idle after the notifications), "go-to" (kind, id) when the entry of a node, link or
 * indicator is activated (a target's: its indicator; it may be gone: a
 * removed node's ghost is shown), "close" when the user leaves. */
GtkWidget  *mb_revision_compare_new            (MbStore           *store,
                                                const char        *strategy_id,
                                                const char        *from_id);

const char *mb_revision_compare_get_strategy_id (MbRevisionCompare *self);
/* The two sides: a revision's id, or NULL for now. */
const char *mb_revision_compare_get_from_id    (MbRevisionCompare *self);
const char *mb_revision_compare_get_to_id      (MbRevisionCompare *self);
/* Chooses the sides (NULL: now), as the two drop-downs do. */
void        mb_revision_compare_set_sides      (MbRevisionCompare *self,
                                                const char        *from_id,
                                                const char        *to_id);
/* The last comparison: MbChange, or NULL if it failed. */
GPtrArray  *mb_revision_compare_get_changes    (MbRevisionCompare *self);
/* How many times it has compared, for tests: a notification of the library
 * that changes nothing a comparison reads compares nothing. */
guint       mb_revision_compare_get_n_compares (MbRevisionCompare *self);
/* The list's model: MbChangeItem, headings and changes (for tests). */
GListModel *mb_revision_compare_get_items      (MbRevisionCompare *self);
/* Writes the comparison as "csv" or "json" to @path. */
gboolean    mb_revision_compare_export         (MbRevisionCompare *self,
                                                const char        *format,
                                                const char        *path,
                                                GError           **error);

G_END_DECLS
