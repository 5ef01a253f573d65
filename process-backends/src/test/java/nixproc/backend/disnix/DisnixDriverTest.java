package nixproc.backend.disnix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.profile.BuiltProfile;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.run.ProcessCommandRunner;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The driver runs the generated wrapper for real: a foreground recorder is daemonised (start-stop-daemon here),
 * seen RUNNING, its received arguments and environment compared byte for byte, stopped, seen STOPPED.
 */
class DisnixDriverTest {

	static final String HOSTILE = "it's \"quoted\" \\ $(touch pwned) `touch pwned` ; | & < > %s *? \n\t é ${HOME} 😀";

	private static final String RECORDER = """
			#!/bin/sh
			for a in "$@"; do printf '%s\\0' "$a"; done >"$RECORD_DIR/args"
			env -0 >"$RECORD_DIR/env"
			: >"$RECORD_DIR/done"
			exec sleep 602
			""";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Example
	void theSharedHostileValueArrivesAndTheProcessStartsAndStops() throws Exception {
		run(List.of(HOSTILE, "", "-D"), List.of(HOSTILE, ""));
	}

	/** A process that exited and was not reaped yet answers {@code kill -0}; it is not running all the same. */
	@Example
	void aZombieNamedByThePidFileIsNotRunning() throws Exception {
		Path dir = Files.createTempDirectory("disnix-zombie");
		// the child exits once its parent has become sleep, which never reaps it (a child that exited before the exec
		// could be reaped by the shell)
		Process parent = new ProcessBuilder("/bin/sh", "-c", "sleep 0.3 & echo $!; exec sleep 603").start();
		try {
			long zombie = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream(),
					StandardCharsets.UTF_8)).readLine().strip());
			Path stat = Path.of("/proc", Long.toString(zombie), "stat");
			for (int i = 0; i < 200 && !Files.readString(stat).matches("(?s).*\\) Z .*"); i++) {
				Thread.sleep(25);
			}
			assertThat(Files.readString(stat)).as("a zombie").matches("(?s).*\\) Z .*");
			ObjectNode model = MAPPER.createObjectNode();
			model.putObject("quitter").putObject("pkg").put("foregroundProcess", "/bin/true");
			Deployed deployed = Deployed.build(dir, model);
			ProfileGeneration generation = deployed.generation();
			InstanceEntry instance = deployed.instance();
			Path pidFile = Path.of(instance.pidFile().orElseThrow());
			Files.createDirectories(pidFile.getParent());
			Files.writeString(pidFile, zombie + "\n");
			Driver driver = deployed.driver();

			assertThat(new ProcessCommandRunner().run(nixproc.run.Command.of("kill", "-0", Long.toString(zombie))).succeeded())
				.as("kill -0 answers for it")
				.isTrue();
			assertThat(driver.status(generation, instance)).isEqualTo(InstanceStatus.FAILED);
		}
		finally {
			parent.destroyForcibly().waitFor();
			try (Stream<Path> walk = Files.walk(dir)) {
				for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(p);
				}
			}
		}
	}

	@Property(tries = 5)
	void randomArgumentsAndEnvironmentArriveByteExact(@ForAll("hostileLists") List<String> args,
			@ForAll("hostileLists") List<String> values) throws Exception {
		run(args, values);
	}

	@Provide
	Arbitrary<List<String>> hostileLists() {
		return Arbitraries.oneOf(Arbitraries.strings().withChars("'\"\\$`;|&<>%*?(){}[]~#!= \n\taZ09-").ofMaxLength(12),
				Arbitraries.strings().withCharRange('\u0001', '\u007f').withChars("éλ€").ofMaxLength(12))
			.list()
			.ofMaxSize(4);
	}

	private static void run(List<String> args, List<String> values) throws IOException, InterruptedException {
		Path dir = Files.createTempDirectory("disnix-driver");
		try {
			Path recorder = dir.resolve("recorder");
			Files.writeString(recorder, RECORDER);
			Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwxr-xr-x"));
			Path records = Files.createDirectories(dir.resolve("records"));
			Map<String, String> environment = new LinkedHashMap<>();
			for (int i = 0; i < values.size(); i++) {
				environment.put("HOSTILE_" + i, values.get(i));
			}
			Map<String, String> env = new LinkedHashMap<>(environment);
			env.put("RECORD_DIR", records.toString());
			ObjectNode pkg = MAPPER.createObjectNode();
			pkg.put("foregroundProcess", recorder.toString());
			pkg.set("args", MAPPER.valueToTree(args));
			pkg.set("environment", MAPPER.valueToTree(env));
			ObjectNode model = MAPPER.createObjectNode();
			model.putObject("recorder").set("pkg", pkg);
			Deployed deployed = Deployed.build(dir, model);
			ProfileGeneration generation = deployed.generation();
			InstanceEntry instance = deployed.instance();
			Driver driver = deployed.driver();

			assertThat(driver.status(generation, instance)).isEqualTo(InstanceStatus.STOPPED);
			driver.load(generation);
			driver.start(generation, instance);
			Path done = records.resolve("done");
			for (int i = 0; i < 200 && !Files.exists(done); i++) {
				Thread.sleep(25);
			}
			assertThat(done).exists();
			assertThat(driver.status(generation, instance)).isEqualTo(InstanceStatus.RUNNING);
			assertThat(split(Files.readAllBytes(records.resolve("args")))).containsExactlyElementsOf(args);
			Map<String, String> received = new HashMap<>();
			for (String entry : split(Files.readAllBytes(records.resolve("env")))) {
				int eq = entry.indexOf('=');
				received.put(entry.substring(0, eq), entry.substring(eq + 1));
			}
			environment.forEach((name, value) -> assertThat(received.get(name)).as(name).isEqualTo(value));
			assertThat(dir.resolve("pwned")).doesNotExist();

			driver.stop(generation, instance);
			assertThat(driver.status(generation, instance)).isEqualTo(InstanceStatus.STOPPED);
		}
		finally {
			new ProcessCommandRunner().run(nixproc.run.Command.of("pkill", "-f", "sleep 602"));
			try (Stream<Path> walk = Files.walk(dir)) {
				for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(p);
				}
			}
		}
	}

	/** A one-instance model built into generation 1 of a profile under {@code dir}, and the driver for it. */
	private record Deployed(Layout layout, ProfileGeneration generation, InstanceEntry instance) {

		static Deployed build(Path dir, ObjectNode model) {
			Layout layout = DisnixGeneratorTest.unprivileged(dir.resolve("var").toString());
			BuiltProfile built = ProfileBuilder.build(ModelReader.readProcesses(MAPPER.writeValueAsString(model), false),
					DisnixGeneratorTest.BACKEND, layout);
			Path generationDir = dir.resolve("profiles/p/1");
			built.files().writeTo(generationDir);
			return new Deployed(layout, new ProfileGeneration(1, generationDir, new ProfileManifest(ProfileManifest.FORMAT_VERSION, 1, "disnix",
					Instant.EPOCH, "test", built.instances(), ProfileManifest.AccountNames.NONE)), built.instances().get(0));
		}

		Driver driver() {
			return DisnixGeneratorTest.BACKEND.driver(new DriverContext(layout, new ProcessCommandRunner(), false));
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
