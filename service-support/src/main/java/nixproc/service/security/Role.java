package nixproc.service.security;

import java.util.Locale;

import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a token may do; each role includes the ones before it. */
public enum Role {

	/** Reads. */
	VIEWER,

	/** Reads, deploys, rolls back, assigns IDs. */
	DEPLOYER,

	/** Everything, including pools, keys and targets. */
	ADMIN;

	SimpleGrantedAuthority authority() {
		return new SimpleGrantedAuthority("ROLE_" + name());
	}

	/** {@code viewer}, {@code deployer} or {@code admin}, any case. */
	static Role fromConfig(String value, String property) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(property + ": role must be viewer, deployer or admin, not '" + value + "'", ex);
		}
	}

}
