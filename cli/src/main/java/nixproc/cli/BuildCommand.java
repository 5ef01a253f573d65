package nixproc.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import nixproc.backend.Backend;
import nixproc.backend.GeneratedFiles;
import nixproc.model.ProcessesModel;
import nixproc.profile.PrebuiltProfile;
import nixproc.profile.ProfileBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The seed's {@code nixproc-build}: a processes model to a profile directory of every instance's configuration, which
 * {@code nixproc switch DIR} activates as it is.
 */
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

	@Option(names = "--undeploy", description = "Build the empty profile (what switch --undeploy activates).")
	boolean undeploy;

	@Parameters(paramLabel = "MODEL", arity = "0..1",
			description = "The processes model, .json, .yaml, .yml or .nix (default: env NIXPROC_PROCESSES).")
	Optional<Path> model = Optional.empty();

	@Override
	public Integer call() {
		Backend backend = processManager.backend();
		if (undeploy && model.isPresent()) {
			throw new UsageException("--undeploy takes no MODEL");
		}
		ProcessesModel processes = undeploy ? new ProcessesModel(Map.of())
				: NixModelFiles.readProcesses(NixModelFiles.model(model), dirs.layout(), backend.kind().id(), nixPath.models());
		// with its description, so that switch can activate the directory as it is
		GeneratedFiles files = PrebuiltProfile.files(ProfileBuilder.build(processes, backend, dirs.layout()));
		Path written = OutputDirectory.write(files, out, "nixproc-profile-");
		spec.commandLine().getOut().println(written.toAbsolutePath());
		return ExitCodes.OK;
	}

}
