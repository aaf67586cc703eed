/* mb-catalogue.c – the shipped reference catalogues, as read-only lookups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Indicators and tags store references as text ("kolada:N01951",
 * "erdf:RCO 01", "sdg:7", territory "2380"), never a pointer into a
 * catalogue, so that a later catalogue without an entry cannot break them.
 * A reference that no longer resolves is either known to be retired (the
 * shipped retired list names it, often with a successor) or simply not
 * among the entries we ship (Kolada has thousands of KPIs; we ship a
 * relevant hundred). Views show the reference text in both cases.
 */

#include "config.h"

#include <string.h>

#include "mb-catalogue.h"
#include "mb-csv.h"

struct _MbCatalogue
{
  GObject      parent_instance;

  GHashTable  *current[MB_CATALOGUE_N_KINDS];  /* normalised id → entry */
  GListStore  *entries[MB_CATALOGUE_N_KINDS];  /* current entries in file order */
  GHashTable  *retired;                        /* normalised reference → entry */
};

G_DEFINE_FINAL_TYPE (MbCatalogue, mb_catalogue, G_TYPE_OBJECT)

G_DEFINE_QUARK (mb-catalogue-error-quark, mb_catalogue_error)

/* The file and id column of each catalogue in $datadir/catalogues. */
static const struct
{
  const char *file;
  const char *id_column;
  const char *title_column;
} kind_files[MB_CATALOGUE_N_KINDS] = {
  [MB_CATALOGUE_KIND_KOLADA] = { "kolada_kpis.csv", "id", "title" },
  [MB_CATALOGUE_KIND_ERDF] = { "erdf_common_indicators.csv", "code", "name_en" },
  [MB_CATALOGUE_KIND_SDG] = { "sdg_sv.csv", "goal", "name_sv" },
  [MB_CATALOGUE_KIND_TERRITORY] = { "municipalities.csv", "kolada_id", "name" },
  [MB_CATALOGUE_KIND_DIMENSION] = { "dimensions.csv", "id", "name_sv" },
  [MB_CATALOGUE_KIND_PERSPECTIVE] = { "perspectives.csv", "id", "name_sv" },
};

#define RETIRED_FILE "retired.csv"

/* The columns of the retired list besides "reference". */
static const char * const retired_columns[] = {
  "successor", "title", "last_seen", "note", NULL
};

/* Ids compare without regard to ASCII case, and ERDF codes also without
 * their space: "RCO 01", "RCO01" and "rco 01" are one indicator. */
static char *
normalise_id (MbCatalogueKind  kind,
              const char      *id)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (id));
  GString *key = g_string_new (NULL);

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (kind == MB_CATALOGUE_KIND_ERDF && *p == ' ')
        continue;
      g_string_append_c (key, g_ascii_toupper (*p));
    }

  return g_string_free (key, FALSE);
}

static gboolean
is_territory_code (const char *text)
{
  if (strlen (text) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

/* Splits a reference into its catalogue and normalised id. */
static MbReferenceState
parse_reference (const char       *reference,
                 MbCatalogueKind  *kind,
                 char            **key)
{
  const char *colon;
  g_autofree char *prefix = NULL;

  if (is_territory_code (reference))
    {
      *kind = MB_CATALOGUE_KIND_TERRITORY;
      *key = g_strdup (reference);
      return MB_REFERENCE_CURRENT;
    }

  colon = strchr (reference, ':');
  if (colon == NULL || colon == reference || colon[1] == '\0')
    return MB_REFERENCE_INVALID;

  prefix = g_strndup (reference, colon - reference);
  if (!mb_catalogue_kind_from_prefix (prefix, kind))
    return MB_REFERENCE_EXTERNAL;

  *key = normalise_id (*kind, colon + 1);
  if (**key == '\0')
    {
      g_clear_pointer (key, g_free);
      return MB_REFERENCE_INVALID;
    }

  return MB_REFERENCE_CURRENT;
}

static char *
retired_key (MbCatalogueKind  kind,
             const char      *normalised_id)
{
  return g_strconcat (mb_catalogue_kind_get_prefix (kind), ":", normalised_id, NULL);
}

static GHashTable *
new_fields (void)
{
  /* Column names are interned, values owned. */
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

/* Reads the header of a catalogue and checks that it has @required. */
static char **
read_header (MbCsvReader  *reader,
             const char   *source_name,
             const char  **required,
             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) header = mb_csv_reader_read_record (reader, &local_error);

  if (header == NULL)
    {
      if (local_error != NULL)
        g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_PARSE,
                     "%s: %s", source_name, local_error->message);
      else
        g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_COLUMNS,
                     "%s: empty file, no header", source_name);
      return NULL;
    }

  for (guint i = 0; required[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) header, required[i]))
        {
          g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_COLUMNS,
                       "%s: no column “%s” in the header", source_name, required[i]);
          return NULL;
        }
    }

  for (guint i = 0; header[i] != NULL; i++)
    {
      for (guint j = 0; j < i; j++)
        {
          if (g_str_equal (header[i], header[j]))
            {
              g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_COLUMNS,
                           "%s: column “%s” occurs twice", source_name, header[i]);
              return NULL;
            }
        }
    }

  return g_steal_pointer (&header);
}

