package nixproc.coordinator.deployment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import nixproc.coordinator.deployment.Source.FromGeneration;
import nixproc.coordinator.generation.Generations;
import nixproc.coordinator.keys.CoordinatorKeys;
import nixproc.coordinator.plan.Manifest;
import nixproc.coordinator.plan.Manifests;
import nixproc.coordinator.plan.Plan;
import nixproc.coordinator.plan.PlanException;
import nixproc.coordinator.plan.Planner;
import nixproc.events.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs {@link DeploymentSaga} against the database and Kafka. One thread per coordinator drives every deployment
 * whose lease it holds: on each agent answer (woken at once) and on a tick (timeouts, and deployments left behind
 * by a coordinator that stopped: their lease runs out and whoever ticks next takes them over). Every transition
 * is one transaction: saga row (version-checked), generation on commit, commands and domain events into the outbox.
 */
@Component
class SagaDriver {

	private static final Logger log = LoggerFactory.getLogger(SagaDriver.class);

	private final String owner = "coordinator-" + UUID.randomUUID();

	private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "saga-driver"));

	private final DeploymentStore store;

	private final Generations generations;

	private final CoordinatorKeys keys;

	private final IdServiceClient ids;

	private final Sources sources;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Duration lease;

	/** The leases this coordinator holds and until when; only the driver thread reads or writes it. */
	private final Map<String, Instant> held = new HashMap<>();

	private final Clock clock = Clock.systemUTC();

	SagaDriver(DeploymentStore store, Generations generations, CoordinatorKeys keys, IdServiceClient ids,
			Sources sources, ApplicationEventPublisher events, TransactionTemplate tx,
			@Value("${nixproc.coordinator.lease:15s}") Duration lease) {
		this.store = store;
		this.generations = generations;
		this.keys = keys;
		this.ids = ids;
		this.sources = sources;
		this.events = events;
		this.tx = tx;
		this.lease = lease;
	}

	void wake(String deploymentId) {
		thread.execute(() -> drive(deploymentId));
	}

	@Scheduled(fixedDelayString = "${nixproc.coordinator.tick:500ms}")
	void tick() {
		store.unfinished().forEach(this::wake);
	}

	@PreDestroy
	void stop() {
		thread.shutdownNow();
	}

	void drive(String id) {
		try {
			Instant now = clock.instant();
			if (!holds(id, now)) {
				store.find(id).filter(r -> r.status().terminal()).ifPresent(r -> advance(r, now));
				return;
			}
			DeploymentRow row = store.find(id).orElseThrow();
			if (row.status().terminal()) {
				held.remove(id);
			}
			switch (row.status()) {
				case REQUESTED, ASSIGNING_IDS -> start(row, now);
				default -> advance(row, now);
			}
		}
		catch (OptimisticLockingFailureException e) {
			held.remove(id);
			log.debug("deployment {} moved on elsewhere; next tick reloads it", id);
		}
		catch (RuntimeException e) {
			log.error("driving deployment {} failed; retried on the next tick", id, e);
		}
	}

	/**
	 * Whether this coordinator holds the deployment's lease, claiming or renewing it in the database only once half
	 * of it has gone: a claim is a commit, and it used to be one on every agent answer's way.
	 */
	private boolean holds(String id, Instant now) {
		Instant until = held.get(id);
		if (until != null && until.isAfter(now.plus(lease.dividedBy(2)))) {
			return true;
		}
		if (store.claim(id, owner, now, lease)) {
			held.put(id, now.plus(lease));
			return true;
		}
		held.remove(id);
		return false;
	}

	private void start(DeploymentRow row, Instant now) {
		Source source = sources.of(row);
		Map<String, Map<String, Long>> assigned = Map.of();
		SagaData saga = row.saga();
		if (source instanceof Source.FromModel fromModel && ids.hasWork(fromModel.model())) {
			if (row.status() == DeploymentStatus.REQUESTED) {
				Transition t = DeploymentSaga.assigningIds(saga);
				row = save(row, t, Optional.empty(), now);
				saga = row.saga();
			}
			try {
				// the model's pools first, so that its services' IDs come from them; importing the same pools again
				// (a retry on the next tick) changes nothing
				ids.importPools(fromModel.model());
				if (IdServiceClient.needsIds(fromModel.model())) {
					assigned = ids.assign(row.id(), fromModel.model());
				}
			}
			catch (IdServiceClient.Refused e) {
				save(row, DeploymentSaga.refuse(saga, e.getMessage()), Optional.empty(), now);
				return;
			}
			catch (RuntimeException e) {
				if (row.createdAt().plus(row.options().stepTimeout()).isBefore(now)) {
					save(row, DeploymentSaga.refuse(saga, "id-service unavailable: " + e.getMessage()),
							Optional.empty(), now);
				}
				return;
			}
		}
		Manifest next;
		try {
			next = source instanceof Source.FromModel m ? Manifests.build(m.model(), assigned)
					: generations.find(((FromGeneration) source).generation())
						.orElseThrow(() -> new PlanException("/generation",
								"no generation " + ((FromGeneration) source).generation()))
						.manifest();
		}
		catch (PlanException e) {
			save(row, DeploymentSaga.refuse(saga, e.pointer() + ": " + e.getMessage()), Optional.empty(), now);
			return;
		}
		Plan plan = Planner.plan(generations.current(), next);
		Transition t = DeploymentSaga.start(saga, plan, plan.parallelism(row.options().maxParallelPerTarget()), now);
		save(row, t, Optional.of(next), now);
	}

	/**
	 * Applies answers and timeouts. For a finished deployment only the answers to its unlocks are left; recording
	 * them needs no lease, since nothing is sent any more, and the version check keeps two writers apart.
	 */
	private void advance(DeploymentRow row, Instant now) {
		List<StepReply> replies = store.pendingReplies(row.id());
		if (row.status().terminal() && replies.isEmpty()) {
			return;
		}
		SagaData saga = row.saga();
		List<Command> commands = new ArrayList<>();
		List<DeploymentEvent> out = new ArrayList<>();
		for (StepReply reply : replies) {
			Transition t = DeploymentSaga.onReply(saga, reply, now);
			if (t.data() == saga) {
				log.info("deployment {}: ignored an answer to {} from {} (not a running step)", row.id(),
						reply.commandId(), reply.target());
			}
			saga = t.data();
			commands.addAll(t.commands());
			out.addAll(t.events());
		}
		Transition tick = DeploymentSaga.onTick(saga, now);
		commands.addAll(tick.commands());
		out.addAll(tick.events());
		Transition all = new Transition(tick.data(), commands, out);
		DeploymentRow current = row;
		tx.executeWithoutResult(status -> {
			if (all.data() != current.saga()) {
				saveInTransaction(current, all, Optional.empty(), now);
			}
			store.applied(replies);
		});
	}

	private DeploymentRow save(DeploymentRow row, Transition t, Optional<Manifest> manifest, Instant now) {
		tx.executeWithoutResult(status -> saveInTransaction(row, t, manifest, now));
		return store.find(row.id()).orElseThrow();
	}

	private void saveInTransaction(DeploymentRow row, Transition t, Optional<Manifest> manifest, Instant now) {
		SagaData saga = t.data();
		store.save(row, saga, manifest, now);
		for (Command command : t.commands()) {
			events.publishEvent(new CommandIssued(command.target(), keys.sign(command, now).toJsonText()));
		}
		t.events().forEach(events::publishEvent);
		if (saga.status() == DeploymentStatus.COMMITTED && row.status() != DeploymentStatus.COMMITTED) {
			// the stored text as it is: parsing and writing a network's manifest again held up the unlocks sent with it
			String committed = manifest.map(store::json).or(() -> store.manifestJson(row.id())).orElseThrow();
			generations.commit(row.generation(), row.id(), row.revisionId(), committed, now);
		}
		if (saga.status() != row.status()) {
			log.info("deployment {}: {} -> {}{}", row.id(), row.status(), saga.status(),
					saga.failure().map(f -> " (" + f + ")").orElse(""));
		}
	}

}
