/* Importing a run: an eval script's predictions (CSV with a header row, read by libcsv,
 * an RFC 4180 parser; or JSONL, one json-glib parse a line), streamed straight into one
 * catalog transaction. Rows that name no sample, repeat one, or hold an unknown class
 * or a bad number are counted and the first ones listed; a file whose rows mostly match
 * nothing is refused. */
#define G_LOG_DOMAIN "datadive-model"
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <gio/gunixinputstream.h>
#include <inttypes.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dd-json-guard.h"
#include "dd-model.h"
#include "dd-safe-file.h"

/* A JSONL row nests at most: an object of arrays (probs, top5); room left for more. */
#define ROW_MAX_DEPTH 8
/* Values echoed in problems are cut to this many characters. */
#define ECHO_MAX 80

#define READ_CHUNK (256 * 1024)

void
dd_model_import_free (DdModelImport *import)
{
  if (import == NULL)
    return;
  g_free (import->run);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_free (import);
}

/* One row of the file, as read (strings owned by the reader). */
typedef struct {
  const char *path;         /* NULL or "" when absent */
  const char *key;
  const char *prediction;   /* a wnid, name or label index as text */
  gint64      index;        /* a JSON integer prediction, else -1 */
  const char *confidence;   /* text (CSV) or NULL */
  const char *loss;
  double      confidence_value;   /* JSON numbers: NAN when absent */
  double      loss_value;
  gboolean    confidence_bad;     /* JSON: present but not a number */
  gboolean    loss_bad;
  JsonArray  *probs;
  JsonArray  *top5;
} Record;

typedef struct {
  DdCatalog       *catalog;
  DdCatalogWriter *writer;
  const char      *file;
  gint64           run_id;
  char           **labels;
  guint            n_labels;
  guint           *label_class;   /* class id of each label, 0: not a class here */
  GHashTable      *classes;       /* text → class id + 1, 0 = looked up, unknown */
  GPtrArray       *roots;         /* char *: each source root */
  GPtrArray       *parents;       /* char *: the folder above it, with a trailing '/' */
  DdModelImport   *result;
  char            *first_unmatched;
  GError          *error;         /* a failure that stops the import */
  GCancellable    *cancellable;
  float           *probs;         /* n_labels, reused */
  GString         *top5;
} Importer;

/* A value of the file as it may appear in a problem: valid UTF-8, cut to ECHO_MAX. */
static char *
echo (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);

  g_autofree char *head = NULL;

  if (g_utf8_strlen (valid, -1) <= ECHO_MAX)
    return g_steal_pointer (&valid);
  head = g_utf8_substring (valid, 0, ECHO_MAX);
  return g_strconcat (head, "…", NULL);
}

