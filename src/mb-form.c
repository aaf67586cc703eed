/* mb-form.c – a form editor for one entity, driven by a table of fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every editor of the details panel is one of these: a table of field
 * descriptions becomes libadwaita rows in preferences groups. Text is checked
 * as it is typed against the rules the core declares for the column
 * (mb-exchange-fields.h, the same description the store and the importer
 * use), and committed on Enter, the apply button or leaving the row as one
 * mb_store_set_field(), that is one undo step. The store's own error (a
 * duplicate registration number, a circle of contributions) shows at the row
 * the same way. Rows refresh from the store's "changed" signal, never from
 * their own edit. On a shared library a colleague may have changed the same
 * field meanwhile: the user chooses whose value stays (mb-conflict-dialog.c),
 * and until then the row keeps what the user typed and commits nothing. The
 * colleague's change may reach the row while the user types (the store
 * pulls it at once): the row keeps the text, and leaving it asks the same
 * question, since the user began from a value that is no longer there.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "mb-exchange-fields.h"
#include "mb-format.h"
#include "mb-period.h"
#include "mb-record.h"
#include "mb-store-editor-queries.h"

#include "mb-conflict-dialog.h"
#include "mb-form.h"

typedef struct
{
  MbForm            *form;        /* owns this */
  const MbFormField *field;
  GtkWidget         *row;
  GtkWidget         *editor;      /* the GtkSwitch or GtkTextView, if any */
  GtkWidget         *error_icon;
  GPtrArray         *choice_ids;  /* enum and reference: the value per position (NULL = none) */
  char              *loaded;      /* the stored value as text, NULL for NULL */
  gboolean           loaded_in_operation;  /* MB_FORM_PLAN_END: the node's in_operation */
  /* The stored value the user began typing over, once the store has changed
   * it under the text being typed (a colleague's change on a shared library) */
  gboolean           overtaken;
  char              *began_from;
  char              *error;
} FormRow;

struct _MbForm
{
  GtkWidget          parent_instance;

  /* Owned references */
  MbStore           *store;
  char              *table;
  char              *id;
  GPtrArray         *rows;        /* FormRow * */
  MbRecord          *values;      /* the row as last read */

  const MbFormField *fields;
  guint              n_fields;
  guint              loading;     /* > 0 while rows are filled from the store */
  guint              choosing;    /* > 0 while a drop-down's choice is stored */
  guint              reload_idle; /* a reload put off until the choice is made */
  guint              resolving;   /* > 0 while the user chooses in a conflict dialog */
  gboolean           reload_references;
  gboolean           disposed;
};

G_DEFINE_FINAL_TYPE (MbForm, mb_form, GTK_TYPE_WIDGET)

static void form_row_show_error (FormRow *fr, const char *message);

static void
form_row_forget_start (FormRow *fr)
{
  fr->overtaken = FALSE;
  g_clear_pointer (&fr->began_from, g_free);
}

static void
form_row_free (gpointer data)
{
  FormRow *fr = data;

  g_clear_pointer (&fr->choice_ids, g_ptr_array_unref);
  g_free (fr->loaded);
  g_free (fr->began_from);
  g_free (fr->error);
  g_free (fr);
}

static gboolean
kind_is_text_like (MbFormKind kind)
{
  switch (kind)
    {
    case MB_FORM_TEXT:
    case MB_FORM_MULTILINE:
    case MB_FORM_INTEGER:
    case MB_FORM_YEAR:
    case MB_FORM_NUMBER:
    case MB_FORM_PERCENT:
    case MB_FORM_AMOUNT:
    case MB_FORM_DATE:
    case MB_FORM_PERIOD:
    case MB_FORM_PLAN_END:
      return TRUE;
    case MB_FORM_SECTION:
    case MB_FORM_ENUM:
    case MB_FORM_BOOLEAN:
    case MB_FORM_REFERENCE:
    default:
      return FALSE;
    }
}

static const MbExchangeField *
lookup_rule (const char        *table,
             const MbFormField *field)
{
  const MbExchangeTable *t = mb_exchange_lookup_table (table, NULL);

  return t ? mb_exchange_table_lookup_field (t, field->column, NULL) : NULL;
}

static gboolean
field_is_required (const char        *table,
                   const MbFormField *field)
{
  const MbExchangeField *rule = lookup_rule (table, field);

  return rule != NULL && (rule->flags & MB_FIELD_NOT_NULL) != 0;
}

/* The stored text as the row shows it; @in_operation is the node's for a
 * plan's end. */
static char *
display_text (const MbFormField *field,
              const char        *stored,
              gboolean           in_operation)
{
  if (stored == NULL)
    return g_strdup ("");
  if (field->kind == MB_FORM_NUMBER || field->kind == MB_FORM_PERCENT ||
      field->kind == MB_FORM_AMOUNT)
    return mb_format_number_text (stored);
  if (field->kind == MB_FORM_PERIOD || field->kind == MB_FORM_PLAN_END)
    {
      MbPeriod period;

      /* A stored value the parser cannot read is shown as it is. */
      if (mb_period_parse (stored, &period, NULL))
        return field->kind == MB_FORM_PLAN_END
               ? mb_time_plan_format_end (&period, in_operation, mb_period_language_for_ui ())
               : mb_period_format (&period, mb_period_language_for_ui ());
    }
  return g_strdup (stored);
}

