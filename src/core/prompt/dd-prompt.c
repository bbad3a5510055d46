/* The prompt engine's proposals: the recipe the offline interpreter's reading of a
 * sentence makes (one step per field), and an LLM's reply read through the same
 * vocabulary. */
#define G_LOG_DOMAIN "datadive-prompt"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "dd-json-guard.h"
#include "dd-text.h"
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
  g_strfreev (proposal->kept);
  g_free (proposal);
}

/* The rules a sentence (or a model's reply) can set, as bits. */
enum {
  SET_CLASSES = 1 << 0,
  SET_CORRUPTIONS = 1 << 1,
  SET_SEVERITIES = 1 << 2,
  SET_SPLITS = 1 << 3,
  SET_FLAGS = 1 << 4,
  SET_QUOTA = 1 << 5,
};

/* The rules of @current that keep something from everything (not "all") and that the
 * proposal did not set, so it keeps them as they are: "kept: 12 classes from your
 * current subset". */
static char **
kept_rules (DdRecipe *current,
            guint     set)
{
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  if (current == NULL)
    return g_strv_builder_end (kept);
  if (!(set & SET_CLASSES) && dd_recipe_get_classes (current))
    g_strv_builder_add (kept, "classes");
  if (!(set & SET_CORRUPTIONS) && dd_recipe_get_corruptions (current))
    g_strv_builder_add (kept, "corruptions");
  if (!(set & SET_SEVERITIES) && dd_recipe_get_severity_mask (current) >= 0)
    g_strv_builder_add (kept, "severities");
  if (!(set & SET_SPLITS) && dd_recipe_get_splits (current))
    g_strv_builder_add (kept, "splits");
  if (!(set & SET_FLAGS) && dd_recipe_get_exclude_flags (current))
    g_strv_builder_add (kept, "exclude_flags");
  if (!(set & SET_QUOTA) && dd_recipe_get_per_class_limit (current) > 0)
    g_strv_builder_add (kept, "per_class_limit");
  /* no sentence names samples: those excluded or included by hand are always kept */
  if (dd_recipe_get_n_exclude (current) > 0)
    g_strv_builder_add (kept, "exclude");
  if (dd_recipe_get_n_include (current) > 0)
    g_strv_builder_add (kept, "include");
  return g_strv_builder_end (kept);
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

char *
dd_prompt_severity_text (int mask)
{
  GString *s;

  if (mask < 0)
    return g_strdup (_("all"));
  s = g_string_new (NULL);
  for (int k = 0; k <= 5; k++)
    if (mask & (1 << k))
      g_string_append_printf (s, "%s%d", s->len ? ", " : "", k);
  return g_string_free (s, FALSE);
}

/* ---- the recipe a sentence proposes: one step per field ---------------------------------- */

static void
null_terminate (GPtrArray *array)
{
  g_ptr_array_sort (array, dd_compare_strings);
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

static gboolean
apply_classes (DdRecipe      **recipe,
               DdPromptVocab  *v,
               DdPromptParse  *p,
               GString        *explanation)
{
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GString) part = g_string_new (NULL);

  if (g_hash_table_size (p->class_pos) == 0 && g_hash_table_size (p->class_neg) == 0)
    return FALSE;
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
  /* "everything except goldfish" takes one class out of all: the samples without a
   * label stay, as when a class is unchecked in the Medium tab */
  if (g_hash_table_size (p->class_pos) == 0)
    g_ptr_array_add (classes, g_strdup (DD_RECIPE_UNLABELED));
  null_terminate (classes);
  replace (recipe, dd_recipe_with_classes (*recipe, (const char * const *) classes->pdata));
  return TRUE;
}

/* Corruptions and clean images: "no corruption" is clean only, "any corruption" (or
 * "corrupted") is every corruption without clean ones, "everything except fog" keeps
 * the clean images. */
static gboolean
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
    return FALSE;
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
  return TRUE;
}

