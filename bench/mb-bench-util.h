/* mb-bench-util.h – timing and medians shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Monotonic wall-clock time and the process's CPU time, in milliseconds. */
double  mb_bench_now_ms  (void);
double  mb_bench_cpu_ms  (void);

/* A GCompareFunc / qsort() comparison of doubles, ascending. */
int     mb_bench_compare_doubles (gconstpointer a,
                                  gconstpointer b);

/* The median and the maximum of an array of doubles (sorts it). */
double  mb_bench_median  (GArray *values);
double  mb_bench_max     (GArray *values);

/* One row of a benchmark's table: @what, the median and the slowest of the
 * wall-clock times @wall, the median of the CPU times @cpu (ms). */
void    mb_bench_print_row (const char *what,
                            GArray     *wall,
                            GArray     *cpu);

G_END_DECLS
