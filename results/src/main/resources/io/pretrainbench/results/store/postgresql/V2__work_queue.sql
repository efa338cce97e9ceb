-- Cells claimed by workers (`pretrain-bench worker`) under leases; see PostgresResultStore.

-- Which cells a grid has, in the order workers take them. A cell id may belong to several grids.
CREATE TABLE grid_cells (
  grid_hash TEXT COLLATE "C" NOT NULL, cell_id TEXT COLLATE "C" NOT NULL, position INTEGER NOT NULL,
  PRIMARY KEY (grid_hash, cell_id));
CREATE INDEX grid_cells_in_order ON grid_cells (grid_hash, position);

-- One row per cell id: queued, running under a worker's lease, or done (its result is in `cells`).
-- A running cell whose lease has expired (its worker died) may be claimed again.
CREATE TABLE queue (
  cell_id TEXT COLLATE "C" PRIMARY KEY, encoder_key TEXT COLLATE "C" NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done')),
  worker_id TEXT, lease_until TIMESTAMPTZ, attempts INTEGER NOT NULL DEFAULT 0,
  claimed_at TIMESTAMPTZ, finished_at TIMESTAMPTZ);
CREATE INDEX queue_by_state ON queue (state);

-- One row per pre-trained encoder: the worker pre-training it holds a lease like a cell's.
CREATE TABLE pretrainings (
  encoder_key TEXT COLLATE "C" PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  worker_id TEXT NOT NULL, lease_until TIMESTAMPTZ NOT NULL, attempts INTEGER NOT NULL,
  started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, encoder_checksum TEXT, error TEXT);

CREATE TABLE workers (
  worker_id TEXT COLLATE "C" PRIMARY KEY, run_id TEXT NOT NULL, grid_hash TEXT COLLATE "C" NOT NULL,
  host TEXT NOT NULL, pid BIGINT NOT NULL, threads INTEGER NOT NULL, lease_seconds INTEGER NOT NULL,
  started_at TIMESTAMPTZ NOT NULL, last_heartbeat TIMESTAMPTZ NOT NULL, cell_id TEXT,
  cells_done INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('running', 'exited')), exit_reason TEXT);
