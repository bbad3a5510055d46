/* The core's error domains, one a module. */
#define G_LOG_DOMAIN "datadive-core"
#include "config.h"

#include "dd-errors.h"

G_DEFINE_QUARK (dd-catalog-error-quark, dd_catalog_error)
G_DEFINE_QUARK (dd-scanner-error-quark, dd_scanner_error)
G_DEFINE_QUARK (dd-recipe-error-quark, dd_recipe_error)
G_DEFINE_QUARK (dd-relations-error-quark, dd_relations_error)
G_DEFINE_QUARK (dd-export-error-quark, dd_export_error)
G_DEFINE_QUARK (dd-demo-error-quark, dd_demo_error)
G_DEFINE_QUARK (dd-model-error-quark, dd_model_error)
