package io.txmon.service.models;

import io.swagger.v3.oas.annotations.Operation;
import io.txmon.learning.Retraining;
import io.txmon.service.problems.NotFoundException;
import io.txmon.service.problems.QueryParameters;
import io.txmon.storage.ActiveSupervisedModel;
import io.txmon.storage.Database;
import io.txmon.storage.StoredSupervisedModels;
import io.txmon.storage.SupervisedModelVersion;
import io.txmon.storage.UnknownModelVersionException;
import io.txmon.transaction.InvalidFieldException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /models/supervised}, {@code POST /models/supervised/train} and {@code PUT /models/supervised/active}:
 * the registry of supervised models. They record the champion; they do not change what the service scores with.
 */
@RestController
class SupervisedModelsController {
    private static final Logger AUDIT = LoggerFactory.getLogger("txmon.audit");

    private final Database database;
    private final SupervisedRetraining retraining;
    private final Clock clock;

    SupervisedModelsController(Database database, SupervisedRetraining retraining, Clock clock) {
        this.database = database;
        this.retraining = retraining;
        this.clock = clock;
    }

    /** What a retraining decided, and the champion it was judged against on the same window. */
    record Retrained(SupervisedModelVersion model, Retraining.Verdict verdict, Optional<Retraining.Judged> champion) {}

    /** Which version to make the champion. */
    record Choice(String modelVersion) {}

    @Operation(summary = "Every supervised model kept, newest first, with its metrics, role and activation")
    @GetMapping("/models/supervised")
    List<SupervisedModelVersion> list() {
        return new StoredSupervisedModels(database).versions();
    }

    @Operation(
            summary = "Retrain the supervised model with the labels known at as_of (default now)",
            description = "Holds out the latest 20 % of labelled transactions; the new model becomes champion only"
                    + " when its PR-AUC there beats the champion's, else it is kept as challenger. 409 when too few"
                    + " labels are known.")
    @PostMapping("/models/supervised/train")
    Retrained train(@RequestParam(name = "as_of", required = false) String asOf, Principal principal) {
        Optional<Instant> at = QueryParameters.optionalInstant("as_of", asOf);
        Instant now = clock.instant();
        if (at.isPresent() && at.get().isAfter(now)) {
            throw new InvalidFieldException("as_of", "as-of must not be after now (" + now + "), was " + at.get());
        }
        Retraining.Outcome outcome = retraining.run(at, principal.getName());
        return new Retrained(outcome.model(), outcome.verdict(), outcome.champion());
    }

    @Operation(summary = "Make a kept supervised model the champion, the former one retired")
    @PutMapping(path = "/models/supervised/active", consumes = MediaType.APPLICATION_JSON_VALUE)
    SupervisedModelVersion activate(@RequestBody Choice choice, Principal principal) {
        SupervisedModelVersion champion;
        try {
            champion = ActiveSupervisedModel.activate(
                    database, choice == null ? null : choice.modelVersion(), principal.getName(), clock.instant());
        } catch (UnknownModelVersionException e) {
            throw new NotFoundException("model_version", e.getMessage());
        }
        AUDIT.info("supervised model {} made champion by {}", champion.version(), principal.getName());
        retraining.scoreWithTheChampion();
        return champion;
    }
}