/* Reads every data row into a fields table; returns NULL at the end. */
static GHashTable *
read_row (MbCsvReader  *reader,
          char        **header,
          const char   *source_name,
          gboolean     *failed,
          GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) record = mb_csv_reader_read_record (reader, &local_error);
  GHashTable *fields;
  guint n_header = g_strv_length (header);
  guint n_record;

  *failed = FALSE;

  if (record == NULL)
    {
      if (local_error != NULL)
        {
          g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_PARSE,
                       "%s: %s", source_name, local_error->message);
          *failed = TRUE;
        }
      return NULL;
    }

  n_record = g_strv_length (record);
  if (n_record != n_header)
    {
      g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_COLUMNS,
                   "%s: Line %u: the header has %u fields, this row %u", source_name,
                   mb_csv_reader_get_line (reader), n_header, n_record);
      *failed = TRUE;
      return NULL;
    }

  fields = new_fields ();
  for (guint i = 0; i < n_header; i++)
    g_hash_table_insert (fields, (gpointer) g_intern_string (header[i]),
                         g_steal_pointer (&record[i]));

  return fields;
}

/* Adds the columns a retired-list row knows and the catalogue row lacks. */
static void
merge_fields (GHashTable *into,
              GHashTable *from)
{
  GHashTableIter iter;
  gpointer column;
  gpointer value;

  if (from == NULL)
    return;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &column, &value))
    {
      const char *existing = g_hash_table_lookup (into, column);

      if ((existing == NULL || *existing == '\0') && value != NULL && *(char *) value != '\0')
        g_hash_table_insert (into, column, g_strdup (value));
    }
}

static GHashTable *
copy_fields (MbCatalogueEntry *entry,
             char            **columns)
{
  GHashTable *fields = new_fields ();

  for (guint i = 0; columns[i] != NULL; i++)
    {
      const char *value = mb_catalogue_entry_get_field (entry, columns[i]);

      if (value != NULL)
        g_hash_table_insert (fields, (gpointer) g_intern_string (columns[i]), g_strdup (value));
    }

  return fields;
}

/**
 * mb_catalogue_find_data_dir:
 *
 * Where the shipped data lives (it holds catalogues/ and examples/):
 * $MALBILD_DATADIR if set, else the installed package data dir if it holds
 * the catalogues, else the source tree, so that an uninstalled build and
 * the tests find the files.
 *
 * Returns: (transfer full): a directory path
 */
