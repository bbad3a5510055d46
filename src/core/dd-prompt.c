/* The prompt engine's offline interpreter and the validation of LLM replies: both end
 * in a recipe checked against the catalog's vocabulary. */
#define G_LOG_DOMAIN "datadive-prompt"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "dd-prompt.h"
#include "dd-taxonomy.h"
#include "dd-wordnet.h"

G_DEFINE_QUARK (dd-prompt-error-quark, dd_prompt_error)

void
dd_proposal_free (DdProposal *proposal)
{
  if (proposal == NULL)
    return;
  g_clear_pointer (&proposal->recipe, dd_recipe_unref);
  g_free (proposal->explanation);
  g_clear_pointer (&proposal->unplaced, g_ptr_array_unref);
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

/* ---- the vocabulary --------------------------------------------------------------- */

typedef struct {
  GHashTable *phrases;       /* phrase → GPtrArray of wnids (class or category) */
  GHashTable *phrase_label;  /* phrase → "dog (WordNet, 12 classes)" for explanations */
  GPtrArray  *all_wnids;
  GPtrArray  *corruptions;   /* present corruption names, "none" excluded */
  GHashTable *families;      /* corruption name → family */
  GPtrArray  *splits;
  guint       max_words;
} Vocab;

static void
vocab_free (Vocab *v)
{
  g_hash_table_unref (v->phrases);
  g_hash_table_unref (v->phrase_label);
  g_ptr_array_unref (v->all_wnids);
  g_ptr_array_unref (v->corruptions);
  g_hash_table_unref (v->families);
  g_ptr_array_unref (v->splits);
  g_free (v);
}

static char *
normalize (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);
  gboolean space = TRUE;

  for (const char *p = down; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '\'')
        {
          if (c != '\'')
            g_string_append_unichar (out, c);
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (out, ' ');
          space = TRUE;
        }
    }
  while (out->len && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
add_phrase (Vocab      *v,
            const char *phrase,
            const char *wnid,
            const char *label)
{
  g_autofree char *norm = normalize (phrase);
  GPtrArray *wnids;
  guint words = 1;

  if (*norm == '\0')
    return;
  for (const char *p = norm; *p; p++)
    if (*p == ' ')
      words++;
  v->max_words = MAX (v->max_words, words);
  wnids = g_hash_table_lookup (v->phrases, norm);
  if (wnids == NULL)
    {
      wnids = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (v->phrases, g_strdup (norm), wnids);
      g_hash_table_insert (v->phrase_label, g_strdup (norm), g_strdup (label));
    }
  for (guint i = 0; i < wnids->len; i++)
    if (g_strcmp0 (wnids->pdata[i], wnid) == 0)
      return;
  g_ptr_array_add (wnids, g_strdup (wnid));
}

static Vocab *
vocab_build (DdCatalog *catalog)
{
  Vocab *v = g_new0 (Vocab, 1);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (catalog);
  g_autoptr(GPtrArray) splits = dd_catalog_list_splits (catalog);
  g_autoptr(DdTaxonomy) tax = dd_taxonomy_new (catalog);
  DdWordnet *wn = dd_wordnet_get_default ();
  g_autoptr(GHashTable) synsets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_id = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key;

  v->phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  v->phrase_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  v->all_wnids = g_ptr_array_new_with_free_func (g_free);
  v->corruptions = g_ptr_array_new_with_free_func (g_free);
  v->families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  v->splits = g_ptr_array_new_with_free_func (g_free);

  /* Classes by each of their names. */
  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);
      g_auto(GStrv) names = g_strsplit (c->names ? c->names : c->name, ",", -1);

      g_ptr_array_add (v->all_wnids, g_strdup (c->wnid));
      g_hash_table_insert (by_id, GUINT_TO_POINTER (c->id), c);
      add_phrase (v, c->wnid, c->wnid, c->name);
      add_phrase (v, c->name, c->wnid, c->name);
      for (guint j = 0; names[j]; j++)
        add_phrase (v, g_strstrip (names[j]), c->wnid, c->name);
      /* Categories: every WordNet ancestor of a class, by each of its names. */
      {
        g_autoptr(GPtrArray) up = dd_taxonomy_get_ancestors (tax, c->wnid);
        for (guint j = 0; j < up->len; j++)
          g_hash_table_add (synsets, up->pdata[j]);
      }
    }
  g_hash_table_iter_init (&iter, synsets);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *wnid = key;
      g_autoptr(GArray) under = dd_taxonomy_get_classes_under (tax, wnid);
      g_auto(GStrv) names = wn ? dd_wordnet_get_names (wn, wnid) : NULL;
      g_autofree char *label = NULL;

      if (under == NULL || under->len == 0)
        continue;
      label = g_strdup_printf ("%s (%u %s)", dd_taxonomy_get_label (tax, wnid), under->len,
                               under->len == 1 ? "class" : "classes");
      for (guint j = 0; names && names[j]; j++)
        for (guint k = 0; k < under->len; k++)
          {
            DdClassInfo *c = g_hash_table_lookup (by_id, GUINT_TO_POINTER (g_array_index (under, guint, k)));
            g_autofree char *norm = NULL;
            GPtrArray *existing;

            if (c == NULL)
              continue;
            /* a class's own names win over the category of the same name */
            norm = normalize (names[j]);
            existing = g_hash_table_lookup (v->phrases, norm);
            if (existing && existing->len == 1 && under->len == 1 &&
                g_strcmp0 (existing->pdata[0], c->wnid) == 0)
              continue;
            add_phrase (v, names[j], c->wnid, label);
          }
    }

  for (guint i = 0; i < corruptions->len; i++)
    {
      DdCorruptionInfo *c = g_ptr_array_index (corruptions, i);
      if (c->id == 0)
        continue;
      g_ptr_array_add (v->corruptions, g_strdup (c->name));
      g_hash_table_insert (v->families, g_strdup (c->name), g_strdup (c->family));
    }
  for (guint i = 0; i < splits->len; i++)
    g_ptr_array_add (v->splits, g_strdup (((DdSplitInfo *) splits->pdata[i])->name));
  return v;
}

