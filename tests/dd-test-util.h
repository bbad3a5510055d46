/* Shared fixtures of the test programs. */
#pragma once

#include "dd-test-catalog.h"

G_BEGIN_DECLS

/* Removes a tree (no symlink is followed). */
void dd_test_rm_rf         (const char *path);
/* Makes a file or folder unwritable for this process, even as root (the immutable
 * attribute; for other users its mode): FALSE when that is not possible here.
 * dd_test_make_writable() undoes it. */
gboolean dd_test_make_unwritable (const char *path);
void     dd_test_make_writable   (const char *path);

G_END_DECLS
