/* mb-change-item.c – an entry of a comparison's list, and how a kind of change is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A comparison's list is flat: a heading per kind of entity, then its
 * changes, so that one GtkListView shows thousands of changes cheaply.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-change-item.h"

struct _MbChangeItem
{
  GObject     parent_instance;

  GPtrArray  *changes;   /* NULL for a heading */
  guint       index;
  const char *entity;    /* interned */
  guint       count;
};

G_DEFINE_FINAL_TYPE (MbChangeItem, mb_change_item, G_TYPE_OBJECT)

static void
mb_change_item_finalize (GObject *object)
{
  MbChangeItem *self = MB_CHANGE_ITEM (object);

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  G_OBJECT_CLASS (mb_change_item_parent_class)->finalize (object);
}

static void
mb_change_item_class_init (MbChangeItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_change_item_finalize;
}

static void
mb_change_item_init (MbChangeItem *self)
{
}

MbChangeItem *
mb_change_item_new_heading (const char *entity,
                            guint       count)
{
  MbChangeItem *self = g_object_new (MB_TYPE_CHANGE_ITEM, NULL);

  self->entity = g_intern_string (entity);
  self->count = count;
  return self;
}

MbChangeItem *
mb_change_item_new (GPtrArray *changes,
                    guint      index)
{
  MbChangeItem *self;

  g_return_val_if_fail (changes != NULL && index < changes->len, NULL);

  self = g_object_new (MB_TYPE_CHANGE_ITEM, NULL);
  self->changes = g_ptr_array_ref (changes);
  self->index = index;
  self->entity = g_intern_string (((MbChange *) g_ptr_array_index (changes, index))->entity);
  self->count = 1;
  return self;
}

gboolean
mb_change_item_is_heading (MbChangeItem *self)
{
  g_return_val_if_fail (MB_IS_CHANGE_ITEM (self), FALSE);
  return self->changes == NULL;
}

const char *
mb_change_item_get_entity (MbChangeItem *self)
{
  g_return_val_if_fail (MB_IS_CHANGE_ITEM (self), NULL);
  return self->entity;
}

guint
mb_change_item_get_count (MbChangeItem *self)
{
  g_return_val_if_fail (MB_IS_CHANGE_ITEM (self), 0);
  return self->count;
}

const MbChange *
mb_change_item_get_change (MbChangeItem *self)
{
  g_return_val_if_fail (MB_IS_CHANGE_ITEM (self), NULL);
  return self->changes ? g_ptr_array_index (self->changes, self->index) : NULL;
}

const char *
mb_change_entity_label (const char *entity)
{
  static const struct { const char *entity; const char *label; } labels[] = {
    { "strategy", N_("Strategy") },
    { "level", N_("Levels") },
    { "node", N_("Nodes") },
    { "link", N_("Links") },
    { "tag", N_("Tags") },
    { "territory", N_("Territories") },
    { "indicator", N_("Indicators") },
    { "target", N_("Targets") },
    { "node-indicator", N_("Indicators of Goals") },
    { "project", N_("Projects") },
    { "call", N_("Funding Calls") },
    { "round", N_("Follow-up Rounds") },
    { "assessment", N_("Assessments") },
    { "activity", N_("Activities") },
    { "activity-organisation", N_("Organisations in Activities") },
    { "activity-goal", N_("Goals of Activities") },
    { "activity-project", N_("Projects in Activities") },
    { "activity-call", N_("Funding Calls in Activities") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].entity, entity) == 0)
      return _(labels[i].label);
  return entity;
}

const char *
mb_change_kind_symbol (MbChangeKind kind)
{
  /* Diff's and Terraform's signs, that people who compare versions know;
   * an arrow for a move. */
  static const char * const symbols[] = { "+", "−", "~", "↕" };

  g_return_val_if_fail (kind <= MB_CHANGE_MOVED, "");
  return symbols[kind];
}

const char *
mb_change_kind_label (MbChangeKind kind)
{
  static const char * const labels[] = {
    N_("Added"), N_("Removed"), N_("Changed"), N_("Moved"),
  };

  g_return_val_if_fail (kind <= MB_CHANGE_MOVED, "");
  return _(labels[kind]);
}

const char *
mb_change_kind_css_class (MbChangeKind kind)
{
  static const char * const classes[] = {
    "mb-change-added", "mb-change-removed", "mb-change-changed", "mb-change-moved",
  };

  g_return_val_if_fail (kind <= MB_CHANGE_MOVED, "");
  return classes[kind];
}
