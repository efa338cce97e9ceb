/**
 * The mask-reconstruction paper's setting (Pan, Zhou &amp; Yan, ICLR 2023, arXiv 2206.03826) as plugins: the multi-view
 * patch data of Allen-Zhu &amp; Li (2020) as the corpus and task {@code multiview}, the two-layer convolutional encoder
 * with a smoothed ReLU ({@link io.pretrainbench.multiview.PatchConvEncoder}), mask-reconstruction pre-training with a
 * one-layer decoder ({@code multiview-mrp}), its random-initialisation baseline ({@code multiview-scratch}), and the
 * {@code feature-coverage} estimator. Depends on the SPI and {@code plugins/nn}.
 */
package io.pretrainbench.multiview;
