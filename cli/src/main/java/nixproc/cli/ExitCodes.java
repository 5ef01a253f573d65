package nixproc.cli;

import nixproc.model.ModelException;
import picocli.CommandLine;

/** The exit codes every nixproc command uses; documented in the README. */
public final class ExitCodes {

	/** The command did what it was asked. */
	public static final int OK = 0;

	/**
	 * The command failed; for {@code switch}, the previous generation runs again; for {@code deploy} and
	 * {@code rollback}, the deployment was not committed and the network runs the previous generation.
	 */
	public static final int FAILED = 1;

	/** Bad input: unknown option, invalid model, unknown backend. Nothing was written. */
	public static final int USAGE = CommandLine.ExitCode.USAGE;

	/** A switch or deployment failed and so did its rollback: the machine (or network) needs attention. */
	public static final int ROLLBACK_FAILED = 3;

	/**
	 * The coordinator could not be reached or did not answer (connection refused, timeout, server error); trying
	 * again later may help. Distinct from {@link #USAGE}: the input may be fine.
	 */
	public static final int UNREACHABLE = 4;

	private ExitCodes() {
	}

	/** A failure that knows its exit code and says itself in one line, reported without a stack trace. */
	public static class Failure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final int exitCode;

		public Failure(int exitCode, String message) {
			super(message);
			this.exitCode = exitCode;
		}

		public int exitCode() {
			return exitCode;
		}

	}

	/**
	 * Reports bad input as one line per problem, {@code nixproc: <JSON pointer>: <what is wrong>}, without a stack
	 * trace; anything else is a failure and keeps its trace.
	 */
	static final class Reporter implements CommandLine.IExecutionExceptionHandler {

		@Override
		public int handleExecutionException(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult)
				throws Exception {
			if (exception instanceof ModelException model) {
				model.problems().forEach(p -> commandLine.getErr().println("nixproc: " + p));
				return USAGE;
			}
			if (exception instanceof Failure failure) {
				commandLine.getErr().println("nixproc: " + failure.getMessage());
				return failure.exitCode();
			}
			if (exception instanceof UsageException usage) {
				commandLine.getErr().println("nixproc: " + usage.getMessage());
				return USAGE;
			}
			throw exception;
		}

	}

	/** Maps exceptions escaping a command to exit codes. */
	static final class Mapper implements CommandLine.IExitCodeExceptionMapper {

		@Override
		public int getExitCode(Throwable exception) {
			if (exception instanceof Failure failure) {
				return failure.exitCode();
			}
			// a ParameterException (bad option or NIXPROC_* value) also reaches this mapper once it is set
			if (exception instanceof IllegalArgumentException || exception instanceof ModelException
					|| exception instanceof CommandLine.ParameterException) {
				return USAGE;
			}
			return FAILED;
		}

	}

}
