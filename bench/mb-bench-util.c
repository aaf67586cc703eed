/* mb-bench-util.c – timing and medians shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "mb-bench-util.h"

double
mb_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

double
mb_bench_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int
mb_bench_compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
mb_bench_median (GArray *values)
{
  g_return_val_if_fail (values != NULL && values->len > 0, 0);

  g_array_sort (values, mb_bench_compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

double
mb_bench_max (GArray *values)
{
  g_return_val_if_fail (values != NULL && values->len > 0, 0);

  g_array_sort (values, mb_bench_compare_doubles);
  return g_array_index (values, double, values->len - 1);
}

void
mb_bench_print_row (const char *what,
                    GArray     *wall,
                    GArray     *cpu)
{
  g_print ("%-40s %10.1f %10.1f %10.1f\n", what, mb_bench_median (wall), mb_bench_max (wall),
           mb_bench_median (cpu));
}
