package nixproc.process;

/** How an executable runs. */
public enum Mode {
	/** The executable forks into the background and writes its own PID file (the seed's {@code daemon}). */
	DAEMON,
	/** The executable stays in the foreground until it exits (the seed's {@code foregroundProcess}). */
	FOREGROUND
}
