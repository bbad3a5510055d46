/* A recipe's JSON: the canonical text it is written as, and the reading of any text,
 * with one sentence naming what is wrong. */
#define G_LOG_DOMAIN "datadive-recipe"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "dd-json-guard.h"
#include "dd-recipe-private.h"
#include "dd-safe-file.h"
#include "dd-text.h"

/* ---- serialising ------------------------------------------------------------------ */

static void
add_strv (JsonBuilder *builder,
          const char  *member,
          char       **v)
{
  if (v == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; v[i]; i++)
    json_builder_add_string_value (builder, v[i]);
  json_builder_end_array (builder);
}

/* "model": {"run", "outcome", "confidence_min", "confidence_max", "predicted"}, the
 * members that say something, in this order. */
static void
add_model (JsonBuilder         *builder,
           const DdModelClause *m)
{
  json_builder_set_member_name (builder, "model");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "run");
  json_builder_add_string_value (builder, m->run);
  if (m->outcome != DD_MODEL_OUTCOME_ANY)
    {
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, dd_model_outcome_to_string (m->outcome));
    }
  if (!isnan (m->confidence_min))
    {
      json_builder_set_member_name (builder, "confidence_min");
      json_builder_add_double_value (builder, m->confidence_min);
    }
  if (!isnan (m->confidence_max))
    {
      json_builder_set_member_name (builder, "confidence_max");
      json_builder_add_double_value (builder, m->confidence_max);
    }
  add_strv (builder, "predicted", m->predicted);
  if (m->highest_loss > 0)
    {
      json_builder_set_member_name (builder, "highest_loss");
      json_builder_add_int_value (builder, m->highest_loss);
    }
  json_builder_end_object (builder);
}

JsonNode *
dd_recipe_to_node (DdRecipe *recipe)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (recipe != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, DD_RECIPE_VERSION);
  add_strv (builder, "classes", recipe->classes);
  add_strv (builder, "corruptions", recipe->corruptions);
  if (recipe->severities >= 0)
    {
      json_builder_set_member_name (builder, "severities");
      json_builder_begin_array (builder);
      for (int s = 0; s <= 5; s++)
        if (recipe->severities & (1 << s))
          json_builder_add_int_value (builder, s);
      json_builder_end_array (builder);
    }
  add_strv (builder, "splits", recipe->splits);
  add_strv (builder, "exclude_flags", recipe->exclude_flags);
  if (recipe->per_class_limit > 0)
    {
      json_builder_set_member_name (builder, "per_class_limit");
      json_builder_add_int_value (builder, recipe->per_class_limit);
    }
  if (recipe->per_class_limit > 0 || recipe->seed != 0)
    {
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, (gint64) recipe->seed);
    }
  if (recipe->model)
    add_model (builder, recipe->model);
  if (recipe->include->n > 0)
    add_strv (builder, "include", recipe->include->keys);
  if (recipe->exclude->n > 0)
    add_strv (builder, "exclude", recipe->exclude->keys);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
dd_recipe_to_json (DdRecipe *recipe)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (recipe != NULL, NULL);

  root = dd_recipe_to_node (recipe);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  return g_strconcat (text, "\n", NULL);
}

gboolean
dd_recipe_save_to_file (DdRecipe    *recipe,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (recipe != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = dd_recipe_to_json (recipe);
  if (!g_file_set_contents (path, text, -1, &local_error))
    {
      g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_IO,
                   _("Cannot write recipe “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- parsing ------------------------------------------------------------------------ */

static const char * const known_keys[] = {
  "version", "classes", "corruptions", "severities", "splits", "exclude_flags",
  "per_class_limit", "seed", "include", "exclude", "model", NULL
};

/* Levenshtein distance of two short ASCII strings, for "did you mean". */
static guint
edit_distance (const char *a,
               const char *b)
{
  guint la = strlen (a), lb = strlen (b);
  g_autofree guint *row = g_new (guint, lb + 1);

  for (guint j = 0; j <= lb; j++)
    row[j] = j;
  for (guint i = 1; i <= la; i++)
    {
      guint diag = row[0];

      row[0] = i;
      for (guint j = 1; j <= lb; j++)
        {
          guint up = row[j];
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diag + cost);
          diag = up;
        }
    }
  return row[lb];
}

static gboolean
parse_strv (JsonObject  *object,
            const char  *member,
            gboolean     keys,
            char      ***out,
            guint       *out_n,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;
  guint n;
  char **v;

  *out = NULL;
  if (out_n)
    *out_n = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto wrong;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  v = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *s;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING ||
          *(s = json_node_get_string (element)) == '\0')
        {
          g_strfreev (v);
          goto wrong;
        }
      /* json-glib decodes an escaped lone surrogate ("\ud800") to bytes that are not
       * UTF-8: such a recipe could be saved but never read back. */
      if (!g_utf8_validate (s, -1, NULL))
        {
          g_strfreev (v);
          g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                       _("“%s” holds text that is not valid Unicode (such as a lone "
                         "surrogate “\\ud800”)"), member);
          return FALSE;
        }
      v[i] = g_strdup (s);
    }
  n = dd_recipe_sort_unique (v, n);
  *out = v;
  if (out_n)
    *out_n = n;
  return TRUE;

wrong:
  if (keys)
    g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                 _("“%s” must be an array of sample keys (non-empty strings)"), member);
  else
    g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                 _("“%s” must be an array of names (non-empty strings)"), member);
  return FALSE;
}

