package nixproc.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The process managers nixproc knows by name, in the fixed order used everywhere (CLI help, README, profiles).
 * A name here does not mean a generator exists: {@code nixproc.backend.Backends} lists the implemented ones.
 * The model needs the names to reject {@code overrides.<unknown>} and {@code -P <unknown>}.
 */
public enum BackendKind {

	SYSVINIT("sysvinit"), BSDRC("bsdrc"), SUPERVISORD("supervisord"), SYSTEMD("systemd"), LAUNCHD("launchd"),
	CYGRUNSRV("cygrunsrv"), S6_RC("s6-rc"), SYNIT("synit"), DOCKER("docker"), DISNIX("disnix");

	private final String id;

	BackendKind(String id) {
		this.id = id;
	}

	/** The name used in JSON ({@code overrides.s6-rc}) and on the command line ({@code -P s6-rc}). */
	public String id() {
		return id;
	}

	public static Optional<BackendKind> byId(String id) {
		return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
	}

	@Override
	public String toString() {
		return id;
	}

}
