/* The offline interpreter's vocabulary: a catalog's classes by every name, the WordNet
 * categories above them (all hypernym paths), corruption words, splits, health words,
 * severity words and the small words that steer a sentence; plurals and misspellings. */
#define G_LOG_DOMAIN "datadive-prompt"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dd-prompt-private.h"
#include "dd-taxonomy.h"
#include "dd-wordnet.h"

struct _DdPromptVocab {
  gatomicrefcount ref;
  guint64     generation;
  GHashTable *classes;       /* phrase → GPtrArray of wnids (a class or a category) */
  GHashTable *class_names;   /* wnid → first name */
  GHashTable *corruptions;   /* phrase → corruption name or family */
  GHashTable *heads;         /* last words of two-word corruption names ("noise") */
  GHashTable *modifiers;     /* their first words ("gaussian") */
  GHashTable *known;         /* every word of every phrase and table */
  GPtrArray  *targets;       /* words a misspelling may be corrected to */
  GPtrArray  *all_wnids;
  GPtrArray  *corruption_names;
  GHashTable *families;      /* corruption name → family */
  GPtrArray  *splits;
  guint       max_words;
};

/* ---- the fixed tables ------------------------------------------------------------------ */

/* Everyday words for corruptions: a corruption name or a family name. The catalog's own
 * names ("gaussian noise", "jpeg compression") are added from the catalog. */
static const struct { const char *phrase; const char *target; } corruption_words[] = {
  { "poisson noise", "shot_noise" }, { "salt and pepper", "impulse_noise" },
  { "salt and pepper noise", "impulse_noise" }, { "salt pepper", "impulse_noise" },
  { "s&p noise", "impulse_noise" }, { "speckle", "speckle_noise" },
  { "defocus", "defocus_blur" }, { "defocused", "defocus_blur" }, { "out of focus", "defocus_blur" },
  { "unfocused", "defocus_blur" }, { "glass", "glass_blur" }, { "motion", "motion_blur" },
  { "motion blurred", "motion_blur" }, { "shaky", "motion_blur" }, { "camera shake", "motion_blur" },
  { "zoom", "zoom_blur" }, { "snowy", "snow" }, { "snowing", "snow" }, { "snowfall", "snow" },
  { "frosty", "frost" }, { "frosted", "frost" }, { "icy", "frost" }, { "foggy", "fog" },
  { "haze", "fog" }, { "hazy", "fog" }, { "mist", "fog" }, { "misty", "fog" },
  { "bright", "brightness" }, { "brighter", "brightness" }, { "brightened", "brightness" },
  { "overexposed", "brightness" }, { "dark", "brightness" }, { "darker", "brightness" },
  { "splashes", "spatter" }, { "low contrast", "contrast" }, { "reduced contrast", "contrast" },
  { "washed out", "contrast" }, { "elastic", "elastic_transform" },
  { "elastic transformation", "elastic_transform" }, { "elastic deformation", "elastic_transform" },
  { "warped", "elastic_transform" }, { "distorted", "elastic_transform" },
  { "pixelated", "pixelate" }, { "pixelation", "pixelate" }, { "pixelized", "pixelate" },
  { "blocky", "pixelate" }, { "jpeg", "jpeg_compression" }, { "jpg", "jpeg_compression" },
  { "jpeg artifacts", "jpeg_compression" }, { "jpeg artefacts", "jpeg_compression" },
  { "jpg artifacts", "jpeg_compression" }, { "jpg artefacts", "jpeg_compression" },
  { "jpg compression", "jpeg_compression" }, { "jpeg compression artifacts", "jpeg_compression" },
  { "jpeg compression artefacts", "jpeg_compression" }, { "compression", "jpeg_compression" },
  { "compressed", "jpeg_compression" }, { "compression artifacts", "jpeg_compression" },
  { "compression artefacts", "jpeg_compression" }, { "saturated", "saturate" },
  { "saturation", "saturate" },
  /* families */
  { "noise", "noise" }, { "noisy", "noise" }, { "noises", "noise" }, { "grainy", "noise" },
  { "grain", "noise" }, { "blur", "blur" }, { "blurry", "blur" }, { "blurred", "blur" },
  { "blurs", "blur" }, { "blurring", "blur" }, { "weather", "weather" },
  { "weather effects", "weather" }, { "digital", "digital" },
};

/* Health words: excluded when negated ("no duplicates"); a group word stands for the
 * kinds of a broken file. */
#define BROKEN (DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) | DD_HEALTH_FLAG (DD_HEALTH_TRUNCATED) | \
                DD_HEALTH_FLAG (DD_HEALTH_EMPTY_FILE))
#define NEAR (DD_HEALTH_FLAG (DD_HEALTH_NEAR_DUPLICATE) | \
              DD_HEALTH_FLAG (DD_HEALTH_NEAR_DUPLICATE_CONFLICT))
