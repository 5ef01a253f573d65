package nixproc.idservice.pool;

import java.util.List;

import nixproc.idassign.IdPool;

/** What the pool module needs to know about assignments before it changes or deletes a pool. */
public interface PoolHolders {

	/** Holders whose IDs the new definition no longer contains, as "service holds id" sentences. */
	List<String> outside(IdPool definition);

	/** Whether anyone holds an ID in the pool. */
	boolean anyIn(String pool);

	/** Gives each holder outside the (already stored) new definition a fresh ID; called with the pool locked. */
	void reassignOutside(IdPool definition);

	/** Releases every ID of the pool; called with the pool locked, before it is deleted. */
	void releaseAll(IdPool pool);

}
