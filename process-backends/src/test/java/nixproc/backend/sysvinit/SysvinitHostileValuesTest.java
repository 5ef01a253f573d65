package nixproc.backend.sysvinit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nixproc.backend.Hostile;
import nixproc.backend.Recorder;
import nixproc.backend.Tools;
import nixproc.model.ModelReader;
import nixproc.process.Layout;
import nixproc.process.StateDirs;
import nixproc.profile.GenerationStore;
import nixproc.profile.ProfileBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated init.d script run with {@code sh} and a chosen PATH, so that each of its two ways of daemonising a
 * foreground process is taken: {@code start-stop-daemon}, and the POSIX-sh fallback where there is none. The
 * {@link Recorder} must receive every argument and environment value byte for byte either way (the driver contract,
 * {@link SysvinitDriverTest}, runs the scripts with the machine's PATH).
 */
class SysvinitHostileValuesTest {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Example
	void theSharedHostileValueArrivesThroughStartStopDaemon() throws Exception {
		assertArrivesByteExact(List.of(Hostile.VALUE, "", "-D"), Map.of("HOSTILE", Hostile.VALUE), true);
	}

	@Example
	void theSharedHostileValueArrivesThroughThePosixShFallback() throws Exception {
		assertArrivesByteExact(List.of(Hostile.VALUE, "", "-D"), Map.of("HOSTILE", Hostile.VALUE), false);
	}

	@Property(tries = 30)
	void randomArgumentsAndEnvironmentArriveByteExact(@ForAll("hostileLists") List<String> args,
			@ForAll("hostileLists") List<String> values, @ForAll boolean withStartStopDaemon) throws Exception {
		Map<String, String> environment = new java.util.LinkedHashMap<>();
		for (int i = 0; i < values.size(); i++) {
			environment.put("HOSTILE_" + i, values.get(i));
		}
		assertArrivesByteExact(args, environment, withStartStopDaemon);
	}

	@Provide
	Arbitrary<List<String>> hostileLists() {
		return Hostile.lists();
	}

	private static void assertArrivesByteExact(List<String> args, Map<String, String> environment, boolean withStartStopDaemon)
			throws IOException {
		if (withStartStopDaemon) {
			Tools.require("start-stop-daemon", "dpkg");
		}
		Path dir = Files.createTempDirectory("sysvinit-hostile");
		try {
			Recorder recorder = new Recorder(dir);
			ObjectNode model = MAPPER.createObjectNode();
			model.putObject("recorder").set("pkg", recorder.pkg("recorder", args, environment));
			Layout layout = new Layout(StateDirs.derive(dir.resolve("var").toString(), Optional.empty(), Optional.empty(),
					Optional.empty(), Optional.empty()), true);
			Path out = dir.resolve("profile");
			ProfileBuilder.build(ModelReader.readProcesses(MAPPER.writeValueAsString(model), false), new SysvinitBackend(), layout)
				.files()
				.writeTo(out);
			Path script = out.resolve("etc/rc.d/init.d/recorder");

			Map<String, String> shellEnv = new HashMap<>();
			// Without /usr/sbin on the PATH the script cannot find start-stop-daemon and takes the POSIX-sh fallback.
			shellEnv.put("PATH", withStartStopDaemon ? "/usr/sbin:/usr/bin:/sbin:/bin" : "/usr/bin:/bin");
			Tools.Result started = Tools.run(List.of("sh", script.toString(), "start"), shellEnv);
			assertThat(started.exitCode()).as(started.output()).isZero();
			try {
				Recorder.Recording received = recorder.awaitRecording("recorder");
				received.assertReceived(args, environment, dir);
				assertThat(received.cwd()).isEqualTo("/\n");
				assertThat(dir.resolve("var/log/nixproc-recorder.log")).exists();
				try (var files = Files.list(recorder.records("recorder"))) {
					assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("args", "env", "cwd", "umask",
							"pid", "done");
				}
				assertThat(Path.of("/pwned")).doesNotExist();
			}
			finally {
				Tools.run(List.of("sh", script.toString(), "stop"), shellEnv);
			}
		}
		finally {
			GenerationStore.deleteRecursively(dir);
		}
	}

}