#define LEAKED DD_HEALTH_FLAG (DD_HEALTH_SPLIT_LEAKAGE)
static const struct { const char *phrase; guint32 flags; } flag_words[] = {
  { "broken", BROKEN }, { "damaged", BROKEN }, { "unreadable", BROKEN }, { "invalid", BROKEN },
  { "corrupt files", BROKEN }, { "bad files", BROKEN },
  { "undecodable", DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) },
  { "decode errors", DD_HEALTH_FLAG (DD_HEALTH_UNDECODABLE) },
  { "truncated", DD_HEALTH_FLAG (DD_HEALTH_TRUNCATED) },
  { "empty", DD_HEALTH_FLAG (DD_HEALTH_EMPTY_FILE) },
  { "empty files", DD_HEALTH_FLAG (DD_HEALTH_EMPTY_FILE) },
  { "duplicates", DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT) },
  { "duplicate", DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT) },
  { "duplicated", DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT) },
  { "duplicate conflicts", DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT) },
  { "dupes", DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT) },
  { "dups", DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT) },
  { "near duplicates", NEAR }, { "near duplicate", NEAR }, { "near dupes", NEAR },
  { "near copies", NEAR }, { "similar copies", NEAR },
  { "leaked", LEAKED }, { "leaked images", LEAKED }, { "leakage", LEAKED },
  { "split leakage", LEAKED }, { "leaks", LEAKED }, { "leaking", LEAKED },
  { "grayscale", DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE) },
  { "greyscale", DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE) },
  { "gray", DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE) }, { "grey", DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE) },
  { "black and white", DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE) },
  { "monochrome", DD_HEALTH_FLAG (DD_HEALTH_GRAYSCALE) },
  { "unlabeled", DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) },
  { "unlabelled", DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) },
  { "missing labels", DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) },
  { "missing label", DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) },
  { "mislabeled", DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) },
  { "wrong size", DD_HEALTH_FLAG (DD_HEALTH_UNEXPECTED_SIZE) },
  { "odd size", DD_HEALTH_FLAG (DD_HEALTH_UNEXPECTED_SIZE) },
  { "unexpected size", DD_HEALTH_FLAG (DD_HEALTH_UNEXPECTED_SIZE) },
  { "format mismatch", DD_HEALTH_FLAG (DD_HEALTH_FORMAT_MISMATCH) },
  { "wrong format", DD_HEALTH_FLAG (DD_HEALTH_FORMAT_MISMATCH) },
  { "mistyped", DD_HEALTH_FLAG (DD_HEALTH_FORMAT_MISMATCH) },
  { "unknown class", DD_HEALTH_FLAG (DD_HEALTH_UNKNOWN_CLASS) },
  { "unnamed class", DD_HEALTH_FLAG (DD_HEALTH_UNNAMED_CLASS) },
  { "orphan annotation", DD_HEALTH_FLAG (DD_HEALTH_ORPHAN_ANNOTATION) },
  { "missing cell", DD_HEALTH_FLAG (DD_HEALTH_MISSING_CELL) },
  { "bad", BROKEN | DD_HEALTH_FLAG (DD_HEALTH_FORMAT_MISMATCH) |
           DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT) | DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) },
  { "problematic", BROKEN | DD_HEALTH_FLAG (DD_HEALTH_FORMAT_MISMATCH) |
                   DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT) | DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) },
  { "flagged", BROKEN | DD_HEALTH_FLAG (DD_HEALTH_FORMAT_MISMATCH) |
               DD_HEALTH_FLAG (DD_HEALTH_DUPLICATE_CONFLICT) | DD_HEALTH_FLAG (DD_HEALTH_MISSING_LABEL) },
};

static const struct { const char *phrase; const char *split; } split_words[] = {
  { "train", "train" }, { "training", "train" }, { "trainset", "train" }, { "train set", "train" },
  { "training set", "train" }, { "val", "val" }, { "validation", "val" }, { "valid", "val" },
  { "dev", "val" }, { "valset", "val" }, { "val set", "val" }, { "validation set", "val" },
  { "test", "test" }, { "testing", "test" }, { "testset", "test" }, { "test set", "test" },
};

/* Severity words: a mask over 1–5; a superlative names the end of the scale (1 or 5)
 * and takes a count ("the two mildest" = 1–2). */
