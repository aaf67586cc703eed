/* mb-exchange-fields.h – the one description of every exchanged table and column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The JSON type a column travels as. */
typedef enum
{
  MB_FIELD_TEXT,     /* string */
  MB_FIELD_INTEGER,  /* integer within 64 bits */
  MB_FIELD_REAL,     /* finite number */
  MB_FIELD_BOOLEAN,  /* true/false, stored as INTEGER 0/1 */
} MbFieldType;

/* Forms a text column must have (its CHECK, or the convention of the schema). */
typedef enum
{
  MB_FIELD_FORMAT_NONE,
  MB_FIELD_FORMAT_UUID,       /* lower-case 8-4-4-4-12 */
  MB_FIELD_FORMAT_DATE,       /* "2026-11-22", years 1900–2200 */
  MB_FIELD_FORMAT_DATE_TIME,  /* "2026-11-22T18:43:30.123Z", years 1900–2200 */
  MB_FIELD_FORMAT_NOT_BLANK,  /* not only white space (any Unicode space) */
  MB_FIELD_FORMAT_TAG,        /* GLOB '?*:?*', "sdg:7" */
  MB_FIELD_FORMAT_TERRITORY,  /* a Swedish code: "0000", a region "0023", a municipality "2380" */
  MB_FIELD_FORMAT_FOUR_DIGITS, /* four digits, as the store takes a measurement's territory */
  MB_FIELD_FORMAT_PERIOD,     /* a year 1900–2200, a quarter "2023-Q2" or a month "2023-06" */
  MB_FIELD_FORMAT_TIME_PERIOD, /* a period with its precision, stored form (mb-period.h):
                                * "2021", "2023-H1", "2021-summer", "2021-Q3", "2021-10",
                                * "2021-10-05" */
  MB_FIELD_FORMAT_CHUNK_HASH, /* 32 lower-case hex digits: a revision chunk's SHA-256 */
} MbFieldFormat;

typedef enum
{
  MB_FIELD_NOT_NULL    = 1 << 0,  /* NOT NULL */
  MB_FIELD_PRIMARY_KEY = 1 << 1,  /* part of the primary key */
  MB_FIELD_HAS_MIN     = 1 << 2,
  MB_FIELD_HAS_MAX     = 1 << 3,
} MbFieldFlags;

typedef struct
{
  const char         *name;
  MbFieldType         type;
  MbFieldFlags        flags;
  MbFieldFormat       format;
  const char * const *enum_values;   /* NULL-terminated, or NULL */
  const char         *default_sql;   /* as PRAGMA table_info shows it ("'draft'", "0"), or NULL */
  double              minimum;
  double              maximum;
  const char         *references;    /* the table whose "id" this holds, or NULL */
} MbExchangeField;

typedef struct
{
  const char             *name;
  const MbExchangeField  *fields;
  guint                   n_fields;
  gboolean                has_id;        /* fields[0] is the UUID "id", the primary key */
  const char * const     *unique[3];     /* UNIQUE groups besides the primary key */
  const char             *description;
} MbExchangeTable;

#define MB_EXCHANGE_FORMAT_NAME "malbild"
/* Version 2 adds revisions; version 1 files are read as ever. */
#define MB_EXCHANGE_FORMAT_VERSION 2
#define MB_EXCHANGE_FORMAT_OLDEST_VERSION 1

/* The exchanged tables, in the order of the format (parents before children). */
const MbExchangeTable *mb_exchange_get_tables        (guint                  *n_tables);
const MbExchangeTable *mb_exchange_lookup_table      (const char             *name,
                                                      guint                  *index);
const MbExchangeField *mb_exchange_table_lookup_field (const MbExchangeTable *table,
                                                       const char            *name,
                                                       guint                 *index);

/* A field may be left out of an imported object: it is nullable or has a
 * default. */
gboolean               mb_exchange_field_is_required (const MbExchangeField  *field);

/* Checks a text value against @field's format and enumeration; returns a
 * reason (newly allocated) or NULL when it is fine. */
char                  *mb_exchange_field_check_text  (const MbExchangeField  *field,
                                                      const char             *value);

/* The JSON Schema (draft 2020-12) of the format, built from this description;
 * data/malbild-exchange.schema.json is this text. */
char                  *mb_exchange_build_json_schema (void);

G_END_DECLS
