package io.txmon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code txmon pay}: a payment sent to a running {@code txmon serve}, which screens and posts it; for scripts, with
 * an exit code per outcome and the answer as JSON on standard output.
 *
 * <p>Through the service rather than the database: the service's decision path owns the account states while it
 * runs, and a payment must be screened with the same history as every other transaction.
 */
@Command(
        name = "pay",
        mixinStandardHelpOptions = true,
        description = {
            "Sends a payment to a running txmon serve: it is screened, then posted, held for review or rejected.",
            "Prints the answer as JSON. Exit codes: 0 posted, 3 held for review, 4 rejected, 1 refused as bad"
                    + " input (the reason on stderr), 5 the service could not be reached or failed."
        })
final class PayCommand implements Callable<Integer> {
    static final int POSTED = 0;
    static final int BAD_INPUT = 1;
    static final int HELD = 3;
    static final int REJECTED = 4;
    static final int UNAVAILABLE = 5;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "ACCOUNT", description = "The paying account.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ACCOUNT", description = "The receiving account.")
    String to;

    @Option(names = "--amount", required = true, paramLabel = "DECIMAL", description = "The amount, e.g. 12.50.")
    BigDecimal amount;

    @Option(names = "--currency", defaultValue = "EUR", description = "ISO 4217 code (default: ${DEFAULT-VALUE}).")
    String currency;

    @Option(
            names = "--key",
            paramLabel = "IDEMPOTENCY_KEY",
            description = "Sent as Idempotency-Key: the same key again never pays twice, so a script that retries"
                    + " passes the same one. Default: a new UUID, printed on stderr.")
    String key;

    @Option(
            names = "--url",
            defaultValue = "${env:TXMON_URL:-http://127.0.0.1:8080}",
            description = "The service (default: TXMON_URL, else ${DEFAULT-VALUE}).")
    URI url;

    @Option(
            names = "--api-key",
            defaultValue = "${env:TXMON_API_KEY}",
            description = "An API key with the INGEST role (default: TXMON_API_KEY).")
    String apiKey;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (apiKey == null || apiKey.isBlank()) {
            err.println("txmon pay: an API key is required: --api-key or TXMON_API_KEY");
            return BAD_INPUT;
        }
        if (key == null) {
            key = UUID.randomUUID().toString();
            err.println("txmon pay: Idempotency-Key " + key);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from_account", from);
        body.put("to_account", to);
        body.put("amount", amount.toPlainString());
        body.put("currency", currency);
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/payments"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", apiKey)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("txmon pay: no service answers at " + url + " (start one with: bin/txmon serve)");
            return UNAVAILABLE;
        } catch (IOException e) {
            err.println("txmon pay: the request to " + url + " failed: " + e.getMessage()
                    + "; send it again with the same --key");
            return UNAVAILABLE;
        }
        return answer(response, out, err);
    }

    private static int answer(HttpResponse<String> response, PrintWriter out, PrintWriter err) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JacksonException e) {
            err.println("txmon pay: the service answered " + status + " without JSON");
            return UNAVAILABLE;
        }
        if (status == 200 || status == 201) {
            // The body as sent, not re-written: amounts stay exactly as the service wrote them.
            out.println(response.body().strip());
            return switch (json.path("status").asString("")) {
                case "POSTED" -> POSTED;
                case "HELD" -> HELD;
                default -> REJECTED;
            };
        }
        String detail = json.path("detail").asString("the service answered " + status);
        err.println("txmon pay: " + detail);
        return status >= 400 && status < 500 ? BAD_INPUT : UNAVAILABLE;
    }
}