/* A whole number in [min, max] or absent (then @out is left alone). */
static gboolean
parse_uint (JsonObject  *object,
            const char  *member,
            guint64      min,
            guint64      max,
            guint64     *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (v = json_node_get_int (node)) < 0 || (guint64) v < min || (guint64) v > max)
    {
      if (min > 0)
        /* TRANSLATORS: the first %s is a recipe key (per_class_limit) */
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("“%s” must be a whole number from %" PRIu64 " to %" PRIu64
                       " (leave it out for no limit)"), member, min, max);
      else
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("“%s” must be a whole number from 0 to %" PRIu64),
                     member, max);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

/* Every key of @object is one a recipe has (or "proposal", which `prompt --json` adds
 * about how it read the sentence: read and ignored on purpose, so its output is a
 * recipe); an unknown one is named, with the known one it is a typo of. */
static gboolean
check_keys (JsonObject  *object,
            GError     **error)
{
  g_autoptr(GList) members = g_list_sort (json_object_get_members (object),
                                          (GCompareFunc) strcmp);

  for (GList *l = members; l; l = l->next)
    {
      const char *best = NULL;
      guint best_distance = 3;
      g_autofree char *echo = NULL;
      g_autofree char *name = NULL;

      if (g_strv_contains (known_keys, l->data) || strcmp (l->data, "proposal") == 0)
        continue;
      name = g_utf8_make_valid (l->data, -1);   /* for the message */
      /* a key three edits from a known one is short: a 10 MB one is not compared */
      for (guint i = 0; known_keys[i] && strlen (name) < 32; i++)
        {
          guint d = edit_distance (name, known_keys[i]);
          if (d < best_distance)
            {
              best_distance = d;
              best = known_keys[i];
            }
        }
      echo = dd_text_echo (name, DD_TEXT_ECHO_CHARS);
      if (best)
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Unknown key “%s” in recipe (did you mean “%s”?)"), echo, best);
      else
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Unknown key “%s” in recipe"), echo);
      return FALSE;
    }
  return TRUE;
}

/* The version first: a newer recipe's unknown keys are not typos. */
static gboolean
check_version (JsonObject  *object,
               GError     **error)
{
  JsonNode *member = json_object_get_member (object, "version");
  gint64 version;

  if (member == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 ||
      (version = json_node_get_int (member)) < 1)
    {
      g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                   _("“version” must be the number %d"), DD_RECIPE_VERSION);
      return FALSE;
    }
  if (version > DD_RECIPE_VERSION)
    {
      g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_NEWER_VERSION,
                   _("This recipe needs a newer DataDive (recipe version %" PRId64
                     ", this one reads up to version %d)"), version, DD_RECIPE_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* "severities": an array of numbers 0–5, or absent (all). */
static gboolean
parse_severities (JsonObject  *object,
                  DdRecipe    *recipe,
                  GError     **error)
{
  JsonNode *member = json_object_get_member (object, "severities");
  JsonArray *array;

  if (member == NULL || JSON_NODE_HOLDS_NULL (member))
    return TRUE;
  array = JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;
  recipe->severities = 0;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 s;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_INT64 ||
          (s = json_node_get_int (element)) < 0 || s > 5)
        {
          array = NULL;
          break;
        }
      recipe->severities |= 1 << s;
    }
  if (array == NULL)
    {
      g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                           _("“severities” must be an array of numbers 0–5"));
      return FALSE;
    }
  return TRUE;
}

