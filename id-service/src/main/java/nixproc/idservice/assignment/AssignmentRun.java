package nixproc.idservice.assignment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import nixproc.idassign.IdAssigner;
import nixproc.idassign.IdAssignments;
import nixproc.idassign.IdPool;
import nixproc.idassign.IdRequest;
import nixproc.idassign.OtherHolders;
import nixproc.idassign.PoolDepletedException;
import nixproc.idassign.Scope;
import nixproc.idservice.pool.Pools;
import nixproc.model.Pointers;
import nixproc.model.Problem;
import nixproc.service.problem.ProblemException;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way IDs are assigned: requests in the caller's one transaction, each answered exactly as if it had run
 * alone after the ones before it. One statement claims every deployment id; the pools of all are locked once (name
 * order) and read once; then {@link IdAssigner} runs request after request in memory ({@link BatchState}: each sees
 * the IDs the earlier ones took); one statement writes the net change and the answers and gives back the deployment
 * ids of the requests that failed; one event per request, as alone. A request that fails (depleted pool, unknown
 * pool, deployment id used by another request) changes nothing and does not fail the others.
 *
 * <p>A batch of one is a request alone. A prune request (it releases the IDs of every service it does not name)
 * locks and reads every pool and must be alone.
 */
final class AssignmentRun {

	private final Pools pools;

	private final HoldingStore store;

	private final HoldingWriter writer;

	private final JsonMapper json;

	private final List<RequestValidation.Valid> requests;

	private final boolean prune;

	/** request index → outcome, filled as the run decides. */
	private final Map<Integer, Outcome> outcomes = new TreeMap<>();

	/** Deployment ids claimed by requests that failed: given back. */
	private final List<String> unclaimed = new ArrayList<>();

	AssignmentRun(Pools pools, HoldingStore store, HoldingWriter writer, JsonMapper json,
			List<RequestValidation.Valid> requests) {
		this.pools = pools;
		this.store = store;
		this.writer = writer;
		this.json = json;
		this.requests = List.copyOf(requests);
		this.prune = requests.stream().anyMatch(RequestValidation.Valid::prune);
		if (prune && requests.size() > 1) {
			throw new IllegalArgumentException("a prune request runs alone: it locks and reads every pool");
		}
	}

	/** Runs the requests; per request, in order, its answer or the problem it failed with. */
	List<Outcome> run() {
		List<Integer> claimed = claim();
		if (!claimed.isEmpty()) {
			Set<String> poolNames = new TreeSet<>();
			claimed.forEach(i -> requests.get(i).services().forEach(s -> poolNames.addAll(s.pools())));
			List<IdPool> locked = prune ? pools.lockAll() : pools.lock(poolNames);
			List<Integer> running = new ArrayList<>();
			for (int i : claimed) {
				Optional<ProblemException> problem = poolProblem(requests.get(i), locked);
				if (problem.isPresent()) {
					refuse(i, problem.get());
				}
				else {
					running.add(i);
				}
			}
			assign(running, locked);
		}
		return IntStream.range(0, requests.size()).mapToObj(outcomes::get).toList();
	}

	/** Claims every deployment id; answers at once the requests whose id was used before. */
	private List<Integer> claim() {
		Map<String, HoldingStore.Claim> claims = store.claimAll(
				requests.stream().map(RequestValidation.Valid::deploymentId).toList(),
				requests.stream().map(RequestValidation.Valid::hash).toList());
		List<Integer> claimed = new ArrayList<>();
		for (int i = 0; i < requests.size(); i++) {
			RequestValidation.Valid request = requests.get(i);
			HoldingStore.Claim claim = claims.get(request.deploymentId());
			if (claim.claimed()) {
				claimed.add(i);
				continue;
			}
			try {
				// nothing stored: committed by another transaction while the claim waited for it, unseen by the statement
				HoldingStore.Stored stored = claim.stored()
					.or(() -> store.answered(request.deploymentId()))
					.orElseThrow(() -> new IllegalStateException("deployment id claimed but not found"));
				outcomes.put(i, new Outcome.Answered(previousAnswer(request, stored)));
			}
			catch (ProblemException ex) {
				outcomes.put(i, new Outcome.Refused(ex));
			}
		}
		return claimed;
	}

