/* Dataset layouts: one small recogniser per layout behind one interface. A layout
 * recognises its folder, reads its annotation files and labels each image file from
 * its relative path. Adding a dataset variant means adding one dd-layout-*.c. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a layout says about one image file. */
typedef struct {
  const char *split;        /* "train", "val", "test", "all" (static strings) */
  char       *wnid;         /* class folder / wnid, NULL when unlabeled (owned) */
  const char *corruption;   /* "none" or the corruption folder (points into the path) */
  gsize       corruption_len;
  guint       severity;     /* 0 clean, 1–5 */
  guint32     flags;        /* DD_HEALTH_FLAG bits known from structure */
  gboolean    skip;         /* not a sample of this layout (counted as junk) */
} DdLayoutLabel;

/* Per-source state a layout fills from its annotation files. */
typedef struct {
  char       *root;          /* absolute source root */
  GHashTable *wnids;         /* wnids.txt: wnid → TRUE; NULL when there is none */
  GHashTable *words;         /* words.txt: wnid → names ("goldfish, Carassius auratus") */
  GHashTable *val_labels;    /* val file name → wnid */
  GHashTable *boxes;         /* file name → GArray of int[4] (x0 y0 x1 y1) */
  GHashTable *listed;        /* while a layout reads its annotations: the names in the
                              * folder they describe, one listing instead of a stat
                              * a line (NULL: look each up) */
  GPtrArray  *annotation_files;  /* relative paths of the files read (for change checks) */
  GPtrArray  *problems;      /* "path: what went wrong" */
  GPtrArray  *orphans;       /* char*[3]: file, wnid, detail — rows naming absent files */
} DdLayoutContext;

typedef struct {
  const char *name;
  /* Cheap look at the folder: TRUE when it is this layout. */
  gboolean (*recognise) (const char      *root);
  /* Reads annotation files into @ctx (problems recorded, never fatal). */
  void     (*prepare)   (DdLayoutContext *ctx);
  /* Labels the image at @rel (relative to the root, '/'-separated, raw bytes) whose
   * folder components are @parts (n_parts of them, the file name excluded). */
  void     (*classify)  (DdLayoutContext *ctx,
                         char           **parts,
                         guint            n_parts,
                         const char      *file_name,
                         DdLayoutLabel   *label);
  /* Whether the folder @name directly under @root belongs to this layout's tree.
   * A folder that does not and holds a dataset of its own (ImageNet-R beside a
   * Kaggle ImageNet download) becomes a source of its own. NULL: every folder
   * belongs (ImageFolder: they are its classes). */
  gboolean (*owns)      (const char      *root,
                         const char      *name);
} DdLayout;

extern const DdLayout dd_layout_tiny_imagenet;
extern const DdLayout dd_layout_imagenet_c;
extern const DdLayout dd_layout_imagenet;
extern const DdLayout dd_layout_imagefolder;

/* In order of precedence. */
const DdLayout * const *dd_layouts (void);

void     dd_layout_context_init  (DdLayoutContext *ctx,
                                  const char      *root);
void     dd_layout_context_clear (DdLayoutContext *ctx);

/* Helpers for recognisers (the wnid test is dd_is_wnid()). */
gboolean dd_layout_is_image_name (const char *name);
/* "train", "val" or "test". */
gboolean dd_layout_is_split_name (const char *name);
gboolean dd_layout_has_dir       (const char *root,
                                  const char *rel);
gboolean dd_layout_has_file      (const char *root,
                                  const char *rel);
/* The prepare of a layout without annotation files: reads nothing. */
void     dd_layout_prepare_nothing (DdLayoutContext *ctx);
/* Reads a text file of the source line by line; FALSE when absent/unreadable (a
 * problem is recorded when it exists but cannot be read). */
gboolean dd_layout_read_lines    (DdLayoutContext *ctx,
                                  const char      *rel,
                                  void           (*line_func) (DdLayoutContext *ctx,
                                                               const char      *rel,
                                                               guint            line_no,
                                                               char            *line));
/* For a line_func: line @line_no of @rel is left out because of @why (translated): a
 * problem "@rel:@line_no: @why, line skipped". */
void     dd_layout_skip_line     (DdLayoutContext *ctx,
                                  const char      *rel,
                                  guint            line_no,
                                  const char      *why);
/* A line_func for a wnid and its names, a tab or else the first space between them
 * ("n01440764\ttench, Tinca tinca": words.txt, LOC_synset_mapping.txt), into
 * ctx->words; a line with neither is skipped, one whose wnid or names are empty left
 * out (the class is then named as if it were not listed). */
void     dd_layout_words_line    (DdLayoutContext *ctx,
                                  const char      *rel,
                                  guint            line_no,
                                  char            *line);
void     dd_layout_add_box       (DdLayoutContext *ctx,
                                  const char      *file,
                                  int              x0,
                                  int              y0,
                                  int              x1,
                                  int              y1);

G_END_DECLS
