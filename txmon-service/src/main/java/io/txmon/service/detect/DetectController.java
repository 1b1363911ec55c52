package io.txmon.service.detect;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.txmon.formats.TransactionJson;
import io.txmon.ingest.Detection;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.service.TxmonProperties;
import io.txmon.service.monitoring.DetectionMetrics;
import io.txmon.transaction.InvalidFieldException;
import io.txmon.transaction.Transaction;
import io.txmon.transaction.TransactionParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /detect} and {@code POST /detect/batch}: transactions decided as they arrive, each answered once its
 * decision is stored. Bodies are read exactly as JSON Lines records are, so a transaction refused in a file is
 * refused here with the same reason, naming the field.
 */
@RestController
class DetectController {
    /** Most transactions in one batch request. */
    static final int MAX_BATCH = 1_000;

    private final OnlineIngestion ingestion;
    private final TransactionJson.Reader transactionJson;
    private final DetectionMetrics metrics;
    private final Duration timeout;

    DetectController(OnlineIngestion ingestion, DetectionMetrics metrics, TxmonProperties properties) {
        this.ingestion = ingestion;
        this.transactionJson = TransactionJson.reader(new TransactionParser(properties.baseCurrency()));
        this.metrics = metrics;
        this.timeout = properties.detect().timeout();
    }

    @Operation(
            summary = "Decide on one transaction",
            description = "Scores the transaction with the account's history, stores it with its decision (an alert"
                    + " is opened for REVIEW and BLOCK) and answers once stored. A transaction_id sent before is"
                    + " answered with its first decision and duplicate = true.")
    @PostMapping(
            path = "/detect",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    DetectionResponse detect(
            @RequestBody(
                            description =
                                    "A transaction as the data contract describes it (docs/file-formats.md, Transactions)",
                            content = @Content(schema = @Schema(implementation = TransactionRequest.class)))
                    @org.springframework.web.bind.annotation.RequestBody
                    String body) {
        long start = System.nanoTime();
        Transaction transaction = transactionJson.parse(body);
        DetectionResponse response = DetectionResponse.of(ingestion.decide(transaction, timeout));
        metrics.answered(Duration.ofNanos(System.nanoTime() - start));
        return response;
    }

    @Operation(
            summary = "Decide on many transactions",
            description = "A JSON array of at most 1,000 transactions, decided in the order given; all are checked"
                    + " before any is decided, so a bad one refuses the whole request, naming its position and"
                    + " field.")
    @PostMapping(
            path = "/detect/batch",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    List<DetectionResponse> detectBatch(
            @RequestBody(
                            description = "At most 1,000 transactions",
                            content =
                                    @Content(
                                            array =
                                                    @ArraySchema(
                                                            schema =
                                                                    @Schema(
                                                                            implementation =
                                                                                    TransactionRequest.class))))
                    @org.springframework.web.bind.annotation.RequestBody
                    String body) {
        long start = System.nanoTime();
        List<String> elements = TransactionJson.elements(body);
        if (elements.size() > MAX_BATCH) {
            throw new InvalidFieldException(
                    "transactions", "holds " + elements.size() + " transactions, at most " + MAX_BATCH + " are taken");
        }
        List<Transaction> transactions = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            try {
                transactions.add(transactionJson.parse(elements.get(i)));
            } catch (InvalidFieldException e) {
                throw new InvalidFieldException("transactions[" + i + "]." + e.field(), problemOf(e));
            }
        }
        List<CompletableFuture<Detection>> answers =
                transactions.stream().map(ingestion::detect).toList();
        List<DetectionResponse> responses = new ArrayList<>(answers.size());
        for (CompletableFuture<Detection> answer : answers) {
            responses.add(DetectionResponse.of(OnlineIngestion.awaitStored(answer, timeout)));
        }
        metrics.answered(Duration.ofNanos(System.nanoTime() - start));
        return responses;
    }

    private static String problemOf(InvalidFieldException e) {
        String prefix = e.field() + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }
}
