package nixproc.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import nixproc.backend.Backend;
import nixproc.backend.GeneratedFiles;
import nixproc.model.ModelReader;
import nixproc.profile.ProfileBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The seed's {@code nixproc-generate-config}: one managed-process JSON file (dependencies as directories holding
 * {@code <name>.json}, or file paths) to the configuration of one process manager.
 */
@Command(name = "generate-config", mixinStandardHelpOptions = true,
		description = "Generate one process manager's configuration for a managed-process JSON file.")
final class GenerateConfigCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ProcessManagerOptions processManager = new ProcessManagerOptions();

	@Mixin
	StateDirOptions dirs = new StateDirOptions();

	@Option(names = "--out", paramLabel = "DIR", description = "Write here (default: a new directory, printed).")
	Optional<Path> out = Optional.empty();

	@Parameters(paramLabel = "FILE", description = "The managed process, <name>.json.")
	Path file = Path.of("");

	@Override
	public Integer call() {
		Backend backend = processManager.backend();
		ModelReader.SingleProcess read = ModelReader.readManagedProcessFile(file);
		GeneratedFiles files = ProfileBuilder.instance(read.closure(), read.instanceName(), backend, dirs.layout());
		Path written = OutputDirectory.write(files, out, "nixproc-" + read.instanceName() + "-");
		spec.commandLine().getOut().println(written.toAbsolutePath());
		return ExitCodes.OK;
	}

}
