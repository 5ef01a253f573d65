package nixproc.escape;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nixproc.backend.Tools;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each escaper is checked against the real consumer where one is installed (sh, a JAXP XML parser, a JSON parser
 * for Preserves' shared string syntax, Python's shlex as supervisord uses it) and against a decoder written from the
 * format's manual otherwise (systemd, execline; their tools judge whole files in the backends' tests).
 */
class EscapePropertiesTest {

	@Provide
	Arbitrary<String> hostile() {
		return Arbitraries.oneOf(Arbitraries.strings().withChars("'\"\\$`;|&<>%*?(){}[]~#!= \n\t\raZ09-").ofMaxLength(16),
				Arbitraries.strings().withCharRange('\u0001', '\u007f').withChars("éλ€").ofMaxLength(16),
				// Whole code points only: a lone surrogate is not text any consumer could receive.
				Arbitraries.of("😀", "a😀b", "'😀'", "%😀%"));
	}

	@Provide
	Arbitrary<String> oneLine() {
		return hostile().map(s -> s.replace("\n", "").replace("\r", ""));
	}

	@Property(tries = 30)
	void shellWordsReachShByteExact(@ForAll("hostile") String value) {
		Tools.Result result = Tools.runScript("sh", "printf '%s' " + Shell.quote(value));
		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).isEqualTo(value);
	}

	@Property(tries = 30)
	void shellJoinKeepsWordBoundaries(@ForAll("hostileList") List<String> words) {
		Tools.Result result = Tools.runScript("sh", "for w in " + Shell.join(words) + "; do printf '[%s]' \"$w\"; done");
		assertThat(result.output()).isEqualTo(words.stream().map(w -> "[" + w + "]").reduce("", String::concat));
	}

	@Provide
	Arbitrary<List<String>> hostileList() {
		return hostile().filter(s -> !s.isEmpty()).list().ofMinSize(1).ofMaxSize(4);
	}

	@Property(tries = 30)
	void plistTextSurvivesAnXmlParser(@ForAll("xmlSafe") String value) throws Exception {
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><string>" + PlistXml.text(value) + "</string>";
		String parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder()
			.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement().getTextContent();
		assertThat(parsed).isEqualTo(value);
	}

	@Provide
	Arbitrary<String> xmlSafe() {
		return hostile().filter(s -> s.chars().allMatch(c -> c >= 0x20 || c == '\t' || c == '\n' || c == '\r'));
	}

	@Example
	void plistRefusesWhatXmlCannotCarry() {
		assertThatThrownBy(() -> PlistXml.text("a\u0001b")).isInstanceOf(IllegalArgumentException.class);
	}

	@Property(tries = 30)
	void preservesStringsAreJsonStrings(@ForAll("hostile") String value) {
		assertThat(JsonMapper.builder().build().readTree(Preserves.string(value)).asString()).isEqualTo(value);
	}

	@Property(tries = 30)
	void iniShlexWordsSurvivePythonsShlexAfterInterpolation(@ForAll("oneLine") String value) {
		Tools.require("python3", "python3");
		String word = Ini.shlexWord(value);
		assertThat(word).doesNotContainPattern("\\s[;#]");
		// ConfigParser's %-interpolation turns %% back into %, then supervisord splits with shlex (POSIX mode).
		Tools.Result result = Tools.runScript("python3", "import shlex,sys\nsys.stdout.write('\\0'.join(shlex.split("
				+ Preserves.string(word) + ".replace('%%','%'))))\n");
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).isEqualTo(value.isEmpty() ? "" : value);
	}

	@Example
	void iniRefusesLineBreaks() {
		assertThatThrownBy(() -> Ini.value("a\nb")).isInstanceOf(IllegalArgumentException.class);
	}

	@Property(tries = 100)
	void systemdWordsDecodeBack(@ForAll("hostile") String value) {
		String word = SystemdUnit.commandWord(value);
		assertThat(word).doesNotContain("\n");
		assertThat(decodeSystemd(word.replace("$$", "$"))).isEqualTo(value);
		assertThat(decodeSystemd(SystemdUnit.environment("K", value))).isEqualTo("K=" + value);
	}

	@Property(tries = 100)
	void execlineWordsDecodeBack(@ForAll("hostile") String value) {
		String word = Execline.quote(value);
		assertThat(word.substring(1, word.length() - 1).replace("\\\\", "").replace("\\\"", "")).doesNotContain("\"");
		assertThat(word.substring(1, word.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\").length())
			.isLessThanOrEqualTo(word.length());
	}

	@Property(tries = 100)
	void preservesSymbolsStayOneToken(@ForAll("hostile") String value) {
		String symbol = Preserves.symbol(value);
		String inner = symbol.substring(1, symbol.length() - 1).replace("\\\\", "").replace("\\|", "");
		assertThat(inner).doesNotContain("|").doesNotContain("\n");
	}

	/** systemd.syntax(7): C escapes inside double quotes, %% for %. */
	private static String decodeSystemd(String quoted) {
		assertThat(quoted).startsWith("\"").endsWith("\"");
		StringBuilder out = new StringBuilder();
		for (int i = 1; i < quoted.length() - 1; i++) {
			char c = quoted.charAt(i);
			if (c == '%') {
				assertThat(quoted.charAt(++i)).isEqualTo('%');
				out.append('%');
			}
			else if (c == '\\') {
				char e = quoted.charAt(++i);
				switch (e) {
					case 'n' -> out.append('\n');
					case 't' -> out.append('\t');
					case 'r' -> out.append('\r');
					case 'x' -> {
						out.append((char) Integer.parseInt(quoted.substring(i + 1, i + 3), 16));
						i += 2;
					}
					default -> out.append(e);
				}
			}
			else {
				assertThat(c).isNotEqualTo('"');
				out.append(c);
			}
		}
		return out.toString();
	}

}
