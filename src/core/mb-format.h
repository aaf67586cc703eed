/* mb-format.h – numbers, amounts, percentages and dates as the UI shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mb-period.h"

G_BEGIN_DECLS

char *mb_format_number      (double      value);
char *mb_format_number_text (const char *text);
char *mb_format_amount      (double      kronor);
char *mb_format_percent     (double      fraction);
char *mb_format_date        (const char *iso_date);
char *mb_format_date_time   (const char *iso_time);

/* In a document's language rather than the UI's (the follow-up report). */
char *mb_format_number_in   (double            value,
                             MbPeriodLanguage  language);

G_END_DECLS