char *
mb_catalogue_find_data_dir (void)
{
  const char *env = g_getenv ("MALBILD_DATADIR");
  g_autofree char *installed = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  installed = g_build_filename (PKGDATADIR, "catalogues", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_strdup (PKGDATADIR);

  return g_strdup (MB_SOURCE_DATADIR);
}

MbCatalogue *
mb_catalogue_new (void)
{
  return g_object_new (MB_TYPE_CATALOGUE, NULL);
}

/**
 * mb_catalogue_new_default:
 * @error: return location for an error
 *
 * Loads every shipped catalogue from mb_catalogue_find_data_dir().
 *
 * Returns: (transfer full) (nullable): the catalogues, or %NULL with @error
 */
MbCatalogue *
mb_catalogue_new_default (GError **error)
{
  g_autoptr(MbCatalogue) self = mb_catalogue_new ();
  g_autofree char *data_dir = mb_catalogue_find_data_dir ();
  g_autofree char *catalogue_dir = g_build_filename (data_dir, "catalogues", NULL);

  if (!mb_catalogue_load_dir (self, catalogue_dir, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * mb_catalogue_load_data:
 * @self: the catalogues
 * @kind: which catalogue the text holds
 * @data: CSV text with a header row
 * @length: its length in bytes
 * @source_name: the file name, for error messages
 * @error: return location for an error
 *
 * Adds the rows of a catalogue. Rows whose reference is on the retired list
 * become retired entries, reachable only by mb_catalogue_lookup_retired().
 * On an error nothing is added.
 *
 * Returns: %TRUE on success
 */
gboolean
mb_catalogue_load_data (MbCatalogue      *self,
                        MbCatalogueKind   kind,
                        const char       *data,
                        gsize             length,
                        const char       *source_name,
                        GError          **error)
{
  g_autoptr(MbCsvReader) reader = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) header = NULL;
  const char *required[3];
  GHashTable *fields;
  gboolean failed = FALSE;

  g_return_val_if_fail (MB_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (kind < MB_CATALOGUE_N_KINDS, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (source_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  required[0] = kind_files[kind].id_column;
  required[1] = kind_files[kind].title_column;
  required[2] = NULL;

  reader = mb_csv_reader_new (data, length);
  header = read_header (reader, source_name, required, error);
  if (header == NULL)
    return FALSE;

  /* Check every row before adding any, so that a bad file adds nothing. */
  while ((fields = read_row (reader, header, source_name, &failed, error)) != NULL)
    {
      const char *id = g_hash_table_lookup (fields, kind_files[kind].id_column);
      g_autofree char *key = normalise_id (kind, id);
      g_autofree char *trimmed_id = g_strstrip (g_strdup (id));
      g_autofree char *rkey = NULL;
      MbCatalogueEntry *retired;

      if (*key == '\0')
        {
          g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_COLUMNS,
                       "%s: Line %u: empty “%s”", source_name,
                       mb_csv_reader_get_line (reader), kind_files[kind].id_column);
          g_hash_table_unref (fields);
          return FALSE;
        }

      if (g_hash_table_contains (seen, key) || g_hash_table_contains (self->current[kind], key))
        {
          g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_DUPLICATE,
                       "%s: Line %u: “%s” occurs twice", source_name,
                       mb_csv_reader_get_line (reader), trimmed_id);
          g_hash_table_unref (fields);
          return FALSE;
        }
      g_hash_table_add (seen, g_strdup (key));

      rkey = retired_key (kind, key);
      retired = g_hash_table_lookup (self->retired, rkey);
      if (retired != NULL)
        {
          g_autoptr(GHashTable) listed = copy_fields (retired, (char **) retired_columns);

          /* Keep the catalogue's own metadata and add what the retired list
           * says (successor, when it was last seen, a note). */
          merge_fields (fields, listed);
          g_ptr_array_add (added, mb_catalogue_entry_new_retired (
                             kind, trimmed_id, fields,
                             mb_catalogue_entry_get_successor (retired)));
          continue;
        }

      g_ptr_array_add (added, mb_catalogue_entry_new (kind, trimmed_id, fields));
    }

  if (failed)
    return FALSE;

  for (guint i = 0; i < added->len; i++)
    {
      MbCatalogueEntry *entry = g_ptr_array_index (added, i);
      g_autofree char *key = normalise_id (kind, mb_catalogue_entry_get_id (entry));

      if (mb_catalogue_entry_is_retired (entry))
        {
          g_hash_table_replace (self->retired, retired_key (kind, key), g_object_ref (entry));
          continue;
        }

      g_hash_table_insert (self->current[kind], g_steal_pointer (&key), g_object_ref (entry));
      g_list_store_append (self->entries[kind], entry);
    }

  return TRUE;
}

/**
 * mb_catalogue_load_retired_data:
 * @self: the catalogues
 * @data: CSV text with the columns reference, successor (may be empty) and
 *   optionally title, last_seen, note
 * @length: its length in bytes
 * @source_name: the file name, for error messages
 * @error: return location for an error
 *
 * Adds references known to be retired. An entry already loaded under such
 * a reference stops being current. On an error nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
mb_catalogue_load_retired_data (MbCatalogue  *self,
                                const char   *data,
                                gsize         length,
                                const char   *source_name,
                                GError      **error)
{
  g_autoptr(MbCsvReader) reader = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) header = NULL;
  const char *required[] = { "reference", "successor", NULL };
  GHashTable *fields;
  gboolean failed = FALSE;

  g_return_val_if_fail (MB_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (source_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reader = mb_csv_reader_new (data, length);
  header = read_header (reader, source_name, required, error);
  if (header == NULL)
    return FALSE;

  while ((fields = read_row (reader, header, source_name, &failed, error)) != NULL)
    {
      const char *reference = g_hash_table_lookup (fields, "reference");
      g_autofree char *successor = g_strdup (g_hash_table_lookup (fields, "successor"));
      g_autofree char *key = NULL;
      g_autofree char *rkey = NULL;
      g_autofree char *id = NULL;
      MbCatalogueKind kind = MB_CATALOGUE_KIND_KOLADA;
      MbCatalogueKind successor_kind;
      g_autofree char *successor_key = NULL;
      MbCatalogueEntry *current;

      if (parse_reference (reference, &kind, &key) != MB_REFERENCE_CURRENT
          || (*successor != '\0'
              && parse_reference (successor, &successor_kind, &successor_key)
                 != MB_REFERENCE_CURRENT))
        {
          g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_REFERENCE,
                       "%s: Line %u: “%s” does not name an entry of a catalogue",
                       source_name, mb_csv_reader_get_line (reader),
                       key == NULL ? reference : successor);
          g_hash_table_unref (fields);
          return FALSE;
        }

      rkey = retired_key (kind, key);
      if (!g_hash_table_add (seen, g_strdup (rkey)))
        {
          g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_DUPLICATE,
                       "%s: Line %u: “%s” occurs twice", source_name,
                       mb_csv_reader_get_line (reader), reference);
          g_hash_table_unref (fields);
          return FALSE;
        }

      current = g_hash_table_lookup (self->current[kind], key);
      if (current != NULL)
        {
          GHashTable *own = new_fields ();

          /* The catalogue's row stays the main source of the metadata. */
          merge_fields (own, mb_catalogue_entry_get_fields (current));
          merge_fields (own, fields);
          g_hash_table_unref (fields);
          fields = own;
          id = g_strdup (mb_catalogue_entry_get_id (current));
        }
      else
        {
          const char *colon = strchr (reference, ':');

          id = g_strstrip (g_strdup (colon != NULL ? colon + 1 : reference));
        }

      g_ptr_array_add (added, mb_catalogue_entry_new_retired (kind, id, fields, successor));
    }

  if (failed)
    return FALSE;

  for (guint i = 0; i < added->len; i++)
    {
      MbCatalogueEntry *entry = g_ptr_array_index (added, i);
      MbCatalogueKind kind = mb_catalogue_entry_get_kind (entry);
      g_autofree char *key = normalise_id (kind, mb_catalogue_entry_get_id (entry));
      MbCatalogueEntry *current = g_hash_table_lookup (self->current[kind], key);
      guint position;

      if (current != NULL)
        {
          if (g_list_store_find (self->entries[kind], current, &position))
            g_list_store_remove (self->entries[kind], position);
          g_hash_table_remove (self->current[kind], key);
        }

      g_hash_table_replace (self->retired, retired_key (kind, key), g_object_ref (entry));
    }

  return TRUE;
}

static gboolean
load_file (MbCatalogue      *self,
           const char       *catalogue_dir,
           const char       *file_name,
           int               kind,
           GError          **error)
{
  g_autofree char *path = g_build_filename (catalogue_dir, file_name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, MB_CATALOGUE_ERROR, MB_CATALOGUE_ERROR_NOT_FOUND,
                   "%s", local_error->message);
      return FALSE;
    }

  if (kind < 0)
    return mb_catalogue_load_retired_data (self, contents, length, file_name, error);

  return mb_catalogue_load_data (self, kind, contents, length, file_name, error);
}

