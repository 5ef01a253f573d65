package nixproc.ensemble;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running network on this machine: the parts of {@link EnsembleSpec} as child processes (see the package
 * diagram). {@link #start} returns once every part is ready; {@link #close} stops them in reverse order. A part
 * that exits while the ensemble runs ends {@link #awaitEnd} with its name and the tail of its log.
 */
public final class Ensemble implements AutoCloseable {

	/** The services' JVMs: small heaps and the C1 compiler, for a network on a developer's machine. */
	static final List<String> SERVICE_JAVA_OPTIONS = List.of("-Xms32m", "-Xmx160m", "-XX:MinHeapFreeRatio=10",
			"-XX:MaxHeapFreeRatio=25", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
			"-XX:ReservedCodeCacheSize=32m");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EnsembleSpec spec;

	private final PrintWriter out;

	private final Installation installation;

	private final Path logs;

	private final Path pids;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** In start order; stopped in reverse. */
	private final List<ChildProcess> children = Collections.synchronizedList(new ArrayList<>());

	private final AtomicBoolean stopping = new AtomicBoolean();

	/** What to do once a part has stopped (keep the class-data archive a service wrote at exit). */
	private final Map<ChildProcess, Runnable> afterStop = new java.util.concurrent.ConcurrentHashMap<>();

	private final CountDownLatch ended = new CountDownLatch(1);

	private final AtomicReference<Optional<String>> failure = new AtomicReference<>(Optional.empty());

	private final Lock lock;

	private String token = "";

	private Optional<Thread> watcher = Optional.empty();

	/** The embedded broker, once started; empty with NIXPROC_KAFKA_BOOTSTRAP. */
	private Optional<EmbeddedKafka> kafka = Optional.empty();

	private Ensemble(EnsembleSpec spec, PrintWriter out, Installation installation, Lock lock) {
		this.spec = spec;
		this.out = out;
		this.installation = installation;
		this.lock = lock;
		this.logs = spec.stateDir().resolve("logs");
		this.pids = spec.stateDir().resolve("pids");
	}

	/**
	 * Starts every part and waits until each is ready. Bad input (a port taken, the state directory held by a
	 * running {@code up}) is refused before anything is written, and before {@code installed} is asked where the
	 * parts are; a part that does not come up stops everything started before it.
	 *
	 * @throws EnsembleException naming the part and why
	 */
	public static Ensemble start(EnsembleSpec spec, java.util.function.Supplier<Installation> installed,
			PrintWriter out) {
		// a new state directory is created only once the ports are known to be free
		Optional<Lock> existing = Files.isDirectory(spec.stateDir()) ? Optional.of(Lock.acquire(spec.stateDir()))
				: Optional.empty();
		try {
			checkPortsFree(spec);
		}
		catch (RuntimeException e) {
			existing.ifPresent(Lock::release);
			throw e;
		}
		Installation installation;
		try {
			installation = installed.get();
		}
		catch (RuntimeException e) {
			existing.ifPresent(Lock::release);
			throw e;
		}
		Lock lock = existing.orElseGet(() -> Lock.acquire(spec.stateDir()));
		Ensemble ensemble = new Ensemble(spec, out, installation, lock);
		try {
			ensemble.run();
			return ensemble;
		}
		catch (RuntimeException e) {
			ensemble.close();
			throw e;
		}
	}

	public String coordinatorUrl() {
		return "http://127.0.0.1:" + spec.ports().coordinator();
	}

	public Path tokenFile() {
		return spec.stateDir().resolve("admin.token");
	}

	private void run() {
		long started = System.nanoTime();
		createDirectories();
		stopLeftovers();
		token = token();
		EnsembleSpec.Ports ports = spec.ports();

		// PostgreSQL and Kafka side by side
		Map<String, EnsembleSpec.Database> databases;
		String bootstrap;
		Optional<EmbeddedPostgres> postgres = spec.database().isPresent() ? Optional.empty()
				: Optional.of(new EmbeddedPostgres(spec.stateDir(), ports.postgres(), logs,
						installation.home().resolve("infra/postgres/roles.sql")));
		Optional<EmbeddedKafka> kafka = spec.kafkaBootstrap().isPresent() ? Optional.empty()
				: Optional.of(new EmbeddedKafka(spec.stateDir(), ports.kafka(), ports.kafkaController(), logs,
						installation, spec.targets().stream().map(EnsembleSpec.Target::name).toList(),
						line -> say("%s", line)));
		Optional<ChildProcess> postgresProcess = postgres.map(pg -> add(pg.start(pids)));
		Optional<ChildProcess> kafkaProcess = kafka.map(k -> add(k.start(pids)));
		long deadline = deadline();
		CompletableFuture<Void> kafkaReady = CompletableFuture.runAsync(
				() -> kafka.ifPresent(k -> k.awaitReady(kafkaProcess.orElseThrow(), deadline)));
		postgres.ifPresent(pg -> pg.awaitReady(postgresProcess.orElseThrow(), deadline));
		join(kafkaReady);
		databases = postgres.map(EmbeddedPostgres::databases).orElseGet(this::externalDatabase);
		bootstrap = kafka.map(EmbeddedKafka::bootstrap).orElseGet(() -> spec.kafkaBootstrap().orElseThrow());
		if (kafka.isEmpty()) {
			say("the parts connect to NIXPROC_KAFKA_BOOTSTRAP %s without credentials: it must be a broker only "
					+ "they can reach (the embedded one takes a user and password per part)", bootstrap);
		}
		this.kafka = kafka;
		say("PostgreSQL and Kafka ready (%.1f s)", seconds(started));

		// the three services side by side; the coordinator asks the other two only once it deploys
		Map<String, Integer> servicePorts = new LinkedHashMap<>();
		servicePorts.put("id-service", ports.idService());
		servicePorts.put("model-service", ports.modelService());
		servicePorts.put("coordinator", ports.coordinator());
		Map<String, ChildProcess> services = new LinkedHashMap<>();
		servicePorts.forEach((module, port) -> services.put(module,
				add(startService(module, port, databases.get(module), bootstrap))));
		long servicesDeadline = deadline();
		List<CompletableFuture<Void>> ready = new ArrayList<>();
		services.forEach((module, process) -> ready.add(CompletableFuture
			.runAsync(() -> awaitHttpReady(process, servicePorts.get(module), servicesDeadline))));
		ready.forEach(Ensemble::join);
		say("id-service, model-service and coordinator ready (%.1f s)", seconds(started));

		// one agent per target, trusting the coordinator's key
		String key = get(coordinatorUrl() + "/api/v1/keys/coordinator").get("publicKey").asString();
		for (EnsembleSpec.Target target : spec.targets()) {
			add(startAgent(target, bootstrap, key));
		}
		awaitAgentsOnline(deadline());
		say("agents %s registered (%.1f s)", String.join(", ", spec.targets().stream().map(EnsembleSpec.Target::name)
			.toList()), seconds(started));

		ClientSettings settings = new ClientSettings(coordinatorUrl(), tokenFile());
		settings.write(spec.stateDir().resolve(ClientSettings.FILE));
		if (!spec.stateDir().resolve(ClientSettings.FILE).equals(ClientSettings.current())) {
			settings.write(ClientSettings.current());
		}
		watch();
	}

	/**
	 * {@code NIXPROC_DB_URL}: the one role given serves all three services, as a user's own database is set up; said
	 * once, since each service can then read the others' schemas (infra/README.md tells how to give each its own).
	 */
	private Map<String, EnsembleSpec.Database> externalDatabase() {
		EnsembleSpec.Database given = spec.database().orElseThrow();
		say("the services share the database role %s of NIXPROC_DB_URL: each can read the others' schemas "
				+ "(infra/postgres/roles.sql makes a role per service)", given.user());
		Map<String, EnsembleSpec.Database> databases = new LinkedHashMap<>();
		Installation.SERVICES.forEach(module -> databases.put(module, given));
		return databases;
	}

	private ChildProcess add(ChildProcess child) {
		children.add(child);
		return child;
	}

	private ChildProcess startService(String module, int port, EnsembleSpec.Database database, String bootstrap) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("NIXPROC_DB_URL", database.url());
		environment.put("NIXPROC_DB_USER", database.user());
		environment.put("NIXPROC_DB_PASSWORD", database.password());
		environment.put("NIXPROC_KAFKA_BOOTSTRAP", bootstrap);
		// the embedded broker's user of this service, its password in a 0600 file
		kafka.ifPresent(k -> environment.putAll(k.serviceEnvironment(module)));
		environment.put("NIXPROC_BOOTSTRAP_ADMIN_TOKEN", token);
		environment.put("SERVER_PORT", Integer.toString(port));
		environment.put("SERVER_ADDRESS", "127.0.0.1");
		// a network on one machine: a few connections each (every one is a PostgreSQL process), a few threads
		environment.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", module.equals("coordinator") ? "5" : "3");
		environment.put("SPRING_DATASOURCE_HIKARI_MINIMUMIDLE", "1");
		environment.put("SERVER_TOMCAT_THREADS_MINSPARE", "2");
		environment.put("SERVER_TOMCAT_THREADS_MAX", "20");
		if (module.equals("coordinator")) {
			// the signing key, in a file only this user reads (never in the database)
			environment.put("NIXPROC_COORDINATOR_KEY_FILE",
					spec.stateDir().resolve("coordinator").resolve("coordinator.key").toString());
			environment.put("NIXPROC_ID_SERVICE_URL", "http://127.0.0.1:" + spec.ports().idService());
			environment.put("NIXPROC_MODEL_SERVICE_URL", "http://127.0.0.1:" + spec.ports().modelService());
			environment.put("NIXPROC_SERVICE_TOKEN", token);
		}
		List<String> command = new ArrayList<>();
		command.add(Installation.java().toString());
		command.addAll(serviceJavaOptions());
		// names the state directory on the command line, as every part's does (see stopLeftovers)
		command.add("-Dnixproc.up.state-dir=" + spec.stateDir());
		Path jar = installation.jar(module);
		Optional<Runnable> afterStop = Optional.empty();
		if ("off".equals(System.getenv("NIXPROC_UP_CDS"))) {
			command.addAll(List.of("-jar", jar.toString()));
		}
		else {
			ClassDataSharing cds = ClassDataSharing.of(jar);
			Path pending = cds.archive().resolveSibling(cds.archive().getFileName() + "." + System.nanoTime());
			command.addAll(cds.javaArguments(pending));
			afterStop = Optional.of(() -> cds.adopt(pending));
		}
		ChildProcess child = ChildProcess.start(module, command, environment, List.of("NIXPROC_KAFKA_TOPIC_NAMESPACE"),
				spec.stateDir(), logs.resolve(module + ".log"), pids.resolve(module));
		afterStop.ifPresent(action -> this.afterStop.put(child, action));
		return child;
	}

	private static List<String> serviceJavaOptions() {
		String options = System.getenv("NIXPROC_UP_SERVICE_JAVA_OPTIONS");
		return options == null ? SERVICE_JAVA_OPTIONS : List.of(options.strip().split("\\s+"));
	}

	private ChildProcess startAgent(EnsembleSpec.Target target, String bootstrap, String coordinatorKey) {
		Path dir = spec.stateDir().resolve("targets").resolve(target.name());
		Path config = dir.resolve("agent.yml");
		try {
			Files.createDirectories(dir);
			Files.writeString(config, """
					# written by nixproc up at every start
					target: %s
					kafkaBootstrap: "%s"
					stateDir: "%s"
					processManager: %s
					privileged: false
					properties: { hostname: 127.0.0.1 }
					coordinatorPublicKey: "%s"
					heartbeatSeconds: 5
					stopProcessesOnExit: %s
					""".formatted(target.name(), bootstrap, dir, target.processManager(), coordinatorKey,
					!spec.keepProcesses()) + kafka.map(k -> """
							kafkaUser: %s
							kafkaPasswordFile: "%s"
							""".formatted(EmbeddedKafka.agent(target.name()),
							k.passwordFile(EmbeddedKafka.agent(target.name())))).orElse(""));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write " + config, e);
		}
		return ChildProcess.start("agent " + target.name(),
				List.of(installation.launcher().toString(), "agent", "--config", config.toString()),
				Map.of("NIXPROC_HOME", installation.home().toString()), List.of(), dir,
				logs.resolve("agent-" + target.name() + ".log"), pids.resolve("agent-" + target.name()));
	}

	/** Until {@code /actuator/health/readiness} answers 200 (database and broker reachable). */
	private void awaitHttpReady(ChildProcess service, int port, long deadline) {
		URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
		String last = "not listening";
		while (System.nanoTime() < deadline) {
			if (!service.alive()) {
				throw new EnsembleException(service.name() + " exited with " + service.exitCode().orElse(-1)
						+ " while starting; last lines of " + service.log() + ":\n" + service.tail(40));
			}
			try {
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness)
					.timeout(Duration.ofSeconds(3))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
				last = "readiness " + response.statusCode() + " " + response.body();
			}
			catch (IOException e) {
				// not listening yet
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new EnsembleException("interrupted while waiting for " + service.name());
			}
			sleep(Duration.ofMillis(200));
		}
		throw new EnsembleException(service.name() + " was not ready on port " + port + " within "
				+ spec.timeout().toSeconds() + " s (" + last + "); last lines of " + service.log() + ":\n"
				+ service.tail(40));
	}

	private void awaitAgentsOnline(long deadline) {
		List<String> wanted = spec.targets().stream().map(EnsembleSpec.Target::name).toList();
		List<String> online = List.of();
		while (System.nanoTime() < deadline) {
			for (ChildProcess child : children) {
				if (child.name().startsWith("agent ") && !child.alive()) {
					throw new EnsembleException(child.name() + " exited with " + child.exitCode().orElse(-1)
							+ " while starting; last lines of " + child.log() + ":\n" + child.tail(30));
				}
			}
			List<String> now = new ArrayList<>();
			get(coordinatorUrl() + "/api/v1/targets").forEach(t -> {
				if (t.path("online").asBoolean(false)) {
					now.add(t.path("name").asString(""));
				}
			});
			online = now;
			if (online.containsAll(wanted)) {
				return;
			}
			sleep(Duration.ofMillis(200));
		}
		List<String> missing = new ArrayList<>(wanted);
		missing.removeAll(online);
		StringBuilder message = new StringBuilder("agents not registered with the coordinator within "
				+ spec.timeout().toSeconds() + " s: " + String.join(", ", missing));
		for (String name : missing) {
			Path log = logs.resolve("agent-" + name + ".log");
			message.append("\nlast lines of ").append(log).append(":\n").append(ChildProcess.tail(log, 20));
		}
		throw new EnsembleException(message.toString());
	}

	private JsonNode get(String url) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new EnsembleException("GET " + url + " answered " + response.statusCode() + ": "
						+ response.body());
			}
			return JSON.readTree(response.body());
		}
		catch (IOException e) {
			throw new EnsembleException("GET " + url + " failed: " + e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new EnsembleException("interrupted during GET " + url);
		}
	}

	/** A thread that ends the ensemble when a part exits on its own. */
	private void watch() {
		Thread thread = new Thread(() -> {
			while (!stopping.get()) {
				for (ChildProcess child : List.copyOf(children)) {
					if (!child.alive() && !stopping.get()) {
						failure.set(Optional.of(child.name() + " exited with " + child.exitCode().orElse(-1)
								+ "; last lines of " + child.log() + ":\n" + child.tail(30)));
						ended.countDown();
						return;
					}
				}
				sleep(Duration.ofSeconds(1));
			}
		}, "nixproc-up-watch");
		thread.setDaemon(true);
		thread.start();
		watcher = Optional.of(thread);
	}

	/**
	 * Blocks until {@link #close} is called (then empty) or a part exits on its own (then what became of it; the
	 * caller closes the ensemble).
	 */
	public Optional<String> awaitEnd() {
		try {
			ended.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return failure.get();
	}

	/**
	 * Stops every part in reverse order of start: the agents first (which stop what they started unless
	 * {@code keepProcesses}), then the services, the broker and the database. Idempotent.
	 */
	@Override
	public void close() {
		if (!stopping.compareAndSet(false, true)) {
			return;
		}
		List<ChildProcess> reverse;
		synchronized (children) {
			reverse = new ArrayList<>(children);
		}
		Collections.reverse(reverse);
		// the agents together: each stops its own processes, which may take a while
		List<CompletableFuture<Void>> agents = new ArrayList<>();
		for (ChildProcess child : reverse) {
			if (child.name().startsWith("agent ")) {
				agents.add(CompletableFuture.runAsync(() -> stop(child, Duration.ofSeconds(90))));
			}
		}
		agents.forEach(Ensemble::join);
		for (ChildProcess child : reverse) {
			if (!child.name().startsWith("agent ")) {
				stop(child, Duration.ofSeconds(30));
			}
		}
		lock.release();
		ended.countDown();
		watcher.ifPresent(Thread::interrupt);
	}

	private void stop(ChildProcess child, Duration grace) {
		boolean running = child.alive();
		long begun = System.nanoTime();
		boolean clean = child.stop("TERM", grace);
		Optional.ofNullable(afterStop.get(child)).ifPresent(Runnable::run);
		if (running) {
			say("stopped %s%s (%.1f s)", child.name(), clean ? "" : " with SIGKILL", seconds(begun));
		}
	}

	// --- state directory ---

	private void createDirectories() {
		try {
			Files.createDirectories(logs);
			Files.createDirectories(pids);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create " + spec.stateDir(), e);
		}
	}

	/** The admin token: kept 0600 in the state directory, made at the first start. */
	private String token() {
		return Secrets.readOrCreate(tokenFile(), 32);
	}

	/**
	 * Parts an earlier {@code up} started and could not stop (it was killed with SIGKILL): their sessions live on,
	 * holding ports and data directories. Their PID files name them; each is stopped if it still runs what this
	 * state directory's parts run.
	 */
	private void stopLeftovers() {
		try (Stream<Path> files = Files.list(pids)) {
			for (Path file : files.toList()) {
				long pid;
				try {
					pid = Long.parseLong(Files.readString(file).strip());
				}
				catch (NumberFormatException e) {
					Files.deleteIfExists(file);
					continue;
				}
				// every part's command line names the state directory: a PID reused since is someone else's
				Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
					.filter(p -> p.info().commandLine().orElse("").contains(spec.stateDir().toString()));
				if (process.isPresent()) {
					say("stopping %s (pid %d), left running by an earlier nixproc up", file.getFileName(), pid);
					ChildProcess.signal(pid, "TERM");
					process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
				}
				Files.deleteIfExists(file);
			}
		}
		catch (java.util.concurrent.TimeoutException e) {
			throw new EnsembleException("a part left running by an earlier nixproc up did not stop in 30 s; "
					+ "see the PIDs in " + pids);
		}
		catch (IOException | java.util.concurrent.ExecutionException e) {
			throw new EnsembleException("cannot check " + pids + " for parts left running: " + e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** {@code <stateDir>/up.lock}, held for as long as the ensemble runs. */
	private record Lock(FileChannel channel, FileLock held) {

		static Lock acquire(Path stateDir) {
			Path file = stateDir.resolve("up.lock");
			try {
				Files.createDirectories(stateDir);
				FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.READ);
				FileLock held;
				try {
					held = channel.tryLock();
				}
				catch (OverlappingFileLockException e) {
					held = null;
				}
				if (held == null) {
					channel.close();
					String owner = Files.readString(file, StandardCharsets.UTF_8).strip();
					throw EnsembleException.badInput("the state directory " + stateDir + " is in use by a running "
							+ "nixproc up" + (owner.isEmpty() ? "" : " (pid " + owner + ")")
							+ "; stop it first, or give another --state-dir");
				}
				channel.truncate(0);
				channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
					.getBytes(StandardCharsets.UTF_8)));
				return new Lock(channel, held);
			}
			catch (IOException e) {
				throw new UncheckedIOException("cannot lock " + file, e);
			}
		}

		void release() {
			try {
				channel.truncate(0);
				held.release();
				channel.close();
			}
			catch (IOException e) {
				// the lock goes with the process anyway
			}
		}

	}

	/** Every port a part of ours will listen on must be free now, or nothing starts. */
	static void checkPortsFree(EnsembleSpec spec) {
		EnsembleSpec.Ports ports = spec.ports();
		Map<String, Integer> wanted = new LinkedHashMap<>();
		wanted.put("coordinator", ports.coordinator());
		wanted.put("id-service", ports.idService());
		wanted.put("model-service", ports.modelService());
		if (spec.database().isEmpty()) {
			wanted.put("PostgreSQL", ports.postgres());
		}
		if (spec.kafkaBootstrap().isEmpty()) {
			wanted.put("Kafka", ports.kafka());
			wanted.put("Kafka's controller", ports.kafkaController());
		}
		List<String> taken = new ArrayList<>();
		wanted.forEach((part, port) -> {
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			}
			catch (IOException e) {
				taken.add(part + ": port " + port + " on 127.0.0.1 is taken by another process");
			}
		});
		if (!taken.isEmpty()) {
			throw EnsembleException.badInput(String.join("; ", taken) + " (up uses --port " + ports.coordinator()
					+ " and the " + EnsembleSpec.Ports.SPAN + " ports after it; choose another with --port)");
		}
	}

	// --- helpers ---

	private long deadline() {
		return System.nanoTime() + spec.timeout().toNanos();
	}

	private void say(String format, Object... args) {
		out.println("nixproc up: " + String.format(java.util.Locale.ROOT, format, args));
		out.flush();
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

	private static void join(CompletableFuture<Void> future) {
		try {
			future.join();
		}
		catch (java.util.concurrent.CompletionException e) {
			if (e.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw e;
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	static void deleteTree(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot delete " + dir, e);
		}
	}

}
