/* mb-review.h – review comments and goal conflicts in the details panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/mb-store.h"
#include "core/mb-store-review.h"

G_BEGIN_DECLS

/* Whether the strategies' content may be edited: the library is neither
 * read-only nor open for review. (Comments may be added in review mode.) */
gboolean     mb_review_store_is_editable (MbStore *store);

/* Tells the user, in a toast of @widget's window, that an edit they tried
 * is refused because the library is open for review: never a silent no-op. */
void         mb_review_explain_refusal   (GtkWidget *widget);

/* A node's or link's review comments, with a form to add one. */
#define MB_TYPE_COMMENTS_GROUP (mb_comments_group_get_type ())

G_DECLARE_FINAL_TYPE (MbCommentsGroup, mb_comments_group, MB, COMMENTS_GROUP, GtkWidget)

GtkWidget   *mb_comments_group_new       (MbStore          *store,
                                          const char       *target_table,
                                          const char       *target_id);
/* Adds a comment as the form's "Add Comment" does: from the form's author
 * and text. FALSE with the store's error shown in the form on failure. */
gboolean     mb_comments_group_submit    (MbCommentsGroup  *self);
void         mb_comments_group_set_draft (MbCommentsGroup  *self,
                                          const char       *author,
                                          const char       *body);
guint        mb_comments_group_get_n_comments (MbCommentsGroup *self);

/* A strategy's goal conflicts and open review comments. */
#define MB_TYPE_STRATEGY_REVIEW (mb_strategy_review_get_type ())

G_DECLARE_FINAL_TYPE (MbStrategyReview, mb_strategy_review, MB, STRATEGY_REVIEW, GtkWidget)

GtkWidget   *mb_strategy_review_new      (MbStore          *store,
                                          const char       *strategy_id);
guint        mb_strategy_review_get_n_conflicts (MbStrategyReview *self);
guint        mb_strategy_review_get_n_open_comments (MbStrategyReview *self);

G_END_DECLS
