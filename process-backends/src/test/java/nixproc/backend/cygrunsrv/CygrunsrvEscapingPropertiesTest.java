package nixproc.backend.cygrunsrv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Tools;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.profile.ProfileBuilder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile arguments reach the program byte-exact through the proxy run by the real {@code sh}; hostile environment
 * values (without line breaks) come back verbatim as {@code --env} tokens of the line-per-argument file.
 */
class CygrunsrvEscapingPropertiesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Property(tries = 30)
	void argumentsAndEnvironmentArriveByteExact(@ForAll("hostile") String argument, @ForAll("hostile") String value)
			throws IOException {
		Path dir = Files.createTempDirectory("cygrunsrv-args");
		try {
			Path recorder = dir.resolve("record");
			Files.writeString(recorder, "#!/bin/sh\nprintf '%s\\0' \"$@\" > \"$RECORD\"\n");
			recorder.toFile().setExecutable(true);
			String model = JSON.writeValueAsString(Map.of("w", Map.of("pkg", Map.of("foregroundProcess", recorder.toString(),
					"args", List.of(argument, "plain"), "environment",
					new TreeMap<>(Map.of("HOSTILE", value.replace("\n", "").replace("\r", "")))))));
			GeneratedFiles files = ProfileBuilder.build(ModelReader.readProcesses(model, false), new CygrunsrvBackend(), Layout.privileged()).files();
			files.writeTo(dir.resolve("profile"));
			List<String> tokens = Files.readAllLines(dir.resolve("profile/nix-process-w-cygrunsrvparams"));
			assertThat(tokens.subList(tokens.indexOf("--env"), tokens.indexOf("--env") + 2))
				.containsExactly("--env", "HOSTILE=" + value.replace("\n", "").replace("\r", ""));
			String path = tokens.get(tokens.indexOf("--path") + 1);
			List<String> argv = new ArrayList<>(List.of(dir.resolve("profile").resolve(path).toString()));
			if (tokens.contains("--args")) {
				argv.addAll(List.of(tokens.get(tokens.indexOf("--args") + 1).split(" ")));
			}
			Tools.Result result = Tools.run(argv, Map.of("PATH", System.getenv("PATH"), "RECORD", dir.resolve("argv").toString()));
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(new String(Files.readAllBytes(dir.resolve("argv")), StandardCharsets.UTF_8))
				.isEqualTo(argument + "\0plain\0");
		}
		finally {
			Tools.run(List.of("rm", "-rf", dir.toString()));
		}
	}

	@Provide
	Arbitrary<String> hostile() {
		Arbitrary<String> special = Arbitraries.of("\"", "'", "\\", "$(", "`", ";", "|", "&", "<", ">", "%s", "*?", "\n",
				"\t", " ", "ü", "~", "#", "!", "-", "=");
		Arbitrary<String> any = Arbitraries.chars().range('\u0001', '\ud7ff').map(String::valueOf);
		return Arbitraries.frequencyOf(Tuple.of(3, special), Tuple.of(1, any))
			.list()
			.ofMinSize(1)
			.ofMaxSize(20)
			.map(parts -> parts.stream().collect(Collectors.joining()));
	}

}
