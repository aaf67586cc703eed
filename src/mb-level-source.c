/* mb-level-source.c – where a new strategy's levels come from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * New Strategy offers the built-in schemes, a copy of another strategy's
 * levels (a region builds several documents on its own structure), or an
 * empty scheme to fill in, in the strategy's details. Below the choice, the
 * levels it gives, so that nobody has to guess what "EU logical framework"
 * means.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "mb-level-source.h"

struct _MbLevelSource
{
  GtkBox       parent_instance;

  /* Owned references */
  MbStore     *store;
  GPtrArray   *keys;      /* NULL-terminated, parallel to the drop-down */
  GPtrArray   *previews;  /* the levels of each choice, as shown */

  /* Borrowed references */
  GtkWidget   *drop_down;
  GtkWidget   *preview;
};

G_DEFINE_FINAL_TYPE (MbLevelSource, mb_level_source, GTK_TYPE_BOX)

static void
selected_cb (GtkDropDown   *drop_down,
             GParamSpec    *pspec,
             MbLevelSource *self)
{
  guint i = gtk_drop_down_get_selected (drop_down);

  gtk_label_set_text (GTK_LABEL (self->preview),
                      i < self->previews->len ? g_ptr_array_index (self->previews, i) : "");
}

static void
add_choice (MbLevelSource *self,
            GtkStringList *names,
            const char    *name,
            char          *key,
            char          *preview)
{
  gtk_string_list_append (names, name);
  g_ptr_array_add (self->keys, key);
  g_ptr_array_add (self->previews, preview);
}

/* "Vision → Long-term goal → …" of a strategy. */
static char *
strategy_levels (MbStore    *store,
                 const char *strategy_id)
{
  g_autoptr(GListModel) levels = mb_store_list_levels (store, strategy_id);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (levels); i++)
    {
      MbRecord *level = g_list_model_get_item (levels, i);

      g_ptr_array_add (names, (char *) mb_record_get_title (level));
      g_object_unref (level);  /* the model keeps it */
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" → ", (char **) names->pdata);
}

static void
fill (MbLevelSource *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) strategies = mb_store_list_strategies (self->store);
  const MbScheme *schemes;
  guint n_schemes;

  schemes = mb_scheme_get_all (&n_schemes);
  for (guint i = 0; i < n_schemes; i++)
    {
      g_autoptr(GPtrArray) levels = g_ptr_array_new ();

      for (guint j = 0; j < schemes[i].n_levels; j++)
        g_ptr_array_add (levels, (char *) g_dpgettext2 (GETTEXT_PACKAGE, "level",
                                                        schemes[i].levels[j].name));
      g_ptr_array_add (levels, NULL);
      add_choice (self, names, g_dpgettext2 (GETTEXT_PACKAGE, "scheme", schemes[i].name),
                  g_strconcat ("scheme:", schemes[i].key, NULL),
                  g_strjoinv (" → ", (char **) levels->pdata));
    }

  for (guint i = 0; i < g_list_model_get_n_items (strategies); i++)
    {
      g_autoptr(MbRecord) strategy = g_list_model_get_item (strategies, i);
      const char *short_name = mb_record_get_string (strategy, "short_name");
      g_autofree char *levels = strategy_levels (self->store, mb_record_get_id (strategy));
      g_autofree char *name = NULL;

      if (*levels == '\0')
        continue;
      /* Translators: a choice of levels for a new strategy: another strategy's */
      name = g_strdup_printf (_("Same Levels as “%s”"),
                              short_name && *short_name ? short_name
                                                        : mb_record_get_title (strategy));
      add_choice (self, names, name, g_strconcat ("copy:", mb_record_get_id (strategy), NULL),
                  g_steal_pointer (&levels));
    }

  add_choice (self, names, _("Own Levels, to Fill In"), g_strdup ("empty"),
              g_strdup (_("No levels yet: add them in the strategy’s details.")));

  gtk_drop_down_set_model (GTK_DROP_DOWN (self->drop_down), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->drop_down), 0);
  selected_cb (GTK_DROP_DOWN (self->drop_down), NULL, self);
}

/* GObject */

static void
mb_level_source_dispose (GObject *object)
{
  MbLevelSource *self = MB_LEVEL_SOURCE (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (mb_level_source_parent_class)->dispose (object);
}

static void
mb_level_source_finalize (GObject *object)
{
  MbLevelSource *self = MB_LEVEL_SOURCE (object);

  g_ptr_array_unref (self->keys);
  g_ptr_array_unref (self->previews);
  G_OBJECT_CLASS (mb_level_source_parent_class)->finalize (object);
}

static void
mb_level_source_class_init (MbLevelSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mb_level_source_dispose;
  object_class->finalize = mb_level_source_finalize;
}

static void
mb_level_source_init (MbLevelSource *self)
{
  GtkWidget *label;

  self->keys = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->previews = g_ptr_array_new_with_free_func (g_free);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);

  label = gtk_label_new (_("Levels"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (self), label);

  self->drop_down = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_tooltip_text (self->drop_down, _("Where the levels come from"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Levels"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Where the levels come from"), -1);
  g_signal_connect_object (self->drop_down, "notify::selected", G_CALLBACK (selected_cb),
                           self, 0);
  gtk_box_append (GTK_BOX (self), self->drop_down);

  self->preview = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->preview), 0);
  gtk_label_set_wrap (GTK_LABEL (self->preview), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->preview), 40);
  gtk_widget_add_css_class (self->preview, "dim-label");
  gtk_widget_add_css_class (self->preview, "caption");
  gtk_box_append (GTK_BOX (self), self->preview);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->preview, NULL, -1);
}

GtkWidget *
mb_level_source_new (MbStore *store)
{
  MbLevelSource *self;

  g_return_val_if_fail (MB_IS_STORE (store), NULL);

  self = g_object_new (MB_TYPE_LEVEL_SOURCE, NULL);
  self->store = g_object_ref (store);
  fill (self);
  return GTK_WIDGET (self);
}

const char * const *
mb_level_source_get_keys (MbLevelSource *self)
{
  g_return_val_if_fail (MB_IS_LEVEL_SOURCE (self), NULL);
  return (const char * const *) self->keys->pdata;
}

void
mb_level_source_select (MbLevelSource *self,
                        const char    *key)
{
  guint i;

  g_return_if_fail (MB_IS_LEVEL_SOURCE (self));
  if (g_ptr_array_find_with_equal_func (self->keys, key, g_str_equal, &i))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (self->drop_down), i);
}

char *
mb_level_source_create_strategy (MbLevelSource  *self,
                                 const char     *title,
                                 const char     *layout_direction,
                                 GError        **error)
{
  guint i;
  const char *key;

  g_return_val_if_fail (MB_IS_LEVEL_SOURCE (self), NULL);

  i = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->drop_down));
  key = i < self->keys->len ? g_ptr_array_index (self->keys, i) : "scheme:rus";
  if (g_str_has_prefix (key, "copy:"))
    return mb_store_create_strategy_like (self->store, title, key + strlen ("copy:"),
                                          layout_direction, error);
  return mb_store_create_strategy_full (self->store, title,
                                        g_str_has_prefix (key, "scheme:")
                                        ? key + strlen ("scheme:") : NULL,
                                        layout_direction, error);
}
