package nixproc.backend.sysvinit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import nixproc.backend.Tools;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.ProfileBuilder;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs generated init.d scripts with {@code sh} and checks that a recorder process received every argument and
 * environment value byte for byte, through {@code start-stop-daemon} and through the POSIX-sh fallback.
 */
class SysvinitHostileValuesTest {

	/** Style G6: both quotes, backslash, command substitution, backtick, separators, redirections, glob, newline, tab, non-ASCII. */
	static final String HOSTILE = "it's \"quoted\" \\ $(touch pwned) `touch pwned` ; | & < > %s *? \n\t é ${HOME} 😀";

	private static final String RECORDER = """
			#!/bin/sh
			: >"$RECORD_DIR/args"
			for arg in "$@"; do printf '%s\\0' "$arg" >>"$RECORD_DIR/args"; done
			env -0 >"$RECORD_DIR/env"
			pwd >"$RECORD_DIR/cwd"
			: >"$RECORD_DIR/done"
			""";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Example
	void theSharedHostileValueArrivesThroughStartStopDaemon() throws Exception {
		assertArrivesByteExact(List.of(HOSTILE, "", "-D"), Map.of("HOSTILE", HOSTILE), true);
	}

	@Example
	void theSharedHostileValueArrivesThroughThePosixShFallback() throws Exception {
		assertArrivesByteExact(List.of(HOSTILE, "", "-D"), Map.of("HOSTILE", HOSTILE), false);
	}

	@Property(tries = 30)
	void randomArgumentsAndEnvironmentArriveByteExact(@ForAll("hostileLists") List<String> args,
			@ForAll("hostileLists") List<String> values, @ForAll boolean withStartStopDaemon) throws Exception {
		Map<String, String> environment = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			environment.put("HOSTILE_" + i, values.get(i));
		}
		assertArrivesByteExact(args, environment, withStartStopDaemon);
	}

	@Provide
	Arbitrary<List<String>> hostileLists() {
		Arbitrary<String> strings = Arbitraries.oneOf(
				Arbitraries.strings().withChars("'\"\\$`;|&<>%*?(){}[]~#!= \n\taZ09-").ofMaxLength(12),
				Arbitraries.strings().withCharRange('\u0001', '\u007f').withChars("éλ€").ofMaxLength(12),
				Arbitraries.of(HOSTILE, "😀", "-", "--", "%", "%%s", "\\n", "'"));
		return strings.list().ofMaxSize(4);
	}

	private static void assertArrivesByteExact(List<String> args, Map<String, String> environment, boolean withStartStopDaemon)
			throws IOException, InterruptedException {
		if (withStartStopDaemon) {
			Tools.require("start-stop-daemon", "dpkg");
		}
		Path dir = Files.createTempDirectory("sysvinit-hostile");
		try {
			Path recorder = dir.resolve("recorder");
			Files.writeString(recorder, RECORDER);
			Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwxr-xr-x"));
			Path records = Files.createDirectories(dir.resolve("records"));

			ObjectNode pkg = MAPPER.createObjectNode();
			pkg.put("foregroundProcess", recorder.toString());
			pkg.set("args", MAPPER.valueToTree(args));
			Map<String, String> env = new LinkedHashMap<>(environment);
			env.put("RECORD_DIR", records.toString());
			pkg.set("environment", MAPPER.valueToTree(env));
			ObjectNode model = MAPPER.createObjectNode();
			model.putObject("recorder").set("pkg", pkg);
			Layout layout = new Layout(StateDirs.derive(dir.resolve("var").toString(), Optional.empty(), Optional.empty(),
					Optional.empty(), Optional.empty()), true);
			Path out = dir.resolve("profile");
			ProfileBuilder.build(ModelReader.readProcesses(MAPPER.writeValueAsString(model), false), new SysvinitBackend(), layout).files()
				.writeTo(out);
			Path script = out.resolve("etc/rc.d/init.d/recorder");

			Map<String, String> shellEnv = new HashMap<>();
			// Without /usr/sbin on the PATH the script cannot find start-stop-daemon and takes the POSIX-sh fallback.
			shellEnv.put("PATH", withStartStopDaemon ? "/usr/sbin:/usr/bin:/sbin:/bin" : "/usr/bin:/bin");
			Tools.Result started = Tools.run(List.of("sh", script.toString(), "start"), shellEnv);
			assertThat(started.exitCode()).as(started.output()).isZero();
			Path done = records.resolve("done");
			for (int i = 0; i < 200 && !Files.exists(done); i++) {
				Thread.sleep(25);
			}
			assertThat(done).as("the recorder ran; start said: " + started.output()).exists();

			assertThat(split(Files.readAllBytes(records.resolve("args")))).containsExactlyElementsOf(args);
			Map<String, String> received = new HashMap<>();
			for (String entry : split(Files.readAllBytes(records.resolve("env")))) {
				int eq = entry.indexOf('=');
				received.put(entry.substring(0, eq), entry.substring(eq + 1));
			}
			environment.forEach((name, value) -> assertThat(received.get(name)).as(name).isEqualTo(value));
			assertThat(Files.readString(records.resolve("cwd"))).isEqualTo("/\n");
			assertThat(dir.resolve("var/log/nixproc-recorder.log")).exists();
			try (var files = Files.list(records)) {
				assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("args", "env", "cwd", "done");
			}
			assertThat(Path.of("/pwned")).doesNotExist();
			Tools.run(List.of("sh", script.toString(), "stop"), shellEnv);
		}
		finally {
			try (var walk = Files.walk(dir)) {
				for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(p);
				}
			}
		}
	}

	private static List<String> split(byte[] nulSeparated) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < nulSeparated.length; i++) {
			if (nulSeparated[i] == 0) {
				parts.add(new String(Arrays.copyOfRange(nulSeparated, start, i), StandardCharsets.UTF_8));
				start = i + 1;
			}
		}
		return parts;
	}

}
