/* The prompt engine's offline interpreter and the validation of LLM replies: both end
 * in a recipe checked against the catalog's vocabulary. */
#define G_LOG_DOMAIN "datadive-prompt"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "dd-prompt-private.h"

G_DEFINE_QUARK (dd-prompt-error-quark, dd_prompt_error)

void
dd_proposal_free (DdProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_clear_pointer (&proposal->recipe, dd_recipe_unref);
  g_free (proposal->explanation);
  g_clear_pointer (&proposal->unplaced, g_ptr_array_unref);
  g_clear_pointer (&proposal->corrections, g_ptr_array_unref);
  g_free (proposal->engine);
  g_free (proposal->fallback);
  g_free (proposal);
}

void
dd_prompt_settings_from_env (DdPromptSettings *settings)
{
  const char *v;

  if (!settings->endpoint && (v = g_getenv ("OPENAI_BASE_URL")) && *v)
    settings->endpoint = g_strdup (v);
  if (!settings->api_key && (v = g_getenv ("OPENAI_API_KEY")) && *v)
    settings->api_key = g_strdup (v);
  if (!settings->model && (v = g_getenv ("DATADIVE_LLM_MODEL")) && *v)
    settings->model = g_strdup (v);
}

void
dd_prompt_settings_clear (DdPromptSettings *settings)
{
  g_clear_pointer (&settings->endpoint, g_free);
  g_clear_pointer (&settings->model, g_free);
  if (settings->api_key)
    {
      memset (settings->api_key, 0, strlen (settings->api_key));
      g_clear_pointer (&settings->api_key, g_free);
    }
}

/* ---- the recipe a sentence proposes: one step per field ---------------------------------- */

static int
cmp_str (gconstpointer a,
         gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
null_terminate (GPtrArray *array)
{
  g_ptr_array_sort (array, cmp_str);
  g_ptr_array_add (array, NULL);
}

static void
replace (DdRecipe **recipe,
         DdRecipe  *next)
{
  dd_recipe_unref (*recipe);
  *recipe = next;
}

static void
say (GString    *explanation,
     const char *part)
{
  g_string_append_printf (explanation, "%s%s", explanation->len ? "; " : "", part);
}

/* Keys of @pos not in @neg, or, when nothing is named, every one of @all but @neg. */
static GPtrArray *
set_minus (GHashTable *pos,
           GHashTable *neg,
           GPtrArray  *all)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (pos) == 0)
    {
      for (guint i = 0; i < all->len; i++)
        if (!g_hash_table_contains (neg, all->pdata[i]))
          g_ptr_array_add (out, g_strdup (all->pdata[i]));
      return out;
    }
  g_hash_table_iter_init (&iter, pos);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (((char *) key)[0] != '@' && !g_hash_table_contains (neg, key))
      g_ptr_array_add (out, g_strdup (key));
  return out;
}

static void
apply_classes (DdRecipe      **recipe,
               DdPromptVocab  *v,
               DdPromptParse  *p,
               GString        *explanation)
{
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GString) part = g_string_new (NULL);

  if (g_hash_table_size (p->class_pos) == 0 && g_hash_table_size (p->class_neg) == 0)
    return;
  classes = set_minus (p->class_pos, p->class_neg, dd_prompt_vocab_all_classes (v));
  g_string_append_printf (part, g_dngettext (GETTEXT_PACKAGE, "%u class", "%u classes",
                                             classes->len), classes->len);
  if (p->said->len)
    {
      g_string_append (part, " (");
      for (guint i = 0; i < MIN (p->said->len, 4u); i++)
        g_string_append_printf (part, "%s%s", i ? ", " : "", (char *) p->said->pdata[i]);
      g_string_append (part, p->said->len > 4 ? ", …)" : ")");
    }
  say (explanation, part->str);
  null_terminate (classes);
  replace (recipe, dd_recipe_with_classes (*recipe, (const char * const *) classes->pdata));
}

/* Corruptions and clean images: "no corruption" is clean only, "any corruption" (or
 * "corrupted") is every corruption without clean ones, "everything except fog" keeps
 * the clean images. */
static void
apply_corruptions (DdRecipe      **recipe,
                   DdPromptVocab  *v,
                   DdPromptParse  *p,
                   GString        *explanation)
{
  gboolean named = g_hash_table_size (p->corr_pos) > 0;
  gboolean excluded = g_hash_table_size (p->corr_neg) > 0;
  g_autoptr(GPtrArray) corr = NULL;
  gboolean clean;

  if (!named && !excluded && !p->clean && !p->corrupted)
    return;
  if (named || excluded || p->corrupted)
    corr = set_minus (p->corr_pos, p->corr_neg, dd_prompt_vocab_corruptions (v));
  else
    corr = g_ptr_array_new_with_free_func (g_free);
  clean = p->clean ||
          (!p->corrupted && !named && excluded && (p->sev_pos == 0 || (p->sev_pos & 1)));
  if (corr->len > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u corruption",
                                                            "%u corruptions", corr->len),
                                               corr->len);
      say (explanation, part);
    }
  if (clean)
    {
      say (explanation, _("clean images"));
      g_ptr_array_add (corr, g_strdup ("none"));
    }
  null_terminate (corr);
  replace (recipe, dd_recipe_with_corruptions (*recipe, (const char * const *) corr->pdata));
}

