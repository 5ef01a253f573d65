package nixproc.cli;

/** Bad command-line input that picocli's own parsing cannot catch; exit code {@link ExitCodes#USAGE}. */
final class UsageException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	UsageException(String message) {
		super(message);
	}

}
