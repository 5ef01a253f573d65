package nixproc.ensemble;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where nixproc is installed: the {@code nixproc} launcher, the services' Boot jars and the class path the ensemble
 * runs its broker from. In a checkout (the launcher's {@code NIXPROC_HOME}) the jars are the modules'
 * {@code target/<module>-exec.jar}; in an installation they may also lie in {@code lib/<module>.jar}.
 *
 * @param home the directory holding the launcher
 * @param classPath the class path of this JVM, which holds the Kafka broker (the launcher runs {@code up} from the
 *        unpacked jars)
 */
public record Installation(Path home, String classPath) {

	/** The services {@code up} runs, in the order they start (the coordinator needs the other two). */
	static final List<String> SERVICES = List.of("id-service", "model-service", "coordinator");

	/**
	 * {@code NIXPROC_HOME} (the launcher sets it), else the first directory holding the {@code nixproc} launcher
	 * above this class's own location (a checkout's module classes, as in tests).
	 */
	public static Installation locate() {
		String home = System.getenv("NIXPROC_HOME");
		if (home != null && !home.isBlank()) {
			return new Installation(Path.of(home).toAbsolutePath(), System.getProperty("java.class.path"));
		}
		try {
			for (Path dir = Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
					dir != null; dir = dir.getParent()) {
				if (Files.isRegularFile(dir.resolve("nixproc")) && Files.isDirectory(dir.resolve("infra"))) {
					return new Installation(dir, System.getProperty("java.class.path"));
				}
			}
		}
		catch (java.net.URISyntaxException | RuntimeException e) {
			// not a file: said below
		}
		throw new EnsembleException("cannot tell where nixproc is installed: run nixproc up through the nixproc "
				+ "launcher, which sets NIXPROC_HOME");
	}

	Path launcher() {
		return home.resolve("nixproc");
	}

	/** The Java of this JVM, for the children: the same version the launcher chose. */
	static Path java() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}

	/** The Boot jar of a service module. */
	Path jar(String module) {
		Path installed = home.resolve("lib").resolve(module + ".jar");
		if (Files.isRegularFile(installed)) {
			return installed;
		}
		Path built = home.resolve(module).resolve("target").resolve(module + "-exec.jar");
		if (Files.isRegularFile(built)) {
			return built;
		}
		throw new EnsembleException("no jar of " + module + ": neither " + built + " nor " + installed
				+ " (the nixproc launcher builds it for up: ./nixproc up)");
	}

}
