package io.txmon.service.models;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.service.TxmonProperties;
import io.txmon.service.problems.NotFoundException;
import io.txmon.service.problems.QueryParameters;
import io.txmon.storage.Database;
import io.txmon.storage.StoredModels;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.storage.UnknownModelVersionException;
import io.txmon.training.ModelDrift;
import io.txmon.training.ModelDrift.Drift;
import io.txmon.training.SupervisedDrift;
import java.time.Clock;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /models/{id}/drift}: how far recent traffic has moved from what a kept model was trained on. */
@RestController
class DriftController {
    private final Database database;
    private final OnlineIngestion ingestion;
    private final Duration recent;
    private final Duration labelDelay;
    private final Clock clock;

    DriftController(Database database, OnlineIngestion ingestion, TxmonProperties properties, Clock clock) {
        this.database = database;
        this.ingestion = ingestion;
        this.recent = properties.drift().recent();
        this.labelDelay = properties.retraining().labelDelay();
        this.clock = clock;
    }

    @Operation(
            summary = "The population stability index of each input of a kept model (anomaly or supervised) and of its"
                    + " score, between its training window and recent traffic",
            description = "Recent traffic is [from, to]: by default the last txmon.drift.recent (7 days) of event time"
                    + " up to the latest stored transaction. Each window is replayed from stored history, a month"
                    + " of warm-up before it, and sampled down to at most 50,000 transactions. Under 0.1 reads as"
                    + " stable, from 0.25 as shifted. A supervised model's history is decided as it was, outcomes"
                    + " learned once known; its score is the fraud probability.")
    @GetMapping("/models/{id}/drift")
    Drift drift(
            @Parameter(description = "a kept model version, such as if-3fa2c9d01b7e or sl-5d686596c874") @PathVariable
                    String id,
            @Parameter(description = "start of recent traffic, an ISO-8601 instant") @RequestParam(required = false)
                    String from,
            @Parameter(description = "end of recent traffic, an ISO-8601 instant") @RequestParam(required = false)
                    String to) {
        var start = QueryParameters.optionalInstant("from", from);
        var end = QueryParameters.optionalInstant("to", to);
        if (new StoredSupervisedModels(database).contains(id)) {
            return new SupervisedDrift(database, labelDelay, clock).measure(id, start, end, recent);
        }
        var model = new StoredModels(database)
                .model(id)
                .orElseThrow(() -> new NotFoundException(
                        "model_version",
                        new UnknownModelVersionException(QueryParameters.abbreviate(id)).getMessage()));
        return new ModelDrift(database, ingestion.rules().features()).measure(model, start, end, recent);
    }
}
