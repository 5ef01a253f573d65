package nixproc.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import nixproc.readiness.ReadinessWaiter;
import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one test workload of the driver tests (style G6), a POSIX sh script: it records its arguments (NUL-separated),
 * environment, working directory, umask and PID into {@code $RECORD_DIR}, appends {@code start $RECORD_NAME} to
 * {@code $RECORD_LOG} and {@code recorded $RECORD_NAME} to its output, becomes ready ({@code $RECORD_DIR/done}, {@code ready $RECORD_NAME}) after
 * {@code $READY_AFTER} seconds if set, then exits with {@code $EXIT_CODE} when set, or else runs until SIGTERM
 * (appending {@code stop $RECORD_NAME}). It checks nothing itself: the tests compare its records with the model, so a failure
 * shows both sides.
 */
public final class Recorder {

	private static final String SCRIPT = """
			#!/bin/sh
			d=$RECORD_DIR
			mkdir -p "$d"
			for a in "$@"; do printf '%s\\0' "$a"; done >"$d/args"
			env -0 >"$d/env"
			pwd >"$d/cwd"
			umask >"$d/umask"
			[ -z "$RECORD_LOG" ] || echo "start $RECORD_NAME" >>"$RECORD_LOG"
			echo "recorded $RECORD_NAME"
			echo $$ >"$d/pid.tmp" && mv "$d/pid.tmp" "$d/pid"
			[ -z "$READY_AFTER" ] || sleep "$READY_AFTER"
			: >"$d/done"
			[ -z "$RECORD_LOG" ] || echo "ready $RECORD_NAME" >>"$RECORD_LOG"
			[ -z "$EXIT_CODE" ] || exit "$EXIT_CODE"
			trap '[ -z "$RECORD_LOG" ] || echo "stop $RECORD_NAME" >>"$RECORD_LOG"; exit 0' TERM
			while :; do sleep 0.2; done
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path script;

	private final Path records;

	/** Writes the script to {@code dir/recorder}; records go under {@code dir/records/<instance>/}. */
	public Recorder(Path dir) {
		try {
			script = dir.resolve("recorder");
			Files.writeString(script, SCRIPT);
			Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
			records = Files.createDirectories(dir.resolve("records"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public Path script() {
		return script;
	}

	/** Where the instances append {@code start}, {@code ready} and {@code stop <name>}, in the order it happened. */
	public Path log() {
		return records.resolve("log");
	}

	public Path records(String instance) {
		return records.resolve(instance);
	}

	/**
	 * The managed process of one instance running the recorder, with {@code args} and {@code environment} (the
	 * recorder's own variables added), ready once it has written its records.
	 */
	public ObjectNode pkg(String instance, List<String> args, Map<String, String> environment) {
		try {
			Files.createDirectories(records(instance));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		ObjectNode pkg = JSON.createObjectNode();
		pkg.put("foregroundProcess", script.toString());
		pkg.set("args", JSON.valueToTree(args));
		Map<String, String> env = new LinkedHashMap<>(environment);
		env.put("RECORD_DIR", records(instance).toString());
		env.put("RECORD_NAME", instance);
		env.put("RECORD_LOG", log().toString());
		pkg.set("environment", JSON.valueToTree(env));
		pkg.putObject("readiness").put("timeout", 20).set("command",
				JSON.valueToTree(List.of("test", "-e", records(instance).resolve("done").toString())));
		return pkg;
	}

	/** What one instance received, once it has written it (waits up to 10 s). */
	public Recording awaitRecording(String instance) {
		Path done = records(instance).resolve("done");
		await(() -> Files.exists(done), "the recorder of " + instance + " to write " + done);
		return new Recording(records(instance));
	}

	/** The PID the instance's recorder wrote last, if it wrote one. */
	public OptionalLong pid(String instance) {
		return ReadinessWaiter.readPid(records(instance).resolve("pid"));
	}

	/** The {@code start}, {@code ready} and {@code stop} lines of every instance so far. */
	public List<String> events() {
		try {
			return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Polls {@code condition} every 25 ms for up to 10 s; {@code what} names it in the timeout's message. */
	public static void await(java.util.function.BooleanSupplier condition, String what) {
		Awaitility.await(what)
			.atMost(Duration.ofSeconds(10))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(25))
			.until(condition::getAsBoolean);
	}

	/** What the recorder received. */
	public record Recording(List<String> args, Map<String, String> environment, String cwd, String umask) {

		Recording(Path dir) {
			this(split(read(dir.resolve("args"))), environment(read(dir.resolve("env"))), text(dir.resolve("cwd")),
					text(dir.resolve("umask")));
		}

		/** Every argument and every given variable byte for byte, and nothing a hostile value could have run. */
		public void assertReceived(List<String> expectedArgs, Map<String, String> expectedEnvironment, Path workDir) {
			assertThat(args).containsExactlyElementsOf(expectedArgs);
			expectedEnvironment.forEach((name, value) -> assertThat(environment.get(name)).as(name).isEqualTo(value));
			assertThat(Path.of("pwned")).doesNotExist();
			assertThat(workDir.resolve("pwned")).doesNotExist();
		}

		private static byte[] read(Path file) {
			try {
				return Files.readAllBytes(file);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		private static String text(Path file) {
			return new String(read(file), StandardCharsets.UTF_8);
		}

		private static Map<String, String> environment(byte[] nulSeparated) {
			Map<String, String> environment = new HashMap<>();
			for (String entry : split(nulSeparated)) {
				int eq = entry.indexOf('=');
				environment.put(entry.substring(0, eq), entry.substring(eq + 1));
			}
			return environment;
		}

		private static List<String> split(byte[] nulSeparated) {
			List<String> parts = new ArrayList<>();
			int start = 0;
			for (int i = 0; i < nulSeparated.length; i++) {
				if (nulSeparated[i] == 0) {
					parts.add(new String(Arrays.copyOfRange(nulSeparated, start, i), StandardCharsets.UTF_8));
					start = i + 1;
				}
			}
			return parts;
		}

	}

}
