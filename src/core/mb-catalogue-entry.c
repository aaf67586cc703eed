/* mb-catalogue-entry.c – one entry of a shipped reference catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry keeps every column of its CSV row, so that a view can show what
 * the source says (a KPI's operating area, a municipality's NUTS3 code)
 * without the model knowing each catalogue's columns. The few columns
 * every view needs have accessors, mapped per catalogue here. Entries are
 * GObjects so that a picker can show them through a GListModel.
 */

#include "config.h"

#include "mb-catalogue-entry.h"

struct _MbCatalogueEntry
{
  GObject          parent_instance;

  MbCatalogueKind  kind;
  char            *id;
  char            *reference;
  char            *successor;
  char            *search_key;
  GHashTable      *fields;   /* column name → value */
  guint            retired : 1;
};

G_DEFINE_FINAL_TYPE (MbCatalogueEntry, mb_catalogue_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFERENCE,
  PROP_ID,
  PROP_TITLE,
  PROP_TITLE_EN,
  PROP_DESCRIPTION,
  PROP_RETIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Which column holds what, per catalogue. The Kolada and municipality
 * files are Swedish only and the ERDF file English only. */
typedef struct
{
  const char *prefix;
  const char *title;
  const char *title_en;
  const char *description;
  const char *unit;
} KindColumns;

static const KindColumns kind_columns[MB_CATALOGUE_N_KINDS] = {
  [MB_CATALOGUE_KIND_KOLADA] = { "kolada", "title", NULL, "description", NULL },
  [MB_CATALOGUE_KIND_ERDF] = { "erdf", "name_en", "name_en", NULL, "measurement_unit" },
  [MB_CATALOGUE_KIND_SDG] = { "sdg", "name_sv", "name_en_un", "goal_statement_sv", NULL },
  [MB_CATALOGUE_KIND_TERRITORY] = { "territory", "name", NULL, NULL, NULL },
  [MB_CATALOGUE_KIND_DIMENSION] = { "dimension", "name_sv", "name_en", "description", NULL },
  [MB_CATALOGUE_KIND_PERSPECTIVE] = { "perspective", "name_sv", "name_en", "description", NULL },
};

const char *
mb_catalogue_kind_get_prefix (MbCatalogueKind kind)
{
  g_return_val_if_fail (kind < MB_CATALOGUE_N_KINDS, NULL);

  return kind_columns[kind].prefix;
}

gboolean
mb_catalogue_kind_from_prefix (const char      *prefix,
                               MbCatalogueKind *kind)
{
  g_return_val_if_fail (prefix != NULL, FALSE);

  for (guint i = 0; i < MB_CATALOGUE_N_KINDS; i++)
    {
      if (g_ascii_strcasecmp (kind_columns[i].prefix, prefix) == 0)
        {
          if (kind != NULL)
            *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * mb_catalogue_fold_for_search:
 * @text: UTF-8 text
 *
 * Folds @text for case-insensitive matching: NFC first, so that a
 * decomposed "å" equals a composed one, then case folding. Å, Ä and Ö stay
 * letters of their own, as they are in Swedish ("ar" does not match "år").
 *
 * Returns: (transfer full): the folded text
 */
char *
mb_catalogue_fold_for_search (const char *text)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (normal == NULL)
    return g_strdup ("");

  return g_utf8_casefold (normal, -1);
}

static const char *
lookup_column (MbCatalogueEntry *self,
               const char       *column)
{
  const char *value;

  if (column == NULL || self->fields == NULL)
    return NULL;

  value = g_hash_table_lookup (self->fields, column);
  return (value != NULL && *value != '\0') ? value : NULL;
}

static MbCatalogueEntry *
entry_new (MbCatalogueKind  kind,
           const char      *id,
           GHashTable      *fields,
           gboolean         retired,
           const char      *successor)
{
  MbCatalogueEntry *self;
  g_autoptr(GString) key = NULL;
  const char *title;
  const char *title_en;

  g_return_val_if_fail (kind < MB_CATALOGUE_N_KINDS, NULL);
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  self = g_object_new (MB_TYPE_CATALOGUE_ENTRY, NULL);
  self->kind = kind;
  self->id = g_strdup (id);
  self->reference = g_strconcat (kind_columns[kind].prefix, ":", id, NULL);
  self->fields = fields ? fields : g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->retired = retired;
  self->successor = (successor != NULL && *successor != '\0') ? g_strdup (successor) : NULL;

  title = mb_catalogue_entry_get_title (self);
  title_en = mb_catalogue_entry_get_title_en (self);
  key = g_string_new (id);
  if (title != NULL)
    g_string_append_printf (key, "\n%s", title);
  if (title_en != NULL && g_strcmp0 (title_en, title) != 0)
    g_string_append_printf (key, "\n%s", title_en);
  self->search_key = mb_catalogue_fold_for_search (key->str);

  return self;
}

/**
 * mb_catalogue_entry_new:
 * @kind: the catalogue
 * @id: the id inside it ("N01951", "RCO 01", "7", "2380")
 * @fields: (transfer full) (nullable): column → value, keys not freed
 *   (interned), values freed with g_free()
 *
 * Returns: (transfer full): a current entry
 */
MbCatalogueEntry *
mb_catalogue_entry_new (MbCatalogueKind  kind,
                        const char      *id,
                        GHashTable      *fields)
{
  return entry_new (kind, id, fields, FALSE, NULL);
}

/**
 * mb_catalogue_entry_new_retired:
 * @kind: the catalogue
 * @id: the id that is no longer current
 * @fields: (transfer full) (nullable): what is still known of it
 * @successor: (nullable): the reference that replaces it ("kolada:N02267")
 *
 * Returns: (transfer full): a retired entry
 */
MbCatalogueEntry *
mb_catalogue_entry_new_retired (MbCatalogueKind  kind,
                                const char      *id,
                                GHashTable      *fields,
                                const char      *successor)
{
  return entry_new (kind, id, fields, TRUE, successor);
}

MbCatalogueKind
mb_catalogue_entry_get_kind (MbCatalogueEntry *self)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), 0);

  return self->kind;
}

