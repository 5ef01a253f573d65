package nixproc.switching.webapps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/** A matrix leaf for a privileged deployment: nixproc runs as root and may change users (style G15). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("as-root")
@interface AsRoot {
}
