/* mb-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-application.h"

G_BEGIN_DECLS

#define MB_TYPE_WINDOW (mb_window_get_type ())

G_DECLARE_FINAL_TYPE (MbWindow, mb_window, MB, WINDOW, AdwApplicationWindow)

MbWindow *mb_window_new (MbApplication *application);

G_END_DECLS
