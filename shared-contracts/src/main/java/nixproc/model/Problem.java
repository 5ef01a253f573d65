package nixproc.model;

/**
 * One thing wrong with a model or a request: where (an RFC 6901 JSON pointer into the document as read, {@code ""}
 * for the whole document) and what. Also the entry of a problem document's {@code errors} array
 * ({@link nixproc.problem.ProblemDocument}), {@code { "pointer": …, "message": … }}.
 */
public record Problem(String pointer, String message) {

	@Override
	public String toString() {
		return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
	}

}