const char *
mb_catalogue_entry_get_id (MbCatalogueEntry *self)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), NULL);

  return self->id;
}

/**
 * mb_catalogue_entry_get_reference:
 *
 * Returns: the reference as indicators and tags store it, "kolada:N01951"
 */
const char *
mb_catalogue_entry_get_reference (MbCatalogueEntry *self)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), NULL);

  return self->reference;
}

/**
 * mb_catalogue_entry_get_title:
 *
 * Returns: (nullable): the title in Swedish where the source has one
 *   (Kolada, SDG, territories), else English (ERDF)
 */
const char *
mb_catalogue_entry_get_title (MbCatalogueEntry *self)
{
  const char *title;

  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), NULL);

  title = lookup_column (self, kind_columns[self->kind].title);
  /* The retired list has its own title column. */
  return title ? title : lookup_column (self, "title");
}

const char *
mb_catalogue_entry_get_title_en (MbCatalogueEntry *self)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), NULL);

  return lookup_column (self, kind_columns[self->kind].title_en);
}

const char *
mb_catalogue_entry_get_description (MbCatalogueEntry *self)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), NULL);

  return lookup_column (self, kind_columns[self->kind].description);
}

const char *
mb_catalogue_entry_get_unit (MbCatalogueEntry *self)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), NULL);

  return lookup_column (self, kind_columns[self->kind].unit);
}

/**
 * mb_catalogue_entry_get_field:
 * @column: a column name of the source file
 *
 * Returns: (nullable): the value, or %NULL if absent or empty
 */
const char *
mb_catalogue_entry_get_field (MbCatalogueEntry *self,
                              const char       *column)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  return lookup_column (self, column);
}

/**
 * mb_catalogue_entry_get_fields:
 *
 * Returns: (transfer none) (element-type utf8 utf8): every column of the
 *   source row, column name → value
 */
GHashTable *
mb_catalogue_entry_get_fields (MbCatalogueEntry *self)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), NULL);

  return self->fields;
}

gboolean
mb_catalogue_entry_is_retired (MbCatalogueEntry *self)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), FALSE);

  return self->retired;
}

/**
 * mb_catalogue_entry_get_successor:
 *
 * Returns: (nullable): for a retired entry, the reference of the current
 *   entry that replaces it, if the sources name one
 */
const char *
mb_catalogue_entry_get_successor (MbCatalogueEntry *self)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), NULL);

  return self->successor;
}

/**
 * mb_catalogue_entry_get_search_key:
 *
 * Returns: id, title and English title, folded by
 *   mb_catalogue_fold_for_search()
 */
const char *
mb_catalogue_entry_get_search_key (MbCatalogueEntry *self)
{
  g_return_val_if_fail (MB_IS_CATALOGUE_ENTRY (self), NULL);

  return self->search_key;
}

static void
mb_catalogue_entry_finalize (GObject *object)
{
  MbCatalogueEntry *self = (MbCatalogueEntry *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->successor, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (mb_catalogue_entry_parent_class)->finalize (object);
}

static void
mb_catalogue_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MbCatalogueEntry *self = MB_CATALOGUE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, mb_catalogue_entry_get_title (self));
      break;

    case PROP_TITLE_EN:
      g_value_set_string (value, mb_catalogue_entry_get_title_en (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, mb_catalogue_entry_get_description (self));
      break;

    case PROP_RETIRED:
      g_value_set_boolean (value, self->retired);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_catalogue_entry_class_init (MbCatalogueEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_catalogue_entry_finalize;
  object_class->get_property = mb_catalogue_entry_get_property;

  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE_EN] =
    g_param_spec_string ("title-en", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETIRED] =
    g_param_spec_boolean ("retired", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_catalogue_entry_init (MbCatalogueEntry *self)
{
}
