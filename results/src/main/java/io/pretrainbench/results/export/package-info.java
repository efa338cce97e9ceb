/** Export of every stored cell to JSON or CSV. */
package io.pretrainbench.results.export;