static gboolean
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
      if (p->clean || (p->sev_pos == 0 && !p->corrupted && !(p->sev_neg & 1)))
        sev |= 1;
    }
  else if (p->clean && !p->corrupted && !named)
    sev = 0x1;
  else if (p->corrupted && !p->clean)
    sev = 0x3e;
  if (sev < 0)
    return FALSE;
  /* "severity 5", "severities 4–5", "clean, severities 4–5": as the window says them */
  {
    g_autofree char *words = dd_format_severities (sev);

    if (words)
      g_string_assign (part, words);
    else
      for (int k = 0, n = 0; k <= 5; k++)
        if (sev & (1 << k))
          g_string_append_printf (part, "%s%d", n++ == 0 ? " " : ", ", k);
  }
  say (explanation, part->str);
  replace (recipe, dd_recipe_with_severities (*recipe, sev));
  return TRUE;
}

static gboolean
apply_splits (DdRecipe      **recipe,
              DdPromptVocab  *v,
              DdPromptParse  *p,
              GString        *explanation)
{
  g_autoptr(GPtrArray) splits = NULL;
  g_autoptr(GString) part = g_string_new (NULL);

  if (g_hash_table_size (p->split_pos) == 0 && g_hash_table_size (p->split_neg) == 0)
    return FALSE;
  splits = set_minus (p->split_pos, p->split_neg, dd_prompt_vocab_splits (v));
  null_terminate (splits);
  for (guint i = 0; splits->pdata[i]; i++)
    g_string_append_printf (part, "%s%s", i ? ", " : "", (char *) splits->pdata[i]);
  say (explanation, part->str);
  replace (recipe, dd_recipe_with_splits (*recipe, (const char * const *) splits->pdata));
  return TRUE;
}

static guint
apply_flags_and_quota (DdRecipe      **recipe,
                       DdPromptParse  *p,
                       GString        *explanation)
{
  guint set = 0;

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
      set |= SET_FLAGS;
    }
  if (p->quota || p->seed_set)
    {
      set |= SET_QUOTA;
      replace (recipe, dd_recipe_with_quota (*recipe,
                                             p->quota ? p->quota : dd_recipe_get_per_class_limit (*recipe),
                                             p->seed_set ? p->seed : dd_recipe_get_seed (*recipe)));
      if (p->quota)
        {
          g_autofree char *part = g_strdup_printf ("%u %s", p->quota, _("per class"));
          say (explanation, part);
        }
      if (p->seed_set)
        {
          g_autofree char *part = g_strdup_printf ("%s %" G_GUINT64_FORMAT, _("seed"), p->seed);
          say (explanation, part);
        }
    }
  return set;
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
  guint set = 0;

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  v = dd_prompt_vocab_get (catalog);
  recipe = current ? dd_recipe_ref (current) : dd_recipe_new ();
  dd_prompt_parse (v, text, &p);
  set |= apply_classes (&recipe, v, &p, explanation) ? SET_CLASSES : 0;
  set |= apply_corruptions (&recipe, v, &p, explanation) ? SET_CORRUPTIONS : 0;
  set |= apply_severities (&recipe, &p, explanation) ? SET_SEVERITIES : 0;
  set |= apply_splits (&recipe, v, &p, explanation) ? SET_SPLITS : 0;
  set |= apply_flags_and_quota (&recipe, &p, explanation);
  dd_prompt_apply_model (&recipe, catalog, &p, explanation);
  if (p.understood == 0)
    {
      set = 0;
      /* one line, and the recipe as it was */
      g_string_assign (explanation, _("Nothing in the sentence changes the subset"));
      g_clear_pointer (&recipe, dd_recipe_unref);
      recipe = current ? dd_recipe_ref (current) : dd_recipe_new ();
    }

  proposal = g_new0 (DdProposal, 1);
  proposal->recipe = g_steal_pointer (&recipe);
  proposal->engine = g_strdup ("offline");
  proposal->kept = kept_rules (current, set);
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

