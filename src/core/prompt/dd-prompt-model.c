/* The offline interpreter's clause about a model run: "misclassified dogs under fog",
 * "confident mistakes", "the 100 highest-loss images", "correctly classified cats".
 * The reader marks the words; the recipe gets a "model" clause on the run imported last
 * (none: the explanation says so and the subset stays as it was on that count). */
#define G_LOG_DOMAIN "datadive-prompt"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dd-model.h"
#include "dd-prompt-private.h"
#include "dd-recipe.h"

#define CONFIDENT 0.9      /* "confident mistakes": wrong with at least this confidence */
#define UNCONFIDENT 0.5    /* "unsure", "low confidence": at most this */
#define DEFAULT_TOP 100    /* "the highest-loss images" without a number */

static gboolean
is (DdPromptParse      *p,
    guint               i,
    const char * const *words)
{
  const char *t = dd_prompt_word (p, i);

  return t && g_strv_contains (words, t);
}

static guint
take (DdPromptParse *p,
      guint          i,
      guint          n)
{
  p->model_said = TRUE;
  p->understood++;
  return dd_prompt_mark (p, i, n);
}

static const char * const wrong_words[] = {
  "misclassified", "misclassification", "misclassifications", "mispredicted", "mistakes",
  "mistake", "wrong", "wrongly", "incorrect", "incorrectly", "misses", "failures", NULL
};
static const char * const right_words[] = {
  "correct", "correctly", "right", "rightly", NULL
};
static const char * const verbs[] = { "classified", "predicted", "labeled", "labelled", NULL };
static const char * const confident_words[] = {
  "confident", "confidently", "sure", "overconfident", NULL
};
static const char * const unsure_words[] = { "unconfident", "unsure", "uncertain", NULL };
static const char * const highest_words[] = {
  "highest", "largest", "biggest", "top", "worst", NULL
};
static const char * const loss_words[] = { "loss", "losses", NULL };
static const char * const model_words[] = {
  "model", "models", "classifier", "network", "predictions", "prediction", "classifications",
  NULL
};
/* "wrong size", "wrong format", "wrong label": health kinds, not a model's outcome */
static const char * const not_outcome[] = {
  "size", "sizes", "format", "formats", "type", "label", "labels", "class", "classes",
  "extension", "mode", "folder", NULL
};

/* "wrong[ly] [classified]", "correctly classified": an outcome at @i. */
static guint
read_outcome (DdPromptParse *p,
              guint          i)
{
  gboolean wrong = is (p, i, wrong_words);

  if ((!wrong && !is (p, i, right_words)) || is (p, i + 1, not_outcome))
    return 0;
  /* "correct" alone could be anything; "correctly", "right" + a verb, or "correct
   * predictions" say it */
  if (!wrong && !is (p, i + 1, verbs) && g_strcmp0 (dd_prompt_word (p, i), "correctly") != 0 &&
      !(g_strcmp0 (dd_prompt_word (p, i + 1), "predictions") == 0 ||
        g_strcmp0 (dd_prompt_word (p, i + 1), "classifications") == 0))
    return 0;
  p->model_outcome = wrong ? DD_MODEL_OUTCOME_WRONG : DD_MODEL_OUTCOME_CORRECT;
  return take (p, i, is (p, i + 1, verbs) ||
                     g_strcmp0 (dd_prompt_word (p, i + 1), "predictions") == 0 ||
                     g_strcmp0 (dd_prompt_word (p, i + 1), "classifications") == 0 ? 2 : 1);
}

