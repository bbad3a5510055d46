/* What the window calls things, and the subset described in parts (see the header). */
#define G_LOG_DOMAIN "datadive-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dd-text.h"
#include "dd-ui-text.h"

/* Names listed whole in a chip; longer lists say how many. */
#define CHIP_NAMES     3
/* Names listed in a tooltip before "and N more". */
#define TOOLTIP_NAMES 40

/* A name and what the window calls it (untranslated: N_()). */
typedef struct
{
  const char *name;
  const char *title;
} Title;

/* What @titles calls @name, translated; NULL for a name it does not know. */
static const char *
find_title (const Title *titles,
            guint        n_titles,
            const char  *name)
{
  for (guint i = 0; i < n_titles; i++)
    if (g_strcmp0 (titles[i].name, name) == 0)
      return _(titles[i].title);
  return NULL;
}

char *
dd_ui_corruption_title (const char *name)
{
  static const Title known[] = {
    { "none", N_("Clean") },
    { "gaussian_noise", N_("Gaussian noise") },
    { "shot_noise", N_("Shot noise") },
    { "impulse_noise", N_("Impulse noise") },
    { "speckle_noise", N_("Speckle noise") },
    { "defocus_blur", N_("Defocus blur") },
    { "glass_blur", N_("Glass blur") },
    { "motion_blur", N_("Motion blur") },
    { "zoom_blur", N_("Zoom blur") },
    { "gaussian_blur", N_("Gaussian blur") },
    { "snow", N_("Snow") },
    { "frost", N_("Frost") },
    { "fog", N_("Fog") },
    { "brightness", N_("Brightness") },
    { "spatter", N_("Spatter") },
    { "contrast", N_("Contrast") },
    { "elastic_transform", N_("Elastic transform") },
    { "pixelate", N_("Pixelate") },
    { "jpeg_compression", N_("JPEG compression") },
    { "saturate", N_("Saturate") },
  };
  const char *known_title;
  char *title;

  if (name == NULL)
    return g_strdup ("");
  if ((known_title = find_title (known, G_N_ELEMENTS (known), name)))
    return g_strdup (known_title);
  if (dd_is_corruption_family (name))
    return g_strdup (dd_ui_family_title (name));
  /* a folder name of another dataset: readable, as it is */
  title = g_strdelimit (g_utf8_make_valid (name, -1), "_", ' ');
  if (title[0])
    title[0] = g_ascii_toupper (title[0]);
  return title;
}

const char *
dd_ui_family_title (const char *family)
{
  static const Title known[] = {
    { "noise", N_("Noise") },
    { "blur", N_("Blur") },
    { "weather", N_("Weather") },
    { "digital", N_("Digital") },
    { "none", N_("Clean") },
  };
  const char *title = find_title (known, G_N_ELEMENTS (known), family);

  return title ? title : _("Other");
}

const char *
dd_ui_layout_title (const char *layout)
{
  static const Title known[] = {
    { "tiny-imagenet", N_("Tiny ImageNet") },
    { "tiny-imagenet-c", N_("Tiny ImageNet-C") },
    { "imagenet-c", N_("ImageNet-C") },
    { "imagenet", N_("ImageNet (ILSVRC)") },
    { "imagefolder", N_("Image folder") },
  };
  const char *title = find_title (known, G_N_ELEMENTS (known), layout);

  return title ? title : layout;
}

char *
dd_ui_severity_text (int mask)
{
  return dd_format_severities (mask);
}

char *
dd_ui_sample_title (const char *key,
                    const char *corruption,
                    guint       severity)
{
  g_autofree char *base = g_path_get_basename (key ? key : "");
  g_autofree char *valid = g_utf8_make_valid (base, -1);
  char *dot = strrchr (valid, '.');
  g_autofree char *title = NULL;

  if (dot && dot != valid)
    *dot = '\0';
  if (corruption == NULL || g_str_equal (corruption, "none") || severity == 0)
    return g_steal_pointer (&valid);
  title = dd_ui_corruption_title (corruption);
  /* TRANSLATORS: a corrupted sample: its file name, corruption and severity,
   * "val_1677 · Fog 3" */
  return g_strdup_printf (_("%s · %s %u"), valid, title, severity);
}

