package nixproc.network;

/**
 * One pool of an idresources model (dydisnix): IDs from {@code min} to {@code max} in steps of {@code step}, unique
 * across the network ({@link Scope#GLOBAL}) or per target ({@link Scope#MACHINE}).
 */
public record IdResource(long min, long max, long step, Scope scope) {

	public enum Scope {

		/** One ID per service, unique in the whole network. */
		GLOBAL("global"),
		/** One ID per service and target, unique on each target. */
		MACHINE("machine");

		private final String id;

		Scope(String id) {
			this.id = id;
		}

		public String id() {
			return id;
		}

	}

}
