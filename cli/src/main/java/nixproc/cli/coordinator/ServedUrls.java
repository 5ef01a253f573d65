package nixproc.cli.coordinator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * What the committed generation serves over HTTP, found from its manifest: each mapping with a numeric {@code port}
 * property is a server on its target's {@code hostname}; one whose dependencies have a {@code dnsName} is a reverse
 * proxy routing by {@code Host} header to them (the seed's webapps example). Each address is asked once
 * ({@code GET /}) and printed with its status, so the user sees what answers.
 */
public final class ServedUrls {

	private ServedUrls() {
	}

	/** One address: how to reach it, and what it is. */
	record Url(String host, int port, Optional<String> hostHeader, String what) {

		String typed() {
			String url = "http://" + host + ":" + port + "/";
			return hostHeader.map(h -> "curl -H 'Host: " + h + "' " + url).orElse(url);
		}

	}

	public static void print(String coordinatorUrl, Path tokenFile, PrintWriter out) {
		CoordinatorClient client = new CoordinatorClient(URI.create(coordinatorUrl.endsWith("/") ? coordinatorUrl
				: coordinatorUrl + "/"), Optional.of(CoordinatorOptions.read(tokenFile)));
		JsonNode generations = client.get("api/v1/generations");
		if (generations.isEmpty()) {
			return;
		}
		long latest = 0;
		for (JsonNode g : generations) {
			latest = Math.max(latest, g.path("number").asLong(0));
		}
		List<Url> urls = urls(client.get("api/v1/generations/" + latest).path("manifest"),
				client.get("api/v1/targets"));
		if (urls.isEmpty()) {
			return;
		}
		out.println("generation " + latest + " serves:");
		for (Url url : urls) {
			out.println("  " + url.typed() + "   " + url.what() + ": " + ask(url));
		}
		out.flush();
	}

	static List<Url> urls(JsonNode manifest, JsonNode targets) {
		Map<String, String> hostnames = new HashMap<>();
		targets.forEach(t -> hostnames.put(t.path("name").asString(""),
				t.path("properties").path("hostname").asString("127.0.0.1")));
		JsonNode entries = manifest.path("entries");
		List<Url> proxied = new ArrayList<>();
		List<Url> direct = new ArrayList<>();
		for (JsonNode entry : entries) {
			Optional<Integer> port = port(entry.path("properties").path("port"));
			if (port.isEmpty()) {
				continue;
			}
			String service = entry.path("service").asString("");
			String target = entry.path("target").asString("");
			String host = hostnames.getOrDefault(target, "127.0.0.1");
			List<String> names = new ArrayList<>();
			for (JsonNode key : entry.path("dependsOn")) {
				JsonNode dependency = entries.path(key.asString(""));
				String dnsName = dependency.path("properties").path("dnsName").asString("");
				if (!dnsName.isEmpty()) {
					names.add(dnsName);
					proxied.add(new Url(host, port.get(), Optional.of(dnsName), dependency.path("service").asString("")
							+ " on " + dependency.path("target").asString("") + " through " + service + " on " + target));
				}
			}
			direct.add(new Url(host, port.get(), Optional.empty(), service + " on " + target));
		}
		List<Url> all = new ArrayList<>(proxied);
		all.addAll(direct);
		return all;
	}

	private static Optional<Integer> port(JsonNode value) {
		try {
			int port = Integer.parseInt(value.asString(value.isNumber() ? value.toString() : ""));
			return port > 0 && port < 65_536 ? Optional.of(port) : Optional.empty();
		}
		catch (NumberFormatException e) {
			return Optional.empty();
		}
	}

	/**
	 * {@code GET /} over a plain socket: {@code java.net.http} does not let a caller set {@code Host}.
	 *
	 * @return the status line's code and reason, or why there is none
	 */
	static String ask(Url url) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(url.host(), url.port()), 2_000);
			socket.setSoTimeout(5_000);
			OutputStream request = socket.getOutputStream();
			request.write(("GET / HTTP/1.0\r\nHost: " + url.hostHeader().orElse(url.host() + ":" + url.port())
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			request.flush();
			InputStream response = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int c = response.read(); c >= 0 && c != '\n' && line.length() < 200; c = response.read()) {
				line.append((char) c);
			}
			String[] parts = line.toString().strip().split(" ", 2);
			return parts.length == 2 && parts[0].startsWith("HTTP/") ? parts[1] : "no HTTP answer";
		}
		catch (IOException e) {
			return "not answering (" + e.getMessage() + ")";
		}
	}

}
