package nixproc.cli.coordinator;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code nixproc deploy -s services -i infrastructure -d distribution}: Disnix's {@code disnix-env} against the
 * coordinator. Posts the models, follows the transaction to its end and exits with what became of it.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
		description = { "Deploy services to a network of targets through the coordinator (disnix-env).",
				"The coordinator locks the targets, deactivates what is obsolete, activates what is new",
				"in waves, and commits a new generation, or rolls the whole network back.",
				"Prints each step as it starts and ends, then one line per target and the outcome." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:committed", "1:not committed (rolled back, failed before any change, or the targets are "
				+ "held by another deployment); the previous generation runs",
				"2:bad input (a missing file, an invalid model, a refused token); nothing was changed",
				"3:the deployment failed and so did its rollback: the network needs attention",
				"4:the coordinator could not be reached or failed (see nixproc status ID)" })
public final class DeployCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	CoordinatorOptions coordinator = new CoordinatorOptions();

	@Mixin
	ModelOptions models = new ModelOptions();

	@Mixin
	TransitionOptions options = new TransitionOptions();

	@Option(names = "--no-wait", description = "Print the deployment's id and return once it is accepted.")
	boolean noWait;

	@Override
	public Integer call() {
		// the options first: checking them is cheaper than reading (and maybe evaluating) the models
		ObjectNode transition = options.json();
		ObjectNode body = models.body();
		body.set("options", transition);
		CoordinatorClient client = coordinator.client();
		String id = client.post("api/v1/deployments", body).path("id").asString("");
		coordinator.progress(spec).println("deployment " + id + " accepted by " + client.base());
		return Progress.await(id, !noWait, client, coordinator, spec);
	}

}
