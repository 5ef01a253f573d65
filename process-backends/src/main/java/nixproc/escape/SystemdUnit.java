package nixproc.escape;

import java.util.List;
import java.util.stream.Collectors;

/**
 * systemd unit files ({@code systemd.syntax(7)}, {@code systemd.service(5)}): double-quoted words with C escapes,
 * {@code %} specifiers doubled, and in command lines {@code $} doubled so no variable is expanded. Fixes the seed's
 * unquoted {@code Environment=} (reference §8).
 */
public final class SystemdUnit {

	private SystemdUnit() {
	}

	/** One {@code ExecStart=} word. */
	public static String commandWord(String value) {
		return quoted(value).replace("$", "$$");
	}

	public static String commandLine(List<String> words) {
		return words.stream().map(SystemdUnit::commandWord).collect(Collectors.joining(" "));
	}

	/** The value of one {@code Environment=} line: {@code "NAME=value"}. */
	public static String environment(String name, String value) {
		return quoted(name + "=" + value);
	}

	/** A free-text value such as {@code Description=}: specifiers doubled, line breaks refused. */
	public static String value(String value) {
		Escapes.refuseNul(value, "a unit file value");
		Escapes.refuseLineBreaks(value, "a unit file value");
		return value.replace("%", "%%");
	}

	private static String quoted(String value) {
		Escapes.refuseNul(value, "a unit file word");
		StringBuilder out = new StringBuilder("\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '"' -> out.append("\\\"");
				case '\n' -> out.append("\\n");
				case '\t' -> out.append("\\t");
				case '\r' -> out.append("\\r");
				case '%' -> out.append("%%");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						out.append(String.format("\\x%02x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