/* The vocabulary of a catalog, built once per catalog generation (the sentence
 * after the first costs only its parsing). */
typedef struct {
  gatomicrefcount ref;
  guint64         generation;
  Vocab          *vocab;
} VocabCache;

static GMutex vocab_lock;

static void
vocab_cache_unref (VocabCache *cache)
{
  if (cache && g_atomic_ref_count_dec (&cache->ref))
    {
      vocab_free (cache->vocab);
      g_free (cache);
    }
}

static VocabCache *
vocab_for (DdCatalog *catalog)
{
  guint64 generation = dd_catalog_get_generation (catalog);
  VocabCache *cache;

  g_mutex_lock (&vocab_lock);
  cache = g_object_get_data (G_OBJECT (catalog), "dd-prompt-vocab");
  if (cache == NULL || cache->generation != generation)
    {
      cache = g_new0 (VocabCache, 1);
      g_atomic_ref_count_init (&cache->ref);
      cache->generation = generation;
      cache->vocab = vocab_build (catalog);
      g_object_set_data_full (G_OBJECT (catalog), "dd-prompt-vocab", cache,
                              (GDestroyNotify) vocab_cache_unref);
    }
  /* the Vocab lives as long as the caller holds this reference */
  g_atomic_ref_count_inc (&cache->ref);
  g_mutex_unlock (&vocab_lock);
  return cache;
}

/* ---- the interpreter ------------------------------------------------------------ */

/* Everyday words for corruptions: a corruption name or a family name. */
static const struct { const char *phrase; const char *target; } corruption_words[] = {
  { "gaussian noise", "gaussian_noise" }, { "shot noise", "shot_noise" },
  { "poisson noise", "shot_noise" }, { "impulse noise", "impulse_noise" },
  { "salt and pepper", "impulse_noise" }, { "salt pepper", "impulse_noise" },
  { "speckle noise", "speckle_noise" }, { "speckle", "speckle_noise" },
  { "defocus blur", "defocus_blur" }, { "defocus", "defocus_blur" },
  { "out of focus", "defocus_blur" }, { "unfocused", "defocus_blur" },
  { "glass blur", "glass_blur" }, { "glass", "glass_blur" },
  { "motion blur", "motion_blur" }, { "motion", "motion_blur" }, { "shaky", "motion_blur" },
  { "zoom blur", "zoom_blur" }, { "zoom", "zoom_blur" },
  { "gaussian blur", "gaussian_blur" },
  { "snow", "snow" }, { "snowy", "snow" }, { "snowing", "snow" },
  { "frost", "frost" }, { "frosty", "frost" }, { "frosted", "frost" }, { "icy", "frost" },
  { "fog", "fog" }, { "foggy", "fog" }, { "haze", "fog" }, { "hazy", "fog" }, { "mist", "fog" },
  { "misty", "fog" },
  { "brightness", "brightness" }, { "bright", "brightness" }, { "brighter", "brightness" },
  { "overexposed", "brightness" }, { "dark", "brightness" }, { "darker", "brightness" },
  { "spatter", "spatter" }, { "splashes", "spatter" },
  { "contrast", "contrast" }, { "low contrast", "contrast" }, { "washed out", "contrast" },
  { "elastic transform", "elastic_transform" }, { "elastic", "elastic_transform" },
  { "warped", "elastic_transform" }, { "distorted", "elastic_transform" },
  { "pixelate", "pixelate" }, { "pixelated", "pixelate" }, { "pixelation", "pixelate" },
  { "blocky", "pixelate" },
  { "jpeg compression", "jpeg_compression" }, { "jpeg artifacts", "jpeg_compression" },
  { "jpeg compression artifacts", "jpeg_compression" }, { "compression artefacts", "jpeg_compression" },
  { "jpeg artefacts", "jpeg_compression" }, { "jpeg compression artefacts", "jpeg_compression" },
  { "jpeg", "jpeg_compression" }, { "compression", "jpeg_compression" },
  { "compressed", "jpeg_compression" }, { "compression artifacts", "jpeg_compression" },
  { "saturate", "saturate" }, { "saturated", "saturate" }, { "saturation", "saturate" },
  /* families */
  { "noise", "noise" }, { "noisy", "noise" }, { "grainy", "noise" }, { "grain", "noise" },
  { "blur", "blur" }, { "blurry", "blur" }, { "blurred", "blur" }, { "blurs", "blur" },
  { "weather", "weather" }, { "weather effects", "weather" },
  { "digital", "digital" }, { "digital corruptions", "digital" },
};

typedef enum { HEALTH_NONE, HEALTH_BROKEN, HEALTH_DUPLICATES, HEALTH_GRAY, HEALTH_UNLABELED,
               HEALTH_SIZE, HEALTH_BAD } HealthWord;

