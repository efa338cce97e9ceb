package io.pretrainbench.results.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a results store is, as given to {@code --results}: a SQLite file (the default), or a PostgreSQL database named
 * by a URL, {@code postgresql://user@host:port/db} or a JDBC URL {@code jdbc:postgresql://host:port/db?user=...}.
 *
 * <p>A password is never part of a location: it comes from the environment ({@code PGPASSWORD}) or from
 * {@code ~/.pgpass} (or {@code PGPASSFILE}), so that it appears in no command line, log, error or stored record. A URL
 * that carries one is refused without repeating it.
 */
public sealed interface StoreLocation {
    /** The location as messages and records show it (never with a password). */
    String display();

    /**
     * The location as another process's {@code --results} (a worker, an array task): an absolute file, or the URL (the
     * password reaches that process in its environment or its {@code ~/.pgpass}).
     */
    String argument();

    record SqliteFile(Path file) implements StoreLocation {
        @Override
        public String display() {
            return file.toString();
        }

        @Override
        public String argument() {
            return file.toAbsolutePath().toString();
        }
    }

    /**
     * A PostgreSQL database.
     *
     * @param parameters the URL's query parameters other than the user (e.g. {@code sslmode}), passed to the driver
     */
    record Postgres(String host, int port, String database, String user, Map<String, String> parameters)
            implements StoreLocation {
        public Postgres {
            parameters = Map.copyOf(parameters);
        }

        @Override
        public String display() {
            return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
        }

        @Override
        public String argument() {
            return display();
        }

        /** The JDBC URL, without user or password (those go to the driver as properties). */
        public String jdbcUrl() {
            StringBuilder url = new StringBuilder("jdbc:postgresql://" + host + ":" + port + "/" + database);
            char separator = '?';
            for (Map.Entry<String, String> p : new TreeMap<>(parameters).entrySet()) {
                url.append(separator).append(p.getKey()).append('=').append(p.getValue());
                separator = '&';
            }
            return url.toString();
        }
    }

    /**
     * Parses a {@code --results} value.
     *
     * @throws IllegalArgumentException (one line) for a malformed URL or one with a password
     */
    static StoreLocation parse(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return postgres(value.substring("jdbc:".length()), "a JDBC URL");
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return postgres(value, "a PostgreSQL URL");
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("'" + value.substring(0, value.indexOf(':'))
                    + "://' is not a store this build opens; give a SQLite file or postgresql://user@host:port/db");
        }
        return new SqliteFile(Path.of(value));
    }

    private static Postgres postgres(String url, String what) {
        String hint = "; give postgresql://user@host:port/db (the password from PGPASSWORD or ~/.pgpass)";
        URI uri;
        try {
            uri = new URI(url.replaceFirst("(?i)^postgres(ql)?:", "postgresql:"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not " + what + " (" + e.getReason() + ")" + hint);
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException(
                    "the URL carries a password, which would end up in logs and process lists; remove it"
                            + " and put it in PGPASSWORD or ~/.pgpass");
        }
        Map<String, String> parameters = new TreeMap<>();
        String user = userInfo;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String val = eq < 0 ? "" : pair.substring(eq + 1);
                if (key.equalsIgnoreCase("password")) {
                    throw new IllegalArgumentException("the URL carries a password, which would end up in"
                            + " logs and process lists; remove it and put it in PGPASSWORD or ~/.pgpass");
                } else if (key.equals("user")) {
                    user = val;
                } else if (!key.isEmpty()) {
                    parameters.put(key, val);
                }
            }
        }
        String host = uri.getHost();
        String path = uri.getPath();
        if (host == null || path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException(what + " needs a host and a database name" + hint);
        }
        if (user == null || user.isEmpty()) {
            user = System.getenv().getOrDefault("PGUSER", System.getProperty("user.name"));
        }
        return new Postgres(host, uri.getPort() < 0 ? 5432 : uri.getPort(), path.substring(1), user, parameters);
    }
}