/**
 * mb_catalogue_load_dir:
 * @self: the catalogues
 * @catalogue_dir: a directory with the shipped catalogue files
 * @error: return location for an error
 *
 * Loads the retired list first, then every catalogue.
 *
 * Returns: %TRUE on success
 */
gboolean
mb_catalogue_load_dir (MbCatalogue  *self,
                       const char   *catalogue_dir,
                       GError      **error)
{
  g_return_val_if_fail (MB_IS_CATALOGUE (self), FALSE);
  g_return_val_if_fail (catalogue_dir != NULL, FALSE);

  if (!load_file (self, catalogue_dir, RETIRED_FILE, -1, error))
    return FALSE;

  for (guint i = 0; i < MB_CATALOGUE_N_KINDS; i++)
    {
      if (!load_file (self, catalogue_dir, kind_files[i].file, i, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * mb_catalogue_lookup:
 * @self: the catalogues
 * @reference: "kolada:N01951", "erdf:RCO 01", "sdg:7", "territory:2380" or "2380"
 *
 * Returns: (transfer none) (nullable): the current entry, or %NULL if the
 *   reference is retired, unknown or not a catalogue's
 */
MbCatalogueEntry *
mb_catalogue_lookup (MbCatalogue *self,
                     const char  *reference)
{
  g_autofree char *key = NULL;
  MbCatalogueKind kind;

  g_return_val_if_fail (MB_IS_CATALOGUE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  if (parse_reference (reference, &kind, &key) != MB_REFERENCE_CURRENT)
    return NULL;

  return g_hash_table_lookup (self->current[kind], key);
}

/**
 * mb_catalogue_lookup_retired:
 * @self: the catalogues
 * @reference: a reference
 *
 * Returns: (transfer none) (nullable): the retired entry, with what is
 *   known of it and its successor, or %NULL if the reference is not known
 *   to be retired
 */
MbCatalogueEntry *
mb_catalogue_lookup_retired (MbCatalogue *self,
                             const char  *reference)
{
  g_autofree char *key = NULL;
  g_autofree char *rkey = NULL;
  MbCatalogueKind kind;

  g_return_val_if_fail (MB_IS_CATALOGUE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  if (parse_reference (reference, &kind, &key) != MB_REFERENCE_CURRENT)
    return NULL;

  rkey = retired_key (kind, key);
  return g_hash_table_lookup (self->retired, rkey);
}

MbReferenceState
mb_catalogue_get_reference_state (MbCatalogue *self,
                                  const char  *reference)
{
  g_autofree char *key = NULL;
  g_autofree char *rkey = NULL;
  MbCatalogueKind kind;
  MbReferenceState state;

  g_return_val_if_fail (MB_IS_CATALOGUE (self), MB_REFERENCE_INVALID);
  g_return_val_if_fail (reference != NULL, MB_REFERENCE_INVALID);

  state = parse_reference (reference, &kind, &key);
  if (state != MB_REFERENCE_CURRENT)
    return state;

  if (g_hash_table_contains (self->current[kind], key))
    return MB_REFERENCE_CURRENT;

  rkey = retired_key (kind, key);
  if (g_hash_table_contains (self->retired, rkey))
    return MB_REFERENCE_RETIRED;

  return MB_REFERENCE_UNKNOWN;
}

/**
 * mb_catalogue_get_entries:
 * @self: the catalogues
 * @kind: a catalogue
 *
 * Returns: (transfer none): the current entries of @kind (#MbCatalogueEntry)
 *   in the order of the file
 */
GListModel *
mb_catalogue_get_entries (MbCatalogue     *self,
                          MbCatalogueKind  kind)
{
  g_return_val_if_fail (MB_IS_CATALOGUE (self), NULL);
  g_return_val_if_fail (kind < MB_CATALOGUE_N_KINDS, NULL);

  return G_LIST_MODEL (self->entries[kind]);
}

typedef struct
{
  MbCatalogueEntry *entry;
  guint             rank;
  guint             order;
} Match;

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *ma = a;
  const Match *mb = b;

  if (ma->rank != mb->rank)
    return ma->rank < mb->rank ? -1 : 1;

  return ma->order < mb->order ? -1 : (ma->order > mb->order);
}

/* Lower is better: the id itself, then ids that start with the query,
 * then titles that start with it, then anything containing every word. */
static guint
rank_match (MbCatalogueEntry *entry,
            const char       *folded_query)
{
  g_autofree char *folded_id = mb_catalogue_fold_for_search (mb_catalogue_entry_get_id (entry));
  const char *title = mb_catalogue_entry_get_title (entry);
  g_autofree char *folded_title = title ? mb_catalogue_fold_for_search (title) : NULL;

  if (g_str_equal (folded_id, folded_query))
    return 0;
  if (g_str_has_prefix (folded_id, folded_query))
    return 1;
  if (folded_title != NULL && g_str_has_prefix (folded_title, folded_query))
    return 2;
  return 3;
}

/**
 * mb_catalogue_search:
 * @self: the catalogues
 * @kind: a #MbCatalogueKind, or -1 for all
 * @query: words to look for in id, title and English title
 *
 * Matches without regard to case (also of Å, Ä and Ö); every word of
 * @query must occur. An empty query matches everything.
 *
 * Returns: (transfer full): the matching current entries, best first
 */
GListModel *
mb_catalogue_search (MbCatalogue *self,
                     int          kind,
                     const char  *query)
{
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (Match));
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  GListStore *result;
  guint order = 0;

  g_return_val_if_fail (MB_IS_CATALOGUE (self), NULL);
  g_return_val_if_fail (kind >= -1 && kind < MB_CATALOGUE_N_KINDS, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  folded = g_strstrip (mb_catalogue_fold_for_search (query));
  words = g_strsplit_set (folded, " \t\n\r", -1);

  for (guint k = 0; k < MB_CATALOGUE_N_KINDS; k++)
    {
      guint n;

      if (kind >= 0 && (guint) kind != k)
        continue;

      n = g_list_model_get_n_items (G_LIST_MODEL (self->entries[k]));
      for (guint i = 0; i < n; i++, order++)
        {
          g_autoptr(MbCatalogueEntry) entry =
            g_list_model_get_item (G_LIST_MODEL (self->entries[k]), i);
          const char *key = mb_catalogue_entry_get_search_key (entry);
          gboolean all = TRUE;
          Match match;

          for (guint w = 0; words[w] != NULL && all; w++)
            {
              if (*words[w] != '\0' && strstr (key, words[w]) == NULL)
                all = FALSE;
            }
          if (!all)
            continue;

          match.entry = entry;
          match.rank = rank_match (entry, folded);
          match.order = order;
          g_array_append_val (matches, match);
        }
    }

  g_array_sort (matches, compare_matches);

  result = g_list_store_new (MB_TYPE_CATALOGUE_ENTRY);
  for (guint i = 0; i < matches->len; i++)
    g_list_store_append (result, g_array_index (matches, Match, i).entry);

  return G_LIST_MODEL (result);
}

static void
mb_catalogue_finalize (GObject *object)
{
  MbCatalogue *self = (MbCatalogue *) object;

  for (guint i = 0; i < MB_CATALOGUE_N_KINDS; i++)
    {
      g_clear_pointer (&self->current[i], g_hash_table_unref);
      g_clear_object (&self->entries[i]);
    }
  g_clear_pointer (&self->retired, g_hash_table_unref);

  G_OBJECT_CLASS (mb_catalogue_parent_class)->finalize (object);
}

static void
mb_catalogue_class_init (MbCatalogueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_catalogue_finalize;
}

static void
mb_catalogue_init (MbCatalogue *self)
{
  for (guint i = 0; i < MB_CATALOGUE_N_KINDS; i++)
    {
      self->current[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      self->entries[i] = g_list_store_new (MB_TYPE_CATALOGUE_ENTRY);
    }
  self->retired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

const char *
mb_catalogue_get_territory_name (MbCatalogue *self,
                                 const char  *code)
{
  g_autofree char *reference = NULL;
  MbCatalogueEntry *entry;

  g_return_val_if_fail (MB_IS_CATALOGUE (self), NULL);

  if (code == NULL)
    return NULL;
  reference = g_strconcat ("territory:", code, NULL);
  entry = mb_catalogue_lookup (self, reference);
  if (entry == NULL)
    return NULL;
  /* A region reads better as its county ("Jämtlands län"). */
  if (g_strcmp0 (mb_catalogue_entry_get_field (entry, "kolada_type"), "L") == 0 &&
      mb_catalogue_entry_get_field (entry, "county_name") != NULL)
    return mb_catalogue_entry_get_field (entry, "county_name");
  return mb_catalogue_entry_get_title (entry);
}