static const struct { const char *phrase; HealthWord what; } health_words[] = {
  { "broken", HEALTH_BROKEN }, { "unreadable", HEALTH_BROKEN }, { "undecodable", HEALTH_BROKEN },
  { "damaged", HEALTH_BROKEN }, { "truncated", HEALTH_BROKEN }, { "empty files", HEALTH_BROKEN },
  { "empty", HEALTH_BROKEN }, { "invalid", HEALTH_BROKEN },
  { "duplicates", HEALTH_DUPLICATES }, { "duplicate", HEALTH_DUPLICATES },
  { "duplicated", HEALTH_DUPLICATES }, { "dupes", HEALTH_DUPLICATES },
  { "grayscale", HEALTH_GRAY }, { "greyscale", HEALTH_GRAY }, { "gray", HEALTH_GRAY },
  { "grey", HEALTH_GRAY }, { "black and white", HEALTH_GRAY }, { "monochrome", HEALTH_GRAY },
  { "unlabeled", HEALTH_UNLABELED }, { "unlabelled", HEALTH_UNLABELED },
  { "missing labels", HEALTH_UNLABELED }, { "missing label", HEALTH_UNLABELED },
  { "mislabeled", HEALTH_UNLABELED },
  { "wrong size", HEALTH_SIZE }, { "wrong sizes", HEALTH_SIZE }, { "odd sizes", HEALTH_SIZE },
  { "odd size", HEALTH_SIZE }, { "bad", HEALTH_BAD }, { "problematic", HEALTH_BAD },
  { "flagged", HEALTH_BAD },
};

static const char *negations[] = { "except", "without", "no", "not", "skip", "skipping",
                                   "excluding", "exclude", "minus", "omit", "omitting", "but",
                                   "drop", "remove", "ignore", "ignoring", "avoid", "neither",
                                   "nor", "none", NULL };
static const char *resets[] = { "only", "just", "with", "plus", "also", "include", "including",
                                "keep", NULL };
static const char *stopwords[] = {
  "a", "an", "the", "of", "and", "or", "in", "on", "at", "for", "to", "from", "by", "as",
  "images", "image", "photos", "photo", "pictures", "picture", "samples", "sample", "pics",
  "examples", "data", "dataset", "subset", "set", "split", "give", "me", "show", "want",
  "need", "i", "we", "some", "any", "all", "every", "please", "that", "are", "is", "be",
  "them", "those", "these", "it", "its", "their", "get", "use", "using", "make", "like",
  "versions", "version", "variants", "under", "corruption", "corruptions", "corrupted",
  "level", "levels", "severity", "severities", "classes", "class", "categories", "category",
  "kinds", "kind", "types", "type", "files", "file", "etc", "where", "which", "also", "both",
  "each", "per", "but", "than", "more", "less", "least", "most", "up", "between", "through",
  "over", "above", "below", "into", "out", "too", "very", "really", "same", "other",
  "different", "ones", "one", "then", "there", "here", "this", "my", "our", "your", "around",
  "about", "labeled", "labelled", "clean", NULL
};

static const char *
number_words[] = { "zero", "one", "two", "three", "four", "five", NULL };

/* A small integer from a digit string or a number word; -1 otherwise. */
static int
small_number (const char *word)
{
  if (word == NULL)
    return -1;
  if (g_ascii_isdigit (word[0]))
    {
      char *end;
      long n = strtol (word, &end, 10);
      return (*end == '\0' && n >= 0 && n < 1000000) ? (int) n : -1;
    }
  for (guint i = 0; number_words[i]; i++)
    if (strcmp (word, number_words[i]) == 0)
      return i;
  return -1;
}

typedef struct {
  char     **tok;
  guint      n;
  gboolean  *used;
  /* what the sentence says */
  GHashTable *class_pos, *class_neg;     /* wnid set */
  GHashTable *corr_pos, *corr_neg;       /* corruption names (families expanded) */
  gboolean    clean_pos, clean_neg, corrupted_pos;
  int         sev_pos, sev_neg;          /* masks over 1–5 */
  GHashTable *split_pos, *split_neg;
  guint32     flags;
  guint       quota;
  guint64     seed;
  gboolean    seed_set;
  GPtrArray  *said;                      /* for the explanation */
  guint       sev_context_until;         /* bare numbers are severities before this token */
} Parse;

static gboolean
is_in (const char * const *list,
       const char         *word)
{
  return word && g_strv_contains (list, word);
}

static char *
phrase_at (Parse *p,
           guint  i,
           guint  words)
{
  GString *s = g_string_new (NULL);

  for (guint k = i; k < i + words; k++)
    {
      if (k >= p->n || strcmp (p->tok[k], ",") == 0)
        {
          g_string_free (s, TRUE);
          return NULL;
        }
      if (k > i)
        g_string_append_c (s, ' ');
      g_string_append (s, p->tok[k]);
    }
  return g_string_free (s, FALSE);
}

