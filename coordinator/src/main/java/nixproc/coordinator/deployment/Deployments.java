package nixproc.coordinator.deployment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import nixproc.coordinator.deployment.DeploymentEvent.DeploymentRequested;
import nixproc.coordinator.generation.Generation;
import nixproc.coordinator.generation.Generations;
import nixproc.coordinator.plan.Manifest;
import nixproc.coordinator.plan.Manifests;
import nixproc.coordinator.plan.Plan;
import nixproc.coordinator.plan.PlanException;
import nixproc.coordinator.plan.Planner;
import nixproc.coordinator.target.AgentAnswer;
import nixproc.coordinator.target.ProcessFailedReported;
import nixproc.coordinator.target.TargetRegistry;
import nixproc.coordinator.target.TargetView;
import nixproc.model.ModelException;
import nixproc.model.Problem;
import nixproc.network.CanonicalForm;
import nixproc.network.DeploymentModel;
import nixproc.network.DeploymentReader;
import nixproc.network.NixEvaluator;
import nixproc.network.Placement;
import nixproc.service.problem.ProblemException;
import nixproc.service.security.CurrentRole;
import nixproc.service.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** What the operator API asks of deployments: start one, plan one, read them, roll back. */
@Service
public class Deployments {

	private static final Logger log = LoggerFactory.getLogger(Deployments.class);

	private static final HttpStatus UNPROCESSABLE = HttpStatus.valueOf(422);

	/** The lock row every deployment takes besides its targets'; not a valid target name, so never a target. */
	static final String NETWORK = "*network*";

	private final DeploymentStore store;

	private final Generations generations;

	private final TargetRegistry targets;

	private final ModelServiceClient models;

	private final IdServiceClient ids;

	private final SagaDriver driver;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock = Clock.systemUTC();

	Deployments(DeploymentStore store, Generations generations, TargetRegistry targets, ModelServiceClient models,
			IdServiceClient ids, SagaDriver driver, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.store = store;
		this.generations = generations;
		this.targets = targets;
		this.models = models;
		this.ids = ids;
		this.driver = driver;
		this.events = events;
		this.tx = tx;
	}

	/**
	 * The source of a request body: {@code {revisionId}} or {@code {models}}; 4xx naming the field otherwise. Nix
	 * models need the deployer role (they are evaluated on the server), and are evaluated by model-service when one is
	 * configured, so that {@code nix-instantiate} never runs beside the signing key; only a coordinator without
	 * model-service evaluates them itself (restricted: the key file is outside what the evaluation may read).
	 */
	public Source source(JsonNode body) {
		JsonNode revision = body.get("revisionId");
		JsonNode inline = body.get("models");
		if ((revision == null) == (inline == null)) {
			throw ProblemException.badRequest("/revisionId", "give exactly one of revisionId and models");
		}
		JsonNode set = revision != null ? models.revision(revision.asString()) : inline;
		List<Problem> nix = revision != null ? List.of()
				: DeploymentReader.nixParts(inline)
					.stream()
					.map(pointer -> new Problem("/models" + pointer,
							"Nix models are evaluated on the server, which needs the deployer role"))
					.toList();
		if (!nix.isEmpty()) {
			CurrentRole.require(Role.DEPLOYER, nix);
			if (models.configured()) {
				// model-service evaluates them: Nix runs in a process that does not hold the signing key
				set = models.validate(inline);
			}
		}
		try {
			// inline models are validated here with the same rules model-service applies
			return new Source.FromModel(DeploymentReader.readValid(set, models.configured() ? NixEvaluator.unavailable()
					: NixEvaluator.fromPath()), Optional.ofNullable(revision).map(JsonNode::asString));
		}
		catch (ModelException e) {
			String prefix = revision != null ? "" : "/models";
			throw new ProblemException(UNPROCESSABLE, "The models are not valid", e.problems()
				.stream()
				.map(p -> new Problem(prefix + p.pointer(), p.message()))
				.toList());
		}
	}

