import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * infra/kafka.sh's set-up of a broker it started (run as a single-file program, JEP 330, on the broker's class path):
 * creates the topics of topics.txt that are missing; with a credentials directory (authentication on), connects as
 * admin, gives every user whose password file is there its SCRAM-SHA-512 credentials and applies acls.txt for them.
 *   java Setup.java BOOTSTRAP TOPICS [ACLS CREDENTIALS-DIR]
 */
public class Setup {

	public static void main(String[] args) throws Exception {
		Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", args[0]));
		Path credentials = args.length > 3 ? Path.of(args[3]) : null;
		if (credentials != null) {
			config.put("security.protocol", "SASL_PLAINTEXT");
			config.put("sasl.mechanism", "SCRAM-SHA-512");
			config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
					+ "username=\"admin\" password=\"" + password(credentials, "admin") + "\";");
		}
		try (Admin admin = Admin.create(config)) {
			Set<String> have = admin.listTopics().names().get();
			List<NewTopic> add = new ArrayList<>();
			for (String line : Files.readAllLines(Path.of(args[1]))) {
				line = line.strip();
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				String[] f = line.split("\\s+");
				if (!have.contains(f[0])) {
					add.add(new NewTopic(f[0], Integer.parseInt(f[1]), (short) 1));
				}
			}
			admin.createTopics(add).all().get();
			System.out.println("kafka: created " + add.size() + " topic(s)");
			if (credentials == null) {
				return;
			}
			List<UserScramCredentialAlteration> users = new ArrayList<>();
			List<String> targets = new ArrayList<>();
			try (var files = Files.list(credentials)) {
				for (Path file : files.toList()) {
					String user = file.getFileName().toString().replace(".password", "");
					if (user.equals("admin") || user.equals("controller")) {
						continue;
					}
					if (user.startsWith("agent-")) {
						targets.add(user.substring("agent-".length()));
					}
					users.add(new UserScramCredentialUpsertion(user,
							new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password(credentials, user)));
				}
			}
			admin.alterUserScramCredentials(users).all().get();
			admin.createAcls(acls(Path.of(args[2]), targets)).all().get();
			System.out.println("kafka: " + users.size() + " user(s) with the permissions of " + args[2]);
		}
	}

	static String password(Path credentials, String user) throws Exception {
		return Files.readString(credentials.resolve(user + ".password")).strip();
	}

	/** PRINCIPAL TYPE PATTERN NAME OPERATIONS, agent-{target} lines once per agent (as ensemble's KafkaAcls). */
	static List<AclBinding> acls(Path file, List<String> targets) throws Exception {
		List<AclBinding> bindings = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			line = line.strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] f = line.split("\\s+");
			for (String target : f[0].contains("{target}") ? targets : List.of("")) {
				ResourcePattern resource = new ResourcePattern(ResourceType.fromString(f[1]),
						f[3].replace("{target}", target), PatternType.fromString(f[2]));
				for (String operation : f[4].split(",")) {
					bindings.add(new AclBinding(resource, new AccessControlEntry("User:" + f[0].replace("{target}", target),
							"*", AclOperation.fromString(operation.toUpperCase(Locale.ROOT)), AclPermissionType.ALLOW)));
				}
			}
		}
		return bindings;
	}

}
