/* DdThumbnailer: decodes thumbnails on a small worker pool and keeps the textures in
 * a bounded LRU. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DD_TYPE_THUMBNAILER (dd_thumbnailer_get_type ())
G_DECLARE_FINAL_TYPE (DdThumbnailer, dd_thumbnailer, DD, THUMBNAILER, GObject)

#define DD_THUMBNAILER_ERROR (dd_thumbnailer_error_quark ())
GQuark dd_thumbnailer_error_quark (void);

typedef enum {
  DD_THUMBNAILER_ERROR_BROKEN,   /* missing, empty or undecodable file */
} DdThumbnailerError;

/* @size: the longest side of a thumbnail in pixels; @max_bytes: the cache bound. */
DdThumbnailer *dd_thumbnailer_new          (guint                size,
                                            gsize                max_bytes);
/* The thumbnailer shared by every grid of the process. */
DdThumbnailer *dd_thumbnailer_get_default  (void);
guint          dd_thumbnailer_get_size     (DdThumbnailer       *self);

/* A cached result: TRUE when @path was decoded before; *texture is then the texture,
 * or NULL when the file is broken. */
gboolean       dd_thumbnailer_lookup       (DdThumbnailer       *self,
                                            const char          *path,
                                            GdkTexture         **texture);
/* Decodes @path off the main thread. The result is a GdkTexture, or a
 * DD_THUMBNAILER_ERROR_BROKEN error for a file that cannot be shown, or
 * G_IO_ERROR_CANCELLED. */
void           dd_thumbnailer_load_async   (DdThumbnailer       *self,
                                            const char          *path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GdkTexture    *dd_thumbnailer_load_finish  (DdThumbnailer       *self,
                                            GAsyncResult        *result,
                                            GError             **error);

guint          dd_thumbnailer_get_n_cached (DdThumbnailer       *self);
gsize          dd_thumbnailer_get_cached_bytes (DdThumbnailer   *self);

G_END_DECLS
