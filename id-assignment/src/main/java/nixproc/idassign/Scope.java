package nixproc.idassign;

import java.util.Locale;

/** Where the IDs of a pool must be unique. */
public enum Scope {

	/** Unique across the whole network: no two services share an ID, wherever they run. */
	GLOBAL,

	/** Unique per target: services on different machines may share an ID (a port, typically). */
	MACHINE;

	/** The spelling models use: {@code global} or {@code machine}. */
	public String modelName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Reads {@code global} or {@code machine}; anything else is refused with the accepted values. */
	public static Scope fromModelName(String name) {
		for (Scope scope : values()) {
			if (scope.modelName().equals(name)) {
				return scope;
			}
		}
		throw new IllegalArgumentException("scope: must be global or machine, not '" + name + "'");
	}

}