/* Removes spaces (also no-break and thin ones) that group digits, and takes a
 * decimal comma as a point, as Swedish users write numbers. */
static char *
normalize_number (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009)
        continue;
      if (c == ',')
        c = '.';
      if (c == 0x2212)  /* minus sign */
        c = '-';
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

gboolean
mb_form_parse_text (const MbFormField  *field,
                    const char         *text,
                    GValue             *value,
                    char              **message)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *number = NULL;
  const char *label = _(field->label);

  g_return_val_if_fail (value != NULL && !G_IS_VALUE (value), FALSE);

  if (*trimmed == '\0' && field->kind != MB_FORM_TEXT && field->kind != MB_FORM_MULTILINE)
    return TRUE;

  switch (field->kind)
    {
    case MB_FORM_INTEGER:
    case MB_FORM_YEAR:
      {
        gint64 n;

        number = normalize_number (trimmed);
        if (!g_ascii_string_to_signed (number, 10, G_MININT64, G_MAXINT64, &n, NULL))
          {
            if (message)
              *message = g_strdup_printf (field->kind == MB_FORM_YEAR
                                          ? _("%s: “%s” is not a year")
                                          : _("%s: “%s” is not a whole number"),
                                          label, trimmed);
            return FALSE;
          }
        g_value_init (value, G_TYPE_INT64);
        g_value_set_int64 (value, n);
        return TRUE;
      }
    case MB_FORM_NUMBER:
    case MB_FORM_PERCENT:
    case MB_FORM_AMOUNT:
      {
        char *end = NULL;
        double d;

        number = normalize_number (trimmed);
        if (field->kind == MB_FORM_PERCENT && g_str_has_suffix (number, "%"))
          number[strlen (number) - 1] = '\0';
        /* The unit the row shows may be typed too: "2 500 000 kr". */
        if (field->kind == MB_FORM_AMOUNT && g_str_has_suffix (number, "kr"))
          number[strlen (number) - 2] = '\0';
        d = g_ascii_strtod (number, &end);
        if (end == number || *end != '\0' || !isfinite (d))
          {
            if (message)
              *message = g_strdup_printf (_("%s: “%s” is not a number"), label, trimmed);
            return FALSE;
          }
        g_value_init (value, G_TYPE_DOUBLE);
        g_value_set_double (value, d);
        return TRUE;
      }
    case MB_FORM_DATE:
      {
        int y, m, d;
        char tail;

        if (sscanf (trimmed, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || strlen (trimmed) != 10 ||
            !g_date_valid_dmy (d, m, y))
          {
            if (message)
              *message = g_strdup_printf (_("%s: “%s” is not a date like 2026-12-31"),
                                          label, trimmed);
            return FALSE;
          }
        g_value_init (value, G_TYPE_STRING);
        g_value_set_string (value, trimmed);
        return TRUE;
      }
    case MB_FORM_PERIOD:
      {
        MbPeriod period;
        g_autoptr(GError) error = NULL;

        if (!mb_period_parse (trimmed, &period, &error))
          {
            if (message)
              *message = g_strdup_printf ("%s: %s", label, error->message);
            return FALSE;
          }
        g_value_init (value, G_TYPE_STRING);
        g_value_take_string (value, mb_period_to_string (&period));
        return TRUE;
      }
    case MB_FORM_PLAN_END:
      {
        MbPeriod period;
        gboolean in_operation;
        g_autoptr(GError) error = NULL;

        /* The value is the end; whether it is in operation the store is told
         * from the text (form_row_store()). */
        if (!mb_time_plan_parse_end (trimmed, &period, &in_operation, &error))
          {
            if (message)
              *message = g_strdup_printf ("%s: %s", label, error->message);
            return FALSE;
          }
        g_value_init (value, G_TYPE_STRING);
        g_value_take_string (value, mb_period_to_string (&period));
        return TRUE;
      }
    case MB_FORM_TEXT:
    case MB_FORM_MULTILINE:
    case MB_FORM_ENUM:
    case MB_FORM_REFERENCE:
      /* Leading and trailing spaces of a title are noise; inner ones are not. */
      if (*trimmed == '\0')
        return TRUE;
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, field->kind == MB_FORM_MULTILINE ? text : trimmed);
      return TRUE;
    case MB_FORM_BOOLEAN:
    case MB_FORM_SECTION:
    default:
      g_return_val_if_reached (FALSE);
    }
}

