/* Scores the offline prompt interpreter against a table of sentences and the recipes a
 * person means (tests/data/prompts-*.tsv), for test-prompt and bench-prompt. */
#pragma once

#include "dd-catalog.h"

G_BEGIN_DECLS

typedef enum {
  DD_EVAL_CLASSES,
  DD_EVAL_CORRUPTIONS,
  DD_EVAL_SEVERITIES,
  DD_EVAL_SPLITS,
  DD_EVAL_QUOTA,
  DD_EVAL_SEED,
  DD_EVAL_FLAGS,
  DD_EVAL_WHOLE,
  DD_EVAL_N_FIELDS
} DdEvalField;

typedef struct {
  guint      n;                        /* sentences */
  guint      hits[DD_EVAL_N_FIELDS];   /* exact matches per field, and whole recipes */
  GPtrArray *misses;                   /* one line per sentence that missed */
  double     max_ms;                   /* slowest sentence */
} DdEvalScore;

const char *dd_eval_field_name    (DdEvalField  field);
void        dd_eval_score_clear   (DdEvalScore *score);

/* The catalogs the tables are written for: the 200 real Tiny-ImageNet classes (names from
 * the embedded table, parents from WordNet) with the 15 corruptions and three splits, and
 * a small generated demo, indexed. Both are created under @dir. */
DdCatalog  *dd_eval_make_tiny_catalog (const char *dir);
DdCatalog  *dd_eval_make_demo_catalog (const char *dir);

/* Interprets every sentence of @path over @tiny (or over @demo after a "#@catalog demo"
 * line) and adds the result to @score. Categories (@WNID) are expanded by this file's own
 * walk of WordNet's data.noun, not by the code under test. */
gboolean    dd_eval_run_file      (const char  *path,
                                   DdCatalog   *tiny,
                                   DdCatalog   *demo,
                                   DdEvalScore *score,
                                   GError     **error);

/* The path of a file in tests/data of the source tree. */
char       *dd_eval_data_path     (const char *name);

G_END_DECLS
