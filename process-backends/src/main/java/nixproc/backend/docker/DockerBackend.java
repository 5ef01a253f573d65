package nixproc.backend.docker;

import nixproc.backend.Backend;
import nixproc.backend.Capabilities;
import nixproc.backend.Driver;
import nixproc.backend.DriverContext;
import nixproc.backend.Generator;
import nixproc.model.BackendKind;
import nixproc.process.Mode;

/** The docker backend: one container per process, sharing the host network and bind-mounting the state directories. */
public final class DockerBackend implements Backend {

	private static final Capabilities CAPABILITIES = new Capabilities(Mode.FOREGROUND, true, true);

	private final DockerGenerator generator = new DockerGenerator();

	@Override
	public BackendKind kind() {
		return BackendKind.DOCKER;
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
		return new DockerDriver(context.runner());
	}

}
