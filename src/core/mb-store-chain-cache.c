/* mb-store-chain-cache.c – the store's chain index, kept current off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every selection on the canvas asks for the node's chain, which the index
 * of mb-store-chain.c answers in a millisecond; building that index reads
 * every node and link, tens of milliseconds on a library of 10,000 nodes:
 * too long for the main loop. So the index is built in a thread, on a
 * connection of its own (a connection is not shared between threads; in
 * WAL mode a reader holds up nobody), as soon as the store opens and
 * whenever the index was dropped; and the store's own commits update it in
 * place from the rows their undo-log entries name, at once.
 *
 * Never stale. A build is tagged with the cache's generation as it starts,
 * and with the store connection's PRAGMA data_version then. Whatever may
 * change nodes or links behind the index bumps the generation (a commit of
 * the store's own that the index cannot follow, a pull of a shared
 * library): a result of an older generation is thrown away. Other
 * connections' commits move the data version, which is per connection, so
 * only the store connection's is compared: once it moved past the tag, the
 * index (or the build, which may or may not have seen that commit) goes.
 *
 * A query that finds no current index waits for the build under way if it
 * has begun (less than building again, and the same answer), and else
 * builds one itself, as before there were threads.
 *
 * The thread touches nothing but its own connection and the build's plain
 * data; the result comes back in the main context, where the cache may be
 * gone by then (the store was finalized): the build then only frees itself.
 */

#include "config.h"

#include <gio/gio.h>

#include "mb-store-lock-private.h"
#include "mb-store-private.h"

/* A commit that touched more nodes and links than this is followed by a
 * build: reading each row again would take about as long. */
#define MAX_UPDATE_ENTRIES 2000

typedef struct _ChainBuild ChainBuild;

struct _MbChainCache
{
  char         *path;          /* the file a thread reads; NULL: no threads */
  MbStoreFiles  files;         /* what it was when the store opened it */
  MbChainIndex *index;         /* current with the committed library, or NULL */
  gint64        data_version;  /* the store connection's, when the index or build was current */
  guint         generation;    /* bumped whenever nodes or links may have changed */
  ChainBuild   *build;         /* under way for this generation, or NULL */
};

struct _ChainBuild
{
  /* The store's thread only. */
  MbChainCache *cache;         /* NULL once the cache let go of the build */
  guint         generation;
  gint64        data_version;

  /* Set before the thread runs. */
  char         *path;
  MbStoreFiles  files;
  GCancellable *cancellable;

  /* Shared with the thread, under the mutex. */
  GMutex        mutex;
  GCond         cond;
  gboolean      started;       /* the thread began to read */
  gboolean      abandoned;     /* let go of before it began: it does not */
  gboolean      done;          /* the thread closed its connection */
  MbChainIndex *index;
  GError       *error;
};

/* Builds started whose result is not yet back in its main context. */
static gint n_builds;

/* The hold of _mb_chain_cache_hold_builds(), for tests. */
static GMutex hold_mutex;
static GCond hold_cond;
static guint hold_pass = G_MAXUINT;
static guint hold_arrived;

static void
hold_point (GCancellable *cancellable)
{
  guint ticket;

  g_mutex_lock (&hold_mutex);
  ticket = hold_arrived++;
  g_cond_broadcast (&hold_cond);
  while (ticket >= hold_pass && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&hold_cond, &hold_mutex);
  g_mutex_unlock (&hold_mutex);
}

static void
hold_wake (void)
{
  g_mutex_lock (&hold_mutex);
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_mutex);
}

static void
build_free (gpointer data)
{
  ChainBuild *build = data;

  g_clear_pointer (&build->index, _mb_chain_index_free);
  g_clear_error (&build->error);
  g_clear_object (&build->cancellable);
  g_free (build->path);
  g_mutex_clear (&build->mutex);
  g_cond_clear (&build->cond);
  g_free (build);
}

static gint64
data_version (sqlite3 *db)
{
  return _mb_store_query_int (db, "PRAGMA data_version", NULL);
}

/* In the thread */

/* Reads the library at @path, if it still is the file of @files: a file
 * put in its place would be another library than the store's. */
