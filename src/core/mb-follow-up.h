/* mb-follow-up.h – the yearly follow-up: rounds, assessments and what was done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mb-assessment.h"
#include "mb-period.h"
#include "mb-store.h"

G_BEGIN_DECLS

/* What an activity was, in the stored form's order. */
typedef enum
{
  MB_ACTIVITY_WORKSHOP,
  MB_ACTIVITY_MEETING,
  MB_ACTIVITY_PRE_STUDY,
  MB_ACTIVITY_PEER_REVIEW,
  MB_ACTIVITY_CALL_PUBLISHED,
  MB_ACTIVITY_MUNICIPAL_DIALOGUE,
  MB_ACTIVITY_NETWORK,
  MB_ACTIVITY_DECISION,
  MB_ACTIVITY_OTHER,
} MbActivityKind;

#define MB_ACTIVITY_N_KINDS (MB_ACTIVITY_OTHER + 1)

/* The sectors of organisations, in the stored form's order. */
typedef enum
{
  MB_SECTOR_PUBLIC,
  MB_SECTOR_BUSINESS,
  MB_SECTOR_ACADEMIA,
  MB_SECTOR_CIVIL_SOCIETY,
} MbSector;

#define MB_N_SECTORS (MB_SECTOR_CIVIL_SOCIETY + 1)

const char  *mb_activity_kind_to_string   (MbActivityKind      kind);
gboolean     mb_activity_kind_from_string (const char         *text,
                                           MbActivityKind     *kind);
/* "Workshop", "Meeting", … in the interface's language. */
const char  *mb_activity_kind_get_label   (MbActivityKind      kind);
/* "workshop"/"workshops", "workshop"/"workshoppar": the kind as running
 * text in @language, whatever the UI's. */
const char  *mb_activity_kind_get_word    (MbActivityKind      kind,
                                           MbPeriodLanguage    language,
                                           gboolean            plural);
const char  *mb_sector_to_string          (MbSector            sector);
gboolean     mb_sector_from_string        (const char         *text,
                                           MbSector           *sector);

/* Starts the follow-up round of @year for @strategy_id, titled
 * "Follow-up YEAR" in the interface's language. One action. DUPLICATE if
 * the strategy has a round for that year. Returns the round's id. */
char        *mb_follow_up_create_round    (MbStore            *store,
                                           const char         *strategy_id,
                                           int                 year,
                                           GError            **error);
/* The id of @strategy_id's round of @year, or NULL if none. */
char        *mb_follow_up_find_round      (MbStore            *store,
                                           const char         *strategy_id,
                                           int                 year,
                                           GError            **error);

/* A goal's assessment, as a person gives it. @has_suggestion: the rule's
 * suggestion was shown (@suggested); a @status other than it needs an
 * @override_reason. */
typedef struct
{
  const char         *round_id;
  const char         *node_id;
  MbAssessmentStatus  status;
  gboolean            has_suggestion;
  MbAssessmentStatus  suggested;
  const char         *override_reason;
  const char         *judgement;
  const char         *assessed_by;
} MbAssessmentEdit;

/* Records (or replaces) the goal's assessment in the round: one action,
 * one undo step. The goal must belong to the round's strategy. REQUIRED
 * when an override has no reason. */
gboolean     mb_follow_up_assess          (MbStore            *store,
                                           const MbAssessmentEdit *edit,
                                           GError            **error);

/* An activity of a strategy's work. Lists are NULL-terminated id arrays
 * (or NULL): participating organisations, goals and strength areas it
 * served (nodes of any strategy), projects and calls it relates to.
 * @participants: -1 = not known. */
typedef struct
{
  const char          *strategy_id;
  MbActivityKind       kind;
  const char          *title;
  const char          *description;
  MbPeriod             start;
  MbPeriod             end;
  const char          *registration_number;
  int                  participants;
  const char          *reference;
  const char * const  *organisation_ids;
  const char * const  *node_ids;
  const char * const  *project_ids;
  const char * const  *call_ids;
} MbActivityEdit;

/* Adds the activity with its links: one action, one undo step. Returns its
 * id. */
char        *mb_follow_up_create_activity (MbStore            *store,
                                           const MbActivityEdit *edit,
                                           GError            **error);

/* What was done in a year, counted as the report says it: activities by
 * kind, participants, distinct organisations in all and by sector, and the
 * activities per goal or strength area they served. */
typedef struct
{
  int     year;
  guint   n_activities;
  guint   by_kind[MB_ACTIVITY_N_KINDS];
  guint   participants;        /* the sum of the known counts */
  guint   n_unknown_participants; /* activities that did not count */
  guint   n_organisations;     /* distinct */
  guint   by_sector[MB_N_SECTORS];
  guint   n_sectors;           /* sectors with at least one organisation */
  GPtrArray *per_node;         /* of MbActivityNodeCount, by count, then title */
} MbActivitySummary;

typedef struct
{
  char  *node_id;
  char  *title;
  guint  n_activities;
} MbActivityNodeCount;

/* The activities of @strategy_id whose period overlaps @year. */
MbActivitySummary *mb_follow_up_summarise_activities (MbStore     *store,
                                                      const char  *strategy_id,
                                                      int          year,
                                                      GError     **error);
/* The summary as one sentence in @language, e.g. "16 workshops and 3
 * meetings, with 110 participants from 40 organisations in four sectors."
 * (Swedish: "16 workshoppar och 3 möten, med 110 deltagare från 40
 * organisationer i fyra sektorer."); "" if nothing was done. */
char              *mb_activity_summary_to_sentence   (const MbActivitySummary *summary,
                                                      MbPeriodLanguage         language);
void               mb_activity_summary_free          (MbActivitySummary       *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbActivitySummary, mb_activity_summary_free)

G_END_DECLS
