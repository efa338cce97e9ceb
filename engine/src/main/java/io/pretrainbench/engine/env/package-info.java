/** What a run records about the machine and code it ran on. */
package io.pretrainbench.engine.env;
