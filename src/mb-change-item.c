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
#include "mb-format.h"

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

/* Targets */

MbRecord *
mb_change_find_target (MbStore    *store,
                       const char *strategy_id,
                       const char *from_id,
                       const char *target_id)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  if (target_id == NULL)
    return NULL;
  {
    MbRecord *record = mb_store_get_record (store, "indicator_targets", target_id, NULL);

    if (record != NULL)
      return record;
  }
  /* Removed since: as the revision held it. */
  if (from_id == NULL || strategy_id == NULL)
    return NULL;
  rows = mb_store_list_revision_records (store, strategy_id, from_id, "indicator_targets", NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (g_strcmp0 (mb_record_get_id (g_ptr_array_index (rows, i)), target_id) == 0)
      return g_object_ref (g_ptr_array_index (rows, i));
  return NULL;
}

/* A value as a comparison writes it ("40.5"), as people read it ("40,5"). */
static char *
number_text (const char *value)
{
  return value != NULL ? mb_format_number_text (value) : g_strdup (_("(none)"));
}

char *
mb_change_describe_target (const MbChange *change,
                           MbRecord       *target)
{
  int year = (int) mb_record_get_int (target, "year");
  g_autofree char *value = mb_format_number (mb_record_get_double (target, "value"));

  g_return_val_if_fail (change != NULL, NULL);

  switch (change->kind)
    {
    case MB_CHANGE_ADDED:
      /* Translators: said of a node whose indicator got a target: "Target for 2030 added: 45" */
      return g_strdup_printf (_("Target for %d added: %s"), year, value);
    case MB_CHANGE_REMOVED:
      /* Translators: said of a node whose indicator lost a target */
      return g_strdup_printf (_("Target for %d removed, was %s"), year, value);
    case MB_CHANGE_CHANGED:
    case MB_CHANGE_MOVED:
    default:
      break;
    }
  for (guint i = 0; change->fields != NULL && i < change->fields->len; i++)
    {
      const MbFieldChange *field = &g_array_index (change->fields, MbFieldChange, i);
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;

      if (g_strcmp0 (field->name, "value") != 0)
        continue;
      old_value = number_text (field->old_value);
      new_value = number_text (field->new_value);
      /* Translators: said of a node whose indicator's target changed:
       * "Target for 2030 changed from 40 to 45" */
      return g_strdup_printf (_("Target for %d changed from %s to %s"), year, old_value,
                              new_value);
    }
  /* Translators: said of a node whose indicator's target changed (its note, say) */
  return g_strdup_printf (_("Target for %d changed"), year);
}
