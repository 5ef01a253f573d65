package nixproc.switching.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import nixproc.profile.BuiltProfile;
import nixproc.profile.GenerationStore;
import nixproc.profile.InstanceEntry;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;
import nixproc.readiness.ReadinessWaiter;

/**
 * The baseline of the switch's and the coordinator's benchmarks: a sysvinit profile started the seed's way
 * ({@code nixproc-sysvinit-deploy}). Its generation is written first, as the seed's deploy builds its profile first
 * (ours is written inside the switch, so both are timed with it), then {@code for s in rc3.d/S*; do $s start; done}
 * runs, timed. The daemons are then killed untimed, by signal: the scripts' stop waits until PID 1 has reaped each
 * process, which in a container takes a second or two apiece.
 */
public final class SeedLoop {

	private SeedLoop() {
	}

	/** Writing the generation and running the loop, and the loop alone. */
	public record Times(Duration total, Duration loop) {
	}

	/** Starts {@code profile} under {@code <state>/profiles/seed} and stops it again; the start is timed. */
	public static Times run(Path state, BuiltProfile profile) throws Exception {
		GenerationStore store = new GenerationStore(GenerationStore.profileDir(state, "seed"));
		long t0 = System.nanoTime();
		ProfileGeneration generation = store.write(profile.files(), new ProfileManifest(ProfileManifest.FORMAT_VERSION, 0, "sysvinit",
				Instant.now(), "", profile.instances(), ProfileManifest.AccountNames.NONE));
		Path rc3 = generation.directory().resolve("etc/rc.d/rc3.d");
		long t1 = System.nanoTime();
		Process loop = new ProcessBuilder("/bin/sh", "-c",
				"for s in \"$1\"/S*; do \"$s\" start >/dev/null || echo \"$s failed\"; done", "sh", rc3.toString())
			.inheritIO()
			.start();
		if (loop.waitFor() != 0) {
			throw new IllegalStateException("the seed's loop failed");
		}
		long t2 = System.nanoTime();
		for (InstanceEntry instance : profile.instances()) {
			instance.pidFile()
				.map(pidFile -> ReadinessWaiter.readPid(Path.of(pidFile)))
				.filter(OptionalLong::isPresent)
				.flatMap(pid -> ProcessHandle.of(pid.getAsLong()))
				.ifPresent(ProcessHandle::destroyForcibly);
		}
		return new Times(Duration.ofNanos(t2 - t0), Duration.ofNanos(t2 - t1));
	}

}
