/* mb-selection.c – what the user has selected, shared by every view
 *
 * One object per window: the canvas, the outline, the lists and the details
 * panel all read and write it, so that they never disagree about what is
 * selected. It holds ids only; views look the entities up in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-selection.h"

struct _MbSelection
{
  GObject     parent_instance;

  char       *strategy_id;
  char       *kind;
  char       *id;
  /* Selected node ids in selection order, and a set for lookups. */
  GPtrArray  *nodes;
  GHashTable *node_set;
};

G_DEFINE_FINAL_TYPE (MbSelection, mb_selection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STRATEGY,
  PROP_KIND,
  PROP_ID,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
mb_selection_set_primary (MbSelection *self,
                          const char  *kind,
                          const char  *id)
{
  gboolean kind_changed = g_strcmp0 (self->kind, kind) != 0;
  gboolean id_changed = g_strcmp0 (self->id, id) != 0;

  g_free (self->kind);
  self->kind = g_strdup (kind);
  g_free (self->id);
  self->id = g_strdup (id);

  if (kind_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  if (id_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

static void
mb_selection_clear_nodes (MbSelection *self)
{
  g_ptr_array_set_size (self->nodes, 0);
  g_hash_table_remove_all (self->node_set);
}

static gboolean
mb_selection_insert_node (MbSelection *self,
                          const char  *node_id)
{
  char *copy;

  if (g_hash_table_contains (self->node_set, node_id))
    return FALSE;

  copy = g_strdup (node_id);
  g_ptr_array_add (self->nodes, copy);
  g_hash_table_add (self->node_set, copy);
  return TRUE;
}

/* The primary item after a change of the node set: the last node selected. */
static void
mb_selection_update_primary_from_nodes (MbSelection *self)
{
  if (self->nodes->len > 0)
    mb_selection_set_primary (self, MB_KIND_NODE,
                              g_ptr_array_index (self->nodes, self->nodes->len - 1));
  else if (g_strcmp0 (self->kind, MB_KIND_NODE) == 0)
    mb_selection_set_primary (self, NULL, NULL);
}

static void
mb_selection_finalize (GObject *object)
{
  MbSelection *self = (MbSelection *)object;

  g_clear_pointer (&self->strategy_id, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->node_set, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);

  G_OBJECT_CLASS (mb_selection_parent_class)->finalize (object);
}

static void
mb_selection_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MbSelection *self = MB_SELECTION (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      g_value_set_string (value, self->strategy_id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_selection_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MbSelection *self = MB_SELECTION (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      mb_selection_set_strategy (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_selection_class_init (MbSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_selection_finalize;
  object_class->get_property = mb_selection_get_property;
  object_class->set_property = mb_selection_set_property;

  properties[PROP_STRATEGY] =
    g_param_spec_string ("strategy", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MbSelection::changed:
   *
   * Emitted once after any change of the selected items or the strategy.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mb_selection_init (MbSelection *self)
{
  self->nodes = g_ptr_array_new_with_free_func (g_free);
  self->node_set = g_hash_table_new (g_str_hash, g_str_equal);
}

MbSelection *
mb_selection_new (void)
{
  return g_object_new (MB_TYPE_SELECTION, NULL);
}

const char *
mb_selection_get_strategy (MbSelection *self)
{
  g_return_val_if_fail (MB_IS_SELECTION (self), NULL);

  return self->strategy_id;
}

/* Showing another strategy clears the selection: its items are not shown. */
void
mb_selection_set_strategy (MbSelection *self,
                           const char  *strategy_id)
{
  g_return_if_fail (MB_IS_SELECTION (self));

  if (g_strcmp0 (self->strategy_id, strategy_id) == 0)
    return;

  g_free (self->strategy_id);
  self->strategy_id = g_strdup (strategy_id);
  mb_selection_clear_nodes (self);
  mb_selection_set_primary (self, strategy_id ? MB_KIND_STRATEGY : NULL, strategy_id);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRATEGY]);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
mb_selection_get_kind (MbSelection *self)
{
  g_return_val_if_fail (MB_IS_SELECTION (self), NULL);

  return self->kind;
}

const char *
mb_selection_get_id (MbSelection *self)
{
  g_return_val_if_fail (MB_IS_SELECTION (self), NULL);

  return self->id;
}

void
mb_selection_select (MbSelection *self,
                     const char  *kind,
                     const char  *id)
{
  g_return_if_fail (MB_IS_SELECTION (self));
  g_return_if_fail ((kind == NULL) == (id == NULL));

  mb_selection_clear_nodes (self);
  if (g_strcmp0 (kind, MB_KIND_NODE) == 0)
    mb_selection_insert_node (self, id);
  mb_selection_set_primary (self, kind, id);

  g_signal_emit (self, signals[CHANGED], 0);
}

void
mb_selection_add_node (MbSelection *self,
                       const char  *node_id)
{
  g_return_if_fail (MB_IS_SELECTION (self));
  g_return_if_fail (node_id != NULL);

  if (g_strcmp0 (self->kind, MB_KIND_NODE) != 0)
    mb_selection_clear_nodes (self);
  mb_selection_insert_node (self, node_id);
  mb_selection_update_primary_from_nodes (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

void
mb_selection_toggle_node (MbSelection *self,
                          const char  *node_id)
{
  g_return_if_fail (MB_IS_SELECTION (self));
  g_return_if_fail (node_id != NULL);

  if (g_hash_table_contains (self->node_set, node_id))
    {
      g_hash_table_remove (self->node_set, node_id);
      for (guint i = 0; i < self->nodes->len; i++)
        {
          if (g_str_equal (g_ptr_array_index (self->nodes, i), node_id))
            {
              g_ptr_array_remove_index (self->nodes, i);
              break;
            }
        }
      mb_selection_update_primary_from_nodes (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  else
    {
      mb_selection_add_node (self, node_id);
    }
}

void
mb_selection_select_nodes (MbSelection        *self,
                           const char * const *node_ids)
{
  g_return_if_fail (MB_IS_SELECTION (self));

  mb_selection_clear_nodes (self);
  for (guint i = 0; node_ids != NULL && node_ids[i] != NULL; i++)
    mb_selection_insert_node (self, node_ids[i]);
  if (self->nodes->len == 0 && self->strategy_id != NULL)
    mb_selection_set_primary (self, MB_KIND_STRATEGY, self->strategy_id);
  else
    mb_selection_update_primary_from_nodes (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

void
mb_selection_clear (MbSelection *self)
{
  mb_selection_select_nodes (self, NULL);
}

gboolean
mb_selection_contains_node (MbSelection *self,
                            const char  *node_id)
{
  g_return_val_if_fail (MB_IS_SELECTION (self), FALSE);

  return node_id != NULL && g_hash_table_contains (self->node_set, node_id);
}

guint
mb_selection_get_n_nodes (MbSelection *self)
{
  g_return_val_if_fail (MB_IS_SELECTION (self), 0);

  return self->nodes->len;
}

char **
mb_selection_dup_nodes (MbSelection *self)
{
  GStrvBuilder *builder;
  char **result;

  g_return_val_if_fail (MB_IS_SELECTION (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->nodes->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->nodes, i));
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return result;
}