char *
mb_form_check_value (const char        *table,
                     const MbFormField *field,
                     const GValue      *value)
{
  const MbExchangeField *rule = lookup_rule (table, field);
  const char *label = _(field->label);
  double d;

  if (rule == NULL)
    return NULL;

  if (value == NULL || !G_IS_VALUE (value))
    {
      if (rule->flags & MB_FIELD_NOT_NULL)
        return g_strdup_printf (_("%s is required"), label);
      return NULL;
    }

  if (G_VALUE_HOLDS_STRING (value))
    {
      g_autofree char *reason = mb_exchange_field_check_text (rule, g_value_get_string (value));

      return reason ? g_strdup_printf ("%s: %s", label, reason) : NULL;
    }

  if (G_VALUE_HOLDS_INT64 (value))
    d = (double) g_value_get_int64 (value);
  else if (G_VALUE_HOLDS_DOUBLE (value))
    d = g_value_get_double (value);
  else
    return NULL;

  if (((rule->flags & MB_FIELD_HAS_MIN) && d < rule->minimum) ||
      ((rule->flags & MB_FIELD_HAS_MAX) && d > rule->maximum))
    {
      char low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (low, sizeof low, "%.15g", rule->minimum);
      g_ascii_formatd (high, sizeof high, "%.15g", rule->maximum);
      if ((rule->flags & MB_FIELD_HAS_MIN) && (rule->flags & MB_FIELD_HAS_MAX))
        /* Translators: a field, then its allowed range: "Year must be from 1900 to 2200" */
        return g_strdup_printf (_("%s must be from %s to %s"), label, low, high);
      if (rule->flags & MB_FIELD_HAS_MIN)
        return g_strdup_printf (_("%s must be at least %s"), label, low);
      return g_strdup_printf (_("%s must be at most %s"), label, high);
    }
  return NULL;
}

/* Reading and showing values */

static char *
form_row_get_text (FormRow *fr)
{
  if (GTK_IS_TEXT_VIEW (fr->editor))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (fr->editor));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (fr->row)));
}

/* Text the form writes (what is stored, a period rewritten as the UI
 * writes it) is not the user's edit: an entry row takes any change while
 * it has the focus for one, and would show its apply button again. */
static void
form_row_set_text (FormRow    *fr,
                   const char *text)
{
  if (GTK_IS_TEXT_VIEW (fr->editor))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (fr->editor)), text, -1);
  else if (ADW_IS_ENTRY_ROW (fr->row)
           && adw_entry_row_get_show_apply_button (ADW_ENTRY_ROW (fr->row)))
    {
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (fr->row), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (fr->row), text);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (fr->row), TRUE);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (fr->row), text);
}

static gboolean
form_row_is_dirty (FormRow *fr)
{
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  if (!kind_is_text_like (fr->field->kind))
    return FALSE;
  text = form_row_get_text (fr);
  shown = display_text (fr->field, fr->loaded, fr->loaded_in_operation);
  return g_strcmp0 (text, shown) != 0;
}

