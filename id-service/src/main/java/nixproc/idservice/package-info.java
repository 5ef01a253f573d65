@NullMarked
package nixproc.idservice;

import org.jspecify.annotations.NullMarked;
