package nixproc.idservice.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.idassign.IdPool;
import nixproc.model.Problem;
import nixproc.service.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Pool definitions: create, change, delete, and lock for an assignment. */
@Service
public class Pools {

	private final PoolStore store;

	private final PoolHolders holders;

	Pools(PoolStore store, PoolHolders holders) {
		this.store = store;
		this.holders = holders;
	}

	@Transactional(readOnly = true)
	public List<IdPool> all() {
		return store.all();
	}

	@Transactional(readOnly = true)
	public Optional<IdPool> find(String name) {
		return store.find(name);
	}

	/** Locks the named pools until the caller's transaction ends; returns those that exist, in name order. */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public List<IdPool> lock(Collection<String> names) {
		return store.lock(names);
	}

	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public List<IdPool> lockAll() {
		return store.lockAll();
	}

	@Transactional
	public IdPool create(IdPool pool) {
		if (!store.insert(pool)) {
			throw new ProblemException(HttpStatus.CONFLICT, "Pool '" + pool.name() + "' exists already; change it with PUT",
					List.of(new Problem("/name", "pool '" + pool.name() + "' exists already")));
		}
		return pool;
	}

	/**
	 * Changes a pool. A change that would leave holders outside it (a smaller range, another step) is refused with
	 * the holders, unless {@code reassign} says to give them new IDs; the scope changes only while nobody holds an ID.
	 */
	@Transactional
	public IdPool update(IdPool pool, boolean reassign) {
		IdPool current = store.lock(List.of(pool.name())).stream().findFirst()
			.orElseThrow(() -> ProblemException.notFound("No pool named '" + pool.name() + "'"));
		if (current.scope() != pool.scope() && holders.anyIn(pool.name())) {
			throw ProblemException.conflict("Pool '" + pool.name() + "' has holders; its scope cannot change",
					List.of(new Problem("/scope", "cannot change from " + current.scope().modelName()
							+ " while IDs are held")));
		}
		List<String> outside = holders.outside(pool);
		if (!outside.isEmpty() && !reassign) {
			List<Problem> errors = new ArrayList<>();
			outside.forEach(holder -> errors.add(new Problem("", holder + ", outside the new definition")));
			throw ProblemException.conflict("Pool '" + pool.name() + "' would leave " + outside.size()
					+ " holder(s) outside it; pass reassign=true to give them new IDs", errors);
		}
		store.update(pool);
		if (!outside.isEmpty()) {
			holders.reassignOutside(pool);
		}
		return pool;
	}

	/** Deletes a pool; refused while IDs are held unless {@code release} says to release them. */
	@Transactional
	public void delete(String name, boolean release) {
		IdPool pool = store.lock(List.of(name)).stream().findFirst()
			.orElseThrow(() -> ProblemException.notFound("No pool named '" + name + "'"));
		if (holders.anyIn(name)) {
			if (!release) {
				throw ProblemException.conflict("Pool '" + name + "' still has holders; pass release=true to release them",
						List.of());
			}
			holders.releaseAll(pool);
		}
		store.delete(name);
	}

	/** Creates or updates every pool of an idresources model in one transaction. */
	@Transactional
	public List<IdPool> importAll(Map<String, IdPool> pools, boolean reassign) {
		List<IdPool> result = new ArrayList<>();
		for (IdPool pool : pools.values()) {
			result.add(store.insert(pool) ? pool : update(pool, reassign));
		}
		return result;
	}

}