/* "[the] [N] highest[-]loss", "top N by loss", "hardest": the N with the highest loss. */
static guint
read_highest_loss (DdPromptParse *p,
                   guint          i)
{
  guint k = i, n = DEFAULT_TOP;
  int number = dd_prompt_word (p, k) ? dd_prompt_number (dd_prompt_word (p, k)) : -1;

  if (number > 0)
    k++;
  if (g_strcmp0 (dd_prompt_word (p, k), "hardest") == 0)
    {
      p->model_highest_loss = number > 0 ? (guint) number : n;
      return take (p, i, k + 1 - i);
    }
  if (!is (p, k, highest_words))
    return 0;
  k++;
  if (number <= 0 && dd_prompt_word (p, k) && dd_prompt_number (dd_prompt_word (p, k)) > 0)
    number = dd_prompt_number (dd_prompt_word (p, k++));   /* "top 50 by loss" */
  if (g_strcmp0 (dd_prompt_word (p, k), "-") == 0)
    k++;
  if (g_strcmp0 (dd_prompt_word (p, k), "by") == 0)
    k++;
  if (!is (p, k, loss_words))
    return 0;
  p->model_highest_loss = number > 0 ? (guint) number : n;
  return take (p, i, k + 1 - i);
}

/* "confident mistakes", "confidently wrong", "high-confidence errors", "unsure". */
static guint
read_confidence (DdPromptParse *p,
                 guint          i)
{
  guint k = i;

  if (is (p, i, unsure_words) ||
      (g_strcmp0 (dd_prompt_word (p, i), "low") == 0 &&
       g_strcmp0 (dd_prompt_word (p, i + 1), "confidence") == 0))
    {
      p->model_unsure = TRUE;
      return take (p, i, is (p, i, unsure_words) ? 1 : 2);
    }
  if (g_strcmp0 (dd_prompt_word (p, k), "high") == 0 ||
      g_strcmp0 (dd_prompt_word (p, k), "highly") == 0)
    {
      k++;
      if (g_strcmp0 (dd_prompt_word (p, k), "-") == 0)
        k++;
      if (g_strcmp0 (dd_prompt_word (p, k), "confidence") != 0 && !is (p, k, confident_words))
        return 0;
    }
  else if (!is (p, k, confident_words))
    return 0;
  k++;
  p->model_confident = TRUE;
  /* "confident mistakes", "confidently wrong": the outcome with it */
  if (is (p, k, wrong_words) || g_strcmp0 (dd_prompt_word (p, k), "errors") == 0)
    {
      p->model_outcome = DD_MODEL_OUTCOME_WRONG;
      k++;
      if (is (p, k, verbs))
        k++;
    }
  return take (p, i, k - i);
}

guint
dd_prompt_read_model_early (DdPromptParse *p,
                            guint          i)
{
  guint used;

  /* before severities: "top", "highest" and "high" are severity words too */
  if ((used = read_confidence (p, i)) || (used = read_highest_loss (p, i)))
    return used;
  return 0;
}

guint
dd_prompt_read_model (DdPromptParse *p,
                      guint          i)
{
  guint used;

  /* after the vocabulary's phrases: "wrong size" is a health kind */
  if ((used = read_outcome (p, i)))
    return used;
  /* "by the model" once a model clause was read */
  if (p->model_said && is (p, i, model_words))
    {
      p->used[i] = TRUE;
      return 1;
    }
  return 0;
}

/* The name of the run imported last, or NULL (from the catalog's memory: no SQL). */
static char *
latest_run (DdCatalog *catalog)
{
  g_autoptr(GPtrArray) names = dd_catalog_list_run_names (catalog);

  return names->len ? g_strdup (g_ptr_array_index (names, names->len - 1)) : NULL;
}

