package nixproc.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import nixproc.cli.coordinator.ServedUrls;
import nixproc.ensemble.ClientSettings;
import nixproc.ensemble.Ensemble;
import nixproc.ensemble.EnsembleException;
import nixproc.ensemble.EnsembleSpec;
import nixproc.ensemble.Installation;
import nixproc.model.BackendKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nixproc up}: the whole network on this machine in one command, as {@code nomad agent -dev} or
 * {@code process-compose up}; the ensemble itself is the {@code ensemble} module. Runs until Ctrl-C (SIGINT) or
 * SIGTERM, then stops everything in reverse order.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
		description = { "Run a whole nixproc network on this machine until Ctrl-C: PostgreSQL (NIXPROC_DB_URL, else an",
				"embedded one), a Kafka broker (NIXPROC_KAFKA_BOOTSTRAP, else an embedded one), id-service,",
				"model-service, the coordinator, and an unprivileged agent per target, each with its own state",
				"directory. Prints the addresses once every part is ready, and writes the settings that",
				"nixproc deploy|status|targets|generations|rollback in another shell use without flags.",
				"Ctrl-C stops the agents (and what they started, unless --keep-processes), the services, the",
				"broker and the database, in that order. Running up again on the same --state-dir resumes",
				"the network: generations, deployments, IDs and what the agents run." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:stopped by Ctrl-C or SIGTERM", "1:a part did not start, or exited while running (named, "
				+ "with the tail of its log); with --deploy, the deployment was not committed",
				"2:bad input (a port taken, the state directory in use by another up, an unknown process manager); "
						+ "nothing was started" })
