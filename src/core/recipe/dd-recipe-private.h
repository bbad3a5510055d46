/* What the files of DdRecipe share (dd-recipe.c, dd-recipe-json.c, dd-recipe-eval.c):
 * the recipe's fields and the key sets of its overrides. */
#pragma once

#include "dd-recipe.h"

G_BEGIN_DECLS

/* Sorted override keys with their ids cached per catalog (and its generation). */
typedef struct {
  gatomicrefcount ref;
  char      **keys;        /* sorted, unique, NULL-terminated */
  guint       n;
  GMutex      lock;        /* guards the cache below */
  GWeakRef    catalog;
  guint64     generation;
  gint64     *ids;         /* ids[i] of keys[i], 0 = absent, -1 = not looked up yet;
                            * NULL = nothing resolved */
} DdKeySet;

/* Takes @keys (sorted, unique, NULL-terminated, @n of them). */
DdKeySet *dd_key_set_new_take (char       **keys,
                               guint        n);
DdKeySet *dd_key_set_ref      (DdKeySet    *set);
void      dd_key_set_unref    (DdKeySet    *set);
DdKeySet *dd_key_set_empty    (void);
/* Position of @key, or -1. */
gint64    dd_key_set_find     (DdKeySet    *set,
                               const char  *key);
/* The ids of the keys in @catalog (0 where absent), looked up once per catalog
 * generation: a copy (n entries) the caller frees, or NULL with @error. */
gint64   *dd_key_set_resolve  (DdKeySet    *set,
                               DdCatalog   *catalog,
                               GError     **error);

struct _DdRecipe {
  gatomicrefcount ref;
  char      **classes;        /* NULL = all */
  char      **corruptions;    /* NULL = all */
  char      **splits;         /* NULL = all */
  char      **exclude_flags;  /* NULL = none (never empty) */
  int         severities;     /* -1 = all, else mask of bits 0..5 */
  guint       per_class_limit;
  guint64     seed;
  DdKeySet   *include;
  DdKeySet   *exclude;
  DdModelClause *model;       /* NULL = no model clause */
};

#define ALL_SEVERITIES 0x3f

/* Sorts and deduplicates a vector in place; returns its new length. */
guint     dd_recipe_sort_unique   (char               **v,
                                   guint                n);
/* A sorted, deduplicated copy of @names (@n or -1), or NULL for NULL. */
char    **dd_recipe_canonical_set (const char * const  *names,
                                   gssize               n,
                                   guint               *out_n);

G_END_DECLS
