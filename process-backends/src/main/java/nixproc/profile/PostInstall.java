package nixproc.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.GeneratedFiles;
import nixproc.model.ModelException;
import nixproc.run.Command;
import nixproc.run.CommandResult;
import nixproc.run.ProcessCommandRunner;

/**
 * The seed's {@code postInstall}: shell commands appended to the build of an instance's configuration. Here the
 * instance's generated files are written to a fresh directory, the script runs there ({@code sh -e}, working
 * directory and {@code $out} both that directory, the caller's {@code PATH}), and what the directory then holds is
 * the instance's files: what it adds (a Dysnomia container file, a link to a module) and what it changes, in the
 * profile and in the instance's hash like any generated file. A script that fails, or leaves something that is
 * neither a file nor a link, is the model's problem, named at {@code /postInstall}.
 */
final class PostInstall {

	static final Duration TIMEOUT = Duration.ofSeconds(60);

	private PostInstall() {
	}

	static GeneratedFiles apply(GeneratedFiles files, String script) {
		if (script.isBlank()) {
			return files;
		}
		Path out = null;
		try {
			out = Files.createTempDirectory("nixproc-post-install-");
			files.writeTo(out);
			CommandResult result = new ProcessCommandRunner().run(new Command(List.of("/bin/sh", "-e", "-c", script),
					Map.of("out", out.toString()), Optional.of(out), TIMEOUT));
			if (!result.succeeded()) {
				String words = result.output().strip();
				throw new ModelException("/postInstall", "the script failed with exit code " + result.exitCode()
						+ (words.isEmpty() ? "" : ": " + words.lines().reduce((a, b) -> b).orElse("")));
			}
			try {
				return GeneratedFiles.readFrom(out);
			}
			catch (IllegalArgumentException e) {
				throw new ModelException("/postInstall", "the script left " + e.getMessage());
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			if (out != null) {
				GenerationStore.deleteRecursively(out);
			}
		}
	}

}
