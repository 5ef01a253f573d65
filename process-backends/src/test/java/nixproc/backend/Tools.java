package nixproc.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the real consumers of generated files. A missing tool fails the test with what to install (style G15):
 * checks that silently skip are checks nobody runs.
 */
public final class Tools {

	private Tools() {
	}

	public record Result(int exitCode, String output) {
	}

	public static void require(String tool, String debianPackage) {
		try {
			Process which = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
			if (which.waitFor() != 0) {
				fail(tool + " is not installed; install it with: apt-get install -y " + debianPackage);
			}
		}
		catch (IOException | InterruptedException e) {
			throw new AssertionError(e);
		}
	}

	public static Result run(List<String> command) {
		return run(command, null);
	}

	public static Result run(List<String> command, java.util.Map<String, String> environment) {
		try {
			ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
			if (environment != null) {
				builder.environment().clear();
				builder.environment().putAll(environment);
			}
			Process process = builder.start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				fail(command + " did not finish");
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException | InterruptedException e) {
			throw new AssertionError(e);
		}
	}

	/**
	 * Runs {@code interpreter file} with {@code script} written to the file as UTF-8. Needed for non-ASCII text:
	 * under a C locale the JVM encodes command-line arguments of child processes lossily ({@code sun.jnu.encoding}).
	 */
	public static Result runScript(String interpreter, String script) {
		try {
			Path file = java.nio.file.Files.createTempFile("nixproc-script", ".txt");
			try {
				java.nio.file.Files.writeString(file, script, StandardCharsets.UTF_8);
				return run(List.of(interpreter, file.toString()));
			}
			finally {
				java.nio.file.Files.delete(file);
			}
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	public static void shellcheck(Path script) {
		require("shellcheck", "shellcheck");
		Result sh = run(List.of("sh", "-n", script.toString()));
		if (sh.exitCode() != 0) {
			fail("sh -n " + script + ":\n" + sh.output());
		}
		Result check = run(List.of("shellcheck", "-S", "warning", "-s", "sh", script.toString()));
		if (check.exitCode() != 0) {
			fail("shellcheck -S warning " + script + ":\n" + check.output());
		}
	}

}