static void G_GNUC_PRINTF (2, 3)
add_problem (Importer   *im,
             const char *format,
             ...)
{
  va_list args;

  if (im->result->problems->len >= DD_MODEL_MAX_PROBLEMS)
    return;
  va_start (args, format);
  g_ptr_array_add (im->result->problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* The class a prediction names: its id, 0 when unknown (@text is a wnid or name). */
static guint
class_of_name (Importer   *im,
               const char *text)
{
  gpointer value;
  guint id;

  if (g_hash_table_lookup_extended (im->classes, text, NULL, &value))
    return GPOINTER_TO_UINT (value);
  id = dd_catalog_lookup_class (im->catalog, text);
  g_hash_table_insert (im->classes, g_strdup (text), GUINT_TO_POINTER (id));
  return id;
}

static gboolean
is_index (const char *text)
{
  return *text && strspn (text, "0123456789") == strlen (text) && strlen (text) < 10;
}

/* A prediction (text, or an index when @text is NULL) → class id; 0 with a problem. */
static guint
resolve_class (Importer   *im,
               const char *where,
               const char *text,
               gint64      index)
{
  guint id;

  if (text && is_index (text))
    index = g_ascii_strtoll (text, NULL, 10);
  if (text == NULL || is_index (text))
    {
      if (index < 0 || index >= im->n_labels)
        {
          add_problem (im, _("%s: label %" PRId64 " is outside the label order "
                             "(0 to %u)"), where, index, im->n_labels - 1);
          return 0;
        }
      if ((id = im->label_class[index]) == 0)
        add_problem (im, _("%s: label %" PRId64 " (“%s”) is not a class of the "
                           "catalog"), where, index, im->labels[index]);
      return id;
    }
  if ((id = class_of_name (im, text)) == 0)
    {
      g_autofree char *shown = echo (text);

      add_problem (im, _("%s: unknown class “%s”"), where, shown);
    }
  return id;
}

/* A number of the file: TRUE with *@out (NAN when the field is empty or absent). */
static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;

  *out = NAN;
  if (text == NULL || *text == '\0')
    return TRUE;
  errno = 0;
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && errno == 0 && isfinite (*out);
}

/* The key of a path: a relative one is the key; an absolute one is made relative to
 * the parent of the indexed folder it is in. NULL when it is in none. */
static char *
key_of_path (Importer   *im,
             const char *path)
{
  if (!g_path_is_absolute (path))
    return g_strdup (g_str_has_prefix (path, "./") ? path + 2 : path);
  for (guint i = 0; i < im->roots->len; i++)
    {
      const char *root = g_ptr_array_index (im->roots, i);
      gsize len = strlen (root);

      if (strncmp (path, root, len) == 0 && path[len] == '/')
        return g_strdup (path + strlen (g_ptr_array_index (im->parents, i)));
    }
  return NULL;
}

/* A record's probs (one per label, each from 0 to 1) into @row, and its confidence from
 * them when it has none; FALSE (said) when they are not. */
static gboolean
read_probs (Importer        *im,
            const char      *where,
            JsonArray       *probs,
            gint64           label_index,
            DdPredictionRow *row)
{
  guint n = json_array_get_length (probs);

  if (n != im->n_labels)
    {
      add_problem (im, _("%s: probs has %u values, the label order %u"), where, n,
                   im->n_labels);
      return FALSE;
    }
  for (guint j = 0; j < n; j++)
    {
      JsonNode *node = json_array_get_element (probs, j);
      double p = JSON_NODE_HOLDS_VALUE (node) &&
                 (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                  json_node_get_value_type (node) == G_TYPE_INT64)
                 ? json_node_get_double (node) : NAN;

      if (!(p >= 0 && p <= 1))
        {
          add_problem (im, _("%s: probs holds a value that is not a number from 0 to 1"),
                       where);
          return FALSE;
        }
      im->probs[j] = (float) p;
    }
  row->probs = im->probs;
  row->n_probs = n;
  if (isnan (row->confidence) && label_index >= 0)
    row->confidence = im->probs[label_index];
  return TRUE;
}

/* A record's top5 (classes by name, wnid or label index) into @row as class ids; FALSE
 * (said) when one is not a class. */
static gboolean
read_top5 (Importer        *im,
           const char      *where,
           JsonArray       *top5,
           DdPredictionRow *row)
{
  g_string_truncate (im->top5, 0);
  for (guint j = 0; j < json_array_get_length (top5); j++)
    {
      JsonNode *node = json_array_get_element (top5, j);
      guint c = 0;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        c = resolve_class (im, where, json_node_get_string (node), -1);
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        c = resolve_class (im, where, NULL, json_node_get_int (node));
      else
        add_problem (im, _("%s: top5 holds a value that is not a class"), where);
      if (c == 0)
        return FALSE;
      g_string_append_printf (im->top5, "%s%u", j ? "," : "", c);
    }
  row->top5 = im->top5->str;
  return TRUE;
}

/* Imports one record; FALSE only when the import must stop (im->error). */
static gboolean
import_record (Importer     *im,
               const char   *where,
               const Record *r)
{
  g_autofree char *key = NULL;
  const char *named;
  DdPredictionRow row = { 0, };
  gboolean duplicate = FALSE;
  gint64 label_index = -1;
  gint64 id;

  im->result->rows++;
  if ((r->key == NULL || *r->key == '\0') && (r->path == NULL || *r->path == '\0'))
    {
      add_problem (im, _("%s: no path or key"), where);
      im->result->rejected++;
      return TRUE;
    }
  if ((r->prediction == NULL || *r->prediction == '\0') && r->index < 0)
    {
      add_problem (im, _("%s: no prediction"), where);
      im->result->rejected++;
      return TRUE;
    }
  named = r->key && *r->key ? r->key : r->path;
  key = r->key && *r->key ? g_strdup (r->key) : key_of_path (im, r->path);
  id = key ? dd_catalog_writer_sample_of_key (im->writer, key, &im->error) : 0;
  if (id < 0)
    return FALSE;
  if (id == 0)
    {
      g_autofree char *shown = echo (named);

      add_problem (im, _("%s: no sample has the path “%s”"), where, shown);
      if (im->first_unmatched == NULL)
        im->first_unmatched = g_steal_pointer (&shown);
      im->result->unmatched++;
      return TRUE;
    }

  row.sample_id = id;
  row.predicted = resolve_class (im, where, r->prediction && *r->prediction ? r->prediction : NULL,
                                 r->index);
  if (row.predicted == 0)
    {
      im->result->rejected++;
      return TRUE;
    }
  if (r->confidence_bad || !parse_number (r->confidence, &row.confidence) ||
      (r->confidence == NULL && !isnan (r->confidence_value) &&
       (row.confidence = r->confidence_value, FALSE)) ||
      (!isnan (row.confidence) && (row.confidence < 0 || row.confidence > 1)))
    {
      g_autofree char *shown = echo (r->confidence ? r->confidence : "?");

      add_problem (im, _("%s: the confidence “%s” is not a number from 0 to 1"), where, shown);
      im->result->rejected++;
      return TRUE;
    }
  if (r->loss_bad || !parse_number (r->loss, &row.loss))
    {
      g_autofree char *shown = echo (r->loss ? r->loss : "?");

      add_problem (im, _("%s: the loss “%s” is not a number"), where, shown);
      im->result->rejected++;
      return TRUE;
    }
  if (r->loss == NULL && !isnan (r->loss_value))
    row.loss = r->loss_value;

  for (guint j = 0; j < im->n_labels; j++)
    if (im->label_class[j] == row.predicted)
      label_index = j;
  if (r->probs && !read_probs (im, where, r->probs, label_index, &row))
    {
      im->result->rejected++;
      return TRUE;
    }
  if (r->top5 && !read_top5 (im, where, r->top5, &row))
    {
      im->result->rejected++;
      return TRUE;
    }
  if (!dd_catalog_writer_add_prediction (im->writer, im->run_id, &row, &duplicate, &im->error))
    {
      if (!duplicate)
        return FALSE;
      g_autofree char *shown = echo (named);

      add_problem (im, _("%s: a second prediction for “%s” (the first one is kept)"), where,
                   shown);
      im->result->duplicates++;
      return TRUE;
    }
  im->result->imported++;
  if ((im->result->rows & 0xffff) == 0 &&
      g_cancellable_set_error_if_cancelled (im->cancellable, &im->error))
    return FALSE;
  return TRUE;
}

/* ---- CSV ------------------------------------------------------------------------- */

typedef enum {
  COL_OTHER = -1,
  COL_PATH,
  COL_KEY,
  COL_PREDICTION,
  COL_CONFIDENCE,
  COL_LOSS,
  N_COLS
} Column;

static const char * const column_names[N_COLS] = {
  "path", "key", "prediction", "confidence", "loss"
};

typedef struct {
  Importer *im;
  guint64   row;            /* records so far, the header being row 1 */
  guint     field;          /* the field of the current record */
  GArray   *columns;        /* Column of each header field */
  GString  *values[N_COLS];
  gboolean  seen[N_COLS];
  gboolean  stopped;        /* after a fatal error: the rest is ignored */
} CsvReader;

static void
csv_field (void   *s,
           size_t  len,
           void   *data)
{
  CsvReader *reader = data;
  guint field = reader->field++;

  if (reader->stopped)
    return;
  if (reader->columns == NULL)
    return;
  if (reader->row == 0)
    {
      g_autofree char *name = g_strstrip (g_ascii_strdown (s, len));
      const char *bare = name;
      Column col = COL_OTHER;

      if (field == 0 && g_str_has_prefix (bare, "\xef\xbb\xbf"))
        bare += 3;   /* a UTF-8 byte order mark */
      for (guint c = 0; c < N_COLS; c++)
        if (g_str_equal (bare, column_names[c]) && !reader->seen[c])
          {
            col = c;
            reader->seen[c] = TRUE;
          }
      g_array_append_val (reader->columns, col);
      return;
    }
  if (field < reader->columns->len)
    {
      Column col = g_array_index (reader->columns, Column, field);

      if (col != COL_OTHER)
        g_string_append_len (reader->values[col], s, len);
    }
}

static void
csv_record (int   c,
            void *data)
{
  CsvReader *reader = data;
  Importer *im = reader->im;
  char where[64];
  Record r = { .index = -1, .confidence_value = NAN, .loss_value = NAN };

  if (reader->stopped)
    return;
  if (reader->row++ == 0)
    {
      reader->field = 0;
      if (!reader->seen[COL_PREDICTION] || !(reader->seen[COL_PATH] || reader->seen[COL_KEY]))
        {
          g_set_error (&im->error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                       _("“%s” has no “%s” column (a CSV run needs a header row with path or "
                         "key, and prediction)"), im->file,
                       reader->seen[COL_PREDICTION] ? "path" : "prediction");
          reader->stopped = TRUE;
        }
      return;
    }
  g_snprintf (where, sizeof where, _("row %" PRIu64), reader->row);
  r.path = reader->seen[COL_PATH] ? reader->values[COL_PATH]->str : NULL;
  r.key = reader->seen[COL_KEY] ? reader->values[COL_KEY]->str : NULL;
  r.prediction = g_strstrip (reader->values[COL_PREDICTION]->str);
  r.confidence = reader->seen[COL_CONFIDENCE] ? g_strstrip (reader->values[COL_CONFIDENCE]->str)
                                              : NULL;
  r.loss = reader->seen[COL_LOSS] ? g_strstrip (reader->values[COL_LOSS]->str) : NULL;
  if (r.confidence && !*r.confidence)
    r.confidence = NULL;
  if (r.loss && !*r.loss)
    r.loss = NULL;
  if (!import_record (im, where, &r))
    reader->stopped = TRUE;
  reader->field = 0;
  for (guint i = 0; i < N_COLS; i++)
    g_string_truncate (reader->values[i], 0);
}

static gboolean
read_csv (Importer      *im,
          GInputStream  *in)
{
  struct csv_parser parser;
  CsvReader reader = { .im = im };
  g_autofree char *buffer = g_malloc (READ_CHUNK);
  guint64 offset = 0;
  gboolean ok = TRUE;

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_error ("csv_init failed");
  reader.columns = g_array_new (FALSE, FALSE, sizeof (Column));
  for (guint i = 0; i < N_COLS; i++)
    reader.values[i] = g_string_new (NULL);
  while (ok && !reader.stopped)
    {
      gssize n = g_input_stream_read (in, buffer, READ_CHUNK, im->cancellable, &im->error);

      if (n < 0)
        ok = FALSE;
      else if (n == 0)
        break;
      else if (csv_parse (&parser, buffer, n, csv_field, csv_record, &reader) != (size_t) n)
        {
          g_set_error (&im->error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                       _("“%s” is not valid CSV (row %" PRIu64 ", near byte %"
                         PRIu64 "): %s"), im->file, reader.row + 1, offset,
                       csv_strerror (csv_error (&parser)));
          ok = FALSE;
        }
      offset += MAX (n, 0);
    }
  if (ok && !reader.stopped && csv_fini (&parser, csv_field, csv_record, &reader) != 0)
    {
      g_set_error (&im->error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                   _("“%s” is not valid CSV (row %" PRIu64 "): %s"), im->file,
                   reader.row + 1, csv_strerror (csv_error (&parser)));
      ok = FALSE;
    }
  csv_free (&parser);
  for (guint i = 0; i < N_COLS; i++)
    g_string_free (reader.values[i], TRUE);
  g_array_unref (reader.columns);
  if (ok && reader.row == 0 && im->error == NULL)
    g_set_error (&im->error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                 _("“%s” is empty"), im->file);
  return ok && im->error == NULL;
}

/* ---- JSONL ----------------------------------------------------------------------- */

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

/* A number member: NAN when absent or null; *@bad when it is something else. */
static double
member_number (JsonObject *o,
               const char *name,
               gboolean   *bad)
{
  JsonNode *node = json_object_get_member (o, name);

  *bad = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NAN;
  if (JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                                       json_node_get_value_type (node) == G_TYPE_INT64))
    return json_node_get_double (node);
  *bad = TRUE;
  return NAN;
}

