package nixproc.run;

/**
 * What a command did.
 *
 * @param exitCode its exit status; {@link #TIMED_OUT} when it was killed for taking too long
 * @param output standard output and standard error, interleaved, at most the last {@link ProcessCommandRunner#MAX_OUTPUT}
 * characters
 */
public record CommandResult(int exitCode, String output) {

	public static final int TIMED_OUT = -1;

	public boolean succeeded() {
		return exitCode == 0;
	}

	/** The last {@code lines} lines of the output, for error messages. */
	public String tail(int lines) {
		String[] all = output.strip().split("\n");
		int from = Math.max(0, all.length - lines);
		return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
	}

}
