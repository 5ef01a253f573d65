package nixproc.backend.bsdrc;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;

/** The bsdrc backend: FreeBSD rc.d scripts for rc.subr. */
public final class BsdrcBackend implements Backend {

	private static final Capabilities CAPABILITIES = new Capabilities(Mode.DAEMON, true, false);

	private final BsdrcGenerator generator = new BsdrcGenerator();

	@Override
	public BackendKind kind() {
		return BackendKind.BSDRC;
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
		return new BsdrcDriver(context);
	}

}
