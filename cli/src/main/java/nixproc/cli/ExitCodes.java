package nixproc.cli;

import nixproc.model.ModelException;
import picocli.CommandLine;

/** The exit codes every nixproc command uses; documented in the README. */
public final class ExitCodes {

	/** The command did what it was asked. */
	public static final int OK = 0;

	/** The command failed; for {@code switch}, the previous generation runs again. */
	public static final int FAILED = 1;

	/** Bad input: unknown option, invalid model, unknown backend. Nothing was written. */
	public static final int USAGE = CommandLine.ExitCode.USAGE;

	/** A switch failed and so did its rollback: the machine needs attention. */
	public static final int ROLLBACK_FAILED = 3;

	private ExitCodes() {
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
			// a ParameterException (bad option or NIXPROC_* value) also reaches this mapper once it is set
			if (exception instanceof IllegalArgumentException || exception instanceof ModelException
					|| exception instanceof CommandLine.ParameterException) {
				return USAGE;
			}
			return FAILED;
		}

	}

}
