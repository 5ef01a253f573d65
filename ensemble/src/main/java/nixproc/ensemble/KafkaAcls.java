package nixproc.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * {@code infra/kafka/acls.txt}, the broker's permissions once authentication is on: one
 * {@code PRINCIPAL RESOURCE-TYPE PATTERN NAME OPERATIONS} a line; {@code agent-{target}} lines are repeated for every
 * agent with {@code {target}} replaced.
 */
final class KafkaAcls {

	private KafkaAcls() {
	}

	static List<AclBinding> read(Path file, List<String> targets) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read the ACL table " + file, e);
		}
		List<AclBinding> bindings = new ArrayList<>();
		for (String line : lines) {
			String text = line.strip();
			if (text.isEmpty() || text.startsWith("#")) {
				continue;
			}
			String[] fields = text.split("\\s+");
			if (fields.length != 5) {
				throw new EnsembleException(file + ": '" + text + "' is not PRINCIPAL TYPE PATTERN NAME OPERATIONS");
			}
			for (String target : fields[0].contains("{target}") ? targets : List.of("")) {
				String principal = "User:" + fields[0].replace("{target}", target);
				ResourceType type = ResourceType.fromString(fields[1]);
				PatternType pattern = PatternType.fromString(fields[2]);
				if (type == ResourceType.UNKNOWN || pattern == PatternType.UNKNOWN) {
					throw new EnsembleException(file + ": '" + text + "': unknown resource type or pattern");
				}
				ResourcePattern resource = new ResourcePattern(type, fields[3].replace("{target}", target), pattern);
				for (String name : fields[4].split(",")) {
					AclOperation operation = AclOperation.fromString(name.toUpperCase(Locale.ROOT));
					if (operation == AclOperation.UNKNOWN) {
						throw new EnsembleException(file + ": '" + text + "': unknown operation " + name);
					}
					bindings.add(new AclBinding(resource, new AccessControlEntry(principal, "*", operation,
							AclPermissionType.ALLOW)));
				}
			}
		}
		return bindings;
	}

}
