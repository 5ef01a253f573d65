package nixproc.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * When a PID file is believed (issue 17). A daemon running as an instance's user writes its PID where its model says,
 * often a world-writable {@code /tmp}, where any local user may plant a file first; root then took whatever it named
 * for the instance (a switch reported it ready) and signalled it (an undeploy killed it). As
 * {@code start-stop-daemon --pidfile --user} does, a PID is believed only from a regular file, not a link, owned by
 * root, by whoever runs nixproc or by the instance's user, and, when the instance's user wrote it, only when it names
 * a process of that user (root's word is taken: it may name the {@code su} that runs the process). Both forms are here: Java for the drivers and readiness checks, sh for the generated scripts.
 */
public final class PidTrust {

	private PidTrust() {
	}

	/**
	 * The POSIX sh functions {@code uid_of FILE} and {@code trusted_pid FILE [USER]}: the latter sets {@code pid} to the
	 * PID in FILE when it is to be believed, and fails (with {@code pid} empty) otherwise.
	 */
	public static List<String> shellFunctions() {
		return List.of(
				"# a PID is believed only from a regular file of root's or the caller's, or of the instance user's naming a",
				"# process of that user: anyone may plant a PID file where others may write (#17)",
				"uid_of() {",
				"\tls -lnd -- \"$1\" 2>/dev/null | awk '{ print $3 }'",
				"}",
				"",
				"trusted_pid() {",
				"\tpid=",
				"\t[ -f \"$1\" ] && [ ! -h \"$1\" ] || return 1",
				"\t_uid=",
				"\tif [ -n \"${2:-}\" ]; then",
				"\t\t_uid=$(id -u \"$2\" 2>/dev/null) || return 1",
				"\tfi",
				"\tcase $(uid_of \"$1\") in 0|\"$(id -u)\") _uid= ;; \"${_uid:-x}\") ;; *) return 1 ;; esac",
				"\t{ read -r pid <\"$1\"; } 2>/dev/null",
				"\tcase $pid in ''|*[!0-9]*) pid=; return 1 ;; esac",
				"\t[ -n \"$_uid\" ] || return 0",
				"\tif [ -d \"/proc/$pid\" ]; then",
				"\t\t_puid=$(uid_of \"/proc/$pid\")",
				"\telse",
				"\t\t_puid=$(ps -o uid= -p \"$pid\" 2>/dev/null | tr -d ' ')",
				"\tfi",
				"\t[ \"$_puid\" = \"$_uid\" ] || { pid=; return 1; }",
				"}");
	}

	/** The PID in {@code pidFile} if it is to be believed for an instance running as {@code user} (if any). */
	public static OptionalLong read(Path pidFile, Optional<String> user) {
		try {
			PosixFileAttributes attributes = Files.readAttributes(pidFile, PosixFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isRegularFile()) {
				return OptionalLong.empty();
			}
			UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
			Optional<UserPrincipal> instanceUser = user.isEmpty() ? Optional.empty()
					: Optional.of(users.lookupPrincipalByName(user.get()));
			UserPrincipal owner = attributes.owner();
			boolean byRoot = owner.equals(users.lookupPrincipalByName("root"))
					|| owner.equals(users.lookupPrincipalByName(System.getProperty("user.name")));
			boolean byTheUser = !byRoot && instanceUser.map(owner::equals).orElse(false);
			if (!byRoot && !byTheUser) {
				return OptionalLong.empty();
			}
			String text;
			try (SeekableByteChannel channel = Files.newByteChannel(pidFile, Set.of(StandardOpenOption.READ,
					LinkOption.NOFOLLOW_LINKS))) {
				ByteBuffer buffer = ByteBuffer.allocate(32);
				channel.read(buffer);
				text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
			}
			if (!text.matches("[0-9]{1,10}")) {
				return OptionalLong.empty();
			}
			long pid = Long.parseLong(text);
			if (byTheUser) {
				Path proc = Path.of("/proc", Long.toString(pid));
				boolean theUsers = Files.isDirectory(proc) ? Files.getOwner(proc).equals(instanceUser.get())
						: ProcessHandle.of(pid).flatMap(p -> p.info().user()).map(instanceUser.get().getName()::equals)
							.orElse(false);
				if (!theUsers) {
					return OptionalLong.empty();
				}
			}
			return OptionalLong.of(pid);
		}
		catch (IOException | UnsupportedOperationException e) {
			// no file, an unknown user, or a process gone meanwhile: nothing to believe
			return OptionalLong.empty();
		}
	}

}
