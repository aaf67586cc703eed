/* mb-navigation.c – a browser-like history of the places the user went to
 *
 * The window records every "go there" (a search hit, a node picked on the
 * canvas or in the outline, a link followed in the details panel, a
 * contributions page) as a (kind, id) place; Back and Forward walk the
 * list. Places deleted since are skipped and dropped, so Back never lands
 * on nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "mb-navigation.h"

/* A long session of clicking stays bounded. */
#define MAX_PLACES 200

typedef struct
{
  char *kind;
  char *id;
  char *view;   /* the view that showed it, or NULL */
} Place;

struct _MbNavigation
{
  GObject                 parent_instance;

  GArray                 *places;    /* Place */
  guint                   current;   /* index into @places; meaningless when empty */
  gboolean                can_go_back;
  gboolean                can_go_forward;

  MbNavigationExistsFunc  exists;
  gpointer                exists_data;
  GDestroyNotify          exists_destroy;
};

G_DEFINE_FINAL_TYPE (MbNavigation, mb_navigation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_FORWARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
place_clear (gpointer data)
{
  Place *place = data;

  g_clear_pointer (&place->kind, g_free);
  g_clear_pointer (&place->id, g_free);
  g_clear_pointer (&place->view, g_free);
}

static gboolean
place_exists (MbNavigation *self,
              const Place  *place)
{
  return self->exists == NULL || self->exists (place->kind, place->id, self->exists_data);
}

static gboolean
has_existing (MbNavigation *self,
              int           from,
              int           step)
{
  for (int i = from; i >= 0 && i < (int) self->places->len; i += step)
    if (place_exists (self, &g_array_index (self->places, Place, i)))
      return TRUE;

  return FALSE;
}

static void
mb_navigation_update (MbNavigation *self)
{
  gboolean back = FALSE;
  gboolean forward = FALSE;

  if (self->places->len > 0)
    {
      back = has_existing (self, (int) self->current - 1, -1);
      forward = has_existing (self, (int) self->current + 1, +1);
    }

  if (back != self->can_go_back)
    {
      self->can_go_back = back;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
    }
  if (forward != self->can_go_forward)
    {
      self->can_go_forward = forward;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_FORWARD]);
    }
}

static gboolean
mb_navigation_step (MbNavigation  *self,
                    int            step,
                    const char   **kind,
                    const char   **id)
{
  int i;

  if (self->places->len == 0)
    return FALSE;

  i = (int) self->current + step;
  while (i >= 0 && i < (int) self->places->len)
    {
      if (place_exists (self, &g_array_index (self->places, Place, i)))
        break;

      /* Gone: drop it, so that it is not offered again. */
      g_array_remove_index (self->places, i);
      if (step < 0)
        {
          self->current--;
          i--;
        }
    }

  if (i < 0 || i >= (int) self->places->len)
    {
      mb_navigation_update (self);
      return FALSE;
    }

  self->current = i;
  mb_navigation_update (self);
  return mb_navigation_get_current (self, kind, id);
}

static void
mb_navigation_finalize (GObject *object)
{
  MbNavigation *self = MB_NAVIGATION (object);

  g_clear_pointer (&self->places, g_array_unref);
  if (self->exists_destroy != NULL)
    self->exists_destroy (self->exists_data);

  G_OBJECT_CLASS (mb_navigation_parent_class)->finalize (object);
}

