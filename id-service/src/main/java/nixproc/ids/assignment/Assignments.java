package nixproc.ids.assignment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import nixproc.ids.IdAssigner;
import nixproc.ids.IdAssignments;
import nixproc.ids.IdPool;
import nixproc.ids.IdRequest;
import nixproc.ids.OtherHolders;
import nixproc.ids.PoolDepletedException;
import nixproc.ids.Scope;
import nixproc.ids.pool.Pools;
import nixproc.service.problem.FieldProblem;
import nixproc.service.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assignment runs, each one database transaction: claim the deployment id, lock the pools in name order, run
 * {@link IdAssigner}, write the difference, raise the events, store the answer.
 */
@Service
public class Assignments {

	private final Pools pools;

	private final HoldingStore store;

	private final HoldingWriter writer;

	private final JsonMapper json;

	Assignments(Pools pools, HoldingStore store, HoldingWriter writer, JsonMapper json) {
		this.pools = pools;
		this.store = store;
		this.writer = writer;
		this.json = json;
	}

	/** Validates and runs a request: the REST entry, also used by tests and the benchmark. */
	@Transactional
	public AssignmentResponse assign(AssignmentRequest request) {
		return run(RequestValidation.check(request));
	}

	private AssignmentResponse run(RequestValidation.Valid request) {
		if (!store.claim(request.deploymentId(), request.hash())) {
			return previousAnswer(request);
		}
		// everything that does not depend on the holdings is prepared before the pools are locked
		Set<String> poolNames = new TreeSet<>();
		Set<String> serviceNames = new HashSet<>();
		Map<String, List<String>> targets = new TreeMap<>();
		request.services().forEach(s -> {
			poolNames.addAll(s.pools());
			serviceNames.add(s.service());
			targets.put(s.service(), List.copyOf(s.targets()));
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
			throw ProblemException.conflict(ex.getMessage(),
					List.of(new FieldProblem(request.pointer(ex.service(), ex.pool()), ex.getMessage())));
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

	private AssignmentResponse previousAnswer(RequestValidation.Valid request) {
		String[] answered = store.answered(request.deploymentId())
			.orElseThrow(() -> new IllegalStateException("deployment id claimed but not found"));
		if (!answered[0].equals(request.hash()) || answered[1] == null) {
			throw new ProblemException(HttpStatus.CONFLICT, "Deployment id '" + request.deploymentId()
					+ "' was used with a different request", List.of(new FieldProblem("/deploymentId",
							"was used with a different request; use a new deployment id")));
		}
		return json.readValue(answered[1], AssignmentResponse.class);
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