static void
form_row_show_error (FormRow    *fr,
                     const char *message)
{
  GtkWidget *target = fr->row;

  if (g_strcmp0 (fr->error, message) == 0)
    return;
  g_free (fr->error);
  fr->error = g_strdup (message);

  if (message != NULL)
    {
      gtk_widget_add_css_class (target, "error");
      gtk_widget_set_tooltip_text (target, message);
      gtk_widget_set_tooltip_text (fr->error_icon, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (target),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (target),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (target, "error");
      gtk_widget_set_tooltip_text (target, _(fr->field->hint));
      gtk_accessible_reset_property (GTK_ACCESSIBLE (target),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_STATE_INVALID);
    }
  gtk_widget_set_visible (fr->error_icon, message != NULL);
}

static guint
choice_position (FormRow    *fr,
                 const char *value)
{
  for (guint i = 0; i < fr->choice_ids->len; i++)
    if (g_strcmp0 (fr->choice_ids->pdata[i], value) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* Fills an enum or reference combo's choices. */
static void
form_row_fill_choices (FormRow *fr)
{
  MbForm *self = fr->form;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gboolean required = field_is_required (self->table, fr->field);

  g_clear_pointer (&fr->choice_ids, g_ptr_array_unref);
  fr->choice_ids = g_ptr_array_new_with_free_func (g_free);

  if (!required)
    {
      gtk_string_list_append (labels, fr->field->kind == MB_FORM_REFERENCE
                                      ? C_("reference", "None") : C_("choice", "Not set"));
      g_ptr_array_add (fr->choice_ids, NULL);
    }

  if (fr->field->kind == MB_FORM_ENUM)
    {
      for (const MbFormChoice *c = fr->field->choices; c && c->value; c++)
        {
          gtk_string_list_append (labels, _(c->label));
          g_ptr_array_add (fr->choice_ids, g_strdup (c->value));
        }
    }
  else
    {
      const char *scope = NULL;
      g_autoptr(GListModel) items = NULL;

      if (fr->field->scope && self->values)
        scope = mb_record_get_string (self->values, fr->field->scope);
      items = mb_store_editor_list_all (self->store, fr->field->reference, scope, NULL);
      for (guint i = 0; items && i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(MbEntityItem) item = g_list_model_get_item (items, i);
          const char *subtitle = mb_entity_item_get_subtitle (item);
          g_autofree char *label = NULL;

          /* A node cannot sit under itself: do not offer it. */
          if (g_strcmp0 (mb_entity_item_get_id (item), self->id) == 0 &&
              g_str_equal (fr->field->reference, self->table))
            continue;
          label = subtitle && *subtitle && fr->field->scope == NULL
            ? g_strdup_printf ("%s (%s)", mb_entity_item_get_title (item), subtitle)
            : g_strdup (mb_entity_item_get_title (item));
          gtk_string_list_append (labels, label);
          g_ptr_array_add (fr->choice_ids, g_strdup (mb_entity_item_get_id (item)));
        }
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (fr->row), G_LIST_MODEL (labels));
}

static void
form_row_load (FormRow    *fr,
               const char *stored,
               gboolean    in_operation)
{
  gboolean was_dirty = form_row_is_dirty (fr);
  char *copy = g_strdup (stored);   /* @stored may be fr->loaded itself */

  /* Another value under the text being typed: the user began from the
   * earlier one, and is asked when the row is left. */
  if (was_dirty && !fr->overtaken && g_strcmp0 (fr->loaded, copy) != 0 &&
      mb_store_get_remote_name (fr->form->store) != NULL)
    {
      fr->overtaken = TRUE;
      fr->began_from = g_strdup (fr->loaded);
    }
  g_free (fr->loaded);
  fr->loaded = copy;
  fr->loaded_in_operation = in_operation;
  stored = copy;

  switch (fr->field->kind)
    {
    case MB_FORM_TEXT:
    case MB_FORM_MULTILINE:
    case MB_FORM_INTEGER:
    case MB_FORM_YEAR:
    case MB_FORM_NUMBER:
    case MB_FORM_PERCENT:
    case MB_FORM_AMOUNT:
    case MB_FORM_DATE:
    case MB_FORM_PERIOD:
    case MB_FORM_PLAN_END:
      /* Text being typed (and not yet committed) is kept. */
      if (!form_row_is_dirty (fr))
        form_row_forget_start (fr);
      if (!was_dirty)
        {
          g_autofree char *shown = display_text (fr->field, stored, in_operation);

          form_row_set_text (fr, shown);
          form_row_show_error (fr, NULL);
        }
      break;
    case MB_FORM_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (fr->editor), g_strcmp0 (stored, "1") == 0);
      break;
    case MB_FORM_ENUM:
    case MB_FORM_REFERENCE:
      {
        guint position = choice_position (fr, stored);

        /* A value the choices lack (a reference into another strategy):
         * add it, so that the row tells the truth. */
        if (position == GTK_INVALID_LIST_POSITION && stored != NULL)
          {
            GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (fr->row));
            g_autoptr(MbRecord) target = mb_store_get_record (fr->form->store,
                                                              fr->field->reference, stored, NULL);

            gtk_string_list_append (GTK_STRING_LIST (model),
                                    target ? mb_record_get_title (target) : stored);
            g_ptr_array_add (fr->choice_ids, g_strdup (stored));
            position = fr->choice_ids->len - 1;
          }
        adw_combo_row_set_selected (ADW_COMBO_ROW (fr->row), position);
      }
      break;
    case MB_FORM_SECTION:
    default:
      break;
    }
}

static void
mb_form_reload (MbForm   *self,
                gboolean  refill_references)
{
  g_autoptr(MbRecord) values = NULL;

  if (self->id == NULL)
    return;
  values = mb_store_get_record (self->store, self->table, self->id, NULL);
  if (values == NULL)
    return;   /* deleted: the panel follows the selection away */
  g_clear_object (&self->values);
  self->values = g_steal_pointer (&values);

  self->loading++;
  for (guint i = 0; i < self->rows->len; i++)
    {
      FormRow *fr = self->rows->pdata[i];

      if ((fr->field->kind == MB_FORM_REFERENCE && refill_references) ||
          (fr->field->kind == MB_FORM_ENUM && fr->choice_ids == NULL))
        form_row_fill_choices (fr);
      form_row_load (fr, mb_record_get_string (self->values, fr->field->column),
                     fr->field->kind == MB_FORM_PLAN_END &&
                     mb_record_get_int (self->values, "in_operation") != 0);
    }
  self->loading--;
}

/* Committing */

static gboolean form_row_store (FormRow *fr, const GValue *value);

/* A stored value as the row would show it. */
static char *
form_row_value_label (FormRow    *fr,
                      const char *stored)
{
  const MbFormField *field = fr->field;

  if (stored == NULL)
    return NULL;
  if (field->kind == MB_FORM_BOOLEAN)
    return g_strdup (g_strcmp0 (stored, "1") == 0 ? _("Yes") : _("No"));
  if (field->kind == MB_FORM_ENUM)
    {
      for (const MbFormChoice *c = field->choices; c && c->value; c++)
        if (g_str_equal (c->value, stored))
          return g_strdup (_(c->label));
      return g_strdup (stored);
    }
  if (field->kind == MB_FORM_REFERENCE)
    {
      g_autoptr(MbRecord) target = mb_store_get_record (fr->form->store, field->reference,
                                                        stored, NULL);

      return g_strdup (target ? mb_record_get_title (target) : stored);
    }
  return display_text (field, stored, FALSE);
}

typedef struct
{
  MbForm  *form;
  FormRow *fr;      /* the form's, while it is not disposed */
  GValue   value;   /* what the user stored */
  gboolean has_value;
  char    *theirs;  /* the server's value */
} Conflict;

static void
conflict_free (gpointer  data,
               GClosure *closure)
{
  Conflict *conflict = data;

  if (G_IS_VALUE (&conflict->value))
    g_value_unset (&conflict->value);
  g_free (conflict->theirs);
  g_object_unref (conflict->form);
  g_free (conflict);
}

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Conflict         *conflict)
{
  MbForm *self = conflict->form;
  FormRow *fr = conflict->fr;

  self->resolving--;
  if (self->disposed)
    return;
  form_row_forget_start (fr);
  if (g_strcmp0 (response, MB_CONFLICT_MINE) == 0)
    {
      /* The store has shown the colleague's value meanwhile: storing the
       * user's on top of it is a change of its own now. */
      form_row_store (fr, conflict->has_value ? &conflict->value : NULL);
      return;
    }
  /* Theirs: the row drops what the user typed for what is there now. */
  self->loading++;
  if (kind_is_text_like (fr->field->kind))
    {
      g_autofree char *shown = display_text (fr->field, conflict->theirs, FALSE);

      form_row_set_text (fr, shown);
    }
  else
    form_row_load (fr, conflict->theirs, fr->loaded_in_operation);
  self->loading--;
  form_row_show_error (fr, NULL);
}