static JsonArray *
member_array (JsonObject *o,
              const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
read_jsonl (Importer      *im,
            GInputStream  *in)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  guint64 line = 0;

  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (data), READ_CHUNK);
  for (;;)
    {
      gsize len = 0;
      g_autofree char *text = g_data_input_stream_read_line (data, &len, im->cancellable,
                                                             &im->error);
      g_autoptr(GError) parse_error = NULL;
      char where[64];
      JsonNode *root;
      JsonObject *o;
      JsonNode *prediction;
      Record r = { .index = -1 };

      if (text == NULL)
        break;
      line++;
      g_strstrip (text);
      if (*text == '\0')
        continue;
      g_snprintf (where, sizeof where, _("line %" PRIu64), line);
      /* json-glib recurses once per level: "[[[[…" would overflow the stack */
      if (!dd_json_guard_check (text, -1, ROW_MAX_DEPTH, 0, &parse_error) ||
          !json_parser_load_from_data (parser, text, -1, &parse_error) ||
          !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
        {
          im->result->rows++;
          im->result->rejected++;
          add_problem (im, _("%s: not a JSON object"), where);
          continue;
        }
      o = json_node_get_object (root);
      r.path = member_string (o, "path");
      r.key = member_string (o, "key");
      prediction = json_object_get_member (o, "prediction");
      if (prediction && JSON_NODE_HOLDS_VALUE (prediction) &&
          json_node_get_value_type (prediction) == G_TYPE_INT64)
        r.index = MAX (json_node_get_int (prediction), G_MININT32);
      else
        r.prediction = member_string (o, "prediction");
      if (r.index < 0 && prediction && r.prediction == NULL && !JSON_NODE_HOLDS_NULL (prediction))
        r.prediction = "?";
      r.confidence_value = member_number (o, "confidence", &r.confidence_bad);
      r.loss_value = member_number (o, "loss", &r.loss_bad);
      r.probs = member_array (o, "probs");
      r.top5 = member_array (o, "top5");
      if (r.index < -1)
        {
          im->result->rows++;
          im->result->rejected++;
          add_problem (im, _("%s: label %" PRId64 " is outside the label order "
                             "(0 to %u)"), where, r.index, im->n_labels - 1);
          continue;
        }
      if (!import_record (im, where, &r))
        return FALSE;
    }
  if (im->error == NULL && im->result->rows == 0)
    g_set_error (&im->error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                 _("“%s” is empty"), im->file);
  return im->error == NULL;
}

