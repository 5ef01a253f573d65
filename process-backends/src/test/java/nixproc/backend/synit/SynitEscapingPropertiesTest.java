package nixproc.backend.synit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.profile.ProfileBuilder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile environment values and arguments come back byte-exact from the {@code .pr} file. No Preserves reader is
 * packaged for Debian, so strings are read back per the Preserves text grammar for string literals (the JSON
 * escapes it shares): {@code \\ \" \/ \b \f \n \r \t}, backslash-u with four hex digits, anything else literal.
 */
class SynitEscapingPropertiesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Property(tries = 200)
	void stringsRoundTripThroughThePreservesStringGrammar(@ForAll("hostile") String value, @ForAll("hostile") String argument) {
		String model = JSON.writeValueAsString(Map.of("w", Map.of("pkg", Map.of("foregroundProcess", "/bin/w", "args",
				List.of(argument), "description", "d", "environment", new TreeMap<>(Map.of("HOSTILE", value))))));
		String text = SynitGeneratorTest.service(ProfileBuilder.build(ModelReader.readProcesses(model, false), new SynitBackend(),
				Layout.privileged()).files(), "w");
		String argv = text.substring(text.indexOf("argv: [") + "argv: [".length());
		List<String> strings = strings(argv.substring(0, argv.indexOf("]\n")));
		assertThat(strings).containsExactly("/bin/w", argument);
		String env = text.substring(text.indexOf("env: { ") + "env: { ".length());
		assertThat(strings(env.substring(0, env.indexOf(" }\n")))).containsExactly("HOSTILE", value);
		assertThat(text.lines().count()).as("no value breaks a line").isEqualTo(6);
	}

	/** Every string literal in a fragment, decoded. */
	private static List<String> strings(String fragment) {
		List<String> out = new java.util.ArrayList<>();
		int i = 0;
		while ((i = fragment.indexOf('"', i)) >= 0) {
			StringBuilder value = new StringBuilder();
			i++;
			while (fragment.charAt(i) != '"') {
				char c = fragment.charAt(i++);
				if (c != '\\') {
					value.append(c);
					continue;
				}
				char e = fragment.charAt(i++);
				switch (e) {
					case 'n' -> value.append('\n');
					case 't' -> value.append('\t');
					case 'r' -> value.append('\r');
					case 'b' -> value.append('\b');
					case 'f' -> value.append('\f');
					case 'u' -> {
						value.append((char) Integer.parseInt(fragment.substring(i, i + 4), 16));
						i += 4;
					}
					default -> value.append(e);
				}
			}
			out.add(value.toString());
			i++;
		}
		return out;
	}

	@Provide
	Arbitrary<String> hostile() {
		Arbitrary<String> special = Arbitraries.of("\"", "'", "\\", "|", "$(", "`", ";", "&", "<", ">", "%s", "*?", "\n",
				"\t", "\r", "\u0001", "\u007f", "#f", "{", "}", "[", "]", ":", "ü", "😀", " ");
		Arbitrary<String> any = Arbitraries.chars().range('\u0001', '\ud7ff').map(String::valueOf);
		return Arbitraries.frequencyOf(Tuple.of(3, special), Tuple.of(1, any))
			.list()
			.ofMaxSize(30)
			.map(parts -> parts.stream().collect(Collectors.joining()));
	}

}
