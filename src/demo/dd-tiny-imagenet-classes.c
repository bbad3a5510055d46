/* The 200 Tiny-ImageNet classes: WordNet ids and names (public data, generated once from
 * the official wnids.txt and words.txt; sorted by wnid, plus the official wnids.txt order). */
#define G_LOG_DOMAIN "datadive-core"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dd-tiny-imagenet-classes.h"

static const struct {
  const char *wnid;
  const char *names;
} classes[DD_TINY_IMAGENET_N_CLASSES] = {
  { "n01443537", "goldfish, Carassius auratus" },
  { "n01629819", "European fire salamander, Salamandra salamandra" },
  { "n01641577", "bullfrog, Rana catesbeiana" },
  { "n01644900", "tailed frog, bell toad, ribbed toad, tailed toad, Ascaphus trui" },
  { "n01698640", "American alligator, Alligator mississipiensis" },
  { "n01742172", "boa constrictor, Constrictor constrictor" },
  { "n01768244", "trilobite" },
  { "n01770393", "scorpion" },
  { "n01774384", "black widow, Latrodectus mactans" },
  { "n01774750", "tarantula" },
  { "n01784675", "centipede" },
  { "n01855672", "goose" },
  { "n01882714", "koala, koala bear, kangaroo bear, native bear, Phascolarctos cinereus" },
  { "n01910747", "jellyfish" },
  { "n01917289", "brain coral" },
  { "n01944390", "snail" },
  { "n01945685", "slug" },
  { "n01950731", "sea slug, nudibranch" },
  { "n01983481", "American lobster, Northern lobster, Maine lobster, Homarus americanus" },
  { "n01984695", "spiny lobster, langouste, rock lobster, crawfish, crayfish, sea crawfish" },
  { "n02002724", "black stork, Ciconia nigra" },
  { "n02056570", "king penguin, Aptenodytes patagonica" },
  { "n02058221", "albatross, mollymawk" },
  { "n02074367", "dugong, Dugong dugon" },
  { "n02085620", "Chihuahua" },
  { "n02094433", "Yorkshire terrier" },
  { "n02099601", "golden retriever" },
  { "n02099712", "Labrador retriever" },
  { "n02106662", "German shepherd, German shepherd dog, German police dog, alsatian" },
  { "n02113799", "standard poodle" },
  { "n02123045", "tabby, tabby cat" },
  { "n02123394", "Persian cat" },
  { "n02124075", "Egyptian cat" },
  { "n02125311", "cougar, puma, catamount, mountain lion, painter, panther, Felis concolor" },
  { "n02129165", "lion, king of beasts, Panthera leo" },
  { "n02132136", "brown bear, bruin, Ursus arctos" },
  { "n02165456", "ladybug, ladybeetle, lady beetle, ladybird, ladybird beetle" },
  { "n02190166", "fly" },
  { "n02206856", "bee" },
  { "n02226429", "grasshopper, hopper" },
  { "n02231487", "walking stick, walkingstick, stick insect" },
  { "n02233338", "cockroach, roach" },
  { "n02236044", "mantis, mantid" },
  { "n02268443", "dragonfly, darning needle, devil's darning needle, sewing needle"
                  ", snake feeder, snake doctor, mosquito hawk, skeeter hawk" },
  { "n02279972", "monarch, monarch butterfly, milkweed butterfly, Danaus plexippus" },
  { "n02281406", "sulphur butterfly, sulfur butterfly" },
  { "n02321529", "sea cucumber, holothurian" },
  { "n02364673", "guinea pig, Cavia cobaya" },
  { "n02395406", "hog, pig, grunter, squealer, Sus scrofa" },
  { "n02403003", "ox" },
  { "n02410509", "bison" },
  { "n02415577", "bighorn, bighorn sheep, cimarron, Rocky Mountain bighorn"
                  ", Rocky Mountain sheep, Ovis canadensis" },
  { "n02423022", "gazelle" },
  { "n02437312", "Arabian camel, dromedary, Camelus dromedarius" },
  { "n02480495", "orangutan, orang, orangutang, Pongo pygmaeus" },
  { "n02481823", "chimpanzee, chimp, Pan troglodytes" },
  { "n02486410", "baboon" },
  { "n02504458", "African elephant, Loxodonta africana" },
  { "n02509815", "lesser panda, red panda, panda, bear cat, cat bear, Ailurus fulgens" },
  { "n02666196", "abacus" },
  { "n02669723", "academic gown, academic robe, judge's robe" },
  { "n02699494", "altar" },
  { "n02730930", "apron" },
  { "n02769748", "backpack, back pack, knapsack, packsack, rucksack, haversack" },
  { "n02788148", "bannister, banister, balustrade, balusters, handrail" },
  { "n02791270", "barbershop" },
  { "n02793495", "barn" },
  { "n02795169", "barrel, cask" },
  { "n02802426", "basketball" },
  { "n02808440", "bathtub, bathing tub, bath, tub" },
  { "n02814533", "beach wagon, station wagon, wagon, estate car, beach waggon"
                  ", station waggon, waggon" },
  { "n02814860", "beacon, lighthouse, beacon light, pharos" },
  { "n02815834", "beaker" },
  { "n02823428", "beer bottle" },
  { "n02837789", "bikini, two-piece" },
  { "n02841315", "binoculars, field glasses, opera glasses" },
  { "n02843684", "birdhouse" },
  { "n02883205", "bow tie, bow-tie, bowtie" },
  { "n02892201", "brass, memorial tablet, plaque" },
  { "n02906734", "broom" },
  { "n02909870", "bucket, pail" },
  { "n02917067", "bullet train, bullet" },
  { "n02927161", "butcher shop, meat market" },
  { "n02948072", "candle, taper, wax light" },
  { "n02950826", "cannon" },
  { "n02963159", "cardigan" },
  { "n02977058", "cash machine, cash dispenser, automated teller machine"
                  ", automatic teller machine, automated teller, automatic teller, ATM" },
  { "n02988304", "CD player" },
  { "n02999410", "chain" },
  { "n03014705", "chest" },
  { "n03026506", "Christmas stocking" },
  { "n03042490", "cliff dwelling" },
  { "n03085013", "computer keyboard, keypad" },
  { "n03089624", "confectionery, confectionary, candy store" },
  { "n03100240", "convertible" },
  { "n03126707", "crane" },
  { "n03160309", "dam, dike, dyke" },
  { "n03179701", "desk" },
  { "n03201208", "dining table, board" },
  { "n03250847", "drumstick" },
  { "n03255030", "dumbbell" },
  { "n03355925", "flagpole, flagstaff" },
  { "n03388043", "fountain" },
  { "n03393912", "freight car" },
  { "n03400231", "frying pan, frypan, skillet" },
  { "n03404251", "fur coat" },
  { "n03424325", "gasmask, respirator, gas helmet" },
  { "n03444034", "go-kart" },
  { "n03447447", "gondola" },
  { "n03544143", "hourglass" },
  { "n03584254", "iPod" },
  { "n03599486", "jinrikisha, ricksha, rickshaw" },
  { "n03617480", "kimono" },
  { "n03637318", "lampshade, lamp shade" },
  { "n03649909", "lawn mower, mower" },
  { "n03662601", "lifeboat" },
  { "n03670208", "limousine, limo" },
  { "n03706229", "magnetic compass" },
  { "n03733131", "maypole" },
  { "n03763968", "military uniform" },
  { "n03770439", "miniskirt, mini" },
  { "n03796401", "moving van" },
  { "n03804744", "nail" },
  { "n03814639", "neck brace" },
  { "n03837869", "obelisk" },
  { "n03838899", "oboe, hautboy, hautbois" },
  { "n03854065", "organ, pipe organ" },
  { "n03891332", "parking meter" },
  { "n03902125", "pay-phone, pay-station" },
  { "n03930313", "picket fence, paling" },
  { "n03937543", "pill bottle" },
  { "n03970156", "plunger, plumber's helper" },
  { "n03976657", "pole" },
  { "n03977966", "police van, police wagon, paddy wagon, patrol wagon, wagon, black Maria" },
  { "n03980874", "poncho" },
  { "n03983396", "pop bottle, soda bottle" },
  { "n03992509", "potter's wheel" },
  { "n04008634", "projectile, missile" },
  { "n04023962", "punching bag, punch bag, punching ball, punchball" },
  { "n04067472", "reel" },
  { "n04070727", "refrigerator, icebox" },
  { "n04074963", "remote control, remote" },
  { "n04099969", "rocking chair, rocker" },
  { "n04118538", "rugby ball" },
  { "n04133789", "sandal" },
  { "n04146614", "school bus" },
  { "n04149813", "scoreboard" },
  { "n04179913", "sewing machine" },
  { "n04251144", "snorkel" },
  { "n04254777", "sock" },
  { "n04259630", "sombrero" },
  { "n04265275", "space heater" },
  { "n04275548", "spider web, spider's web" },
  { "n04285008", "sports car, sport car" },
  { "n04311004", "steel arch bridge" },
  { "n04328186", "stopwatch, stop watch" },
  { "n04356056", "sunglasses, dark glasses, shades" },
  { "n04366367", "suspension bridge" },
  { "n04371430", "swimming trunks, bathing trunks" },
  { "n04376876", "syringe" },
  { "n04398044", "teapot" },
  { "n04399382", "teddy, teddy bear" },
  { "n04417672", "thatch, thatched roof" },
  { "n04456115", "torch" },
  { "n04465501", "tractor" },
  { "n04486054", "triumphal arch" },
  { "n04487081", "trolleybus, trolley coach, trackless trolley" },
  { "n04501370", "turnstile" },
  { "n04507155", "umbrella" },
  { "n04532106", "vestment" },
  { "n04532670", "viaduct" },
  { "n04540053", "volleyball" },
  { "n04560804", "water jug" },
  { "n04562935", "water tower" },
  { "n04596742", "wok" },
  { "n04597913", "wooden spoon" },
  { "n06596364", "comic book" },
  { "n07579787", "plate" },
  { "n07583066", "guacamole" },
  { "n07614500", "ice cream, icecream" },
  { "n07615774", "ice lolly, lolly, lollipop, popsicle" },
  { "n07695742", "pretzel" },
  { "n07711569", "mashed potato" },
  { "n07715103", "cauliflower" },
  { "n07720875", "bell pepper" },
  { "n07734744", "mushroom" },
  { "n07747607", "orange" },
  { "n07749582", "lemon" },
  { "n07753592", "banana" },
  { "n07768694", "pomegranate" },
  { "n07871810", "meat loaf, meatloaf" },
  { "n07873807", "pizza, pizza pie" },
  { "n07875152", "potpie" },
  { "n07920052", "espresso" },
  { "n09193705", "alp" },
  { "n09246464", "cliff, drop, drop-off" },
  { "n09256479", "coral reef" },
  { "n09332890", "lakeside, lakeshore" },
  { "n09428293", "seashore, coast, seacoast, sea-coast" },
  { "n12267677", "acorn" },
};

