package io.txmon.service.models;

import io.swagger.v3.oas.annotations.Operation;
import io.txmon.ingest.OnlineIngestion;
import io.txmon.model.AnomalyModel;
import io.txmon.service.problems.NotFoundException;
import io.txmon.service.problems.QueryParameters;
import io.txmon.storage.ActiveModel;
import io.txmon.storage.Database;
import io.txmon.storage.StoredModels;
import io.txmon.storage.StoredModels.ModelVersion;
import io.txmon.storage.UnknownModelVersionException;
import io.txmon.training.TrainingFromHistory;
import io.txmon.transaction.InvalidFieldException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /models}, {@code POST /models/train} and {@code PUT /models/active}. */
@RestController
class ModelsController {
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");

    private final StoredModels models;
    private final Database database;
    private final OnlineIngestion ingestion;
    private final Clock clock;

    ModelsController(Database database, OnlineIngestion ingestion, Clock clock) {
        this.models = new StoredModels(database);
        this.database = database;
        this.ingestion = ingestion;
        this.clock = clock;
    }

    /** A newly trained version, and whether it is new (training the same window twice gives the same model). */
    record Trained(
            String modelVersion,
            boolean newVersion,
            long trainingTransactions,
            Instant trainedFrom,
            Instant trainedTo) {}

    /** Which version to score with. */
    record Choice(String modelVersion) {}

    @Operation(summary = "Every kept model version, newest first, with its training window and metrics")
    @GetMapping("/models")
    List<ModelVersion> list() {
        return models.versions();
    }

    @Operation(
            summary = "Train a new model on the stored transactions of [from, to] (all by default)",
            description = "Scoring then uses the active version, else the newest: with none chosen, the new one.")
    @PostMapping("/models/train")
    Trained train(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "42") long seed,
            Principal principal)
            throws Exception {
        TrainingFromHistory.Trained trained;
        try {
            trained = new TrainingFromHistory(database, ingestion.rules().features(), clock)
                    .train(
                            QueryParameters.optionalInstant("from", from),
                            QueryParameters.optionalInstant("to", to),
                            seed);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("from", e.getMessage());
        }
        ingestion.useModel(ActiveModel.resolve(database)).get(30, TimeUnit.SECONDS);
        AnomalyModel model = trained.model();
        AUDIT.info(
                "model {} trained by {} on {} transactions",
                model.version(),
                principal.getName(),
                model.training().transactions());
        return new Trained(
                model.version(),
                trained.newVersion(),
                model.training().transactions(),
                model.training().from(),
                model.training().to());
    }

    @Operation(summary = "Choose the model version scoring uses, from the next transaction on")
    @PutMapping(path = "/models/active", consumes = MediaType.APPLICATION_JSON_VALUE)
    Choice activate(@RequestBody Choice choice, Principal principal) throws Exception {
        AnomalyModel model;
        try {
            model = ActiveModel.activate(
                    database, choice == null ? null : choice.modelVersion(), principal.getName(), clock.instant());
        } catch (UnknownModelVersionException e) {
            throw new NotFoundException("model_version", e.getMessage());
        }
        ingestion.useModel(Optional.of(model)).get(30, TimeUnit.SECONDS);
        AUDIT.info("model {} made active by {}", model.version(), principal.getName());
        return new Choice(model.version());
    }
}