/* Asks whose value stays: @theirs (stored, by @author at @when) or @value,
 * the user's, which the dialog shows as @mine_label. */
static void
form_row_present_conflict (FormRow      *fr,
                           const GValue *value,
                           const char   *author,
                           GDateTime    *when,
                           const char   *theirs,
                           const char   *mine_label)
{
  MbForm *self = fr->form;
  g_autofree char *theirs_label = form_row_value_label (fr, theirs);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Conflict *conflict;
  GtkWidget *dialog;

  dialog = mb_conflict_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _(fr->field->label), author, when, theirs_label, mine_label);

  conflict = g_new0 (Conflict, 1);
  conflict->form = g_object_ref (self);
  conflict->fr = fr;
  conflict->theirs = g_strdup (theirs);
  if (value != NULL)
    {
      g_value_init (&conflict->value, G_VALUE_TYPE (value));
      g_value_copy (value, &conflict->value);
      conflict->has_value = TRUE;
    }
  /* Leaving the row for the dialog must not store the same text again. */
  self->resolving++;
  g_signal_connect_data (dialog, "response", G_CALLBACK (conflict_response_cb), conflict,
                         conflict_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* After the store refused @value with MB_STORE_ERROR_CONFLICT: asks whose
 * value stays. FALSE if the store knows no one field it met (the row then
 * shows the error). */
static gboolean
form_row_ask_conflict (FormRow      *fr,
                       const GValue *value)
{
  g_autofree char *author = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *column = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *mine_label = NULL;

  if (!mb_store_get_conflict (fr->form->store, &author, &when, &column, &theirs, &mine))
    return FALSE;
  mine_label = form_row_value_label (fr, mine);
  form_row_present_conflict (fr, value, author, when, theirs, mine_label);
  return TRUE;
}

/* The store changed the value while the user typed over it (see
 * form_row_load()): storing the text now would overwrite a colleague's
 * change the user never saw, which the store cannot tell from a change
 * made after seeing it. Asks whose value stays, as after a conflict the
 * server found. */
static void
form_row_ask_overtaken (FormRow      *fr,
                        const GValue *value)
{
  MbForm *self = fr->form;
  g_autofree char *author = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *typed = form_row_get_text (fr);

  mb_store_get_last_change (self->store, self->table, self->id, &author, &when);
  form_row_present_conflict (fr, value, author, when, fr->loaded, g_strstrip (typed));
  form_row_show_error (fr, NULL);
}

static gboolean
form_row_store (FormRow      *fr,
                const GValue *value)
{
  MbForm *self = fr->form;
  g_autoptr(GError) error = NULL;
  gboolean stored;

  if (self->id == NULL || self->disposed)
    return FALSE;
  if (fr->field->kind == MB_FORM_PLAN_END)
    {
      g_autofree char *text = form_row_get_text (fr);
      MbPeriod end;
      gboolean in_operation = FALSE;

      mb_time_plan_parse_end (g_strstrip (text), &end, &in_operation, NULL);
      stored = mb_store_set_node_end (self->store, self->id,
                                      value ? g_value_get_string (value) : NULL, in_operation,
                                      &error);
    }
  else
    stored = mb_store_set_field (self->store, self->table, self->id, fr->field->column, value,
                                 &error);
  if (!stored && g_error_matches (error, MB_STORE_ERROR, MB_STORE_ERROR_CONFLICT) &&
      form_row_ask_conflict (fr, value))
    {
      form_row_show_error (fr, NULL);
      return FALSE;
    }
  if (!stored)
    {
      form_row_show_error (fr, error->message);
      /* A choice that was refused goes back to what is stored. */
      if (!kind_is_text_like (fr->field->kind))
        {
          self->loading++;
          form_row_load (fr, fr->loaded, fr->loaded_in_operation);
          self->loading--;
          form_row_show_error (fr, error->message);
        }
      return FALSE;
    }
  form_row_show_error (fr, NULL);
  return TRUE;
}

/* Parses and checks the row's text; on success @value holds it. */
static gboolean
form_row_validate (FormRow *fr,
                   GValue  *value)
{
  g_autofree char *text = form_row_get_text (fr);
  g_autofree char *message = NULL;

  if (!mb_form_parse_text (fr->field, text, value, &message) ||
      (message = mb_form_check_value (fr->form->table, fr->field, value)) != NULL)
    {
      form_row_show_error (fr, message);
      return FALSE;
    }
  form_row_show_error (fr, NULL);
  return TRUE;
}

static gboolean
form_row_commit (FormRow *fr)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (fr->form->loading || fr->form->resolving)
    return fr->error == NULL;
  if (!form_row_is_dirty (fr))
    {
      form_row_forget_start (fr);
      return fr->error == NULL;
    }
  if (!form_row_validate (fr, &value))
    return FALSE;
  if (fr->overtaken && kind_is_text_like (fr->field->kind))
    {
      form_row_ask_overtaken (fr, G_IS_VALUE (&value) ? &value : NULL);
      return FALSE;
    }
  if (!form_row_store (fr, G_IS_VALUE (&value) ? &value : NULL))
    return FALSE;
  form_row_forget_start (fr);
  /* "oktober 2021" typed reads "October 2021" once stored, as it will next time. */
  if ((fr->field->kind == MB_FORM_PERIOD || fr->field->kind == MB_FORM_PLAN_END) &&
      G_IS_VALUE (&value))
    {
      g_autofree char *typed = form_row_get_text (fr);
      g_autofree char *shown = NULL;
      gboolean in_operation = FALSE;
      MbPeriod end;

      if (fr->field->kind == MB_FORM_PLAN_END)
        mb_time_plan_parse_end (g_strstrip (typed), &end, &in_operation, NULL);
      shown = display_text (fr->field, g_value_get_string (&value), in_operation);

      fr->form->loading++;
      form_row_set_text (fr, shown);
      fr->form->loading--;
    }
  return TRUE;
}

