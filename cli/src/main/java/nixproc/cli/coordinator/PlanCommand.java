package nixproc.cli.coordinator;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code nixproc plan -s -i -d}: what a deployment would do now, without doing it. */
@Command(name = "plan", mixinStandardHelpOptions = true,
		description = { "Show what deploying these models would change, without changing anything.",
				"The mappings added, obsolete and untouched against the committed generation,",
				"and the deactivation and activation waves that would run." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:planned", "2:bad input (a missing file, an invalid model, a refused token)",
				"4:the coordinator could not be reached or failed" })
public final class PlanCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	CoordinatorOptions coordinator = new CoordinatorOptions();

	@Mixin
	ModelOptions models = new ModelOptions();

	@Override
	public Integer call() {
		JsonNode plan = coordinator.client().post("api/v1/plan", models.body());
		if (coordinator.printJson(spec, plan)) {
			return 0;
		}
		PrintWriter out = spec.commandLine().getOut();
		out.println("added: " + names(plan.path("added")));
		out.println("obsolete: " + names(plan.path("obsolete")));
		out.println("untouched: " + names(plan.path("untouched")));
		waves(out, "deactivate (dependents first)", plan.path("deactivation"));
		waves(out, "activate (dependencies first)", plan.path("activation"));
		out.flush();
		return 0;
	}

	private static void waves(PrintWriter out, String title, JsonNode waves) {
		out.println(title + ": " + (waves.isEmpty() ? "nothing" : waves.size() + " wave" + (waves.size() == 1 ? ""
				: "s")));
		int n = 1;
		for (JsonNode wave : waves) {
			List<String> batches = new ArrayList<>();
			wave.forEach(b -> batches.add(b.path("target").asString("") + " " + names(b.path("services"))));
			out.println("  wave " + n++ + ": " + String.join(", ", batches));
		}
	}

	private static String names(JsonNode array) {
		List<String> names = new ArrayList<>();
		array.forEach(n -> names.add(n.asString()));
		return names.isEmpty() ? "-" : String.join(" ", names);
	}

}
