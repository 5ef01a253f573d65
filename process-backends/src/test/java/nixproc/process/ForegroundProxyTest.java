package nixproc.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nixproc.backend.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one proxy every foreground-preferring backend without native support uses, run for real by {@code sh}. */
class ForegroundProxyTest {

	private static ForegroundProxy proxy(String initialize, Optional<String> directory, Optional<String> umask,
			List<String> argv, Optional<String> daemonPidFile) {
		return new ForegroundProxy(initialize, directory, umask, Optional.empty(), Optional.empty(), argv, daemonPidFile);
	}

	@Test
	void everyPartAppearsInTheSeedsOrder() {
		ForegroundProxy proxy = new ForegroundProxy("mkdir -p /var/x\n\n", Optional.of("/srv/a b"), Optional.of("0027"),
				Optional.of(5), Optional.of("web user"), List.of("/bin/w", "it's"), Optional.empty());
		assertThat(proxy.script()).isEqualTo("""
				set -e
				mkdir -p /var/x
				cd '/srv/a b'
				umask 0027
				exec su -m 'web user' -c 'exec nice -n 5 /bin/w '\\''it'\\''\\'\\'''\\''s'\\'''
				""");
	}

	@Test
	void initializeDirectoryAndUmaskApplyBeforeTheProcessWhichGetsItsArgumentsByteExact(@TempDir Path dir) throws IOException {
		String hostile = "'\"\\$(touch " + dir.resolve("pwned") + ")`id`;|&<>%s*? \t";
		Path work = Files.createDirectories(dir.resolve("work dir"));
		String script = proxy("echo initialised > " + dir.resolve("init"), Optional.of(work.toString()), Optional.of("0027"),
				List.of("/bin/sh", "-c", "umask; pwd; printf '%s|' \"$@\"", "sh", hostile, "second"), Optional.empty()).script();
		Tools.Result result = Tools.run(List.of("/bin/sh", "-c", script, "proxy"), Map.of("PATH", System.getenv("PATH")));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).isEqualTo("0027\n" + work + "\n" + hostile + "|second|");
		assertThat(Files.readString(dir.resolve("init"))).isEqualTo("initialised\n");
		assertThat(dir.resolve("pwned")).doesNotExist();
	}

	@Test
	void aDaemonIsFollowedThroughItsPidFileUntilItEnds(@TempDir Path dir) throws IOException {
		Path pidFile = dir.resolve("it's.pid");
		String script = proxy("", Optional.empty(), Optional.empty(),
				List.of("/bin/sh", "-c", "sleep 2 & echo $! > \"$1\"", "daemon", pidFile.toString()), Optional.of(pidFile.toString()))
			.script();
		long started = System.nanoTime();
		Tools.Result result = Tools.run(List.of("/bin/sh", "-c", script, "proxy"), Map.of("PATH", System.getenv("PATH")));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(System.nanoTime() - started).as("the proxy waits for the daemon's end").isGreaterThan(1_500_000_000L);
	}

	@Test
	void theScriptsPassShellcheck(@TempDir Path dir) throws IOException {
		List<ForegroundProxy> proxies = List.of(
				new ForegroundProxy("mkdir -p /var/x", Optional.of("/srv"), Optional.of("0022"), Optional.of(-3), Optional.of("u"),
						List.of("/bin/w", "-D"), Optional.of("/run/w.pid")),
				proxy("", Optional.empty(), Optional.empty(), List.of("/bin/w"), Optional.empty()));
		for (int i = 0; i < proxies.size(); i++) {
			Path file = dir.resolve("proxy" + i);
			Files.writeString(file, "#!/bin/sh\n" + proxies.get(i).script());
			Tools.shellcheck(file);
		}
	}

	@Test
	void aProxyWithoutAProcessIsRefused() {
		assertThatThrownBy(() -> proxy("", Optional.empty(), Optional.empty(), List.of(), Optional.empty()))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