static const struct { const char *phrase; int mask; gboolean superlative; } severity_words[] = {
  { "mild", 0x6 }, { "mildly", 0x6 }, { "light", 0x6 }, { "lightly", 0x6 }, { "slight", 0x6 },
  { "slightly", 0x6 }, { "weak", 0x6 }, { "weakly", 0x6 }, { "gentle", 0x6 }, { "subtle", 0x6 },
  { "low", 0x6 }, { "soft", 0x6 }, { "minor", 0x6 },
  { "moderate", 0x8 }, { "moderately", 0x8 }, { "medium", 0x8 }, { "middle", 0x8 },
  { "mid", 0x8 }, { "intermediate", 0x8 },
  { "severe", 0x30 }, { "severely", 0x30 }, { "strong", 0x30 }, { "strongly", 0x30 },
  { "heavy", 0x30 }, { "heavily", 0x30 }, { "high", 0x30 }, { "extreme", 0x30 },
  { "harsh", 0x30 }, { "intense", 0x30 }, { "hard", 0x30 }, { "major", 0x30 },
  { "mildest", 0x2, TRUE }, { "lightest", 0x2, TRUE }, { "weakest", 0x2, TRUE },
  { "lowest", 0x2, TRUE }, { "gentlest", 0x2, TRUE }, { "slightest", 0x2, TRUE },
  { "softest", 0x2, TRUE }, { "least severe", 0x2, TRUE }, { "minimum", 0x2, TRUE },
  { "min", 0x2, TRUE }, { "bottom", 0x2, TRUE }, { "easiest", 0x2, TRUE },
  { "harshest", 0x20, TRUE }, { "strongest", 0x20, TRUE }, { "heaviest", 0x20, TRUE },
  { "worst", 0x20, TRUE }, { "hardest", 0x20, TRUE }, { "highest", 0x20, TRUE },
  { "most severe", 0x20, TRUE }, { "most extreme", 0x20, TRUE }, { "maximum", 0x20, TRUE },
  { "max", 0x20, TRUE }, { "top", 0x20, TRUE }, { "toughest", 0x20, TRUE },
};

static const struct { const char *phrase; DdComparator cmp; } comparators[] = {
  { "at least", DD_CMP_AT_LEAST }, { "no less than", DD_CMP_AT_LEAST },
  { "not less than", DD_CMP_AT_LEAST }, { "min", DD_CMP_AT_LEAST }, { "minimum", DD_CMP_AT_LEAST },
  { "at most", DD_CMP_AT_MOST }, { "up to", DD_CMP_AT_MOST }, { "upto", DD_CMP_AT_MOST },
  { "no more than", DD_CMP_AT_MOST }, { "not more than", DD_CMP_AT_MOST },
  { "max", DD_CMP_AT_MOST }, { "maximum", DD_CMP_AT_MOST },
  { "above", DD_CMP_ABOVE }, { "over", DD_CMP_ABOVE }, { "more than", DD_CMP_ABOVE },
  { "greater than", DD_CMP_ABOVE }, { "higher than", DD_CMP_ABOVE }, { "beyond", DD_CMP_ABOVE },
  { "below", DD_CMP_BELOW }, { "under", DD_CMP_BELOW }, { "less than", DD_CMP_BELOW },
  { "lower than", DD_CMP_BELOW }, { "fewer than", DD_CMP_BELOW }, { "beneath", DD_CMP_BELOW },
};

