package nixproc.model;

/**
 * One thing wrong with a model: where (an RFC 6901 JSON pointer into the document as read, {@code ""} for the
 * whole document) and what.
 */
public record Problem(String pointer, String message) {

	@Override
	public String toString() {
		return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
	}

}
