/**
 * The results store: what the engine writes after every cell, and what every report reads.
 *
 * <p><b>Why SQLite.</b> One file that can be copied, attached to a paper or merged elsewhere; ACID transactions whose
 * write-ahead log (WAL) survives {@code kill -9} in the middle of a write; a tiny footprint; and a JDBC driver on Maven
 * Central ({@code org.xerial:sqlite-jdbc}) with the native library for every common platform inside the jar, so nothing
 * is installed. The workload fits it: small transactional writes (one transaction per cell) from worker threads of one
 * process. DuckDB was set aside: it is a columnar engine built for large analytical scans and a much bigger dependency,
 * while our analytical queries (leaderboards over at most thousands of cells) are small.
 *
 * <p><b>Durability.</b> {@code journal_mode=WAL} with {@code synchronous=FULL}. In WAL mode a commit appends the
 * transaction to the WAL file before {@code commit()} returns; a half-written transaction (the process killed in the
 * middle of {@code record}) has no commit frame and is ignored when the file is next opened. {@code NORMAL} would
 * already make a committed cell survive {@code kill -9} of the process (the operating system holds the written pages);
 * it only skips the fsync per commit, so an operating-system crash or power loss could lose the last committed cells
 * (never corrupt the file). {@code FULL} adds that fsync, making a committed cell survive power loss too. We take FULL
 * because a cell costs seconds to hours of compute and the fsync costs about 0.1 ms per cell on our machines (measured:
 * 2.09 ms per realistic cell with NORMAL, 2.21 ms with FULL; see {@code results/README.md}). The busy timeout (30 s)
 * makes a second process writing the same file wait instead of failing.
 *
 * <p><b>Schema.</b> Tables {@code runs}, {@code cells}, {@code metrics}, {@code bounds}, {@code bound_components} and
 * {@code curves}; children are deleted with their cell ({@code ON DELETE CASCADE}), so replacing a failed attempt
 * leaves no orphans. The version is SQLite's {@code user_version} (see {@code SqliteResultStore.SCHEMA_VERSION}); the
 * header field {@code application_id} marks the file as a PretrainBench store. A file of another version or another
 * application is refused with its path in the message; nothing in it is changed.
 *
 * <p><b>Canonical JSON.</b> {@code CanonicalJson} is the one form in which parameter maps are stored and hashed (cell
 * ids, bundle hashes); the grid, the store, the export and the bundle all write through it.
 *
 * <p>Depends on the SPI's records ({@code Metrics}, {@code BoundEstimate}), the SQLite driver and Jackson only.
 */
package io.pretrainbench.results.store;
