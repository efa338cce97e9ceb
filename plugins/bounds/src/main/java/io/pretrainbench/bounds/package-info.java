/**
 * Built-in bound estimators. {@code rademacher-linear}: the multi-class margin bound of Mohri et al. (Thm 9.2) for
 * the fitted linear head, whose key term is the head class's Rademacher complexity on the learned representation
 * (Deng et al. 2024); every term is recorded as a component. Depends on the SPI only.
 */
package io.pretrainbench.bounds;
