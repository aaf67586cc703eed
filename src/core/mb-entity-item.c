/* mb-entity-item.c – one entity as a list row shows it, for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-catalogue-entry.h"
#include "mb-entity-item.h"

struct _MbEntityItem
{
  GObject  parent_instance;

  char    *kind;
  char    *id;
  char    *title;
  char    *subtitle;
  char    *search_key;
};

G_DEFINE_FINAL_TYPE (MbEntityItem, mb_entity_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mb_entity_item_finalize (GObject *object)
{
  MbEntityItem *self = MB_ENTITY_ITEM (object);

  g_free (self->kind);
  g_free (self->id);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->search_key);

  G_OBJECT_CLASS (mb_entity_item_parent_class)->finalize (object);
}

static void
mb_entity_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MbEntityItem *self = MB_ENTITY_ITEM (object);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_entity_item_class_init (MbEntityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_entity_item_finalize;
  object_class->get_property = mb_entity_item_get_property;

  /* Read-only properties, so that list rows can bind to them. */
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_entity_item_init (MbEntityItem *self)
{
}

MbEntityItem *
mb_entity_item_new (const char *kind,
                    const char *id,
                    const char *title,
                    const char *subtitle)
{
  MbEntityItem *self;
  g_autofree char *key = NULL;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (MB_TYPE_ENTITY_ITEM, NULL);
  self->kind = g_strdup (kind);
  self->id = g_strdup (id);
  self->title = g_strdup (title ? title : "");
  self->subtitle = g_strdup (subtitle);
  key = g_strconcat (self->title, " ", subtitle ? subtitle : "", NULL);
  self->search_key = mb_catalogue_fold_for_search (key);
  return self;
}

const char *
mb_entity_item_get_kind (MbEntityItem *self)
{
  g_return_val_if_fail (MB_IS_ENTITY_ITEM (self), NULL);
  return self->kind;
}

const char *
mb_entity_item_get_id (MbEntityItem *self)
{
  g_return_val_if_fail (MB_IS_ENTITY_ITEM (self), NULL);
  return self->id;
}

const char *
mb_entity_item_get_title (MbEntityItem *self)
{
  g_return_val_if_fail (MB_IS_ENTITY_ITEM (self), NULL);
  return self->title;
}

const char *
mb_entity_item_get_subtitle (MbEntityItem *self)
{
  g_return_val_if_fail (MB_IS_ENTITY_ITEM (self), NULL);
  return self->subtitle;
}

const char *
mb_entity_item_get_search_key (MbEntityItem *self)
{
  g_return_val_if_fail (MB_IS_ENTITY_ITEM (self), NULL);
  return self->search_key;
}
