package nixproc.escape;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX sh quoting: a quoted word reaches the command byte for byte, whatever it contains (except NUL). */
public final class Shell {

	private Shell() {
	}

	/** One shell word: bare when it only holds characters sh never interprets, else single-quoted. */
	public static String quote(String value) {
		Escapes.refuseNul(value, "a shell word");
		if (isSafe(value)) {
			return value;
		}
		return "'" + value.replace("'", "'\\''") + "'";
	}

	/**
	 * Non-empty and only {@code [A-Za-z0-9_@%+=:,./-]}. A loop rather than a regex: every word of every generated
	 * script passes here, and the matcher was the generators' largest cost after formatting (issue 3 benchmark).
	 */
	private static boolean isSafe(String value) {
		if (value.isEmpty()) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
			if (!alphanumeric && "_@%+=:,./-".indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	/** Words separated by single spaces, each {@link #quote quoted}. */
	public static String join(List<String> words) {
		return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
	}

}