static void
apply_severities (DdRecipe      **recipe,
                  DdPromptParse  *p,
                  GString        *explanation)
{
  gboolean named = g_hash_table_size (p->corr_pos) > 0;
  g_autoptr(GString) part = g_string_new (_("severities"));
  int sev = -1;

  if (p->sev_pos || p->sev_neg)
    {
      sev = (p->sev_pos ? p->sev_pos : 0x3e) & ~p->sev_neg;
      /* "all severities except 1" keeps the clean images (severity 0) */
      if (p->clean || (p->sev_pos == 0 && !p->corrupted))
        sev |= 1;
    }
  else if (p->clean && !p->corrupted && !named)
    sev = 0x1;
  else if (p->corrupted && !p->clean)
    sev = 0x3e;
  if (sev < 0)
    return;
  for (int k = 0; k <= 5; k++)
    if (sev & (1 << k))
      g_string_append_printf (part, "%s%d", part->str[part->len - 1] == 's' ? " " : ", ", k);
  say (explanation, part->str);
  replace (recipe, dd_recipe_with_severities (*recipe, sev));
}

static void
apply_splits (DdRecipe      **recipe,
              DdPromptVocab  *v,
              DdPromptParse  *p,
              GString        *explanation)
{
  g_autoptr(GPtrArray) splits = NULL;
  g_autoptr(GString) part = g_string_new (NULL);

  if (g_hash_table_size (p->split_pos) == 0 && g_hash_table_size (p->split_neg) == 0)
    return;
  splits = set_minus (p->split_pos, p->split_neg, dd_prompt_vocab_splits (v));
  null_terminate (splits);
  for (guint i = 0; splits->pdata[i]; i++)
    g_string_append_printf (part, "%s%s", i ? ", " : "", (char *) splits->pdata[i]);
  say (explanation, part->str);
  replace (recipe, dd_recipe_with_splits (*recipe, (const char * const *) splits->pdata));
}

static void
apply_flags_and_quota (DdRecipe      **recipe,
                       DdPromptParse  *p,
                       GString        *explanation)
{
  if (p->flags)
    {
      g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func (g_free);
      const char * const *old = dd_recipe_get_exclude_flags (*recipe);

      for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
        if ((p->flags & DD_HEALTH_FLAG (k)) ||
            (old && g_strv_contains (old, dd_health_kind_to_string (k))))
          g_ptr_array_add (flags, g_strdup (dd_health_kind_to_string (k)));
      say (explanation, _("without flagged samples"));
      null_terminate (flags);
      replace (recipe, dd_recipe_with_exclude_flags (*recipe, (const char * const *) flags->pdata));
    }
  if (p->quota || p->seed_set)
    {
      replace (recipe, dd_recipe_with_quota (*recipe,
                                             p->quota ? p->quota : dd_recipe_get_per_class_limit (*recipe),
                                             p->seed_set ? p->seed : dd_recipe_get_seed (*recipe)));
      if (p->quota)
        {
          g_autofree char *part = g_strdup_printf ("%u %s", p->quota, _("per class"));
          say (explanation, part);
        }
    }
}

DdProposal *
dd_prompt_interpret (DdCatalog   *catalog,
                     const char  *text,
                     DdRecipe    *current,
                     GError     **error)
{
  g_autoptr(DdPromptVocab) v = NULL;
  g_autoptr(DdRecipe) recipe = NULL;
  g_autoptr(GString) explanation = g_string_new (NULL);
  DdProposal *proposal;
  DdPromptParse p;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  v = dd_prompt_vocab_get (catalog);
  recipe = current ? dd_recipe_ref (current) : dd_recipe_new ();
  dd_prompt_parse (v, text, &p);
  apply_classes (&recipe, v, &p, explanation);
  apply_corruptions (&recipe, v, &p, explanation);
  apply_severities (&recipe, &p, explanation);
  apply_splits (&recipe, v, &p, explanation);
  apply_flags_and_quota (&recipe, &p, explanation);
  if (p.understood == 0)
    {
      /* one line, and the recipe as it was */
      g_string_assign (explanation, _("Nothing in the sentence changes the subset"));
      g_clear_pointer (&recipe, dd_recipe_unref);
      recipe = current ? dd_recipe_ref (current) : dd_recipe_new ();
    }

  proposal = g_new0 (DdProposal, 1);
  proposal->recipe = g_steal_pointer (&recipe);
  proposal->engine = g_strdup ("offline");
  proposal->unplaced = g_steal_pointer (&p.unplaced);
  proposal->corrections = g_steal_pointer (&p.corrections);
  if (proposal->corrections->len)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *part = NULL;

      /* "gausian → gaussian_noise": a misspelling is corrected openly */
      for (guint i = 0; i < proposal->corrections->len; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", (char *) proposal->corrections->pdata[i]);
      part = g_strdup_printf (_("corrected: %s"), list->str);
      say (explanation, part);
    }
  proposal->explanation = g_string_free (g_steal_pointer (&explanation), FALSE);
  dd_prompt_parse_clear (&p);
  (void) error;
  return proposal;
}

