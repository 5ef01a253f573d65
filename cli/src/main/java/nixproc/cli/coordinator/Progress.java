package nixproc.cli.coordinator;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import nixproc.cli.ExitCodes;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * Follows a deployment by polling {@code GET /deployments/{id}} (the API has no stream) and prints each change once:
 * the deployment's status, and every step as it starts and as it ends, grouped by phase (a phase is a wave: its
 * steps run together, one batch per target). Ends with one line per target and the outcome.
 */
final class Progress {

	private static final Duration POLL = Duration.ofMillis(250);

	/** How long the coordinator may stay unreachable while following (a restart resumes the deployment). */
	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private final CoordinatorClient client;

	private final PrintWriter out;

	private final Map<String, String> seen = new HashMap<>();

	private String status = "";

	Progress(CoordinatorClient client, PrintWriter out) {
		this.client = client;
		this.out = out;
	}

	/**
	 * What {@code deploy}, {@code rollback} and {@code status --wait} do with an accepted deployment: follow it to
	 * its end (unless {@code wait} is false), print the outcome, and return its exit code.
	 */
	static int await(String id, boolean wait, CoordinatorClient client, CoordinatorOptions options,
			CommandSpec spec) {
		PrintWriter out = options.progress(spec);
		if (!wait) {
			JsonNode now = client.get("api/v1/deployments/" + id);
			if (!options.printJson(spec, now)) {
				out.println(id + " " + now.path("status").asString(""));
			}
			return ExitCodes.OK;
		}
		out.println("following " + id + " (interrupting this stops following, not the deployment)");
		JsonNode finished = new Progress(client, out).follow(id);
		int code = report(finished, out);
		options.printJson(spec, finished);
		return code;
	}

	/** Polls until the deployment ends; returns its last state. */
	JsonNode follow(String id) {
		Optional<Instant> unreachableSince = Optional.empty();
		while (true) {
			JsonNode deployment;
			try {
				deployment = client.get("api/v1/deployments/" + id);
				unreachableSince = Optional.empty();
			}
			catch (ExitCodes.Failure e) {
				if (e.exitCode() != ExitCodes.UNREACHABLE) {
					throw e;
				}
				if (unreachableSince.isEmpty()) {
					unreachableSince = Optional.of(Instant.now());
					out.println(e.getMessage() + "; trying again for " + PATIENCE.toSeconds() + " s");
					out.flush();
				}
				else if (Instant.now().isAfter(unreachableSince.get().plus(PATIENCE))) {
					throw new ExitCodes.Failure(ExitCodes.UNREACHABLE, e.getMessage() + "; deployment " + id
							+ " goes on without this command: see nixproc status " + id);
				}
				sleep();
				continue;
			}
			print(deployment);
			if (terminal(deployment.path("status").asString(""))) {
				return deployment;
			}
			sleep();
		}
	}

	/** Prints what changed since the last call. */
	void print(JsonNode deployment) {
		for (JsonNode step : deployment.path("steps")) {
			String state = step.path("status").asString("");
			String key = key(step);
			if (state.equals("PENDING") || state.equals(seen.get(key))) {
				continue;
			}
			seen.put(key, state);
			out.println("  " + describe(step) + ": " + result(step));
		}
		// after the steps: a poll that sees a phase end and the status move on reads in that order
		String now = deployment.path("status").asString("");
		if (!now.equals(status)) {
			status = now;
			out.println(deployment.path("id").asString("") + ": " + now);
		}
		out.flush();
	}

