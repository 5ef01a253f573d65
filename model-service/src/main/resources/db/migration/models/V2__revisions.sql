-- Immutable model revisions, keyed by the SHA-256 of their canonical form (RFC 8785 text).
-- V1 (the event publication outbox) comes from service-support's db/migration/outbox.

CREATE TABLE revision
(
  id         TEXT PRIMARY KEY,
  -- creation order for listing and for the default parent; ids are hashes and say nothing about order
  seq        BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  parent     TEXT REFERENCES revision (id),
  author     TEXT        NOT NULL,
  message    TEXT        NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  canonical  TEXT        NOT NULL,
  -- the model set exactly as submitted (JSON text), for GET /revisions/{id}/source
  source     TEXT        NOT NULL,
  services   INT         NOT NULL,
  targets    INT         NOT NULL,
  mappings   INT         NOT NULL,
  CONSTRAINT revision_id_is_sha256 CHECK (id ~ '^[0-9a-f]{64}$')
);