static char *
singular (const char *word)
{
  static const char *irregular[][2] = {
    { "geese", "goose" }, { "mice", "mouse" }, { "children", "child" }, { "people", "person" },
    { "wolves", "wolf" }, { "knives", "knife" }, { "leaves", "leaf" }, { "oxen", "ox" },
    { "feet", "foot" }, { "teeth", "tooth" }, { "women", "woman" }, { "men", "man" },
    { "loaves", "loaf" }, { "halves", "half" }, { "lives", "life" }, { "cacti", "cactus" },
    { "fungi", "fungus" }, { "dice", "die" }, { "buses", "bus" }, { "butterflies", "butterfly" },
  };
  gsize len = strlen (word);

  for (guint i = 0; i < G_N_ELEMENTS (irregular); i++)
    if (g_str_has_suffix (word, irregular[i][0]) &&
        (len == strlen (irregular[i][0]) || word[len - strlen (irregular[i][0]) - 1] == ' '))
      {
        g_autofree char *head = g_strndup (word, len - strlen (irregular[i][0]));
        return g_strconcat (head, irregular[i][1], NULL);
      }
  if (len > 4 && g_str_has_suffix (word, "ies"))
    {
      g_autofree char *head = g_strndup (word, len - 3);
      return g_strconcat (head, "y", NULL);
    }
  if (len > 4 && (g_str_has_suffix (word, "ches") || g_str_has_suffix (word, "shes") ||
                  g_str_has_suffix (word, "xes") || g_str_has_suffix (word, "sses") ||
                  g_str_has_suffix (word, "oes")))
    return g_strndup (word, len - 2);
  if (len > 3 && word[len - 1] == 's' && word[len - 2] != 's')
    return g_strndup (word, len - 1);
  return NULL;
}

static void
mark_used (Parse *p,
           guint  i,
           guint  words)
{
  for (guint k = i; k < i + words && k < p->n; k++)
    p->used[k] = TRUE;
}

static void
add_corruption (Parse      *p,
                Vocab      *v,
                const char *target,
                gboolean    negate)
{
  GHashTable *set = negate ? p->corr_neg : p->corr_pos;

  if (dd_is_corruption_family (target))
    {
      for (guint i = 0; i < v->corruptions->len; i++)
        if (g_strcmp0 (g_hash_table_lookup (v->families, v->corruptions->pdata[i]), target) == 0)
          g_hash_table_add (set, g_strdup (v->corruptions->pdata[i]));
      /* a family this dataset lacks: the subset is empty of it, which is fine */
      g_hash_table_add (set, g_strconcat ("@", target, NULL));
    }
  else
    g_hash_table_add (set, g_strdup (target));
}

/* Severity expressions starting at token @i; returns the number of tokens read. */
static guint
parse_severity_expr (Parse    *p,
                     guint     i,
                     gboolean  negate,
                     gboolean  after_keyword)
{
  int *mask = negate ? &p->sev_neg : &p->sev_pos;
  int a = small_number (i < p->n ? p->tok[i] : NULL);
  const char *w = i < p->n ? p->tok[i] : NULL;
  const char *w1 = i + 1 < p->n ? p->tok[i + 1] : NULL;
  const char *w2 = i + 2 < p->n ? p->tok[i + 2] : NULL;
  int b;

  if (w == NULL)
    return 0;
  /* at least N / N or more / N and above / above N / N+ */
  if ((strcmp (w, "at") == 0 && g_strcmp0 (w1, "least") == 0) ||
      (strcmp (w, "at") == 0 && g_strcmp0 (w1, "most") == 0))
    {
      gboolean least = g_strcmp0 (w1, "least") == 0;
      int n = small_number (w2);
      if (n >= 1 && n <= 5 && !(i + 3 < p->n && is_in ((const char *[]) { "per", "images", "samples", "each", "photos", NULL }, p->tok[i + 3])))
        {
          for (int s = 1; s <= 5; s++)
            if (least ? s >= n : s <= n)
              *mask |= 1 << s;
          return 3;
        }
      return 0;
    }
  if ((strcmp (w, "above") == 0 || strcmp (w, "over") == 0 || strcmp (w, "below") == 0 ||
       strcmp (w, "under") == 0 || (strcmp (w, "up") == 0 && g_strcmp0 (w1, "to") == 0)) &&
      after_keyword)
    {
      gboolean up_to = strcmp (w, "up") == 0;
      int n = small_number (up_to ? w2 : w1);
      if (n >= 0 && n <= 5)
        {
          for (int s = 1; s <= 5; s++)
            if ((strcmp (w, "above") == 0 || strcmp (w, "over") == 0) ? s > n
                : up_to ? s <= n : s < n)
              *mask |= 1 << s;
          return up_to ? 3 : 2;
        }
      return 0;
    }
  if (a < 1 || a > 5)
    return 0;
  /* N to M / N - M / N through M / N and M */
  if (w1 && (strcmp (w1, "to") == 0 || strcmp (w1, "through") == 0 || strcmp (w1, "-") == 0 ||
             strcmp (w1, "thru") == 0) && (b = small_number (w2)) >= 1 && b <= 5)
    {
      for (int s = MIN (a, b); s <= MAX (a, b); s++)
        *mask |= 1 << s;
      return 3;
    }
  if (w1 && (strcmp (w1, "or") == 0 || strcmp (w1, "and") == 0) &&
      (g_strcmp0 (w2, "more") == 0 || g_strcmp0 (w2, "above") == 0 || g_strcmp0 (w2, "higher") == 0))
    {
      for (int s = a; s <= 5; s++)
        *mask |= 1 << s;
      return 3;
    }
  if (w1 && (strcmp (w1, "or") == 0 || strcmp (w1, "and") == 0) &&
      (g_strcmp0 (w2, "less") == 0 || g_strcmp0 (w2, "below") == 0 || g_strcmp0 (w2, "lower") == 0 ||
       g_strcmp0 (w2, "fewer") == 0))
    {
      for (int s = 1; s <= a; s++)
        *mask |= 1 << s;
      return 3;
    }
  if (g_strcmp0 (w1, "+") == 0)
    {
      for (int s = a; s <= 5; s++)
        *mask |= 1 << s;
      return 2;
    }
  if (!after_keyword)
    return 0;
  /* a list: 3, 4 and 5 */
  {
    guint k = i;
    while (k < p->n)
      {
        int n = small_number (p->tok[k]);
        if (n < 1 || n > 5)
          break;
        *mask |= 1 << n;
        k++;
        if (k < p->n && (strcmp (p->tok[k], ",") == 0 || strcmp (p->tok[k], "and") == 0 ||
                         strcmp (p->tok[k], "or") == 0) && k + 1 < p->n &&
            small_number (p->tok[k + 1]) >= 1 && small_number (p->tok[k + 1]) <= 5)
          k++;
        else
          break;
      }
    return k - i;
  }
}