/* ---- replies of a model ------------------------------------------------------------- */

/* The first complete JSON object in @content: bare, in prose or in a code fence. */
static char *
extract_object (const char *content)
{
  const char *start = strchr (content, '{');
  int depth = 0;
  gboolean in_string = FALSE, escaped = FALSE;

  if (start == NULL)
    return NULL;
  for (const char *p = start; *p; p++)
    {
      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (*p == '\\')
            escaped = TRUE;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (*p == '"')
        in_string = TRUE;
      else if (*p == '{')
        depth++;
      else if (*p == '}' && --depth == 0)
        return g_strndup (start, p - start + 1);
    }
  return g_strdup (start);   /* unbalanced: let the parser say what is wrong */
}

static gboolean
string_list (JsonObject  *o,
             const char  *member,
             GPtrArray  **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (o, member);
  JsonArray *array;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (*out, g_strdup (json_node_get_string (node)));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto wrong;
  array = json_node_get_array (node);
  *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        {
          g_clear_pointer (out, g_ptr_array_unref);
          goto wrong;
        }
      g_ptr_array_add (*out, g_strdup (json_node_get_string (e)));
    }
  return TRUE;

wrong:
  g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_BAD_REPLY,
               _("The model's proposal is not usable: “%s” should be a list of names"), member);
  return FALSE;
}

