-- Keys an admin enrolled for targets (issue 17): before an agent first registers (pre-enrolment), or to replace the key
-- it registered with (re-key). An enrolled key wins over the one a Registered offers; with enrolment required, a target
-- without one is refused.
CREATE TABLE target_key (
	name text PRIMARY KEY,
	public_key text NOT NULL,
	enrolled_at timestamptz NOT NULL DEFAULT now()
);
