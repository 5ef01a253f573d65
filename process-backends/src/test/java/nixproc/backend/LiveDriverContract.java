package nixproc.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.readiness.ReadinessWaiter;
import nixproc.run.CommandRunner;
import nixproc.run.ProcessCommandRunner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link DriverContract} for a manager that runs here: the instances are real {@link Recorder} processes, killed
 * for real, and what they received is compared with the model, the shared {@link Hostile#VALUE} and random hostile
 * lists included.
 */
public abstract class LiveDriverContract extends DriverContract {

	@Override
	final Harness harness(Path directory) {
		return new Live(new Recorder(directory), directory);
	}

	/** The recorder of this test's instances, for a driver's own tests. */
	protected final Recorder recorder() {
		return session().harness.recorder;
	}

	/** This test's temporary directory (the state directory is its {@code var}). */
	protected final Path directory() {
		return session().directory;
	}

	@Test
	void hostileValuesArriveByteExact() {
		assertArrivesByteExact(session(), List.of(Hostile.VALUE, "", "-D"), Map.of("HOSTILE", Hostile.VALUE, "EMPTY", ""));
	}

	/** Random hostile arguments and environment values, each deployment in a state directory of its own. */
	@Property(tries = 5)
	void randomHostileValuesArriveByteExact(@ForAll("hostileLists") List<String> args, @ForAll("hostileLists") List<String> values)
			throws IOException {
		Path directory = Files.createTempDirectory("nixproc-contract");
		try (Session session = open(directory)) {
			assertArrivesByteExact(session, args, environment(values));
		}
		finally {
			GenerationStore.deleteRecursively(directory);
		}
	}

	@Provide
	Arbitrary<List<String>> hostileLists() {
		return Hostile.lists();
	}

	/** Deploys one recorder with these values and a working directory and umask, and compares what it received. */
	private static void assertArrivesByteExact(Session session, List<String> args, Map<String, String> environment) {
		Path work = session.directory.resolve("work");
		try {
			Files.createDirectories(work);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		ObjectNode pkg = session.harness.recorder.pkg("hostile", args, environment);
		pkg.put("directory", work.toString());
		pkg.put("umask", "0027");
		ObjectNode model = JSON.createObjectNode();
		model.putObject("hostile").set("pkg", pkg);
		ProfileGeneration generation = session.deploy(model);
		InstanceEntry instance = instance(generation, "hostile");
		session.driver.load(generation);
		session.driver.start(generation, instance);

		Recorder.Recording received = session.harness.recorder.awaitRecording("hostile");
		received.assertReceived(args, environment, work);
		assertThat(received.cwd()).isEqualTo(work + "\n");
		assertThat(received.umask()).isEqualTo("0027\n");
	}

	/** Recorder processes, each run by the manager for real. */
	private static final class Live extends Harness {

		private final Path directory;

		private final ProcessCommandRunner runner = new ProcessCommandRunner();

		Live(Recorder recorder, Path directory) {
			super(recorder);
			this.directory = directory;
		}

		@Override
		CommandRunner runner() {
			return runner;
		}

		@Override
		OptionalLong pid(String instance) {
			OptionalLong pid = recorder.pid(instance);
			return pid.isPresent() && ReadinessWaiter.running(pid.getAsLong()) ? pid : OptionalLong.empty();
		}

		@Override
		void crash(String instance) {
			long pid = pid(instance).orElseThrow(() -> new AssertionError(instance + " does not run"));
			ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
			Recorder.await(() -> !ReadinessWaiter.running(pid), "process " + pid + " of " + instance + " to die");
		}

		@Override
		List<String> events() {
			return recorder.events();
		}

		/** Whatever still runs from this directory (a manager that did not stop, a recorder that was not stopped). */
		@Override
		public void close() {
			String text = directory.toString();
			List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
				.filter(p -> p.pid() != ProcessHandle.current().pid())
				.filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
				.toList();
			leftovers.forEach(ProcessHandle::destroyForcibly);
		}

	}

}
