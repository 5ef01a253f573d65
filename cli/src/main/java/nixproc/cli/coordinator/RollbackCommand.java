package nixproc.cli.coordinator;

import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code nixproc rollback [--to-generation N]}: deploys generation N (default: the one before the latest) again as a
 * new generation, so rolling back twice returns to where one was, as in Disnix.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
		description = { "Roll the network back to the previous generation, or to generation N, as a new generation." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:committed", "1:not committed; the network runs what it ran before", "2:bad input (no such "
				+ "generation, a refused token)", "3:the rollback failed and so did undoing it",
				"4:the coordinator could not be reached or failed" })
public final class RollbackCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	CoordinatorOptions coordinator = new CoordinatorOptions();

	@Mixin
	TransitionOptions options = new TransitionOptions();

	@Option(names = "--to-generation", paramLabel = "N", description = "The generation to return to.")
	Optional<Long> generation = Optional.empty();

	@Option(names = "--no-wait", description = "Print the deployment's id and return once it is accepted.")
	boolean noWait;

	@Override
	public Integer call() {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		generation.ifPresent(n -> body.put("generation", n));
		body.set("options", options.json());
		CoordinatorClient client = coordinator.client();
		String id = client.post("api/v1/rollback", body).path("id").asString("");
		coordinator.progress(spec).println("rollback " + id + " accepted by " + client.base());
		return Progress.await(id, !noWait, client, coordinator, spec);
	}

}