static void
parse_init (Parse      *p,
            const char *text)
{
  g_autofree char *spaced = NULL;
  GString *s = g_string_new (NULL);
  g_autofree char *down = g_utf8_strdown (text, -1);

  memset (p, 0, sizeof *p);
  /* keep commas, hyphens between numbers and "+" as tokens; drop other punctuation */
  for (const char *c = down; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      if (u == ',' || u == ';' || u == '.' || u == ':' || u == '!' || u == '?')
        g_string_append (s, " , ");
      else if (u == '-' || u == '+' || u == 0x2013)
        g_string_append (s, u == '+' ? " + " : " - ");
      else if (u == '>' && c[1] == '=')
        {
          g_string_append (s, " at least ");
          c++;
        }
      else if (u == '<' && c[1] == '=')
        {
          g_string_append (s, " at most ");
          c++;
        }
      else if (g_unichar_isalnum (u) || u == '_')
        g_string_append_unichar (s, u == '_' ? ' ' : u);
      else if (u != '\'')
        g_string_append_c (s, ' ');
    }
  spaced = g_string_free (s, FALSE);
  p->tok = g_strsplit_set (g_strstrip (spaced), " ", -1);
  {
    /* drop empty strings from repeated separators */
    guint k = 0;
    for (guint i = 0; p->tok[i]; i++)
      if (*p->tok[i])
        p->tok[k++] = p->tok[i];
      else
        g_free (p->tok[i]);
    p->tok[k] = NULL;
    p->n = k;
  }
  p->used = g_new0 (gboolean, MAX (p->n, 1));
  p->class_pos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->class_neg = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->corr_pos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->corr_neg = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->split_pos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->split_neg = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->said = g_ptr_array_new_with_free_func (g_free);
}

static void
parse_clear (Parse *p)
{
  g_strfreev (p->tok);
  g_free (p->used);
  g_hash_table_unref (p->class_pos);
  g_hash_table_unref (p->class_neg);
  g_hash_table_unref (p->corr_pos);
  g_hash_table_unref (p->corr_neg);
  g_hash_table_unref (p->split_pos);
  g_hash_table_unref (p->split_neg);
  g_ptr_array_unref (p->said);
}

