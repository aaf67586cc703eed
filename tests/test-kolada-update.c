/* test-kolada-update.c – this year's values from Kolada, against a local server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1, in a thread of its own, replays recorded
 * answers of Kolada's v3 data route (tests/fixtures/kolada-v3/): two pages
 * of N01951 for Jämtland (0023), the empty answer of the retired N00914, and
 * on request an error status, a truncated body, or silence. Never the
 * internet.
 */

#include "config.h"

#include <locale.h>
#include <libsoup/soup.h>

#include "mb-kolada-update.h"
#include "test-store-util.h"

typedef enum
{
  SERVE_RECORDED,
  SERVE_ERROR,
  SERVE_TRUNCATED,
  SERVE_ENDLESS,
} ServeMode;

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base_url;
  ServeMode     mode;
  guint         n_requests;
  GMutex        lock;
  GCond         ready;
} Server;

typedef struct
{
  char           *dir;
  MbStore        *store;
  char           *strategy;
  char           *indicator;
  char           *retired;
  Server          server;
} Fixture;

static char *
fixture_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "kolada-v3", name,
                                                 NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
handle_cb (SoupServer        *soup_server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *server = user_data;
  const char *page = query ? g_hash_table_lookup (query, "page") : NULL;
  g_autofree char *body = NULL;
  ServeMode mode;

  g_mutex_lock (&server->lock);
  server->n_requests++;
  mode = server->mode;
  g_mutex_unlock (&server->lock);

  if (mode == SERVE_ERROR)
    {
      soup_server_message_set_status (message, 503, NULL);
      return;
    }
  if (g_str_equal (path, "/v3/data/kpi/N01951/municipality/0023"))
    body = fixture_text (g_strcmp0 (page, "2") == 0 ? "n01951-0023-page2.json"
                                                    : "n01951-0023-page1.json");
  else if (g_str_equal (path, "/v3/data/kpi/N00914/municipality/0023"))
    body = fixture_text ("n00914-retired.json");
  else
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }

  if (mode == SERVE_ENDLESS)
    {
      /* Every page names itself as the next. */
      char *self_link = strstr (body, "?page=2&per_page=8");

      if (self_link != NULL)
        memcpy (self_link, "?page=1&per_page=8", strlen ("?page=1&per_page=8"));
    }
  if (mode == SERVE_TRUNCATED)
    body[strlen (body) / 2] = '\0';
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_main_context_push_thread_default (server->context);
  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, "/v3", handle_cb, server, NULL);
  g_assert_true (soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server->server);

  g_mutex_lock (&server->lock);
  server->base_url = g_strdup_printf ("http://127.0.0.1:%d/v3/", g_uri_get_port (uris->data));
  g_cond_signal (&server->ready);
  g_mutex_unlock (&server->lock);

  g_main_loop_run (server->loop);
  g_clear_object (&server->server);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

static void
server_start (Server *server)
{
  g_mutex_init (&server->lock);
  g_cond_init (&server->ready);
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  g_mutex_lock (&server->lock);
  server->thread = g_thread_new ("kolada-replay", server_thread, server);
  while (server->base_url == NULL)
    g_cond_wait (&server->ready, &server->lock);
  g_mutex_unlock (&server->lock);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
server_stop (Server *server)
{
  g_main_context_invoke (server->context, quit_cb, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_free (server->base_url);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->ready);
}

static void
set_mode (Server    *server,
          ServeMode  mode)
{
  g_mutex_lock (&server->lock);
  server->mode = mode;
  g_mutex_unlock (&server->lock);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *level = NULL;
  g_autofree char *node = NULL;

  f->dir = mb_test_make_dir ();
  f->store = mb_test_open (f->dir, "lib.malbild");
  f->strategy = mb_store_create_strategy (f->store, "RUS", "rus", &error);
  g_assert_no_error (error);
  level = mb_test_level (f->store, f->strategy, 0);
  node = mb_store_create_node (f->store, f->strategy, NULL, level, "Befolkning", &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_TERRITORY, node, "0023", &error));
  g_assert_no_error (error);
  f->indicator = mb_store_create_indicator (f->store, NULL, "Invånare totalt, antal",
                                            "kolada:N01951", &error);
  g_assert_no_error (error);
  f->retired = mb_store_create_indicator (f->store, NULL, "Förvärvsarbetande invånare",
                                          "kolada:N00914", &error);
  g_assert_no_error (error);
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, node, f->indicator,
                                  &error));
  g_assert_true (mb_store_relate (f->store, MB_RELATION_NODE_INDICATOR, node, f->retired,
                                  &error));
  g_assert_no_error (error);
  /* One value as Kolada has it, one that Kolada has revised since. */
  g_free (mb_store_record_measurement (f->store, f->indicator, "2011", "0023", "T", 126299,
                                      NULL, &error));
  g_free (mb_store_record_measurement (f->store, f->indicator, "2012", "0023", "T", 1, NULL,
                                      &error));
  g_assert_no_error (error);

  server_start (&f->server);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  server_stop (&f->server);
  g_clear_object (&f->store);
  mb_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->strategy);
  g_free (f->indicator);
  g_free (f->retired);
}

