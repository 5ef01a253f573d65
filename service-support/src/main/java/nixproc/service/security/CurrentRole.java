package nixproc.service.security;

import java.util.List;

import nixproc.model.Problem;
import nixproc.service.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The role of the request's token, for checks that depend on the body rather than the path (a Nix model given to an
 * endpoint a viewer may otherwise call); the path's own role is {@code @PreAuthorize}'s.
 */
public final class CurrentRole {

	private CurrentRole() {
	}

	/** Whether the request's token has {@code role} or one that includes it. */
	public static boolean atLeast(Role role) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) {
			return false;
		}
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			for (Role held : Role.values()) {
				if (held.ordinal() >= role.ordinal() && held.authority().getAuthority().equals(authority.getAuthority())) {
					return true;
				}
			}
		}
		return false;
	}

	/** 403 naming the fields that need {@code role}, unless the token has it. */
	public static void require(Role role, List<Problem> because) {
		if (!atLeast(role)) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "The token's role does not allow this request: "
					+ because.get(0).message(), because);
		}
	}

}
