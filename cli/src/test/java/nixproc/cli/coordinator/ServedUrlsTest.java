package nixproc.cli.coordinator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The addresses a committed generation serves, read from its manifest as the coordinator renders it. */
class ServedUrlsTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aProxyRoutesToEachDependencyWithADnsNameAndEveryServerWithAPortIsListed() {
		JsonNode manifest = JSON.readTree("""
				{"entries": {
				  "webapp@test1": {"service": "webapp", "target": "test1", "properties": {"port": "5000", "dnsName": "webapp.local"}, "dependsOn": []},
				  "webapp2@test2": {"service": "webapp2", "target": "test2", "properties": {"port": 5001, "dnsName": "webapp2.local"}, "dependsOn": []},
				  "nginx@test2": {"service": "nginx", "target": "test2", "properties": {"port": "8090"}, "dependsOn": ["webapp@test1", "webapp2@test2"]},
				  "worker@test1": {"service": "worker", "target": "test1", "properties": {"queue": "jobs"}, "dependsOn": []}
				}}""");
		JsonNode targets = JSON.readTree("""
				[{"name": "test1", "properties": {"hostname": "10.0.0.1"}}, {"name": "test2", "properties": {"hostname": "10.0.0.2"}}]""");

		List<ServedUrls.Url> urls = ServedUrls.urls(manifest, targets);

		assertThat(urls).extracting(ServedUrls.Url::typed).containsExactly(
				"curl -H 'Host: webapp.local' http://10.0.0.2:8090/", "curl -H 'Host: webapp2.local' http://10.0.0.2:8090/",
				"http://10.0.0.1:5000/", "http://10.0.0.2:5001/", "http://10.0.0.2:8090/");
		assertThat(urls.get(0).what()).isEqualTo("webapp on test1 through nginx on test2");
	}

	@Test
	void askingSendsTheHostHeaderAndReportsTheStatusOrWhyThereIsNone() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread answer = new Thread(() -> {
				try (Socket client = server.accept()) {
					StringBuilder request = new StringBuilder();
					java.io.InputStream in = client.getInputStream();
					while (request.indexOf("\r\n\r\n") < 0) {
						request.append((char) in.read());
					}
					OutputStream out = client.getOutputStream();
					out.write((request.indexOf("Host: webapp.local") >= 0 ? "HTTP/1.1 200 OK\r\n\r\n" : "HTTP/1.1 503 No\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException e) {
					throw new IllegalStateException(e);
				}
			});
			answer.start();
			assertThat(ServedUrls.ask(new ServedUrls.Url("127.0.0.1", server.getLocalPort(), Optional.of("webapp.local"),
					"webapp"))).isEqualTo("200 OK");
			answer.join();
		}
		int closed;
		try (ServerSocket gone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			closed = gone.getLocalPort();
		}
		assertThat(ServedUrls.ask(new ServedUrls.Url("127.0.0.1", closed, Optional.empty(), "nothing")))
			.startsWith("not answering");
	}

}
