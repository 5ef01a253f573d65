package nixproc.idservice.assignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import nixproc.idassign.IdAssigner;
import nixproc.idassign.IdAssignments;
import nixproc.idassign.IdPool;
import nixproc.idassign.IdRequest;
import nixproc.idassign.OtherHolders;
import nixproc.idassign.PoolDepletedException;
import nixproc.idservice.pool.PoolHolders;
import nixproc.model.Problem;
import nixproc.service.problem.ProblemException;
import org.springframework.stereotype.Component;

/** Answers the pool module's questions about holders, and reassigns or releases them when a pool changes. */
@Component
class PoolHoldersAdapter implements PoolHolders {

	private final HoldingStore store;

	private final HoldingWriter writer;

	PoolHoldersAdapter(HoldingStore store, HoldingWriter writer) {
		this.store = store;
		this.writer = writer;
	}

	@Override
	public List<String> outside(IdPool definition) {
		return store.outside(definition);
	}

	@Override
	public boolean anyIn(String pool) {
		return store.anyIn(pool);
	}

	@Override
	public void reassignOutside(IdPool definition) {
		Holdings before = store.load(List.of(definition), Optional.empty());
		List<IdRequest> holders = new ArrayList<>();
		before.assignments().ids().getOrDefault(definition.name(), java.util.Map.of()).keySet()
			.forEach(service -> holders.add(IdRequest.of(service,
					before.assignments().targets().getOrDefault(service, List.of()), List.of(definition.name()))));
		IdAssignments after;
		try {
			after = IdAssigner.assign(List.of(definition), holders, before.assignments(), OtherHolders.NONE, true);
		}
		catch (PoolDepletedException ex) {
			throw ProblemException.conflict(ex.getMessage(), List.of(new Problem("/max", ex.getMessage())));
		}
		writer.apply("pool:" + definition.name(), List.of(definition), before, after);
	}

	@Override
	public void releaseAll(IdPool pool) {
		writer.apply("pool:" + pool.name(), List.of(pool), store.load(List.of(pool), Optional.empty()),
				IdAssignments.EMPTY);
	}

}