static const struct { const char *phrase; DdWordKind kind; } small_words[] = {
  { "except", DD_WORD_NEGATION }, { "except for", DD_WORD_NEGATION },
  { "excepting", DD_WORD_NEGATION }, { "excluding", DD_WORD_NEGATION },
  { "exclude", DD_WORD_NEGATION }, { "without", DD_WORD_NEGATION }, { "no", DD_WORD_NEGATION },
  { "not", DD_WORD_NEGATION }, { "skip", DD_WORD_NEGATION }, { "skipping", DD_WORD_NEGATION },
  { "minus", DD_WORD_NEGATION }, { "omit", DD_WORD_NEGATION }, { "omitting", DD_WORD_NEGATION },
  { "but", DD_WORD_NEGATION }, { "drop", DD_WORD_NEGATION }, { "dropping", DD_WORD_NEGATION },
  { "remove", DD_WORD_NEGATION }, { "removing", DD_WORD_NEGATION },
  { "ignore", DD_WORD_NEGATION }, { "ignoring", DD_WORD_NEGATION },
  { "avoid", DD_WORD_NEGATION }, { "avoiding", DD_WORD_NEGATION },
  { "other than", DD_WORD_NEGATION }, { "apart from", DD_WORD_NEGATION },
  { "aside from", DD_WORD_NEGATION }, { "leave out", DD_WORD_NEGATION },
  { "leaving out", DD_WORD_NEGATION }, { "sans", DD_WORD_NEGATION },
  { "neither", DD_WORD_NEGATION }, { "nor", DD_WORD_NEGATION }, { "none of", DD_WORD_NEGATION },
  { "only", DD_WORD_RESET }, { "just", DD_WORD_RESET }, { "with", DD_WORD_RESET },
  { "plus", DD_WORD_RESET }, { "also", DD_WORD_RESET }, { "include", DD_WORD_RESET },
  { "including", DD_WORD_RESET }, { "keep", DD_WORD_RESET }, { "keeping", DD_WORD_RESET },
  { "as well as", DD_WORD_RESET }, { "along with", DD_WORD_RESET },
  { "together with", DD_WORD_RESET },
  { "and", DD_WORD_CONJUNCTION }, { "or", DD_WORD_CONJUNCTION }, { "/", DD_WORD_CONJUNCTION },
  { "+", DD_WORD_CONJUNCTION }, { "and or", DD_WORD_CONJUNCTION },
  { "any", DD_WORD_QUANTIFIER }, { "all", DD_WORD_QUANTIFIER }, { "every", DD_WORD_QUANTIFIER },
  { "each", DD_WORD_QUANTIFIER }, { "both", DD_WORD_QUANTIFIER },
  { "severity", DD_WORD_SEV_KEYWORD }, { "severities", DD_WORD_SEV_KEYWORD },
  { "sev", DD_WORD_SEV_KEYWORD }, { "sevs", DD_WORD_SEV_KEYWORD },
  { "level", DD_WORD_SEV_KEYWORD }, { "levels", DD_WORD_SEV_KEYWORD },
  { "lvl", DD_WORD_SEV_KEYWORD }, { "lvls", DD_WORD_SEV_KEYWORD }, { "lv", DD_WORD_SEV_KEYWORD },
  { "strength", DD_WORD_SEV_KEYWORD }, { "intensity", DD_WORD_SEV_KEYWORD },
  { "intensities", DD_WORD_SEV_KEYWORD }, { "severity level", DD_WORD_SEV_KEYWORD },
  { "severity levels", DD_WORD_SEV_KEYWORD },
  { "clean", DD_WORD_CLEAN }, { "uncorrupted", DD_WORD_CLEAN }, { "original", DD_WORD_CLEAN },
  { "originals", DD_WORD_CLEAN }, { "pristine", DD_WORD_CLEAN }, { "unmodified", DD_WORD_CLEAN },
  { "undistorted", DD_WORD_CLEAN }, { "unperturbed", DD_WORD_CLEAN },
  { "uncorrupt", DD_WORD_CLEAN }, { "non corrupted", DD_WORD_CLEAN },
  { "corruption", DD_WORD_CORRUPTED }, { "corruptions", DD_WORD_CORRUPTED },
  { "corrupted", DD_WORD_CORRUPTED }, { "perturbed", DD_WORD_CORRUPTED },
  { "perturbation", DD_WORD_CORRUPTED }, { "perturbations", DD_WORD_CORRUPTED },
  { "distortions", DD_WORD_CORRUPTED }, { "degraded", DD_WORD_CORRUPTED },
};

static const char *fillers[] = {
  "a", "an", "the", "of", "in", "on", "at", "for", "to", "by", "as", "into", "within",
  "images", "image", "imgs", "img", "photos", "photo", "pictures", "picture", "pics", "pic",
  "samples", "sample", "examples", "example", "data", "dataset", "subset", "set", "split",
  "splits", "give", "me", "show", "want", "need", "i", "we", "you", "can", "could", "would",
  "some", "please", "pls", "plz", "that", "are", "is", "be", "them", "those", "these", "it",
  "its", "their", "get", "use", "using", "make", "like", "versions", "version", "variants",
  "variant", "classes", "class", "categories", "category", "kinds", "kind", "types", "type",
  "files", "file", "etc", "where", "which", "there", "here", "this", "my", "our", "your",
  "around", "about", "same", "different", "ones", "one", "then", "too", "very", "really",
  "than", "more", "less", "least", "most", "up", "between", "through", "out", "other",
  "everything", "anything", "whole", "entire", "breed", "breeds", "species", "labeled",
  "labelled", "stuff", "things", "thing", "let", "lets", "us", "have", "has", "select", "pick", "choose", "grab", "return", "list", "find", "from", "per", "applied",
  "apply", "effect", "effects", "corrupt", "copies", "copy", "well", "do", "does", "dont",
  "don", "t", "s", "=", "being", "good", "matter", "part", "unit", "work", "course",
  "relation", "system", "object", "product", "production", "creation", "means", "form",
  "article", "item", "items", "piece", "pieces", "portion", "component", "constituent",
  "element", "sort", "state", "line", "way", "measure", "instance", "instances", "beings",
  "goods", "matters", "parts", "units", "works", "courses", "relations", "systems",
  "objects", "products", "creations", "forms", "articles", "portions", "components",
  "elements", "sorts", "states", "lines", "ways", "measures", NULL
};

/* ---- helpers ------------------------------------------------------------------------- */

int
dd_prompt_number (const char *word)
{
  static const char *words[] = { "zero", "one", "two", "three", "four", "five", "six", "seven",
                                 "eight", "nine", "ten", NULL };

  if (word == NULL)
    return -1;
  if (g_ascii_isdigit (word[0]))
    {
      char *end;
      long n = strtol (word, &end, 10);
      return (*end == '\0' && n >= 0 && n < 100000000) ? (int) n : -1;
    }
  for (guint i = 0; words[i]; i++)
    if (strcmp (word, words[i]) == 0)
      return i;
  return -1;
}

