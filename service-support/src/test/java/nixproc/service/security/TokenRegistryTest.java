package nixproc.service.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRegistryTest {

	@Test
	void knowsTokensOnlyByTheirHash() {
		TokenRegistry registry = TokenRegistry.from(new SecurityProperties(
				List.of(new SecurityProperties.Token(TokenRegistry.sha256("t1"), "deployer")), BOOT));

		assertThat(registry.roleOf("t1")).contains(Role.DEPLOYER);
		assertThat(registry.roleOf(BOOT)).contains(Role.ADMIN);
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

	static final String BOOT = "boot-0123456789abcdef0123456789abcdef";

	@Test // #17
	void aShortBootstrapTokenOrNoAdminTokenAtAllStopsTheService() {
		assertThatThrownBy(() -> TokenRegistry.from(new SecurityProperties(List.of(), "change-me")))
			.hasMessageStartingWith("NIXPROC_BOOTSTRAP_ADMIN_TOKEN (nixproc.security.bootstrap-admin-token): at least "
					+ "32 characters, it has 9");
		assertThatThrownBy(() -> TokenRegistry.from(new SecurityProperties(
				List.of(new SecurityProperties.Token(TokenRegistry.sha256("t1"), "deployer")), null)))
			.hasMessageStartingWith("no admin token: set NIXPROC_BOOTSTRAP_ADMIN_TOKEN");
		assertThat(TokenRegistry.from(new SecurityProperties(
				List.of(new SecurityProperties.Token(TokenRegistry.sha256("a"), "admin")), null)).roleOf("a"))
			.contains(Role.ADMIN);
	}

	@Test
	void theConfigurationNeverPrintsTheBootstrapToken() {
		assertThat(new SecurityProperties(List.of(), "s3cret").toString()).doesNotContain("s3cret").contains("set");
	}

}
