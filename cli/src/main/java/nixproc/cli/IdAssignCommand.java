package nixproc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import nixproc.idassign.IdAssigner;
import nixproc.idassign.IdAssignments;
import nixproc.idassign.IdPool;
import nixproc.idassign.IdRequest;
import nixproc.idassign.IdsFiles;
import nixproc.idassign.IdsFormatException;
import nixproc.idassign.PoolDepletedException;
import nixproc.idassign.Scope;
import nixproc.model.Instance;
import nixproc.model.ModelException;
import nixproc.model.ModelReader;
import nixproc.model.Problem;
import nixproc.model.ProcessesModel;
import nixproc.nix.NixModelArguments;
import nixproc.nix.NixModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The seed's {@code nixproc-id-assign}: unique IDs (ports, UIDs, GIDs) for the instances of a processes model that
 * list pools in {@code requiresUniqueIdsFor}, with the dydisnix semantics of {@link IdAssigner}. A depleted pool
 * fails the whole run and writes nothing.
 */
@Command(name = "id-assign", mixinStandardHelpOptions = true,
		description = "Assign unique IDs from the pools of an ID resources file to the instances that require them.")
final class IdAssignCommand implements Callable<Integer> {

	/** A single-machine model runs on one machine; machine-scoped pools are unique on it. */
	static final String THIS_MACHINE = "localhost";

	@Spec
	CommandSpec spec;

	@Mixin
	StateDirOptions dirs = new StateDirOptions();

	@Mixin
	NixPathOptions nixPath = new NixPathOptions();

	@Option(names = "--id-resources", required = true, paramLabel = "FILE",
			description = "The pools: name -> { min, max, step ? 1, scope ? global|machine }, as .nix, .json or .yaml.")
	Path idResources = Path.of("");

	@Option(names = "--ids", paramLabel = "FILE", description = "Previous assignments (the seed's ids.nix, or .json); kept while still valid.")
	Optional<Path> ids = Optional.empty();

	@Option(names = "--output-file", paramLabel = "FILE", description = "Write here (replaced atomically) instead of standard output.")
	Optional<Path> outputFile = Optional.empty();

	@Option(names = "--format", paramLabel = "nix|json",
			description = "Output format (default: json for an --output-file ending in .json, else nix).")
	Optional<String> format = Optional.empty();

	@Option(names = "--service-property", paramLabel = "NAME", defaultValue = "requiresUniqueIdsFor",
			description = "Only requiresUniqueIdsFor is supported (the seed's option, for compatibility).")
	String serviceProperty = "requiresUniqueIdsFor";

	@Parameters(paramLabel = "MODEL", arity = "0..1",
			description = "The processes model, .json, .yaml, .yml or .nix (default: env NIXPROC_PROCESSES).")
	Optional<Path> givenModel = Optional.empty();

	private Path model = Path.of("");

	@Override
	public Integer call() {
		if (!"requiresUniqueIdsFor".equals(serviceProperty)) {
			throw new UsageException("--service-property: only requiresUniqueIdsFor is supported, not " + serviceProperty);
		}
		model = NixModelFiles.model(givenModel);
		IdsFiles.Format outputFormat = outputFormat();
		NixModels nix = nixPath.models();
		List<IdPool> pools = relabel("--id-resources " + idResources, () -> IdResourcesFile.read(idResources, nix));
		IdAssignments previous = ids.map(IdAssignCommand::readIds).orElse(IdAssignments.EMPTY);
		ProcessesModel processes = relabel("MODEL " + model, () -> readModel(nix));
		List<IdRequest> requests = requests(processes, pools);
		IdAssignments assigned;
		try {
			assigned = IdAssigner.assign(pools, requests, previous);
		}
		catch (PoolDepletedException e) {
			throw new UsageException("pool " + e.pool() + " is depleted: all " + e.size() + " IDs are in use, none left for "
					+ e.service() + "; nothing was written");
		}
		String text = outputFormat == IdsFiles.Format.NIX ? IdsFiles.writeSeedNix(assigned, pools.stream().map(IdPool::name).toList())
				: IdsFiles.write(assigned, outputFormat);
		if (outputFile.isPresent()) {
			write(outputFile.get(), text);
		}
		else {
			spec.commandLine().getOut().print(text);
			spec.commandLine().getOut().flush();
		}
		return ExitCodes.OK;
	}

	private ProcessesModel readModel(NixModels nix) {
		if (NixModels.isNix(model)) {
			// processManager null: the seed's agnostic mode; IDs do not depend on the process manager
			return nix.read(model,
					new NixModelArguments(dirs.layout(), Optional.empty(), Optional.empty()));
		}
		return ModelReader.readProcesses(model);
	}

	/** Every instance that needs IDs; an undefined pool is named with the instance's field. */
	private static List<IdRequest> requests(ProcessesModel processes, List<IdPool> pools) {
		Map<String, IdPool> byName = pools.stream().collect(Collectors.toMap(IdPool::name, p -> p));
		List<IdRequest> requests = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		for (Map.Entry<String, Instance> entry : processes.instances().entrySet()) {
			List<String> required = entry.getValue().requiresUniqueIdsFor();
			if (required.isEmpty()) {
				continue;
			}
			for (int i = 0; i < required.size(); i++) {
				if (!byName.containsKey(required.get(i))) {
					problems.add(new Problem("/" + entry.getKey() + "/requiresUniqueIdsFor/" + i,
							"pool " + required.get(i) + " is not defined in the ID resources (defined: "
									+ String.join(", ", byName.keySet().stream().sorted().toList()) + ")"));
				}
			}
			boolean machineScoped = required.stream().map(byName::get).anyMatch(p -> p != null && p.scope() == Scope.MACHINE);
			requests.add(IdRequest.of(entry.getKey(), machineScoped ? List.of(THIS_MACHINE) : List.of(), required));
		}
		if (!problems.isEmpty()) {
			throw new ModelException(problems);
		}
		return requests;
	}

	private IdsFiles.Format outputFormat() {
		try {
			return format.map(IdsFiles.Format::fromName)
				.orElse(outputFile.filter(f -> f.toString().endsWith(".json")).isPresent() ? IdsFiles.Format.JSON : IdsFiles.Format.NIX);
		}
		catch (IllegalArgumentException e) {
			throw new UsageException("--" + e.getMessage());
		}
	}

	private static IdAssignments readIds(Path file) {
		IdsFiles.Format format = file.toString().endsWith(".json") ? IdsFiles.Format.JSON : IdsFiles.Format.NIX;
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new UsageException("--ids: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
		}
		try {
			return IdsFiles.read(text, format);
		}
		catch (IdsFormatException e) {
			throw new UsageException("--ids " + file + ": not an ids file in the seed's " + format.name().toLowerCase(java.util.Locale.ROOT)
					+ " format: " + e.getMessage());
		}
	}

	/** Problems of one input file, prefixed with the file, so "/uids/max" says which file it is in. */
	private static <T> T relabel(String label, java.util.function.Supplier<T> read) {
		try {
			return read.get();
		}
		catch (ModelException e) {
			throw new ModelException(e.problems().stream().map(p -> new Problem(p.pointer(), label + ": " + p.message())).toList());
		}
	}

	private static void write(Path target, String text) {
		try {
			Path absolute = target.toAbsolutePath();
			Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
			Files.writeString(temporary, text, StandardCharsets.UTF_8);
			Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new UncheckedIOException("--output-file: cannot write " + target, e);
		}
	}

}