final class UpCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--state-dir", paramLabel = "DIR",
			description = "Where the network keeps everything: database, broker, each target's state, logs, the admin "
					+ "token (default: $XDG_STATE_HOME/nixproc, i.e. ~/.local/state/nixproc).")
	Optional<Path> stateDir = Optional.empty();

	@Option(names = "--targets", paramLabel = "NAME=PM,...", defaultValue = "test1=sysvinit,test2=supervisord",
			description = "The local targets and their process managers (default: ${DEFAULT-VALUE}).")
	String targets = "test1=sysvinit,test2=supervisord";

	@Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
			description = "The coordinator's port; id-service, model-service, PostgreSQL and Kafka (broker, "
					+ "controller) take the five after it (default: ${DEFAULT-VALUE}).")
	int port = 8080;

	@Option(names = "--keep-processes",
			description = "On Ctrl-C, leave what the agents started running (the next up finds it running).")
	boolean keepProcesses;

	@Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
			description = "How long each stage may take to become ready (default: ${DEFAULT-VALUE}).")
	long timeoutSeconds = 180;

	@Option(names = "--deploy", paramLabel = "DIR",
			description = "Once ready, deploy the models in DIR (services, infrastructure, distribution and, if any, "
					+ "idresources; as nixproc deploy DIR) and print the URLs that answer.")
	Optional<Path> deploy = Optional.empty();

	@Override
	public Integer call() {
		// the Kafka admin client that waits for the broker logs every connection attempt; up says what matters
		if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
			System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
		}
		PrintWriter err = spec.commandLine().getErr();
		List<String> managers = Arrays.stream(BackendKind.values()).map(BackendKind::id).toList();
		EnsembleSpec ensembleSpec;
		try {
			if (timeoutSeconds < 1) {
				throw new ExitCodes.Failure(ExitCodes.USAGE, "--timeout: " + timeoutSeconds
						+ " is not a positive number of seconds");
			}
			deploy.ifPresent(dir -> {
				if (!Files.isDirectory(dir)) {
					throw new ExitCodes.Failure(ExitCodes.USAGE, "--deploy: " + dir + " is not a directory of models");
				}
			});
			ensembleSpec = new EnsembleSpec(stateDir.orElseGet(ClientSettings::defaultStateDir).toAbsolutePath(),
					EnsembleSpec.Target.parse(targets, managers), port, keepProcesses, database(), kafka(),
					Duration.ofSeconds(timeoutSeconds));
		}
		catch (EnsembleException e) {
			throw new ExitCodes.Failure(ExitCodes.USAGE, e.getMessage());
		}
		long began = System.nanoTime();
		Ensemble ensemble;
		try {
			ensemble = Ensemble.start(ensembleSpec, Installation::locate, spec.commandLine().getOut());
		}
		catch (EnsembleException e) {
			throw new ExitCodes.Failure(e.badInput() ? ExitCodes.USAGE : ExitCodes.FAILED, e.getMessage());
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			ensemble.close();
			stopped.countDown();
		}, "nixproc-up-stop");
		Runtime.getRuntime().addShutdownHook(hook);
		printReady(ensembleSpec, ensemble, (System.nanoTime() - began) / 1e9);
		int code = ExitCodes.OK;
		if (deploy.isPresent()) {
			code = deploy(ensemble, deploy.get());
		}
		Optional<String> failure = ensemble.awaitEnd();
		if (failure.isPresent()) {
			err.println("nixproc up: " + failure.get());
			err.flush();
			ensemble.close();
			return ExitCodes.FAILED;
		}
		// Ctrl-C: the hook stops the ensemble; the JVM waits for hooks, this thread returns the code meanwhile
		try {
			stopped.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return code;
	}

	private void printReady(EnsembleSpec s, Ensemble ensemble, double seconds) {
		PrintWriter out = spec.commandLine().getOut();
		EnsembleSpec.Ports ports = s.ports();
		List<String> lines = new ArrayList<>();
		lines.add(String.format(java.util.Locale.ROOT, "nixproc up: the network is ready (%.1f s)", seconds));
		lines.add("  coordinator    " + ensemble.coordinatorUrl() + "   (REST API; OpenAPI at /v3/api-docs)");
		lines.add("  id-service     http://127.0.0.1:" + ports.idService());
		lines.add("  model-service  http://127.0.0.1:" + ports.modelService());
		lines.add("  PostgreSQL     " + s.database().map(d -> d.url() + " (NIXPROC_DB_URL)")
			.orElse("127.0.0.1:" + ports.postgres() + " (embedded; data in " + s.stateDir().resolve("postgres") + ")"));
		lines.add("  Kafka          " + s.kafkaBootstrap().map(k -> k + " (NIXPROC_KAFKA_BOOTSTRAP)")
			.orElse("127.0.0.1:" + ports.kafka() + " (embedded KRaft broker)"));
		lines.add("  targets        " + String.join(", ", s.targets().stream()
			.map(t -> t.name() + " (" + t.processManager() + ", state in " + s.stateDir().resolve("targets/" + t.name())
					+ ")")
			.toList()));
		lines.add("  admin token    " + ensemble.tokenFile() + " (0600)");
		lines.add("  logs           " + s.stateDir().resolve("logs"));
		String nixproc = launcherAsTyped();
		lines.add("In another shell, without flags: " + (deploy.isPresent() ? ""
				: nixproc + " deploy " + example() + ", ") + nixproc + " status, " + nixproc + " generations, "
				+ nixproc + " targets");
		lines.add("Ctrl-C stops everything" + (keepProcesses ? " but what the agents started." : "."));
		lines.forEach(out::println);
		out.flush();
	}

	/** {@code nixproc deploy DIR} against the ensemble, then what it serves. */
	private int deploy(Ensemble ensemble, Path dir) {
		PrintWriter out = spec.commandLine().getOut();
		int code = NixprocCommand.commandLine()
			.setOut(out)
			.setErr(spec.commandLine().getErr())
			.execute("deploy", "--coordinator", ensemble.coordinatorUrl(), "--token-file",
					ensemble.tokenFile().toString(), dir.toString());
		if (code == ExitCodes.OK) {
			ServedUrls.print(ensemble.coordinatorUrl(), ensemble.tokenFile(), out);
		}
		else {
			spec.commandLine().getErr().println("nixproc up: the deployment of " + dir + " was not committed (exit "
					+ code + "); the network runs on");
		}
		out.flush();
		return code;
	}

	/** How the user reaches this launcher from here: {@code ./nixproc} in the checkout, else its path. */
	private static String launcherAsTyped() {
		String home = System.getenv("NIXPROC_HOME");
		if (home == null) {
			return "nixproc";
		}
		Path launcher = Path.of(home, "nixproc").toAbsolutePath().normalize();
		Path here = Path.of("").toAbsolutePath();
		Path relative = here.relativize(launcher);
		return relative.getNameCount() == 1 ? "./" + relative : relative.toString().startsWith("..")
				? launcher.toString() : relative.toString();
	}

	/** The network example, as the user would type it from here. */
	private static String example() {
		String home = System.getenv("NIXPROC_HOME");
		Path example = Path.of(home == null ? "." : home, "examples", "network").toAbsolutePath().normalize();
		Path relative = Path.of("").toAbsolutePath().relativize(example);
		return relative.toString().startsWith("..") ? example.toString() : relative.toString();
	}

	private static Optional<EnsembleSpec.Database> database() {
		return Optional.ofNullable(System.getenv("NIXPROC_DB_URL")).filter(u -> !u.isBlank())
			.map(url -> new EnsembleSpec.Database(url, System.getenv().getOrDefault("NIXPROC_DB_USER", "nixproc"),
					System.getenv().getOrDefault("NIXPROC_DB_PASSWORD", "nixproc")));
	}

	private static Optional<String> kafka() {
		return Optional.ofNullable(System.getenv("NIXPROC_KAFKA_BOOTSTRAP")).filter(b -> !b.isBlank());
	}

}
