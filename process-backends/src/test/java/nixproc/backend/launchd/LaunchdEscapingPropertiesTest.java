package nixproc.backend.launchd;

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

/** Hostile environment values and arguments come back byte-exact from an XML parser reading the plist. */
class LaunchdEscapingPropertiesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Property(tries = 100)
	void environmentAndArgumentsRoundTripThroughXml(@ForAll("hostile") String value, @ForAll("hostile") String argument) {
		String model = JSON.writeValueAsString(Map.of("w", Map.of("pkg", Map.of("foregroundProcess", "/bin/w", "args",
				List.of(argument, "--"), "environment", new TreeMap<>(Map.of("HOSTILE", value))))));
		Map<String, Object> plist = LaunchdGeneratorTest.plist(ProfileBuilder.build(ModelReader.readProcesses(model, false),
				new LaunchdBackend(), Layout.privileged()).files(), "w");
		assertThat(plist.get("EnvironmentVariables")).isEqualTo(Map.of("HOSTILE", value));
		assertThat(plist.get("ProgramArguments")).isEqualTo(List.of("/bin/w", argument, "--"));
	}

	@Provide
	Arbitrary<String> hostile() {
		// everything XML 1.0 can carry: markup characters, entities, CDATA ends, quotes, CR (kept as &#13;), non-ASCII
		Arbitrary<String> special = Arbitraries.of("<", ">", "&", "&amp;", "]]>", "\"", "'", "\\", "$(", "`", ";", "|", "%s",
				"*?", "\n", "\t", "\r", "\r\n", "ü", "😀", "<!--", "<![CDATA[", " ");
		Arbitrary<String> any = Arbitraries.chars().range(' ', '\ud7ff').map(String::valueOf);
		return Arbitraries.frequencyOf(Tuple.of(3, special), Tuple.of(1, any))
			.list()
			.ofMaxSize(30)
			.map(parts -> parts.stream().collect(Collectors.joining()));
	}

}
