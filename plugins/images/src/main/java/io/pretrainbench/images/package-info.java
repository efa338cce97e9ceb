/**
 * Image data sets other than Fashion-MNIST, for users who bring the files: the CIFAR-10/100 binary batches
 * ({@code cifar}) and the STL-10 binary release ({@code stl10}, its unlabelled images as a corpus, its folds as a task
 * parameter) and ImageFolder trees of PNG, JPEG, BMP or GIF files ({@code image-folder}). Every plugin here checks its
 * files at validate (missing, truncated, labels out of range, named in one line) and hands out {@code [height, width,
 * channels]} examples with pixels scaled as {@link Pixels} says. Depends on the SPI only.
 */
package io.pretrainbench.images;