	public DeploymentRow request(Source requested, DeploymentOptions options) {
		if (requested instanceof Source.FromModel m) {
			checkTargets(m.model());
			checkPools(m.model());
		}
		Source source = requested instanceof Source.FromModel m ? stored(m) : requested;
		String id = "d-" + UUID.randomUUID().toString().substring(0, 13);
		Instant now = clock.instant();
		DeploymentRow created = tx.execute(status -> {
			long generation = generations.latestNumber() + 1;
			DeploymentRow row = new DeploymentRow(id, DeploymentStatus.REQUESTED, generation,
					Sources.revision(source), Sources.request(source).toString(), options,
					DeploymentSaga.requested(id, generation, options.stepTimeout()), Optional.empty(), now,
					Optional.empty(), 0);
			store.insert(row);
			for (String target : involved(source)) {
				Optional<String> holder = store.lock(target, id);
				if (holder.isPresent()) {
					throw ProblemException.conflict("target " + target + " is locked by deployment " + holder.get(),
							List.of(new Problem("/distribution", target + " is held by " + holder.get())));
				}
			}
			// generations are network-wide (one manifest, as Disnix's coordinator profile): two deployments on
			// disjoint targets would both plan from generation N and the second commit would drop the first's work
			Optional<String> running = store.lock(NETWORK, id);
			if (running.isPresent()) {
				throw ProblemException.conflict("deployment " + running.get() + " is running; generations are "
						+ "committed one at a time", List.of());
			}
			events.publishEvent(new DeploymentRequested(id, generation, Sources.revision(source).orElse("")));
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					driver.wake(id);
				}
			});
			return row;
		});
		log.info("deployment {} requested (generation {})", id, created.generation());
		return created;
	}

	/**
	 * Inline models go through model-service first when one is configured (issue 9): the deployment then names the
	 * revision it deployed, as one deployed by {@code revisionId} does. Without model-service they are deployed as
	 * given.
	 */
	private Source stored(Source.FromModel source) {
		if (source.revisionId().isPresent() || !models.configured()) {
			return source;
		}
		return new Source.FromModel(source.model(), Optional.of(models.store(CanonicalForm.toJson(source.model()))));
	}

	/** The transition the source would make now, without assigning IDs (those already held are not known here). */
	public Plan plan(Source source) {
		try {
			Manifest next = source instanceof Source.FromModel m ? Manifests.build(m.model(), idsForPlan(m.model()))
					: generations.find(((Source.FromGeneration) source).generation())
						.orElseThrow(() -> ProblemException.notFound("No such generation"))
						.manifest();
			return Planner.plan(generations.current(), next);
		}
		catch (PlanException e) {
			throw new ProblemException(UNPROCESSABLE, "The models cannot be planned",
					List.of(new Problem("/models" + e.pointer(), e.getMessage())));
		}
	}

	/**
	 * The IDs a plan renders with: those id-service holds now, so that services whose IDs stay are untouched; an ID
	 * a deployment would assign first is not known yet, and stands as {@value #UNASSIGNED} (its service is new or
	 * changed either way). Without id-service, or when it does not answer, every ID is unknown: a plan only reads.
	 */
	private Map<String, Map<String, Long>> idsForPlan(DeploymentModel model) {
		Map<String, Map<String, Long>> known = new java.util.HashMap<>();
		if (IdServiceClient.needsIds(model) && ids.configured()) {
			try {
				ids.held().forEach((pool, held) -> known.put(pool, new java.util.HashMap<>(held)));
			}
			catch (RuntimeException e) {
				log.warn("planning without id-service's assignments: {}", e.getMessage());
			}
		}
		model.services().forEach((name, service) -> service.requiresUniqueIdsFor()
			.forEach(pool -> known.computeIfAbsent(pool, p -> new java.util.HashMap<>()).putIfAbsent(name, UNASSIGNED)));
		return known;
	}

	/** The stand-in of an ID not assigned yet, in a plan's manifest. */
	static final long UNASSIGNED = -1;

	/** Generation {@code n}, or the one before the latest, deployed again as a new generation. */
	public DeploymentRow rollback(Optional<Long> generation, DeploymentOptions options) {
		long latest = generations.latestNumber();
		long to = generation.orElse(latest - 1);
		if (to < 1 || generations.find(to).isEmpty()) {
			throw ProblemException.badRequest("/generation", "no generation " + to + " to roll back to (latest is "
					+ latest + ")");
		}
		return request(new Source.FromGeneration(to), options);
	}

	public Optional<DeploymentRow> find(String id) {
		return store.find(id);
	}

	public List<DeploymentRow> recent(int limit) {
		return store.recent(limit);
	}

	/** Answers go to the inbox table first: the coordinator driving the deployment may be another instance. */
	@EventListener
	void on(AgentAnswer answer) {
		store.reply(answer.commandId(), answer.deploymentId(), answer.target(), answer.succeeded(), answer.reason(),
				clock.instant());
		driver.wake(answer.deploymentId());
	}

	/**
	 * The health window (deploy-rs's magic rollback, Nomad's auto_revert): a process of a mapping the latest
	 * deployment changed that dies within the window of its commit rolls the network back to the generation before,
	 * once per event ({@link HealthWindow} says which events count).
	 */
	@EventListener
	void on(ProcessFailedReported failed) {
		Optional<Generation> latest = generations.latest();
		if (latest.isEmpty() || store.anyUnfinished()) {
			return;
		}
		Optional<DeploymentRow> committed = store.find(latest.get().deploymentId());
		if (committed.isEmpty()) {
			return;
		}
		Optional<String> ignored = HealthWindow.ignored(failed, latest.get(),
				generations.find(latest.get().number() - 1), committed.get(), clock.instant());
		if (ignored.isPresent()) {
			log.info("ProcessFailed {} ({} on {}) rolls nothing back: {}", failed.eventId(), failed.service(),
					failed.target(), ignored.get());
			return;
		}
		if (!store.consumeOnce("ProcessFailed/" + failed.target() + "/" + failed.eventId(), "ProcessFailed")) {
			log.info("ProcessFailed {} of {} seen before; ignored", failed.eventId(), failed.target());
			return;
		}
		log.warn("{} on {} failed within the health window of {}: rolling back to generation {}", failed.service(),
				failed.target(), committed.get().id(), latest.get().number() - 1);
		DeploymentOptions options = committed.get().options();
		try {
			// The rollback gets no window of its own: a death after it must not bounce the network back to the
			// generation that just failed (Nomad reverts once, to the last stable version).
			request(new Source.FromGeneration(latest.get().number() - 1), new DeploymentOptions(false, 0,
					options.stepTimeoutSeconds(), options.maxParallelPerTarget()));
		}
		catch (ProblemException e) {
			log.warn("automatic rollback not started: {}", e.getMessage());
		}
	}

	private SortedSet<String> involved(Source source) {
		SortedSet<String> involved = new TreeSet<>(generations.current().targets());
		if (source instanceof Source.FromModel m) {
			m.model().distribution().values().forEach(ms -> ms.forEach(mapping -> involved.add(mapping.target())));
		}
		else {
			generations.find(((Source.FromGeneration) source).generation())
				.ifPresent(g -> involved.addAll(g.manifest().targets()));
		}
		return involved;
	}

	/**
	 * ID pools are the admin's (id-service asks for it): the coordinator imports a model's {@code idResources} with its
	 * own token, so a deployer's model may only name pools as id-service has them (issue 17).
	 */
	private void checkPools(DeploymentModel model) {
		if (model.idResources().isEmpty() || !ids.configured() || CurrentRole.atLeast(Role.ADMIN)) {
			return;
		}
		List<String> changes;
		try {
			changes = ids.poolChanges(model);
		}
		catch (RuntimeException e) {
			throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "cannot compare the model's idResources with "
					+ "id-service's pools: " + e.getMessage(), List.of());
		}
		if (!changes.isEmpty()) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "The token's role does not allow this request: creating "
					+ "or changing ID pools needs the admin role", changes.stream()
						.map(pool -> new Problem("/models/idResources/" + pool, "pool " + pool
								+ " would be created or changed; that needs the admin role"))
						.toList());
		}
	}

	/** Every target the model deploys to must have a registered, online agent with the model's process manager. */
	private void checkTargets(DeploymentModel model) {
		List<Problem> problems = new ArrayList<>();
		SortedSet<String> used = new TreeSet<>();
		model.distribution().values().forEach(ms -> ms.stream().map(Placement::target).forEach(used::add));
		for (String name : used) {
			String at = "/infrastructure/" + name;
			Optional<TargetView> target = targets.find(name);
			if (target.isEmpty()) {
				problems.add(new Problem(at, "no agent has registered for target " + name));
			}
			else if (!target.get().online()) {
				problems.add(new Problem(at, "target " + name + " is offline (last heartbeat "
						+ target.get().lastHeartbeat() + ")"));
			}
			else {
				model.infrastructure().get(name).processManager().filter(pm -> !target.get().runs(pm)).ifPresent(
						pm -> problems.add(new Problem(at + "/processManager", "the agent of " + name
								+ " activates with " + target.get().processManager() + ", not " + pm)));
			}
		}
		if (IdServiceClient.needsIds(model) && !ids.configured()) {
			problems.add(new Problem("/services", "the model requires unique IDs and no id-service is "
					+ "configured (NIXPROC_ID_SERVICE_URL)"));
		}
		if (!problems.isEmpty()) {
			throw new ProblemException(UNPROCESSABLE, "The network cannot run this model", problems);
		}
	}

}
