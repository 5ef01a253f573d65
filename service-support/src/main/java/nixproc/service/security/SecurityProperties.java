package nixproc.service.security;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nixproc.security.*}.
 *
 * @param tokens the accepted tokens, each as the hex SHA-256 of the token and its role
 * @param bootstrapAdminToken a plain-text admin token ({@code NIXPROC_BOOTSTRAP_ADMIN_TOKEN}) for the first start,
 *        development and tests
 */
@ConfigurationProperties("nixproc.security")
public record SecurityProperties(@Nullable List<Token> tokens, @Nullable String bootstrapAdminToken) {

	/**
	 * @param sha256 lower- or upper-case hex of the SHA-256 of the token's UTF-8 bytes ({@code printf %s TOKEN |
	 *        sha256sum})
	 * @param role viewer, deployer or admin
	 */
	public record Token(@Nullable String sha256, @Nullable String role) {
	}

	/** Never prints the bootstrap token; records print their components by default. */
	@Override
	public String toString() {
		return "SecurityProperties[tokens=" + (tokens == null ? 0 : tokens.size()) + ", bootstrapAdminToken="
				+ (bootstrapAdminToken == null || bootstrapAdminToken.isEmpty() ? "unset" : "set") + "]";
	}

}