static gint64
count_values (Fixture *f)
{
  return _mb_store_query_int (mb_store_get_db (f->store),
                              "SELECT count(*) FROM measurements", NULL);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbKoladaUpdate) update = NULL;
  g_autofree char *before = NULL;
  MbKoladaIndicatorChange *change;
  GPtrArray *changes;
  MbTestChanges notified = { 0 };

  update = mb_kolada_update_new (f->store, f->strategy, f->server.base_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (mb_kolada_update_get_territories (update),
                    ((const char *[]) { "0023", NULL }));

  /* The preview changes nothing. */
  before = mb_test_dump (f->store);
  g_assert_true (mb_kolada_update_fetch (update, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);
  g_assert_cmpfloat (mb_kolada_update_get_fraction (update), ==, 1.0);
  /* Two pages of N01951 and one answer for N00914. */
  g_assert_cmpuint (f->server.n_requests, ==, 3);

  changes = mb_kolada_update_get_changes (update);
  g_assert_cmpuint (changes->len, ==, 2);
  change = changes->pdata[0];   /* by title: "Förvärvsarbetande …" first */
  g_assert_cmpstr (change->kpi, ==, "N00914");
  g_assert_cmpuint (change->n_new + change->n_changed + change->n_unchanged, ==, 0);
  g_assert_nonnull (change->note);
  change = changes->pdata[1];
  g_assert_cmpstr (change->kpi, ==, "N01951");
  g_assert_cmpuint (change->n_unchanged, ==, 1);
  g_assert_cmpuint (change->n_changed, ==, 1);
  g_assert_cmpuint (change->n_new, ==, 14);
  g_assert_cmpuint (mb_kolada_update_get_n_new (update), ==, 14);
  g_assert_cmpuint (mb_kolada_update_get_n_changed (update), ==, 1);

  /* Applying is one step, one notification. */
  mb_test_changes_watch (&notified, f->store);
  g_assert_true (mb_kolada_update_apply (update, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified.n_changed, ==, 1);
  g_assert_cmpstr (mb_store_get_undo_label (f->store), ==, "Update from Kolada");
  g_assert_cmpint (count_values (f), ==, 16);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT value FROM measurements WHERE period = '2012' AND gender = 'T'",
                                        NULL), ==, 126201);
  g_assert_cmpint (_mb_store_query_int (mb_store_get_db (f->store),
                                        "SELECT value FROM measurements WHERE period = '2024' AND gender = 'T'",
                                        NULL), ==, 132839);
  mb_test_assert_undoable (f->store, before);

  /* Applying again changes nothing and makes no step. */
  g_assert_true (mb_kolada_update_apply (update, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified.n_changed, ==, 3);   /* the undo and the redo above */
  mb_test_changes_clear (&notified);
}

static void
assert_fetch_fails (Fixture    *f,
                    ServeMode   mode,
                    int         code,
                    const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbKoladaUpdate) update = NULL;
  g_autofree char *before = mb_test_dump (f->store);

  set_mode (&f->server, mode);
  update = mb_kolada_update_new (f->store, f->strategy, f->server.base_url, &error);
  g_assert_no_error (error);
  g_assert_false (mb_kolada_update_fetch (update, NULL, &error));
  g_assert_error (error, MB_KOLADA_UPDATE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
  /* The message names the address asked. */
  g_assert_nonnull (strstr (error->message, f->server.base_url));
  g_assert_cmpstr (mb_test_take (mb_test_dump (f->store)), ==, before);
}

static void
test_error_status (Fixture       *f,
                   gconstpointer  data)
{
  assert_fetch_fails (f, SERVE_ERROR, MB_KOLADA_UPDATE_ERROR_HTTP, "503");
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  assert_fetch_fails (f, SERVE_TRUNCATED, MB_KOLADA_UPDATE_ERROR_ANSWER, "cannot be read");
}

static void
test_endless (Fixture       *f,
              gconstpointer  data)
{
  assert_fetch_fails (f, SERVE_ENDLESS, MB_KOLADA_UPDATE_ERROR_ANSWER, "without end");
}

static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbKoladaUpdate) update = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autofree char *url = NULL;

  /* A port that was free a moment ago: nobody answers there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_clear_object (&address);
  address = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u/v3/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
  g_socket_close (socket, NULL);

  update = mb_kolada_update_new (f->store, f->strategy, url, &error);
  g_assert_no_error (error);
  g_assert_false (mb_kolada_update_fetch (update, NULL, &error));
  g_assert_error (error, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, url));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbKoladaUpdate) update = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  update = mb_kolada_update_new (f->store, f->strategy, f->server.base_url, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (mb_kolada_update_fetch (update, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_environment (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MbKoladaUpdate) update = NULL;
  g_autoptr(MbKoladaUpdate) fallback = NULL;

  g_setenv ("MALBILD_KOLADA_URL", "http://127.0.0.1:1/mirror", TRUE);
  update = mb_kolada_update_new (f->store, f->strategy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mb_kolada_update_get_base_url (update), ==, "http://127.0.0.1:1/mirror/");
  g_unsetenv ("MALBILD_KOLADA_URL");
  fallback = mb_kolada_update_new (f->store, f->strategy, NULL, &error);
  g_assert_cmpstr (mb_kolada_update_get_base_url (fallback), ==, MB_KOLADA_DEFAULT_URL);
}

static void
test_nothing_to_ask (void)
{
  g_autofree char *dir = mb_test_make_dir ();
  g_autoptr(MbStore) store = mb_test_open (dir, "lib.malbild");
  g_autoptr(GError) error = NULL;
  g_autofree char *strategy = mb_store_create_strategy (store, "Tom", "rus", &error);
  g_autofree char *indicator = NULL;

  g_assert_null (mb_kolada_update_new (store, strategy, "http://127.0.0.1:1/", &error));
  g_assert_error (error, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_NOTHING);
  g_clear_error (&error);

  indicator = mb_store_create_indicator (store, strategy, "Invånare", "kolada:N01951", &error);
  g_assert_no_error (error);
  g_assert_null (mb_kolada_update_new (store, strategy, "http://127.0.0.1:1/", &error));
  g_assert_error (error, MB_KOLADA_UPDATE_ERROR, MB_KOLADA_UPDATE_ERROR_NO_TERRITORY);
  g_clear_error (&error);

  g_assert_null (mb_kolada_update_new (store, "no-such-strategy", NULL, &error));
  g_assert_error (error, MB_STORE_ERROR, MB_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  mb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/kolada-update/preview-and-apply", test_update);
  ADD ("/kolada-update/error-status", test_error_status);
  ADD ("/kolada-update/truncated", test_truncated);
  ADD ("/kolada-update/endless-paging", test_endless);
  ADD ("/kolada-update/offline", test_offline);
  ADD ("/kolada-update/cancel", test_cancel);
  ADD ("/kolada-update/environment", test_environment);
#undef ADD
  g_test_add_func ("/kolada-update/nothing-to-ask", test_nothing_to_ask);

  return g_test_run ();
}
