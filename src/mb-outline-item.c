/* mb-outline-item.c – one node of a strategy's outline, with its children
 *
 * The outline is rebuilt from the store on each change; items are plain
 * snapshots, so nothing here writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-outline-item.h"

struct _MbOutlineItem
{
  GObject     parent_instance;

  char       *id;
  char       *parent_id;
  char       *title;
  char       *code;
  char       *level_name;
  guint       index;
  gboolean    overdue;
  GListStore *children;
};

G_DEFINE_FINAL_TYPE (MbOutlineItem, mb_outline_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_CODE,
  PROP_LEVEL_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mb_outline_item_finalize (GObject *object)
{
  MbOutlineItem *self = (MbOutlineItem *)object;

  g_free (self->id);
  g_free (self->parent_id);
  g_free (self->title);
  g_free (self->code);
  g_free (self->level_name);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (mb_outline_item_parent_class)->finalize (object);
}

static void
mb_outline_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MbOutlineItem *self = MB_OUTLINE_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_LEVEL_NAME:
      g_value_set_string (value, self->level_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_outline_item_class_init (MbOutlineItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_outline_item_finalize;
  object_class->get_property = mb_outline_item_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL_NAME] =
    g_param_spec_string ("level-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_outline_item_init (MbOutlineItem *self)
{
  self->children = g_list_store_new (MB_TYPE_OUTLINE_ITEM);
}

MbOutlineItem *
mb_outline_item_new (const char *id,
                     const char *parent_id,
                     const char *title,
                     const char *code,
                     const char *level_name)
{
  MbOutlineItem *self = g_object_new (MB_TYPE_OUTLINE_ITEM, NULL);

  self->id = g_strdup (id);
  self->parent_id = g_strdup (parent_id);
  self->title = g_strdup (title);
  self->code = g_strdup (code);
  self->level_name = g_strdup (level_name);

  return self;
}

const char *
mb_outline_item_get_id (MbOutlineItem *self)
{
  g_return_val_if_fail (MB_IS_OUTLINE_ITEM (self), NULL);
  return self->id;
}

const char *
mb_outline_item_get_parent_id (MbOutlineItem *self)
{
  g_return_val_if_fail (MB_IS_OUTLINE_ITEM (self), NULL);
  return self->parent_id;
}

const char *
mb_outline_item_get_title (MbOutlineItem *self)
{
  g_return_val_if_fail (MB_IS_OUTLINE_ITEM (self), NULL);
  return self->title;
}

const char *
mb_outline_item_get_code (MbOutlineItem *self)
{
  g_return_val_if_fail (MB_IS_OUTLINE_ITEM (self), NULL);
  return self->code;
}

const char *
mb_outline_item_get_level_name (MbOutlineItem *self)
{
  g_return_val_if_fail (MB_IS_OUTLINE_ITEM (self), NULL);
  return self->level_name;
}

guint
mb_outline_item_get_index (MbOutlineItem *self)
{
  g_return_val_if_fail (MB_IS_OUTLINE_ITEM (self), 0);
  return self->index;
}

void
mb_outline_item_set_index (MbOutlineItem *self,
                           guint          index)
{
  g_return_if_fail (MB_IS_OUTLINE_ITEM (self));
  self->index = index;
}

GListStore *
mb_outline_item_get_children (MbOutlineItem *self)
{
  g_return_val_if_fail (MB_IS_OUTLINE_ITEM (self), NULL);
  return self->children;
}

void
mb_outline_item_append (MbOutlineItem *self,
                        MbOutlineItem *child)
{
  g_return_if_fail (MB_IS_OUTLINE_ITEM (self));
  g_return_if_fail (MB_IS_OUTLINE_ITEM (child));

  child->index = g_list_model_get_n_items (G_LIST_MODEL (self->children));
  g_list_store_append (self->children, child);
}

gboolean
mb_outline_item_get_overdue (MbOutlineItem *self)
{
  g_return_val_if_fail (MB_IS_OUTLINE_ITEM (self), FALSE);
  return self->overdue;
}

void
mb_outline_item_set_overdue (MbOutlineItem *self,
                             gboolean       overdue)
{
  g_return_if_fail (MB_IS_OUTLINE_ITEM (self));
  self->overdue = overdue;
}
