package nixproc.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
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
import nixproc.agent.state.StateStore;
import nixproc.events.Capabilities;
import nixproc.events.Ed25519Keys;
import nixproc.events.EnvelopeSigner;
import nixproc.events.EnvelopeVerifier;
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

		Activator create(AgentConfig config, Capabilities capabilities);

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
		Capabilities capabilities = CapabilityDetector.detect(config.processManager(), config.privileged(),
				config.properties());
		publisher = new EventPublisher(config, new EnvelopeSigner(keys.getPrivate()), clock);
		Registered registration = new Registered(config.target(), capabilities, Ed25519Keys.encode(keys.getPublic()),
				version(), started, state.get().generation());
		heartbeater = new Heartbeater(publisher, registration, state::get, clock, config.heartbeat());
		Activator activator = activators.create(config, capabilities);
		if (activator instanceof HealthSource source) {
			health = java.util.Optional.of(new HealthMonitor(publisher, source, state::get, config.target(),
					config.heartbeat()));
		}
		inbox = new Inbox(config, new EnvelopeVerifier(config.coordinatorPublicKey()), new Handlers(activator), store,
				state, publisher, clock);
		inbox.onFatal(onFatal);
		heartbeater.start();
		inbox.start(heartbeater::awaitFirstAttempt);
		health.ifPresent(HealthMonitor::start);
		log.info("agent for target {} started (state {}, generation {}, Kafka {})", config.target(),
				config.stateDir(), state.get().generation(), config.kafkaBootstrap());
		return this;
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
		if (heartbeater != null) {
			heartbeater.close();
		}
		if (publisher != null) {
			publisher.close();
		}
		log.info("agent for target {} stopped", config.target());
	}

}
