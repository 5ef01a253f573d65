package nixproc.backend.s6rc;

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

import nixproc.backend.DriverContext;
import nixproc.backend.InstanceStatus;
import nixproc.backend.Tools;
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
 * The generated execline run scripts executed by the real {@code execlineb}, and the driver against a real
 * {@code s6-svscan}: a recorder program writes what it received, compared byte for byte with the model.
 */
class S6DriverTest {

	static final String HOSTILE = "it's \"quoted\" \\ $(touch pwned) `touch pwned` ; | & < > %s *? \n\t é ${HOME} $PATH 😀";

	/** Writes its arguments, environment, working directory and umask, then runs {@code $THEN} (or exits). */
	private static final String RECORDER = """
			#!/bin/sh
			for a in "$@"; do printf '%s\\0' "$a"; done >"$RECORD_DIR/args"
			env -0 >"$RECORD_DIR/env"
			pwd >"$RECORD_DIR/cwd"
			umask >"$RECORD_DIR/umask"
			echo "recorder says hello"
			: >"$RECORD_DIR/done"
			[ -z "$THEN" ] || exec $THEN
			""";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Property(tries = 20)
	void execlinebRunsTheRunScriptAndValuesArriveByteExact(@ForAll("hostileLists") List<String> args,
			@ForAll("hostileLists") List<String> values, @ForAll boolean withInitialize) throws Exception {
		Map<String, String> environment = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			environment.put("HOSTILE_" + i, values.get(i));
		}
		Fixture fixture = new Fixture(args, environment, withInitialize, "");
		try {
			Path run = fixture.generation.directory().resolve("etc/s6/sv/recorder-srv/run");
			Tools.Result result = Tools.run(List.of(run.toString()), Map.of("PATH", "/usr/bin:/bin"));
			assertThat(result.exitCode()).as(result.output()).isZero();
			fixture.assertReceived();
		}
		finally {
			fixture.close();
		}
	}

	@Example
	void theSharedHostileValueArrivesThroughExeclineb() throws Exception {
		execlinebRunsTheRunScriptAndValuesArriveByteExact(List.of(HOSTILE, "", "-D"), List.of(HOSTILE, ""), true);
	}

	@Provide
	Arbitrary<List<String>> hostileLists() {
		Arbitrary<String> strings = Arbitraries.oneOf(
				Arbitraries.strings().withChars("'\"\\$`;|&<>%*?(){}[]~#!= \n\taZ09-").ofMaxLength(12),
				Arbitraries.strings().withCharRange('\u0001', '\u007f').withChars("éλ€").ofMaxLength(12),
				Arbitraries.of(HOSTILE, "😀", "-", "${PID}", "$PATH", "\\", "\"", "{", "}"));
		return strings.list().ofMaxSize(4);
	}

	@Example
	void aLongrunStartsUnderS6SvscanLogsThroughItsCompanionAndStops() throws Exception {
		Tools.require("s6-svscan", "s6");
		Fixture fixture = new Fixture(List.of(HOSTILE, "-D"), Map.of("HOSTILE", HOSTILE), true, "sleep 600");
		S6Driver driver = fixture.driver();
		try {
			InstanceEntry instance = fixture.instance();
			assertThat(driver.status(fixture.generation, instance)).isEqualTo(InstanceStatus.UNKNOWN);
			driver.load(fixture.generation);
			driver.start(fixture.generation, instance);
			assertThat(driver.status(fixture.generation, instance)).isEqualTo(InstanceStatus.RUNNING);
			fixture.awaitDone();
			fixture.assertReceived();
			Path current = fixture.dir.resolve("var/log/s6-log/recorder/current");
			awaitFile(current, "recorder says hello");

			// this service's own process, not any "sleep 600" on the machine (other test runs share it)
			String pid = Tools.run(List.of("s6-svstat", "-o", "pid", driver.scanDirectory().resolve("recorder").toString()))
				.output()
				.strip();
			assertThat(pid).matches("[1-9][0-9]*");

			driver.stop(fixture.generation, instance);
			assertThat(driver.status(fixture.generation, instance)).isEqualTo(InstanceStatus.STOPPED);
			assertThat(ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)).isEmpty();
		}
		finally {
			driver.shutdown(fixture.generation);
			fixture.close();
		}
	}

	/**
	 * s6-supervise restarts a process that died within a second of starting one second later; a process that keeps
	 * dying is then up for a moment each time. Here the second run stays up 0.6 s before it dies too: asked then,
	 * the driver must not call it running (the switch's confirmation once hit that moment and passed a quitter).
	 */
	@Example
	void aLongrunThatDiedSinceItsStartIsNotRunningWhileS6RestartsIt() throws Exception {
		Tools.require("s6-svscan", "s6");
		Path scripts = Files.createTempDirectory("s6-flaky");
		Path flaky = scripts.resolve("flaky");
		Files.writeString(flaky, """
				#!/bin/sh
				if [ -e "$RECORD_DIR/ran" ]; then sleep 0.6; exit 4; fi
				: >"$RECORD_DIR/ran"
				exit 4
				""");
		Files.setPosixFilePermissions(flaky, PosixFilePermissions.fromString("rwxr-xr-x"));
		Fixture fixture = new Fixture(List.of(), Map.of(), false, flaky.toString());
		S6Driver driver = fixture.driver();
		Path service = driver.scanDirectory().resolve("recorder");
		try {
			InstanceEntry instance = fixture.instance();
			driver.load(fixture.generation);
			driver.start(fixture.generation, instance);
			awaitFile(fixture.records.resolve("ran"), "");
			while (Tools.run(List.of("s6-svstat", "-o", "up", service.toString())).output().strip().equals("true")) {
				Thread.sleep(5); // the first run's end
			}
			List<InstanceStatus> whileUp = new ArrayList<>();
			long end = System.nanoTime() + 2_500_000_000L;
			while (System.nanoTime() < end) {
				boolean up = Tools.run(List.of("s6-svstat", "-o", "up", service.toString())).output().strip().equals("true");
				InstanceStatus status = driver.status(fixture.generation, instance);
				if (up) {
					whileUp.add(status);
				}
				assertThat(status).isIn(InstanceStatus.FAILED, InstanceStatus.STARTING);
				Thread.sleep(20);
			}
			assertThat(whileUp).as("s6 restarted the process and it was seen up").isNotEmpty();
			assertThat(whileUp).containsOnly(InstanceStatus.FAILED);
		}
		finally {
			driver.shutdown(fixture.generation);
			fixture.close();
			delete(scripts);
		}
	}

	@Example // #3: the seed's oneshot down needs an explicit pidFile; the derived one works here
	void aDaemonOnlyProcessIsAOneshotStartedAndStoppedThroughItsDerivedPidFile() throws Exception {
		Tools.require("execlineb", "execline");
		Path dir = Files.createTempDirectory("s6-oneshot");
		Layout layout = S6rcGeneratorTest.unprivileged(dir.resolve("var").toString());
		Files.createDirectories(dir.resolve("var/run"));
		String model = """
				{"d":{"pkg":{"daemon":"/bin/sh","daemonArgs":["-c","sleep 601 >/dev/null 2>&1 & echo $! >\\"$PID_FILE\\""],
				 "environment":{"PID_FILE":"${runtimeDir}/d.pid"}}}}
				""";
		ProfileGeneration generation = generation(ModelReader.readProcesses(model, false), layout, dir);
		S6Driver driver = new S6Driver(new DriverContext(layout, new ProcessCommandRunner(), false));
		InstanceEntry instance = generation.manifest().instances().get(0);
		try {
			assertThat(driver.status(generation, instance)).isEqualTo(InstanceStatus.STOPPED);
			driver.start(generation, instance);
			assertThat(driver.status(generation, instance)).isEqualTo(InstanceStatus.RUNNING);
			driver.stop(generation, instance);
			assertThat(Tools.run(List.of("pgrep", "-f", "sleep 601")).output()).isEmpty();
			assertThat(driver.status(generation, instance)).isIn(InstanceStatus.FAILED, InstanceStatus.STOPPED);
		}
		finally {
			Tools.run(List.of("pkill", "-f", "sleep 601"));
			delete(dir);
		}
	}

	private static ProfileGeneration generation(nixproc.model.ProcessesModel model, Layout layout, Path dir) {
		BuiltProfile built = ProfileBuilder.build(model, S6rcGeneratorTest.BACKEND, layout);
		Path generationDir = dir.resolve("profiles/p/1");
		built.files().writeTo(generationDir);
		return new ProfileGeneration(1, generationDir, new ProfileManifest(ProfileManifest.FORMAT_VERSION, 1, "s6-rc", Instant.EPOCH, "test",
				built.instances(), ProfileManifest.AccountNames.NONE));
	}

	/** A recorder instance in a temporary state directory, generated and written as generation 1. */
	private static final class Fixture {

		final Path dir;

		final Path records;

		final Layout layout;

		final ProfileGeneration generation;

		final List<String> args;

		final Map<String, String> environment;

		final boolean withInitialize;

		Fixture(List<String> args, Map<String, String> environment, boolean withInitialize, String then) throws IOException {
			Tools.require("execlineb", "execline");
			this.args = args;
			this.environment = environment;
			this.withInitialize = withInitialize;
			dir = Files.createTempDirectory("s6-driver");
			records = Files.createDirectories(dir.resolve("records"));
			Path recorder = dir.resolve("recorder");
			Files.writeString(recorder, RECORDER);
			Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwxr-xr-x"));
			ObjectNode pkg = MAPPER.createObjectNode();
			pkg.put("foregroundProcess", recorder.toString());
			pkg.set("args", MAPPER.valueToTree(args));
			Map<String, String> env = new LinkedHashMap<>(environment);
			env.put("RECORD_DIR", records.toString());
			env.put("THEN", then);
			pkg.set("environment", MAPPER.valueToTree(env));
			pkg.put("directory", dir.toString());
			pkg.put("umask", "0027");
			if (withInitialize) {
				pkg.put("initialize", ": >\"$RECORD_DIR/initialized\"\necho 'initialized'");
			}
			ObjectNode model = MAPPER.createObjectNode();
			model.putObject("recorder").set("pkg", pkg);
			layout = S6rcGeneratorTest.unprivileged(dir.resolve("var").toString());
			generation = generation(ModelReader.readProcesses(MAPPER.writeValueAsString(model), false), layout, dir);
		}

		S6Driver driver() {
			return new S6Driver(new DriverContext(layout, new ProcessCommandRunner(), false));
		}

		InstanceEntry instance() {
			return generation.manifest().instances().get(0);
		}

		void awaitDone() throws InterruptedException, IOException {
			awaitFile(records.resolve("done"), "");
		}

		void assertReceived() throws IOException {
			assertThat(records.resolve("done")).exists();
			assertThat(split(Files.readAllBytes(records.resolve("args")))).containsExactlyElementsOf(args);
			Map<String, String> received = new HashMap<>();
			for (String entry : split(Files.readAllBytes(records.resolve("env")))) {
				int eq = entry.indexOf('=');
				received.put(entry.substring(0, eq), entry.substring(eq + 1));
			}
			environment.forEach((name, value) -> assertThat(received.get(name)).as(name).isEqualTo(value));
			assertThat(Files.readString(records.resolve("cwd"))).isEqualTo(dir + "\n");
			assertThat(Files.readString(records.resolve("umask"))).isEqualTo("0027\n");
			assertThat(records.resolve("initialized").toFile().exists()).isEqualTo(withInitialize);
			assertThat(dir.resolve("pwned")).doesNotExist();
		}

		void close() {
			delete(dir);
		}

	}

	private static void awaitFile(Path file, String containing) throws InterruptedException, IOException {
		for (int i = 0; i < 200; i++) {
			try {
				if (Files.exists(file) && Files.readString(file).contains(containing)) {
					return;
				}
			}
			catch (IOException e) {
				// being written: look again
			}
			Thread.sleep(25);
		}
		assertThat(file).as("waited for " + file + " to contain " + containing).exists();
		assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains(containing);
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

	private static void delete(Path dir) {
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

}
