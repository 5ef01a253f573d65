package nixproc.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import nixproc.backend.Backend;
import nixproc.backend.GeneratedFiles;
import nixproc.model.ProcessesModel;
import nixproc.profile.ProfileBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The seed's {@code nixproc-build}: a processes model to a profile directory of every instance's configuration. */
@Command(name = "build", mixinStandardHelpOptions = true,
		description = "Build a profile: the configuration of every instance of a processes model for one process manager.")
final class BuildCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ProcessManagerOptions processManager = new ProcessManagerOptions();

	@Mixin
	StateDirOptions dirs = new StateDirOptions();

	@Mixin
	NixPathOptions nixPath = new NixPathOptions();

	@Option(names = "--out", paramLabel = "DIR", description = "Write the profile here (default: a new directory, printed).")
	Optional<Path> out = Optional.empty();

	@Parameters(paramLabel = "MODEL", description = "The processes model, .json, .yaml, .yml or .nix.")
	Path model = Path.of("");

	@Override
	public Integer call() {
		Backend backend = processManager.backend();
		ProcessesModel processes = NixModelFiles.readProcesses(model, dirs.layout(), backend.kind().id(), nixPath.models());
		GeneratedFiles files = ProfileBuilder.build(processes, backend, dirs.layout()).files();
		Path written = OutputDirectory.write(files, out, "nixproc-profile-");
		spec.commandLine().getOut().println(written.toAbsolutePath());
		return ExitCodes.OK;
	}

}