/* One step at token @i; returns how many tokens it consumed (at least 1). */
static guint
parse_step (Parse    *p,
            Vocab    *v,
            guint     i,
            gboolean *negate)
{
  const char *w = p->tok[i];
  const char *w1 = i + 1 < p->n ? p->tok[i + 1] : NULL;
  int n;
  guint used;

  if (strcmp (w, ",") == 0)
    {
      /* "dogs, except poodles, at severity 5": an exception ends with its clause */
      *negate = FALSE;
      return 1;
    }
  if (is_in (negations, w))
    {
      /* "but" alone is a conjunction; "but not" / "but no" negate */
      if (strcmp (w, "but") == 0 && !(w1 && (strcmp (w1, "not") == 0 || strcmp (w1, "no") == 0 ||
                                              strcmp (w1, "without") == 0)))
        return 1;
      *negate = TRUE;
      mark_used (p, i, 1);
      return 1;
    }
  if (is_in (resets, w))
    {
      *negate = FALSE;
      mark_used (p, i, 1);
      return 1;
    }

  /* quotas and seeds: "100 per class", "20 images each", "seed 7" */
  if (strcmp (w, "seed") == 0 && (n = small_number (w1)) >= 0)
    {
      p->seed = n;
      p->seed_set = TRUE;
      mark_used (p, i, 2);
      return 2;
    }
  if ((n = small_number (w)) > 0)
    {
      guint k = i + 1;
      while (k < p->n && is_in ((const char *[]) { "images", "samples", "photos", "pictures", "examples", "image", NULL }, p->tok[k]))
        k++;
      if (k < p->n && (strcmp (p->tok[k], "per") == 0 || strcmp (p->tok[k], "each") == 0 ||
                       (strcmp (p->tok[k], "a") == 0 && k + 1 < p->n)))
        {
          guint end = k + 1;
          if (strcmp (p->tok[k], "each") != 0 && end < p->n &&
              is_in ((const char *[]) { "class", "category", "label", "wnid", NULL }, p->tok[end]))
            end++;
          else if (strcmp (p->tok[k], "each") != 0)
            goto not_quota;
          p->quota = n;
          mark_used (p, i, end - i);
          /* "at most 20 per class" */
          if (i >= 2 && p->used[i - 1] == FALSE && (strcmp (p->tok[i - 1], "most") == 0 ||
                                                      strcmp (p->tok[i - 1], "to") == 0))
            mark_used (p, i - 2, 2);
          return end - i;
        }
    }
not_quota:

  /* severities */
  if (is_in ((const char *[]) { "severity", "severities", "level", "levels", "sev", "strength", "intensity", NULL }, w))
    {
      guint k = i + 1;
      while (k < p->n && is_in ((const char *[]) { "of", "is", "=", "at", "from", "between", NULL }, p->tok[k]) &&
             !(strcmp (p->tok[k], "at") == 0 && k + 1 < p->n &&
               (strcmp (p->tok[k + 1], "least") == 0 || strcmp (p->tok[k + 1], "most") == 0)))
        k++;
      used = parse_severity_expr (p, k, *negate, TRUE);
      /* "all severities except 1": numbers just after still speak of severities */
      p->sev_context_until = k + used + 3;
      if (used > 0)
        {
          mark_used (p, i, k + used - i);
          return k + used - i;
        }
      mark_used (p, i, 1);
      return 1;
    }
  if ((used = parse_severity_expr (p, i, *negate, i < p->sev_context_until)) > 0)
    {
      mark_used (p, i, used);
      return used;
    }
  {
    int *mask = *negate ? &p->sev_neg : &p->sev_pos;
    static const struct { const char *word; int mask; } words[] = {
      { "mild", 0x6 }, { "mildly", 0x6 }, { "light", 0x6 }, { "lightly", 0x6 }, { "slight", 0x6 },
      { "slightly", 0x6 }, { "weak", 0x6 }, { "low", 0x6 }, { "gentle", 0x6 }, { "subtle", 0x6 },
      { "moderate", 0x8 }, { "moderately", 0x8 }, { "medium", 0x8 }, { "middle", 0x8 },
      { "severe", 0x30 }, { "severely", 0x30 }, { "strong", 0x30 }, { "strongly", 0x30 },
      { "heavy", 0x30 }, { "heavily", 0x30 }, { "high", 0x30 }, { "extreme", 0x30 },
      { "harsh", 0x30 }, { "intense", 0x30 }, { "hard", 0x30 }, { "worst", 0x20 },
      { "max", 0x20 }, { "maximum", 0x20 }, { "min", 0x2 }, { "minimum", 0x2 },
    };
    for (guint k = 0; k < G_N_ELEMENTS (words); k++)
      if (strcmp (w, words[k].word) == 0)
        {
          *mask |= words[k].mask;
          mark_used (p, i, 1);
          return 1;
        }
    /* "the two highest", "highest", "the 3 lowest" */
    if (strcmp (w, "highest") == 0 || strcmp (w, "lowest") == 0 || strcmp (w, "top") == 0 ||
        strcmp (w, "bottom") == 0)
      {
        gboolean high = strcmp (w, "highest") == 0 || strcmp (w, "top") == 0;
        int count = (i > 0 && small_number (p->tok[i - 1]) > 0) ? small_number (p->tok[i - 1]) : 1;
        count = MIN (count, 5);
        for (int s = 0; s < count; s++)
          *mask |= 1 << (high ? 5 - s : 1 + s);
        mark_used (p, i > 0 && small_number (p->tok[i - 1]) > 0 ? i - 1 : i,
                   i > 0 && small_number (p->tok[i - 1]) > 0 ? 2 : 1);
        return 1;
      }
  }

  /* clean / corrupted */
  if (is_in ((const char *[]) { "clean", "uncorrupted", "original", "originals", "pristine",
                                "unmodified", "undistorted", "unperturbed", "uncorrupt", NULL }, w))
    {
      if (*negate)
        p->clean_neg = TRUE;
      else
        p->clean_pos = TRUE;
      mark_used (p, i, 1);
      return 1;
    }
  if (is_in ((const char *[]) { "corrupted", "corruptions", "perturbed", "distortions", "degraded", NULL }, w) &&
      !*negate)
    {
      p->corrupted_pos = TRUE;
      mark_used (p, i, 1);
      return 1;
    }

  /* splits */
  {
    static const struct { const char *word; const char *split; } splits[] = {
      { "train", "train" }, { "training", "train" }, { "trainset", "train" },
      { "val", "val" }, { "validation", "val" }, { "valid", "val" }, { "dev", "val" },
      { "test", "test" }, { "testing", "test" }, { "testset", "test" },
    };
    for (guint k = 0; k < G_N_ELEMENTS (splits); k++)
      if (strcmp (w, splits[k].word) == 0)
        {
          g_hash_table_add (*negate ? p->split_neg : p->split_pos, g_strdup (splits[k].split));
          mark_used (p, i, 1);
          return 1;
        }
  }

  /* longest phrases first: health words, corruptions, then classes */
  for (guint words = MAX (v->max_words, 3); words >= 1; words--)
    {
      g_autofree char *phrase = phrase_at (p, i, words);
      g_autofree char *single = NULL;
      GPtrArray *wnids;

      if (phrase == NULL)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (health_words); k++)
        if (strcmp (phrase, health_words[k].phrase) == 0)
          {
            static const guint32 bits[] = {
              0,
              DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) | DD_HEALTH_FLAG (DD_HEALTH_TRUNCATED) |
                DD_HEALTH_FLAG (DD_HEALTH_EMPTY_FILE),
              DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT),
              DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE),
              DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL),
              DD_HEALTH_FLAG (DD_HEALTH_UNEXPECTED_SIZE),
              DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) | DD_HEALTH_FLAG (DD_HEALTH_TRUNCATED) |
                DD_HEALTH_FLAG (DD_HEALTH_EMPTY_FILE) | DD_HEALTH_FLAG (DD_HEALTH_FORMAT_MISMATCH) |
                DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT) | DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL),
            };
            /* "no broken images", "without duplicates"; a bare mention is not a request
             * for bad samples (the recipe only excludes) */
            if (*negate || health_words[k].what == HEALTH_UNLABELED)
              {
                if (*negate)
                  p->flags |= bits[health_words[k].what];
                mark_used (p, i, words);
                return words;
              }
          }
      for (guint k = 0; k < G_N_ELEMENTS (corruption_words); k++)
        if (strcmp (phrase, corruption_words[k].phrase) == 0)
          {
            add_corruption (p, v, corruption_words[k].target, *negate);
            mark_used (p, i, words);
            return words;
          }
      wnids = g_hash_table_lookup (v->phrases, phrase);
      if (wnids == NULL && (single = singular (phrase)))
        wnids = g_hash_table_lookup (v->phrases, single);
      if (wnids && (words > 1 || !is_in (stopwords, phrase)))
        {
          for (guint k = 0; k < wnids->len; k++)
            g_hash_table_add (*negate ? p->class_neg : p->class_pos, g_strdup (wnids->pdata[k]));
          if (wnids->len == 1)
            g_ptr_array_add (p->said, g_strdup (g_hash_table_lookup (v->phrase_label,
                                                                     g_hash_table_contains (v->phrase_label, phrase) ? phrase : single)));
          else
            g_ptr_array_add (p->said, g_strdup_printf (_("%s (%u classes)"), phrase, wnids->len));
          mark_used (p, i, words);
          return words;
        }
    }
  /* "labeled only" */
  if (strcmp (w, "labeled") == 0 || strcmp (w, "labelled") == 0)
    {
      p->flags |= DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL);
      mark_used (p, i, 1);
      return 1;
    }
  return 1;
}

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

