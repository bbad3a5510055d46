/* The demo generator's options: their defaults for each layout, the layouts' names, and
 * their validation (one message a problem, before anything is written). */
#define G_LOG_DOMAIN "datadive-demo"
#include "config.h"

#include <glib/gi18n.h>

#include "dd-demo.h"
#include "dd-demo-private.h"
#include "dd-tiny-imagenet-classes.h"

void
dd_demo_options_init (DdDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->classes = 10;
  options->per_class = 10;
  options->seed = 1;
  options->defects = TRUE;
}

void
dd_demo_options_init_layout (DdDemoOptions *options,
                             DdDemoLayout   layout)
{
  dd_demo_options_init (options);
  options->layout = layout;
  if (layout != DD_DEMO_LAYOUT_TINY)
    {
      options->per_class = 50;
      options->defects = FALSE;
    }
}

static const char * const layout_names[] = { "tiny", "imagenet-c", "imagenet" };

const char *
dd_demo_layout_name (DdDemoLayout layout)
{
  g_return_val_if_fail ((guint) layout < G_N_ELEMENTS (layout_names), NULL);
  return layout_names[layout];
}

gboolean
dd_demo_layout_from_name (const char   *name,
                          DdDemoLayout *layout)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (layout_names); i++)
    if (strcmp (name, layout_names[i]) == 0)
      {
        *layout = (DdDemoLayout) i;
        return TRUE;
      }
  return FALSE;
}

void
dd_demo_defect_free (DdDemoDefect *defect)
{
  if (defect == NULL)
    return;
  g_free (defect->kind);
  g_free (defect->key);
  g_free (defect->detail);
  g_free (defect);
}

gboolean
dd_demo_options_validate (const DdDemoOptions *options,
                          GError             **error)
{
  guint train = options->train_per_class ? options->train_per_class : 10 * options->per_class;
  guint test = options->test_per_class ? options->test_per_class : options->per_class;
  guint min = options->defects ? 2 : 1;

  g_return_val_if_fail (options != NULL, FALSE);

  if (options->layout == DD_DEMO_LAYOUT_IMAGENET_C || options->layout == DD_DEMO_LAYOUT_IMAGENET)
    return dd_demo_imagenet_validate (options, error);
  g_return_val_if_fail (options->layout == DD_DEMO_LAYOUT_TINY, FALSE);
  if (options->drawn != 0)
    {
      g_set_error_literal (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID,
                           _("The Tiny-ImageNet demo draws every image: --drawn is for the "
                             "ImageNet layouts."));
      return FALSE;
    }
  if (options->classes < min || options->classes > DD_TINY_IMAGENET_N_CLASSES)
    {
      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID,
                   _("The number of classes must be between %u and %u."),
                   min, DD_TINY_IMAGENET_N_CLASSES);
      return FALSE;
    }
  if (options->per_class < min || options->per_class > 10000 || train < min || train > 100000 ||
      test < min || test > 10000)
    {
      g_set_error (error, DD_DEMO_ERROR, DD_DEMO_ERROR_INVALID,
                   options->defects
                   ? _("Each split needs 2 to 10000 images per class to plant the defects "
                       "(100000 for train); use --no-defects for 1.")
                   : _("Each split needs 1 to 10000 images per class (100000 for train)."));
      return FALSE;
    }
  return TRUE;
}