/* "include" and "exclude": sample keys, none in both. */
static gboolean
parse_overrides (JsonObject  *object,
                 DdRecipe    *recipe,
                 GError     **error)
{
  char **include = NULL, **exclude = NULL;
  guint n_include = 0, n_exclude = 0;

  if (!parse_strv (object, "include", TRUE, &include, &n_include, error))
    return FALSE;
  if (!parse_strv (object, "exclude", TRUE, &exclude, &n_exclude, error))
    {
      g_strfreev (include);
      return FALSE;
    }
  if (include)
    {
      dd_key_set_unref (recipe->include);
      recipe->include = dd_key_set_new_take (include, n_include);
    }
  if (exclude)
    {
      dd_key_set_unref (recipe->exclude);
      recipe->exclude = dd_key_set_new_take (exclude, n_exclude);
    }
  /* Both sorted: one merge walk finds a key in both. */
  for (guint i = 0, j = 0; i < recipe->include->n && j < recipe->exclude->n;)
    {
      int c = strcmp (recipe->include->keys[i], recipe->exclude->keys[j]);

      if (c == 0)
        {
          g_autofree char *echo = dd_text_echo (recipe->include->keys[i], DD_TEXT_ECHO_CHARS);

          g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                       _("Sample “%s” is both in “include” and in “exclude”"), echo);
          return FALSE;
        }
      if (c < 0)
        i++;
      else
        j++;
    }
  return TRUE;
}

static gboolean
parse_confidence (JsonObject  *object,
                  const char  *member,
                  double      *out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NAN;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                                       json_node_get_value_type (node) == G_TYPE_INT64))
    {
      *out = json_node_get_double (node);
      if (*out >= 0 && *out <= 1)
        return TRUE;
    }
  g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
               _("“model.%s” must be a number from 0 to 1"), member);
  return FALSE;
}

/* "model": {"run": NAME, "outcome": "correct"|"wrong", "confidence_min": x,
 * "confidence_max": y, "predicted": [classes]} */
static gboolean
parse_model (JsonObject  *object,
             DdRecipe    *recipe,
             GError     **error)
{
  static const char * const members[] = {
    "run", "outcome", "confidence_min", "confidence_max", "predicted", "highest_loss", NULL
  };
  JsonNode *node = json_object_get_member (object, "model");
  g_autoptr(DdModelClause) clause = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *model;
  JsonNode *run, *outcome;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                           _("“model” must be an object with a “run”"));
      return FALSE;
    }
  model = json_node_get_object (node);
  names = json_object_get_members (model);
  for (GList *l = names; l; l = l->next)
    if (!g_strv_contains (members, l->data))
      {
        g_autofree char *shown = g_utf8_make_valid (l->data, MIN (strlen (l->data), 40));

        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Unknown key “model.%s” (known: run, outcome, confidence_min, "
                       "confidence_max, predicted, highest_loss)"), shown);
        return FALSE;
      }
  run = json_object_get_member (model, "run");
  if (run == NULL || !JSON_NODE_HOLDS_VALUE (run) ||
      json_node_get_value_type (run) != G_TYPE_STRING ||
      !dd_model_check_run_name (json_node_get_string (run), NULL))
    {
      g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                           _("“model.run” must be the name of a run"));
      return FALSE;
    }
  clause = dd_model_clause_new (json_node_get_string (run));
  outcome = json_object_get_member (model, "outcome");
  if (outcome && !JSON_NODE_HOLDS_NULL (outcome) &&
      (!JSON_NODE_HOLDS_VALUE (outcome) || json_node_get_value_type (outcome) != G_TYPE_STRING ||
       !dd_model_outcome_from_string (json_node_get_string (outcome), &clause->outcome)))
    {
      g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                           _("“model.outcome” must be “correct” or “wrong”"));
      return FALSE;
    }
  if (!parse_confidence (model, "confidence_min", &clause->confidence_min, error) ||
      !parse_confidence (model, "confidence_max", &clause->confidence_max, error) ||
      !parse_strv (model, "predicted", FALSE, &clause->predicted, NULL, error))
    return FALSE;
  if (!isnan (clause->confidence_min) && !isnan (clause->confidence_max) &&
      clause->confidence_min > clause->confidence_max)
    {
      g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                           _("“model.confidence_min” is above “model.confidence_max”"));
      return FALSE;
    }
  if (clause->predicted && clause->predicted[0] == NULL)
    g_clear_pointer (&clause->predicted, g_strfreev);
  {
    guint64 n = 0;

    if (!parse_uint (model, "highest_loss", 1, G_MAXUINT32, &n, error))
      return FALSE;
    clause->highest_loss = n;
  }
  recipe->model = g_steal_pointer (&clause);
  return TRUE;
}

