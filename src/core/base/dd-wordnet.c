/* WordNet 3.0 nouns: a synset's byte offset in data.noun is its id, so a look-up is
 * one jump into the memory-mapped file, with no index to build. */
#define G_LOG_DOMAIN "datadive-wordnet"
#include "config.h"

#include <string.h>

#include "dd-wordnet.h"

/* A sorted index file (index.noun, …): lemma lines after a licence header. */
typedef struct {
  GMappedFile *file;
  const char  *data;    /* the first lemma line */
  gsize        len;
} WordIndex;

struct _DdWordnet {
  GMappedFile *file;
  const char  *data;
  gsize        len;
  WordIndex    index[4];
};

static void
word_index_open (WordIndex  *index,
                 const char *dir,
                 const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char *data, *end;

  index->file = g_mapped_file_new (path, FALSE, NULL);
  if (index->file == NULL)
    return;
  data = g_mapped_file_get_contents (index->file);
  end = data + g_mapped_file_get_length (index->file);
  /* the licence lines start with two spaces */
  while (data < end && data[0] == ' ')
    {
      const char *nl = memchr (data, '\n', end - data);
      data = nl ? nl + 1 : end;
    }
  index->data = data;
  index->len = end - data;
}

DdWordnet *
dd_wordnet_get_default (void)
{
  static gsize once;
  static DdWordnet *instance;

  if (g_once_init_enter (&once))
    {
      const char *dir = g_getenv ("DATADIVE_WORDNET_DIR");
      g_autofree char *path = g_build_filename (dir ? dir : WORDNET_DIR, "data.noun", NULL);
      GMappedFile *file = g_mapped_file_new (path, FALSE, NULL);

      if (file != NULL && g_mapped_file_get_length (file) > 0)
        {
          const char *names[] = { "index.noun", "index.verb", "index.adj", "index.adv" };

          instance = g_new0 (DdWordnet, 1);
          instance->file = file;
          instance->data = g_mapped_file_get_contents (file);
          instance->len = g_mapped_file_get_length (file);
          for (guint i = 0; i < G_N_ELEMENTS (names); i++)
            word_index_open (&instance->index[i], dir ? dir : WORDNET_DIR, names[i]);
        }
      else if (file != NULL)
        g_mapped_file_unref (file);
      g_once_init_leave (&once, 1);
    }
  return instance;
}

/* The synset line of @wnid ("n" + 8 digits), or NULL; *out_len excludes the newline. */
static const char *
find_line (DdWordnet  *self,
           const char *wnid,
           gsize      *out_len)
{
  guint64 offset;
  const char *line, *end;

  if (self == NULL || wnid == NULL || wnid[0] != 'n' || strlen (wnid) != 9)
    return NULL;
  for (guint i = 1; i < 9; i++)
    if (!g_ascii_isdigit (wnid[i]))
      return NULL;
  offset = g_ascii_strtoull (wnid + 1, NULL, 10);
  if (offset + 9 >= self->len)
    return NULL;
  /* The offset must land at the start of the line that names it. */
  if (offset > 0 && self->data[offset - 1] != '\n')
    return NULL;
  line = self->data + offset;
  if (memcmp (line, wnid + 1, 8) != 0 || line[8] != ' ')
    return NULL;
  end = memchr (line, '\n', self->len - offset);
  *out_len = end ? (gsize) (end - line) : self->len - offset;
  return line;
}

/* Splits the part of the line before the gloss into fields. */
static char **
fields_of (const char *line,
           gsize       len)
{
  const char *bar = memchr (line, '|', len);
  g_autofree char *head = g_strndup (line, bar ? (gsize) (bar - line) : len);

  return g_strsplit_set (g_strstrip (head), " ", -1);
}

gboolean
dd_wordnet_has (DdWordnet  *self,
                const char *wnid)
{
  gsize len;
  return find_line (self, wnid, &len) != NULL;
}

/* The fields of @wnid's line in data.noun (*@out_n of them), NULL when there is no such
 * line or it is too short to name its words (offset, lex file, type, word count). */
static GStrv
synset_fields (DdWordnet  *self,
               const char *wnid,
               guint      *out_n)
{
  gsize len;
  const char *line = find_line (self, wnid, &len);
  GStrv f;

  if (line == NULL)
    return NULL;
  f = fields_of (line, len);
  *out_n = g_strv_length (f);
  if (*out_n < 4)
    g_clear_pointer (&f, g_strfreev);
  return f;
}