static MbChainIndex *
read_library (const char    *path,
              MbStoreFiles  *files,
              GCancellable  *cancellable,
              GError       **error)
{
  MbChainIndex *index = NULL;
  sqlite3 *db;
  int rc;

  db = _mb_store_open_reader (path, files, cancellable, error);
  if (db == NULL)
    return NULL;
  /* Every page is read once: a cache would only take memory. */
  sqlite3_exec (db, "PRAGMA cache_size = 16", NULL, NULL, NULL);

  /* One read transaction, so that nodes and links agree. */
  rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      index = _mb_chain_index_build (db, error);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }
  else
    _mb_store_set_sqlite_error (db, rc, error);
  hold_point (cancellable);
  sqlite3_close (db);
  return index;
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ChainBuild *build = task_data;
  g_autoptr(GError) error = NULL;
  MbChainIndex *index = NULL;
  gboolean begin;

  g_mutex_lock (&build->mutex);
  begin = !build->abandoned && !g_cancellable_is_cancelled (cancellable);
  build->started = begin;
  build->done = !begin;
  g_cond_broadcast (&build->cond);
  g_mutex_unlock (&build->mutex);
  if (!begin)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  index = read_library (build->path, &build->files, cancellable, &error);

  g_mutex_lock (&build->mutex);
  build->index = index;
  build->error = g_steal_pointer (&error);
  build->done = TRUE;
  g_cond_broadcast (&build->cond);
  g_mutex_unlock (&build->mutex);
  g_task_return_boolean (task, TRUE);
}

/* In the store's thread */

/* Takes what @build found, if it is current: FALSE if it is not, or found
 * nothing. @build is let go of. */
static gboolean
adopt (MbChainCache *cache,
       ChainBuild   *build)
{
  g_autoptr(GError) error = NULL;
  MbChainIndex *index;

  g_assert (cache->build == build);
  cache->build = NULL;
  build->cache = NULL;

  g_mutex_lock (&build->mutex);
  index = g_steal_pointer (&build->index);
  error = g_steal_pointer (&build->error);
  g_mutex_unlock (&build->mutex);

  if (index == NULL || build->generation != cache->generation)
    {
      if (error != NULL)
        g_debug ("The chain index was not built: %s", error->message);
      g_clear_pointer (&index, _mb_chain_index_free);
      return FALSE;
    }
  g_clear_pointer (&cache->index, _mb_chain_index_free);
  cache->index = index;
  cache->data_version = build->data_version;
  return TRUE;
}

static void
build_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ChainBuild *build = g_task_get_task_data (G_TASK (result));

  g_atomic_int_dec_and_test (&n_builds);
  /* Thrown away, or the store is gone. */
  if (build->cache == NULL)
    return;
  adopt (build->cache, build);
}

static void
start_build (MbChainCache *cache,
             sqlite3      *db)
{
  g_autoptr(GTask) task = NULL;
  ChainBuild *build = g_new0 (ChainBuild, 1);

  g_mutex_init (&build->mutex);
  g_cond_init (&build->cond);
  build->cache = cache;
  build->generation = cache->generation;
  build->data_version = data_version (db);
  build->path = g_strdup (cache->path);
  build->files = cache->files;
  build->cancellable = g_cancellable_new ();
  cache->build = build;
  cache->data_version = build->data_version;

  g_atomic_int_inc (&n_builds);
  /* No source object: the task must not keep the store alive. */
  task = g_task_new (NULL, build->cancellable, build_done_cb, NULL);
  g_task_set_source_tag (task, start_build);
  g_task_set_name (task, "[malbild] chain index");
  g_task_set_task_data (task, build, build_free);
  g_task_run_in_thread (task, build_thread);
}

/* Lets go of the build under way: cancelled, and its result thrown away
 * when it comes. Waits until its thread closed its connection (within a
 * thousand instructions of SQLite's, or the end of the arrays it was
 * making), so that no thread of the store's reads the file once the store
 * is closed: its connection, if the last, checkpoints and removes the WAL,
 * and whoever opens the file next finds nobody in it. */
static void
let_go (MbChainCache *cache)
{
  ChainBuild *build = g_steal_pointer (&cache->build);

  if (build == NULL)
    return;
  /* Alive until its callback, which runs in this thread. */
  build->cache = NULL;
  g_cancellable_cancel (build->cancellable);
  hold_wake ();
  g_mutex_lock (&build->mutex);
  build->abandoned = TRUE;
  while (build->started && !build->done)
    g_cond_wait (&build->cond, &build->mutex);
  g_mutex_unlock (&build->mutex);
}

MbChainCache *
_mb_chain_cache_new (void)
{
  return g_new0 (MbChainCache, 1);
}