const char *
dd_ui_health_problem (DdHealthKind kind)
{
  switch (kind)
    {
    case DD_HEALTH_MISSING_LABEL:
      return _("No annotation gives this image a class");
    case DD_HEALTH_ORPHAN_ANNOTATION:
      return _("An annotation names a file that is not there");
    case DD_HEALTH_MISSING_CELL:
      return _("A corruption and severity has fewer images of this class than the others");
    case DD_HEALTH_EMPTY_FILE:
      return _("The file is empty");
    case DD_HEALTH_UNDECODABLE:
      return _("The image cannot be decoded");
    case DD_HEALTH_TRUNCATED:
      return _("The file ends before the image does");
    case DD_HEALTH_FORMAT_MISMATCH:
      return _("The bytes are another format than the file name says");
    case DD_HEALTH_GRAYSCALE:
      return _("The image has no colour");
    case DD_HEALTH_UNEXPECTED_SIZE:
      return _("The image has another size than most of its dataset");
    case DD_HEALTH_DUPLICATE_CONFLICT:
      return _("The same bytes are in the dataset under another class");
    case DD_HEALTH_UNKNOWN_CLASS:
      return _("The class is not listed in wnids.txt");
    case DD_HEALTH_UNNAMED_CLASS:
      return _("The class has no name");
    case DD_HEALTH_NEAR_DUPLICATE:
      return _("The same picture is in the dataset again, in another form");
    case DD_HEALTH_NEAR_DUPLICATE_CONFLICT:
      return _("The same picture is in the dataset under another class");
    case DD_HEALTH_SPLIT_LEAKAGE:
      return _("The same picture is in the training split and in val or test");
    case DD_HEALTH_N_KINDS:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

const char *
dd_ui_health_icon (DdHealthKind kind)
{
  switch (kind)
    {
    case DD_HEALTH_MISSING_LABEL:
    case DD_HEALTH_UNKNOWN_CLASS:
    case DD_HEALTH_UNNAMED_CLASS:
      return "dialog-question-symbolic";
    case DD_HEALTH_ORPHAN_ANNOTATION:
    case DD_HEALTH_MISSING_CELL:
      return "edit-find-symbolic";
    case DD_HEALTH_EMPTY_FILE:
    case DD_HEALTH_UNDECODABLE:
    case DD_HEALTH_TRUNCATED:
      return "image-missing-symbolic";
    case DD_HEALTH_FORMAT_MISMATCH:
      return "text-x-generic-symbolic";
    case DD_HEALTH_GRAYSCALE:
      return "color-select-symbolic";
    case DD_HEALTH_UNEXPECTED_SIZE:
      return "zoom-fit-best-symbolic";
    case DD_HEALTH_DUPLICATE_CONFLICT:
      return "edit-copy-symbolic";
    case DD_HEALTH_N_KINDS:
    default:
      return "dialog-warning-symbolic";
    }
}

/* ---- the subset in parts ------------------------------------------------------------- */

void
dd_ui_part_free (DdUiPart *part)
{
  if (part == NULL)
    return;
  g_free (part->label);
  g_free (part->details);
  g_free (part);
}

static void
add_part (GPtrArray    *parts,
          DdUiPartKind  kind,
          char         *label,
          char         *details)
{
  DdUiPart *part = g_new0 (DdUiPart, 1);

  part->kind = kind;
  part->label = label;
  part->details = details ? details : g_strdup (label);
  g_ptr_array_add (parts, part);
}

/* "a, b and c", or "a, b, … (12)" past @max names. */
static char *
join_names (GPtrArray *names,
            guint      max,
            guint      total)      /* names there are: @names may hold only the first */
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len && i < max; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "", (char *) names->pdata[i]);
  if (total > max)
    {
      g_autofree char *more = dd_format_count (total - max);

      /* TRANSLATORS: the end of a list cut short: ", and 160 more" */
      g_string_append_printf (text, _(", and %s more"), more);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A class to list by name, with the key its name sorts by. */
typedef struct {
  char       *key;
  const char *name;
  guint       id;
} Named;

static void
named_clear (gpointer data)
{
  g_free (((Named *) data)->key);
}

static int
compare_named (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const Named *) a)->key, ((const Named *) b)->key);
}

