/* mb-record.c – a read-only snapshot of one row of the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mb-record.h"
#include "mb-store-private.h"

/* The strings point into the same allocation as the columns: a query of
 * thousands of rows made two allocations per column before. */
typedef struct
{
  const char *name;
  int         type;    /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_NULL */
  const char *text;
  double      number;
} Column;

struct _MbRecord
{
  GObject  parent_instance;

  char    *kind;
  Column  *columns;
  guint    n_columns;
  /* Borrowed from columns */
  const char *id;
  const char *title;
  const char *subtitle;
  guint    depth;
};

G_DEFINE_FINAL_TYPE (MbRecord, mb_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_DEPTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const Column *
find_column (MbRecord   *self,
             const char *name)
{
  for (guint i = 0; i < self->n_columns; i++)
    if (g_str_equal (self->columns[i].name, name))
      return &self->columns[i];
  return NULL;
}

static const char *
first_text (MbRecord           *self,
            const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    {
      const char *value = mb_record_get_string (self, names[i]);
      if (value != NULL)
        return value;
    }
  return NULL;
}

/* Whether SQLite could read a number at the start of @text: after spaces,
 * a sign, a digit or a point. Titles and ids need not be parsed. */
static gboolean
may_be_number (const char *text)
{
  while (*text == ' ' || (*text >= '\t' && *text <= '\r'))
    text++;
  return g_ascii_isdigit (*text) || *text == '+' || *text == '-' || *text == '.';
}

MbRecord *
_mb_record_new_from_stmt (const char   *kind,
                          sqlite3_stmt *stmt)
{
  MbRecord *self = g_object_new (MB_TYPE_RECORD, NULL);
  static const char * const titles[] = { "title", "name", NULL };
  static const char * const subtitles[] = {
    "code", "registration_number", "reference", "call_number", "org_number", NULL
  };

  guint n_columns = sqlite3_column_count (stmt);
  g_autofree Column *read = g_new (Column, MAX (n_columns, 1));
  gsize size = n_columns * sizeof (Column);
  char *strings;

  self->kind = g_strdup (kind);
  self->n_columns = n_columns;
  for (guint i = 0; i < n_columns; i++)
    {
      Column *c = &read[i];

      c->name = sqlite3_column_name (stmt, i);
      c->type = sqlite3_column_type (stmt, i);
      c->text = (const char *) sqlite3_column_text (stmt, i);
      if (c->type == SQLITE_NULL)
        c->number = NAN;
      else if (c->type == SQLITE_TEXT && !may_be_number (c->text))
        c->number = 0.0;  /* what SQLite makes of it, without parsing */
      else
        c->number = sqlite3_column_double (stmt, i);
      size += strlen (c->name) + 1 + (c->text ? strlen (c->text) + 1 : 0);
    }

  self->columns = g_malloc (MAX (size, 1));
  strings = (char *) (self->columns + n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      Column *c = &self->columns[i];

      *c = read[i];
      c->name = strings;
      strings = g_stpcpy (strings, read[i].name) + 1;
      if (read[i].text != NULL)
        {
          c->text = strings;
          strings = g_stpcpy (strings, read[i].text) + 1;
        }
    }

  self->id = mb_record_get_string (self, "id");
  self->title = first_text (self, titles);
  self->subtitle = first_text (self, subtitles);
  self->depth = (guint) MAX (mb_record_get_int (self, "depth"), 0);
  return self;
}

const char *
mb_record_get_kind (MbRecord *self)
{
  g_return_val_if_fail (MB_IS_RECORD (self), NULL);
  return self->kind;
}

const char *
mb_record_get_id (MbRecord *self)
{
  g_return_val_if_fail (MB_IS_RECORD (self), NULL);
  return self->id;
}

const char *
mb_record_get_title (MbRecord *self)
{
  g_return_val_if_fail (MB_IS_RECORD (self), NULL);
  return self->title;
}

const char *
mb_record_get_subtitle (MbRecord *self)
{
  g_return_val_if_fail (MB_IS_RECORD (self), NULL);
  return self->subtitle;
}

guint
mb_record_get_depth (MbRecord *self)
{
  g_return_val_if_fail (MB_IS_RECORD (self), 0);
  return self->depth;
}

gboolean
mb_record_has_column (MbRecord   *self,
                      const char *column)
{
  g_return_val_if_fail (MB_IS_RECORD (self), FALSE);
  return find_column (self, column) != NULL;
}

gboolean
mb_record_is_null (MbRecord   *self,
                   const char *column)
{
  const Column *c;

  g_return_val_if_fail (MB_IS_RECORD (self), TRUE);
  c = find_column (self, column);
  return c == NULL || c->type == SQLITE_NULL;
}

const char *
mb_record_get_string (MbRecord   *self,
                      const char *column)
{
  const Column *c;

  g_return_val_if_fail (MB_IS_RECORD (self), NULL);
  c = find_column (self, column);
  return c ? c->text : NULL;
}

gint64
mb_record_get_int (MbRecord   *self,
                   const char *column)
{
  const Column *c;

  g_return_val_if_fail (MB_IS_RECORD (self), 0);
  c = find_column (self, column);
  return c && c->type != SQLITE_NULL ? (gint64) c->number : 0;
}

double
mb_record_get_double (MbRecord   *self,
                      const char *column)
{
  const Column *c;

  g_return_val_if_fail (MB_IS_RECORD (self), NAN);
  c = find_column (self, column);
  return c ? c->number : NAN;
}

gboolean
mb_record_equal (MbRecord *a,
                 MbRecord *b)
{
  g_return_val_if_fail (MB_IS_RECORD (a) && MB_IS_RECORD (b), FALSE);

  if (a->n_columns != b->n_columns || g_strcmp0 (a->kind, b->kind) != 0)
    return FALSE;
  for (guint i = 0; i < a->n_columns; i++)
    if (a->columns[i].type != b->columns[i].type ||
        g_strcmp0 (a->columns[i].name, b->columns[i].name) != 0 ||
        g_strcmp0 (a->columns[i].text, b->columns[i].text) != 0)
      return FALSE;
  return TRUE;
}

static void
mb_record_finalize (GObject *object)
{
  MbRecord *self = (MbRecord *) object;

  g_free (self->columns);
  g_free (self->kind);

  G_OBJECT_CLASS (mb_record_parent_class)->finalize (object);
}

static void
mb_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MbRecord *self = MB_RECORD (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_record_class_init (MbRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_record_finalize;
  object_class->get_property = mb_record_get_property;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_record_init (MbRecord *self)
{
}
