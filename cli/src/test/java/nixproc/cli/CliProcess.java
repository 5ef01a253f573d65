package nixproc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code nixproc} as a user runs it: a JVM of its own ({@code nixproc.cli.Main} on the test classpath), with the
 * environment the test chooses, so that environment defaults and {@code kill -9} can be tested for real.
 */
final class CliProcess {

	private final Process process;

	private final Path out;

	private final Path err;

	private CliProcess(Process process, Path out, Path err) {
		this.process = process;
		this.out = out;
		this.err = err;
	}

	/** Starts {@code nixproc args…}; {@code env} is added to (or, for PATH, replaces) the inherited environment. */
	static CliProcess start(Path scratch, Map<String, String> env, String... args) throws IOException {
		List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
		argv.addAll(List.of(args));
		Files.createDirectories(scratch);
		Path out = Files.createTempFile(scratch, "out", ".txt");
		Path err = Files.createTempFile(scratch, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(err.toFile());
		builder.environment().keySet().removeIf(k -> k.startsWith("NIXPROC_"));
		builder.environment().putAll(env);
		return new CliProcess(builder.start(), out, err);
	}

	/** Runs to completion (at most 2 minutes). */
	static Result run(Path scratch, Map<String, String> env, String... args) throws IOException, InterruptedException {
		return start(scratch, env, args).await();
	}

	Result await() throws IOException, InterruptedException {
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("nixproc did not finish within 2 minutes; output so far: " + out());
		}
		return new Result(process.exitValue(), out(), Files.readString(err, StandardCharsets.UTF_8));
	}

	String out() throws IOException {
		return Files.readString(out, StandardCharsets.UTF_8);
	}

	/** {@code kill -9}. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	record Result(int exitCode, String out, String err) {
	}

}
