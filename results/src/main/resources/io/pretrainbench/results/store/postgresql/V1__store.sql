-- The results tables, as in SQLite's store (SqliteResultStore.SCHEMA): same names, columns and constraints.
-- Text keys compare byte by byte (COLLATE "C"), as SQLite's do, so that both stores list cells in the same order.
CREATE TABLE runs (
  run_id TEXT COLLATE "C" PRIMARY KEY, grid_name TEXT NOT NULL, grid_hash TEXT COLLATE "C" NOT NULL,
  grid_source TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, environment TEXT NOT NULL);

CREATE TABLE cells (
  cell_id TEXT COLLATE "C" PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs(run_id),
  method TEXT COLLATE "C" NOT NULL, method_params TEXT COLLATE "C" NOT NULL,
  corpus TEXT COLLATE "C" NOT NULL, corpus_params TEXT COLLATE "C" NOT NULL,
  pretrain_seed BIGINT NOT NULL, task TEXT COLLATE "C" NOT NULL, task_params TEXT COLLATE "C" NOT NULL,
  budget INTEGER NOT NULL, protocol TEXT COLLATE "C" NOT NULL, protocol_params TEXT COLLATE "C" NOT NULL,
  seed BIGINT NOT NULL, estimators TEXT NOT NULL, plugin_versions TEXT NOT NULL, data_checksum TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('SUCCEEDED', 'FAILED')), error TEXT,
  wall_seconds DOUBLE PRECISION NOT NULL, cpu_seconds DOUBLE PRECISION NOT NULL, peak_memory_bytes BIGINT NOT NULL,
  encoder_checksum TEXT, recorded_at TEXT NOT NULL);

CREATE TABLE metrics (
  cell_id TEXT COLLATE "C" PRIMARY KEY REFERENCES cells(cell_id) ON DELETE CASCADE,
  train_accuracy DOUBLE PRECISION NOT NULL, test_accuracy DOUBLE PRECISION NOT NULL,
  train_risk DOUBLE PRECISION, test_risk DOUBLE PRECISION, validation_accuracy DOUBLE PRECISION,
  generalization_gap DOUBLE PRECISION NOT NULL);

CREATE TABLE bounds (
  cell_id TEXT COLLATE "C" NOT NULL REFERENCES cells(cell_id) ON DELETE CASCADE, estimator TEXT COLLATE "C" NOT NULL,
  value DOUBLE PRECISION, error TEXT,
  kind TEXT NOT NULL DEFAULT 'bound' CHECK (kind IN ('bound', 'diagnostic')),
  PRIMARY KEY (cell_id, estimator), CHECK ((value IS NULL) <> (error IS NULL)));

CREATE TABLE bound_components (
  cell_id TEXT COLLATE "C" NOT NULL, estimator TEXT COLLATE "C" NOT NULL, component TEXT COLLATE "C" NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (cell_id, estimator, component),
  FOREIGN KEY (cell_id, estimator) REFERENCES bounds(cell_id, estimator) ON DELETE CASCADE);

CREATE TABLE curves (
  cell_id TEXT COLLATE "C" NOT NULL REFERENCES cells(cell_id) ON DELETE CASCADE, phase TEXT COLLATE "C" NOT NULL,
  step INTEGER NOT NULL, loss DOUBLE PRECISION NOT NULL, PRIMARY KEY (cell_id, phase, step));

CREATE INDEX cells_by_status ON cells(status);