/* ---- the label order --------------------------------------------------------------- */

char **
dd_model_default_labels (DdCatalog *catalog)
{
  g_autoptr(DdFilter) all = dd_filter_new ();
  g_autoptr(DdSelection) sel = dd_catalog_select (catalog, all, NULL, NULL);
  g_autoptr(DdFacets) facets = sel ? dd_catalog_facets (catalog, sel) : NULL;
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GPtrArray) wnids = g_ptr_array_new ();

  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *info = g_ptr_array_index (classes, i);

      if (facets && info->id < facets->n_classes && facets->classes[info->id] > 0)
        g_ptr_array_add (wnids, g_strdup (info->wnid));
    }
  g_ptr_array_sort (wnids, dd_compare_strings);
  g_ptr_array_add (wnids, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&wnids), FALSE);
}

static gboolean
read_labels (Importer    *im,
             const char  *labels_file,
             GError     **error)
{
  g_auto(GStrv) lines = NULL;
  guint known = 0;

  if (labels_file == NULL)
    im->labels = dd_model_default_labels (im->catalog);
  else
    {
      g_autofree char *text = NULL;
      g_autoptr(GError) local = NULL;
      guint n;

      /* a label order is a line a class: 16 MB is far more than any has; a FIFO nobody
       * writes to reads as empty instead of hanging */
      if (!dd_safe_file_get_contents (labels_file, 16 * 1024 * 1024, TRUE, &text, NULL, &local))
        {
          g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_IO,
                       _("Cannot read the labels “%s”: %s"), labels_file, local->message);
          return FALSE;
        }
      if (!g_utf8_validate (text, -1, NULL))
        {
          g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                       _("The labels “%s” are not UTF-8 text"), labels_file);
          return FALSE;
        }
      lines = g_strsplit (text, "\n", -1);
      n = g_strv_length (lines);
      while (n > 0 && *g_strstrip (lines[n - 1]) == '\0')
        {
          g_free (lines[n - 1]);
          lines[--n] = NULL;
        }
      for (guint i = 0; i < n; i++)
        if (*g_strstrip (lines[i]) == '\0')
          {
            g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                         _("Line %u of the labels “%s” is empty"), i + 1, labels_file);
            return FALSE;
          }
      im->labels = g_steal_pointer (&lines);
    }
  im->n_labels = g_strv_length (im->labels);
  im->label_class = g_new0 (guint, MAX (im->n_labels, 1));
  for (guint i = 0; i < im->n_labels; i++)
    if ((im->label_class[i] = class_of_name (im, im->labels[i])) != 0)
      known++;
  if (known == 0)
    {
      if (labels_file)
        g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                     _("None of the labels in “%s” is a class of the catalog"), labels_file);
      else
        g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                     _("The catalog has no labeled sample to import predictions for"));
      return FALSE;
    }
  im->probs = g_new (float, im->n_labels);
  return TRUE;
}

