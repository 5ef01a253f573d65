package nixproc.switching;

import java.util.List;
import java.util.Optional;

import nixproc.model.Credentials;
import nixproc.profile.ProfileGeneration;
import nixproc.profile.ProfileManifest;

/**
 * What a switch does about users and groups ({@link UserAccounts}): nothing unless it manages them (a privileged
 * deployment without {@code --force-disable-user-change}); then it records which accounts a new generation owns,
 * creates the missing ones before anything starts, and deletes what it created when it rolls back, or what the
 * previous generation owned and the new one no longer wants when it succeeds.
 */
final class SwitchAccounts {

	private final UserAccounts accounts;

	private final boolean manage;

	private final SwitchListener listener;

	SwitchAccounts(UserAccounts accounts, boolean manage, SwitchListener listener) {
		this.accounts = accounts;
		this.manage = manage;
		this.listener = listener;
	}

	/** The accounts the generation built for {@code wanted} owns, after {@code from}. */
	ProfileManifest.AccountNames owned(Optional<ProfileGeneration> from, Credentials wanted) {
		ProfileManifest.AccountNames owned = from.map(g -> g.manifest().credentials()).orElse(ProfileManifest.AccountNames.NONE);
		return manage ? accounts.owned(owned, wanted) : owned;
	}

	/** @return what was created, for {@link #deleteCreated} */
	Credentials createMissing(Credentials wanted) {
		return manage ? accounts.createMissing(wanted) : Credentials.NONE;
	}

	/** After a rollback: what {@link #createMissing} created goes again; a failure is one more rollback error. */
	void deleteCreated(Credentials created, List<String> errors) {
		if (manage) {
			Rollback.safely(errors, () -> accounts.deleteUnwanted(created, Credentials.NONE).forEach(listener::note));
		}
	}

	/** After a switch: what the previous generation owned and {@code wanted} does not name goes. */
	void deleteNoLongerWanted(Optional<ProfileGeneration> from, Credentials wanted) {
		if (manage) {
			from.ifPresent(previous -> accounts.deleteUnwanted(new Credentials(UserAccounts.toMap(previous.manifest().credentials().groups()),
					UserAccounts.toMap(previous.manifest().credentials().users())), wanted).forEach(listener::note));
		}
	}

}
