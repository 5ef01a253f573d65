package nixproc.bench;

import nixproc.backend.Backends;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GenerateBenchmark} over every backend of {@link Backends#all()}. Arguments are JMH's own
 * ({@code -f 1 -wi 2 -i 3}, {@code -prof stack}, {@code -p backend=systemd} to pick one, {@code -h} for the list),
 * so the {@code -Pbench} profile's {@code bench.args} reach JMH unchanged.
 */
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) throws RunnerException, CommandLineOptionException {
		CommandLineOptions given = new CommandLineOptions(args);
		ChainedOptionsBuilder options = new OptionsBuilder().parent(given);
		if (given.getIncludes().isEmpty()) {
			options.include(GenerateBenchmark.class.getName());
		}
		if (!given.getParameter("backend").hasValue()) {
			options.param("backend", Backends.all().stream().map(b -> b.kind().id()).toArray(String[]::new));
		}
		new Runner(options.build()).run();
	}

}
