package nixproc.service.problem;

/**
 * One entry of a problem's {@code errors} array.
 *
 * @param pointer RFC 6901 JSON pointer to the offending value in the request ({@code ""} for the whole body)
 * @param message what is wrong with it
 */
public record FieldProblem(String pointer, String message) {

	/** A pointer from segments, escaped as RFC 6901 says ({@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
	public static String pointer(Object... segments) {
		StringBuilder out = new StringBuilder();
		for (Object segment : segments) {
			out.append('/').append(String.valueOf(segment).replace("~", "~0").replace("/", "~1"));
		}
		return out.toString();
	}

}
