/* The offline interpreter's reading of a sentence: words (with short forms such as "s3",
 * "2..4", "≤ 2" and misspellings resolved), then one reader per kind of clause —
 * quotas, severities, negation, clean/corrupted, and the longest phrase naming a health
 * kind, corruption, split or class — each placing what it understands. */
#define G_LOG_DOMAIN "datadive-prompt"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-prompt-private.h"

/* ---- words ---------------------------------------------------------------------------- */

static void
append_symbol (GString    *s,
               const char *text)
{
  g_string_append_c (s, ' ');
  g_string_append (s, text);
  g_string_append_c (s, ' ');
}

/* A hyphen or dash: a range between numbers ("4-5", "s1-s3"), a pause when it stands
 * alone (" - "), else it joins two words ("low-contrast"). */
static void
append_dash (GString  *s,
             gunichar  prev,
             gunichar  next)
{
  if (g_unichar_isdigit (prev) || g_unichar_isdigit (next))
    append_symbol (s, "-");
  else if (g_unichar_isspace (prev) && (g_unichar_isspace (next) || next == 0))
    append_symbol (s, ",");
  else
    g_string_append_c (s, ' ');
}

/* The sentence in lower case with every symbol that means something as its own word. */
static char *
spaced_text (const char *text)
{
  /* compatibility forms first: full-width letters, ligatures, "①" */
  g_autofree char *folded = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autofree char *down = g_utf8_strdown (folded ? folded : "", -1);
  GString *s = g_string_new (NULL);
  gunichar prev = ' ';

  for (const char *c = down; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      const char *nx = g_utf8_next_char (c);
      gunichar next = *nx ? g_utf8_get_char (nx) : 0;

      if (u == 'w' && next == '/' && !g_unichar_isalnum (prev))
        {
          /* "w/" with, "w/o" without */
          gboolean without = nx[1] == 'o' && !g_ascii_isalnum (nx[2]);
          append_symbol (s, without ? "without" : "with");
          c = without ? nx + 1 : nx;
          prev = '/';
          continue;
        }
      if (g_unichar_isalnum (u))
        g_string_append_unichar (s, u);
      else if (u == '.' && next == '.')
        {
          append_symbol (s, "-");   /* "2..4" */
          while (c[1] == '.')
            c++;
        }
      else if (strchr (",;:!?.()[]{}\"", (int) u) && u < 0x80)
        append_symbol (s, ",");
      else if (u == '-' || u == 0x2010 || u == 0x2013 || u == 0x2014 || u == 0x2212)
        append_dash (s, prev, next);
      else if (u == '+' || u == '/')
        append_symbol (s, u == '+' ? "+" : "/");
      else if (u == '&')
        append_symbol (s, "and");
      else if (u == 0x2264 || (u == '<' && next == '='))
        append_symbol (s, "at most");
      else if (u == 0x2265 || (u == '>' && next == '='))
        append_symbol (s, "at least");
      else if (u == '<' || u == '>')
        append_symbol (s, u == '<' ? "below" : "above");
      else if (u != '\'' && u != 0x2019 && u != '=')
        g_string_append_c (s, ' ');
      if ((u == '<' || u == '>') && next == '=')
        c++;
      prev = u;
    }
  return g_string_free (s, FALSE);
}

/* "s3", "sev3", "lvl4", "l5": a severity keyword and its number. */
static gboolean
split_short_form (const char *word,
                  GPtrArray  *out)
{
  static const char *prefixes[] = { "severity", "level", "sev", "lvl", "lv", "s", "l" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize len = strlen (prefixes[i]);

      if (g_str_has_prefix (word, prefixes[i]) && word[len] >= '0' && word[len] <= '5' &&
          word[len + 1] == '\0')
        {
          g_ptr_array_add (out, g_strdup ("severity"));
          g_ptr_array_add (out, g_strdup (word + len));
          return TRUE;
        }
    }
  return FALSE;
}

