package nixproc.backend.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nixproc.backend.GeneratedFile;
import nixproc.backend.GeneratedFiles;
import nixproc.backend.Tools;
import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;
import nixproc.process.Layout;
import nixproc.process.StateDirs;

/** The seed's webapps example and {@code systemd-analyze verify}, shared by the systemd tests. */
final class SystemdFixtures {

	static final Path EXAMPLES = Path.of("src/test/resources/examples");

	private static final Pattern STORE_EXECUTABLE = Pattern.compile("/nix/store/[^\"/]+/bin/([A-Za-z0-9_-]+)");

	private SystemdFixtures() {
	}

	static ProcessesModel example(String name) {
		return ModelReader.readProcesses(EXAMPLES.resolve(name));
	}

	/**
	 * The example with every {@code /nix/store/…/bin/X} executable replaced by an executable stub in {@code dir}:
	 * {@code systemd-analyze verify} checks that {@code ExecStart=} programs exist.
	 */
	static ProcessesModel exampleWithStubs(String name, Path dir) {
		try {
			String text = Files.readString(EXAMPLES.resolve(name));
			Matcher matcher = STORE_EXECUTABLE.matcher(text);
			StringBuilder out = new StringBuilder();
			while (matcher.find()) {
				Path stub = dir.resolve("bin").resolve(matcher.group(1));
				Files.createDirectories(stub.getParent());
				Files.writeString(stub, "#!/bin/sh\nexec sleep 1000\n");
				stub.toFile().setExecutable(true);
				matcher.appendReplacement(out, Matcher.quoteReplacement(stub.toString()));
			}
			matcher.appendTail(out);
			return ModelReader.readProcesses(out.toString(), false);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Layout unprivileged() {
		return new Layout(StateDirs.derive("/home/unprivileged/var", Optional.empty(), Optional.empty(), Optional.empty(),
				Optional.empty()), true);
	}

	static String unit(GeneratedFiles files, String name) {
		GeneratedFile file = files.files().get(SystemdGenerator.UNIT_DIR + SystemdGenerator.unitName(name));
		if (!(file instanceof GeneratedFile.Regular regular)) {
			throw new AssertionError("no unit for " + name + " in " + files);
		}
		return new String(regular.content(), java.nio.charset.StandardCharsets.UTF_8);
	}

	/**
	 * Runs the real {@code systemd-analyze verify} (system manager, or {@code --user} with a private
	 * {@code XDG_RUNTIME_DIR}) over every unit of {@code files}; systemd as PID 1 is not needed.
	 * @param debug with systemd's debug log, which dumps each loaded unit as systemd parsed it
	 */
	static Tools.Result verify(GeneratedFiles files, Path dir, boolean user, boolean debug) {
		Tools.require("systemd-analyze", "systemd");
		files.writeTo(dir.resolve("profile"));
		try {
			Path runtime = Files.createDirectories(dir.resolve("xdg-runtime"));
			runtime.toFile().setReadable(true, true);
			List<String> units = files.files()
				.keySet()
				.stream()
				.filter(p -> p.endsWith(".service"))
				.map(p -> dir.resolve("profile").resolve(p).toString())
				.toList();
			List<String> command = new java.util.ArrayList<>(List.of("systemd-analyze"));
			if (user) {
				command.add("--user");
			}
			command.addAll(List.of("verify", "--man=no"));
			command.addAll(units);
			Map<String, String> environment = new java.util.HashMap<>(Map.of("PATH", System.getenv("PATH"), "XDG_RUNTIME_DIR",
					runtime.toString()));
			if (debug) {
				environment.put("SYSTEMD_LOG_LEVEL", "debug");
			}
			return Tools.run(command, environment);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