gboolean
dd_prompt_reply_model (DdCatalog    *catalog,
                       JsonObject   *reply,
                       DdRecipe    **recipe,
                       GPtrArray    *unplaced)
{
  JsonNode *node = json_object_get_member (reply, "model");
  g_autoptr(JsonObject) wrapper = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DdRecipe) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = dd_catalog_list_run_names (catalog);
  JsonObject *model;
  DdRecipe *edited;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node) || names->len == 0)
    {
      g_ptr_array_add (unplaced, g_strdup ("model"));
      return FALSE;
    }
  /* without a run, or with one the catalog does not have: the run imported last */
  model = json_object_ref (json_node_get_object (node));
  if (!json_object_has_member (model, "run") ||
      !JSON_NODE_HOLDS_VALUE (json_object_get_member (model, "run")) ||
      !g_ptr_array_find_with_equal_func (names, json_object_get_string_member_with_default (
                                           model, "run", ""), g_str_equal, NULL))
    json_object_set_string_member (model, "run", g_ptr_array_index (names, names->len - 1));
  wrapper = json_object_new ();
  json_object_set_int_member (wrapper, "version", 1);
  json_object_set_object_member (wrapper, "model", model);
  root = json_node_init_object (json_node_alloc (), wrapper);
  if (!(parsed = dd_recipe_new_from_node (root, &error)))
    {
      g_ptr_array_add (unplaced, g_strdup_printf ("model (%s)", error->message));
      return FALSE;
    }
  edited = dd_recipe_with_model (*recipe, dd_recipe_get_model (parsed));
  dd_recipe_unref (*recipe);
  *recipe = edited;
  return TRUE;
}

void
dd_prompt_describe_model (DdCatalog *catalog,
                          GString   *out)
{
  g_autoptr(GPtrArray) names = dd_catalog_list_run_names (catalog);

  if (names->len == 0)
    return;
  g_string_append (out, "\nModel runs (oldest first): ");
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (names, i));
  g_string_append (out,
    ". Requests about a model's predictions take the key \"model\": {\"run\" (default: the "
    "last run), \"outcome\" (\"wrong\" for misclassified / mistakes / errors, \"correct\"), "
    "\"confidence_min\", \"confidence_max\" (0-1; confident mistakes = wrong with "
    "confidence_min 0.9; unsure = confidence_max 0.5), \"predicted\" (classes it was "
    "predicted as), \"highest_loss\" (N: the N highest-loss samples)}.");
}

void
dd_prompt_apply_model (DdRecipe      **recipe,
                       DdCatalog      *catalog,
                       DdPromptParse  *p,
                       GString        *explanation)
{
  g_autofree char *run = NULL;
  g_autoptr(DdModelClause) clause = NULL;
  g_autoptr(GString) part = g_string_new (NULL);
  DdRecipe *edited;

  if (!p->model_said)
    return;
  if (!(run = latest_run (catalog)))
    {
      g_string_append_printf (explanation, "%s%s", explanation->len ? "; " : "",
                              _("no model run to ask about predictions (import one with "
                                "“datadive-cli model import”)"));
      return;
    }
  clause = dd_model_clause_new (run);
  clause->outcome = p->model_outcome;
  if (p->model_confident)
    clause->confidence_min = CONFIDENT;
  if (p->model_unsure)
    clause->confidence_max = UNCONFIDENT;
  clause->highest_loss = p->model_highest_loss;
  if (clause->outcome == DD_MODEL_OUTCOME_WRONG)
    g_string_append_printf (part, _("misclassified by “%s”"), run);
  else if (clause->outcome == DD_MODEL_OUTCOME_CORRECT)
    g_string_append_printf (part, _("classified right by “%s”"), run);
  else
    g_string_append_printf (part, _("predicted by “%s”"), run);
  if (p->model_confident)
    g_string_append_printf (part, _(", confidence ≥ %.2f"), CONFIDENT);
  if (p->model_unsure)
    g_string_append_printf (part, _(", confidence ≤ %.2f"), UNCONFIDENT);
  if (p->model_highest_loss)
    g_string_append_printf (part, _(", the %u with the highest loss"), p->model_highest_loss);
  g_string_append_printf (explanation, "%s%s", explanation->len ? "; " : "", part->str);
  edited = dd_recipe_with_model (*recipe, clause);
  dd_recipe_unref (*recipe);
  *recipe = edited;
}
