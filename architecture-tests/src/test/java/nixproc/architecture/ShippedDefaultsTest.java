package nixproc.architecture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 item 11: what the repository ships for running nixproc (the compose file) listens only on the machine's
 * loopback and carries no admin token of its own. The services' refusal to start without a long admin token is
 * service-support's TokenRegistryTest; health details only to a caller with a token are ServiceStartContract's.
 */
class ShippedDefaultsTest {

	private static final Path COMPOSE = Path.of("..").toAbsolutePath().normalize().resolve("docker-compose.yml");

	@Test // #17
	void composePublishesItsPortsOnLoopbackOnly() throws Exception {
		List<String> published = new ArrayList<>();
		boolean inPorts = false;
		for (String line : Files.readAllLines(COMPOSE)) {
			String text = line.strip();
			if (text.equals("ports:")) {
				inPorts = true;
			}
			else if (inPorts && text.startsWith("- ")) {
				published.add(text.substring(2).replace("\"", "").replace("'", ""));
			}
			else {
				inPorts = false;
			}
		}
		assertThat(published).isNotEmpty().allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
	}

	@Test // #17
	void composeHasNoDefaultAdminToken() throws Exception {
		String compose = Files.readString(COMPOSE);
		// a "${VAR:-default}" for a token or password would start every service with a token everyone knows
		assertThat(compose).doesNotContainPattern("(TOKEN|PASSWORD)[A-Z_]*:-")
			.doesNotContain("change-me")
			.contains("NIXPROC_BOOTSTRAP_ADMIN_TOKEN_FILE:");
	}

}
