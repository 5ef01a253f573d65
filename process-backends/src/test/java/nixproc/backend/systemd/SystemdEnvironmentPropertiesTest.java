package nixproc.backend.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Tools;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.profile.ProfileBuilder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile {@code Environment=} values reach systemd byte-exact. The unit is parsed back by systemd itself: with
 * {@code SYSTEMD_LOG_LEVEL=debug}, {@code systemd-analyze verify} loads it with the real unit-file parser and dumps
 * the loaded unit, one {@code Environment: NAME=value} entry per variable with the value printed raw. A sentinel
 * variable after the hostile one delimits the value even when it holds line breaks.
 */
class SystemdEnvironmentPropertiesTest {

	private static final String SENTINEL = "\t\tEnvironment: ZZZ_END=sentinel\n";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Property(tries = 40)
	void environmentValuesRoundTripThroughSystemdsParser(@ForAll("hostile") String value) throws IOException {
		Path dir = Files.createTempDirectory("systemd-env");
		try {
			String model = JSON.writeValueAsString(Map.of("w", Map.of("pkg", Map.of("process", "/bin/sleep", "args",
					java.util.List.of("1"), "environment", new java.util.TreeMap<>(Map.of("HOSTILE", value, "ZZZ_END", "sentinel"))))));
			GeneratedFiles files = ProfileBuilder.build(ModelReader.readProcesses(model, false), new SystemdBackend(), Layout.privileged()).files();
			Tools.Result result = SystemdFixtures.verify(files, dir, false, true);
			assertThat(result.exitCode()).as(result.output()).isZero();
			String start = "\t\tEnvironment: HOSTILE=";
			int from = result.output().indexOf(start);
			int to = result.output().indexOf(SENTINEL, from);
			assertThat(from).as("the dump shows the variable:\n" + result.output()).isNotNegative();
			assertThat(to).as("the sentinel follows it").isPositive();
			// the dump ends the entry with its own newline
			assertThat(result.output().substring(from + start.length(), to - 1)).isEqualTo(value);
		}
		finally {
			Tools.run(java.util.List.of("rm", "-rf", dir.toString()));
		}
	}

	@Provide
	Arbitrary<String> hostile() {
		// quotes, backslash, $( and backtick, ;|&<>, % specifiers, *?, line breaks, tab, C1 controls, non-ASCII
		Arbitrary<Character> special = Arbitraries.of('"', '\'', '\\', '$', '(', ')', '`', ';', '|', '&', '<', '>', '%',
				's', 'n', '*', '?', '\n', '\t', '\r', '\u0001', '\u007f', 'ü', '€', ' ', '=', '#', '{', '}');
		Arbitrary<Character> any = Arbitraries.chars().range('\u0001', '\ud7ff');
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, special), net.jqwik.api.Tuple.of(1, any))
			.list()
			.ofMaxSize(40)
			.map(chars -> chars.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining()));
	}


}
