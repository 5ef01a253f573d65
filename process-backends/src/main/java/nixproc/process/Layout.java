package nixproc.process;

/**
 * Where and as whom a profile runs: the state directories and whether user switching is disabled (the seed's
 * {@code forceDisableUserChange}, for unprivileged deployments).
 */
public record Layout(StateDirs dirs, boolean forceDisableUserChange) {

	public static Layout privileged() {
		return new Layout(StateDirs.defaults(), false);
	}

}