static void
text_changed_cb (FormRow *fr)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (fr->form->loading)
    return;
  if (form_row_is_dirty (fr))
    form_row_validate (fr, &value);
  else
    form_row_show_error (fr, NULL);
}

static void
entry_apply_cb (AdwEntryRow *row,
                FormRow     *fr)
{
  form_row_commit (fr);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                FormRow                 *fr)
{
  form_row_commit (fr);
}

static gboolean
text_view_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          FormRow               *fr)
{
  /* Enter makes a new line in free text; Ctrl+Enter saves it. */
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      form_row_commit (fr);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
switch_active_cb (GtkSwitch  *sw,
                  GParamSpec *pspec,
                  FormRow    *fr)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (fr->form->loading)
    return;
  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (sw));
  form_row_store (fr, &value);
}

static void
combo_selected_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   FormRow     *fr)
{
  guint position = adw_combo_row_get_selected (row);
  const char *id;
  g_auto(GValue) value = G_VALUE_INIT;

  if (fr->form->loading || position == GTK_INVALID_LIST_POSITION ||
      position >= fr->choice_ids->len)
    return;
  id = fr->choice_ids->pdata[position];
  if (g_strcmp0 (id, fr->loaded) == 0)
    return;
  if (id != NULL)
    {
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, id);
    }
  /* We are inside the combo row's own change of selection: a reload now
   * would give it a new model while its old selection is still emitting
   * (criticals, or worse). The store writes now; the rows follow after. */
  fr->form->choosing++;
  form_row_store (fr, id ? &value : NULL);
  fr->form->choosing--;
}

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          FormRow     *fr)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  if (fr->form->loading)
    return;
  form_row_set_text (fr, text);
  form_row_commit (fr);
  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
calendar_popover_show_cb (GtkPopover *popover,
                          FormRow    *fr)
{
  GtkWidget *calendar = gtk_popover_get_child (popover);
  g_autofree char *text = form_row_get_text (fr);
  int y, m, d;

  /* Open at the date in the row, if it is one. */
  fr->form->loading++;
  if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (y, m, d, 0, 0, 0);

      gtk_calendar_select_day (GTK_CALENDAR (calendar), date);
    }
  fr->form->loading--;
}

/* Building the rows */

static GtkWidget *
make_error_icon (void)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "error");
  gtk_widget_set_visible (icon, FALSE);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  return icon;
}

