/* mb-record.h – a read-only snapshot of one row of the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MB_TYPE_RECORD (mb_record_get_type ())
G_DECLARE_FINAL_TYPE (MbRecord, mb_record, MB, RECORD, GObject)

/* One type serves every entity: @kind is the table ("nodes", "projects", …),
 * the common properties are bound by views, and every column is readable by
 * name. Records are snapshots: after "changed", read them again (the store's
 * list models do this for you). */
const char  *mb_record_get_kind         (MbRecord   *self);
const char  *mb_record_get_id           (MbRecord   *self);
/* The title, or the name of organisations and levels. */
const char  *mb_record_get_title        (MbRecord   *self);
/* A code, registration number or reference shown beside the title, or NULL. */
const char  *mb_record_get_subtitle     (MbRecord   *self);
/* Depth in a strategy's tree (0 for roots and for non-tree lists). */
guint        mb_record_get_depth        (MbRecord   *self);

gboolean     mb_record_has_column       (MbRecord   *self,
                                         const char *column);
gboolean     mb_record_is_null          (MbRecord   *self,
                                         const char *column);
/* NULL if the column is NULL or absent; numbers are given as text. */
const char  *mb_record_get_string       (MbRecord   *self,
                                         const char *column);
gint64       mb_record_get_int          (MbRecord   *self,
                                         const char *column);
/* NAN if NULL or absent. */
double       mb_record_get_double       (MbRecord   *self,
                                         const char *column);
/* Two snapshots of the same row with the same values. */
gboolean     mb_record_equal            (MbRecord   *a,
                                         MbRecord   *b);

G_END_DECLS
