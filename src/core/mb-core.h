/* mb-core.h – everything of libmalbild-core that the application may use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-record.h"
#include "mb-scheme.h"
#include "mb-store.h"
#include "mb-store-levels.h"
#include "mb-store-review.h"
#include "mb-revision.h"
#include "mb-store-list-model.h"