/* Lower case, words of letters and digits joined by single spaces ("Pay-phone" → "pay
 * phone", "spider's web" → "spiders web"). */
static char *
normalize (const char *text)
{
  g_autofree char *down = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);
  gboolean space = TRUE;

  for (const char *p = down; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (out, c);
          space = FALSE;
        }
      else if (c != '\'' && !space)
        {
          g_string_append_c (out, ' ');
          space = TRUE;
        }
    }
  while (out->len && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* The singular forms a plural may come from, most likely first ("mantises" → "mantis",
 * "mantise"; "lollies" → "lolly"; "geese" → "goose"); only the last word changes. */
static GPtrArray *
singulars (const char *phrase)
{
  static const char *irregular[][2] = {
    { "geese", "goose" }, { "mice", "mouse" }, { "oxen", "ox" }, { "wolves", "wolf" },
    { "knives", "knife" }, { "leaves", "leaf" }, { "loaves", "loaf" }, { "halves", "half" },
    { "feet", "foot" }, { "teeth", "tooth" }, { "women", "woman" }, { "men", "man" },
    { "cacti", "cactus" }, { "fungi", "fungus" }, { "people", "person" }, { "children", "child" },
  };
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *last = strrchr (phrase, ' ');
  gsize head = last ? (gsize) (last + 1 - phrase) : 0;
  const char *word = phrase + head;
  gsize len = strlen (word);
  gboolean es;

  for (guint i = 0; i < G_N_ELEMENTS (irregular); i++)
    if (strcmp (word, irregular[i][0]) == 0)
      g_ptr_array_add (out, g_strdup_printf ("%.*s%s", (int) head, phrase, irregular[i][1]));
  if (len > 3 && g_str_has_suffix (word, "ies"))
    g_ptr_array_add (out, g_strdup_printf ("%.*sy", (int) (head + len - 3), phrase));
  if (len > 3 && g_str_has_suffix (word, "ves"))
    g_ptr_array_add (out, g_strdup_printf ("%.*sf", (int) (head + len - 3), phrase));
  /* "-es" after s, x, z, ch, sh and o ("buses", "mantises", "arches"); else "-s"
   * ("oranges" is "orange", not "orang") */
  es = len > 3 && g_str_has_suffix (word, "es") &&
       (strchr ("sxzo", word[len - 3]) || g_str_has_suffix (word, "ches") ||
        g_str_has_suffix (word, "shes"));
  if (es)
    g_ptr_array_add (out, g_strndup (phrase, head + len - 2));
  if (len > 2 && word[len - 1] == 's' && word[len - 2] != 's')
    g_ptr_array_add (out, g_strndup (phrase, head + len - 1));
  if (!es && len > 3 && g_str_has_suffix (word, "es"))
    g_ptr_array_add (out, g_strndup (phrase, head + len - 2));
  return out;
}

/* Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions),
 * or @max + 1 once it is certainly above @max. */
static guint
edit_distance (const char *a,
               const char *b,
               guint       max)
{
  gsize la = strlen (a), lb = strlen (b);
  guint d[33][33];

  if (la > 32 || lb > 32 || (la > lb ? la - lb : lb - la) > max)
    return max + 1;
  for (gsize i = 0; i <= la; i++)
    d[i][0] = i;
  for (gsize j = 0; j <= lb; j++)
    d[0][j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint row_min = G_MAXUINT;

      for (gsize j = 1; j <= lb; j++)
        {
          guint cost = a[i - 1] != b[j - 1];
          guint v = MIN (MIN (d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);

          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            v = MIN (v, d[i - 2][j - 2] + 1);
          d[i][j] = v;
          row_min = MIN (row_min, v);
        }
      if (row_min > max)
        return max + 1;
    }
  return d[la][lb];
}

/* ---- building --------------------------------------------------------------------------- */

static void
add_words (DdPromptVocab *v,
           const char    *phrase,
           gboolean       target)
{
  g_auto(GStrv) words = g_strsplit (phrase, " ", -1);
  guint n = g_strv_length (words);

  v->max_words = MAX (v->max_words, n);
  for (guint i = 0; i < n; i++)
    {
      if (words[i][0] == '\0' || g_hash_table_contains (v->known, words[i]))
        continue;
      g_hash_table_add (v->known, g_strdup (words[i]));
      /* misspellings are corrected only to content words of some length, never to a
       * wnid (one digit off is another synset, not a typo) */
      if (target && strlen (words[i]) >= 4 && strpbrk (words[i], "0123456789") == NULL)
        g_ptr_array_add (v->targets, g_strdup (words[i]));
    }
}

static void
add_class_phrase (DdPromptVocab *v,
                  const char    *phrase,
                  const char    *wnid)
{
  g_autofree char *norm = normalize (phrase);
  GPtrArray *wnids;

  if (*norm == '\0')
    return;
  add_words (v, norm, TRUE);
  wnids = g_hash_table_lookup (v->classes, norm);
  if (wnids == NULL)
    {
      wnids = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (v->classes, g_strdup (norm), wnids);
    }
  for (guint i = 0; i < wnids->len; i++)
    if (g_strcmp0 (wnids->pdata[i], wnid) == 0)
      return;
  g_ptr_array_add (wnids, g_strdup (wnid));
}

/* Categories: every synset above the classes, through all hypernym paths, by each of its
 * names and by its wnid; a class's own names win over a one-class category so named. */
static void
add_categories (DdPromptVocab *v,
                DdCatalog     *catalog,
                GHashTable    *by_id)
{
  g_autoptr(DdTaxonomy) tax = dd_taxonomy_new (catalog);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) synsets = g_ptr_array_new ();
  DdWordnet *wn = dd_wordnet_get_default ();

  for (guint i = 0; i < v->all_wnids->len; i++)
    {
      g_autoptr(GPtrArray) up = dd_taxonomy_get_ancestors (tax, v->all_wnids->pdata[i]);
      for (guint j = 0; j < up->len; j++)
        if (g_hash_table_add (seen, up->pdata[j]))
          g_ptr_array_add (synsets, up->pdata[j]);
    }
  for (guint i = 0; i < synsets->len; i++)
    {
      const char *wnid = synsets->pdata[i];
      g_autoptr(GArray) under = dd_taxonomy_get_classes_under (tax, wnid);
      g_auto(GStrv) names = wn ? dd_wordnet_get_names (wn, wnid) : NULL;

      if (under == NULL || under->len == 0)
        continue;
      for (guint k = 0; k < under->len; k++)
        {
          const char *cls = g_hash_table_lookup (by_id, GUINT_TO_POINTER (g_array_index (under, guint, k)));

          if (cls == NULL)
            continue;
          add_class_phrase (v, wnid, cls);
          for (guint j = 0; names && names[j]; j++)
            {
              g_autofree char *norm = normalize (names[j]);
              GPtrArray *existing = g_hash_table_lookup (v->classes, norm);

              if (existing && existing->len == 1 && under->len == 1 &&
                  g_strcmp0 (existing->pdata[0], cls) == 0)
                continue;
              add_class_phrase (v, names[j], cls);
            }
        }
    }
}

static void
add_classes (DdPromptVocab *v,
             DdCatalog     *catalog)
{
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GHashTable) by_id = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < classes->len; i++)
    {
      DdClassInfo *c = g_ptr_array_index (classes, i);
      g_auto(GStrv) names = NULL;

      if (c == NULL || c->wnid == NULL)
        continue;
      names = g_strsplit (c->names ? c->names : c->name, ",", -1);
      g_ptr_array_add (v->all_wnids, g_strdup (c->wnid));
      g_hash_table_insert (v->class_names, g_strdup (c->wnid), g_strdup (c->name));
      g_hash_table_insert (by_id, GUINT_TO_POINTER (c->id), c->wnid);
      add_class_phrase (v, c->wnid, c->wnid);
      add_class_phrase (v, c->name, c->wnid);
      for (guint j = 0; names[j]; j++)
        add_class_phrase (v, g_strstrip (names[j]), c->wnid);
    }
  add_categories (v, catalog, by_id);
}

