package nixproc.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs commands as real child processes, with the caller's environment plus the command's own. */
public final class ProcessCommandRunner implements CommandRunner {

	/** Output beyond this many characters is cut from the front: error messages want the end. */
	public static final int MAX_OUTPUT = 64 * 1024;

	@Override
	public CommandResult run(Command command) {
		ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true)
			.redirectInput(command.input().isPresent() ? ProcessBuilder.Redirect.PIPE
					: ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().putAll(command.environment());
		command.directory().ifPresent(dir -> builder.directory(dir.toFile()));
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			return new CommandResult(127, "cannot run " + command.argv().get(0) + ": " + ex.getMessage());
		}
		OutputCollector collector = new OutputCollector(process.getInputStream());
		Thread reader = new Thread(collector, "output-of-" + command.argv().get(0));
		reader.setDaemon(true);
		reader.start();
		command.input().ifPresent(text -> {
			// on its own thread, so that a process that never reads cannot outlast its timeout
			Thread writer = new Thread(() -> feed(process, text), "input-of-" + command.argv().get(0));
			writer.setDaemon(true);
			writer.start();
		});
		try {
			if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				process.waitFor(5, TimeUnit.SECONDS);
				reader.join(1000);
				return new CommandResult(CommandResult.TIMED_OUT, collector.text());
			}
			// a daemonising child may keep our pipe open: wait for the output only briefly
			reader.join(2000);
			return new CommandResult(process.exitValue(), collector.text());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			return new CommandResult(CommandResult.TIMED_OUT, collector.text() + "\n(interrupted)");
		}
	}

	/** Writes the input and closes it; a process that stops reading early just does not get the rest. */
	private static void feed(Process process, String text) {
		try (var in = process.getOutputStream()) {
			in.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// the process ended before reading it all: its exit code says what happened
		}
	}

	@Override
	public boolean available(String program) {
		if (program.contains("/")) {
			return Files.isExecutable(Path.of(program));
		}
		String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
		for (String dir : (path + ":/usr/local/sbin:/usr/sbin:/sbin").split(":")) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
				return true;
			}
		}
		return false;
	}

	private static final class OutputCollector implements Runnable {

		private final InputStream in;

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		OutputCollector(InputStream in) {
			this.in = in;
		}

		@Override
		public void run() {
			byte[] buffer = new byte[8192];
			try (in) {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					synchronized (out) {
						out.write(buffer, 0, n);
					}
				}
			}
			catch (IOException ex) {
				// the process ended or was killed; what was read so far is the output
			}
		}

		String text() {
			String all;
			synchronized (out) {
				all = out.toString(StandardCharsets.UTF_8);
			}
			return all.length() <= MAX_OUTPUT ? all : all.substring(all.length() - MAX_OUTPUT);
		}

	}
}