/* A model's reply is read through the offline vocabulary: each entry of each key is
 * resolved as the interpreter resolves a user's words (categories, plurals, synonyms,
 * misspellings, severity words, numbers as text); what stays unresolvable is dropped and
 * reported, never the whole proposal. */
typedef struct {
  DdPromptVocab *v;
  GPtrArray     *unplaced;
  GPtrArray     *corrections;
  guint          applied;    /* keys that changed the recipe */
  guint          set;        /* and which (SET_*) */
} Reply;

/* The entries of @member as text: a string, a number or a list of them. NULL when the
 * key is absent; an entry of another type is reported. @bad counts those. */
static GPtrArray *
entries_of (Reply       *r,
            JsonObject  *o,
            const char  *member,
            guint       *bad)
{
  JsonNode *node = json_object_get_member (o, member);
  g_autoptr(GList) elements = NULL;
  GPtrArray *out;

  *bad = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  out = g_ptr_array_new_with_free_func (g_free);
  if (JSON_NODE_HOLDS_ARRAY (node))
    elements = json_array_get_elements (json_node_get_array (node));
  else
    elements = g_list_prepend (NULL, node);
  for (GList *l = elements; l; l = l->next)
    {
      JsonNode *e = l->data;
      GType type = JSON_NODE_HOLDS_VALUE (e) ? json_node_get_value_type (e) : G_TYPE_INVALID;

      /* "\ud800" decodes to bytes that are not UTF-8 */
      if (type == G_TYPE_STRING)
        g_ptr_array_add (out, g_utf8_make_valid (json_node_get_string (e), -1));
      else if (type == G_TYPE_INT64)
        g_ptr_array_add (out, g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (e)));
      else if (type == G_TYPE_DOUBLE)
        g_ptr_array_add (out, g_strdup_printf ("%g", json_node_get_double (e)));
      else
        {
          g_autofree char *text = json_to_string (e, FALSE);
          g_autofree char *head = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 60));
          g_ptr_array_add (r->unplaced, g_strdup_printf ("%s: %s", member, head));
          (*bad)++;
        }
    }
  return out;
}

/* @entry read as a sentence (after @prefix, e.g. "severity "); FALSE when a word of it
 * stays unplaced or nothing is understood. */
static gboolean
read_entry (Reply         *r,
            const char    *prefix,
            const char    *entry,
            DdPromptParse *p)
{
  g_autofree char *text = g_strconcat (prefix, entry, NULL);

  dd_prompt_parse (r->v, text, p);
  if (p->unplaced->len > 0 || p->understood == 0)
    {
      g_ptr_array_add (r->unplaced, g_strdup (entry));
      return FALSE;
    }
  for (guint i = 0; i < p->corrections->len; i++)
    g_ptr_array_add (r->corrections, g_strdup (p->corrections->pdata[i]));
  return TRUE;
}

static void
add_all (GHashTable *set,
         GPtrArray  *items)
{
  g_autoptr(GPtrArray) copy = items;

  for (guint i = 0; i < copy->len; i++)
    g_hash_table_add (set, g_strdup (copy->pdata[i]));
}

/* The sorted keys of @set, NULL-terminated. */
static GPtrArray *
sorted_keys (GHashTable *set)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (out, g_strdup (key));
  null_terminate (out);
  return out;
}

/* How the entries of one member of a reply (a list of words or numbers) are read into
 * @acc, the member's set or mask: an entry taken as it is (optional), else read as a
 * sentence after @prefix and kept for what it says of the member. */
typedef struct {
  const char *member;
  const char *prefix;
  /* TRUE when @entry (which it may strip) was taken as it is */
  gboolean  (*literal) (char          *entry,
                        gpointer       acc);
  /* TRUE when @p, @entry read as a sentence, says something of the member */
  gboolean  (*take)    (Reply         *r,
                        DdPromptParse *p,
                        gpointer       acc);
  guint       set;     /* its SET_* bit */
} ReplyMember;

