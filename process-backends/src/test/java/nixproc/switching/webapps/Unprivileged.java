package nixproc.switching.webapps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/** A matrix leaf for an unprivileged deployment: {@code --force-disable-user-change}, state dir in a temp dir. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("unprivileged")
@interface Unprivileged {
}
