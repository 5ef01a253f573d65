package nixproc.service.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRegistryTest {

	@Test
	void knowsTokensOnlyByTheirHash() {
		TokenRegistry registry = TokenRegistry.from(new SecurityProperties(
				List.of(new SecurityProperties.Token(TokenRegistry.sha256("t1"), "deployer")), "boot"));

		assertThat(registry.roleOf("t1")).contains(Role.DEPLOYER);
		assertThat(registry.roleOf("boot")).contains(Role.ADMIN);
		assertThat(registry.roleOf(TokenRegistry.sha256("t1"))).isEmpty();
		assertThat(TokenRegistry.sha256("viewer-token"))
			.isEqualTo("d036bd6d01a1cae081d39a2f8dab751dc042de814fd60df31fcb553170950f29");
	}

	@Test
	void aTokenInClearOrAnUnknownRoleStopsTheServiceNamingTheProperty() {
		assertThatThrownBy(() -> TokenRegistry.from(new SecurityProperties(
				List.of(new SecurityProperties.Token("my-plain-token", "admin")), null)))
			.hasMessageStartingWith("nixproc.security.tokens[0].sha256: must be 64 hex digits");
		assertThatThrownBy(() -> TokenRegistry.from(new SecurityProperties(
				List.of(new SecurityProperties.Token(TokenRegistry.sha256("x"), "root")), null)))
			.hasMessage("nixproc.security.tokens[0].role: role must be viewer, deployer or admin, not 'root'");
	}

	@Test
	void theConfigurationNeverPrintsTheBootstrapToken() {
		assertThat(new SecurityProperties(List.of(), "s3cret").toString()).doesNotContain("s3cret").contains("set");
	}

}
