package nixproc.run;

/** A command that had to succeed did not; the message names it, its exit status and its last output lines. */
public final class CommandFailedException extends RuntimeException {

	private final transient Command command;

	private final transient CommandResult result;

	public CommandFailedException(Command command, CommandResult result) {
		super("`" + command + "` " + (result.exitCode() == CommandResult.TIMED_OUT ? "timed out after " + command.timeout().toSeconds() + " s"
				: "exited with status " + result.exitCode()) + (result.output().isBlank() ? "" : ":\n" + result.tail(20)));
		this.command = command;
		this.result = result;
	}

	public Command command() {
		return command;
	}

	public CommandResult result() {
		return result;
	}

	/** Runs the command and throws unless it exits 0. */
	public static CommandResult check(CommandRunner runner, Command command) {
		CommandResult result = runner.run(command);
		if (!result.succeeded()) {
			throw new CommandFailedException(command, result);
		}
		return result;
	}

}
