package nixproc.ensemble;

/**
 * The ensemble could not start or run: the message says which part and why, with the tail of its log where it has
 * one. {@link #badInput} tells input the user can correct (a port taken, a state directory in use, an unknown
 * process manager), which changed nothing, from a part that failed.
 */
public final class EnsembleException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean badInput;

	EnsembleException(String message) {
		this(message, false);
	}

	EnsembleException(String message, boolean badInput) {
		super(message);
		this.badInput = badInput;
	}

	static EnsembleException badInput(String message) {
		return new EnsembleException(message, true);
	}

	public boolean badInput() {
		return badInput;
	}

}
