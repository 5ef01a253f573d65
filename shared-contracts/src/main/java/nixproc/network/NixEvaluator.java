package nixproc.network;

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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nix-instantiate --eval --strict --json} on one file, in restricted evaluation (readable are the
 * file's own directory and the search path entries the caller gives, nothing else: no {@code NIX_PATH}, channels
 * or {@code nix-path} setting of the machine, no import from derivation, no URL, no plugin or native code, whatever
 * the machine's {@code nix.conf} says), killed after a timeout, cut off after an output limit and held to a memory
 * limit ({@code prlimit --as}), at most {@link Limits#NIX_CONCURRENT} at once per JVM, so an infinite or huge
 * expression costs seconds, not the service. The CLI and model-service share it; the CLI passes its {@code -I}
 * entries and its {@code NIX_PATH} ({@link #parseNixPath}).
 *
 * <p>{@code pure-eval} stays off, said explicitly: pure evaluation reads only content-addressed store paths, and a
 * model is a file of the user's (Nix 2.8: "access to absolute path … is forbidden in pure eval mode"); restricted
 * evaluation is what confines it to the directories given.
 */
public final class NixEvaluator {

	/** The one-line answer when Nix is not installed. */
	public static final String UNAVAILABLE = "Nix models need nix-instantiate on the PATH, and it is not installed "
			+ "here; give the model as JSON or YAML";

	private final Optional<Path> executable;

	private final Duration timeout;

	private final int maxOutputChars;

	private final List<String> library;

	private final long memoryBytes;

	private final Semaphore slots;

	/** How long an evaluation waits for one of {@link #slots} before it is refused as busy. */
	private final Duration slotWait;

	/** The evaluations of this JVM: at most {@link Limits#NIX_CONCURRENT} at once, whichever evaluator runs them. */
	private static final Semaphore SLOTS = new Semaphore(Limits.NIX_CONCURRENT, true);

	private final boolean showTrace;

	private NixEvaluator(Optional<Path> executable, Duration timeout, int maxOutputChars, List<String> library,
			long memoryBytes, Semaphore slots, Duration slotWait, boolean showTrace) {
		this.executable = executable;
		this.timeout = timeout;
		this.maxOutputChars = maxOutputChars;
		this.library = List.copyOf(library);
		this.memoryBytes = memoryBytes;
		this.slots = slots;
		this.slotWait = slotWait;
		this.showTrace = showTrace;
	}

	/** {@code nix-instantiate} from the PATH when there is one, with the limits of {@link Limits}. */
	public static NixEvaluator fromPath() {
		return new NixEvaluator(findOnPath("nix-instantiate"), Limits.NIX_TIMEOUT, Limits.MAX_DOCUMENT_CHARS, List.of(),
				Limits.NIX_MEMORY_BYTES, SLOTS, Limits.NIX_TIMEOUT, false);
	}

	public static NixEvaluator unavailable() {
		return new NixEvaluator(Optional.empty(), Limits.NIX_TIMEOUT, Limits.MAX_DOCUMENT_CHARS, List.of(),
				Limits.NIX_MEMORY_BYTES, SLOTS, Limits.NIX_TIMEOUT, false);
	}

	public NixEvaluator withLimits(Duration newTimeout, int newMaxOutputChars) {
		return new NixEvaluator(executable, newTimeout, newMaxOutputChars, library, memoryBytes, slots, slotWait, showTrace);
	}

	/** With {@code --show-trace}: Nix's whole message, its trace included, instead of a few cleaned lines. */
	public NixEvaluator withShowTrace(boolean trace) {
		return new NixEvaluator(executable, timeout, maxOutputChars, library, memoryBytes, slots, slotWait, trace);
	}

	/** This evaluator with another bound on each evaluation's address space ({@code prlimit --as}). */
	public NixEvaluator withMemoryLimit(long bytes) {
		return new NixEvaluator(executable, timeout, maxOutputChars, library, bytes, slots, slotWait, showTrace);
	}

	/** This evaluator running another program in {@code nix-instantiate}'s place (for tests). */
	NixEvaluator withExecutable(Path program) {
		return new NixEvaluator(Optional.of(program), timeout, maxOutputChars, library, memoryBytes, slots, slotWait, showTrace);
	}

	/**
	 * This evaluator with a bound of its own on concurrent evaluations and on the wait for one (for tests; the JVM's
	 * bound otherwise).
	 */
	NixEvaluator withConcurrency(int evaluations, Duration wait) {
		return new NixEvaluator(executable, timeout, maxOutputChars, library, memoryBytes, new Semaphore(evaluations,
				true), wait, showTrace);
	}

	/**
	 * Thrown when {@link Limits#NIX_CONCURRENT} evaluations are running and none ended within the evaluation
	 * timeout: the server is busy, the model may well be fine (services answer 503).
	 */
	public static final class Busy extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Busy(String message) {
			super(message);
		}

	}

	/**
	 * This evaluator with search path entries every evaluation has readable first ({@code nixproc=<dir>}: nixproc's
	 * Nix library as {@code <nixproc>}, so that deployment models written with it evaluate).
	 */
	public NixEvaluator withLibrary(List<String> entries) {
		return new NixEvaluator(executable, timeout, maxOutputChars, entries, memoryBytes, slots, slotWait, showTrace);
	}

	public boolean available() {
		return executable.isPresent();
	}

	public Duration timeout() {
		return timeout;
	}

	/** A Nix path literal for an absolute path; paths with characters a literal cannot hold go through a string. */
	public static String pathLiteral(Path file) {
		String text = file.toString();
		if (text.matches("[A-Za-z0-9._+/-]+")) {
			return text;
		}
		return "(/. + \"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\")";
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
	 * directory, nixproc's Nix library and the user's {@code -I} and {@code NIX_PATH} entries. Relative entries
	 * must have been made absolute ({@link #absolute}): nix-instantiate runs in {@code file}'s directory.
	 * Restricted evaluation still holds outside them.
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
		try {
			if (!slots.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new Busy("too many Nix evaluations at once (" + Limits.NIX_CONCURRENT + "); try again shortly");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Failed("interrupted while waiting to evaluate");
		}
		try {
			return run(file, searchPath, writeDerivations);
		}
		finally {
			slots.release();
		}
	}

	private Result run(Path file, List<String> searchPath, boolean writeDerivations) {
		Path dir = file.toAbsolutePath().getParent();
		List<String> argv = new ArrayList<>();
		PRLIMIT.ifPresent(p -> argv.addAll(List.of(p.toString(), "--as=" + memoryBytes, "--core=0", "--")));
		argv.addAll(List.of(executable.get().toString(), "--eval", "--strict", "--json",
				"--option", "restrict-eval", "true", "--option", "allow-import-from-derivation", "false",
				// said explicitly, whatever the machine's nix.conf says: no URL may be fetched, no plugin loaded, no
				// builtins.exec; pure-eval off because a model is not a store path (see the class comment)
				"--option", "pure-eval", "false", "--option", "allowed-uris", "", "--option", "plugin-files", "",
				"--option", "allow-unsafe-native-code-during-evaluation", "false",
				"--option", "build-users-group", "", "--option", "sandbox", "false",
				// the machine's search path (NIX_PATH, channels, nix.conf) stays out: only the entries given count
				"--option", "nix-path", "", "-I", dir.toString()));
		library.forEach(entry -> argv.addAll(List.of("-I", entry)));
		searchPath.forEach(entry -> argv.addAll(List.of("-I", entry)));
		if (writeDerivations) {
			argv.add("--read-write-mode");
		}
		if (showTrace) {
			argv.add("--show-trace");
		}
		argv.add(file.toAbsolutePath().toString());
		ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
		// also set by the nix-path option above; removed so that no Nix version can fall back to it
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
				String message = showTrace ? stderr.text().strip().replace(dir.toString() + File.separator, "")
						: clean(stderr.text(), dir);
				return new Failed(message.contains("out of memory") ? "Nix evaluation needed more than "
						+ memoryBytes / (1024 * 1024) + " MiB of memory: " + message : message);
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
			.filter(line -> !line.startsWith("warning:") && !line.startsWith("GC Warning:")
					&& !line.contains("--show-trace") && !line.isBlank())
			.map(line -> line.replace(dir.toString() + File.separator, "").replace(dir.toString(), ""))
			.limit(6)
			.toList();
		String text = String.join(" ", lines).replaceAll("\\s+", " ").trim();
		if (text.length() > 600) {
			text = text.substring(0, 600) + "…";
		}
		return text.isEmpty() ? "nix-instantiate failed without a message" : text;
	}

	/**
	 * The entries of a {@code NIX_PATH} value, split as Nix splits it: at colons, except the one after a URL's
	 * scheme ({@code nixpkgs=https://…/nixpkgs.tar.gz}, {@code channel:nixos-22.05}).
	 */
	public static List<String> parseNixPath(String value) {
		List<String> entries = new ArrayList<>();
		int start = 0;
		while (start < value.length()) {
			int end = value.indexOf(':', start);
			if (end < 0) {
				end = value.length();
			}
			else {
				int equals = value.lastIndexOf('=', end);
				String prefix = value.substring(equals >= start ? equals + 1 : start);
				if (isUrl(prefix)) {
					int next = value.indexOf(':', end + 1);
					end = next < 0 ? value.length() : next;
				}
			}
			if (end > start) {
				entries.add(value.substring(start, end));
			}
			start = end + 1;
		}
		return entries;
	}

	/** A search path entry with a relative directory made absolute against the working directory; URLs as they are. */
	public static String absolute(String entry) {
		int equals = entry.indexOf('=');
		String prefix = equals < 0 ? "" : entry.substring(0, equals + 1);
		String place = entry.substring(prefix.length());
		if (place.isEmpty() || isUrl(place)) {
			return entry;
		}
		return prefix + Path.of(place).toAbsolutePath().normalize();
	}

	/** Nix's pseudo-URLs (EvalSettings::isPseudoUrl), which a search path entry may name instead of a directory. */
	public static boolean isUrl(String place) {
		if (place.startsWith("channel:") || place.startsWith("flake:")) {
			return true;
		}
		int scheme = place.indexOf("://");
		return scheme > 0 && List.of("http", "https", "file", "channel", "git", "s3", "ssh").contains(place.substring(0, scheme));
	}

	/** util-linux's prlimit, which holds each evaluation to its memory limit; without it there is no such limit. */
	private static final Optional<Path> PRLIMIT = findOnPath("prlimit");

	private static Optional<Path> findOnPath(String command) {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Arrays.stream(path.split(File.pathSeparator))
			.filter(dir -> !dir.isEmpty())
			.map(dir -> Path.of(dir, command))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
