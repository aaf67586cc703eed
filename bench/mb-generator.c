/* mb-generator.c – a seeded generator of Målbild libraries for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "mb-core.h"
#include "mb-generator.h"
#include "mb-scheme.h"
#include "mb-store-private.h"

const MbGenerateSize mb_generate_large = { 20, 10000, 30000, 2000, 200000, 1000 };
const MbGenerateSize mb_generate_small = { 2, 60, 150, 10, 400, 8 };

#define N_ORGANISATIONS 100
#define N_CALLS 50
static const char * const territories[] = { "0023", "2380", "2361", "2309", "2321" };
static const char * const genders[] = { "T", "K", "M" };
static const char * const link_kinds[] = { "contributes-to", "conflicts-with", "depends-on" };
static const char * const words[] = {
  "hållbar", "energi", "skog", "vatten", "digital", "kompetens", "innovation", "turism",
  "transport", "bredband", "landsbygd", "jämställdhet", "klimat", "näringsliv", "forskning",
  "besöksnäring", "livsmedel", "välfärd", "samverkan", "export",
};

typedef struct
{
  sqlite3  *db;
  GRand    *rand;
  char     *now;
  GError  **error;
} Gen;

static char *
gen_id (Gen *g)
{
  guint32 a = g_rand_int (g->rand), b = g_rand_int (g->rand);
  guint32 c = g_rand_int (g->rand), d = g_rand_int (g->rand);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", a, b >> 16, b & 0xfff,
                          0x8000 | (c >> 18), c & 0xffff, d);
}

static char *
gen_text (Gen        *g,
          const char *prefix,
          guint       n)
{
  return g_strdup_printf ("%s %u %s %s", prefix, n,
                          words[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (words))],
                          words[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (words))]);
}

/* Runs a prepared statement with @types as in _mb_store_exec. */
static gboolean
gen_run (Gen          *g,
         sqlite3_stmt *stmt,
         const char   *types,
         ...)
{
  va_list args;
  int rc;

  sqlite3_reset (stmt);
  va_start (args, types);
  _mb_store_bind (stmt, types, args);
  va_end (args);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _mb_store_set_sqlite_error (g->db, rc, g->error);
      return FALSE;
    }
  return TRUE;
}

#define PREPARE(var, sql) \
  g_autoptr(sqlite3_stmt) var = _mb_store_prepare (db, sql, error)