DdRecipe *
dd_recipe_new_from_node (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(DdRecipe) recipe = NULL;
  JsonObject *object;
  guint64 value;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                           _("A recipe must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!check_version (object, error) || !check_keys (object, error))
    return NULL;

  recipe = dd_recipe_new ();
  if (!parse_strv (object, "classes", FALSE, &recipe->classes, NULL, error) ||
      !parse_strv (object, "corruptions", FALSE, &recipe->corruptions, NULL, error) ||
      !parse_strv (object, "splits", FALSE, &recipe->splits, NULL, error) ||
      !parse_strv (object, "exclude_flags", FALSE, &recipe->exclude_flags, NULL, error))
    return NULL;
  if (recipe->exclude_flags && recipe->exclude_flags[0] == NULL)
    g_clear_pointer (&recipe->exclude_flags, g_strfreev);
  if (!parse_severities (object, recipe, error))
    return NULL;

  value = 0;
  /* 0 used to mean "no limit" silently: absent says that */
  if (!parse_uint (object, "per_class_limit", 1, G_MAXUINT32, &value, error))
    return NULL;
  recipe->per_class_limit = value;
  value = 0;
  if (!parse_uint (object, "seed", 0, G_MAXINT64, &value, error))
    return NULL;
  recipe->seed = value;
  if (!parse_overrides (object, recipe, error) || !parse_model (object, recipe, error))
    return NULL;
  return g_steal_pointer (&recipe);
}

/* Parses @text; @display (a file name for messages) may be NULL. */
static DdRecipe *
recipe_from_text (const char  *text,
                  gssize       length,
                  const char  *display,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  DdRecipe *recipe;
  JsonNode *root;

  /* json-glib's parser recurses per level: "[[[[…" would overflow the stack */
  if (!dd_json_guard_check (text, length, DD_RECIPE_MAX_DEPTH, DD_RECIPE_MAX_BYTES,
                            &local_error))
    {
      if (display)
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Recipe “%s” is refused: %s"), display, local_error->message);
      else
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("The recipe is refused: %s"), local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      /* json-glib quotes the token it stopped at, decoded: "\ud800" makes it not UTF-8 */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);
      /* json-glib names the place <data>:LINE:COL; name the file instead. */
      const char *tag = display ? strstr (reason, "<data>") : NULL;
      g_autofree char *where = NULL;

      if (tag)
        {
          g_autofree char *head = g_strndup (reason, tag - reason);
          where = g_strconcat (head, display, tag + strlen ("<data>"), NULL);
        }
      if (display)
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Recipe “%s” is not valid JSON: %s"), display, where ? where : reason);
      else
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("The recipe is not valid JSON: %s"), reason);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      if (display)
        g_set_error (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                     _("Recipe “%s” is empty"), display);
      else
        g_set_error_literal (error, DD_RECIPE_ERROR, DD_RECIPE_ERROR_INVALID,
                             _("The recipe is empty"));
      return NULL;
    }
  recipe = dd_recipe_new_from_node (root, display ? &local_error : error);
  if (recipe == NULL && display)
    g_set_error (error, local_error->domain, local_error->code,
                 _("Recipe “%s”: %s"), display, local_error->message);
  return recipe;
}

DdRecipe *
dd_recipe_new_from_json (const char  *text,
                         gssize       length,
                         GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  return recipe_from_text (text, length, NULL, error);
}

DdRecipe *
dd_recipe_new_from_file (const char  *path,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  /* a regular file or a pipe (a shell's <(…)), never a device or a FIFO that blocks;
   * never more than a recipe can be */
  if (!dd_safe_file_get_contents (path, DD_RECIPE_MAX_BYTES, TRUE, &text, &length,
                                  &local_error))
    {
      g_set_error (error, DD_RECIPE_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                     ? DD_RECIPE_ERROR_NOT_FOUND
                     : g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE) ||
                       g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE)
                       ? DD_RECIPE_ERROR_INVALID : DD_RECIPE_ERROR_IO,
                   _("Cannot read recipe “%s”: %s"), display, local_error->message);
      return NULL;
    }
  return recipe_from_text (text, length, display, error);
}
