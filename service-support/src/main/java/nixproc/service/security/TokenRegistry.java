package nixproc.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Known tokens by their SHA-256. Only hashes are kept, so neither configuration nor a heap dump reveals a token;
 * looking up the hash of the presented token also keeps the comparison's timing independent of the secret.
 */
public final class TokenRegistry {

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

	/** The shortest bootstrap admin token a service starts with (issue 17: no short or default token). */
	public static final int MIN_BOOTSTRAP_CHARS = 32;

	private final Map<String, Role> roleByHash;

	TokenRegistry(Map<String, Role> roleByHash) {
		this.roleByHash = Map.copyOf(roleByHash);
	}

	/** Reads the configuration; a malformed hash or role stops the service with the property that is wrong. */
	public static TokenRegistry from(SecurityProperties properties) {
		Map<String, Role> roles = new HashMap<>();
		List<SecurityProperties.Token> tokens = properties.tokens() == null ? List.of() : properties.tokens();
		for (int i = 0; i < tokens.size(); i++) {
			SecurityProperties.Token token = tokens.get(i);
			String property = "nixproc.security.tokens[" + i + "]";
			if (token.sha256() == null || !SHA256_HEX.matcher(token.sha256()).matches()) {
				throw new IllegalStateException(property + ".sha256: must be 64 hex digits, the SHA-256 of the token "
						+ "(printf %s TOKEN | sha256sum); tokens are never configured in clear");
			}
			if (token.role() == null) {
				throw new IllegalStateException(property + ".role: must be viewer, deployer or admin");
			}
			roles.merge(token.sha256().toLowerCase(Locale.ROOT), Role.fromConfig(token.role(), property + ".role"),
					(a, b) -> a.compareTo(b) >= 0 ? a : b);
		}
		String bootstrap = properties.bootstrapAdminToken();
		if (bootstrap != null && !bootstrap.isBlank()) {
			if (bootstrap.strip().length() < MIN_BOOTSTRAP_CHARS) {
				throw new IllegalStateException("NIXPROC_BOOTSTRAP_ADMIN_TOKEN (nixproc.security.bootstrap-admin-token): "
						+ "at least " + MIN_BOOTSTRAP_CHARS + " characters, it has " + bootstrap.strip().length()
						+ "; make one with: head -c 32 /dev/urandom | base64");
			}
			roles.put(sha256(bootstrap), Role.ADMIN);
		}
		if (!roles.containsValue(Role.ADMIN)) {
			throw new IllegalStateException("no admin token: set NIXPROC_BOOTSTRAP_ADMIN_TOKEN (or "
					+ "NIXPROC_BOOTSTRAP_ADMIN_TOKEN_FILE) to a token of at least " + MIN_BOOTSTRAP_CHARS
					+ " characters (head -c 32 /dev/urandom | base64), or give nixproc.security.tokens an admin entry; "
					+ "nixproc has no default token");
		}
		return new TokenRegistry(roles);
	}

	/** The role of a presented token, if it is known. */
	public Optional<Role> roleOf(String token) {
		return Optional.ofNullable(roleByHash.get(sha256(token)));
	}

	public int size() {
		return roleByHash.size();
	}

	/** Lower-case hex SHA-256 of the UTF-8 bytes, as {@code sha256sum} prints it. */
	public static String sha256(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
