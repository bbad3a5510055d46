/* DdRecipe: an immutable, refcounted description of a subset (rules + per-sample
 * overrides), its canonical JSON form and its evaluation against a catalog. Named
 * recipes stored in a catalog: dd-recipe-store.h.
 *
 * JSON shape (version 1; keys absent mean "all" unless noted; only keys are added):
 *
 *   {"version": 1,
 *    "classes": ["n01443537", "goldfish"],   wnids or names, "unlabeled"; absent = all
 *    "corruptions": ["none", "blur"],        names or families; "none" = clean
 *    "severities": [0, 4, 5],                0 = clean
 *    "splits": ["val"],
 *    "exclude_flags": ["undecodable"],       health kinds to drop; absent = none
 *    "per_class_limit": 100, "seed": 7,      absent = no limit
 *    "include": ["<sample key>"],            forced in, after every rule
 *    "exclude": ["<sample key>"]}            forced out, after every rule
 *
 * The canonical text (dd_recipe_to_json) has a fixed key order and sorted,
 * deduplicated sets, so equal recipes serialise to equal bytes.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "dd-catalog.h"
#include "dd-model.h"

G_BEGIN_DECLS

#define DD_RECIPE_VERSION 1

/* In "classes": the samples without a label (a test split, missing labels), as
 * "none" is the clean images among "corruptions". */
#define DD_RECIPE_UNLABELED "unlabeled"

#define DD_TYPE_RECIPE (dd_recipe_get_type ())
typedef struct _DdRecipe DdRecipe;

GType     dd_recipe_get_type       (void) G_GNUC_CONST;

/* The recipe that selects every sample. */
DdRecipe *dd_recipe_new            (void);
DdRecipe *dd_recipe_ref            (DdRecipe     *recipe);
void      dd_recipe_unref          (DdRecipe     *recipe);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DdRecipe, dd_recipe_unref)

/* ---- parsing and serialising ---------------------------------------------------- */

/* @length -1 for NUL-terminated text. Errors are DD_RECIPE_ERROR_INVALID (or
 * DD_RECIPE_ERROR_NEWER_VERSION) with one sentence naming the problem. */
DdRecipe *dd_recipe_new_from_json  (const char   *text,
                                    gssize        length,
                                    GError      **error);
DdRecipe *dd_recipe_new_from_node  (JsonNode     *node,
                                    GError      **error);
DdRecipe *dd_recipe_new_from_file  (const char   *path,
                                    GError      **error);

/* Canonical, pretty-printed JSON text ending in a newline. */
char     *dd_recipe_to_json        (DdRecipe     *recipe);
JsonNode *dd_recipe_to_node        (DdRecipe     *recipe);
/* Writes the canonical text atomically (temporary file + rename). */
gboolean  dd_recipe_save_to_file   (DdRecipe     *recipe,
                                    const char   *path,
                                    GError      **error);

gboolean  dd_recipe_equal          (DdRecipe     *a,
                                    DdRecipe     *b);
guint     dd_recipe_hash           (DdRecipe     *recipe);

/* ---- reading ---------------------------------------------------------------------- */

/* Sorted, deduplicated, NULL-terminated; NULL when the key is absent ("all"). */
const char * const *dd_recipe_get_classes       (DdRecipe *recipe);
const char * const *dd_recipe_get_corruptions   (DdRecipe *recipe);
const char * const *dd_recipe_get_splits        (DdRecipe *recipe);
/* NULL when no flag is excluded. */
const char * const *dd_recipe_get_exclude_flags (DdRecipe *recipe);
/* Bit n set = severity n kept; -1 when absent ("all"). */
int       dd_recipe_get_severity_mask     (DdRecipe *recipe);
guint     dd_recipe_get_per_class_limit   (DdRecipe *recipe);   /* 0 = no limit */
guint64   dd_recipe_get_seed              (DdRecipe *recipe);
/* The model clause, or NULL. */
const DdModelClause *dd_recipe_get_model  (DdRecipe *recipe);
/* Sorted keys; never NULL (an empty vector when there are none). */
const char * const *dd_recipe_get_include (DdRecipe *recipe);
const char * const *dd_recipe_get_exclude (DdRecipe *recipe);
guint     dd_recipe_get_n_include         (DdRecipe *recipe);
guint     dd_recipe_get_n_exclude         (DdRecipe *recipe);

typedef enum {
  DD_RECIPE_OVERRIDE_NONE,
  DD_RECIPE_OVERRIDE_INCLUDE,
  DD_RECIPE_OVERRIDE_EXCLUDE,
} DdRecipeOverride;

