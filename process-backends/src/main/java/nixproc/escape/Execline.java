package nixproc.escape;

import java.util.List;
import java.util.stream.Collectors;

/**
 * execline words ({@code execlineb} syntax): double-quoted, with backslash and double quote escaped. execline
 * substitutes nothing unless a script asks ({@code importas}), so {@code $} needs no escape.
 */
public final class Execline {

	private Execline() {
	}

	public static String quote(String value) {
		Escapes.refuseNul(value, "an execline word");
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	public static String join(List<String> words) {
		return words.stream().map(Execline::quote).collect(Collectors.joining(" "));
	}

}