/* "goldfish (4,299)" */
static char *
name_with_count (const char *name,
                 DdFacets   *facets,
                 guint       id)
{
  g_autofree char *count = NULL;

  if (facets == NULL || id >= facets->n_classes)
    return g_strdup (name);
  count = dd_format_count (facets->classes[id]);
  return g_strdup_printf ("%s (%s)", name, count);
}

/* The ids of the classes @chosen names (0: the unlabeled samples), each once. */
static GHashTable *
chosen_ids (const char * const *chosen,
            DdCatalog          *catalog)
{
  GHashTable *ids = g_hash_table_new (NULL, NULL);

  for (guint i = 0; chosen && chosen[i]; i++)
    {
      gboolean unlabeled = g_str_equal (chosen[i], DD_RECIPE_UNLABELED);
      guint id = unlabeled ? 0 : dd_catalog_lookup_class (catalog, chosen[i]);

      if (id != 0 || unlabeled)
        g_hash_table_add (ids, GUINT_TO_POINTER (id));
    }
  return ids;
}

guint
dd_ui_count_chosen_classes (DdRecipe  *recipe,
                            DdCatalog *catalog)
{
  const char * const *chosen = dd_recipe_get_classes (recipe);
  g_autoptr(GHashTable) ids = NULL;

  if (chosen == NULL)
    return 0;
  ids = chosen_ids (chosen, catalog);
  return g_hash_table_size (ids);
}

static void
describe_classes (GPtrArray *parts,
                  DdRecipe  *recipe,
                  DdCatalog *catalog,
                  DdFacets  *facets)
{
  const char * const *chosen = dd_recipe_get_classes (recipe);
  g_autoptr(GPtrArray) classes = dd_catalog_list_classes (catalog);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) detailed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GArray) chosen_named = NULL;
  g_autofree char *n_text = NULL;
  g_autofree char *with_text = NULL;
  guint n = 0, with = 0, total = 0;
  char *label;

  for (guint i = 0; i < classes->len; i++)
    total += g_ptr_array_index (classes, i) != NULL;
  if (chosen == NULL)
    {
      for (guint id = 1; facets && id < facets->n_classes; id++)
        with += facets->classes[id] > 0;
      n_text = dd_format_count (total);
      with_text = dd_format_count (with);
      if (facets && with < total)
        /* TRANSLATORS: every class is chosen but some have no sample in the subset */
        label = g_strdup_printf (_("All %s classes, %s with samples"), n_text, with_text);
      else
        label = g_strdup_printf (_("All %s classes"), n_text);
      add_part (parts, DD_UI_PART_CLASSES, label, NULL);
      return;
    }

  /* each chosen class once, by name: sorted by collation keys, made once per name (a
   * g_utf8_collate() per comparison normalised both names every time: 20,000 of them
   * for 1,000 classes, on every change of the subset), and only the names shown are
   * written out */
  ids = chosen_ids (chosen, catalog);
  chosen_named = g_array_new (FALSE, FALSE, sizeof (Named));
  g_array_set_clear_func (chosen_named, named_clear);
  for (guint i = 0; i <= classes->len; i++)
    {
      /* the unlabeled samples first (id 0), then the classes by id */
      DdClassInfo *c = i > 0 ? g_ptr_array_index (classes, i - 1) : NULL;
      guint id = c ? c->id : 0;
      const char *name = c ? c->name : _("Unlabeled");
      Named named;

      if ((i > 0 && c == NULL) || !g_hash_table_contains (ids, GUINT_TO_POINTER (id)))
        continue;
      n++;
      if (facets && id < facets->n_classes && facets->classes[id] > 0)
        with++;
      named.name = name ? name : c->wnid;
      named.key = g_utf8_collate_key (named.name, -1);
      named.id = id;
      g_array_append_val (chosen_named, named);
    }
  g_array_sort (chosen_named, compare_named);
  for (guint i = 0; i < chosen_named->len; i++)
    {
      Named *named = &g_array_index (chosen_named, Named, i);

      if (i <= CHIP_NAMES)
        g_ptr_array_add (names, g_strdup (named->name));
      if (i <= TOOLTIP_NAMES)
        g_ptr_array_add (detailed, name_with_count (named->name, facets, named->id));
    }

  n_text = dd_format_count (n);
  with_text = dd_format_count (with);
  if (n == 0)
    label = g_strdup (_("No class"));
  else if (n <= CHIP_NAMES)
    {
      g_autofree char *list = join_names (names, CHIP_NAMES, n);

      if (facets && with < n)
        {
          g_autofree char *without = dd_format_count (n - with);

          /* TRANSLATORS: "goldfish, tabby cat · 1 without samples" */
          label = g_strdup_printf (_("%s · %s without samples"), list, without);
        }
      else
        label = g_steal_pointer (&list);
    }
  else if (facets)
    /* TRANSLATORS: classes checked, and how many of them have samples in the subset */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s class chosen, %s with samples",
                                          "%s classes chosen, %s with samples", n),
                             n_text, with_text);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s class chosen",
                                          "%s classes chosen", n), n_text);
  {
    g_autofree char *list = join_names (detailed, TOOLTIP_NAMES, n);
    g_autofree char *of = dd_format_count (total);
    /* TRANSLATORS: tooltip: "12 of 200 classes: goldfish (50), …" */
    char *details = g_strdup_printf (_("%s of %s classes: %s"), n_text, of, list);

    add_part (parts, DD_UI_PART_CLASSES, label, details);
  }
}