	/** The outcome, one line per target, and the exit code of the outcome. */
	static int report(JsonNode deployment, PrintWriter out) {
		SortedMap<String, List<String>> failures = new TreeMap<>();
		SortedMap<String, Integer> succeeded = new TreeMap<>();
		for (JsonNode step : deployment.path("steps")) {
			String target = step.path("target").asString("");
			succeeded.merge(target, step.path("status").asString("").equals("SUCCEEDED") ? 1 : 0, Integer::sum);
			if (List.of("FAILED", "TIMED_OUT").contains(step.path("status").asString(""))) {
				failures.computeIfAbsent(target, t -> new ArrayList<>()).add(describe(step) + ": " + result(step));
			}
		}
		succeeded.forEach((target, n) -> out.println("  " + target + ": " + n + " step" + (n == 1 ? "" : "s")
				+ " succeeded" + failures.getOrDefault(target, List.of()).stream().map(f -> "; " + f)
					.reduce("", String::concat)));
		String id = deployment.path("id").asString("");
		long generation = deployment.path("generation").asLong(0);
		String why = text(deployment, "error").map(e -> ": " + e).orElse("");
		String status = deployment.path("status").asString("");
		int code = exitCode(status);
		switch (status) {
			case "COMMITTED" -> out.println("committed generation " + generation + " (" + id + ")");
			case "ROLLED_BACK" -> out.println("rolled back: " + id + " was not committed; the previous generation "
					+ "runs again" + why);
			case "FAILED" -> out.println("failed before anything changed: " + id + " was not committed" + why);
			case "ROLLBACK_FAILED" -> out.println("ROLLBACK FAILED: " + id + " failed and so did undoing it; the "
					+ "network is in neither generation and needs attention" + why);
			default -> out.println(id + " is " + status);
		}
		out.flush();
		return code;
	}

	/** The exit code of a finished deployment (README, "Exit codes"). */
	static int exitCode(String status) {
		return switch (status) {
			case "COMMITTED" -> ExitCodes.OK;
			case "ROLLBACK_FAILED" -> ExitCodes.ROLLBACK_FAILED;
			default -> ExitCodes.FAILED;
		};
	}

	static boolean terminal(String status) {
		return List.of("COMMITTED", "ROLLED_BACK", "ROLLBACK_FAILED", "FAILED").contains(status);
	}

	/** {@code phase 2 ACTIVATE beta [client]}, with {@code (undo)} for compensations. */
	static String describe(JsonNode step) {
		List<String> services = new ArrayList<>();
		step.path("services").forEach(s -> services.add(s.asString()));
		return "phase " + step.path("phase").asInt(0) + " " + step.path("kind").asString("") + " "
				+ step.path("target").asString("") + (services.isEmpty() ? "" : " " + services)
				+ (step.path("compensation").asBoolean(false) ? " (undo)" : "");
	}

	/** {@code running}, {@code succeeded in 1.2 s}, {@code FAILED after 0.3 s: why}. */
	static String result(JsonNode step) {
		String state = step.path("status").asString("");
		String took = took(step).map(d -> " " + (state.equals("SUCCEEDED") ? "in" : "after") + " " + seconds(d))
			.orElse("");
		String error = text(step, "error").map(e -> ": " + e).orElse("");
		return switch (state) {
			case "RUNNING" -> "running";
			case "SUCCEEDED" -> "succeeded" + took;
			default -> state + took + error;
		};
	}

	private static Optional<Duration> took(JsonNode step) {
		return text(step, "startedAt").flatMap(started -> text(step, "finishedAt")
			.map(finished -> Duration.between(Instant.parse(started), Instant.parse(finished))));
	}

	/** An optional string field: absent, {@code null} and empty are all empty. */
	static Optional<String> text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() && !value.asString().isEmpty() ? Optional.of(value.asString()) : Optional.empty();
	}

	private static String seconds(Duration d) {
		return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
	}

	private static String key(JsonNode step) {
		return step.path("id").asString(step.path("phase").asInt(0) + "-" + step.path("kind").asString("") + "-"
				+ step.path("target").asString("") + "-" + step.path("compensation").asBoolean(false));
	}

	private static void sleep() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new ExitCodes.Failure(ExitCodes.FAILED, "interrupted");
		}
	}

}
