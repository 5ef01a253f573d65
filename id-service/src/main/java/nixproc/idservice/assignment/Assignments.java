package nixproc.idservice.assignment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import nixproc.idassign.IdAssignments;
import nixproc.idassign.IdPool;
import nixproc.idassign.Scope;
import nixproc.idservice.pool.Pools;
import nixproc.model.Pointers;
import nixproc.model.Problem;
import nixproc.service.problem.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assignment runs ({@link AssignmentRun}): claim the deployment id, lock the pools in name order, run the algorithm,
 * write the difference, raise the events, store the answer. Concurrent requests of this JVM are group-committed
 * ({@link GroupCommit}): a batch of them shares one transaction, each request still answered as if it had run alone
 * after the ones before it in the batch, and failing alone. Also the import of an ids file.
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
			return run(List.of(valid)).get(0).answerOrThrow();
		}
		return queue.submit(valid);
	}

	/** A request alone in a transaction of its own, without the queue: the reference a batch must equal. */
	AssignmentResponse assignAlone(AssignmentRequest request) {
		RequestValidation.Valid valid = RequestValidation.check(request);
		return transactions.execute(status -> run(List.of(valid))).get(0).answerOrThrow();
	}

	/** Requests as one batch (no prune, distinct deployment ids), without the queue: answers or problems, in order. */
	List<Outcome> assignBatch(List<AssignmentRequest> requests) {
		List<RequestValidation.Valid> valid = requests.stream().map(RequestValidation::check).toList();
		return transactions.execute(status -> run(valid));
	}

	/** Runs a batch of the queue and completes every answer, after the commit. */
	private void runQueued(List<GroupCommit.Waiting> batch) {
		List<Outcome> outcomes;
		try {
			outcomes = transactions.execute(status -> run(batch.stream().map(GroupCommit.Waiting::request).toList()));
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
			complete(batch.get(i), outcomes.get(i));
		}
	}

	private void runAlone(GroupCommit.Waiting waiting) {
		try {
			complete(waiting, transactions.execute(status -> run(List.of(waiting.request()))).get(0));
		}
		catch (RuntimeException ex) {
			waiting.answer().completeExceptionally(ex);
		}
	}

	private static void complete(GroupCommit.Waiting waiting, Outcome outcome) {
		if (outcome instanceof Outcome.Answered answered) {
			waiting.answer().complete(answered.response());
		}
		else {
			waiting.answer().completeExceptionally(((Outcome.Refused) outcome).problem());
		}
	}

	/** The requests in the caller's transaction: see {@link AssignmentRun}. */
	private List<Outcome> run(List<RequestValidation.Valid> requests) {
		return new AssignmentRun(pools, store, writer, json, requests).run();
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
		List<Problem> errors = new ArrayList<>();
		file.ids().forEach((pool, held) -> {
			IdPool definition = byName.get(pool);
			if (definition == null) {
				errors.add(new Problem(Pointers.to("ids", pool), "no pool named '" + pool + "'; create it first"));
				return;
			}
			Map<String, Set<Long>> taken = new TreeMap<>();
			held.forEach((service, id) -> {
				String at = Pointers.to("ids", pool, service);
				if (!definition.contains(id)) {
					errors.add(new Problem(at, id + " is not in pool " + pool + " (" + definition.min() + ".."
							+ definition.max() + ", step " + definition.step() + ")"));
				}
				List<String> scopes = definition.scope() == Scope.GLOBAL ? List.of(Holdings.GLOBAL)
						: file.targets().getOrDefault(service, List.of());
				if (scopes.isEmpty()) {
					errors.add(new Problem(at, "machine-scoped pool '" + pool
							+ "' needs the service's targets (a targets section)"));
				}
				for (String scope : scopes) {
					if (!taken.computeIfAbsent(scope, s -> new HashSet<>()).add(id)) {
						errors.add(new Problem(at, id + " is held twice in " + (scope.isEmpty() ? "the pool"
								: "the pool on " + scope)));
					}
				}
			});
		});
		if (!errors.isEmpty()) {
			throw ProblemException.badRequest(errors);
		}
		Holdings before = store.load(locked, Optional.empty());
		writer.apply(importId, locked, before, file);
		store.upsertTargets(file.targets());
		return file;
	}

}
