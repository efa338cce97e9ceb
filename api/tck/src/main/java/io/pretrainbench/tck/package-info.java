/**
 * The conformance kit: one abstract JUnit 5 class per plugin kind. A plugin's test extends the class of its kind and
 * implements {@code plugin()} (and, for speed, {@code fastParameters()}); the inherited tests check the descriptor,
 * parameter validation, service registration, determinism, save/restore, cancellation and the kind's contract.
 * Built-in and third-party plugins pass the same kit.
 */
package io.pretrainbench.tck;