/* Number words above ten ("fifty", "twenty five", "one hundred") become digits; zero to
 * ten stay words (dd_prompt_number reads them). Returns the words read. */
static guint
number_words (char   **words,
              guint64 *value)
{
  static const char *units[] = { "zero", "one", "two", "three", "four", "five", "six", "seven",
                                 "eight", "nine", "ten", "eleven", "twelve", "thirteen",
                                 "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                                 "nineteen", NULL };
  static const char *tens[] = { "", "", "twenty", "thirty", "forty", "fifty", "sixty",
                                "seventy", "eighty", "ninety", NULL };
  guint64 total = 0, part = 0;
  guint n = 0;
  gboolean big = FALSE, after_unit = FALSE;

  for (; words[n]; n++)
    {
      guint k;

      for (k = 0; units[k] && strcmp (words[n], units[k]) != 0; k++)
        ;
      if (units[k] && !after_unit)
        {
          /* "twenty five", "one hundred and five"; never "one two" */
          part += k;
          big |= k > 10 || n > 0;
          after_unit = TRUE;
          continue;
        }
      for (k = 2; tens[k] && strcmp (words[n], tens[k]) != 0; k++)
        ;
      if (tens[k] && !after_unit && part % 100 == 0)
        {
          part += 10 * k;
          big = TRUE;
          continue;
        }
      if (strcmp (words[n], "hundred") == 0 || strcmp (words[n], "thousand") == 0)
        {
          part = MAX (part, 1) * (words[n][0] == 'h' ? 100 : 1000);
          total += part;
          part = 0;
          big = TRUE;
          after_unit = FALSE;
          continue;
        }
      break;
    }
  *value = total + part;
  return big ? n : 0;
}

static void
tokenize (DdPromptParse *p,
          const char    *text)
{
  g_autofree char *spaced = spaced_text (text);
  g_auto(GStrv) raw = g_strsplit (g_strstrip (spaced), " ", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();

  for (guint i = 0; raw[i]; i++)
    if (raw[i][0] != '\0' && !split_short_form (raw[i], words))
      g_ptr_array_add (words, g_strdup (raw[i]));
  g_ptr_array_add (words, NULL);
  for (guint i = 0; i < words->len - 1;)
    {
      guint64 value;
      guint n = number_words ((char **) words->pdata + i, &value);

      if (n > 0)
        {
          g_ptr_array_add (tokens, g_strdup_printf ("%" G_GUINT64_FORMAT, value));
          i += n;
          continue;
        }
      /* "s2..s4" → severity 2 - 4 */
      if (tokens->len > 0 && strcmp (words->pdata[i], "severity") == 0 &&
          strcmp (tokens->pdata[tokens->len - 1], "-") == 0 &&
          dd_prompt_number (words->pdata[i + 1]) >= 0)
        {
          i++;
          continue;
        }
      g_ptr_array_add (tokens, g_strdup (words->pdata[i]));
      i++;
    }
  p->n = tokens->len;
  g_ptr_array_add (tokens, NULL);
  p->tok = (char **) g_ptr_array_free (g_steal_pointer (&tokens), FALSE);
  p->typed = g_strdupv (p->tok);
  p->used = g_new0 (gboolean, MAX (p->n, 1));
}

/* Misspelt words take the vocabulary word they are closest to ("gausian" → "gaussian");
 * English words and words the interpreter knows are left alone. */
static void
correct_words (DdPromptParse *p,
               DdPromptVocab *v)
{
  for (guint i = 0; i < p->n; i++)
    {
      const char *fix;

      if (dd_prompt_vocab_knows (v, p->tok[i]) || !(fix = dd_prompt_vocab_correct (v, p->tok[i])))
        continue;
      g_free (p->tok[i]);
      p->tok[i] = g_strdup (fix);
    }
}

/* ---- helpers of the readers --------------------------------------------------------------- */

/* Words i … i + n - 1 joined, or NULL past the end or across a comma. */
static char *
phrase_at (DdPromptParse *p,
           guint          i,
           guint          n)
{
  GString *s;

  if (n == 0 || i + n > p->n)
    return NULL;
  s = g_string_new (NULL);
  for (guint k = i; k < i + n; k++)
    {
      if (strcmp (p->tok[k], ",") == 0 || p->used[k])
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

const char *
dd_prompt_word (DdPromptParse *p,
                guint          i)
{
  return i < p->n && !p->used[i] ? p->tok[i] : NULL;
}

static gboolean
word_is (DdPromptParse *p,
         guint          i,
         const char    *text)
{
  return g_strcmp0 (dd_prompt_word (p, i), text) == 0;
}

guint
dd_prompt_mark (DdPromptParse *p,
                guint          i,
                guint          n)
{
  for (guint k = i; k < i + n && k < p->n; k++)
    p->used[k] = TRUE;
  return n;
}

/* Whether the item of @kind just read is negated: a negation governs the next item and
 * the items of the same kind that follow it ("no dogs or cats"); another kind, a comma
 * or "only"/"with" ends it. */
static gboolean
polarity (DdPromptParse *p,
          DdClauseKind   kind)
{
  p->understood++;
  if (p->neg_pending)
    {
      p->neg_pending = FALSE;
      p->neg_kind = kind;
      return TRUE;
    }
  if (p->neg_kind == kind)
    return TRUE;
  p->neg_kind = DD_KIND_NONE;
  return FALSE;
}

/* "gausian" was read as gaussian_noise: said in the explanation. */
static void
note_corrections (DdPromptParse *p,
                  guint          i,
                  guint          n,
                  const char    *meaning)
{
  for (guint k = i; k < i + n && k < p->n; k++)
    if (strcmp (p->tok[k], p->typed[k]) != 0)
      g_ptr_array_add (p->corrections, g_strdup_printf ("%s → %s", p->typed[k], meaning));
}

/* ---- quotas ---------------------------------------------------------------------------- */

static guint
phrase_len_in (DdPromptParse      *p,
               guint               i,
               const char * const *phrases)
{
  for (guint n = 3; n >= 1; n--)
    {
      g_autofree char *phrase = phrase_at (p, i, n);
      if (phrase && g_strv_contains (phrases, phrase))
        return n;
    }
  return 0;
}

/* "per class", "/class", "a class", "each", "of each class", "apiece": the end of a quota;
 * returns its length or 0. */
static guint
quota_marker (DdPromptParse *p,
              guint          k)
{
  static const char *markers[] = { "per", "/", "a", "each", "of each", "from each", "for each",
                                   "per each", NULL };
  static const char *units[] = { "class", "classes", "category", "label", "wnid", "synset", NULL };
  guint n;

  if (word_is (p, k, "apiece"))
    return 1;
  if ((n = phrase_len_in (p, k, markers)) == 0)
    return 0;
  if (dd_prompt_word (p, k + n) && g_strv_contains (units, p->tok[k + n]))
    return n + 1;
  /* "each" and "of each" stand alone; "per", "/" and "a" need their class */
  return g_str_has_suffix (p->tok[k + n - 1], "each") ? n : 0;
}

/* Quotas ("100 per class", "max 50 each", "at most 20 per class", "25/class") and seeds. */
static guint
read_quota (DdPromptParse *p,
            guint          i)
{
  static const char *prefixes[] = { "max", "maximum", "at most", "up to", "upto", "no more than",
                                    "not more than", "cap at", "capped at", "cap", "limit",
                                    "limit to", "limited to", "limit of", NULL };
  static const char *units[] = { "images", "image", "imgs", "img", "samples", "sample", "pics",
                                 "pic", "photos", "photo", "pictures", "examples", "items",
                                 "files", "instances", NULL };
  static const char *seeds[] = { "seed", "random seed", "rng seed", "seeded with", NULL };
  guint k = i, end;
  int n;

  if ((k += phrase_len_in (p, i, seeds)) > i)
    {
      guint64 seed;

      k += word_is (p, k, "of");
      if (!dd_prompt_word (p, k) ||
          !g_ascii_string_to_unsigned (p->tok[k], 10, 0, G_MAXUINT64, &seed, NULL))
        return 0;
      p->seed = seed;
      p->seed_set = TRUE;
      p->understood++;
      return dd_prompt_mark (p, i, k + 1 - i);
    }
  k += phrase_len_in (p, i, prefixes);
  if ((n = dd_prompt_number (dd_prompt_word (p, k))) < 1)
    return 0;
  k++;
  while (dd_prompt_word (p, k) && g_strv_contains (units, p->tok[k]))
    k++;
  if ((end = quota_marker (p, k)) == 0)
    return 0;
  p->quota = n;
  p->understood++;
  return dd_prompt_mark (p, i, k + end - i);
}

/* ---- severities ------------------------------------------------------------------------- */

/* Severities lo … hi; 0 (clean) only when asked for by that number. */
static int
range_mask (int lo,
            int hi)
{
  int mask = 0;

  for (int s = MAX (lo, 0); s <= MIN (hi, 5); s++)
    mask |= 1 << s;
  return mask;
}

static int
comparator_mask (DdComparator cmp,
                 int          n)
{
  switch (cmp)
    {
    case DD_CMP_AT_LEAST: return range_mask (MAX (n, 1), 5);
    case DD_CMP_AT_MOST:  return range_mask (1, n);
    case DD_CMP_ABOVE:    return range_mask (n + 1, 5);
    case DD_CMP_BELOW:    return range_mask (1, n - 1);
    case DD_CMP_NONE:
    default:              return 0;
    }
}

static guint
comparator_at (DdPromptParse *p,
               guint          i,
               DdComparator  *cmp)
{
  for (guint n = 3; n >= 1; n--)
    {
      g_autofree char *phrase = phrase_at (p, i, n);
      if (phrase && (*cmp = dd_prompt_vocab_comparator (phrase)) != DD_CMP_NONE)
        return n;
    }
  return 0;
}

static guint
keyword_at (DdPromptParse *p,
            guint          i)
{
  for (guint n = 2; n >= 1; n--)
    {
      g_autofree char *phrase = phrase_at (p, i, n);
      if (phrase && dd_prompt_vocab_word_kind (phrase) == DD_WORD_SEV_KEYWORD)
        return n;
    }
  return 0;
}

static int
severity_number (DdPromptParse *p,
                 guint          i)
{
  int n = dd_prompt_number (dd_prompt_word (p, i));
  return n <= 5 ? n : -1;
}

/* "N or more", "N and above", "N+", "N or less", "N and below": 0 when none follows. */
static guint
open_range (DdPromptParse *p,
            guint          i,
            int            n,
            int           *mask)
{
  static const char *up[] = { "or more", "or higher", "or above", "or greater", "and above",
                              "and up", "and higher", "and over", "+", "or worse", NULL };
  static const char *down[] = { "or less", "or lower", "or below", "or fewer", "and below",
                                "and under", "and lower", "or milder", NULL };
  guint k;

  if ((k = phrase_len_in (p, i + 1, up)) > 0)
    *mask = range_mask (n, 5);
  else if ((k = phrase_len_in (p, i + 1, down)) > 0)
    *mask = range_mask (1, n);
  return k;
}

/* A severity expression at @i: "3", "3 to 5", "2-4", "1, 3 and 5", "4 or more", "at
 * least 4", "up to 2", "below 3"; returns the words read and sets @mask. */
static guint
severity_expr (DdPromptParse *p,
               guint          i,
               gboolean       list,
               int           *mask)
{
  static const char *to[] = { "to", "-", "through", "thru", "till", "until", NULL };
  DdComparator cmp = DD_CMP_NONE;
  guint k, c;
  int a, b;

  if ((c = comparator_at (p, i, &cmp)) > 0)
    {
      k = i + c + keyword_at (p, i + c);
      if ((a = severity_number (p, k)) < 0)
        return 0;
      *mask = comparator_mask (cmp, a);
      return k + 1 - i;
    }
  if ((a = severity_number (p, i)) < 0)
    return 0;
  if ((k = phrase_len_in (p, i + 1, to)) > 0 && (b = severity_number (p, i + 1 + k)) >= 0)
    {
      *mask = range_mask (MIN (a, b), MAX (a, b));
      return k + 2;
    }
  if ((k = open_range (p, i, a, mask)) > 0)
    return k + 1;
  if (!list)
    return 0;
  /* a list: 3, 4 and 5 (0 is clean) */
  *mask = 0;
  for (k = i; (a = severity_number (p, k)) >= 0; k++)
    {
      *mask |= 1 << a;
      if (!(word_is (p, k + 1, ",") || word_is (p, k + 1, "and") || word_is (p, k + 1, "or")) ||
          severity_number (p, k + 2) < 0)
        break;
      k++;
    }
  return *mask ? k + 1 - i : 0;
}

static void
add_severities (DdPromptParse *p,
                int            mask)
{
  if (polarity (p, DD_KIND_SEVERITY))
    p->sev_neg |= mask;
  else
    p->sev_pos |= mask;
}

/* "severity 3", "levels 2-4", "sev 3 or more", or the keyword alone ("all severities
 * except 1": numbers just after it still speak of severities). */
static guint
read_severity_keyword (DdPromptParse *p,
                       guint          i)
{
  static const char *skip[] = { "of", "is", "at", "between", "from", NULL };
  guint kw = keyword_at (p, i), k, used;
  int mask = 0;

  if (kw == 0)
    return 0;
  k = i + kw;
  while (dd_prompt_word (p, k) && g_strv_contains (skip, p->tok[k]) &&
         !(word_is (p, k + 1, "least") || word_is (p, k + 1, "most")))
    k++;
  used = severity_expr (p, k, TRUE, &mask);
  p->sev_context_until = k + used + 3;
  note_corrections (p, i, kw, "severity");
  if (used == 0)
    return dd_prompt_mark (p, i, kw);
  add_severities (p, mask);
  return dd_prompt_mark (p, i, k + used - i);
}

/* "the two mildest", "top two", "harshest", "most severe", "mild", "heavy". */
static guint
read_severity_word (DdPromptParse *p,
                    DdPromptVocab *v,
                    guint          i)
{
  gboolean superlative = FALSE;
  int mask = 0, count = 1;
  guint n, first = i;

  for (n = 2; n >= 1 && mask == 0; n--)
    {
      g_autofree char *phrase = phrase_at (p, i, n);
      if (phrase)
        mask = dd_prompt_vocab_severity_word (phrase, &superlative);
    }
  n++;
  if (mask == 0)
    return 0;
  if (!superlative)
    {
      /* a word of a corruption's own name is not a severity ("low-contrast") */
      for (guint len = 2; len <= 3; len++)
        {
          g_autofree char *phrase = phrase_at (p, i, len);
          if (phrase && dd_prompt_vocab_corruption (v, phrase))
            return 0;
        }
      add_severities (p, mask);
      return dd_prompt_mark (p, i, n);
    }
  if ((strcmp (p->tok[i], "top") == 0 || strcmp (p->tok[i], "bottom") == 0) &&
      dd_prompt_number (dd_prompt_word (p, i + 1)) < 1 && keyword_at (p, i + 1) == 0)
    return 0;
  if (i > 0 && !p->used[i - 1] && dd_prompt_number (p->tok[i - 1]) >= 1)
    count = dd_prompt_number (p->tok[--first]);
  else if (dd_prompt_number (dd_prompt_word (p, i + n)) >= 1)
    count = dd_prompt_number (p->tok[i + n++]);
  count = MIN (count, 5);
  add_severities (p, mask == 0x2 ? range_mask (1, count) : range_mask (6 - count, 5));
  dd_prompt_mark (p, first, i + n - first);
  return n;
}

static guint
read_severity (DdPromptParse *p,
               DdPromptVocab *v,
               guint          i)
{
  gboolean context = i < p->sev_context_until || i == p->corr_end;
  guint used;
  int mask = 0;

  if ((used = read_severity_keyword (p, i)) > 0)
    return used;
  /* a comparator, a range or "N or more" reads as severities anywhere; a bare number only
   * after a severity keyword or a corruption ("fog 3") */
  if ((used = severity_expr (p, i, context, &mask)) > 0 && mask != 0)
    {
      add_severities (p, mask);
      return dd_prompt_mark (p, i, used);
    }
  return read_severity_word (p, v, i);
}

/* ---- negation and its ends --------------------------------------------------------------- */

static guint
read_steering (DdPromptParse *p,
               guint          i)
{
  static const char *not_negating[] = { "only", "also", "just", "with", "in", "at", "on", "for",
                                        "from", "still", NULL };

  if (strcmp (p->tok[i], ",") == 0)
    {
      /* "dogs, except poodles, at severity 5": an exception ends with its clause */
      p->neg_pending = FALSE;
      p->neg_clause = FALSE;
      p->neg_kind = DD_KIND_NONE;
      return dd_prompt_mark (p, i, 1);
    }
  for (guint n = 3; n >= 1; n--)
    {
      g_autofree char *phrase = phrase_at (p, i, n);
      DdWordKind kind = phrase ? dd_prompt_vocab_word_kind (phrase) : DD_WORD_NONE;

      if (kind == DD_WORD_NEGATION)
        {
          /* "A but B" removes B; "but not", "but only", "but in fog" do not negate twice */
          if (strcmp (phrase, "but") == 0 && dd_prompt_word (p, i + 1) &&
              (dd_prompt_vocab_word_kind (p->tok[i + 1]) == DD_WORD_NEGATION ||
               g_strv_contains (not_negating, p->tok[i + 1])))
            return dd_prompt_mark (p, i, 1);
          p->neg_pending = TRUE;
          p->neg_clause = TRUE;
          p->neg_kind = DD_KIND_NONE;
          return dd_prompt_mark (p, i, n);
        }
      if (kind == DD_WORD_RESET)
        {
          p->neg_pending = FALSE;
          p->neg_clause = FALSE;
          p->neg_kind = DD_KIND_NONE;
          return dd_prompt_mark (p, i, n);
        }
      if (kind == DD_WORD_CONJUNCTION)
        return dd_prompt_mark (p, i, n);
    }
  return 0;
}

/* ---- clean and corrupted ------------------------------------------------------------------- */

/* "clean", "original images", "no corruption" (clean only); "corrupted", "any corruption",
 * "no clean images" (corrupted only). "corruptions" right after a corruption name is
 * only its head noun ("weather corruptions"). */
static guint
read_clean (DdPromptParse *p,
            guint          i)
{
  for (guint n = 2; n >= 1; n--)
    {
      g_autofree char *phrase = phrase_at (p, i, n);
      DdWordKind kind = phrase ? dd_prompt_vocab_word_kind (phrase) : DD_WORD_NONE;
      gboolean negated;

      if (kind != DD_WORD_CLEAN && kind != DD_WORD_CORRUPTED)
        continue;
      if (kind == DD_WORD_CORRUPTED && i == p->corr_end)
        return dd_prompt_mark (p, i, n);
      negated = polarity (p, DD_KIND_CORRUPTION);
      if ((kind == DD_WORD_CLEAN) != negated)
        p->clean = TRUE;
      else
        p->corrupted = TRUE;
      note_corrections (p, i, n, phrase);
      return dd_prompt_mark (p, i, n);
    }
  return 0;
}

/* ---- health kinds, corruptions, splits and classes: the longest phrase wins ------------------ */

static guint
read_flag (DdPromptParse *p,
           guint          i,
           guint          n,
           guint32        flags)
{
  /* A health kind is only ever excluded, so a negation anywhere earlier in the clause
   * governs it ("drop the test split and anything unreadable"). A bare mention ("the
   * grayscale ones") asks for something a recipe cannot say: it stays unplaced. */
  if (!polarity (p, DD_KIND_FLAG) && !p->neg_clause)
    {
      p->understood--;
      return 0;
    }
  p->flags |= flags;
  for (guint k = 0; k < DD_HEALTH_N_KINDS; k++)
    if (flags == DD_HEALTH_FLAG (k))
      note_corrections (p, i, n, dd_health_kind_to_string (k));
  return dd_prompt_mark (p, i, n);
}

static void
add_corruption (DdPromptParse *p,
                DdPromptVocab *v,
                const char    *target,
                gboolean       negated)
{
  GHashTable *set = negated ? p->corr_neg : p->corr_pos;
  GPtrArray *names = dd_prompt_vocab_corruptions (v);

  if (!dd_is_corruption_family (target))
    {
      g_hash_table_add (set, g_strdup (target));
      return;
    }
  for (guint k = 0; k < names->len; k++)
    if (g_strcmp0 (dd_prompt_vocab_family (v, names->pdata[k]), target) == 0)
      g_hash_table_add (set, g_strdup (names->pdata[k]));
  /* a family this dataset lacks: the subset is empty of it, which is fine */
  g_hash_table_add (set, g_strconcat ("@", target, NULL));
}

static guint
read_corruption (DdPromptParse *p,
                 DdPromptVocab *v,
                 guint          i,
                 guint          n,
                 const char    *target)
{
  add_corruption (p, v, target, polarity (p, DD_KIND_CORRUPTION));
  note_corrections (p, i, n, target);
  p->corr_end = i + n;
  return dd_prompt_mark (p, i, n);
}

/* "gaussian + shot noise", "shot/impulse noise", "gaussian, shot and impulse noise": a
 * modifier takes the head word that ends the list. */
static const char *
shared_head (DdPromptParse *p,
             DdPromptVocab *v,
             guint          i)
{
  guint k = i + 1;

  if (!dd_prompt_vocab_is_modifier (v, p->tok[i]))
    return NULL;
  while (dd_prompt_word (p, k) && (dd_prompt_vocab_word_kind (p->tok[k]) == DD_WORD_CONJUNCTION ||
                         strcmp (p->tok[k], ",") == 0 || dd_prompt_vocab_is_modifier (v, p->tok[k])))
    k++;
  if (dd_prompt_word (p, k) && dd_prompt_vocab_is_head (v, p->tok[k]))
    {
      g_autofree char *phrase = g_strconcat (p->tok[i], " ", p->tok[k], NULL);
      const char *target = dd_prompt_vocab_corruption (v, phrase);
      if (target)
        return target;
    }
  return dd_prompt_vocab_sole_corruption (v, p->tok[i]);
}

static guint
read_class (DdPromptParse *p,
            DdPromptVocab *v,
            guint          i,
            guint          n,
            const char    *phrase,
            GPtrArray     *wnids,
            const char    *label)
{
  gboolean negated = polarity (p, DD_KIND_CLASS);
  GHashTable *set = negated ? p->class_neg : p->class_pos;
  g_autofree char *said = label ? g_strdup (label)
                                : g_strdup_printf (_("%s (%u classes)"), phrase, wnids->len);

  for (guint k = 0; k < wnids->len; k++)
    g_hash_table_add (set, g_strdup (wnids->pdata[k]));
  g_ptr_array_add (p->said, negated ? g_strdup_printf (_("not %s"), said) : g_strdup (said));
  note_corrections (p, i, n, said);
  return dd_prompt_mark (p, i, n);
}

static guint
read_phrase (DdPromptParse *p,
             DdPromptVocab *v,
             guint          i)
{
  for (guint n = MIN (dd_prompt_vocab_max_words (v), p->n - i); n >= 1; n--)
    {
      g_autofree char *phrase = phrase_at (p, i, n);
      const char *target, *label = NULL;
      GPtrArray *wnids;
      guint32 flags;

      if (phrase == NULL)
        continue;
      if ((flags = dd_prompt_vocab_flags (v, phrase, NULL)) != 0)
        return read_flag (p, i, n, flags);
      if ((target = dd_prompt_vocab_corruption (v, phrase)) != NULL)
        return read_corruption (p, v, i, n, target);
      if ((target = dd_prompt_vocab_split (v, phrase)) != NULL)
        {
          g_hash_table_add (polarity (p, DD_KIND_SPLIT) ? p->split_neg : p->split_pos,
                            g_strdup (target));
          note_corrections (p, i, n, target);
          return dd_prompt_mark (p, i, n);
        }
      /* a single small word is never a class or category ("set", "part") */
      if ((wnids = dd_prompt_vocab_classes (v, phrase, &label)) != NULL &&
          (n > 1 || dd_prompt_vocab_word_kind (phrase) == DD_WORD_NONE))
        return read_class (p, v, i, n, phrase, wnids, label);
      if (n == 1 && (target = shared_head (p, v, i)) != NULL)
        return read_corruption (p, v, i, 1, target);
    }
  return 0;
}

/* ---- the sentence ---------------------------------------------------------------------- */

static void
collect_unplaced (DdPromptParse *p)
{
  for (guint i = 0; i < p->n; i++)
    {
      DdWordKind kind;

      if (p->used[i])
        continue;
      kind = dd_prompt_vocab_word_kind (p->tok[i]);
      if (kind == DD_WORD_FILLER || kind == DD_WORD_CONJUNCTION || kind == DD_WORD_QUANTIFIER ||
          kind == DD_WORD_NEGATION || kind == DD_WORD_RESET || strcmp (p->tok[i], "-") == 0)
        continue;
      g_ptr_array_add (p->unplaced, g_strdup (p->typed[i]));
    }
}

void
dd_prompt_parse (DdPromptVocab *v,
                 const char    *text,
                 DdPromptParse *p)
{
  memset (p, 0, sizeof *p);
  p->class_pos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->class_neg = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->corr_pos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->corr_neg = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->split_pos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->split_neg = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->said = g_ptr_array_new_with_free_func (g_free);
  p->corrections = g_ptr_array_new_with_free_func (g_free);
  p->unplaced = g_ptr_array_new_with_free_func (g_free);
  p->corr_end = G_MAXUINT;
  tokenize (p, text);
  correct_words (p, v);

  for (guint i = 0; i < p->n;)
    {
      guint used;

      if (p->used[i])
        used = 1;
      else if ((used = read_quota (p, i)) == 0 && (used = dd_prompt_read_model_early (p, i)) == 0 &&
               (used = read_severity (p, v, i)) == 0 &&
               (used = read_steering (p, i)) == 0 && (used = read_clean (p, i)) == 0 &&
               (used = read_phrase (p, v, i)) == 0 && (used = dd_prompt_read_model (p, i)) == 0)
        used = 1;
      i += used;
    }
  collect_unplaced (p);
}

void
dd_prompt_parse_clear (DdPromptParse *p)
{
  g_strfreev (p->tok);
  g_strfreev (p->typed);
  g_free (p->used);
  g_clear_pointer (&p->class_pos, g_hash_table_unref);
  g_clear_pointer (&p->class_neg, g_hash_table_unref);
  g_clear_pointer (&p->corr_pos, g_hash_table_unref);
  g_clear_pointer (&p->corr_neg, g_hash_table_unref);
  g_clear_pointer (&p->split_pos, g_hash_table_unref);
  g_clear_pointer (&p->split_neg, g_hash_table_unref);
  g_clear_pointer (&p->said, g_ptr_array_unref);
  g_clear_pointer (&p->corrections, g_ptr_array_unref);
  g_clear_pointer (&p->unplaced, g_ptr_array_unref);
}
