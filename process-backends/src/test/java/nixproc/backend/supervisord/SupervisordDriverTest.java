package nixproc.backend.supervisord;

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

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import nixproc.backend.Driver;
import nixproc.backend.InstanceStatus;
import nixproc.backend.Tools;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.InstanceEntry;
import nixproc.model.ModelReader;
import nixproc.process.Layout;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The driver against the real supervisord: a recorder program (a sh script writing its arguments, environment and
 * working directory) is loaded, started, seen RUNNING, stopped and seen STOPPED, and what it received is compared
 * byte for byte with the model.
 */
class SupervisordDriverTest {

	/** Style G6's shared hostile value: both quotes, backslash, $( and backtick, separators, %s, glob, newline, tab, non-ASCII. */
	static final String HOSTILE = "it's \"quoted\" \\ $(touch pwned) `touch pwned` ; | & < > %s *? \n\t é ${HOME} 😀";

	/** Hostile but carried by supervisord's own environment= and command= (no line break, one quote kind, no " ;"). */
	static final String HOSTILE_ONE_LINE = "it's \\ $(touch pwned) `x`;| & < > %s %(here)x *? \t é ${HOME} 😀";

	private static final String RECORDER = """
			#!/bin/sh
			for a in "$@"; do printf '%s\\0' "$a"; done >"$RECORD_DIR/args"
			env -0 >"$RECORD_DIR/env"
			pwd >"$RECORD_DIR/cwd"
			: >"$RECORD_DIR/done"
			exec sleep 600
			""";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Example
	void startRunningStopStoppedWithValuesSupervisordCarriesItself() throws Exception {
		Run run = run(List.of(HOSTILE_ONE_LINE, "", "-D"), Map.of("HOSTILE", HOSTILE_ONE_LINE, "EMPTY", ""), false);
		assertThat(run.proxied).as("no proxy needed: environment= and command= carry the values").isFalse();
	}

	@Example
	void theSharedHostileValueArrivesThroughTheProxy() throws Exception {
		Run run = run(List.of(HOSTILE, "", "-D"), Map.of("HOSTILE", HOSTILE), true);
		assertThat(run.proxied).isTrue();
	}

	@Property(tries = 5)
	void randomArgumentsAndEnvironmentArriveByteExact(@ForAll("hostileLists") List<String> args,
			@ForAll("hostileLists") List<String> values, @ForAll boolean withInitialize) throws Exception {
		Map<String, String> environment = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			environment.put("HOSTILE_" + i, values.get(i));
		}
		run(args, environment, withInitialize);
	}

	@Provide
	Arbitrary<List<String>> hostileLists() {
		Arbitrary<String> strings = Arbitraries.oneOf(
				Arbitraries.strings().withChars("'\"\\$`;|&<>%*?(){}[]~#!= \n\taZ09-").ofMaxLength(12),
				Arbitraries.strings().withCharRange('\u0001', '\u007f').withChars("éλ€").ofMaxLength(12),
				Arbitraries.of(HOSTILE, HOSTILE_ONE_LINE, "😀", "-", "%", "%%s", "%(here)s", " ;x", "'", "\"a'"));
		return strings.list().ofMaxSize(4);
	}

	private record Run(boolean proxied) {
	}

	private static Run run(List<String> args, Map<String, String> environment, boolean withInitialize)
			throws IOException, InterruptedException {
		Tools.require("supervisord", "supervisor");
		Path dir = Files.createTempDirectory("supervisord-driver");
		Layout layout = SupervisordFixtures.unprivileged(dir.resolve("var").toString());
		SupervisordDriver driver = (SupervisordDriver) SupervisordFixtures.BACKEND
			.driver(SupervisordFixtures.context(layout));
		ProfileGeneration generation = null;
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
			pkg.put("directory", dir.toString());
			if (withInitialize) {
				pkg.put("initialize", ": >" + records.resolve("initialized"));
			}
			ObjectNode model = MAPPER.createObjectNode();
			model.putObject("recorder").set("pkg", pkg);
			generation = SupervisordFixtures.generation(
					ModelReader.readProcesses(MAPPER.writeValueAsString(model), false), layout, dir, 1);
			InstanceEntry instance = generation.manifest().instances().get(0);
			Driver seam = driver;

			assertThat(seam.status(generation, instance)).isEqualTo(InstanceStatus.UNKNOWN);
			seam.load(generation);
			seam.start(generation, instance);
			Path done = records.resolve("done");
			for (int i = 0; i < 200 && !Files.exists(done); i++) {
				Thread.sleep(25);
			}
			assertThat(done).as("the recorder ran; supervisord log: "
					+ driver.logTail(generation, instance, 20).orElse("(none)")).exists();
			awaitStatus(seam, generation, instance, InstanceStatus.RUNNING);

			assertThat(split(Files.readAllBytes(records.resolve("args")))).containsExactlyElementsOf(args);
			Map<String, String> received = new HashMap<>();
			for (String entry : split(Files.readAllBytes(records.resolve("env")))) {
				int eq = entry.indexOf('=');
				received.put(entry.substring(0, eq), entry.substring(eq + 1));
			}
			environment.forEach((name, value) -> assertThat(received.get(name)).as(name).isEqualTo(value));
			assertThat(Files.readString(records.resolve("cwd"))).isEqualTo(dir + "\n");
			List<String> expectedRecords = new ArrayList<>(List.of("args", "env", "cwd", "done"));
			if (withInitialize) {
				expectedRecords.add("initialized");
			}
			try (var files = Files.list(records)) {
				assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expectedRecords);
			}
			assertThat(Path.of("pwned")).doesNotExist();
			assertThat(dir.resolve("pwned")).doesNotExist();

			seam.stop(generation, instance);
			assertThat(seam.status(generation, instance)).isEqualTo(InstanceStatus.STOPPED);
			return new Run(instance.files().contains("conf.d/recorder-foregroundproxy.sh"));
		}
		finally {
			if (generation != null) {
				driver.shutdown(generation);
			}
			SupervisordFixtures.delete(dir);
		}
	}

	private static void awaitStatus(Driver driver, ProfileGeneration generation, InstanceEntry instance, InstanceStatus expected)
			throws InterruptedException {
		InstanceStatus status = driver.status(generation, instance);
		for (int i = 0; i < 100 && status != expected; i++) {
			Thread.sleep(50);
			status = driver.status(generation, instance);
		}
		assertThat(status).isEqualTo(expected);
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
