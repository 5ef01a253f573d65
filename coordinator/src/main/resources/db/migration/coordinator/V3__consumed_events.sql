-- Ids of operator events (RollbackRequested) already acted on: the same event twice starts one rollback.
CREATE TABLE consumed_event (
	id text PRIMARY KEY,
	type text NOT NULL,
	consumed_at timestamptz NOT NULL DEFAULT now()
);
