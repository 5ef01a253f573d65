package nixproc.escape;

import java.util.List;
import java.util.stream.Collectors;

/**
 * supervisord's configuration: a Python {@code ConfigParser} file with {@code %} interpolation and inline comments
 * ({@code ;} or {@code #} after whitespace), whose {@code command=} and {@code environment=} values are then split
 * with {@code shlex} in POSIX mode.
 */
public final class Ini {

	private Ini() {
	}

	/** A plain value: {@code %} doubled; line breaks refused (a value is one line). */
	public static String value(String value) {
		Escapes.refuseNul(value, "an INI value");
		Escapes.refuseLineBreaks(value, "an INI value");
		return value.replace("%", "%%");
	}

	/**
	 * One shlex word inside an INI value: every character outside {@code [A-Za-z0-9_./-]} gets a backslash, so
	 * neither a space before {@code ;}/{@code #} (an inline comment to ConfigParser) nor shlex's quotes can cut the
	 * word; {@code %} is then doubled for interpolation.
	 */
	public static String shlexWord(String value) {
		Escapes.refuseNul(value, "an INI value");
		Escapes.refuseLineBreaks(value, "an INI value");
		if (value.isEmpty()) {
			return "''";
		}
		StringBuilder out = new StringBuilder();
		value.codePoints().forEach(c -> {
			if (!(c < 128 && (Character.isLetterOrDigit(c) || "_./-".indexOf(c) >= 0))) {
				out.append('\\');
			}
			out.appendCodePoint(c);
		});
		return out.toString().replace("%", "%%");
	}

	public static String shlexJoin(List<String> words) {
		return words.stream().map(Ini::shlexWord).collect(Collectors.joining(" "));
	}

}
