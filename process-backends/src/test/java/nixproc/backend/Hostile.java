package nixproc.backend;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The one hostile fixture (style G6) every test that carries model values to a process uses: the driver contract,
 * and the drivers' own byte-exactness properties. Once four copies, which had drifted apart ({@code $PATH} in one).
 */
public final class Hostile {

	/**
	 * Both quote kinds, a backslash, {@code $(} and a backtick, {@code ;}, {@code |}, {@code &}, {@code <} and
	 * {@code >}, {@code %s}, a glob, a newline, a tab, a non-ASCII letter, variable references with and without braces,
	 * and a character outside the BMP. Whatever a generated file or command line does not quote right runs
	 * {@code touch pwned}, splits, expands or loses a byte.
	 */
	public static final String VALUE = "it's \"quoted\" \\ $(touch pwned) `touch pwned` ; | & < > %s *? \n\t é ${HOME} $PATH 😀";

	private Hostile() {
	}

	/** Up to four strings each from the characters above, printable ASCII with a few non-ASCII letters, or known traps. */
	public static Arbitrary<List<String>> lists() {
		return Arbitraries.oneOf(Arbitraries.strings().withChars("'\"\\$`;|&<>%*?(){}[]~#!= \n\taZ09-").ofMaxLength(12),
				Arbitraries.strings().withCharRange('\u0001', '\u007f').withChars("éλ€").ofMaxLength(12),
				Arbitraries.of(VALUE, "😀", "-", "--", "%", "%%s", "%(here)s", " ;x", "'", "\"a'", "\\n", "${PID}", "$PATH", "\\",
						"\"", "{", "}"))
			.list()
			.ofMaxSize(4);
	}

}