/* Indices into classes[] in the order of the official wnids.txt. */
static const guint8 official_order[DD_TINY_IMAGENET_N_CLASSES] = {
  32, 139, 171, 142, 187, 2, 68, 195, 193, 131, 127, 28, 98, 44, 35, 145, 191, 47, 168,
  126, 125, 118, 0, 192, 109, 198, 92, 53, 179, 122, 151, 85, 56, 15, 196, 22, 152, 46, 63,
  27, 181, 21, 45, 9, 58, 135, 188, 149, 41, 137, 73, 42, 103, 178, 141, 1, 197, 55, 128,
  105, 194, 113, 163, 59, 121, 67, 30, 11, 12, 81, 87, 160, 76, 52, 60, 164, 36, 120, 26,
  165, 84, 123, 150, 106, 83, 97, 104, 38, 96, 19, 133, 110, 138, 71, 13, 174, 136, 144,
  130, 82, 16, 48, 33, 95, 169, 43, 86, 185, 111, 173, 89, 148, 156, 37, 116, 20, 23, 153,
  172, 157, 49, 180, 167, 90, 79, 7, 175, 129, 143, 147, 154, 31, 140, 66, 62, 25, 158,
  155, 114, 162, 102, 8, 74, 177, 161, 65, 93, 70, 146, 186, 101, 18, 166, 99, 100, 78, 77,
  94, 51, 54, 4, 10, 159, 107, 14, 17, 91, 182, 170, 119, 189, 88, 112, 176, 6, 50, 132, 5,
  134, 69, 39, 40, 24, 3, 34, 61, 124, 72, 184, 64, 80, 117, 190, 108, 29, 199, 115, 75,
  183, 57,
};

const char *
dd_tiny_imagenet_wnid (guint index)
{
  g_return_val_if_fail (index < DD_TINY_IMAGENET_N_CLASSES, NULL);
  return classes[index].wnid;
}

const char *
dd_tiny_imagenet_names (guint index)
{
  g_return_val_if_fail (index < DD_TINY_IMAGENET_N_CLASSES, NULL);
  return classes[index].names;
}

guint
dd_tiny_imagenet_official_index (guint position)
{
  g_return_val_if_fail (position < DD_TINY_IMAGENET_N_CLASSES, 0);
  return official_order[position];
}

static int
compare_wnid (const void *key,
              const void *member)
{
  return strcmp (key, *(const char * const *) member);
}

int
dd_tiny_imagenet_lookup (const char *wnid)
{
  const void *found;

  if (wnid == NULL)
    return -1;
  found = bsearch (wnid, classes, DD_TINY_IMAGENET_N_CLASSES, sizeof classes[0], compare_wnid);
  if (found == NULL)
    return -1;
  return (int) (((const char *) found - (const char *) classes) / sizeof classes[0]);
}
