-- Pools, who holds which ID, the cursors, and the answers given per deployment id.

CREATE TABLE pool
(
  name  TEXT PRIMARY KEY,
  min   BIGINT NOT NULL,
  max   BIGINT NOT NULL,
  step  BIGINT NOT NULL,
  scope TEXT   NOT NULL,
  CONSTRAINT pool_bounds CHECK (min >= 0 AND min <= max AND max <= 4294967295 AND step >= 1),
  CONSTRAINT pool_scope CHECK (scope IN ('global', 'machine'))
);

-- One row per service for a global pool (target = ''), one per target of the service for a machine-scoped pool.
-- The unique constraint is the last line of defence against handing out an ID twice in a scope; the normal path
-- never reaches it because assignments lock the pool rows first.
CREATE TABLE holding
(
  pool    TEXT   NOT NULL REFERENCES pool (name) ON DELETE CASCADE,
  service TEXT   NOT NULL,
  target  TEXT   NOT NULL,
  id      BIGINT NOT NULL,
  PRIMARY KEY (pool, service, target),
  CONSTRAINT holding_unique_in_scope UNIQUE (pool, target, id)
);
CREATE INDEX holding_by_service ON holding (service);

-- The last ID handed out per pool (target = '') or per pool and target: the dydisnix lastAssignments.
CREATE TABLE pool_cursor
(
  pool    TEXT   NOT NULL REFERENCES pool (name) ON DELETE CASCADE,
  target  TEXT   NOT NULL,
  last_id BIGINT NOT NULL,
  PRIMARY KEY (pool, target)
);

-- The targets a service was mapped to when it last asked; machine-scoped IDs are unique on each of them.
CREATE TABLE service_targets
(
  service TEXT   PRIMARY KEY,
  targets TEXT[] NOT NULL
);

-- Idempotency: the answer to each deployment id, and a hash of the request it answered.
CREATE TABLE deployment_request
(
  deployment_id TEXT PRIMARY KEY,
  request_hash  TEXT NOT NULL,
  response      TEXT,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- The naive baseline the benchmark compares with: one counter per pool, bumped per assignment.
CREATE TABLE naive_counter
(
  pool  TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
