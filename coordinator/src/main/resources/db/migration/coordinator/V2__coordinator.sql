-- The coordinator's Ed25519 key pair: one row, made by the first coordinator that starts (agents trust its public half).
CREATE TABLE coordinator_key (
	id smallint PRIMARY KEY CHECK (id = 1),
	private_key text NOT NULL,
	public_key text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);

-- Targets as their agents registered; public_key is pinned by the first Registered and checks every later event.
CREATE TABLE target (
	name text PRIMARY KEY,
	public_key text NOT NULL,
	capabilities jsonb NOT NULL,
	agent_version text NOT NULL,
	generation bigint NOT NULL,
	registered_at timestamptz NOT NULL,
	last_seen timestamptz NOT NULL,
	locked_by text
);

-- One row per deployment: the saga's data as one JSON document, replaced on every transition (version checks it).
-- owner/lease_until: the coordinator driving it; another may take over only once the lease has run out.
CREATE TABLE deployment (
	id text PRIMARY KEY,
	status text NOT NULL,
	generation bigint NOT NULL,
	revision_id text,
	request jsonb NOT NULL,
	options jsonb NOT NULL,
	manifest jsonb,
	saga jsonb NOT NULL,
	error text,
	created_at timestamptz NOT NULL,
	finished_at timestamptz,
	owner text,
	lease_until timestamptz,
	version bigint NOT NULL DEFAULT 0
);
CREATE INDEX deployment_unfinished ON deployment (created_at) WHERE finished_at IS NULL;

-- Which deployment holds a target, in the coordinator's own books (the agents hold their own lease locks too).
CREATE TABLE target_lock (
	target text PRIMARY KEY,
	deployment_id text NOT NULL REFERENCES deployment (id)
);

-- Agents' answers, verified, waiting for the coordinator that drives their deployment (whichever instance read them).
CREATE TABLE step_reply (
	command_id text PRIMARY KEY,
	deployment_id text NOT NULL,
	target text NOT NULL,
	succeeded boolean NOT NULL,
	reason text,
	received_at timestamptz NOT NULL,
	applied boolean NOT NULL DEFAULT false
);
CREATE INDEX step_reply_pending ON step_reply (deployment_id) WHERE NOT applied;

-- Committed generations, numbered as Disnix numbers profile generations; a rollback commits a new one.
CREATE TABLE generation (
	number bigint PRIMARY KEY,
	deployment_id text NOT NULL,
	revision_id text,
	manifest jsonb NOT NULL,
	created_at timestamptz NOT NULL
);
