package nixproc.backend;

/** What a process manager says about one instance. */
public enum InstanceStatus {

	/** The manager does not know the instance (never loaded, or removed). */
	UNKNOWN,

	/** Loaded and asked to start, not running yet (supervisord STARTING, systemd activating). */
	STARTING,

	/** Running. */
	RUNNING,

	/** It exited on its own with an error, or the manager gave up restarting it. */
	FAILED,

	/** Known to the manager and not running, as asked. */
	STOPPED

}
