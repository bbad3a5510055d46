/* The export formats' registry and what they share: layout and mode names, the
 * options and result, sample names, unique paths, CSV rows and a sample's JSON. */
#define G_LOG_DOMAIN "datadive-export"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dd-export-private.h"

const DdExportFormat *
dd_export_format_for (DdExportLayout layout)
{
  /* In the order of DdExportLayout. */
  static const DdExportFormat * const formats[] = {
    &dd_export_imagefolder,
    &dd_export_original,
    &dd_export_csv,
    &dd_export_jsonl,
    &dd_export_fiftyone,
    &dd_export_hf,
    &dd_export_webdataset,
  };

  g_return_val_if_fail (layout < G_N_ELEMENTS (formats), NULL);
  g_assert (formats[layout]->layout == layout);
  return formats[layout];
}

static const char *layout_names[] = {
  "imagefolder", "original", "csv", "jsonl", "fiftyone", "hf", "webdataset",
};
static const char *mode_names[] = { "copy", "hardlink", "symlink" };

/* The index of @name in @names, into @out. */
static gboolean
name_index (const char * const *names,
            guint               n_names,
            const char         *name,
            guint              *out)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
dd_export_layout_to_string (DdExportLayout layout)
{
  g_return_val_if_fail (layout < G_N_ELEMENTS (layout_names), NULL);
  return layout_names[layout];
}

gboolean
dd_export_layout_from_string (const char     *name,
                              DdExportLayout *out)
{
  guint i;

  if (!name_index (layout_names, G_N_ELEMENTS (layout_names), name, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

const char *
dd_export_mode_to_string (DdExportMode mode)
{
  g_return_val_if_fail (mode < G_N_ELEMENTS (mode_names), NULL);
  return mode_names[mode];
}

gboolean
dd_export_mode_from_string (const char   *name,
                            DdExportMode *out)
{
  guint i;

  if (!name_index (mode_names, G_N_ELEMENTS (mode_names), name, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

void
dd_export_options_clear (DdExportOptions *options)
{
  g_clear_pointer (&options->target, g_free);
  g_clear_pointer (&options->recipe_json, g_free);
  g_clear_pointer (&options->run, g_free);
}

static void
refusal_free (DdExportRefusal *refusal)
{
  g_free (refusal->key);
  g_free (refusal->reason);
  g_free (refusal);
}

DdExportResult *
dd_export_result_new (const char *target)
{
  DdExportResult *result = g_new0 (DdExportResult, 1);

  result->target = g_strdup (target);
  result->missing = g_ptr_array_new_with_free_func (g_free);
  result->refused = g_ptr_array_new_with_free_func ((GDestroyNotify) refusal_free);
  return result;
}

void
dd_export_result_free (DdExportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->target);
  g_clear_pointer (&result->missing, g_ptr_array_unref);
  g_clear_pointer (&result->refused, g_ptr_array_unref);
  g_free (result);
}

gboolean
dd_export_error (GError     **error,
                 const char  *what,
                 const char  *path,
                 const char  *detail)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_IO, "%s “%s”: %s", what, display, detail);
  return FALSE;
}

gboolean
dd_export_io_error (GError     **error,
                    int          saved_errno,
                    const char  *what,
                    const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  if (saved_errno == ENOSPC)
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_IO,
                   _("Cannot write “%s”: the disk is full"), display);
      return FALSE;
    }
  return dd_export_error (error, what, path, g_strerror (saved_errno));
}

/* "val_7.JPEG" of fog/3 → "val_7__fog_3.JPEG": the same file exists in 75 cells. */
char *
dd_export_name (DdSampleInfo *s,
                gboolean      no_dots_in_stem)
{
  g_autofree char *base = g_path_get_basename (s->key);
  char *dot = strrchr (base, '.');
  g_autofree char *ext = g_strdup (dot ? dot : "");
  g_autofree char *stem = NULL;

  if (dot)
    *dot = '\0';
  stem = g_strdup (base);
  if (s->severity > 0 && g_strcmp0 (s->corruption, "none") != 0)
    {
      char *with = g_strdup_printf ("%s__%s_%u", stem, s->corruption, s->severity);
      g_free (stem);
      stem = with;
    }
  if (no_dots_in_stem)
    g_strdelimit (stem, ".", '_');
  g_strdelimit (stem, "/\\", '_');
  return g_strconcat (stem, ext, NULL);
}

/* @rel_dir/@name, made unique among the paths of this export (deterministic: samples
 * come in catalog order). */
char *
dd_export_unique_path (DdExportRun *run,
                       const char  *rel_dir,
                       const char  *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot ? g_strndup (name, dot - name) : g_strdup (name);
  const char *ext = dot ? dot : "";
  char *rel = *rel_dir ? g_strconcat (rel_dir, "/", name, NULL) : g_strdup (name);

  for (guint n = 2; g_hash_table_contains (run->taken, rel); n++)
    {
      g_free (rel);
      rel = *rel_dir ? g_strdup_printf ("%s/%s__%u%s", rel_dir, stem, n, ext)
                     : g_strdup_printf ("%s__%u%s", stem, n, ext);
    }
  g_hash_table_add (run->taken, g_strdup (rel));
  return rel;
}

gboolean
dd_export_write_text (DdExportRun  *run,
                      const char   *rel,
                      const char   *text,
                      gssize        len,
                      GError      **error)
{
  g_autofree char *path = g_build_filename (run->tmp, rel, NULL);
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents (path, text, len, &local))
    {
      g_set_error (error, DD_EXPORT_ERROR, DD_EXPORT_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

static void
csv_field (GString    *out,
           const char *text)
{
  if (text && strpbrk (text, ",\"\n\r"))
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (text)
    g_string_append (out, text);
}

void
dd_export_string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

void
dd_export_csv_row (GString            *out,
                   guint               n,
                   const char * const *fields)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      csv_field (out, fields[i]);
    }
  g_string_append_c (out, '\n');
}

char *
dd_export_sample_json (DdSampleInfo *s,
                       int           label,
                       const char   *path)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  if (path)
    {
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, path);
    }
  json_builder_set_member_name (b, "key");
  json_builder_add_string_value (b, s->key);
  json_builder_set_member_name (b, "wnid");
  json_builder_add_string_value (b, s->wnid);
  json_builder_set_member_name (b, "class_name");
  json_builder_add_string_value (b, s->class_name);
  json_builder_set_member_name (b, "label");
  if (label >= 0)
    json_builder_add_int_value (b, label);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "corruption");
  json_builder_add_string_value (b, s->corruption);
  json_builder_set_member_name (b, "severity");
  json_builder_add_int_value (b, s->severity);
  json_builder_set_member_name (b, "split");
  json_builder_add_string_value (b, s->split);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, FALSE);
}
