package nixproc.backend.s6rc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nixproc.backend.Backend;
import nixproc.backend.Hostile;
import nixproc.backend.InstanceStatus;
import nixproc.backend.LiveDriverContract;
import nixproc.backend.Recorder;
import nixproc.backend.Tools;
import nixproc.model.ModelReader;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileBuilder;
import nixproc.profile.ProfileGeneration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver contract against a real {@code s6-svscan}, and what is s6's own: the generated execline run scripts
 * executed by the real {@code execlineb} without the driver, the logging companion, a longrun that keeps dying
 * while s6-supervise restarts it, and a daemon run as a oneshot.
 */
class S6DriverTest extends LiveDriverContract {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Override
	protected Backend backend() {
		Tools.require("s6-svscan", "s6");
		Tools.require("execlineb", "execline");
		return S6rcGeneratorTest.BACKEND;
	}

	@Property(tries = 20)
	void execlinebRunsTheRunScriptAndValuesArriveByteExact(@ForAll("hostileLists") List<String> args,
			@ForAll("hostileLists") List<String> values, @ForAll boolean withInitialize) throws Exception {
		Tools.require("execlineb", "execline");
		Map<String, String> environment = new LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			environment.put("HOSTILE_" + i, values.get(i));
		}
		Path dir = Files.createTempDirectory("s6-execlineb");
		try {
			Recorder recorder = new Recorder(dir);
			Map<String, String> env = new LinkedHashMap<>(environment);
			env.put("EXIT_CODE", "0");
			ObjectNode pkg = recorder.pkg("recorder", args, env);
			pkg.put("directory", dir.toString());
			pkg.put("umask", "0027");
			Path initialized = recorder.records("recorder").resolve("initialized");
			if (withInitialize) {
				pkg.put("initialize", ": >\"$RECORD_DIR/initialized\"\necho 'initialized'");
			}
			ObjectNode model = MAPPER.createObjectNode();
			model.putObject("recorder").set("pkg", pkg);
			Path out = dir.resolve("profile");
			ProfileBuilder.build(ModelReader.readProcesses(MAPPER.writeValueAsString(model), false), S6rcGeneratorTest.BACKEND,
					S6rcGeneratorTest.unprivileged(dir.resolve("var").toString())).files().writeTo(out);

			Tools.Result result = Tools.run(List.of(out.resolve("etc/s6/sv/recorder-srv/run").toString()),
					Map.of("PATH", "/usr/bin:/bin"));

			assertThat(result.exitCode()).as(result.output()).isZero();
			Recorder.Recording received = recorder.awaitRecording("recorder");
			received.assertReceived(args, environment, dir);
			assertThat(received.cwd()).isEqualTo(dir + "\n");
			assertThat(received.umask()).isEqualTo("0027\n");
			assertThat(initialized.toFile().exists()).isEqualTo(withInitialize);
		}
		finally {
			GenerationStore.deleteRecursively(dir);
		}
	}

	@Example
	void theSharedHostileValueArrivesThroughExeclineb() throws Exception {
		execlinebRunsTheRunScriptAndValuesArriveByteExact(List.of(Hostile.VALUE, "", "-D"), List.of(Hostile.VALUE, ""), true);
	}

	@Provide
	Arbitrary<List<String>> hostileLists() {
		return Hostile.lists();
	}

	@Test
	void aLongrunLogsThroughItsCompanionUnderTheServicesOwnPid() throws Exception {
		ProfileGeneration generation = deploy(model("recorder"));
		InstanceEntry instance = instance(generation, "recorder");
		long pid = startAndAwait(generation, instance);

		Path current = Path.of(layout().dirs().logDir(), "s6-log/recorder/current");
		Recorder.await(() -> contains(current, "recorded recorder"), current + " to hold the recorder's output");
		// this service's own process, not any recorder on the machine (other test runs share it)
		String svstat = Tools.run(List.of("s6-svstat", "-o", "pid", ((S6Driver) driver()).scanDirectory().resolve("recorder").toString()))
			.output()
			.strip();
		assertThat(svstat).isEqualTo(Long.toString(pid));
	}

	/**
	 * s6-supervise restarts a process that died within a second of starting one second later; a process that keeps
	 * dying is then up for a moment each time. Here the second run stays up 0.6 s before it dies too: asked then,
	 * the driver must not call it running (the switch's confirmation once hit that moment and passed a quitter).
	 */
	@Test
	void aLongrunThatDiedSinceItsStartIsNotRunningWhileS6RestartsIt() throws Exception {
		Path flaky = directory().resolve("flaky");
		Files.writeString(flaky, """
				#!/bin/sh
				if [ -e "$RECORD_DIR/ran" ]; then sleep 0.6; exit 4; fi
				: >"$RECORD_DIR/ran"
				exit 4
				""");
		Files.setPosixFilePermissions(flaky, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path records = Files.createDirectories(directory().resolve("flaky-records"));
		ObjectNode model = MAPPER.createObjectNode();
		model.putObject("recorder").putObject("pkg").put("foregroundProcess", flaky.toString()).putObject("environment")
			.put("RECORD_DIR", records.toString());
		ProfileGeneration generation = deploy(model);
		InstanceEntry instance = instance(generation, "recorder");
		Path service = ((S6Driver) driver()).scanDirectory().resolve("recorder");
		driver().load(generation);
		driver().start(generation, instance);
		Recorder.await(() -> Files.exists(records.resolve("ran")), "the first run");
		// the first run's end: s6-supervise restarts it a second later, so look often
		Awaitility.await("the first run's end")
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> !up(service));

		List<InstanceStatus> whileUp = new ArrayList<>();
		long end = System.nanoTime() + 2_500_000_000L;
		while (System.nanoTime() < end) {
			boolean up = up(service);
			InstanceStatus status = driver().status(generation, instance);
			if (up) {
				whileUp.add(status);
			}
			assertThat(status).isIn(InstanceStatus.FAILED, InstanceStatus.STARTING);
			Thread.sleep(20);
		}
		assertThat(whileUp).as("s6 restarted the process and it was seen up").isNotEmpty();
		assertThat(whileUp).containsOnly(InstanceStatus.FAILED);
	}

	@Test // #3: the seed's oneshot down needs an explicit pidFile; the derived one works here
	void aDaemonOnlyProcessIsAOneshotStartedAndStoppedThroughItsDerivedPidFile() {
		String json = """
				{"d":{"pkg":{"daemon":"/bin/sh","daemonArgs":["-c","sleep 601 >/dev/null 2>&1 & echo $! >\\"$PID_FILE\\""],
				 "environment":{"PID_FILE":"${runtimeDir}/d.pid"}}}}
				""";
		ProfileGeneration generation = deploy((ObjectNode) MAPPER.readTree(json));
		InstanceEntry instance = instance(generation, "d");
		try {
			assertThat(driver().status(generation, instance)).isEqualTo(InstanceStatus.STOPPED);
			driver().start(generation, instance);
			assertThat(driver().status(generation, instance)).isEqualTo(InstanceStatus.RUNNING);
			driver().stop(generation, instance);
			assertThat(Tools.run(List.of("pgrep", "-f", "sleep 601")).output()).isEmpty();
			assertThat(driver().status(generation, instance)).isIn(InstanceStatus.FAILED, InstanceStatus.STOPPED);
		}
		finally {
			Tools.run(List.of("pkill", "-f", "sleep 601"));
		}
	}

	private static boolean up(Path service) {
		return Tools.run(List.of("s6-svstat", "-o", "up", service.toString())).output().strip().equals("true");
	}

	private static boolean contains(Path file, String text) {
		try {
			return Files.exists(file) && Files.readString(file).contains(text);
		}
		catch (IOException e) {
			return false; // being written: look again
		}
	}

}
