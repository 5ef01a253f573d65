package nixproc.backend.s6rc;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;

/** The s6-rc backend: source definition directories, run here on plain s6. */
public final class S6rcBackend implements Backend {

	private static final Capabilities CAPABILITIES = new Capabilities(Mode.FOREGROUND, true, true);

	private final S6rcGenerator generator = new S6rcGenerator();

	@Override
	public BackendKind kind() {
		return BackendKind.S6_RC;
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
		return new S6Driver(context);
	}

}
