package nixproc.switching;

import java.util.List;
import java.util.Map;

import nixproc.model.Credentials;
import nixproc.profile.ProfileManifest;
import nixproc.run.RecordingCommandRunner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shadow-tool sequences of {@link UserAccounts}; the webapps matrix runs them for real as root. */
class UserAccountsTest {

	private static final Credentials WANTED = new Credentials(Map.of("web", Map.of()),
			Map.of("web", Map.of("group", "web", "description", "Web", "createHomeDir", "1", "homeDir", "/srv/web"),
					"www-data", Map.of()));

	@Test
	void anAccountThatExistedBeforeIsNeverOwnedSoNeverDeleted() {
		RecordingCommandRunner runner = new RecordingCommandRunner()
			.answer(List.of("getent", "passwd", "web"), 2, "")
			.answer(List.of("getent", "group", "web"), 2, "");

		ProfileManifest.AccountNames owned = new UserAccounts(runner).owned(ProfileManifest.AccountNames.NONE, WANTED);

		assertThat(owned).isEqualTo(new ProfileManifest.AccountNames(List.of("web"), List.of("web")));
		// once created, still owned by the next generation that wants it
		assertThat(new UserAccounts(new RecordingCommandRunner()).owned(owned, WANTED)).isEqualTo(owned);
	}

	@Test
	void createsGroupsThenUsersWithDysnomiasAttributes() {
		RecordingCommandRunner runner = new RecordingCommandRunner()
			.answer(List.of("getent", "passwd", "web"), 2, "")
			.answer(List.of("getent", "group", "web"), 2, "");

		Credentials created = new UserAccounts(runner).createMissing(WANTED);

		assertThat(created).isEqualTo(new Credentials(Map.of("web", Map.of()), Map.of("web", Map.of())));
		assertThat(runner.calls()).containsExactly(List.of("getent", "group", "web"), List.of("groupadd", "--system", "web"),
				List.of("getent", "passwd", "web"), List.of("useradd", "--system", "--gid", "web", "--comment", "Web",
						"--home-dir", "/srv/web", "--create-home", "--shell", "/bin/sh", "web"),
				List.of("getent", "passwd", "www-data"));
	}

	@Test
	void anAccountThatCannotBeDeletedIsReportedNotThrown() {
		RecordingCommandRunner runner = new RecordingCommandRunner()
			.answer(List.of("userdel", "web"), 8, "userdel: user web is currently used by process 42");

		List<String> failures = new UserAccounts(runner).deleteUnwanted(WANTED, Credentials.NONE);

		assertThat(failures).containsExactly("userdel web failed (exit 8): userdel: user web is currently used by process 42");
		assertThat(runner.calls()).contains(List.of("userdel", "www-data"), List.of("groupdel", "web"));
	}

}
