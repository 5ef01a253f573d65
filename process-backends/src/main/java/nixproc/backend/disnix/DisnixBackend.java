package nixproc.backend.disnix;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;

/** The disnix backend: Dysnomia process configs and their wrappers. */
public final class DisnixBackend implements Backend {

	private static final Capabilities CAPABILITIES = new Capabilities(Mode.DAEMON, true, false);

	private final DisnixGenerator generator = new DisnixGenerator();

	@Override
	public BackendKind kind() {
		return BackendKind.DISNIX;
	}

	@Override
	public Capabilities capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Generator generator() {
		return generator;
	}

	@Override
	public Driver driver(DriverContext context) {
		return new DisnixDriver(context);
	}

}
