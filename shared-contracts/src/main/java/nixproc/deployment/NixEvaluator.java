package nixproc.deployment;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nix-instantiate --eval --strict --json} on one file, in restricted evaluation (only the file's own
 * directory is readable, no {@code <nixpkgs>}, no import from derivation), killed after a timeout and cut off
 * after an output limit, so an infinite or huge expression costs seconds, not the service. The CLI and
 * model-service share it.
 */
public final class NixEvaluator {

	/** The one-line answer when Nix is not installed. */
	public static final String UNAVAILABLE = "Nix models need nix-instantiate on the PATH, and it is not installed "
			+ "here; give the model as JSON or YAML";

	private final Optional<Path> executable;

	private final Duration timeout;

	private final int maxOutputChars;

	private NixEvaluator(Optional<Path> executable, Duration timeout, int maxOutputChars) {
		this.executable = executable;
		this.timeout = timeout;
		this.maxOutputChars = maxOutputChars;
	}

	/** {@code nix-instantiate} from the PATH when there is one, with the limits of {@link Limits}. */
	public static NixEvaluator fromPath() {
		return new NixEvaluator(findOnPath("nix-instantiate"), Limits.NIX_TIMEOUT, Limits.MAX_DOCUMENT_CHARS);
	}

	public static NixEvaluator unavailable() {
		return new NixEvaluator(Optional.empty(), Limits.NIX_TIMEOUT, Limits.MAX_DOCUMENT_CHARS);
	}

	public NixEvaluator withLimits(Duration newTimeout, int newMaxOutputChars) {
		return new NixEvaluator(executable, newTimeout, newMaxOutputChars);
	}

	public boolean available() {
		return executable.isPresent();
	}

	public Duration timeout() {
		return timeout;
	}

	/** The outcome of one evaluation: the JSON text, or a one-paragraph error. */
	public sealed interface Result permits Json, Failed {
	}

	public record Json(String text) implements Result {
	}

	/** Why an evaluation produced no JSON, with Nix's message cleaned of temporary paths and warnings. */
	public record Failed(String message) implements Result {
	}

	/** Evaluates {@code file}; every file it imports must lie in the same directory. */
	public Result evaluate(Path file) {
		return evaluate(file, List.of());
	}

	/**
	 * Evaluates {@code file} with more readable places: each entry is a {@code -I} argument, a directory or
	 * {@code name=directory} (then {@code <name>} resolves to it), as the CLI gives a processes model its own
	 * directory and nixproc's Nix library. Restricted evaluation still holds outside them.
	 */
	public Result evaluate(Path file, List<String> searchPath) {
		return evaluate(file, searchPath, false);
	}

	/**
	 * As {@link #evaluate(Path, List)}; with {@code writeDerivations} the derivations the expression refers to are
	 * written to the store ({@code --read-write-mode}), so that a caller can realise them afterwards.
	 */
	public Result evaluate(Path file, List<String> searchPath, boolean writeDerivations) {
		if (executable.isEmpty()) {
			return new Failed(UNAVAILABLE);
		}
		Path dir = file.toAbsolutePath().getParent();
		List<String> argv = new ArrayList<>(List.of(executable.get().toString(), "--eval", "--strict", "--json",
				"--option", "restrict-eval", "true", "--option", "allow-import-from-derivation", "false",
				"--option", "build-users-group", "", "--option", "sandbox", "false", "-I", dir.toString()));
		searchPath.forEach(entry -> argv.addAll(List.of("-I", entry)));
		if (writeDerivations) {
			argv.add("--read-write-mode");
		}
		argv.add(file.toAbsolutePath().toString());
		ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
		// <nixpkgs> and friends must not leak in from the caller's environment
		builder.environment().remove("NIX_PATH");
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException e) {
			return new Failed("cannot run nix-instantiate: " + e.getMessage());
		}
		try {
			process.getOutputStream().close();
		}
		catch (IOException e) {
			// nix-instantiate reads no input; a stdin that cannot be closed changes nothing
		}
		CompletableFuture<Capture> out = capture(process.getInputStream(), maxOutputChars, process);
		CompletableFuture<Capture> err = capture(process.getErrorStream(), 64 * 1024, process);
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				kill(process);
				return new Failed("Nix evaluation did not finish within " + timeout.toSeconds()
						+ " s (non-terminating expression?)");
			}
			Capture stdout = out.get(5, TimeUnit.SECONDS);
			Capture stderr = err.get(5, TimeUnit.SECONDS);
			if (stdout.truncated()) {
				return new Failed("Nix evaluation produced more than " + maxOutputChars + " characters of JSON");
			}
			if (process.exitValue() != 0) {
				return new Failed(clean(stderr.text(), dir));
			}
			return new Json(stdout.text());
		}
		catch (InterruptedException e) {
			kill(process);
			Thread.currentThread().interrupt();
			return new Failed("interrupted while waiting for nix-instantiate");
		}
		catch (Exception e) {
			kill(process);
			return new Failed("nix-instantiate output could not be read: " + e);
		}
	}

	private record Capture(String text, boolean truncated) {
	}

	/** Reads a stream up to a limit; past it the process is killed, because its output is refused anyway. */
	private static CompletableFuture<Capture> capture(InputStream in, int limit, Process process) {
		return CompletableFuture.supplyAsync(() -> {
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			byte[] chunk = new byte[64 * 1024];
			try (in) {
				int n;
				while ((n = in.read(chunk)) >= 0) {
					if (buffer.size() + n > limit) {
						kill(process);
						return new Capture("", true);
					}
					buffer.write(chunk, 0, n);
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return new Capture(buffer.toString(StandardCharsets.UTF_8), false);
		});
	}

	private static void kill(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	/** Nix's error without its warnings, trace hints and our temporary directory, at most a few lines. */
	static String clean(String stderr, Path dir) {
		List<String> lines = stderr.lines()
			.filter(line -> !line.startsWith("warning:") && !line.contains("--show-trace") && !line.isBlank())
			.map(line -> line.replace(dir.toString() + File.separator, "").replace(dir.toString(), ""))
			.limit(6)
			.toList();
		String text = String.join(" ", lines).replaceAll("\\s+", " ").trim();
		if (text.length() > 600) {
			text = text.substring(0, 600) + "…";
		}
		return text.isEmpty() ? "nix-instantiate failed without a message" : text;
	}

	private static Optional<Path> findOnPath(String command) {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Arrays.stream(path.split(File.pathSeparator))
			.filter(dir -> !dir.isEmpty())
			.map(dir -> Path.of(dir, command))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