void
_mb_chain_cache_free (MbChainCache *cache)
{
  if (cache == NULL)
    return;
  let_go (cache);
  g_clear_pointer (&cache->index, _mb_chain_index_free);
  g_free (cache->path);
  g_free (cache);
}

void
_mb_chain_cache_build_in_thread (MbChainCache *cache,
                                 MbStore      *store)
{
  const char *file;

  g_return_if_fail (cache != NULL);

  file = _mb_store_get_reader_file (store, &cache->files);
  if (file == NULL)
    return;
  g_free (cache->path);
  cache->path = g_strdup (file);
  if (cache->index == NULL && cache->build == NULL)
    start_build (cache, mb_store_get_db (store));
}

void
_mb_chain_cache_invalidate (MbChainCache *cache,
                            sqlite3      *db)
{
  g_return_if_fail (cache != NULL);

  g_clear_pointer (&cache->index, _mb_chain_index_free);
  cache->generation++;
  let_go (cache);
  if (cache->path != NULL)
    start_build (cache, db);
}

void
_mb_chain_cache_follow (MbChainCache *cache,
                        sqlite3      *db,
                        gint64        version)
{
  g_return_if_fail (cache != NULL);

  if ((cache->index != NULL || cache->build != NULL) && version != cache->data_version)
    _mb_chain_cache_invalidate (cache, db);
}

void
_mb_chain_cache_committed (MbChainCache *cache,
                           sqlite3      *db,
                           gint64        first,
                           gint64        last)
{
  g_autoptr(GError) error = NULL;
  gboolean followed = FALSE;

  g_return_if_fail (cache != NULL);

  /* In one read transaction: the count starts it, and the data version
   * then tells whether anybody else committed since the index was
   * current, so that the snapshot is the index plus this commit. */
  if (cache->index != NULL && last >= first &&
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
    {
      gint64 n = _mb_store_query_int (db, "SELECT count(*) FROM mb_undo_log"
                                          " WHERE seq BETWEEN ? AND ?"
                                          "  AND tbl IN ('nodes', 'links')", "II", first, last);

      if (n <= MAX_UPDATE_ENTRIES && data_version (db) == cache->data_version)
        followed = _mb_chain_index_update (cache->index, db, first, last, &error);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      if (error != NULL)
        g_debug ("The chain index could not follow a commit: %s", error->message);
    }
  if (!followed)
    _mb_chain_cache_invalidate (cache, db);
}

MbChainIndex *
_mb_chain_cache_get (MbChainCache  *cache,
                     sqlite3       *db,
                     GError       **error)
{
  ChainBuild *build;
  gint64 version;

  g_return_val_if_fail (cache != NULL, NULL);

  if (!sqlite3_get_autocommit (db))
    return NULL;

  version = data_version (db);
  _mb_chain_cache_follow (cache, db, version);
  if (cache->index != NULL)
    return cache->index;

  /* The build under way, if it has begun; one that has not (the thread
   * pool is busy) is quicker to do here. */
  build = cache->build;
  if (build != NULL)
    {
      g_mutex_lock (&build->mutex);
      if (!build->started)
        build->abandoned = TRUE;
      while (build->started && !build->done)
        g_cond_wait (&build->cond, &build->mutex);
      g_mutex_unlock (&build->mutex);
      if (adopt (cache, build))
        return cache->index;
    }

  /* One read transaction, so that nodes and links agree. */
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      _mb_store_set_sqlite_error (db, sqlite3_errcode (db), error);
      return NULL;
    }
  cache->index = _mb_chain_index_build (db, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  cache->data_version = version;
  return cache->index;
}

MbChainIndex *
_mb_chain_cache_peek (MbChainCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  return cache->index;
}

guint
_mb_chain_cache_n_builds (void)
{
  return (guint) g_atomic_int_get (&n_builds);
}

void
_mb_chain_cache_hold_builds (guint n_pass)
{
  g_mutex_lock (&hold_mutex);
  if (hold_pass == G_MAXUINT)
    hold_arrived = 0;
  hold_pass = n_pass;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_mutex);
}

void
_mb_chain_cache_wait_held (guint n_arrived)
{
  g_mutex_lock (&hold_mutex);
  while (hold_arrived < n_arrived)
    g_cond_wait (&hold_cond, &hold_mutex);
  g_mutex_unlock (&hold_mutex);
}
