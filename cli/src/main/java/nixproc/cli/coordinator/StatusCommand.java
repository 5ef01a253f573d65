package nixproc.cli.coordinator;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code nixproc status [ID]}: the recent deployments, or one with its steps; {@code --wait} follows it. */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "Show the recent deployments, or deployment ID with every step.",
				"With --wait, follow ID to its end and exit as deploy does." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:shown (with --wait: committed)", "1:with --wait: not committed",
				"2:bad input (unknown deployment, a refused token)", "3:with --wait: its rollback failed",
				"4:the coordinator could not be reached or failed" })
public final class StatusCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	CoordinatorOptions coordinator = new CoordinatorOptions();

	@Parameters(paramLabel = "ID", arity = "0..1", description = "A deployment id (d-…).")
	Optional<String> id = Optional.empty();

	@Option(names = "--wait", description = "Follow deployment ID until it ends.")
	boolean wait;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many recent deployments "
			+ "to list (default: ${DEFAULT-VALUE}).")
	int limit = 20;

	@Override
	public Integer call() {
		CoordinatorClient client = coordinator.client();
		if (id.isEmpty()) {
			if (wait) {
				throw CoordinatorOptions.usage("--wait: give the ID of the deployment to follow");
			}
			JsonNode all = client.get("api/v1/deployments?limit=" + Math.max(1, limit));
			if (!coordinator.printJson(spec, all)) {
				Table table = new Table("ID", "STATUS", "GENERATION", "CREATED", "FINISHED", "REVISION");
				all.forEach(d -> table.row(d.path("id").asString(""), d.path("status").asString(""),
						d.path("generation").asString(""), d.path("createdAt").asString(""),
						Progress.text(d, "finishedAt").orElse("-"), Progress.text(d, "revisionId").orElse("-")));
				table.print(spec.commandLine().getOut());
			}
			return 0;
		}
		if (!id.get().matches("[A-Za-z0-9._-]+")) {
			throw CoordinatorOptions.usage("ID: not a deployment id: " + id.get());
		}
		if (wait) {
			return Progress.await(id.get(), true, client, coordinator, spec);
		}
		JsonNode deployment = client.get("api/v1/deployments/" + id.get());
		if (!coordinator.printJson(spec, deployment)) {
			PrintWriter out = spec.commandLine().getOut();
			out.println(deployment.path("id").asString("") + " " + deployment.path("status").asString("")
					+ ", generation " + deployment.path("generation").asString("") + ", created "
					+ deployment.path("createdAt").asString("") + Progress.text(deployment, "finishedAt")
						.map(f -> ", finished " + f).orElse(""));
			Progress.text(deployment, "revisionId").ifPresent(r -> out.println("revision " + r));
			deployment.path("steps").forEach(s -> out.println("  " + Progress.describe(s) + ": "
					+ (s.path("status").asString("").equals("PENDING") ? "pending" : Progress.result(s))));
			Progress.text(deployment, "error").ifPresent(e -> out.println("error: " + e));
			out.flush();
		}
		return 0;
	}

}
