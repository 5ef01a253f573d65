package nixproc.backend;

import nixproc.model.BackendKind;

/** One process manager. Implementations are the public entry of their package (style G1). */
public interface Backend {

	BackendKind kind();

	Capabilities capabilities();

	Generator generator();

	/** The driver that activates this backend's generations on the machine. */
	Driver driver(DriverContext context);

}
