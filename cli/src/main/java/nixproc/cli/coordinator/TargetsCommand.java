package nixproc.cli.coordinator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code nixproc targets}: the machines whose agents have registered, and whether they are online. */
@Command(name = "targets", mixinStandardHelpOptions = true,
		description = { "List the targets whose agents have registered with the coordinator." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:shown", "2:a refused token", "4:the coordinator could not be reached or failed" })
public final class TargetsCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	CoordinatorOptions coordinator = new CoordinatorOptions();

	@Override
	public Integer call() {
		JsonNode targets = coordinator.client().get("api/v1/targets");
		if (!coordinator.printJson(spec, targets)) {
			Table table = new Table("TARGET", "STATE", "LAST HEARTBEAT", "PROCESS MANAGER", "LOCKED BY");
			for (JsonNode t : targets) {
				List<String> managers = new ArrayList<>();
				t.path("processManagers").forEach(m -> managers.add(m.path("name").asString("")));
				String active = t.path("processManager").asString("");
				table.row(t.path("name").asString(""), t.path("online").asBoolean(false) ? "online" : "OFFLINE",
						t.path("lastHeartbeat").asString(""), active + (managers.size() > 1 ? " (has "
								+ String.join(", ", managers) + ")" : ""),
						Progress.text(t, "lockedBy").orElse("-"));
			}
			table.print(spec.commandLine().getOut());
		}
		return 0;
	}

}