static void
describe_corruptions (GPtrArray *parts,
                      DdRecipe  *recipe)
{
  const char * const *chosen = dd_recipe_get_corruptions (recipe);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  g_autofree char *all = NULL;
  guint n;

  if (chosen == NULL)
    return;
  for (guint i = 0; chosen[i]; i++)
    g_ptr_array_add (names, dd_ui_corruption_title (chosen[i]));
  n = names->len;
  all = join_names (names, G_MAXUINT, names->len);
  if (n == 0)
    list = g_strdup (_("No corruption"));
  else if (n <= CHIP_NAMES)
    list = g_strdup (all);
  else
    {
      g_autofree char *count = dd_format_count (n);

      list = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s corruption", "%s corruptions", n),
                              count);
    }
  add_part (parts, DD_UI_PART_CORRUPTIONS, g_steal_pointer (&list), g_steal_pointer (&all));
}

static void
describe_list (GPtrArray          *parts,
               DdUiPartKind        kind,
               const char * const *list)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (list == NULL)
    return;
  for (guint i = 0; list[i]; i++)
    g_ptr_array_add (names, g_utf8_make_valid (list[i], -1));
  add_part (parts, kind, names->len ? join_names (names, G_MAXUINT, names->len) : g_strdup (_("No split")),
            NULL);
}

static void
describe_left_out (GPtrArray          *parts,
                   const char * const *flags)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  DdHealthKind kind;

  if (flags == NULL || flags[0] == NULL)
    return;
  for (guint i = 0; flags[i]; i++)
    g_ptr_array_add (names, g_strdup (dd_health_kind_from_string (flags[i], &kind)
                                      ? dd_health_kind_title (kind) : flags[i]));
  list = join_names (names, G_MAXUINT, names->len);
  /* TRANSLATORS: health kinds the recipe leaves out: "Left out: Truncated image" */
  add_part (parts, DD_UI_PART_LEFT_OUT, g_strdup_printf (_("Left out: %s"), list), NULL);
}