static void
add_focus_commit (GtkWidget *widget,
                  FormRow   *fr)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), fr);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
build_entry_row (FormRow *fr)
{
  GtkWidget *row = adw_entry_row_new ();
  const char *unit = NULL;

  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (entry_apply_cb), fr);
  g_signal_connect (row, "entry-activated", G_CALLBACK (entry_apply_cb), fr);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (text_changed_cb), fr);
  add_focus_commit (row, fr);

  switch (fr->field->kind)
    {
    case MB_FORM_INTEGER:
    case MB_FORM_YEAR:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
      break;
    case MB_FORM_NUMBER:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      break;
    case MB_FORM_PERCENT:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      unit = "%";
      break;
    case MB_FORM_AMOUNT:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      /* Translators: the currency after an amount, as in "2 500 000 kr" */
      unit = _("kr");
      break;
    case MB_FORM_DATE:
      {
        GtkWidget *button = gtk_menu_button_new ();
        GtkWidget *popover = gtk_popover_new ();
        GtkWidget *calendar = gtk_calendar_new ();

        gtk_popover_set_child (GTK_POPOVER (popover), calendar);
        g_signal_connect (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), fr);
        g_signal_connect (popover, "show", G_CALLBACK (calendar_popover_show_cb), fr);
        gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
        gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
        gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (button, "flat");
        gtk_widget_set_tooltip_text (button, _("Choose a Date"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Date"), -1);
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
      }
      break;
    case MB_FORM_TEXT:
    case MB_FORM_MULTILINE:
    case MB_FORM_PERIOD:
    case MB_FORM_PLAN_END:
    case MB_FORM_ENUM:
    case MB_FORM_BOOLEAN:
    case MB_FORM_REFERENCE:
    case MB_FORM_SECTION:
    default:
      break;
    }

  if (unit)
    {
      GtkWidget *label = gtk_label_new (unit);

      gtk_widget_add_css_class (label, "dim-label");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
    }
  fr->error_icon = make_error_icon ();
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), fr->error_icon);
  return row;
}

static GtkWidget *
build_multiline_row (FormRow *fr)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_(fr->field->label));
  GtkWidget *view = gtk_text_view_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fr->field->label));
  gtk_widget_add_css_class (row, "mb-multiline-row");
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_box_append (GTK_BOX (header), title);
  fr->error_icon = make_error_icon ();
  gtk_box_append (GTK_BOX (header), fr->error_icon);
  gtk_box_append (GTK_BOX (box), header);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_widget_add_css_class (view, "mb-inline-text");
  gtk_widget_set_size_request (view, -1, 48);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(fr->field->label), -1);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                            G_CALLBACK (text_changed_cb), fr);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (text_view_key_pressed_cb), fr);
  gtk_widget_add_controller (view, keys);
  add_focus_commit (view, fr);
  gtk_box_append (GTK_BOX (box), view);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  fr->editor = view;
  return row;
}

static GtkWidget *
build_row (FormRow *fr)
{
  GtkWidget *row = NULL;
  const char *label = _(fr->field->label);

  switch (fr->field->kind)
    {
    case MB_FORM_TEXT:
    case MB_FORM_INTEGER:
    case MB_FORM_YEAR:
    case MB_FORM_NUMBER:
    case MB_FORM_PERCENT:
    case MB_FORM_AMOUNT:
    case MB_FORM_DATE:
    case MB_FORM_PERIOD:
    case MB_FORM_PLAN_END:
      row = build_entry_row (fr);
      break;
    case MB_FORM_MULTILINE:
      row = build_multiline_row (fr);
      break;
    case MB_FORM_BOOLEAN:
      row = adw_action_row_new ();
      fr->editor = gtk_switch_new ();
      gtk_widget_set_valign (fr->editor, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (fr->editor),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), fr->editor);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), fr->editor);
      g_signal_connect (fr->editor, "notify::active", G_CALLBACK (switch_active_cb), fr);
      fr->error_icon = make_error_icon ();
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), fr->error_icon);
      break;
    case MB_FORM_ENUM:
    case MB_FORM_REFERENCE:
      row = adw_combo_row_new ();
      fr->error_icon = make_error_icon ();
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), fr->error_icon);
      g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), fr);
      break;
    case MB_FORM_SECTION:
    default:
      g_return_val_if_reached (NULL);
    }

  fr->row = row;
  mb_form_keep_words_whole (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  if (fr->field->hint)
    gtk_widget_set_tooltip_text (row, _(fr->field->hint));
  return row;
}