/* ---- the import -------------------------------------------------------------------- */

static gboolean
looks_like_jsonl (const char   *file,
                  GInputStream *in)
{
  const char *dot = strrchr (file, '.');
  const void *peek;
  gsize n = 0;

  if (dot && (g_ascii_strcasecmp (dot, ".jsonl") == 0 || g_ascii_strcasecmp (dot, ".ndjson") == 0
              || g_ascii_strcasecmp (dot, ".json") == 0))
    return TRUE;
  if (dot && g_ascii_strcasecmp (dot, ".csv") == 0)
    return FALSE;
  g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (in), 64, NULL, NULL);
  peek = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (in), &n);
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isspace (((const char *) peek)[i]))
      return ((const char *) peek)[i] == '{';
  return FALSE;
}

static void
importer_clear (Importer *im)
{
  g_strfreev (im->labels);
  g_free (im->label_class);
  g_clear_pointer (&im->classes, g_hash_table_unref);
  g_clear_pointer (&im->roots, g_ptr_array_unref);
  g_clear_pointer (&im->parents, g_ptr_array_unref);
  g_free (im->first_unmatched);
  g_free (im->probs);
  if (im->top5)
    g_string_free (im->top5, TRUE);
  g_clear_error (&im->error);
}

DdModelImport *
dd_model_import (DdCatalog     *catalog,
                 const char    *run,
                 const char    *file,
                 const char    *labels_file,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(DdCatalogWriter) writer = NULL;
  g_autoptr(DdModelImport) result = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *labels_text = NULL;
  Importer im = { .catalog = catalog, .file = file, .cancellable = cancellable };
  gboolean ok;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (file != NULL, NULL);

  if (!dd_model_check_run_name (run, error))
    return NULL;
  {
    /* a regular file only, opened without blocking: a FIFO or a device where the
     * predictions were is one line, not a wait no signal ends */
    struct stat st;
    int fd = dd_safe_file_open (file, &st, &local);

    if (fd < 0)
      {
        g_set_error (error, DD_MODEL_ERROR, DD_MODEL_ERROR_IO, _("Cannot read “%s”: %s"), file,
                     local->message);
        return NULL;
      }
    raw = g_unix_input_stream_new (fd, TRUE);
  }
  in = g_buffered_input_stream_new_sized (raw, READ_CHUNK);

  im.classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!read_labels (&im, labels_file, error))
    {
      importer_clear (&im);
      return NULL;
    }
  im.roots = g_ptr_array_new_with_free_func (g_free);
  im.parents = g_ptr_array_new_with_free_func (g_free);
  sources = dd_catalog_list_sources (catalog);
  for (guint i = 0; i < sources->len; i++)
    {
      DdSourceInfo *source = g_ptr_array_index (sources, i);
      g_autofree char *parent = g_path_get_dirname (source->root);

      g_ptr_array_add (im.roots, g_strdup (source->root));
      g_ptr_array_add (im.parents, g_str_has_suffix (parent, "/") ? g_strdup (parent)
                                                                   : g_strconcat (parent, "/", NULL));
    }
  im.top5 = g_string_new (NULL);
  result = g_new0 (DdModelImport, 1);
  result->run = g_strdup (run);
  result->problems = g_ptr_array_new_with_free_func (g_free);
  im.result = result;
  labels_text = g_strjoinv ("\n", im.labels);

  writer = dd_catalog_writer_begin (catalog, DD_CATALOG_WRITE_METADATA | DD_CATALOG_WRITE_BULK,
                                    error);
  if (writer == NULL)
    {
      importer_clear (&im);
      return NULL;
    }
  im.writer = writer;
  im.run_id = dd_catalog_writer_replace_run (writer, run, file, labels_text,
                                             g_get_real_time () / G_USEC_PER_SEC, &im.error);
  if (im.run_id == 0)
    ok = FALSE;
  else if (looks_like_jsonl (file, in))
    ok = read_jsonl (&im, in);
  else
    ok = read_csv (&im, in);

  if (ok && result->unmatched * 2 > result->rows)
    {
      g_set_error (&im.error, DD_MODEL_ERROR, DD_MODEL_ERROR_REFUSED,
                   _("“%s” was not imported: %" PRIu64 " of its %" PRIu64
                     " rows match no sample of the catalog (“%s”, for one) — a wrong file, "
                     "or paths under another folder than the one indexed"), file,
                   result->unmatched, result->rows, im.first_unmatched);
      ok = FALSE;
    }
  else if (ok && result->imported == 0)
    {
      g_set_error (&im.error, DD_MODEL_ERROR, DD_MODEL_ERROR_INVALID,
                   _("“%s” was not imported: none of its rows could be (%s)"), file,
                   result->problems->len ? (char *) g_ptr_array_index (result->problems, 0)
                                         : "?");
      ok = FALSE;
    }
  if (ok)
    ok = dd_catalog_writer_commit (g_steal_pointer (&writer), &im.error);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&im.error));
      importer_clear (&im);
      return NULL;
    }
  importer_clear (&im);
  /* the run may change which samples confident learning suspects */
  if (!dd_model_update_suspect_labels (catalog, NULL, error))
    return NULL;
  return g_steal_pointer (&result);
}