DdProposal *
dd_prompt_parse_reply (DdCatalog   *catalog,
                       const char  *content,
                       DdRecipe    *current,
                       GError     **error)
{
  g_autofree char *object = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(DdRecipe) recipe = current ? dd_recipe_ref (current) : dd_recipe_new ();
  g_autoptr(GPtrArray) unplaced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(DdFilter) scratch = dd_filter_new ();
  JsonObject *o;
  DdProposal *proposal;
  gboolean any = FALSE;
  const char *explanation = NULL;

  if (content == NULL || !(object = extract_object (content)))
    {
      const char *text = content ? content : "";
      g_autofree char *start = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 80));
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_REFUSED,
                   _("The model answered without a proposal: “%s”"), g_strstrip (start));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, object, -1, &local))
    {
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_NOT_JSON,
                   _("The model's reply is not valid JSON (%s)"), local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_BAD_REPLY,
                   _("The model's reply is JSON but not an object"));
      return NULL;
    }
  o = json_node_get_object (json_parser_get_root (parser));

  if (!string_list (o, "classes", &list, error))
    return NULL;
  if (list)
    {
      g_autoptr(GPtrArray) wnids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
      DdRecipe *next;

      for (guint i = 0; i < list->len; i++)
        {
          guint id = dd_catalog_lookup_class (catalog, list->pdata[i]);
          if (id == 0)
            {
              g_ptr_array_add (unplaced, g_strdup (list->pdata[i]));
              continue;
            }
          for (guint k = 0; k < classes->len; k++)
            if (((DdClassInfo *) classes->pdata[k])->id == id)
              g_ptr_array_add (wnids, g_strdup (((DdClassInfo *) classes->pdata[k])->wnid));
        }
      null_terminate (wnids);
      next = dd_recipe_with_classes (recipe, (const char * const *) wnids->pdata);
      dd_recipe_unref (recipe);
      recipe = next;
      any = TRUE;
      g_clear_pointer (&list, g_ptr_array_unref);
    }
  if (!string_list (o, "corruptions", &list, error))
    return NULL;
  if (list)
    {
      g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
      DdRecipe *next;

      for (guint i = 0; i < list->len; i++)
        {
          g_autofree char *name = g_strdelimit (g_ascii_strdown (list->pdata[i], -1), " -", '_');
          g_autoptr(GError) unknown = NULL;

          if (g_strcmp0 (name, "clean") == 0)
            g_free (g_steal_pointer (&name)), name = g_strdup ("none");
          if (dd_catalog_filter_add_corruption_name (catalog, scratch, name, &unknown))
            g_ptr_array_add (kept, g_steal_pointer (&name));
          else
            g_ptr_array_add (unplaced, g_strdup (list->pdata[i]));
        }
      null_terminate (kept);
      next = dd_recipe_with_corruptions (recipe, (const char * const *) kept->pdata);
      dd_recipe_unref (recipe);
      recipe = next;
      any = TRUE;
      g_clear_pointer (&list, g_ptr_array_unref);
    }
  if (json_object_has_member (o, "severities") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (o, "severities")))
    {
      JsonNode *node = json_object_get_member (o, "severities");
      int mask = 0;
      DdRecipe *next;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        goto bad_severities;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        {
          JsonNode *e = json_array_get_element (json_node_get_array (node), i);
          gint64 s;

          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_INT64)
            s = json_node_get_int (e);
          else if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
                   g_ascii_string_to_signed (json_node_get_string (e), 10, 0, 5, &s, NULL))
            ;
          else
            goto bad_severities;
          if (s < 0 || s > 5)
            goto bad_severities;
          mask |= 1 << s;
        }
      next = dd_recipe_with_severities (recipe, mask);
      dd_recipe_unref (recipe);
      recipe = next;
      any = TRUE;
    }
  if (!string_list (o, "splits", &list, error))
    return NULL;
  if (list)
    {
      g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
      DdRecipe *next;

      for (guint i = 0; i < list->len; i++)
        {
          g_autofree char *name = g_ascii_strdown (list->pdata[i], -1);
          if (g_strcmp0 (name, "validation") == 0)
            g_free (g_steal_pointer (&name)), name = g_strdup ("val");
          if (dd_catalog_lookup_split (catalog, name) != G_MAXUINT ||
              g_strcmp0 (name, "train") == 0 || g_strcmp0 (name, "val") == 0 ||
              g_strcmp0 (name, "test") == 0)
            g_ptr_array_add (kept, g_steal_pointer (&name));
          else
            g_ptr_array_add (unplaced, g_strdup (list->pdata[i]));
        }
      null_terminate (kept);
      next = dd_recipe_with_splits (recipe, (const char * const *) kept->pdata);
      dd_recipe_unref (recipe);
      recipe = next;
      any = TRUE;
      g_clear_pointer (&list, g_ptr_array_unref);
    }
  if (!string_list (o, "exclude_flags", &list, error))
    return NULL;
  if (list)
    {
      g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
      DdRecipe *next;

      for (guint i = 0; i < list->len; i++)
        if (dd_health_kind_from_string (list->pdata[i], NULL))
          g_ptr_array_add (kept, g_strdup (list->pdata[i]));
        else
          g_ptr_array_add (unplaced, g_strdup (list->pdata[i]));
      null_terminate (kept);
      next = dd_recipe_with_exclude_flags (recipe, (const char * const *) kept->pdata);
      dd_recipe_unref (recipe);
      recipe = next;
      any = TRUE;
    }
  if (json_object_has_member (o, "per_class_limit") || json_object_has_member (o, "seed"))
    {
      JsonNode *limit = json_object_get_member (o, "per_class_limit");
      JsonNode *seed = json_object_get_member (o, "seed");
      gint64 l = dd_recipe_get_per_class_limit (recipe), s = dd_recipe_get_seed (recipe);
      DdRecipe *next;

      if (limit && !JSON_NODE_HOLDS_NULL (limit))
        {
          if (!JSON_NODE_HOLDS_VALUE (limit) || json_node_get_value_type (limit) != G_TYPE_INT64 ||
              (l = json_node_get_int (limit)) < 0)
            {
              g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_BAD_REPLY,
                           _("The model's proposal is not usable: “per_class_limit” should be a positive number"));
              return NULL;
            }
        }
      if (seed && JSON_NODE_HOLDS_VALUE (seed) && json_node_get_value_type (seed) == G_TYPE_INT64)
        s = json_node_get_int (seed);
      next = dd_recipe_with_quota (recipe, l, s);
      dd_recipe_unref (recipe);
      recipe = next;
      any = TRUE;
    }
  if (json_object_has_member (o, "explanation") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "explanation")) &&
      json_node_get_value_type (json_object_get_member (o, "explanation")) == G_TYPE_STRING)
    explanation = json_object_get_string_member (o, "explanation");
  if (!any)
    {
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_BAD_REPLY,
                   _("The model's JSON has none of the recipe's keys (classes, corruptions, "
                     "severities, splits, exclude_flags, per_class_limit)"));
      return NULL;
    }

  proposal = g_new0 (DdProposal, 1);
  proposal->recipe = g_steal_pointer (&recipe);
  proposal->explanation = g_strdup (explanation ? explanation : _("Proposed by the model"));
  proposal->unplaced = g_steal_pointer (&unplaced);
  return proposal;

bad_severities:
  g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_BAD_REPLY,
               _("The model's proposal is not usable: “severities” should be a list of numbers 0–5"));
  return NULL;
}