static void
add_corruption_phrase (DdPromptVocab *v,
                       const char    *phrase,
                       const char    *target)
{
  g_autofree char *norm = normalize (phrase);
  g_auto(GStrv) words = g_strsplit (norm, " ", -1);

  add_words (v, norm, TRUE);
  g_hash_table_insert (v->corruptions, g_strdup (norm), g_strdup (target));
  /* "gaussian noise": "gaussian" modifies, "noise" heads ("gaussian + shot noise") */
  if (g_strv_length (words) == 2)
    {
      g_hash_table_add (v->modifiers, g_strdup (words[0]));
      g_hash_table_add (v->heads, g_strdup (words[1]));
    }
}

static void
add_corruptions (DdPromptVocab *v,
                 DdCatalog     *catalog)
{
  g_autoptr(GPtrArray) corruptions = dd_catalog_list_corruptions (catalog);
  const char * const *standard = dd_standard_corruptions ();

  /* every known name, present or not: a name the dataset lacks selects nothing */
  for (guint i = 0; standard[i]; i++)
    add_corruption_phrase (v, standard[i], standard[i]);
  for (guint i = 0; i < corruptions->len; i++)
    {
      DdCorruptionInfo *c = g_ptr_array_index (corruptions, i);

      if (c == NULL || c->id == 0 || g_strcmp0 (c->name, "none") == 0)
        continue;
      g_ptr_array_add (v->corruption_names, g_strdup (c->name));
      g_hash_table_insert (v->families, g_strdup (c->name), g_strdup (c->family));
      add_corruption_phrase (v, c->name, c->name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (corruption_words); i++)
    add_corruption_phrase (v, corruption_words[i].phrase, corruption_words[i].target);
}

static DdPromptVocab *
vocab_build (DdCatalog *catalog)
{
  DdPromptVocab *v = g_new0 (DdPromptVocab, 1);
  g_autoptr(GPtrArray) splits = dd_catalog_list_splits (catalog);

  g_atomic_ref_count_init (&v->ref);
  v->classes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  v->class_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  v->corruptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  v->heads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v->modifiers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  v->targets = g_ptr_array_new_with_free_func (g_free);
  v->all_wnids = g_ptr_array_new_with_free_func (g_free);
  v->corruption_names = g_ptr_array_new_with_free_func (g_free);
  v->families = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  v->splits = g_ptr_array_new_with_free_func (g_free);

  add_classes (v, catalog);
  add_corruptions (v, catalog);
  for (guint i = 0; i < splits->len; i++)
    g_ptr_array_add (v->splits, g_strdup (((DdSplitInfo *) splits->pdata[i])->name));
  for (guint i = 0; i < G_N_ELEMENTS (split_words); i++)
    add_words (v, split_words[i].phrase, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (flag_words); i++)
    add_words (v, flag_words[i].phrase, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (severity_words); i++)
    add_words (v, severity_words[i].phrase, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (comparators); i++)
    add_words (v, comparators[i].phrase, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (small_words); i++)
    add_words (v, small_words[i].phrase,
               small_words[i].kind == DD_WORD_SEV_KEYWORD || small_words[i].kind == DD_WORD_CLEAN ||
               small_words[i].kind == DD_WORD_CORRUPTED);
  for (guint i = 0; fillers[i]; i++)
    add_words (v, fillers[i], FALSE);
  v->max_words = MAX (v->max_words, 4);
  return v;
}

void
dd_prompt_vocab_unref (DdPromptVocab *v)
{
  if (v == NULL || !g_atomic_ref_count_dec (&v->ref))
    return;
  g_hash_table_unref (v->classes);
  g_hash_table_unref (v->class_names);
  g_hash_table_unref (v->corruptions);
  g_hash_table_unref (v->heads);
  g_hash_table_unref (v->modifiers);
  g_hash_table_unref (v->known);
  g_ptr_array_unref (v->targets);
  g_ptr_array_unref (v->all_wnids);
  g_ptr_array_unref (v->corruption_names);
  g_hash_table_unref (v->families);
  g_ptr_array_unref (v->splits);
  g_free (v);
}

static GMutex vocab_lock;

/* The vocabulary of a catalog, built once per catalog generation (the sentence after the
 * first costs only its parsing); the caller holds a reference. */
DdPromptVocab *
dd_prompt_vocab_get (DdCatalog *catalog)
{
  guint64 generation = dd_catalog_get_generation (catalog);
  DdPromptVocab *v;

  g_mutex_lock (&vocab_lock);
  v = g_object_get_data (G_OBJECT (catalog), "dd-prompt-vocab");
  if (v == NULL || v->generation != generation)
    {
      v = vocab_build (catalog);
      v->generation = generation;
      g_object_set_data_full (G_OBJECT (catalog), "dd-prompt-vocab", v,
                              (GDestroyNotify) dd_prompt_vocab_unref);
    }
  g_atomic_ref_count_inc (&v->ref);
  g_mutex_unlock (&vocab_lock);
  return v;
}

/* ---- look-ups ------------------------------------------------------------------------ */

GPtrArray *
dd_prompt_vocab_all_classes (DdPromptVocab *v)
{
  return v->all_wnids;
}

GPtrArray *
dd_prompt_vocab_corruptions (DdPromptVocab *v)
{
  return v->corruption_names;
}

GPtrArray *
dd_prompt_vocab_splits (DdPromptVocab *v)
{
  return v->splits;
}

const char *
dd_prompt_vocab_family (DdPromptVocab *v,
                        const char    *corruption)
{
  const char *family = g_hash_table_lookup (v->families, corruption);
  return family ? family : dd_corruption_family_of (corruption);
}

guint
dd_prompt_vocab_max_words (DdPromptVocab *v)
{
  return v->max_words;
}

GPtrArray *
dd_prompt_vocab_classes (DdPromptVocab  *v,
                         const char     *phrase,
                         const char    **label)
{
  GPtrArray *wnids = g_hash_table_lookup (v->classes, phrase);

  if (wnids == NULL)
    {
      g_autoptr(GPtrArray) forms = singulars (phrase);
      for (guint i = 0; wnids == NULL && i < forms->len; i++)
        wnids = g_hash_table_lookup (v->classes, forms->pdata[i]);
    }
  if (wnids && label)
    *label = wnids->len == 1 ? g_hash_table_lookup (v->class_names, wnids->pdata[0]) : NULL;
  return wnids;
}

const char *
dd_prompt_vocab_corruption (DdPromptVocab *v,
                            const char    *phrase)
{
  return g_hash_table_lookup (v->corruptions, phrase);
}

gboolean
dd_prompt_vocab_is_head (DdPromptVocab *v,
                         const char    *word)
{
  return g_hash_table_contains (v->heads, word);
}

gboolean
dd_prompt_vocab_is_modifier (DdPromptVocab *v,
                             const char    *word)
{
  return g_hash_table_contains (v->modifiers, word);
}

const char *
dd_prompt_vocab_sole_corruption (DdPromptVocab *v,
                                 const char    *word)
{
  const char *found = NULL;
  gsize len = strlen (word);

  for (guint i = 0; i < v->corruption_names->len; i++)
    {
      const char *name = v->corruption_names->pdata[i];
      if (strncmp (name, word, len) == 0 && name[len] == '_')
        {
          if (found)
            return NULL;
          found = name;
        }
    }
  return found;
}

guint32
dd_prompt_vocab_flags (DdPromptVocab *v,
                       const char    *phrase,
                       gboolean      *group)
{
  g_autoptr(GPtrArray) forms = singulars (phrase);

  g_ptr_array_insert (forms, 0, g_strdup (phrase));
  for (guint k = 0; k < forms->len; k++)
    for (guint i = 0; i < G_N_ELEMENTS (flag_words); i++)
      if (strcmp (forms->pdata[k], flag_words[i].phrase) == 0)
        {
          if (group)
            *group = (flag_words[i].flags & (flag_words[i].flags - 1)) != 0;
          return flag_words[i].flags;
        }
  return 0;
}

const char *
dd_prompt_vocab_split (DdPromptVocab *v,
                       const char    *phrase)
{
  for (guint i = 0; i < G_N_ELEMENTS (split_words); i++)
    if (strcmp (phrase, split_words[i].phrase) == 0)
      return split_words[i].split;
  /* a split the catalog has under its own name */
  for (guint i = 0; i < v->splits->len; i++)
    if (g_ascii_strcasecmp (phrase, v->splits->pdata[i]) == 0)
      return v->splits->pdata[i];
  return NULL;
}

int
dd_prompt_vocab_severity_word (const char *phrase,
                               gboolean   *superlative)
{
  for (guint i = 0; i < G_N_ELEMENTS (severity_words); i++)
    if (strcmp (phrase, severity_words[i].phrase) == 0)
      {
        *superlative = severity_words[i].superlative;
        return severity_words[i].mask;
      }
  return 0;
}

DdComparator
dd_prompt_vocab_comparator (const char *phrase)
{
  for (guint i = 0; i < G_N_ELEMENTS (comparators); i++)
    if (strcmp (phrase, comparators[i].phrase) == 0)
      return comparators[i].cmp;
  return DD_CMP_NONE;
}

DdWordKind
dd_prompt_vocab_word_kind (const char *phrase)
{
  for (guint i = 0; i < G_N_ELEMENTS (small_words); i++)
    if (strcmp (phrase, small_words[i].phrase) == 0)
      return small_words[i].kind;
  if (g_strv_contains (fillers, phrase))
    return DD_WORD_FILLER;
  return DD_WORD_NONE;
}

gboolean
dd_prompt_vocab_knows (DdPromptVocab *v,
                       const char    *word)
{
  g_autoptr(GPtrArray) forms = NULL;

  if (g_hash_table_contains (v->known, word) || dd_prompt_number (word) >= 0)
    return TRUE;
  forms = singulars (word);
  for (guint i = 0; i < forms->len; i++)
    if (g_hash_table_contains (v->known, forms->pdata[i]))
      return TRUE;
  return dd_wordnet_is_word (dd_wordnet_get_default (), word);
}

/* The one target nearest to @word within @max, or NULL (none, or a tie). */
static const char *
nearest (DdPromptVocab *v,
         const char    *word,
         guint          max,
         gboolean      *tie)
{
  const char *best = NULL;
  guint best_distance = max + 1;

  *tie = FALSE;
  for (guint i = 0; i < v->targets->len; i++)
    {
      const char *target = v->targets->pdata[i];
      guint d = edit_distance (word, target, max);

      if (d > max || d > best_distance)
        continue;
      *tie = d == best_distance;
      best_distance = d;
      best = target;
    }
  return *tie ? NULL : best;
}

const char *
dd_prompt_vocab_correct (DdPromptVocab *v,
                         const char    *word)
{
  gsize len = strlen (word);
  guint max = len >= 9 ? 2 : 1;
  g_autoptr(GPtrArray) forms = NULL;
  const char *best;
  gboolean tie;

  if (len < 5 || !g_ascii_isalpha (word[0]))
    return NULL;
  /* the word as typed first, then its singulars ("retreivers"); two equally near
   * words: never guess */
  if ((best = nearest (v, word, max, &tie)) != NULL || tie)
    return best;
  forms = singulars (word);
  for (guint k = 0; k < forms->len; k++)
    if ((best = nearest (v, forms->pdata[k], max, &tie)) != NULL || tie)
      return best;
  return NULL;
}
