package nixproc.bench;

import nixproc.model.ModelReader;
import nixproc.model.ProcessesModel;

/**
 * A processes model of {@code chains × length} instances, where instance {@code k} of a chain depends on instance
 * {@code k - 1}, so the dependency graph is as deep as a chain. It is written as JSON and read with
 * {@link ModelReader} so the benchmark measures models that passed validation, like the CLI's.
 *
 * <p>
 * Instances alternate between a daemon-capable process (the seed's webapp: {@code process} + {@code daemonArgs}) and
 * a foreground-only one, so both modes and the daemon/foreground adapters of every backend are exercised. Every tenth
 * instance carries an environment value with both quote kinds, {@code $}, a backtick and {@code %}, which sends
 * supervisord into its proxy script and makes every escaper do real work.
 */
final class ChainedModel {

	private ChainedModel() {
	}

	static ProcessesModel of(int chains, int length) {
		StringBuilder json = new StringBuilder("{\n");
		for (int c = 0; c < chains; c++) {
			for (int k = 0; k < length; k++) {
				int port = 5000 + c * length + k;
				String name = name(c, k);
				json.append(c + k == 0 ? "" : ",\n").append('"').append(name).append("\": {\"port\": ").append(port)
					.append(", \"pkg\": {\"description\": \"Benchmark instance ").append(name).append('"');
				if (k % 2 == 0) {
					json.append(", \"process\": \"/nix/store/1v6b8hrh5lnhx1g1xw5w1w1ky2wg0qw4-webapp/bin/webapp\"")
						.append(", \"daemonArgs\": [\"-D\"]");
				}
				else {
					json.append(", \"foregroundProcess\": \"/nix/store/9k7pyp0x3c4ry2m1l0kbf0s0x6vlwf1a-nginx/bin/nginx\"")
						.append(", \"args\": [\"-p\", \"${stateDir}/${instanceName}\"]");
				}
				json.append(", \"environment\": {\"PORT\": ").append(port)
					.append(", \"PID_FILE\": \"${tmpDir}/${instanceName}.pid\"");
				if (k == 0) {
					json.append(", \"GREETING\": \"it's \\\"$HOME\\\" `id` 100%\"");
				}
				json.append('}');
				json.append(", \"user\": \"").append(name).append('"')
					.append(", \"credentials\": {\"groups\": {\"").append(name).append("\": {}}, \"users\": {\"")
					.append(name).append("\": {\"group\": \"").append(name).append("\", \"description\": \"bench\"}}}");
				if (k > 0) {
					json.append(", \"dependencies\": [\"").append(name(c, k - 1)).append("\"]");
				}
				json.append("}}");
			}
		}
		return ModelReader.readProcesses(json.append("\n}\n").toString(), false);
	}

	private static String name(int chain, int position) {
		return "app" + chain + "-" + position;
	}

}
