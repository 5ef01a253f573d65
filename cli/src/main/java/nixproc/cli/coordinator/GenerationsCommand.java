package nixproc.cli.coordinator;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code nixproc generations [N]}: the network's committed generations, or what generation N runs where. */
@Command(name = "generations", mixinStandardHelpOptions = true,
		description = { "List the network's committed generations (the latest runs), or the mappings of generation N." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:shown", "2:bad input (no such generation, a refused token)",
				"4:the coordinator could not be reached or failed" })
public final class GenerationsCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	CoordinatorOptions coordinator = new CoordinatorOptions();

	@Parameters(paramLabel = "N", arity = "0..1", description = "A generation number.")
	Optional<Long> number = Optional.empty();

	@Override
	public Integer call() {
		CoordinatorClient client = coordinator.client();
		PrintWriter out = spec.commandLine().getOut();
		if (number.isPresent()) {
			JsonNode generation = client.get("api/v1/generations/" + number.get());
			if (!coordinator.printJson(spec, generation)) {
				out.println("generation " + generation.path("number").asString("") + " ("
						+ generation.path("deploymentId").asString("") + ", " + generation.path("createdAt").asString("")
						+ ")");
				Table table = new Table("SERVICE", "TARGET", "HASH");
				generation.path("manifest").path("entries").forEach(e -> table.row(e.path("service").asString(""),
						e.path("target").asString(""), e.path("hash").asString("")));
				table.print(out);
			}
			return 0;
		}
		JsonNode all = client.get("api/v1/generations");
		if (!coordinator.printJson(spec, all)) {
			long latest = 0;
			for (JsonNode g : all) {
				latest = Math.max(latest, g.path("number").asLong(0));
			}
			Table table = new Table("GENERATION", "DEPLOYMENT", "CREATED", "REVISION", "");
			for (JsonNode g : all) {
				table.row(g.path("number").asString(""), g.path("deploymentId").asString(""),
						g.path("createdAt").asString(""), Progress.text(g, "revisionId").orElse("-"),
						g.path("number").asLong(0) == latest ? "(current)" : "");
			}
			table.print(out);
		}
		return 0;
	}

}
