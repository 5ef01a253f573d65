package nixproc.escape;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** POSIX sh quoting: a quoted word reaches the command byte for byte, whatever it contains (except NUL). */
public final class Shell {

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

	private Shell() {
	}

	/** One shell word: bare when it only holds characters sh never interprets, else single-quoted. */
	public static String quote(String value) {
		Escapes.refuseNul(value, "a shell word");
		if (SAFE.matcher(value).matches()) {
			return value;
		}
		return "'" + value.replace("'", "'\\''") + "'";
	}

	/** Words separated by single spaces, each {@link #quote quoted}. */
	public static String join(List<String> words) {
		return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
	}

}
