package nixproc.backend.supervisord;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import nixproc.escape.Ini;

/**
 * What survives supervisord's configuration parsing, value by value. ConfigParser strips surrounding whitespace, cuts
 * inline comments (whitespace followed by {@code ;} or {@code #}) and knows no line breaks in a value; supervisord
 * then replaces {@code %(here)s} textually (even inside {@code %%(here)s}) and expands {@code %(...)s}.
 *
 * <p>
 * {@code environment=} is not {@link Ini#shlexWord}'s POSIX shlex: it is split by {@code shlex} in <em>non-POSIX</em>
 * mode (no backslash escapes; a quoted token ends at its closing quote) and every token then loses all leading and
 * trailing quote characters ({@code strip('\'"')}). A value is representable there only when one quote kind is
 * absent and the value neither begins nor ends with the other. Whatever is not representable goes through the
 * generated proxy script instead, where sh quoting carries every byte.
 */
final class SupervisordSyntax {

	private static final String HERE = "%(here)s";

	private SupervisordSyntax() {
	}

	/** A plain option value ({@code directory=}, {@code user=} …), or empty when parsing would change it. */
	static Optional<String> plain(String value) {
		if (!survivesIni(value) || !value.equals(value.strip()) || value.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(Ini.value(value));
	}

	/**
	 * The {@code command=} value: shlex words, or empty when a word cannot be written there, the last one included
	 * when it ends in whitespace (ConfigParser strips the escaped whitespace and leaves shlex a dangling backslash).
	 */
	static Optional<String> command(List<String> argv) {
		for (String word : argv) {
			if (word.indexOf('\n') >= 0 || word.indexOf('\r') >= 0 || word.indexOf('\0') >= 0 || word.contains(HERE)) {
				return Optional.empty();
			}
		}
		String last = argv.get(argv.size() - 1);
		if (!last.isEmpty() && Character.isWhitespace(last.charAt(last.length() - 1))) {
			return Optional.empty();
		}
		return Optional.of(Ini.shlexJoin(argv));
	}

	/** The {@code environment=} value for these variables, or empty when one of them cannot be written there. */
	static Optional<String> environment(Map<String, String> variables, Optional<String> pathPrefix) {
		StringJoiner out = new StringJoiner(",");
		if (pathPrefix.isPresent()) {
			// PATH is extended with supervisord's own, which supervisord offers as %(ENV_PATH)s.
			Optional<String> quoted = quote(pathPrefix.get() + ":");
			if (quoted.isEmpty()) {
				return Optional.empty();
			}
			String q = quoted.get();
			out.add("PATH=" + q.substring(0, q.length() - 1) + "%(ENV_PATH)s" + q.charAt(q.length() - 1));
		}
		for (Map.Entry<String, String> variable : variables.entrySet()) {
			Optional<String> value = quote(variable.getValue());
			if (value.isEmpty()) {
				return Optional.empty();
			}
			out.add(variable.getKey() + "=" + value.get());
		}
		return Optional.of(out.toString());
	}

	/** One quoted {@code environment=} value with {@code %} doubled, or empty when no quoting survives. */
	static Optional<String> quote(String value) {
		if (!survivesIni(value)) {
			return Optional.empty();
		}
		String escaped = value.replace("%", "%%");
		if (value.indexOf('"') < 0 && !value.startsWith("'") && !value.endsWith("'")) {
			return Optional.of('"' + escaped + '"');
		}
		if (value.indexOf('\'') < 0 && !value.startsWith("\"") && !value.endsWith("\"")) {
			return Optional.of('\'' + escaped + '\'');
		}
		return Optional.empty();
	}

	private static boolean survivesIni(String value) {
		if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0 || value.contains(HERE)) {
			return false;
		}
		for (int i = 1; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c == ';' || c == '#') && pythonSpace(value.charAt(i - 1))) {
				return false;
			}
		}
		return true;
	}

	/** Python's {@code str.isspace()}, which also counts NEL and the no-break spaces. */
	private static boolean pythonSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085' || (c >= '\u001c' && c <= '\u001f');
	}

}
