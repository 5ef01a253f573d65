package nixproc.ensemble;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code nixproc up} starts.
 *
 * @param stateDir where everything lives: the database, the broker's log, each target's state, the logs, the token
 * @param targets one agent each, with its process manager
 * @param port the coordinator's port; the other parts take the next ones ({@link Ports})
 * @param keepProcesses leave what the agents started running when the ensemble stops
 * @param database an existing PostgreSQL ({@code NIXPROC_DB_URL}), else an embedded one
 * @param kafkaBootstrap an existing broker ({@code NIXPROC_KAFKA_BOOTSTRAP}), else an embedded one
 * @param timeout how long each stage may take to become ready
 */
public record EnsembleSpec(Path stateDir, List<Target> targets, int port, boolean keepProcesses,
		Optional<Database> database, Optional<String> kafkaBootstrap, Duration timeout) {

	public EnsembleSpec {
		targets = List.copyOf(targets);
		if (targets.isEmpty()) {
			throw EnsembleException.badInput("--targets: at least one target");
		}
		if (targets.stream().map(Target::name).distinct().count() != targets.size()) {
			throw EnsembleException.badInput("--targets: a target is named twice: " + targets);
		}
		if (port < 1 || port + Ports.SPAN > 65_535) {
			throw EnsembleException.badInput("--port: " + port + " is not a port below " + (65_536 - Ports.SPAN)
					+ " (up takes it and the " + Ports.SPAN + " after it)");
		}
	}

	/** The seed's network example: a sysvinit machine and a supervisord one. */
	public static final List<Target> DEFAULT_TARGETS = List.of(new Target("test1", "sysvinit"),
			new Target("test2", "supervisord"));

	public Ports ports() {
		return new Ports(port);
	}

	/**
	 * A local target: its name (the infrastructure model's) and process manager.
	 */
	public record Target(String name, String processManager) {

		private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

		public Target {
			if (!NAME.matcher(name).matches()) {
				throw EnsembleException.badInput("--targets: " + name + " is not a target name ("
						+ NAME.pattern() + ")");
			}
		}

		/**
		 * {@code test1=sysvinit,test2=supervisord}; each manager must be one of {@code managers}.
		 */
		public static List<Target> parse(String spec, List<String> managers) {
			List<Target> targets = new java.util.ArrayList<>();
			for (String item : spec.split(",")) {
				String[] parts = item.strip().split("=", 2);
				if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
					throw EnsembleException.badInput("--targets: '" + item.strip()
							+ "' is not NAME=PROCESS_MANAGER (e.g. test1=sysvinit,test2=supervisord)");
				}
				if (!managers.contains(parts[1].strip())) {
					throw EnsembleException.badInput("--targets: " + parts[0].strip() + ": unknown process manager '"
							+ parts[1].strip() + "' (one of " + String.join(", ", managers) + ")");
				}
				targets.add(new Target(parts[0].strip(), parts[1].strip()));
			}
			return targets;
		}

	}

	/** An existing PostgreSQL the services keep their schemas in. */
	public record Database(String url, String user, String password) {
	}

	/**
	 * The ports of the parts: the coordinator's, then id-service, model-service, PostgreSQL, the Kafka broker and
	 * its controller.
	 */
	public record Ports(int coordinator) {

		static final int SPAN = 5;

		public int idService() {
			return coordinator + 1;
		}

		public int modelService() {
			return coordinator + 2;
		}

		public int postgres() {
			return coordinator + 3;
		}

		public int kafka() {
			return coordinator + 4;
		}

		public int kafkaController() {
			return coordinator + 5;
		}

	}

}
