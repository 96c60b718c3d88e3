package io.driftline.devstack;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.SimpleFormatter;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/**
 * Logging for the JVMs that run outside Quarkus (the dev stack's broker, the load harness). Kafka logs through
 * SLF4J, which the test classpath binds to JBoss LogManager; without Quarkus configuring it, every logger is at
 * TRACE and the only handler is Quarkus's delayed handler, which queues records for a configuration that never
 * comes. The broker then formats every trace line of every request: measured, 15 % of its allocation during a
 * 20,000 records/s load. Here: INFO to stderr, Kafka's own loggers at WARN (as in the tests).
 */
public final class StandaloneLogging {
    private StandaloneLogging() {
    }

    public static void install() {
        // Before anything touches java.util.logging (JMX does when the broker starts), so that it is one system.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        LogContext context = LogContext.getLogContext();
        Logger root = context.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s [%3$s] %5$s%6$s%n");
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new SimpleFormatter());
        console.setLevel(Level.INFO);
        root.addHandler(console);
        root.setLevel(Level.INFO);
        for (String noisy : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
            context.getLogger(noisy).setLevel(Level.WARNING);
        }
    }
}
