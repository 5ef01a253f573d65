package nixproc.idassign;

/** A pool has no free ID left for a service; the whole run fails and assigns nothing. */
public final class PoolDepletedException extends RuntimeException {

	private final String pool;

	private final long size;

	private final String service;

	PoolDepletedException(IdPool pool, String service) {
		super("The amount of IDs is depleted: pool " + pool.describe() + " has all " + pool.size()
				+ " IDs in use, none left for service '" + service + "'");
		this.pool = pool.name();
		this.size = pool.size();
		this.service = service;
	}

	public String pool() {
		return pool;
	}

	/** The number of IDs the pool can hold. */
	public long size() {
		return size;
	}

	/** The first service that did not get an ID. */
	public String service() {
		return service;
	}

}