static gboolean
reload_idle_cb (gpointer data)
{
  MbForm *self = data;

  self->reload_idle = 0;
  mb_form_reload (self, self->reload_references);
  self->reload_references = FALSE;
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (MbStore            *store,
                  const char * const *tables,
                  MbForm             *self)
{
  gboolean references = FALSE;

  if (self->disposed)
    return;
  for (guint i = 0; i < self->rows->len && !references; i++)
    {
      FormRow *fr = self->rows->pdata[i];

      references = fr->field->kind == MB_FORM_REFERENCE &&
                   mb_store_changes_include (tables, fr->field->reference);
    }
  if (!references && !mb_store_changes_include (tables, self->table))
    return;
  if (self->choosing > 0 || self->reload_idle != 0)
    {
      self->reload_references |= references;
      if (self->reload_idle == 0)
        self->reload_idle = g_idle_add (reload_idle_cb, self);
      return;
    }
  mb_form_reload (self, references);
}

/**
 * mb_form_keep_words_whole:
 * @widget: a row, or any widget
 *
 * Makes the wrapping labels in @widget (a libadwaita row's title and
 * subtitle wrap at any character) wrap between words only, so that a
 * narrow row shows "Projektägare", never "Projektäga-re": a word is then
 * as narrow as the label gets.
 */
void
mb_form_keep_words_whole (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) &&
      gtk_label_get_wrap_mode (GTK_LABEL (widget)) == PANGO_WRAP_WORD_CHAR)
    gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mb_form_keep_words_whole (child);
}

/* GObject */

static void
mb_form_dispose (GObject *object)
{
  MbForm *self = MB_FORM (object);
  GtkWidget *child;

  self->disposed = TRUE;
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mb_form_parent_class)->dispose (object);
}

static void
mb_form_finalize (GObject *object)
{
  MbForm *self = MB_FORM (object);

  g_clear_object (&self->store);
  g_clear_object (&self->values);
  g_free (self->table);
  g_free (self->id);

  G_OBJECT_CLASS (mb_form_parent_class)->finalize (object);
}

static void
mb_form_class_init (MbFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mb_form_dispose;
  object_class->finalize = mb_form_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mbform");
}

static void
mb_form_init (MbForm *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 24);
  self->rows = g_ptr_array_new_with_free_func (form_row_free);
}

/* Public API */

GtkWidget *
mb_form_new (MbStore           *store,
             const char        *table,
             const MbFormField *fields,
             guint              n_fields)
{
  MbForm *self;
  GtkWidget *group = NULL;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (MB_TYPE_FORM, NULL);
  self->store = g_object_ref (store);
  self->table = g_strdup (table);
  self->fields = fields;
  self->n_fields = n_fields;

  for (guint i = 0; i < n_fields; i++)
    {
      FormRow *fr;

      if (fields[i].kind == MB_FORM_SECTION || group == NULL)
        {
          group = adw_preferences_group_new ();
          if (fields[i].kind == MB_FORM_SECTION)
            {
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(fields[i].label));
              if (fields[i].hint)
                adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                                       _(fields[i].hint));
            }
          gtk_widget_set_parent (group, GTK_WIDGET (self));
          if (fields[i].kind == MB_FORM_SECTION)
            continue;
        }

      fr = g_new0 (FormRow, 1);
      fr->form = self;
      fr->field = &fields[i];
      g_ptr_array_add (self->rows, fr);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), build_row (fr));
    }

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  return GTK_WIDGET (self);
}

void
mb_form_set_id (MbForm     *self,
                const char *id)
{
  g_return_if_fail (MB_IS_FORM (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;
  g_free (self->id);
  self->id = g_strdup (id);
  /* Typed text belongs to the entity it was typed for. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      FormRow *fr = self->rows->pdata[i];

      g_clear_pointer (&fr->loaded, g_free);
      self->loading++;
      if (kind_is_text_like (fr->field->kind))
        form_row_set_text (fr, "");
      self->loading--;
    }
  mb_form_reload (self, TRUE);
}

const char *
mb_form_get_id (MbForm *self)
{
  g_return_val_if_fail (MB_IS_FORM (self), NULL);
  return self->id;
}

const char *
mb_form_get_table (MbForm *self)
{
  g_return_val_if_fail (MB_IS_FORM (self), NULL);
  return self->table;
}

static FormRow *
find_row (MbForm     *self,
          const char *column)
{
  for (guint i = 0; self->rows && i < self->rows->len; i++)
    {
      FormRow *fr = self->rows->pdata[i];

      if (g_strcmp0 (fr->field->column, column) == 0)
        return fr;
    }
  return NULL;
}

GtkWidget *
mb_form_get_row (MbForm     *self,
                 const char *column)
{
  FormRow *fr;

  g_return_val_if_fail (MB_IS_FORM (self), NULL);
  fr = find_row (self, column);
  return fr ? fr->row : NULL;
}

gboolean
mb_form_commit (MbForm     *self,
                const char *column)
{
  FormRow *fr;

  g_return_val_if_fail (MB_IS_FORM (self), FALSE);
  fr = find_row (self, column);
  g_return_val_if_fail (fr != NULL, FALSE);
  return form_row_commit (fr);
}

const char *
mb_form_get_error (MbForm     *self,
                   const char *column)
{
  FormRow *fr;

  g_return_val_if_fail (MB_IS_FORM (self), NULL);
  fr = find_row (self, column);
  return fr ? fr->error : NULL;
}
