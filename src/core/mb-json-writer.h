/* mb-json-writer.h – deterministic, pretty JSON text, one key per line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes JSON into a GString with two-space indentation, one member or
 * element per line, and empty containers as "[]" / "{}". Numbers are written
 * in their shortest form that reads back to the same double; the caller
 * makes sure they are finite. */
typedef struct _MbJsonWriter MbJsonWriter;

MbJsonWriter *mb_json_writer_new           (GString      *out);
void          mb_json_writer_free          (MbJsonWriter *self);

void          mb_json_writer_begin_object  (MbJsonWriter *self);
void          mb_json_writer_end_object    (MbJsonWriter *self);
void          mb_json_writer_begin_array   (MbJsonWriter *self);
void          mb_json_writer_end_array     (MbJsonWriter *self);
/* The key of the next value inside an object. */
void          mb_json_writer_key           (MbJsonWriter *self,
                                            const char   *key);
void          mb_json_writer_string        (MbJsonWriter *self,
                                            const char   *value,
                                            gssize        length);
void          mb_json_writer_int           (MbJsonWriter *self,
                                            gint64        value);
void          mb_json_writer_double        (MbJsonWriter *self,
                                            double        value);
void          mb_json_writer_null          (MbJsonWriter *self);
void          mb_json_writer_boolean       (MbJsonWriter *self,
                                            gboolean      value);

/* Appends @value (@length bytes, or up to its NUL if -1) as a JSON string
 * literal: quotes, and escapes for '"', '\\' and control characters;
 * everything else as it is. The one way core writes a JSON string (the
 * writer above uses it; json-glib writes its own small documents). */
void          mb_json_append_string        (GString      *out,
                                            const char   *value,
                                            gssize        length);

/* The shortest "%.Ng" (N ≤ 17) of @value that reads back as @value exactly;
 * whole numbers below 10^15 as integers, without ".0" (-0 as "0"). @buf
 * holds G_ASCII_DTOSTR_BUF_SIZE. */
const char   *mb_json_format_double        (char         *buf,
                                            double        value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbJsonWriter, mb_json_writer_free)

G_END_DECLS
