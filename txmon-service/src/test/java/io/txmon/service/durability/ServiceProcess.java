package io.txmon.service.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bin/txmon serve} as a process of its own: the packaged jar started with {@code java -jar} on a free port,
 * its output in a log file, and killed the hard way.
 */
final class ServiceProcess {
    /** One key with every role, as {@code TXMON_API_KEYS} gives it. */
    private static final String KEY = "crash-recovery-key-0123456789";

    private static final Path JAR = Path.of("target", "txmon-service.jar");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The exit status of a process ended by SIGKILL (128 + 9), as Java reports it on Linux. */
    private static final int KILLED = 137;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final Path log;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Starts the service on {@code databaseUrl} and returns once it reports itself healthy. */
    static ServiceProcess start(String databaseUrl, Path log) throws IOException, InterruptedException {
        assertThat(JAR)
                .as("the service jar, built in the package phase before the integration tests")
                .exists();
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // bin/txmon's options, plus C1 only: the service starts in about half the time, and every round starts it.
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xms256m",
                        "-Xmx512m",
                        "-XX:+UseParallelGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        JAR.toString(),
                        "--port",
                        String.valueOf(port),
                        "--db",
                        databaseUrl,
                        "--txmon.analytics.refresh-every=1h")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TXMON_API_KEYS", KEY + ":ADMIN,ANALYST,INGEST");
        Instant started = Instant.now();
        ServiceProcess service = new ServiceProcess(builder.start(), log, port);
        service.awaitHealthy();
        System.out.printf(
                "CrashRecovery: service healthy %d ms after its start%n",
                Duration.between(started, Instant.now()).toMillis());
        return service;
    }

    /**
     * Kills the service with SIGKILL ({@link Process#destroyForcibly()} on Linux), so nothing of it runs after: no
     * shutdown hook, no closing of the database. Does nothing if it is not running.
     */
    void kill() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        assertThat(process.waitFor()).as("exit status of the killed service").isEqualTo(KILLED);
    }

    /** What the service answered. */
    record Answer(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of()).stream()
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Sends a request with the key; a failure to get an answer fails the test. */
    Answer send(String method, String path, String body, Map<String, String> headers) {
        try {
            return exchange(method, path, body, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " got no answer; the service's log: " + log, e);
        }
    }

    /** Sends a request with the key; null when no answer came, as when the service was killed meanwhile. */
    Answer trySend(String method, String path, String body, Map<String, String> headers) {
        try {
            return exchange(method, path, body, headers);
        } catch (IOException e) {
            return null;
        }
    }

    private Answer exchange(String method, String path, String body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", KEY)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(), response.body(), response.headers().map());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive())
                    .as("the service stopped while starting:%n%s", tail())
                    .isTrue();
            Answer health = trySend("GET", "/actuator/health", null, Map.of());
            if (health != null && health.status() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not become healthy in " + START_TIMEOUT + ":\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
