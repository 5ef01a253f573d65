package nixproc.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import nixproc.agent.command.Activator;
import nixproc.agent.command.Handlers;
import nixproc.agent.config.AgentConfig;
import nixproc.agent.health.CapabilityDetector;
import nixproc.agent.health.HealthMonitor;
import nixproc.agent.health.HealthSource;
import nixproc.agent.health.Heartbeater;
import nixproc.agent.inbox.Inbox;
import nixproc.agent.state.AgentKeys;
import nixproc.agent.state.AgentState;
import nixproc.agent.state.LastBoot;
import nixproc.agent.state.StateStore;
import nixproc.events.Ed25519Keys;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EnvelopeVerifier;
import nixproc.events.MachineCapabilities;
import nixproc.events.MappingResult;
import nixproc.events.ProcessFailed;
import nixproc.events.Registered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent. {@link #start} loads the state and key pair from the state dir, detects the machine's
 * capabilities, then starts registration/heartbeats and the command loop on their own threads; {@link #close} stops
 * them. Processes started by the agent are not stopped on close: they belong to the process manager.
 */
public final class Agent implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Agent.class);

	private final AgentConfig config;

	private final ActivatorFactory activators;

	private final Clock clock;

	private final AtomicReference<AgentState> state = new AtomicReference<>(AgentState.initial());

	private EventPublisher publisher;

	private Heartbeater heartbeater;

	private Inbox inbox;

	private java.util.Optional<HealthMonitor> health = java.util.Optional.empty();

	private KeyPair keys;

	private java.util.Optional<Activator> activator = java.util.Optional.empty();

	public Agent(AgentConfig config, ActivatorFactory activators, Clock clock) {
		this(config, activators, clock, () -> {
		});
	}

	/** @param onFatal run when the command loop dies of an Error (see {@code Inbox#onFatal}) */
	public Agent(AgentConfig config, ActivatorFactory activators, Clock clock, Runnable onFatal) {
		this.config = config;
		this.activators = activators;
		this.clock = clock;
		this.onFatal = onFatal;
	}

	private final Runnable onFatal;

	/** Makes the activator once the machine's capabilities are known. */
	@FunctionalInterface
	public interface ActivatorFactory {

		Activator create(AgentConfig config, MachineCapabilities capabilities);

	}

	public synchronized Agent start() {
		Instant started = clock.instant();
		try {
			Files.createDirectories(config.stateDir());
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create the state dir " + config.stateDir(), e);
		}
		StateStore store = new StateStore(config.stateDir());
		state.set(store.load());
		keys = AgentKeys.loadOrCreate(config.stateDir());
		// start to Registered is a budget (architecture §8): the probes wait for child processes while the producer
		// is built and connects, and registration goes out before the activator is made
		CompletableFuture<MachineCapabilities> detected = CapabilityDetector.detectAsync(config.processManager(),
				config.privileged(), config.properties());
		publisher = new EventPublisher(config, new EnvelopeSigner(keys.getPrivate()), clock);
		MachineCapabilities capabilities = detected.join();
		Registered registration = new Registered(config.target(), capabilities, Ed25519Keys.encode(keys.getPublic()),
				version(), started, state.get().generation());
		heartbeater = new Heartbeater(publisher, registration, state::get, clock, config.heartbeat());
		heartbeater.start();
		Activator activator = activators.create(config, capabilities);
		this.activator = java.util.Optional.of(activator);
		if (activator instanceof HealthSource source) {
			health = java.util.Optional.of(new HealthMonitor(publisher, source, state::get, config.target(),
					config.heartbeat()));
		}
		inbox = new Inbox(config, new EnvelopeVerifier(config.coordinatorPublicKeys()), new Handlers(activator), store,
				state, publisher, clock);
		inbox.onFatal(onFatal);
		// on the inbox's thread, before the first command: commands and health checks find the machine reconciled
		inbox.start(() -> {
			heartbeater.awaitFirstAttempt();
			reconcile(activator);
			health.ifPresent(HealthMonitor::start);
		});
		log.info("agent for target {} started (state {}, generation {}, Kafka {})", config.target(),
				config.stateDir(), state.get().generation(), config.kafkaBootstrap());
		return this;
	}

	/**
	 * Start-up reconciliation (issue 8, durability): whatever happened while the agent was away (killed with
	 * {@code kill -9} in the middle of a step, processes killed, a reboot), the machine is brought back to the
	 * current generation: a step that was in flight is taken back — its command, delivered again because its offset
	 * was not committed, is then answered as interrupted — and every instance of the current generation that does
	 * not run is started again and reported as {@link ProcessFailed} (it did fail, while nobody watched). After the
	 * machine itself restarted, nothing runs and nothing failed: what starts again is only logged, so that a reboot
	 * inside a deployment's health window does not roll the network back; what does not start is reported.
	 */
	private void reconcile(Activator activator) {
		AgentState at = state.get();
		LastBoot boot = new LastBoot(config.stateDir());
		boolean rebooted = boot.rebootedSince();
		boolean downOnPurpose = boot.downOnPurpose();
		Activator.BatchResult result;
		try {
			result = activator.reconcile();
		}
		catch (RuntimeException e) {
			log.error("start-up reconciliation failed; commands are taken all the same", e);
			return;
		}
		at.inFlight().ifPresent(step -> log.warn("step {} ({}) was in flight when the agent stopped: {}",
				step.commandId(), step.kind(), result.failure().map(f -> "taking it back failed: " + f)
					.orElse("taken back; it is answered as interrupted when its command comes again")));
		for (MappingResult restarted : result.results()) {
			if (downOnPurpose && restarted.succeeded()) {
				log.info("{}: not running after {}; started again", restarted.service(),
						rebooted ? "the machine restarted" : "the agent stopped it on its way out");
				continue;
			}
			String reason = "not running when the agent started; "
					+ (restarted.succeeded() ? "started again" : "starting it again failed: "
							+ result.failure().orElse("(no reason)"));
			log.warn("{}: {}", restarted.service(), reason);
			try {
				publisher.send(publisher.sign(new ProcessFailed(config.target(), restarted.service(), at.generation(),
						reason, restarted.failedProbe(), restarted.logTail())).toJsonText());
			}
			catch (EventPublisher.PublishException e) {
				// Kafka away: the processes matter more than the report, which the log keeps
				log.warn("{} not reported: {}", restarted.service(), e.getMessage());
			}
		}
		if (result.results().isEmpty()) {
			result.failure().ifPresent(f -> log.error("start-up reconciliation: {}", f));
		}
		// only once reconciled: an agent that dies before this sees the reboot again at its next start
		boot.record();
	}

	/** The state as last persisted. */
	public AgentState state() {
		return state.get();
	}

	public boolean registered() {
		return heartbeater != null && heartbeater.registered();
	}

	public AgentConfig config() {
		return config;
	}

	/** {@code stopProcessesOnExit}: the current generation stops, and the next start does not report it as failed. */
	private void stopProcesses(Activator current) {
		new LastBoot(config.stateDir()).recordStoppedOnExit();
		try {
			List<String> errors = current.stopCurrent();
			if (errors.isEmpty()) {
				log.info("stopped the processes of generation {}", state.get().generation());
			}
			else {
				errors.forEach(error -> log.error("cannot stop {}", error));
			}
		}
		catch (RuntimeException e) {
			log.error("cannot stop the processes of generation {}", state.get().generation(), e);
		}
	}

	static String version() {
		String version = Agent.class.getPackage().getImplementationVersion();
		return version == null ? "development" : version;
	}

	@Override
	public synchronized void close() {
		health.ifPresent(HealthMonitor::close);
		if (inbox != null) {
			inbox.close();
		}
		// after the inbox: no step is in flight any more
		if (config.stopProcessesOnExit()) {
			activator.ifPresent(this::stopProcesses);
		}
		if (heartbeater != null) {
			heartbeater.close();
		}
		if (publisher != null) {
			publisher.close();
		}
		log.info("agent for target {} stopped", config.target());
	}

}
