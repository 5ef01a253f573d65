package nixproc.coordinator.plan;

import nixproc.network.DeploymentModel;
import nixproc.network.DeploymentReader;
import nixproc.network.NixEvaluator;

/** Small model sets for the planning tests, written as a user would in JSON. */
public final class Models {

	private Models() {
	}

	/**
	 * {@code db} on target a; {@code web} on b depends on it (cross-target) and {@code cache} on b, which web also
	 * depends on (same target). {@code dbArg} changes db's process.
	 */
	public static DeploymentModel webAndDb(String dbArg, String webArg) {
		return webAndDb(dbArg, webArg, 1);
	}

	/** As {@link #webAndDb(String, String)} with target a's {@code numOfCores} (b keeps the default, 1). */
	public static DeploymentModel webAndDb(String dbArg, String webArg, int coresOfA) {
		return DeploymentReader.readValid("""
				{
				  "services": {
				    "db": { "name": "db", "port": "${ids.ports.db}", "requiresUniqueIdsFor": ["ports"],
				            "pkg": { "process": "/bin/db", "args": ["%s"] } },
				    "cache": { "name": "cache", "pkg": { "process": "/bin/cache" } },
				    "web": { "name": "web", "dependsOn": { "db": "db", "cache": "cache" },
				             "pkg": { "process": "/bin/web",
				                      "args": ["%s", "${dependsOn.db.target.properties.hostname}:${dependsOn.db.properties.port}",
				                               "${stateDir}"] } }
				  },
				  "infrastructure": {
				    "a": { "properties": { "hostname": "a.local" }, "processManager": "sysvinit", "numOfCores": %d },
				    "b": { "properties": { "hostname": "b.local" }, "processManager": "sysvinit" }
				  },
				  "distribution": { "db": ["a"], "cache": ["b"], "web": ["b"] },
				  "idResources": { "ports": { "min": 5000, "max": 5100 } }
				}
				""".formatted(dbArg, webArg, coresOfA), NixEvaluator.unavailable());
	}

}
