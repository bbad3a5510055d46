/* The offline interpreter's insides, shared by its files: the vocabulary of a catalog
 * (dd-prompt-vocab.c), the clause readers (dd-prompt-parse.c) and the recipe they make
 * (dd-prompt.c), which also resolves an LLM's reply through the same vocabulary. */
#pragma once

#include "dd-prompt.h"

G_BEGIN_DECLS

/* ---- the vocabulary of one catalog generation ---------------------------------------- */

typedef struct _DdPromptVocab DdPromptVocab;

typedef enum {
  DD_WORD_NONE,
  DD_WORD_NEGATION,      /* except, without, no, but, other than, apart from, minus … */
  DD_WORD_RESET,         /* only, just, with, plus, also … (a negation ends) */
  DD_WORD_CONJUNCTION,   /* and, or, nor, &, /, + */
  DD_WORD_FILLER,        /* the, images, give, me, … */
  DD_WORD_SEV_KEYWORD,   /* severity, sev, level, lvl … */
  DD_WORD_CLEAN,         /* clean, uncorrupted, original … */
  DD_WORD_CORRUPTED,     /* corruption(s), corrupted, perturbed … */
  DD_WORD_QUANTIFIER,    /* any, all, every, each */
} DdWordKind;

/* Comparators before a severity: "at least", "up to", "below", "over", "≤" … */
typedef enum {
  DD_CMP_NONE,
  DD_CMP_AT_LEAST,
  DD_CMP_AT_MOST,
  DD_CMP_ABOVE,
  DD_CMP_BELOW,
} DdComparator;

DdPromptVocab *dd_prompt_vocab_get            (DdCatalog     *catalog);
void           dd_prompt_vocab_unref          (DdPromptVocab *vocab);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdPromptVocab, dd_prompt_vocab_unref)

GPtrArray     *dd_prompt_vocab_all_classes    (DdPromptVocab *vocab);   /* wnids */
GPtrArray     *dd_prompt_vocab_corruptions    (DdPromptVocab *vocab);   /* names, no "none" */
GPtrArray     *dd_prompt_vocab_splits         (DdPromptVocab *vocab);
const char    *dd_prompt_vocab_family         (DdPromptVocab *vocab, const char *corruption);

/* Phrase look-ups (a phrase is normalised words joined by spaces). Plurals are tried
 * ("tabby cats", "geese", "mantises"). NULL when the phrase is not known. */
GPtrArray     *dd_prompt_vocab_classes        (DdPromptVocab *vocab, const char *phrase,
                                               const char   **label);
const char    *dd_prompt_vocab_corruption     (DdPromptVocab *vocab, const char *phrase);
guint32        dd_prompt_vocab_flags          (DdPromptVocab *vocab, const char *phrase,
                                               gboolean      *group);
const char    *dd_prompt_vocab_split          (DdPromptVocab *vocab, const char *phrase);
int            dd_prompt_vocab_severity_word  (const char *phrase, gboolean *superlative);
DdComparator   dd_prompt_vocab_comparator     (const char *phrase);
DdWordKind     dd_prompt_vocab_word_kind      (const char *phrase);
/* The head word a corruption modifier needs ("gaussian" + "noise"), or NULL. */
gboolean       dd_prompt_vocab_is_head        (DdPromptVocab *vocab, const char *word);
gboolean       dd_prompt_vocab_is_modifier    (DdPromptVocab *vocab, const char *word);
/* The only corruption of the catalog named "<word> …", or NULL. */
const char    *dd_prompt_vocab_sole_corruption (DdPromptVocab *vocab, const char *word);
guint          dd_prompt_vocab_max_words      (DdPromptVocab *vocab);
/* Whether @word is one the interpreter or English knows (not to be corrected). */
gboolean       dd_prompt_vocab_knows          (DdPromptVocab *vocab, const char *word);
/* The vocabulary word @word is a misspelling of (Damerau–Levenshtein distance ≤ 1 for
 * 5–8 letters, ≤ 2 above, one best candidate only), or NULL. */
const char    *dd_prompt_vocab_correct        (DdPromptVocab *vocab, const char *word);

/* A small integer from digits or a number word; -1 otherwise. */
int            dd_prompt_number               (const char *word);

/* ---- what a sentence says -------------------------------------------------------------- */

typedef enum {
  DD_KIND_NONE,
  DD_KIND_CLASS,
  DD_KIND_CORRUPTION,
  DD_KIND_SEVERITY,
  DD_KIND_SPLIT,
  DD_KIND_FLAG,
} DdClauseKind;

typedef struct {
  /* the words */
  char        **tok;
  char        **typed;          /* as typed, for corrections and unplaced words */
  gboolean     *used;
  guint         n;
  /* negation: a "no"/"except"/"but" governs the items of one kind that follow it */
  gboolean      neg_pending;
  gboolean      neg_clause;    /* a negation was read in this clause (health kinds) */
  DdClauseKind  neg_kind;
  guint         sev_context_until;   /* bare numbers before this token are severities */
  guint         corr_end;            /* the token after the last corruption phrase */
  /* what was understood */
  GHashTable   *class_pos, *class_neg;   /* wnids */
  GHashTable   *corr_pos, *corr_neg;     /* corruption names (families expanded) */
  gboolean      clean, corrupted;        /* clean only / corrupted only asked for */
  int           sev_pos, sev_neg;        /* masks over 1–5 */
  GHashTable   *split_pos, *split_neg;
  guint32       flags;
  guint         quota;
  guint64       seed;
  gboolean      seed_set;
  guint         understood;              /* items placed */
  GPtrArray    *said;                    /* class phrases, for the explanation */
  GPtrArray    *corrections;             /* "gausian → gaussian_noise" */
  GPtrArray    *unplaced;                /* words not placed */
  /* a model run's outcome (dd-prompt-model.c) */
  gboolean      model_said;
  int           model_outcome;           /* DdModelOutcome */
  gboolean      model_confident, model_unsure;
  guint         model_highest_loss;
} DdPromptParse;

void  dd_prompt_parse       (DdPromptVocab *vocab,
                             const char    *text,
                             DdPromptParse *parse);
void  dd_prompt_parse_clear (DdPromptParse *parse);
/* The word at @i when no reader has taken it yet, else NULL. */
const char *dd_prompt_word (DdPromptParse *parse,
                            guint          i);
/* The @n words from @i are taken (read by a clause); @n. */
guint       dd_prompt_mark (DdPromptParse *parse,
                            guint          i,
                            guint          n);

/* dd-prompt-model.c: "misclassified", "confident mistakes", "the 100 highest-loss": the
 * words read at @i (0: none); the recipe's model clause on the run imported last. */
guint dd_prompt_read_model_early (DdPromptParse *parse,
                                  guint          i);
guint dd_prompt_read_model  (DdPromptParse *parse,
                             guint          i);
void  dd_prompt_apply_model (DdRecipe     **recipe,
                             DdCatalog     *catalog,
                             DdPromptParse *parse,
                             GString       *explanation);
/* An LLM reply's "model" key into @recipe (TRUE when applied; what cannot be placed
 * goes to @unplaced), and the model vocabulary for its system prompt (nothing without
 * runs). Both read the run names from the catalog's memory. */
gboolean dd_prompt_reply_model    (DdCatalog    *catalog,
                                   JsonObject   *reply,
                                   DdRecipe    **recipe,
                                   GPtrArray    *unplaced);
void     dd_prompt_describe_model (DdCatalog    *catalog,
                                   GString      *out);

G_END_DECLS
