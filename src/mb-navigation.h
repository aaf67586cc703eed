/* mb-navigation.h – a browser-like history of the places the user went to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Locations that are pages rather than entities: a node's contributions,
 * looking down ("What contributes to this goal?") or up ("What does this
 * serve?"); their id is the node's. Other kinds are the store's tables. */
#define MB_LOCATION_CONTRIBUTIONS_DOWN "contributions-down"
#define MB_LOCATION_CONTRIBUTIONS_UP   "contributions-up"

/* Whether the place @kind/@id still exists (it may have been deleted since
 * the user was there). */
typedef gboolean (*MbNavigationExistsFunc) (const char *kind,
                                            const char *id,
                                            gpointer    user_data);

#define MB_TYPE_NAVIGATION (mb_navigation_get_type ())

G_DECLARE_FINAL_TYPE (MbNavigation, mb_navigation, MB, NAVIGATION, GObject)

MbNavigation *mb_navigation_new             (void);

void          mb_navigation_set_exists_func (MbNavigation           *self,
                                             MbNavigationExistsFunc  func,
                                             gpointer                user_data,
                                             GDestroyNotify          destroy);

/* Records a visit to @kind/@id, shown in @view (a view's name, or NULL):
 * it becomes the current place, and the places ahead of the old one are
 * forgotten, as in a browser. Visiting the current place again records
 * nothing but the view it is now shown in. */
void          mb_navigation_visit           (MbNavigation           *self,
                                             const char             *kind,
                                             const char             *id,
                                             const char             *view);
/* Forgets everything (another library). */
void          mb_navigation_clear           (MbNavigation           *self);

/* The current place, or FALSE when there is none. */
gboolean      mb_navigation_get_current     (MbNavigation           *self,
                                             const char            **kind,
                                             const char            **id);

/* The view the current place was shown in, or NULL. */
const char   *mb_navigation_get_current_view (MbNavigation          *self);

/* "can-go-back" and "can-go-forward" properties: whether a place that
 * still exists lies behind or ahead. */
gboolean      mb_navigation_can_go_back     (MbNavigation           *self);
gboolean      mb_navigation_can_go_forward  (MbNavigation           *self);

/* Moves to the nearest existing place behind (ahead), dropping the places
 * that no longer exist on the way, and returns it as the current place;
 * FALSE if there is none. */
gboolean      mb_navigation_go_back         (MbNavigation           *self,
                                             const char            **kind,
                                             const char            **id);
gboolean      mb_navigation_go_forward      (MbNavigation           *self,
                                             const char            **kind,
                                             const char            **id);

/* Re-checks which places still exist (after a change to the library), so
 * that "can-go-back" and "can-go-forward" are right. */
void          mb_navigation_revalidate      (MbNavigation           *self);

guint         mb_navigation_get_length      (MbNavigation           *self);

G_END_DECLS
