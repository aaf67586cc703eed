/* mb-assessment-editor.h – a goal's assessment in a follow-up round
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/mb-store.h"
#include "mb-follow-up-goal-item.h"
#include "mb-review.h"

G_BEGIN_DECLS

#define MB_TYPE_ASSESSMENT_EDITOR (mb_assessment_editor_get_type ())

G_DECLARE_FINAL_TYPE (MbAssessmentEditor, mb_assessment_editor, MB, ASSESSMENT_EDITOR, GtkWidget)

GtkWidget   *mb_assessment_editor_new        (MbStore            *store);
/* The goal edited in @round_id; the fields show its assessment, or its
 * suggestion when it has none yet. */
void         mb_assessment_editor_set_goal   (MbAssessmentEditor *self,
                                              const char         *round_id,
                                              MbFollowUpGoalItem *item);
/* Read-only: everything shown, nothing saved (review mode). */
void         mb_assessment_editor_set_editable (MbAssessmentEditor *self,
                                                gboolean            editable);

/* The status chosen, and choosing one (as the dropdown does). */
MbAssessmentStatus mb_assessment_editor_get_status (MbAssessmentEditor *self);
void         mb_assessment_editor_set_status (MbAssessmentEditor *self,
                                              MbAssessmentStatus  status);
/* Saves as the Save button does: one mb_follow_up_assess(). FALSE with the
 * message shown in the editor when it is refused. */
gboolean     mb_assessment_editor_save       (MbAssessmentEditor *self);
/* The message shown, or NULL. */
const char  *mb_assessment_editor_get_error  (MbAssessmentEditor *self);

/* The review comments on the goal's assessment (NULL while it has none). */
MbCommentsGroup *mb_assessment_editor_get_comments (MbAssessmentEditor *self);

GtkEditable *mb_assessment_editor_get_reason_entry (MbAssessmentEditor *self);
GtkEditable *mb_assessment_editor_get_who_entry    (MbAssessmentEditor *self);
GtkTextView *mb_assessment_editor_get_judgement_view (MbAssessmentEditor *self);

/* "✓ On track" and the style class that colours it ("status-on-track"), for
 * every view that shows a status. */
char        *mb_assessment_status_describe   (MbAssessmentStatus  status);
const char  *mb_assessment_status_css_class  (MbAssessmentStatus  status);

G_END_DECLS