GPtrArray *
dd_ui_describe_subset (DdRecipe  *recipe,
                       DdCatalog *catalog,
                       DdFacets  *facets)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) dd_ui_part_free);
  guint limit, n;

  g_return_val_if_fail (recipe != NULL, parts);
  g_return_val_if_fail (DD_IS_CATALOG (catalog), parts);

  if (facets)
    {
      g_autofree char *count = dd_format_count (facets->total);
      g_autofree char *all = dd_format_count (dd_catalog_get_n_samples (catalog));

      add_part (parts, DD_UI_PART_SAMPLES,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s sample", "%s samples",
                                              facets->total), count),
                /* TRANSLATORS: tooltip of the sample count: "3,850 of 869,952 samples" */
                g_strdup_printf (_("%s of %s samples in the catalog"), count, all));
    }
  describe_classes (parts, recipe, catalog, facets);
  describe_corruptions (parts, recipe);
  {
    char *severities = dd_ui_severity_text (dd_recipe_get_severity_mask (recipe));

    if (severities)
      {
        if (severities[0])
          severities[0] = g_unichar_toupper (severities[0]);
        add_part (parts, DD_UI_PART_SEVERITIES, severities, NULL);
      }
  }
  describe_list (parts, DD_UI_PART_SPLITS, dd_recipe_get_splits (recipe));
  describe_left_out (parts, dd_recipe_get_exclude_flags (recipe));
  if ((limit = dd_recipe_get_per_class_limit (recipe)) > 0)
    {
      g_autofree char *count = dd_format_count (limit);
      g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, dd_recipe_get_seed (recipe));

      /* TRANSLATORS: the quota: "30 per class (seed 7)" */
      add_part (parts, DD_UI_PART_QUOTA, g_strdup_printf (_("%s per class (seed %s)"), count, seed),
                NULL);
    }
  if ((n = dd_recipe_get_n_exclude (recipe)) > 0)
    {
      g_autofree char *count = dd_format_count (n);

      add_part (parts, DD_UI_PART_EXCLUDED,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s excluded by hand",
                                              "%s excluded by hand", n), count),
                g_strdup (_("Samples left out one by one in the Fine grid: show them")));
    }
  if ((n = dd_recipe_get_n_include (recipe)) > 0)
    {
      g_autofree char *count = dd_format_count (n);

      add_part (parts, DD_UI_PART_INCLUDED,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s included by hand",
                                              "%s included by hand", n), count), NULL);
    }
  return parts;
}

char *
dd_ui_describe_line (DdRecipe  *recipe,
                     DdCatalog *catalog,
                     DdFacets  *facets)
{
  g_autoptr(GPtrArray) parts = dd_ui_describe_subset (recipe, catalog, facets);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (line, "%s%s", i ? " · " : "",
                            ((DdUiPart *) parts->pdata[i])->label);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static gboolean
query_stored_tooltip (GtkWidget  *widget,
                      int         x,
                      int         y,
                      gboolean    keyboard_mode,
                      GtkTooltip *tooltip,
                      gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "dd-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
dd_ui_set_tooltip (GtkWidget  *widget,
                   const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (text, g_object_get_data (G_OBJECT (widget), "dd-tooltip")) == 0)
    return;
  g_object_set_data_full (G_OBJECT (widget), "dd-tooltip", g_strdup (text), g_free);
  if (!g_object_get_data (G_OBJECT (widget), "dd-tooltip-asked"))
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_stored_tooltip), NULL);
      g_object_set_data (G_OBJECT (widget), "dd-tooltip-asked", GINT_TO_POINTER (TRUE));
    }
  gtk_widget_set_has_tooltip (widget, text != NULL && *text != '\0');
}

const char *
dd_ui_get_tooltip (GtkWidget *widget)
{
  const char *text;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  text = g_object_get_data (G_OBJECT (widget), "dd-tooltip");
  return text ? text : gtk_widget_get_tooltip_text (widget);
}