gboolean
mb_generate_rows (sqlite3               *db,
                  const MbGenerateSize  *size,
                  guint32                seed,
                  GError               **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *now = g_strdup ("2026-01-01T00:00:00.000Z");
  Gen g = { db, rand, now, error };
  g_autoptr(GPtrArray) orgs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const MbScheme *rus = mb_scheme_lookup ("rus");
  guint nodes_per_strategy = MAX (size->nodes / MAX (size->strategies, 1), 1);
  guint n_links = 0;

  PREPARE (org_stmt, "INSERT INTO organisations (id, name, org_number, sector, created, modified)"
                     " VALUES (?, ?, ?, ?, ?, ?)");
  PREPARE (strategy_stmt, "INSERT INTO strategies (id, title, short_name, registration_number,"
                          " organisation_id, position, period_from, period_to, status, scheme,"
                          " description, created, modified)"
                          " VALUES (?, ?, ?, ?, ?, ?, 2021, 2030, 'adopted', 'rus', ?, ?, ?)");
  PREPARE (level_stmt, "INSERT INTO levels (id, strategy_id, position, name, name_sv, created,"
                       " modified) VALUES (?, ?, ?, ?, ?, ?, ?)");
  PREPARE (node_stmt, "INSERT INTO nodes (id, strategy_id, level_id, parent_id, position, title,"
                      " code, description, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  PREPARE (link_stmt, "INSERT INTO links (id, from_node_id, to_node_id, kind, rationale,"
                      " confidence, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  PREPARE (ind_stmt, "INSERT INTO indicators (id, strategy_id, title, unit, direction,"
                     " baseline_value, baseline_year, reference, created, modified)"
                     " VALUES (?, ?, ?, 'antal', ?, ?, 2020, ?, ?, ?)");
  PREPARE (target_stmt, "INSERT INTO indicator_targets (id, indicator_id, year, value, created,"
                        " modified) VALUES (?, ?, ?, ?, ?, ?)");
  PREPARE (attach_stmt, "INSERT OR IGNORE INTO node_indicators (node_id, indicator_id)"
                        " VALUES (?, ?)");
  PREPARE (m_stmt, "INSERT INTO measurements (id, indicator_id, period, territory_code, gender,"
                   " value, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  PREPARE (call_stmt, "INSERT INTO funding_calls (id, title, funder, budget, created, modified)"
                      " VALUES (?, ?, 'Tillväxtverket', ?, ?, ?)");
  PREPARE (call_node_stmt, "INSERT OR IGNORE INTO call_nodes (call_id, node_id) VALUES (?, ?)");
  PREPARE (project_stmt, "INSERT INTO projects (id, title, registration_number, owner_id, status,"
                         " total_budget, created, modified)"
                         " VALUES (?, ?, ?, ?, 'ongoing', ?, ?, ?)");
  PREPARE (funding_stmt, "INSERT INTO project_funding (id, project_id, source, amount, created,"
                         " modified) VALUES (?, ?, ?, ?, ?, ?)");
  PREPARE (pnode_stmt, "INSERT OR IGNORE INTO project_nodes (project_id, node_id) VALUES (?, ?)");
  PREPARE (pcall_stmt, "INSERT OR IGNORE INTO project_calls (project_id, call_id) VALUES (?, ?)");
  PREPARE (partner_stmt, "INSERT OR IGNORE INTO project_partners (project_id, organisation_id)"
                         " VALUES (?, ?)");

  if (org_stmt == NULL ||
      strategy_stmt == NULL ||
      level_stmt == NULL ||
      node_stmt == NULL ||
      link_stmt == NULL ||
      ind_stmt == NULL ||
      target_stmt == NULL ||
      attach_stmt == NULL ||
      m_stmt == NULL ||
      call_stmt == NULL ||
      call_node_stmt == NULL ||
      project_stmt == NULL ||
      funding_stmt == NULL ||
      pnode_stmt == NULL ||
      pcall_stmt == NULL ||
      partner_stmt == NULL)
    return FALSE;

  for (guint i = 0; i < N_ORGANISATIONS; i++)
    {
      char *id = gen_id (&g);
      g_autofree char *name = gen_text (&g, "Organisation", i);
      g_autofree char *number = g_strdup_printf ("2321%06u", i);
      static const char * const sectors[] = { "public", "business", "academia", "civil-society" };

      g_ptr_array_add (orgs, id);
      if (!gen_run (&g, org_stmt, "ssssss", id, name, number, sectors[i % 4], now, now))
        return FALSE;
    }

  /* Nodes: per strategy a tree over the RUS levels, each level wider. */
  for (guint s = 0; s < size->strategies; s++)
    {
      g_autofree char *sid = gen_id (&g);
      g_autofree char *title = gen_text (&g, "Strategi", s);
      g_autofree char *dnr = g_strdup_printf ("RUN/%u/2020", 100 + s);
      g_autofree char *short_name = g_strdup_printf ("S%u", s);
      g_autoptr(GPtrArray) level_ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) previous = g_ptr_array_new ();
      g_autoptr(GPtrArray) current = g_ptr_array_new ();
      guint made = 0;

      if (!gen_run (&g, strategy_stmt, "sssssisss", sid, title, short_name, dnr,
                    (char *) orgs->pdata[s % orgs->len], (int) s, title, now, now))
        return FALSE;
      for (guint l = 0; l < rus->n_levels; l++)
        {
          char *lid = gen_id (&g);

          g_ptr_array_add (level_ids, lid);
          if (!gen_run (&g, level_stmt, "ssissss", lid, sid, (int) l, rus->levels[l].name,
                        rus->levels[l].name_sv, now, now))
            return FALSE;
        }

      for (guint l = 0; l < rus->n_levels && made < nodes_per_strategy; l++)
        {
          /* 1, 3, 9, … nodes per level, the last level takes the rest. */
          guint want = l == rus->n_levels - 1 ? nodes_per_strategy - made
                                               : MIN ((guint) 1 << (2 * l), nodes_per_strategy - made);
          for (guint k = 0; k < want; k++)
            {
              char *nid = gen_id (&g);
              const char *parent = previous->len ? previous->pdata[k % previous->len] : NULL;
              g_autofree char *ntitle = gen_text (&g, rus->levels[l].name_sv, made);
              g_autofree char *code = g_strdup_printf ("%u.%u", l + 1, k + 1);

              g_ptr_array_add (nodes, nid);
              g_ptr_array_add (current, nid);
              if (!gen_run (&g, node_stmt, "ssssisssss", nid, sid,
                            (char *) level_ids->pdata[l], parent, (int) (k / MAX (previous->len, 1)),
                            ntitle, code, ntitle, now, now))
                return FALSE;
              made++;
            }
          g_ptr_array_set_size (previous, 0);
          g_ptr_array_extend_and_steal (previous, g_steal_pointer (&current));
          current = g_ptr_array_new ();
        }
    }

  /* Links go from a later node to an earlier one in creation order, so
   * contributes-to can never close a cycle; many cross strategies. */
  while (n_links < size->links && nodes->len > 1)
    {
      guint to = g_rand_int_range (g.rand, 0, nodes->len - 1);
      guint from = g_rand_int_range (g.rand, to + 1, nodes->len);
      double r = g_rand_double (g.rand);
      const char *kind = link_kinds[r < 0.8 ? 0 : r < 0.9 ? 1 : 2];
      g_autofree char *key = g_strdup_printf ("%u-%u-%s", from, to, kind);
      g_autofree char *lid = NULL;

      if (g_hash_table_contains (linked, key))
        continue;
      g_hash_table_add (linked, g_steal_pointer (&key));
      lid = gen_id (&g);
      if (!gen_run (&g, link_stmt, "sssssiss", lid, (char *) nodes->pdata[from],
                    (char *) nodes->pdata[to], kind, "Därför att", g_rand_int_range (g.rand, 0, 101),
                    now, now))
        return FALSE;
      n_links++;
    }

  for (guint i = 0; i < size->indicators; i++)
    {
      char *id = gen_id (&g);
      g_autofree char *title = gen_text (&g, "Indikator", i);
      g_autofree char *ref = g_strdup_printf ("kolada:N%05u", i);
      gboolean decrease = g_rand_boolean (g.rand);
      double baseline = g_rand_double_range (g.rand, 100, 10000);
      g_autofree char *t1 = gen_id (&g);
      g_autofree char *t2 = gen_id (&g);

      g_ptr_array_add (indicators, id);
      if (!gen_run (&g, ind_stmt, "ssssdsss", id, NULL, title,
                    decrease ? "decrease" : "increase", baseline, ref, now, now) ||
          !gen_run (&g, target_stmt, "ssidss", t1, id, 2024, baseline * (decrease ? 0.9 : 1.1),
                    now, now) ||
          !gen_run (&g, target_stmt, "ssidss", t2, id, 2030, baseline * (decrease ? 0.7 : 1.3),
                    now, now))
        return FALSE;
      for (guint k = 0; k < 2 && nodes->len; k++)
        if (!gen_run (&g, attach_stmt, "ss",
                      (char *) nodes->pdata[g_rand_int_range (g.rand, 0, nodes->len)], id))
          return FALSE;
    }

  /* Measurements: per indicator, years × territories × genders. */
  for (guint i = 0, made = 0; i < indicators->len && made < size->measurements; i++)
    {
      guint per = (size->measurements - made) / (indicators->len - i);

      for (guint k = 0; k < per; k++, made++)
        {
          g_autofree char *mid = gen_id (&g);
          guint combos = G_N_ELEMENTS (territories) * G_N_ELEMENTS (genders);
          g_autofree char *period = g_strdup_printf ("%u", 2000 + k / combos);

          if (!gen_run (&g, m_stmt, "sssssdss", mid, (char *) indicators->pdata[i], period,
                        territories[(k % combos) / G_N_ELEMENTS (genders)],
                        genders[k % G_N_ELEMENTS (genders)],
                        g_rand_double_range (g.rand, 0, 20000), now, now))
            return FALSE;
        }
    }

  for (guint i = 0; i < N_CALLS; i++)
    {
      char *id = gen_id (&g);
      g_autofree char *title = gen_text (&g, "Utlysning", i);

      g_ptr_array_add (calls, id);
      if (!gen_run (&g, call_stmt, "ssdss", id, title, g_rand_double_range (g.rand, 1e6, 5e7),
                    now, now))
        return FALSE;
      for (guint k = 0; k < 4 && nodes->len; k++)
        if (!gen_run (&g, call_node_stmt, "ss", id,
                      (char *) nodes->pdata[g_rand_int_range (g.rand, 0, nodes->len)]))
          return FALSE;
    }

  for (guint i = 0; i < size->projects; i++)
    {
      g_autofree char *id = gen_id (&g);
      g_autofree char *title = gen_text (&g, "Projekt", i);
      g_autofree char *number = g_strdup_printf ("2020%05u", i);
      g_autofree char *f1 = gen_id (&g);
      g_autofree char *f2 = gen_id (&g);

      if (!gen_run (&g, project_stmt, "ssssdss", id, title, number,
                    (char *) orgs->pdata[i % orgs->len], g_rand_double_range (g.rand, 1e5, 1e7),
                    now, now) ||
          !gen_run (&g, funding_stmt, "sssdss", f1, id, "ERDF",
                    g_rand_double_range (g.rand, 1e5, 5e6), now, now) ||
          !gen_run (&g, funding_stmt, "sssdss", f2, id, "Anslag 1:1",
                    g_rand_double_range (g.rand, 1e5, 5e6), now, now) ||
          !gen_run (&g, pcall_stmt, "ss", id,
                    (char *) calls->pdata[g_rand_int_range (g.rand, 0, calls->len)]) ||
          !gen_run (&g, partner_stmt, "ss", id,
                    (char *) orgs->pdata[g_rand_int_range (g.rand, 0, orgs->len)]))
        return FALSE;
      for (guint k = 0; k < 3 && nodes->len; k++)
        if (!gen_run (&g, pnode_stmt, "ss", id,
                      (char *) nodes->pdata[g_rand_int_range (g.rand, 0, nodes->len)]))
          return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const MbGenerateSize *size;
  guint32               seed;
} GenerateAction;

static gboolean
generate_cb (MbStore   *store,
             sqlite3   *db,
             gpointer   user_data,
             GError   **error)
{
  GenerateAction *action = user_data;

  return mb_generate_rows (db, action->size, action->seed, error);
}

gboolean
mb_generate_library (const char            *path,
                     const MbGenerateSize  *size,
                     guint32                seed,
                     GError               **error)
{
  g_autoptr(MbStore) store = NULL;
  GenerateAction action = { size, seed };

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, "“%s” exists already", path);
      return FALSE;
    }
  store = mb_store_open (path, MB_STORE_OPEN_NONE, error);
  if (store == NULL ||
      !mb_store_run_batch_action (store, "Generate", generate_cb, &action, error))
    return FALSE;

  /* A generated library starts without history, as if imported long ago. */
  return _mb_store_exec (mb_store_get_db (store), error, "DELETE FROM mb_undo_log", NULL) &&
         _mb_store_exec (mb_store_get_db (store), error, "DELETE FROM mb_undo_steps", NULL) &&
         _mb_store_exec (mb_store_get_db (store), error, "VACUUM", NULL);
}

