/* mb-store-list-model.c – a live list of records from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-store-list-model.h"
#include "mb-store-private.h"

struct _MbStoreListModel
{
  GObject    parent_instance;

  /* Owned references */
  MbStore   *store;
  char      *kind;
  char      *sql;
  char      *param;      /* the query's one parameter, or NULL */
  GStrv      tables;     /* refresh when one of these changes */
  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MbStoreListModel, mb_store_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

void
mb_store_list_model_refresh (MbStoreListModel *self)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GError) error = NULL;
  guint prefix = 0, suffix = 0, removed, added;

  g_return_if_fail (MB_IS_STORE_LIST_MODEL (self));

  fresh = _mb_store_query_records (mb_store_get_db (self->store), &error, self->kind, self->sql,
                                   self->param ? "s" : NULL, self->param);
  if (fresh == NULL)
    {
      g_warning ("Could not read the %s of the library: %s", self->kind, error->message);
      return;
    }

  /* One items-changed for the span between the unchanged head and tail. */
  while (prefix < self->items->len && prefix < fresh->len &&
         mb_record_equal (self->items->pdata[prefix], fresh->pdata[prefix]))
    prefix++;
  while (suffix < self->items->len - prefix && suffix < fresh->len - prefix &&
         mb_record_equal (self->items->pdata[self->items->len - 1 - suffix],
                          fresh->pdata[fresh->len - 1 - suffix]))
    suffix++;
  removed = self->items->len - prefix - suffix;
  added = fresh->len - prefix - suffix;
  if (removed == 0 && added == 0)
    return;

  g_ptr_array_remove_range (self->items, prefix, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (self->items, prefix + i, g_object_ref (fresh->pdata[prefix + i]));
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
}

static void
store_changed_cb (MbStoreListModel   *self,
                  const char * const *tables,
                  MbStore            *store)
{
  for (guint i = 0; self->tables[i]; i++)
    if (mb_store_changes_include (tables, self->tables[i]))
      {
        mb_store_list_model_refresh (self);
        return;
      }
}

static GListModel *
list_new (MbStore            *store,
          const char         *kind,
          const char * const *tables,
          const char         *sql,
          const char         *param)
{
  MbStoreListModel *self;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  self = g_object_new (MB_TYPE_STORE_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->kind = g_strdup (kind);
  self->tables = g_strdupv ((char **) tables);
  self->sql = g_strdup (sql);
  self->param = g_strdup (param);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  mb_store_list_model_refresh (self);
  return G_LIST_MODEL (self);
}

GListModel *
mb_store_list_strategies (MbStore *store)
{
  return list_new (store, "strategies", (const char *[]) { "strategies", NULL },
                   "SELECT * FROM strategies ORDER BY position, title, id", NULL);
}

GListModel *
mb_store_list_levels (MbStore    *store,
                      const char *strategy_id)
{
  return list_new (store, "levels", (const char *[]) { "levels", NULL },
                   "SELECT mb_level_name(name, name_sv) AS title, * FROM levels"
                   " WHERE strategy_id = ? ORDER BY position", strategy_id);
}

GListModel *
mb_store_list_nodes (MbStore    *store,
                     const char *strategy_id)
{
  return list_new (store, "nodes", (const char *[]) { "nodes", NULL },
                   _mb_store_tree_sql, strategy_id);
}

GListModel *
mb_store_list_indicators (MbStore    *store,
                          const char *strategy_id)
{
  if (strategy_id == NULL)
    return list_new (store, "indicators", (const char *[]) { "indicators", NULL },
                     "SELECT * FROM indicators ORDER BY title, id", NULL);
  return list_new (store, "indicators", (const char *[]) { "indicators", NULL },
                   "SELECT * FROM indicators WHERE strategy_id = ? ORDER BY title, id",
                   strategy_id);
}

GListModel *
mb_store_list_projects (MbStore *store)
{
  return list_new (store, "projects", (const char *[]) { "projects", NULL },
                   "SELECT * FROM projects ORDER BY title, id", NULL);
}

GListModel *
mb_store_list_calls (MbStore *store)
{
  return list_new (store, "funding_calls", (const char *[]) { "funding_calls", NULL },
                   "SELECT * FROM funding_calls ORDER BY title, id", NULL);
}

GListModel *
mb_store_list_organisations (MbStore *store)
{
  return list_new (store, "organisations", (const char *[]) { "organisations", NULL },
                   "SELECT * FROM organisations ORDER BY name, id", NULL);
}

static GType
list_get_item_type (GListModel *model)
{
  return MB_TYPE_RECORD;
}

static guint
list_get_n_items (GListModel *model)
{
  return MB_STORE_LIST_MODEL (model)->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  MbStoreListModel *self = MB_STORE_LIST_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (self->items->pdata[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
mb_store_list_model_finalize (GObject *object)
{
  MbStoreListModel *self = (MbStoreListModel *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_strfreev);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->sql, g_free);
  g_clear_pointer (&self->param, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mb_store_list_model_parent_class)->finalize (object);
}

static void
mb_store_list_model_class_init (MbStoreListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_store_list_model_finalize;
}

static void
mb_store_list_model_init (MbStoreListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
