/**
 * The {@code pretrain-bench} command line: one picocli command per verb ({@code run}, {@code validate},
 * {@code leaderboard}, {@code compare}, {@code report}, {@code export}, ...), wired with Guice by
 * {@link io.pretrainbench.cli.Wiring} over the engine's modules. {@link io.pretrainbench.cli.Main} maps every outcome
 * to the documented exit codes. This is the only module that knows picocli; the engine and the store do not know it
 * exists.
 */
package io.pretrainbench.cli;