	/** Runs the requests that passed the checks, in order, and writes what they changed. */
	private void assign(List<Integer> running, List<IdPool> locked) {
		if (running.isEmpty()) {
			store.write(List.of(), List.of(), Map.of(), List.of(), unclaimed);
			return;
		}
		Holdings loaded;
		OtherHolders outside;
		if (prune) {
			loaded = store.load(locked, Optional.empty());
			outside = OtherHolders.NONE;
		}
		else {
			// where the runs will look first for free IDs: after the global cursors and those of the services' targets
			Set<String> services = new HashSet<>();
			Set<String> scopes = new HashSet<>(Set.of(Holdings.GLOBAL));
			running.forEach(i -> requests.get(i).services().forEach(s -> {
				services.add(s.service());
				scopes.addAll(s.targets());
			}));
			HoldingStore.Run read = store.loadRun(locked, services, scopes);
			loaded = read.before();
			outside = read.others();
		}
		BatchState state = new BatchState(loaded, outside);
		Map<String, List<String>> recorded = new TreeMap<>();
		List<HoldingStore.Answer> answers = new ArrayList<>();
		List<Published> published = new ArrayList<>();
		Optional<IdAssignments> pruned = Optional.empty();
		for (int i : running) {
			RequestValidation.Valid request = requests.get(i);
			Set<String> own = new HashSet<>();
			request.services().forEach(s -> own.add(s.service()));
			// a prune request is alone: it covers every pool and every holder, and nobody else holds anything
			List<IdPool> mine = prune ? locked : poolsOf(request, locked);
			Holdings before = prune ? loaded : state.holdingsOf(mine, own);
			OtherHolders others = prune ? OtherHolders.NONE : state.othersThan(own);
			IdAssignments after;
			try {
				after = IdAssigner.assign(mine, request.services(), before.assignments(), others, prune);
			}
			catch (PoolDepletedException ex) {
				refuse(i, depleted(request, ex));
				continue;
			}
			AssignmentResponse response = response(request, after);
			Map<String, List<String>> targets = targetsToRecord(request);
			state.apply(mine, before, after, targets);
			recorded.putAll(targets);
			answers.add(new HoldingStore.Answer(request.deploymentId(), json.writeValueAsString(response)));
			published.add(new Published(request.deploymentId(), HoldingWriter.changes(mine, before, after)));
			outcomes.put(i, new Outcome.Answered(response));
			if (prune) {
				pruned = Optional.of(after);
			}
		}
		store.delete(state.deletes());
		store.write(state.inserts(), state.changedCursors(locked), recorded, answers, unclaimed);
		pruned.ifPresent(after -> {
			writer.deleteStaleCursors(locked, after);
			store.deleteTargetsOfNonHolders();
		});
		published.forEach(p -> writer.publish(p.deploymentId(), p.changes()));
	}

	/** A request's events, raised after the batch's writes. */
	private record Published(String deploymentId, HoldingWriter.Changes changes) {
	}

	private void refuse(int request, ProblemException problem) {
		outcomes.put(request, new Outcome.Refused(problem));
		unclaimed.add(requests.get(request).deploymentId());
	}

	private static List<IdPool> poolsOf(RequestValidation.Valid request, List<IdPool> locked) {
		Set<String> wanted = new HashSet<>();
		request.services().forEach(s -> wanted.addAll(s.pools()));
		return locked.stream().filter(p -> wanted.contains(p.name())).toList();
	}

	/** Unknown pools, and machine-scoped pools of services without targets, as a 400. */
	private static Optional<ProblemException> poolProblem(RequestValidation.Valid request, List<IdPool> locked) {
		Map<String, IdPool> byName = new TreeMap<>();
		locked.forEach(p -> byName.put(p.name(), p));
		List<Problem> errors = new ArrayList<>();
		for (int i = 0; i < request.services().size(); i++) {
			IdRequest service = request.services().get(i);
			int j = 0;
			for (String pool : service.pools()) {
				IdPool definition = byName.get(pool);
				if (definition == null) {
					errors.add(new Problem(Pointers.to("services", i, "pools", j), "no pool named '" + pool + "'"));
				}
				else if (definition.scope() == Scope.MACHINE && service.targets().isEmpty()) {
					errors.add(new Problem(Pointers.to("services", i, "targets"),
							"must name at least one target: pool '" + pool + "' is machine-scoped"));
				}
				j++;
			}
		}
		return errors.isEmpty() ? Optional.empty() : Optional.of(ProblemException.badRequest(errors));
	}

	private static ProblemException depleted(RequestValidation.Valid request, PoolDepletedException ex) {
		return ProblemException.conflict(ex.getMessage(),
				List.of(new Problem(request.pointer(ex.service(), ex.pool()), ex.getMessage())));
	}

	/** The targets a run records for its services, in request order. */
	private static Map<String, List<String>> targetsToRecord(RequestValidation.Valid request) {
		Map<String, List<String>> targets = new TreeMap<>();
		request.services().forEach(s -> targets.put(s.service(), List.copyOf(s.targets())));
		return targets;
	}

	/** The stored answer of a repeated request, or 409 if the deployment id was used by another request. */
	private AssignmentResponse previousAnswer(RequestValidation.Valid request, HoldingStore.Stored stored) {
		if (!stored.hash().equals(request.hash()) || stored.response().isEmpty()) {
			throw new ProblemException(HttpStatus.CONFLICT, "Deployment id '" + request.deploymentId()
					+ "' was used with a different request", List.of(new Problem("/deploymentId",
							"was used with a different request; use a new deployment id")));
		}
		return json.readValue(stored.response().get(), AssignmentResponse.class);
	}

	private static AssignmentResponse response(RequestValidation.Valid request, IdAssignments after) {
		Map<String, Map<String, Long>> ids = new TreeMap<>();
		Set<String> pools = new TreeSet<>();
		Set<String> targets = new TreeSet<>();
		for (IdRequest service : request.services()) {
			targets.addAll(service.targets());
			for (String pool : service.pools()) {
				pools.add(pool);
				after.id(pool, service.service())
					.ifPresent(id -> ids.computeIfAbsent(pool, p -> new TreeMap<>()).put(service.service(), id));
			}
		}
		Map<String, Long> last = new TreeMap<>(after.lastAssignments());
		last.keySet().retainAll(pools);
		Map<String, Map<String, Long>> perTarget = new TreeMap<>();
		after.lastAssignmentsPerTarget().forEach((target, lasts) -> {
			if (targets.contains(target)) {
				Map<String, Long> relevant = new TreeMap<>(lasts);
				relevant.keySet().retainAll(pools);
				if (!relevant.isEmpty()) {
					perTarget.put(target, relevant);
				}
			}
		});
		return new AssignmentResponse(ids, last, perTarget);
	}

}
