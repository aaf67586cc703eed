/* mb-revision.h – revisions: named, immutable versions of a strategy, and
 * what changed between two of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *id;
  char     *strategy_id;
  char     *name;
  char     *taken;       /* "2026-11-22T18:43:30.123Z" */
  gboolean  automatic;   /* taken when the strategy was adopted */
  gint64    n_rows;      /* the rows it holds */
} MbRevision;

void        mb_revision_free           (MbRevision   *revision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbRevision, mb_revision_free)

/* Takes a revision of @strategy_id named @name (unique within the strategy),
 * as one action and one undo step; returns its id. A revision holds the
 * strategy, its levels, nodes, links, tags, territories, indicators and
 * their targets and the targets' history, its nodes' links to indicators,
 * projects and calls, its follow-up rounds, assessments and activities: not
 * the indicators' measurements, nor the projects and calls themselves. Rows
 * that did not change since another revision are stored once. */
char       *mb_store_take_revision     (MbStore      *store,
                                        const char   *strategy_id,
                                        const char   *name,
                                        GError      **error);

/* The revisions of @strategy_id, oldest first: MbRevision. */
GPtrArray  *mb_store_list_revisions    (MbStore      *store,
                                        const char   *strategy_id,
                                        GError      **error);

/* The revision of @strategy_id whose id or name is @name_or_id. */
MbRevision *mb_store_find_revision     (MbStore      *store,
                                        const char   *strategy_id,
                                        const char   *name_or_id,
                                        GError      **error);

/* The revision @revision_id, of whichever strategy. */
MbRevision *mb_store_get_revision      (MbStore      *store,
                                        const char   *revision_id,
                                        GError      **error);

/* One action and one undo step each. */
gboolean    mb_store_rename_revision   (MbStore      *store,
                                        const char   *revision_id,
                                        const char   *name,
                                        GError      **error);
gboolean    mb_store_delete_revision   (MbStore      *store,
                                        const char   *revision_id,
                                        GError      **error);

/* The bytes a revision takes in the library that no other revision shares. */
gint64      mb_store_get_revision_own_size (MbStore    *store,
                                            const char *revision_id,
                                            GError    **error);

/* The strategy as revision @revision_id holds it (NULL: as it is now), in
 * the exchange format: the tables of a revision, rows by key, as
 * mb_exchange_export() writes them. Restoring a revision and exporting the
 * strategy gives the revision's export back, byte for byte. */
GBytes     *mb_store_export_revision   (MbStore      *store,
                                        const char   *strategy_id,
                                        const char   *revision_id,
                                        GError      **error);

/* Puts the strategy back as revision @revision_id holds it: rows added
 * since are removed, rows removed since come back, changed rows get their
 * values back; the measurements, projects and calls themselves are left
 * as they are, and so is another strategy's indicator attached since (it
 * is detached). The targets' history is an audit trail, never rewritten:
 * it keeps every entry it has (but those of an indicator the restore
 * removes, which go with it), gets back those the revision holds of an
 * indicator the restore brings back, and gains an entry "Restored revision
 * “NAME”" for each target of an adopted strategy (before or after) whose
 * value the restore changes, adds or removes, as
 * mb_store_set_target_with_reason() and mb_store_remove_target() write
 * them. The strategy's export then equals the revision's but for
 * target_history. One action, one undo step. */
gboolean    mb_store_restore_revision  (MbStore      *store,
                                        const char   *revision_id,
                                        GError      **error);

/* A new strategy from revision @revision_id: every row of it with a new id
 * (its own indicators copied with their targets and the targets' history,
 * which keeps its dates and reasons; indicators of other strategies
 * attached as they were), titled "TITLE (REVISION)", a draft without
 * registration number. One action, one undo step; returns the new
 * strategy's id. */
char       *mb_store_restore_revision_as_new (MbStore    *store,
                                              const char *revision_id,
                                              GError    **error);

typedef enum
{
  MB_CHANGE_ADDED,
  MB_CHANGE_REMOVED,
  MB_CHANGE_CHANGED,
  MB_CHANGE_MOVED,    /* a node under another parent or on another level */
} MbChangeKind;

typedef struct
{
  const char *name;        /* the column */
  char       *old_value;   /* NULL when there was none; numbers as JSON writes */
  char       *new_value;   /* them, booleans as "true" and "false" */
  char        type;        /* 's' text, 'n' number, 'b' boolean */
} MbFieldChange;

typedef struct
{
  const char   *entity;   /* "node", "link", "level", "target", … (mb_change_entities) */
  char         *id;       /* the UUID, or the related ids joined by "/" */
  MbChangeKind  kind;
  char         *title;
  GArray       *fields;   /* MbFieldChange: for changed and moved */
} MbChange;

void        mb_change_free             (MbChange     *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbChange, mb_change_free)

const char *mb_change_kind_to_string   (MbChangeKind  kind);

/* What changed in @strategy_id from revision @from_id to revision @to_id;
 * NULL for either means the strategy as it is now. An array of MbChange,
 * by kind of entity (in the exchange format's order of tables) and id.
 * When rows were created and modified, and nodes' positions on the canvas,
 * are not counted as changes, nor are the targets' history's entries (a
 * changed target is reported as the target's change). */
GPtrArray  *mb_store_compare_revisions (MbStore      *store,
                                        const char   *strategy_id,
                                        const char   *from_id,
                                        const char   *to_id,
                                        GError      **error);

/* Whether a change of @tables (as "changed" names them) can change a
 * comparison with the strategy as it is now: a table a revision compares,
 * or one whose titles name a change (projects, calls, organisations). */
gboolean    mb_revision_changes_touch_comparison (const char * const *tables);

/* The rows of @table ("nodes", "links", … as the library names its tables)
 * that revision @revision_id of @strategy_id holds (NULL: the strategy now),
 * in key order, as records of kind @table with the revision's columns: what
 * a removed node was, where it stood. */
GPtrArray  *mb_store_list_revision_records (MbStore    *store,
                                            const char *strategy_id,
                                            const char *revision_id,
                                            const char *table,
                                            GError    **error);

/* The comparison in the command line's formats: one JSON object
 * (data/malbild-compare.schema.json), CSV with a header (a line per changed
 * field), or text for people. @from and @to name the two sides as given. */
char       *mb_changes_to_json         (GPtrArray    *changes,
                                        const char   *strategy_id,
                                        const char   *from,
                                        const char   *to);
char       *mb_changes_to_csv          (GPtrArray    *changes);
char       *mb_changes_to_text         (GPtrArray    *changes);

G_END_DECLS
