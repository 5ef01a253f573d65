package nixproc.idservice.assignment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import nixproc.idassign.IdAssigner;
import nixproc.idassign.IdAssignments;
import nixproc.idassign.IdPool;
import nixproc.idassign.IdRequest;
import nixproc.idassign.OtherHolders;
import nixproc.idassign.PoolDepletedException;
import nixproc.idassign.Scope;
import nixproc.idservice.pool.Pools;
import nixproc.service.problem.FieldProblem;
import nixproc.service.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assignment runs: claim the deployment id, lock the pools in name order, run {@link IdAssigner}, write the
 * difference, raise the events, store the answer. Concurrent requests of this JVM are group-committed
 * ({@link GroupCommit}): a batch of them shares one transaction, each request still answered as if it had run alone
 * after the ones before it in the batch, and failing alone.
 */
@Service
public class Assignments {

	private final Pools pools;

	private final HoldingStore store;

	private final HoldingWriter writer;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	private final GroupCommit queue = new GroupCommit(this::runQueued);

	Assignments(Pools pools, HoldingStore store, HoldingWriter writer, JsonMapper json,
			PlatformTransactionManager transactionManager) {
		this.pools = pools;
		this.store = store;
		this.writer = writer;
		this.json = json;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Validates and runs a request: the REST entry, also used by tests and the benchmark. */
	public AssignmentResponse assign(AssignmentRequest request) {
		RequestValidation.Valid valid = RequestValidation.check(request);
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			// the caller's transaction decides the commit: the request runs alone in it
			return run(valid);
		}
		return queue.submit(valid);
	}

	/** A request alone in a transaction of its own, without the queue: the reference a batch must equal. */
	AssignmentResponse assignAlone(AssignmentRequest request) {
		RequestValidation.Valid valid = RequestValidation.check(request);
		return transactions.execute(status -> run(valid));
	}

	/** Requests as one batch (no prune, distinct deployment ids), without the queue: answers or problems, in order. */
	List<Object> assignBatch(List<AssignmentRequest> requests) {
		List<RequestValidation.Valid> valid = requests.stream().map(RequestValidation::check).toList();
		return transactions.execute(status -> runBatch(valid));
	}

	/** Runs a batch of the queue and completes every answer, after the commit. */
	private void runQueued(List<GroupCommit.Waiting> batch) {
		if (batch.size() == 1 && batch.get(0).request().prune()) {
			runAlone(batch.get(0));
			return;
		}
		List<Object> outcomes;
		try {
			outcomes = transactions.execute(status -> runBatch(batch.stream().map(GroupCommit.Waiting::request).toList()));
		}
		catch (RuntimeException ex) {
			if (batch.size() == 1) {
				batch.get(0).answer().completeExceptionally(ex);
				return;
			}
			// the batch failed as a whole (the database, say): each request alone, so that one cannot fail the others
			batch.forEach(this::runAlone);
			return;
		}
		for (int i = 0; i < batch.size(); i++) {
			if (outcomes.get(i) instanceof AssignmentResponse response) {
				batch.get(i).answer().complete(response);
			}
			else {
				batch.get(i).answer().completeExceptionally((RuntimeException) outcomes.get(i));
			}
		}
	}

	private void runAlone(GroupCommit.Waiting waiting) {
		try {
			waiting.answer().complete(transactions.execute(status -> run(waiting.request())));
		}
		catch (RuntimeException ex) {
			waiting.answer().completeExceptionally(ex);
		}
	}

