package nixproc.escape;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Escapes for supervisord's configuration: a Python {@code ConfigParser} file with {@code %} interpolation, one line
 * per value, inline comments ({@code ;} or {@code #} after whitespace) and surrounding whitespace stripped from each
 * value. supervisord splits {@code command=} with {@code shlex} in POSIX mode, which {@link #shlexWord} targets.
 *
 * <p>
 * {@code environment=} is not split that way: supervisord uses {@code shlex} in non-POSIX mode there (no backslash
 * escapes) and strips quote characters from both ends of every token, so neither method here fits it. The supervisord
 * backend's {@code SupervisordSyntax} writes those values and decides which cannot be written at all. These methods
 * also leave to their callers what they cannot see from one value: {@link #value} does not protect inline comments or
 * surrounding whitespace, nothing here protects {@code %(here)s} (supervisord replaces it textually, even inside
 * {@code %%(here)s}), and in {@link #shlexJoin} a last word that ends in whitespace breaks: ConfigParser strips the
 * escaped whitespace and leaves shlex a dangling backslash ("No escaped character").
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