char **
dd_wordnet_get_names (DdWordnet  *self,
                      const char *wnid)
{
  guint n, count;
  g_auto(GStrv) f = synset_fields (self, wnid, &n);
  GPtrArray *names;

  if (f == NULL)
    return NULL;
  count = g_ascii_strtoull (f[3], NULL, 16);
  names = g_ptr_array_new ();
  for (guint i = 0; i < count && 4 + 2 * i < n; i++)
    {
      char *name = g_strdup (f[4 + 2 * i]);
      char *paren = strchr (name, '(');   /* adjective markers such as "(a)" */

      if (paren)
        *paren = '\0';
      g_strdelimit (name, "_", ' ');
      g_ptr_array_add (names, name);
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

char *
dd_wordnet_get_name (DdWordnet  *self,
                     const char *wnid)
{
  g_auto(GStrv) names = dd_wordnet_get_names (self, wnid);

  return (names && names[0]) ? g_strdup (names[0]) : NULL;
}

GPtrArray *
dd_wordnet_get_hypernyms (DdWordnet  *self,
                          const char *wnid)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) instances = g_ptr_array_new_with_free_func (g_free);
  guint n, count, p;
  g_auto(GStrv) f = synset_fields (self, wnid, &n);

  if (f == NULL)
    return out;
  count = g_ascii_strtoull (f[3], NULL, 16);
  p = 4 + 2 * count;
  for (guint i = 0, np = p < n ? g_ascii_strtoull (f[p], NULL, 10) : 0;
       i < np && p + 4 + 4 * i < n; i++)
    {
      const char *symbol = f[p + 1 + 4 * i];

      if (g_strcmp0 (f[p + 3 + 4 * i], "n") != 0)
        continue;
      if (strcmp (symbol, "@") == 0)
        g_ptr_array_add (out, g_strconcat ("n", f[p + 2 + 4 * i], NULL));
      else if (strcmp (symbol, "@i") == 0)
        g_ptr_array_add (instances, g_strconcat ("n", f[p + 2 + 4 * i], NULL));
    }
  for (guint i = 0; i < instances->len; i++)
    g_ptr_array_add (out, g_strdup (instances->pdata[i]));
  return out;
}

/* The first hypernym: the first "@" pointer, else the first "@i". */
char *
dd_wordnet_get_parent (DdWordnet  *self,
                       const char *wnid)
{
  g_autoptr(GPtrArray) hypernyms = dd_wordnet_get_hypernyms (self, wnid);

  return hypernyms->len > 0 ? g_strdup (hypernyms->pdata[0]) : NULL;
}

GPtrArray *
dd_wordnet_get_ancestors (DdWordnet  *self,
                          const char *wnid)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  char *current = dd_wordnet_get_parent (self, wnid);

  /* WordNet's first-hypernym chains are at most ~20 deep; the bound guards bad data. */
  while (current != NULL && out->len < 64)
    {
      g_ptr_array_add (out, current);
      current = dd_wordnet_get_parent (self, current);
    }
  g_free (current);
  return out;
}

char *
dd_wordnet_get_gloss (DdWordnet  *self,
                      const char *wnid)
{
  gsize len;
  const char *line = find_line (self, wnid, &len);
  const char *bar;
  g_autofree char *gloss = NULL;

  if (line == NULL || !(bar = memchr (line, '|', len)))
    return NULL;
  gloss = g_strndup (bar + 1, len - (bar + 1 - line));
  return g_strdup (g_strstrip (gloss));
}

/* Binary search for a line starting with "@word " in a sorted index. */
static gboolean
index_has (const WordIndex *index,
           const char      *word)
{
  gsize lo = 0, hi = index->len, wlen = strlen (word);

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      const char *line = index->data + mid;
      const char *end = index->data + index->len;
      const char *space;
      gsize llen;
      int cmp;

      /* back to the start of the line holding mid */
      while (line > index->data && line[-1] != '\n')
        line--;
      space = memchr (line, ' ', end - line);
      llen = (space ? space : end) - line;
      cmp = strncmp (word, line, MIN (wlen, llen));
      if (cmp == 0)
        cmp = wlen == llen ? 0 : wlen < llen ? -1 : 1;
      if (cmp == 0)
        return TRUE;
      if (cmp < 0)
        hi = line - index->data;
      else
        {
          const char *nl = memchr (line, '\n', end - line);
          lo = nl ? (gsize) (nl + 1 - index->data) : index->len;
        }
    }
  return FALSE;
}

static gboolean
is_lemma (DdWordnet  *self,
          const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->index); i++)
    if (self->index[i].file && index_has (&self->index[i], word))
      return TRUE;
  return FALSE;
}

gboolean
dd_wordnet_is_word (DdWordnet  *self,
                    const char *word)
{
  static const char *suffixes[] = { "s", "es", "ies", "ed", "d", "ied", "ing", "er", "est",
                                    "ly", "ier", "iest" };
  gsize len;

  if (self == NULL || word == NULL || *word == '\0')
    return FALSE;
  if (is_lemma (self, word))
    return TRUE;
  len = strlen (word);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize slen = strlen (suffixes[i]);
      g_autofree char *stem = NULL;

      if (len <= slen + 2 || !g_str_has_suffix (word, suffixes[i]))
        continue;
      stem = g_strndup (word, len - slen);
      /* "ies"/"ied"/"ier"/"iest" come from a final y */
      if (suffixes[i][0] == 'i')
        {
          g_autofree char *y = g_strconcat (stem, "y", NULL);
          if (is_lemma (self, y))
            return TRUE;
          continue;
        }
      if (is_lemma (self, stem))
        return TRUE;
      /* "making" → "make", "used" → "use" */
      {
        g_autofree char *e = g_strconcat (stem, "e", NULL);
        if (is_lemma (self, e))
          return TRUE;
      }
      /* "stopped" → "stop" */
      if (len - slen >= 2 && stem[len - slen - 1] == stem[len - slen - 2])
        {
          stem[len - slen - 1] = '\0';
          if (is_lemma (self, stem))
            return TRUE;
        }
    }
  return FALSE;
}
