package nixproc.bench;

import java.util.concurrent.TimeUnit;

import nixproc.backend.Backend;
import nixproc.backend.Backends;
import nixproc.backend.GeneratedFiles;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.profile.ProfileBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3's performance target: instance-configs per second per backend, for a 1,000-instance model of 100
 * dependency chains of 10. One operation is one instance, so JMH's ops/s is directly the figure the README records.
 *
 * <p>
 * What is timed is {@link ProfileBuilder#build} as {@code nixproc build} calls it: normalisation (dependency ordering,
 * defaults, placeholders), every instance's generator and config files and their content hash, merging into one
 * {@link GeneratedFiles}, and the backend's profile-wide files ({@code supervisord.conf}, s6-rc's bundle …). Reading
 * the JSON and writing files are not.
 *
 * <p>
 * The {@code backend} values below are a default for running this class directly; {@link BenchMain} replaces them
 * with the ids of {@link Backends#all()}, so a newly listed backend is measured without editing this list.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xmx1g" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GenerateBenchmark {

	static final int CHAINS = 100;

	static final int CHAIN_LENGTH = 10;

	static final int INSTANCES = CHAINS * CHAIN_LENGTH;

	@Param({ "sysvinit", "bsdrc", "supervisord", "systemd", "launchd", "cygrunsrv", "s6-rc", "synit", "docker", "disnix" })
	public String backend;

	private Backend selected;

	private ProcessesModel model;

	private Layout layout;

	@Setup
	public void setUp() {
		selected = Backends.all().stream().filter(b -> b.kind().id().equals(backend)).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("not in Backends.all(): " + backend));
		model = ChainedModel.of(CHAINS, CHAIN_LENGTH);
		layout = Layout.privileged();
		// Fail before measuring rather than report the speed of an exception.
		int files = ProfileBuilder.build(model, selected, layout).files().files().size();
		if (files < INSTANCES) {
			throw new IllegalStateException(backend + " generated only " + files + " files for " + INSTANCES + " instances");
		}
	}

	@Benchmark
	@OperationsPerInvocation(INSTANCES)
	public GeneratedFiles profile() {
		return ProfileBuilder.build(model, selected, layout).files();
	}

}
