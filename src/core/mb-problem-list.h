/* mb-problem-list.h – problems found in an input file, with where and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many problems a list keeps in full; the rest are only counted, so that
 * a hostile file with a million faults cannot make the report huge. */
#define MB_PROBLEM_LIST_DEFAULT_MAX 20

typedef struct
{
  char *path;     /* JSON path such as "$.nodes[3].level_id", or NULL */
  char *message;  /* the reason, one line */
} MbProblem;

typedef struct _MbProblemList MbProblemList;

MbProblemList   *mb_problem_list_new        (guint              max_kept);
void             mb_problem_list_free       (MbProblemList     *self);
void             mb_problem_list_add        (MbProblemList     *self,
                                             const char        *path,
                                             const char        *format,
                                             ...) G_GNUC_PRINTF (3, 4);
void             mb_problem_list_add_literal (MbProblemList    *self,
                                              char             *path,
                                              char             *message);
guint            mb_problem_list_get_count  (MbProblemList     *self);
guint            mb_problem_list_get_n_kept (MbProblemList     *self);
const MbProblem *mb_problem_list_get        (MbProblemList     *self,
                                             guint              index);
gboolean         mb_problem_list_is_full    (MbProblemList     *self);
char            *mb_problem_list_format     (MbProblemList     *self,
                                             const char        *file_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbProblemList, mb_problem_list_free)

G_END_DECLS