/* Reads @m's entries into @acc: TRUE when the recipe is to take them (the member is
 * there and some entry was placed, or it is an empty list); an entry that is understood
 * but says nothing of the member, or is not understood, is reported unplaced. */
static gboolean
read_member (Reply             *r,
             JsonObject        *o,
             const ReplyMember *m,
             gpointer           acc)
{
  guint bad;
  g_autoptr(GPtrArray) entries = entries_of (r, o, m->member, &bad);
  guint placed = 0;

  for (guint i = 0; entries && i < entries->len; i++)
    {
      char *entry = entries->pdata[i];
      DdPromptParse p;

      if (m->literal && m->literal (entry, acc))
        {
          placed++;
          continue;
        }
      if (read_entry (r, m->prefix, entry, &p) && m->take (r, &p, acc))
        placed++;
      else if (p.unplaced->len == 0 && p.understood > 0)
        g_ptr_array_add (r->unplaced, g_strdup (entry));   /* not of this member */
      dd_prompt_parse_clear (&p);
    }
  return entries != NULL && !(placed == 0 && entries->len + bad > 0);
}

static gboolean
class_literal (char     *entry,
               gpointer  set)
{
  if (g_ascii_strcasecmp (g_strstrip (entry), DD_RECIPE_UNLABELED) != 0 &&
      g_ascii_strcasecmp (entry, "unlabelled") != 0)
    return FALSE;
  g_hash_table_add (set, g_strdup (DD_RECIPE_UNLABELED));
  return TRUE;
}

static gboolean
class_take (Reply         *r,
            DdPromptParse *p,
            gpointer       set)
{
  if (!g_hash_table_size (p->class_pos) && !g_hash_table_size (p->class_neg))
    return FALSE;
  add_all (set, set_minus (p->class_pos, p->class_neg, dd_prompt_vocab_all_classes (r->v)));
  return TRUE;
}

static gboolean
corruption_literal (char     *entry,
                    gpointer  set)
{
  if (g_ascii_strcasecmp (entry, "none") != 0 && g_ascii_strcasecmp (entry, "clean") != 0)
    return FALSE;
  g_hash_table_add (set, g_strdup ("none"));
  return TRUE;
}

static gboolean
corruption_take (Reply         *r,
                 DdPromptParse *p,
                 gpointer       set)
{
  gboolean named = g_hash_table_size (p->corr_pos) || g_hash_table_size (p->corr_neg);

  if (!named && !p->corrupted && !p->clean)
    return FALSE;
  if (named || p->corrupted)
    add_all (set, set_minus (p->corr_pos, p->corr_neg, dd_prompt_vocab_corruptions (r->v)));
  if (p->clean)
    g_hash_table_add (set, g_strdup ("none"));
  return TRUE;
}

/* Numbers, numbers as text ("5"), ranges and words ("high", "4-5", "mildest"). */
static gboolean
severity_literal (char     *entry,
                  gpointer  mask)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (entry, 10, 0, 5, &n, NULL) &&
      g_ascii_strcasecmp (entry, "none") != 0 && g_ascii_strcasecmp (entry, "clean") != 0)
    return FALSE;
  *(int *) mask |= 1 << (g_ascii_isdigit (entry[0]) ? n : 0);
  return TRUE;
}

static gboolean
severity_take (Reply         *r,
               DdPromptParse *p,
               gpointer       mask)
{
  if (!p->sev_pos && !p->clean)
    return FALSE;
  *(int *) mask |= p->sev_pos | (p->clean ? 1 : 0);
  return TRUE;
}

static gboolean
split_take (Reply         *r,
            DdPromptParse *p,
            gpointer       set)
{
  if (!g_hash_table_size (p->split_pos) && !g_hash_table_size (p->split_neg))
    return FALSE;
  add_all (set, set_minus (p->split_pos, p->split_neg, dd_prompt_vocab_splits (r->v)));
  return TRUE;
}

