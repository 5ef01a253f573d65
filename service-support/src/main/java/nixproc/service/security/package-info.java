/**
 * Bearer tokens with roles, shared by every nixproc service (architecture §5). Tokens are configured as SHA-256
 * hashes ({@code nixproc.security.tokens[i].sha256} and {@code .role}); {@code NIXPROC_BOOTSTRAP_ADMIN_TOKEN} adds
 * one plain-text admin token that is hashed at start-up and never logged. Roles are ordered
 * {@code viewer < deployer < admin}; controllers say what they need with
 * {@code @PreAuthorize("hasRole('DEPLOYER')")}. Without a token: 401; with too weak a role: 403; health probes
 * and the OpenAPI document need none.
 */
@NullMarked
package nixproc.service.security;

import org.jspecify.annotations.NullMarked;
