/**
 * Waiting until a started instance is ready, before anything that depends on it starts: its readiness probe (TCP
 * port, HTTP URL or command), else its PID file naming a live process, else the process still alive after a grace.
 */
@NullMarked
package nixproc.readiness;

import org.jspecify.annotations.NullMarked;