/* Health kinds by name ("duplicate_conflict") or by word ("duplicates", "greyscale"). */
static gboolean
flag_literal (char     *entry,
              gpointer  flags)
{
  DdHealthKind kind;

  if (!dd_health_kind_from_string (entry, &kind))
    return FALSE;
  *(guint32 *) flags |= DD_HEALTH_FLAG (kind);
  return TRUE;
}

static gboolean
flag_take (Reply         *r,
           DdPromptParse *p,
           gpointer       flags)
{
  *(guint32 *) flags |= p->flags;
  return p->flags != 0;
}

static const ReplyMember class_member = {
  "classes", "", class_literal, class_take, SET_CLASSES
};
static const ReplyMember corruption_member = {
  "corruptions", "", corruption_literal, corruption_take, SET_CORRUPTIONS
};
static const ReplyMember severity_member = {
  "severities", "severity ", severity_literal, severity_take, SET_SEVERITIES
};
static const ReplyMember split_member = { "splits", "", NULL, split_take, SET_SPLITS };
static const ReplyMember flag_member = {
  "exclude_flags", "no ", flag_literal, flag_take, SET_FLAGS
};

/* A member whose entries make a set of names: the classes, corruptions or splits. */
static void
reply_set (Reply              *r,
           JsonObject         *o,
           const ReplyMember  *m,
           DdRecipe         *(*with) (DdRecipe           *recipe,
                                      const char * const *names),
           DdRecipe          **recipe)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = NULL;

  if (!read_member (r, o, m, set))
    return;
  names = sorted_keys (set);
  replace (recipe, with (*recipe, (const char * const *) names->pdata));
  r->applied++;
  r->set |= m->set;
}

static void
reply_severities (Reply      *r,
                  JsonObject *o,
                  DdRecipe  **recipe)
{
  int mask = 0;

  if (!read_member (r, o, &severity_member, &mask))
    return;
  replace (recipe, dd_recipe_with_severities (*recipe, mask));
  r->applied++;
  r->set |= severity_member.set;
}

static void
reply_flags (Reply      *r,
             JsonObject *o,
             DdRecipe  **recipe)
{
  g_autoptr(GPtrArray) kinds = NULL;
  guint32 mask = 0;

  if (!read_member (r, o, &flag_member, &mask))
    return;
  kinds = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    if (mask & DD_HEALTH_FLAG (k))
      g_ptr_array_add (kinds, g_strdup (dd_health_kind_to_string (k)));
  null_terminate (kinds);
  replace (recipe, dd_recipe_with_exclude_flags (*recipe, (const char * const *) kinds->pdata));
  r->applied++;
  r->set |= flag_member.set;
}

/* A count from a number or a number as text; FALSE (reported) otherwise. */
static gboolean
reply_count (Reply      *r,
             JsonObject *o,
             const char *member,
             guint64     max,
             guint64    *out)
{
  guint bad;
  g_autoptr(GPtrArray) entries = entries_of (r, o, member, &bad);

  if (entries == NULL || entries->len + bad == 0)
    return FALSE;
  if (entries->len == 1 && bad == 0 &&
      g_ascii_string_to_unsigned (g_strstrip (entries->pdata[0]), 10, 0, max, out, NULL))
    return TRUE;
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (r->unplaced, g_strdup_printf ("%s: %s", member, (char *) entries->pdata[i]));
  return FALSE;
}

static void
reply_quota (Reply      *r,
             JsonObject *o,
             DdRecipe  **recipe)
{
  guint64 limit = dd_recipe_get_per_class_limit (*recipe), seed = dd_recipe_get_seed (*recipe);
  gboolean has_limit = reply_count (r, o, "per_class_limit", G_MAXUINT, &limit);
  gboolean has_seed = reply_count (r, o, "seed", G_MAXUINT64, &seed);

  if (!has_limit && !has_seed)
    return;
  replace (recipe, dd_recipe_with_quota (*recipe, limit, seed));
  r->applied++;
  r->set |= SET_QUOTA;
}

