package nixproc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.profile.ProfileBuilder;

/**
 * The same work as {@link GenerateBenchmark}, divided by the thread's CPU time instead of wall-clock time. On a
 * machine shared with other builds JMH's throughput mostly measures how often the scheduler lets the benchmark run;
 * CPU time shows what the code costs. A cross-check, not a replacement: no forks, no JMH dead-code protection beyond
 * keeping the file count. Run with {@code -Pbench -Dbench.main=nixproc.bench.CpuRate [-Dbench.args="sysvinit systemd"]}.
 */
public final class CpuRate {

	/** Time-based: 30 builds were too few for the JIT to finish with the slower backends (sysvinit read 40 % low). */
	private static final long WARMUP_NANOS = 4_000_000_000L;

	private static final long MEASURED_NANOS = 4_000_000_000L;

	private CpuRate() {
	}

	public static void main(String[] args) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		ProcessesModel model = ChainedModel.of(GenerateBenchmark.CHAINS, GenerateBenchmark.CHAIN_LENGTH);
		Layout layout = Layout.privileged();
		long files = 0;
		System.out.printf("%-12s %22s%n", "backend", "instance-configs/CPU-s");
		for (Backend backend : Backends.all()) {
			if (args.length > 0 && !List.of(args).contains(backend.kind().id())) {
				continue;
			}
			for (long end = System.nanoTime() + WARMUP_NANOS; System.nanoTime() < end;) {
				files += ProfileBuilder.build(model, backend, layout).files().files().size();
			}
			long start = threads.getCurrentThreadCpuTime();
			long builds = 0;
			for (long end = System.nanoTime() + MEASURED_NANOS; System.nanoTime() < end; builds++) {
				files += ProfileBuilder.build(model, backend, layout).files().files().size();
			}
			double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
			System.out.printf("%-12s %22.0f%n", backend.kind().id(), GenerateBenchmark.INSTANCES * builds / seconds);
		}
		// Printed so the builds cannot be optimised away.
		System.out.println("files generated: " + files);
	}

}