	/**
	 * The requests of a batch (no prune, distinct deployment ids) in the caller's one transaction, each answered
	 * exactly as if it had run alone after the ones before it: one statement claims every deployment id, the pools
	 * of all are locked once (name order) and read once, then {@link IdAssigner} runs request after request in
	 * memory ({@link BatchState}: each sees the IDs the earlier ones took), and one statement writes the net change,
	 * the answers, and gives back the deployment ids of the requests that failed; one event per request as alone.
	 * A request that fails (depleted pool, unknown pool, deployment id used by another request) changes nothing
	 * and does not fail the others.
	 *
	 * @return per request its answer or the {@link ProblemException} it failed with
	 */
	private List<Object> runBatch(List<RequestValidation.Valid> requests) {
		List<Object> outcomes = new ArrayList<>(Collections.nCopies(requests.size(), (Object) ""));
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
			String hash = claim.hash();
			try {
				// no hash: committed by another transaction while the claim waited for it, so the statement did not see it
				outcomes.set(i, hash == null ? previousAnswer(request) : previousAnswer(request, hash, claim.response()));
			}
			catch (ProblemException ex) {
				outcomes.set(i, ex);
			}
		}
		if (claimed.isEmpty()) {
			return outcomes;
		}
		Set<String> poolNames = new TreeSet<>();
		claimed.forEach(i -> requests.get(i).services().forEach(s -> poolNames.addAll(s.pools())));
		List<IdPool> locked = pools.lock(poolNames);
		List<String> unclaimed = new ArrayList<>();
		List<Integer> running = new ArrayList<>();
		Set<String> services = new HashSet<>();
		Set<String> scopes = new HashSet<>(Set.of(Holdings.GLOBAL));
		for (int i : claimed) {
			RequestValidation.Valid request = requests.get(i);
			try {
				checkPools(request, locked);
			}
			catch (ProblemException ex) {
				outcomes.set(i, ex);
				unclaimed.add(request.deploymentId());
				continue;
			}
			running.add(i);
			request.services().forEach(s -> {
				services.add(s.service());
				scopes.addAll(s.targets());
			});
		}
		Map<String, List<String>> recorded = new TreeMap<>();
		List<String[]> answers = new ArrayList<>();
		List<Map.Entry<String, HoldingWriter.Changes>> events = new ArrayList<>();
		BatchState state = null;
		if (!running.isEmpty()) {
			HoldingStore.Run read = store.loadRun(locked, services, scopes);
			state = new BatchState(read.before(), read.others());
		}
		for (int i : running) {
			RequestValidation.Valid request = requests.get(i);
			List<IdPool> mine = new ArrayList<>();
			Set<String> wanted = new HashSet<>();
			request.services().forEach(s -> wanted.addAll(s.pools()));
			locked.stream().filter(p -> wanted.contains(p.name())).forEach(mine::add);
			Set<String> own = new HashSet<>();
			request.services().forEach(s -> own.add(s.service()));
			Holdings before = state.holdingsOf(mine, own);
			IdAssignments after;
			try {
				after = IdAssigner.assign(mine, request.services(), before.assignments(), state.othersThan(own), false);
			}
			catch (PoolDepletedException ex) {
				outcomes.set(i, depleted(request, ex));
				unclaimed.add(request.deploymentId());
				continue;
			}
			AssignmentResponse response = response(request, after);
			Map<String, List<String>> targets = targetsToRecord(request);
			state.apply(mine, before, after, targets);
			recorded.putAll(targets);
			answers.add(new String[] { request.deploymentId(), json.writeValueAsString(response) });
			events.add(Map.entry(request.deploymentId(), HoldingWriter.changes(mine, before, after)));
			outcomes.set(i, response);
		}
		if (state != null) {
			store.delete(state.deletes());
			store.write(state.inserts(), state.changedCursors(locked), recorded, answers, unclaimed);
		}
		else {
			store.write(List.of(), List.of(), Map.of(), List.of(), unclaimed);
		}
		events.forEach(e -> writer.publish(e.getKey(), e.getValue()));
		return outcomes;
	}

	private AssignmentResponse run(RequestValidation.Valid request) {
		if (!store.claim(request.deploymentId(), request.hash())) {
			return previousAnswer(request);
		}
		// everything that does not depend on the holdings is prepared before the pools are locked
		Set<String> poolNames = new TreeSet<>();
		Set<String> serviceNames = new HashSet<>();
		Map<String, List<String>> targets = targetsToRecord(request);
		request.services().forEach(s -> {
			poolNames.addAll(s.pools());
			serviceNames.add(s.service());
		});
		List<IdPool> locked = request.prune() ? pools.lockAll() : pools.lock(poolNames);
		checkPools(request, locked);
		Holdings before;
		OtherHolders others;
		if (request.prune()) {
			before = store.load(locked, Optional.empty());
			others = OtherHolders.NONE;
		}
		else {
			// where the run will look first for free IDs: after the global cursors and those of the services' targets
			Set<String> scopes = new HashSet<>(Set.of(Holdings.GLOBAL));
			request.services().forEach(s -> scopes.addAll(s.targets()));
			HoldingStore.Run run = store.loadRun(locked, serviceNames, scopes);
			before = run.before();
			others = run.others();
		}
		IdAssignments after;
		try {
			after = IdAssigner.assign(locked, request.services(), before.assignments(), others, request.prune());
		}
		catch (PoolDepletedException ex) {
			throw depleted(request, ex);
		}
		AssignmentResponse response = response(request, after);
		writer.apply(request.deploymentId(), locked, before, after, request.prune(), targets,
				json.writeValueAsString(response));
		if (request.prune()) {
			store.deleteTargetsOfNonHolders();
		}
		return response;
	}

	/** Everything held now, in the shape of the seed's ids file. */
	@Transactional(readOnly = true)
	public IdAssignments current() {
		return store.load(pools.all(), Optional.empty()).assignments();
	}

	/**
	 * Replaces the holdings and cursors of every pool the file names with the file's; pools it does not name are
	 * untouched. A machine-scoped pool needs the file's {@code targets} for each holder.
	 */
	@Transactional
	public IdAssignments importFile(IdAssignments file, String importId) {
		List<IdPool> locked = pools.lock(file.ids().keySet());
		Map<String, IdPool> byName = new TreeMap<>();
		locked.forEach(p -> byName.put(p.name(), p));
		List<FieldProblem> errors = new ArrayList<>();
		file.ids().forEach((pool, held) -> {
			IdPool definition = byName.get(pool);
			if (definition == null) {
				errors.add(new FieldProblem(FieldProblem.pointer("ids", pool), "no pool named '" + pool + "'; create it first"));
				return;
			}
			Map<String, Set<Long>> taken = new TreeMap<>();
			held.forEach((service, id) -> {
				String at = FieldProblem.pointer("ids", pool, service);
				if (!definition.contains(id)) {
					errors.add(new FieldProblem(at, id + " is not in pool " + pool + " (" + definition.min() + ".."
							+ definition.max() + ", step " + definition.step() + ")"));
				}
				List<String> scopes = definition.scope() == Scope.GLOBAL ? List.of(Holdings.GLOBAL)
						: file.targets().getOrDefault(service, List.of());
				if (scopes.isEmpty()) {
					errors.add(new FieldProblem(at, "machine-scoped pool '" + pool
							+ "' needs the service's targets (a targets section)"));
				}
				for (String scope : scopes) {
					if (!taken.computeIfAbsent(scope, s -> new HashSet<>()).add(id)) {
						errors.add(new FieldProblem(at, id + " is held twice in " + (scope.isEmpty() ? "the pool"
								: "the pool on " + scope)));
					}
				}
			});
		});
		if (!errors.isEmpty()) {
			throw ProblemException.badRequest(errors);
		}
		Holdings before = store.load(locked, Optional.empty());
		writer.apply(importId, locked, before, file, true);
		store.upsertTargets(file.targets());
		return file;
	}

	private void checkPools(RequestValidation.Valid request, List<IdPool> locked) {
		Map<String, IdPool> byName = new TreeMap<>();
		locked.forEach(p -> byName.put(p.name(), p));
		List<FieldProblem> errors = new ArrayList<>();
		for (int i = 0; i < request.services().size(); i++) {
			IdRequest service = request.services().get(i);
			int j = 0;
			for (String pool : service.pools()) {
				IdPool definition = byName.get(pool);
				if (definition == null) {
					errors.add(new FieldProblem(FieldProblem.pointer("services", i, "pools", j), "no pool named '" + pool + "'"));
				}
				else if (definition.scope() == Scope.MACHINE && service.targets().isEmpty()) {
					errors.add(new FieldProblem(FieldProblem.pointer("services", i, "targets"),
							"must name at least one target: pool '" + pool + "' is machine-scoped"));
				}
				j++;
			}
		}
		if (!errors.isEmpty()) {
			throw ProblemException.badRequest(errors);
		}
	}

	private static ProblemException depleted(RequestValidation.Valid request, PoolDepletedException ex) {
		return ProblemException.conflict(ex.getMessage(),
				List.of(new FieldProblem(request.pointer(ex.service(), ex.pool()), ex.getMessage())));
	}

	/** The targets a run records for its services, in request order. */
	private static Map<String, List<String>> targetsToRecord(RequestValidation.Valid request) {
		Map<String, List<String>> targets = new TreeMap<>();
		request.services().forEach(s -> targets.put(s.service(), List.copyOf(s.targets())));
		return targets;
	}

	private AssignmentResponse previousAnswer(RequestValidation.Valid request) {
		String[] answered = store.answered(request.deploymentId())
			.orElseThrow(() -> new IllegalStateException("deployment id claimed but not found"));
		return previousAnswer(request, answered[0], answered[1]);
	}

	/** The stored answer of a repeated request, or 409 if the deployment id was used by another request. */
	private AssignmentResponse previousAnswer(RequestValidation.Valid request, String hash, @Nullable String answer) {
		if (!hash.equals(request.hash()) || answer == null) {
			throw new ProblemException(HttpStatus.CONFLICT, "Deployment id '" + request.deploymentId()
					+ "' was used with a different request", List.of(new FieldProblem("/deploymentId",
							"was used with a different request; use a new deployment id")));
		}
		return json.readValue(answer, AssignmentResponse.class);
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
