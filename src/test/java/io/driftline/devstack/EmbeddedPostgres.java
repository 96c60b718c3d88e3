package io.driftline.devstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server on loopback for the dev stack and the tests, run from the machine's PostgreSQL
 * binaries (Debian's {@code postgresql} package: {@code /usr/lib/postgresql/<v>/bin}, or {@code DRIFTLINE_PG_BIN}).
 * PostgreSQL refuses to run as root, so as root every server command runs as the {@code postgres} user via
 * {@code runuser}. The data directory survives a stop, so a restart keeps the data.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    public static final String USER = "driftline";
    public static final String PASSWORD = "driftline";
    public static final String DATABASE = "driftline";

    private final Path dataDir;
    private final Path bin;
    private final int port;
    private final String osUser;

    private EmbeddedPostgres(Path dataDir, Path bin, int port, String osUser) {
        this.dataDir = dataDir;
        this.bin = bin;
        this.port = port;
        this.osUser = osUser;
    }

    /** Initialises {@code dataDir} when empty, starts the server on {@code port} (0 = a free one), creates the database. */
    public static EmbeddedPostgres start(Path dataDir, int port) throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        String osUser = root ? Optional.ofNullable(System.getenv("DRIFTLINE_PG_OS_USER")).orElse("postgres") : null;
        int chosen = port == 0 ? freePort() : port;
        EmbeddedPostgres pg = new EmbeddedPostgres(dataDir.toAbsolutePath(), bin, chosen, osUser);
        pg.initIfNeeded();
        pg.startServer();
        pg.createDatabaseIfNeeded();
        return pg;
    }

    public int port() {
        return port;
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String jdbcUrl() {
        return "jdbc:" + reactiveUrl();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), true);
    }

    private void initIfNeeded() throws IOException, InterruptedException {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(dataDir);
        Path pwFile = Files.createTempFile("driftline-pg", ".pw");
        Files.writeString(pwFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (osUser != null) {
            Files.setPosixFilePermissions(pwFile, PosixFilePermissions.fromString("rw-r--r--"));
            run(List.of("chown", "-R", osUser, dataDir.toString()), false);
            run(List.of("chmod", "700", dataDir.toString()), false);
        }
        try {
            run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER, "--pwfile=" + pwFile,
                    "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"), false);
        } finally {
            Files.deleteIfExists(pwFile);
        }
    }

    private void startServer() throws IOException, InterruptedException {
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
                + " -c max_connections=100 -c shared_buffers=64MB";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-o", options, "-l",
                dataDir.resolve("server.log").toString(), "-w", "-t", "60", "start"), false);
    }

    private void createDatabaseIfNeeded() throws IOException, InterruptedException {
        List<String> cmd = List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER,
                "-d", "postgres", "-tAc", "SELECT 1 FROM pg_database WHERE datname='" + DATABASE + "'");
        String exists = run(cmd, false).trim();
        if (!exists.equals("1")) {
            run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, DATABASE), false);
        }
    }

    private String run(List<String> command, boolean ignoreFailure) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        boolean serverCommand = !command.get(0).equals("chown") && !command.get(0).equals("chmod");
        if (osUser != null && serverCommand) {
            full.addAll(List.of("runuser", "-u", osUser, "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PASSWORD);
        pb.directory(dataDir.getParent().toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", full));
        }
        if (p.exitValue() != 0 && !ignoreFailure) {
            String log = Files.exists(dataDir.resolve("server.log")) ? Files.readString(dataDir.resolve("server.log")) : "";
            throw new IOException("command failed (" + p.exitValue() + "): " + String.join(" ", full) + "\n" + out + "\n" + log);
        }
        return out;
    }

    static Path findBinaries() throws IOException {
        String env = System.getenv("DRIFTLINE_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "initdb"))) {
            return Path.of(env);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
                return Path.of(dir);
            }
        }
        throw new IOException("PostgreSQL server binaries not found: install them (Debian: apt-get install -y postgresql)"
                + " or set DRIFTLINE_PG_BIN to the directory holding initdb and pg_ctl");
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
