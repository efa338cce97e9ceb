/** Export of every stored cell to JSON, CSV or Parquet (the CSV's columns, typed). */
package io.pretrainbench.results.export;