/* The vision: the root node with the most nodes below it and linked into
 * it, transitively (the generator's strategies have one root each). */
char *
mb_generate_pick_vision (MbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  char *best = NULL;
  guint best_len = 0;

  roots = _mb_store_query_records (mb_store_get_db (store), &error, "nodes",
                                   "SELECT id FROM nodes WHERE parent_id IS NULL ORDER BY id",
                                   NULL);
  if (roots == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < roots->len; i++)
    {
      const char *id = mb_record_get_id (roots->pdata[i]);
      g_auto(GStrv) down = NULL;

      if (!mb_store_query_chain (store, id, MB_CHAIN_INCLUDE_TREE, NULL, &down, &error))
        g_error ("%s", error->message);
      if (best == NULL || g_strv_length (down) > best_len)
        {
          g_free (best);
          best = g_strdup (id);
          best_len = g_strv_length (down);
        }
    }
  return best;
}

char *
mb_generate_bench_library (const char  *copy_from,
                           gboolean     small,
                           char       **dir)
{
  g_autoptr(GError) error = NULL;
  char *path;

  *dir = g_dir_make_tmp ("mb-bench-XXXXXX", &error);
  if (*dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (*dir, "library.malbild", NULL);
  if (copy_from != NULL)
    {
      g_autoptr(GFile) from = g_file_new_for_path (copy_from);
      g_autoptr(GFile) to = g_file_new_for_path (path);

      if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
        g_error ("%s", error->message);
    }
  else if (!mb_generate_library (path, small ? &mb_generate_small : &mb_generate_large, 1,
                                 &error))
    g_error ("%s", error->message);
  return path;
}

void
mb_generate_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

char *
mb_generate_pick_largest_strategy (MbStore *store)
{
  return _mb_store_query_text (mb_store_get_db (store),
                               "SELECT strategy_id FROM nodes GROUP BY strategy_id"
                               " ORDER BY count(*) DESC, strategy_id LIMIT 1", NULL);
}