static void
mb_navigation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MbNavigation *self = MB_NAVIGATION (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, self->can_go_back);
      break;
    case PROP_CAN_GO_FORWARD:
      g_value_set_boolean (value, self->can_go_forward);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mb_navigation_class_init (MbNavigationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_navigation_finalize;
  object_class->get_property = mb_navigation_get_property;

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_FORWARD] =
    g_param_spec_boolean ("can-go-forward", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mb_navigation_init (MbNavigation *self)
{
  self->places = g_array_new (FALSE, TRUE, sizeof (Place));
  g_array_set_clear_func (self->places, place_clear);
}

MbNavigation *
mb_navigation_new (void)
{
  return g_object_new (MB_TYPE_NAVIGATION, NULL);
}

void
mb_navigation_set_exists_func (MbNavigation           *self,
                               MbNavigationExistsFunc  func,
                               gpointer                user_data,
                               GDestroyNotify          destroy)
{
  g_return_if_fail (MB_IS_NAVIGATION (self));

  if (self->exists_destroy != NULL)
    self->exists_destroy (self->exists_data);
  self->exists = func;
  self->exists_data = user_data;
  self->exists_destroy = destroy;
  mb_navigation_update (self);
}

void
mb_navigation_visit (MbNavigation *self,
                     const char   *kind,
                     const char   *id,
                     const char   *view)
{
  Place place;

  g_return_if_fail (MB_IS_NAVIGATION (self));
  g_return_if_fail (kind != NULL && id != NULL);

  if (self->places->len > 0)
    {
      Place *current = &g_array_index (self->places, Place, self->current);

      /* The same item shown in another view is still the same place; Back
       * returns to where it was seen last. */
      if (g_str_equal (current->kind, kind) && g_str_equal (current->id, id))
        {
          g_free (current->view);
          current->view = g_strdup (view);
          return;
        }

      /* A new branch: what lay ahead is forgotten. */
      g_array_set_size (self->places, self->current + 1);
    }

  place.kind = g_strdup (kind);
  place.id = g_strdup (id);
  place.view = g_strdup (view);
  g_array_append_val (self->places, place);

  if (self->places->len > MAX_PLACES)
    g_array_remove_index (self->places, 0);
  self->current = self->places->len - 1;

  mb_navigation_update (self);
}

void
mb_navigation_clear (MbNavigation *self)
{
  g_return_if_fail (MB_IS_NAVIGATION (self));

  g_array_set_size (self->places, 0);
  self->current = 0;
  mb_navigation_update (self);
}

gboolean
mb_navigation_get_current (MbNavigation  *self,
                           const char   **kind,
                           const char   **id)
{
  Place *place;

  g_return_val_if_fail (MB_IS_NAVIGATION (self), FALSE);

  if (self->places->len == 0)
    return FALSE;

  place = &g_array_index (self->places, Place, self->current);
  if (kind != NULL)
    *kind = place->kind;
  if (id != NULL)
    *id = place->id;
  return TRUE;
}

const char *
mb_navigation_get_current_view (MbNavigation *self)
{
  g_return_val_if_fail (MB_IS_NAVIGATION (self), NULL);

  if (self->places->len == 0)
    return NULL;

  return g_array_index (self->places, Place, self->current).view;
}

gboolean
mb_navigation_can_go_back (MbNavigation *self)
{
  g_return_val_if_fail (MB_IS_NAVIGATION (self), FALSE);

  return self->can_go_back;
}

gboolean
mb_navigation_can_go_forward (MbNavigation *self)
{
  g_return_val_if_fail (MB_IS_NAVIGATION (self), FALSE);

  return self->can_go_forward;
}

gboolean
mb_navigation_go_back (MbNavigation  *self,
                       const char   **kind,
                       const char   **id)
{
  g_return_val_if_fail (MB_IS_NAVIGATION (self), FALSE);

  return mb_navigation_step (self, -1, kind, id);
}

gboolean
mb_navigation_go_forward (MbNavigation  *self,
                          const char   **kind,
                          const char   **id)
{
  g_return_val_if_fail (MB_IS_NAVIGATION (self), FALSE);

  return mb_navigation_step (self, +1, kind, id);
}

void
mb_navigation_revalidate (MbNavigation *self)
{
  g_return_if_fail (MB_IS_NAVIGATION (self));

  mb_navigation_update (self);
}

guint
mb_navigation_get_length (MbNavigation *self)
{
  g_return_val_if_fail (MB_IS_NAVIGATION (self), 0);

  return self->places->len;
}
