/* mb-problem-list.c – problems found in an input file, with where and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-problem-list.h"

struct _MbProblemList
{
  GArray *kept;      /* of MbProblem */
  guint   max_kept;
  guint   count;     /* kept + only counted */
};

static void
mb_problem_clear (gpointer data)
{
  MbProblem *problem = data;

  g_clear_pointer (&problem->path, g_free);
  g_clear_pointer (&problem->message, g_free);
}

MbProblemList *
mb_problem_list_new (guint max_kept)
{
  MbProblemList *self = g_new0 (MbProblemList, 1);

  self->kept = g_array_new (FALSE, TRUE, sizeof (MbProblem));
  g_array_set_clear_func (self->kept, mb_problem_clear);
  self->max_kept = max_kept > 0 ? max_kept : MB_PROBLEM_LIST_DEFAULT_MAX;

  return self;
}

void
mb_problem_list_free (MbProblemList *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->kept);
  g_free (self);
}

/* Takes @path and @message. */
void
mb_problem_list_add_literal (MbProblemList *self,
                             char          *path,
                             char          *message)
{
  g_return_if_fail (self != NULL);

  self->count++;
  if (self->kept->len < self->max_kept)
    {
      MbProblem problem = { path, message };

      g_array_append_val (self->kept, problem);
    }
  else
    {
      g_free (path);
      g_free (message);
    }
}

void
mb_problem_list_add (MbProblemList *self,
                     const char    *path,
                     const char    *format,
                     ...)
{
  va_list args;

  g_return_if_fail (self != NULL);

  if (self->kept->len >= self->max_kept)
    {
      self->count++;
      return;
    }

  va_start (args, format);
  mb_problem_list_add_literal (self, g_strdup (path), g_strdup_vprintf (format, args));
  va_end (args);
}

guint
mb_problem_list_get_count (MbProblemList *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->count;
}

guint
mb_problem_list_get_n_kept (MbProblemList *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->kept->len;
}

gboolean
mb_problem_list_is_full (MbProblemList *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->kept->len >= self->max_kept;
}

const MbProblem *
mb_problem_list_get (MbProblemList *self,
                     guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->kept->len, NULL);

  return &g_array_index (self->kept, MbProblem, index);
}

/* One line per kept problem, "FILE: PATH: REASON", then a count line when
 * some were left out. */
char *
mb_problem_list_format (MbProblemList *self,
                        const char    *file_name)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->kept->len; i++)
    {
      const MbProblem *problem = &g_array_index (self->kept, MbProblem, i);

      if (file_name != NULL)
        g_string_append_printf (out, "%s: ", file_name);
      if (problem->path != NULL)
        g_string_append_printf (out, "%s: ", problem->path);
      g_string_append (out, problem->message);
      g_string_append_c (out, '\n');
    }

  if (self->count > self->kept->len)
    {
      guint more = self->count - self->kept->len;

      if (file_name != NULL)
        g_string_append_printf (out, "%s: ", file_name);
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE, "and %u more problem",
                                           "and %u more problems", more),
                              more);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}
