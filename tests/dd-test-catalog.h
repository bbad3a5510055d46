/* Catalog fixtures of the test programs, written through DdCatalogWriter: the
 * hand-counted catalog, and rows added one at a time. No test writes SQL but those that
 * damage a catalog on purpose (dd-test-damage.h, test-hostile*.c). */
#pragma once

#include "dd-catalog-private.h"
#include "dd-catalog-writer.h"

G_BEGIN_DECLS

/* The hand-counted fixture (111 samples; see dd-test-catalog.c for the counts),
 * committed and reloaded. */
void             dd_test_fill_catalog (DdCatalog       *catalog);

/* A writer that must begin (samples may change). */
DdCatalogWriter *dd_test_writer       (DdCatalog       *catalog);
/* Commits @writer and reloads its catalog, both asserted. */
void             dd_test_commit       (DdCatalogWriter *writer);

/* Rows, each asserted to be written; their ids. */
guint            dd_test_add_source   (DdCatalogWriter *writer,
                                       const char      *root,
                                       const char      *layout);
guint            dd_test_add_class    (DdCatalogWriter *writer,
                                       const char      *wnid,
                                       const char      *name,
                                       const char      *names,
                                       const char      *parent_wnid,
                                       const char      *parent_name);
gint64           dd_test_add_sample   (DdCatalogWriter *writer,
                                       guint            source_id,
                                       const char      *key,
                                       guint            class_id,
                                       guint            corruption_id,
                                       guint            severity,
                                       guint            split_id,
                                       guint32          flags,
                                       const char      *clean_key);
/* The source's counts: its samples counted again from its rows. */
void             dd_test_finish_source (DdCatalogWriter *writer,
                                        guint            id,
                                        const char      *root,
                                        const char      *layout);
/* The sample of @key goes. */
void             dd_test_delete_key   (DdCatalog       *catalog,
                                       const char      *key);

G_END_DECLS
