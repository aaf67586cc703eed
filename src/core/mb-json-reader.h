/* mb-json-reader.h – a pull reader over a JSON text that mb_json_check() passed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The kind of the value at the reader's position. */
typedef enum
{
  MB_JSON_NONE,     /* no value here: the end of a container or the input, or bad text */
  MB_JSON_NULL,
  MB_JSON_FALSE,
  MB_JSON_TRUE,
  MB_JSON_INTEGER,  /* a literal without fraction or exponent */
  MB_JSON_DOUBLE,
  MB_JSON_STRING,
  MB_JSON_OBJECT,
  MB_JSON_ARRAY,
} MbJsonKind;

/* A string of the text, without copying it when it holds no escape: then
 * @decoded is FALSE and the bytes are the input's at @offset (not
 * NUL-terminated); else they are the decoded buffer's at @offset, followed by
 * a NUL. */
typedef struct
{
  gsize    offset;
  gsize    length;
  gboolean decoded;
} MbJsonString;

/* Reads values without building a tree: the caller walks the text with
 * peek/enter/next and reads or skips each value. It assumes the text passed
 * mb_json_check() and does not report syntax errors, but whatever the bytes,
 * it never reads outside them and always comes to an end: at anything it
 * cannot read it stops (mb_json_reader_failed()), and every container loop
 * ends there. Decoded strings are appended to @decoded, which the caller
 * owns and may keep. */
typedef struct
{
  const guchar *data;
  gsize         length;
  gsize         pos;
  GByteArray   *decoded;
  gboolean      failed;
} MbJsonReader;

void        mb_json_reader_init         (MbJsonReader *self,
                                         const char   *data,
                                         gsize         length,
                                         GByteArray   *decoded);
gboolean    mb_json_reader_failed       (MbJsonReader *self);

/* The kind of the next value, without reading it. */
MbJsonKind  mb_json_reader_peek         (MbJsonReader *self);

/* Steps into the object or array at the position. */
gboolean    mb_json_reader_enter        (MbJsonReader *self);
/* Moves to the next element of the array or member of the object entered
 * last; FALSE (and out of the container) at its end. Inside an object, read
 * the member's key with mb_json_reader_read_key() next. */
gboolean    mb_json_reader_next         (MbJsonReader *self);
gboolean    mb_json_reader_read_key     (MbJsonReader *self,
                                         MbJsonString *key);

gboolean    mb_json_reader_read_string  (MbJsonReader *self,
                                         MbJsonString *out);
/* A number: MB_JSON_INTEGER with @integer, or MB_JSON_DOUBLE with @real;
 * MB_JSON_NONE if there is none. */
MbJsonKind  mb_json_reader_read_number  (MbJsonReader *self,
                                         gint64       *integer,
                                         double       *real);
/* Reads true, false or null. */
MbJsonKind  mb_json_reader_read_literal (MbJsonReader *self);

/* Skips the value at the position, of any kind and depth (without recursion);
 * returns how many elements it had if it is an array, else 0. */
guint64     mb_json_reader_skip         (MbJsonReader *self);

/* Where the next value begins; mb_json_reader_seek() comes back to it. */
gsize       mb_json_reader_tell         (MbJsonReader *self);
void        mb_json_reader_seek         (MbJsonReader *self,
                                         gsize         pos);

/* The bytes of @string (NUL-terminated only when decoded). Valid until more
 * is decoded. */
const char *mb_json_reader_string_data  (MbJsonReader       *self,
                                         const MbJsonString *string);

G_END_DECLS