static char *
reply_explanation (JsonObject *o,
                   GPtrArray  *corrections)
{
  JsonNode *node = json_object_get_member (o, "explanation");
  GString *s = g_string_new (NULL);

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = g_utf8_make_valid (json_node_get_string (node), -1);
      g_string_append (s, text);
    }
  else
    g_string_append (s, _("Proposed by the model"));
  if (corrections->len)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *part = NULL;

      for (guint i = 0; i < corrections->len; i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", (char *) corrections->pdata[i]);
      part = g_strdup_printf (_("corrected: %s"), list->str);
      g_string_append_printf (s, " (%s)", part);
    }
  return g_string_free (s, FALSE);
}

DdProposal *
dd_prompt_parse_reply (DdCatalog   *catalog,
                       const char  *content,
                       DdRecipe    *current,
                       GError     **error)
{
  static const char *keys[] = { "classes", "corruptions", "severities", "splits",
                                "exclude_flags", "per_class_limit", "seed", "model", NULL };
  g_autofree char *object = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(DdRecipe) recipe = current ? dd_recipe_ref (current) : dd_recipe_new ();
  g_autoptr(DdPromptVocab) v = NULL;
  Reply r = { 0 };
  JsonObject *o;
  DdProposal *proposal;
  gboolean has_keys = FALSE;

  if (content == NULL || !(object = extract_object (content)))
    {
      const char *text = content ? content : "";
      g_autofree char *start = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 80));

      if (*g_strstrip (start) == '\0')
        g_set_error_literal (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_REFUSED,
                             _("The model sent an empty answer"));
      else
        g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_REFUSED,
                     _("The model answered without a proposal: “%s”"), start);
      return NULL;
    }
  if (!dd_json_guard_check (object, -1, DD_LLM_REPLY_MAX_DEPTH, DD_LLM_REPLY_MAX_BYTES, &local) ||
      !json_parser_load_from_data (parser, object, -1, &local))
    {
      g_autofree char *reason = g_utf8_make_valid (local->message, -1);
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_NOT_JSON,
                   _("The model's reply is not valid JSON (%s)"), reason);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_BAD_REPLY,
                   _("The model's reply is JSON but not an object"));
      return NULL;
    }
  o = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; keys[i]; i++)
    has_keys |= json_object_has_member (o, keys[i]);
  if (!has_keys)
    {
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_BAD_REPLY,
                   _("The model's JSON has none of the recipe's keys (classes, corruptions, "
                     "severities, splits, exclude_flags, per_class_limit)"));
      return NULL;
    }

  v = dd_prompt_vocab_get (catalog);
  r.v = v;
  r.unplaced = g_ptr_array_new_with_free_func (g_free);
  r.corrections = g_ptr_array_new_with_free_func (g_free);
  reply_set (&r, o, &class_member, dd_recipe_with_classes, &recipe);
  reply_set (&r, o, &corruption_member, dd_recipe_with_corruptions, &recipe);
  reply_severities (&r, o, &recipe);
  reply_set (&r, o, &split_member, dd_recipe_with_splits, &recipe);
  reply_flags (&r, o, &recipe);
  reply_quota (&r, o, &recipe);
  if (dd_prompt_reply_model (catalog, o, &recipe, r.unplaced))
    r.applied++;
  if (r.applied == 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (r.unplaced, NULL);
      list = g_strjoinv (", ", (char **) r.unplaced->pdata);
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_BAD_REPLY,
                   _("Nothing in the model's proposal could be placed (%s)"), list);
      g_ptr_array_unref (r.unplaced);
      g_ptr_array_unref (r.corrections);
      return NULL;
    }

  proposal = g_new0 (DdProposal, 1);
  proposal->recipe = g_steal_pointer (&recipe);
  proposal->explanation = reply_explanation (o, r.corrections);
  proposal->unplaced = r.unplaced;
  proposal->corrections = r.corrections;
  proposal->kept = kept_rules (current, r.set);
  return proposal;
}
