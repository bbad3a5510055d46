/* The core's error domains, one a module. Messages are for users: one line naming
 * what failed and where; codes are for callers that react to a kind of failure.
 * Cancellation is always G_IO_ERROR_CANCELLED, never a domain of ours. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* DdCatalog: opening, reading and writing a catalog file. */
#define DD_CATALOG_ERROR (dd_catalog_error_quark ())
GQuark dd_catalog_error_quark (void);

typedef enum {
  DD_CATALOG_ERROR_NOT_A_CATALOG,   /* the file is not a DataDive catalog */
  DD_CATALOG_ERROR_NEWER_VERSION,   /* made by a newer DataDive */
  DD_CATALOG_ERROR_NOT_FOUND,       /* catalog, class, split, sample … not found */
  DD_CATALOG_ERROR_IO,              /* read/write failure, full disk, read-only place */
  DD_CATALOG_ERROR_INVALID,         /* bad argument: unknown name, malformed value */
  DD_CATALOG_ERROR_DAMAGED,         /* a catalog whose tables or values make no sense */
  DD_CATALOG_ERROR_READ_ONLY,       /* a write to a catalog opened read-only */
} DdCatalogError;

/* DdScanner: the structure pass over dataset folders. */
#define DD_SCANNER_ERROR (dd_scanner_error_quark ())
GQuark dd_scanner_error_quark (void);

typedef enum {
  DD_SCANNER_ERROR_NOT_FOUND,       /* no such dataset folder, or no dataset in it */
  DD_SCANNER_ERROR_IO,              /* a dataset folder cannot be read */
} DdScannerError;

/* DdRecipe and the recipes stored in a catalog (storing into a read-only catalog is
 * DD_CATALOG_ERROR_READ_ONLY). */
#define DD_RECIPE_ERROR (dd_recipe_error_quark ())
GQuark dd_recipe_error_quark (void);

typedef enum {
  DD_RECIPE_ERROR_INVALID,          /* not a recipe: bad JSON, key, value or name */
  DD_RECIPE_ERROR_NEWER_VERSION,    /* written by a newer DataDive */
  DD_RECIPE_ERROR_NOT_FOUND,        /* no such file or stored recipe; names the catalog
                                     * does not have */
  DD_RECIPE_ERROR_IO,               /* a recipe file cannot be read or written */
} DdRecipeError;

/* Relations: node ids. */
#define DD_RELATIONS_ERROR (dd_relations_error_quark ())
GQuark dd_relations_error_quark (void);

typedef enum {
  DD_RELATIONS_ERROR_INVALID,       /* not a node id (KIND:ID) */
  DD_RELATIONS_ERROR_NOT_FOUND,     /* no such node in this catalog */
} DdRelationsError;

/* DdExporter: writing a subset out. */
#define DD_EXPORT_ERROR (dd_export_error_quark ())
GQuark dd_export_error_quark (void);

typedef enum {
  DD_EXPORT_ERROR_INVALID,          /* a target that is not a new or empty folder */
  DD_EXPORT_ERROR_IO,               /* a file cannot be read or written */
} DdExportError;

/* The demo dataset generator. */
#define DD_DEMO_ERROR (dd_demo_error_quark ())
GQuark dd_demo_error_quark (void);

typedef enum {
  DD_DEMO_ERROR_INVALID,            /* a size or a target folder that cannot be used */
  DD_DEMO_ERROR_IO,                 /* a file cannot be written */
} DdDemoError;

/* Model runs: importing predictions, reports, outcome filters. */
#define DD_MODEL_ERROR (dd_model_error_quark ())
GQuark dd_model_error_quark (void);

typedef enum {
  DD_MODEL_ERROR_INVALID,           /* a file, label list, run name or value that cannot be used */
  DD_MODEL_ERROR_NOT_FOUND,         /* no such run */
  DD_MODEL_ERROR_REFUSED,           /* a file whose rows mostly match no sample */
  DD_MODEL_ERROR_IO,                /* a file cannot be read */
} DdModelError;

G_END_DECLS