static char *
severity_text (int mask)
{
  GString *s = g_string_new (NULL);

  for (int k = 0; k <= 5; k++)
    if (mask & (1 << k))
      g_string_append_printf (s, "%s%d", s->len ? ", " : "", k);
  return g_string_free (s, FALSE);
}

DdProposal *
dd_prompt_interpret (DdCatalog   *catalog,
                     const char  *text,
                     DdRecipe    *current,
                     GError     **error)
{
  VocabCache *cache;
  Vocab *v;
  Parse p;
  gboolean negate = FALSE;
  g_autoptr(DdRecipe) recipe = current ? dd_recipe_ref (current) : dd_recipe_new ();
  DdProposal *proposal = g_new0 (DdProposal, 1);
  g_autoptr(GString) explanation = g_string_new (NULL);

  g_return_val_if_fail (DD_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  cache = vocab_for (catalog);
  v = cache->vocab;
  parse_init (&p, text);
  for (guint i = 0; i < p.n;)
    i += parse_step (&p, v, i, &negate);

  proposal->unplaced = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < p.n; i++)
    if (!p.used[i] && strcmp (p.tok[i], ",") != 0 && !is_in (stopwords, p.tok[i]) &&
        !is_in (negations, p.tok[i]) && small_number (p.tok[i]) < 0 &&
        strcmp (p.tok[i], "-") != 0 && strcmp (p.tok[i], "+") != 0)
      g_ptr_array_add (proposal->unplaced, g_strdup (p.tok[i]));

  /* classes */
  if (g_hash_table_size (p.class_pos) || g_hash_table_size (p.class_neg))
    {
      g_autoptr(GPtrArray) classes = g_ptr_array_new_with_free_func (g_free);
      GHashTable *base = p.class_pos;
      g_autoptr(GHashTable) all = NULL;
      GHashTableIter iter;
      gpointer key;
      DdRecipe *next;

      if (g_hash_table_size (p.class_pos) == 0)
        {
          all = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; i < v->all_wnids->len; i++)
            g_hash_table_add (all, v->all_wnids->pdata[i]);
          base = all;
        }
      g_hash_table_iter_init (&iter, base);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (p.class_neg, key))
          g_ptr_array_add (classes, g_strdup (key));
      g_string_append_printf (explanation, g_dngettext (GETTEXT_PACKAGE, "%u class", "%u classes",
                                                        classes->len), classes->len);
      if (p.said->len)
        {
          g_string_append (explanation, " (");
          for (guint i = 0; i < MIN (p.said->len, 4u); i++)
            g_string_append_printf (explanation, "%s%s", i ? ", " : "", (char *) p.said->pdata[i]);
          if (p.said->len > 4)
            g_string_append (explanation, ", …");
          g_string_append (explanation, ")");
        }
      null_terminate (classes);
      next = dd_recipe_with_classes (recipe, (const char * const *) classes->pdata);
      dd_recipe_unref (recipe);
      recipe = next;
    }

  /* corruptions, clean and severities */
  {
    gboolean any_corr = g_hash_table_size (p.corr_pos) || g_hash_table_size (p.corr_neg) ||
                        p.clean_pos || p.clean_neg || p.corrupted_pos;
    int sev = -1;

    if (any_corr)
      {
        g_autoptr(GPtrArray) corr = g_ptr_array_new_with_free_func (g_free);
        DdRecipe *next;

        if (g_hash_table_size (p.corr_pos))
          {
            GHashTableIter iter;
            gpointer key;
            g_hash_table_iter_init (&iter, p.corr_pos);
            while (g_hash_table_iter_next (&iter, &key, NULL))
              if (((char *) key)[0] != '@' && !g_hash_table_contains (p.corr_neg, key))
                g_ptr_array_add (corr, g_strdup (key));
          }
        else if (p.corrupted_pos || g_hash_table_size (p.corr_neg) || p.clean_neg)
          for (guint i = 0; i < v->corruptions->len; i++)
            if (!g_hash_table_contains (p.corr_neg, v->corruptions->pdata[i]))
              g_ptr_array_add (corr, g_strdup (v->corruptions->pdata[i]));
        /* clean images: asked for, or kept when only some corruptions are excluded */
        if (p.clean_pos ||
            (!p.clean_neg && !p.corrupted_pos && g_hash_table_size (p.corr_pos) == 0 &&
             g_hash_table_size (p.corr_neg) > 0 && (p.sev_pos == 0 || (p.sev_pos & 1))))
          g_ptr_array_add (corr, g_strdup ("none"));
        g_string_append_printf (explanation, "%s%s", explanation->len ? "; " : "",
                                corr->len == 1 && g_strcmp0 (corr->pdata[0], "none") == 0
                                  ? _("clean images") : "");
        if (!(corr->len == 1 && g_strcmp0 (corr->pdata[0], "none") == 0))
          g_string_append_printf (explanation, g_dngettext (GETTEXT_PACKAGE, "%u corruption", "%u corruptions",
                                                            corr->len - (p.clean_pos ? 1 : 0)),
                                  corr->len - (p.clean_pos ? 1 : 0));
        null_terminate (corr);
        next = dd_recipe_with_corruptions (recipe, (const char * const *) corr->pdata);
        dd_recipe_unref (recipe);
        recipe = next;
      }
    if (p.sev_pos || p.sev_neg)
      {
        sev = p.sev_pos ? p.sev_pos : 0x3e;
        sev &= ~p.sev_neg;
        if (p.clean_pos || (p.sev_pos == 0 && !p.clean_neg && !p.corrupted_pos))
          sev |= 1;   /* clean images are severity 0 */
      }
    else if (p.clean_pos && !g_hash_table_size (p.corr_pos) && !p.corrupted_pos)
      sev = 1;        /* only clean */
    if (sev >= 0)
      {
        g_autofree char *list = severity_text (sev);
        DdRecipe *next = dd_recipe_with_severities (recipe, sev);

        dd_recipe_unref (recipe);
        recipe = next;
        g_string_append_printf (explanation, "%s%s %s", explanation->len ? "; " : "",
                                _("severities"), list);
      }
  }

  /* splits */
  if (g_hash_table_size (p.split_pos) || g_hash_table_size (p.split_neg))
    {
      g_autoptr(GPtrArray) splits = g_ptr_array_new_with_free_func (g_free);
      DdRecipe *next;

      if (g_hash_table_size (p.split_pos))
        {
          GHashTableIter iter;
          gpointer key;
          g_hash_table_iter_init (&iter, p.split_pos);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if (!g_hash_table_contains (p.split_neg, key))
              g_ptr_array_add (splits, g_strdup (key));
        }
      else
        for (guint i = 0; i < v->splits->len; i++)
          if (!g_hash_table_contains (p.split_neg, v->splits->pdata[i]))
            g_ptr_array_add (splits, g_strdup (v->splits->pdata[i]));
      for (guint i = 0; i < splits->len; i++)
        g_string_append_printf (explanation, "%s%s", i == 0 ? (explanation->len ? "; " : "") : ", ",
                                (char *) splits->pdata[i]);
      null_terminate (splits);
      next = dd_recipe_with_splits (recipe, (const char * const *) splits->pdata);
      dd_recipe_unref (recipe);
      recipe = next;
    }

  if (p.flags)
    {
      g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func (g_free);
      const char * const *old = dd_recipe_get_exclude_flags (recipe);
      DdRecipe *next;

      for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
        if ((p.flags & DD_HEALTH_FLAG (k)) || (old && g_strv_contains (old, dd_health_kind_to_string (k))))
          g_ptr_array_add (flags, g_strdup (dd_health_kind_to_string (k)));
      g_string_append_printf (explanation, "%s%s", explanation->len ? "; " : "",
                              _("without flagged samples"));
      null_terminate (flags);
      next = dd_recipe_with_exclude_flags (recipe, (const char * const *) flags->pdata);
      dd_recipe_unref (recipe);
      recipe = next;
    }
  if (p.quota || p.seed_set)
    {
      DdRecipe *next = dd_recipe_with_quota (recipe,
                                             p.quota ? p.quota : dd_recipe_get_per_class_limit (recipe),
                                             p.seed_set ? p.seed : dd_recipe_get_seed (recipe));
      dd_recipe_unref (recipe);
      recipe = next;
      if (p.quota)
        g_string_append_printf (explanation, "%s%u %s", explanation->len ? "; " : "", p.quota,
                                _("per class"));
    }

  if (explanation->len == 0)
    g_string_append (explanation, _("Nothing in the sentence changes the subset"));
  proposal->recipe = g_steal_pointer (&recipe);
  proposal->explanation = g_strdup (explanation->str);
  proposal->engine = g_strdup ("offline");
  parse_clear (&p);
  vocab_cache_unref (cache);
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
      g_ptr_array_add (*out, g_utf8_make_valid (json_node_get_string (node), -1));
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
      /* "\ud800" decodes to bytes that are not UTF-8 */
      g_ptr_array_add (*out, g_utf8_make_valid (json_node_get_string (e), -1));
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
      g_autofree char *reason = g_utf8_make_valid (local->message, -1);
      g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_NOT_JSON,
                   _("The model's reply is not valid JSON (%s)"), reason);
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
  proposal->explanation = explanation ? g_utf8_make_valid (explanation, -1)
                                      : g_strdup (_("Proposed by the model"));
  proposal->unplaced = g_steal_pointer (&unplaced);
  return proposal;

bad_severities:
  g_set_error (error, DD_PROMPT_ERROR, DD_PROMPT_ERROR_BAD_REPLY,
               _("The model's proposal is not usable: “severities” should be a list of numbers 0–5"));
  return NULL;
}
