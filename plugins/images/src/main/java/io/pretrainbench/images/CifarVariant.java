package io.pretrainbench.images;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The two CIFAR releases in their binary form ("CIFAR-10 binary version", "CIFAR-100 binary version" at
 * https://www.cs.toronto.edu/~kriz/cifar.html): label bytes, then 3 072 pixel bytes (the red, green and blue planes of
 * a 32×32 image, each row by row), one record per image, no header.
 */
enum CifarVariant {
    CIFAR10(
            "cifar10",
            "CIFAR-10",
            "cifar-10-binary.tar.gz",
            IntStream.rangeClosed(1, 5)
                    .mapToObj(i -> "data_batch_" + i + ".bin")
                    .toList(),
            List.of("test_batch.bin"),
            List.of(),
            List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")),
    CIFAR100(
            "cifar100",
            "CIFAR-100",
            "cifar-100-binary.tar.gz",
            List.of("train.bin"),
            List.of("test.bin"),
            List.of(
                    "aquatic_mammals",
                    "fish",
                    "flowers",
                    "food_containers",
                    "fruit_and_vegetables",
                    "household_electrical_devices",
                    "household_furniture",
                    "insects",
                    "large_carnivores",
                    "large_man-made_outdoor_things",
                    "large_natural_outdoor_scenes",
                    "large_omnivores_and_herbivores",
                    "medium_mammals",
                    "non-insect_invertebrates",
                    "people",
                    "reptiles",
                    "small_mammals",
                    "trees",
                    "vehicles_1",
                    "vehicles_2"),
            List.of(
                    "apple",
                    "aquarium_fish",
                    "baby",
                    "bear",
                    "beaver",
                    "bed",
                    "bee",
                    "beetle",
                    "bicycle",
                    "bottle",
                    "bowl",
                    "boy",
                    "bridge",
                    "bus",
                    "butterfly",
                    "camel",
                    "can",
                    "castle",
                    "caterpillar",
                    "cattle",
                    "chair",
                    "chimpanzee",
                    "clock",
                    "cloud",
                    "cockroach",
                    "couch",
                    "crab",
                    "crocodile",
                    "cup",
                    "dinosaur",
                    "dolphin",
                    "elephant",
                    "flatfish",
                    "forest",
                    "fox",
                    "girl",
                    "hamster",
                    "house",
                    "kangaroo",
                    "keyboard",
                    "lamp",
                    "lawn_mower",
                    "leopard",
                    "lion",
                    "lizard",
                    "lobster",
                    "man",
                    "maple_tree",
                    "motorcycle",
                    "mountain",
                    "mouse",
                    "mushroom",
                    "oak_tree",
                    "orange",
                    "orchid",
                    "otter",
                    "palm_tree",
                    "pear",
                    "pickup_truck",
                    "pine_tree",
                    "plain",
                    "plate",
                    "poppy",
                    "porcupine",
                    "possum",
                    "rabbit",
                    "raccoon",
                    "ray",
                    "road",
                    "rocket",
                    "rose",
                    "sea",
                    "seal",
                    "shark",
                    "shrew",
                    "skunk",
                    "skyscraper",
                    "snail",
                    "snake",
                    "spider",
                    "squirrel",
                    "streetcar",
                    "sunflower",
                    "sweet_pepper",
                    "table",
                    "tank",
                    "telephone",
                    "television",
                    "tiger",
                    "tractor",
                    "train",
                    "trout",
                    "tulip",
                    "turtle",
                    "wardrobe",
                    "whale",
                    "willow_tree",
                    "wolf",
                    "woman",
                    "worm"));

    static final int SIDE = 32;
    static final int CHANNELS = 3;
    static final int PIXEL_BYTES = SIDE * SIDE * CHANNELS;
    static final String SOURCE = "https://www.cs.toronto.edu/~kriz/cifar.html";

    /** The parameter value. */
    final String key;
    /** The published name, for messages. */
    final String title;

    final String archive;
    final List<String> trainFiles;
    final List<String> testFiles;
    /** Class names of the coarse label (the first label byte of CIFAR-100); empty for CIFAR-10, which has one label. */
    final List<String> coarseClasses;
    /** Class names of the fine label (the last label byte, CIFAR-10's only one). */
    final List<String> fineClasses;

    CifarVariant(
            String key,
            String title,
            String archive,
            List<String> trainFiles,
            List<String> testFiles,
            List<String> coarseClasses,
            List<String> fineClasses) {
        this.key = key;
        this.title = title;
        this.archive = archive;
        this.trainFiles = trainFiles;
        this.testFiles = testFiles;
        this.coarseClasses = coarseClasses;
        this.fineClasses = fineClasses;
    }

    /** Label bytes before the pixels of each record: the fine label, preceded by the coarse one where there is one. */
    int labelBytes() {
        return coarseClasses.isEmpty() ? 1 : 2;
    }

    int recordSize() {
        return labelBytes() + PIXEL_BYTES;
    }

    static CifarVariant of(String key) {
        for (CifarVariant v : values()) {
            if (v.key.equals(key)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no CIFAR variant '" + key + "'");
    }

    static List<String> keys() {
        return java.util.Arrays.stream(values()).map(v -> v.key).toList();
    }
}