DdRecipeOverride dd_recipe_get_override   (DdRecipe   *recipe,
                                           const char *key);

/* A one-line, translated summary for lists and history ("goldfish, tabby · blur ·
 * severities 4, 5 · val · 100 per class (seed 7) · 12 included"); "All samples" for the
 * empty recipe. */
char     *dd_recipe_describe       (DdRecipe     *recipe);
/* The same, with the classes named from @catalog (NULL: by wnid): "goldfish, barn",
 * "all classes but goldfish", "20 of 200 classes". */
char     *dd_recipe_describe_in    (DdRecipe     *recipe,
                                    DdCatalog    *catalog);

/* ---- editing: each returns a new recipe (full transfer), the argument is unchanged -- */

/* NULL = the key is dropped ("all"); an empty vector selects nothing. Names are kept
 * as given (sorted and deduplicated). */
DdRecipe *dd_recipe_with_classes       (DdRecipe            *recipe,
                                        const char * const  *classes);
DdRecipe *dd_recipe_with_corruptions   (DdRecipe            *recipe,
                                        const char * const  *corruptions);
DdRecipe *dd_recipe_with_splits        (DdRecipe            *recipe,
                                        const char * const  *splits);
DdRecipe *dd_recipe_with_exclude_flags (DdRecipe            *recipe,
                                        const char * const  *flags);
/* The model clause (the "model" key: a run's outcome, confidence, predicted classes);
 * NULL removes it. */
DdRecipe *dd_recipe_with_model         (DdRecipe            *recipe,
                                        const DdModelClause *clause);
/* @mask: bit n = severity n (0 = clean, 1–5); -1 = all. */
DdRecipe *dd_recipe_with_severities    (DdRecipe            *recipe,
                                        int                  mask);
/* @per_class_limit 0 = no limit. */
DdRecipe *dd_recipe_with_quota         (DdRecipe            *recipe,
                                        guint                per_class_limit,
                                        guint64              seed);
/* Sets the override of @keys (@n_keys, or -1 when NULL-terminated). */
DdRecipe *dd_recipe_with_override      (DdRecipe            *recipe,
                                        const char * const  *keys,
                                        gssize               n_keys,
                                        DdRecipeOverride     override);
/* Forces @keys in; when every one of them already is, clears their override instead. */
DdRecipe *dd_recipe_toggle_include     (DdRecipe            *recipe,
                                        const char * const  *keys,
                                        gssize               n_keys);
/* Forces @keys out; when every one of them already is, clears their override instead. */
DdRecipe *dd_recipe_toggle_exclude     (DdRecipe            *recipe,
                                        const char * const  *keys,
                                        gssize               n_keys);
/* One class (a wnid, a name or DD_RECIPE_UNLABELED) in or out. From a recipe that
 * keeps every class, taking one out keeps every other class of @catalog and the
 * unlabeled samples; putting the last one back in gives "all" again. */
DdRecipe *dd_recipe_toggle_class       (DdRecipe            *recipe,
                                        DdCatalog           *catalog,
                                        const char          *name);
/* Drops every include/exclude override. */
DdRecipe *dd_recipe_without_overrides  (DdRecipe            *recipe);

/* ---- evaluation --------------------------------------------------------------------- */

/* The catalog filter the recipe stands for. Names the catalog does not know (classes,
 * corruptions, splits, health kinds) fail with one DD_RECIPE_ERROR_NOT_FOUND error
 * naming all of them. Override keys absent from the catalog (vanished files) are
 * skipped and reported as translated sentences (char *) appended to @warnings
 * (may be NULL). Key look-ups are cached per catalog generation. */
DdFilter    *dd_recipe_to_filter        (DdRecipe             *recipe,
                                         DdCatalog            *catalog,
                                         GPtrArray            *warnings,
                                         GError              **error);
/* dd_recipe_to_filter + dd_catalog_select. */
DdSelection *dd_recipe_evaluate         (DdRecipe             *recipe,
                                         DdCatalog            *catalog,
                                         GPtrArray            *warnings,
                                         GCancellable         *cancellable,
                                         GError              **error);
/* On a worker thread; the warnings (GPtrArray of char *, may be empty) come with the
 * result. */
void         dd_recipe_evaluate_async   (DdRecipe             *recipe,
                                         DdCatalog            *catalog,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
DdSelection *dd_recipe_evaluate_finish  (GAsyncResult         *result,
                                         GPtrArray           **out_warnings,
                                         GError              **error);

G_END_DECLS
