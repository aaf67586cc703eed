/* mb-form.h – a form editor for one entity, driven by a table of fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "core/mb-store.h"

G_BEGIN_DECLS

/* How a column is edited. */
typedef enum
{
  MB_FORM_SECTION,    /* not a column: starts a new group titled @label */
  MB_FORM_TEXT,       /* one line */
  MB_FORM_MULTILINE,  /* free text over several lines */
  MB_FORM_INTEGER,
  MB_FORM_YEAR,
  MB_FORM_NUMBER,     /* a decimal number; "12,5" and "1 500 000" are understood */
  MB_FORM_PERCENT,    /* a number shown with "%" */
  MB_FORM_AMOUNT,     /* a number of kronor, shown with "kr" */
  MB_FORM_ENUM,       /* one of @choices */
  MB_FORM_BOOLEAN,
  MB_FORM_DATE,       /* "YYYY-MM-DD" */
  MB_FORM_PERIOD,     /* a period as people write it ("oktober 2021", "vt 2023"), stored in
                       * mb_period_to_string()'s form and shown in the UI's language */
  MB_FORM_REFERENCE,  /* the id of an entity of table @reference */
  MB_FORM_PLAN_END,   /* a node's planned end: a period as MB_FORM_PERIOD, or one from which
                       * the work is in operation ("I drift 2022"), which also sets the
                       * node's in_operation (mb_store_set_node_end()) */
} MbFormKind;

/* One value of an enumeration, with its label (marked with N_()). */
typedef struct
{
  const char *value;
  const char *label;
} MbFormChoice;

typedef struct
{
  const char         *column;
  const char         *label;      /* marked with N_() */
  MbFormKind          kind;
  const MbFormChoice *choices;    /* MB_FORM_ENUM: ends with { NULL, NULL } */
  const char         *reference;  /* MB_FORM_REFERENCE: the table referred to */
  const char         *scope;      /* MB_FORM_REFERENCE: a column of this row ("strategy_id")
                                   * that narrows the choices to that strategy */
  const char         *hint;       /* a placeholder or short help (N_()), or NULL */
} MbFormField;

#define MB_TYPE_FORM (mb_form_get_type ())

G_DECLARE_FINAL_TYPE (MbForm, mb_form, MB, FORM, GtkWidget)

GtkWidget   *mb_form_new              (MbStore            *store,
                                       const char         *table,
                                       const MbFormField  *fields,
                                       guint               n_fields);

/* The entity edited; setting it (or the store changing it) reloads the rows. */
void         mb_form_set_id           (MbForm             *self,
                                       const char         *id);
const char  *mb_form_get_id           (MbForm             *self);
const char  *mb_form_get_table        (MbForm             *self);

/* The row that edits @column, or NULL. */
GtkWidget   *mb_form_get_row          (MbForm             *self,
                                       const char         *column);
/* Commits the row of @column as one mb_store_set_field() if its text has
 * changed and is valid; Enter, the apply button and leaving the row do this.
 * Returns FALSE if there was an error (the row shows it). */
gboolean     mb_form_commit           (MbForm             *self,
                                       const char         *column);
/* The message the row of @column shows, or NULL. */
const char  *mb_form_get_error        (MbForm             *self,
                                       const char         *column);

/* Parses @text as a value of @field's kind: an unset GValue for blank text,
 * else a string, gint64 or double. Returns FALSE with a message for text
 * that is not of the kind. Range and form are the store's business; see
 * mb_form_check_value(). */
gboolean     mb_form_parse_text       (const MbFormField  *field,
                                       const char         *text,
                                       GValue             *value,
                                       char              **message);
/* A stored number as a person reads it: whole numbers grouped by thousands
 * ("1 500 000", which mb_form_parse_text() reads back), others as they are. */

/* Checks a parsed value against the rules the core declares for
 * @table.@field (required, range, date form); NULL when it is fine, else
 * a message naming the field. */
char        *mb_form_check_value      (const char         *table,
                                       const MbFormField  *field,
                                       const GValue       *value);

void         mb_form_keep_words_whole (GtkWidget          *widget);

G_END_DECLS
