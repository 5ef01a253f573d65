package nixproc.events;

/** The kinds of saga step a command performs, as the coordinator's deployment steps name them (api.md). */
public enum StepKind {
	LOCK, UNLOCK, ACTIVATE, DEACTIVATE
}
