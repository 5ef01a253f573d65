package nixproc.escape;

/** Text content of an XML property list (launchd). XML 1.0 cannot carry most control characters: refused. */
public final class PlistXml {

	private PlistXml() {
	}

	public static String text(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				out.append(c).append(value.charAt(++i));
				continue;
			}
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF || Character.isSurrogate(c)) {
				throw new IllegalArgumentException(String.format("XML cannot carry the character U+%04X", (int) c));
			}
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				// A literal CR would be normalised to LF by every XML parser.
				case '\r' -> out.append("&#13;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
